#![allow(clippy::too_many_arguments)] // Python signatures with keyword arguments
//! `coaching._coaching`: the compiled half of the `coaching` Python package.
//!
//! A thin adapter over `coaching-core`: arguments are converted (aware datetimes, dates, enum
//! members or their names, Coach/Client objects as actors), the GIL is released around every
//! storage call, and each core error becomes its own exception class under `CoachingError`,
//! with its structured fields as attributes.

mod convert;
mod service;
mod types;

pub(crate) use convert::*;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    coaching,
    CoachingError,
    PyException,
    "Base class of every error the library raises."
);
create_exception!(
    coaching,
    NotFoundError,
    CoachingError,
    "The thing asked for does not exist (`kind`, `id`)."
);
create_exception!(
    coaching,
    PermissionDeniedError,
    CoachingError,
    "The actor may not do this (`reason`)."
);
create_exception!(
    coaching,
    InvalidTransitionError,
    CoachingError,
    "The status table forbids it (`from_status`, `to_status`)."
);
create_exception!(
    coaching,
    InvalidSessionTransitionError,
    CoachingError,
    "Only a Scheduled session changes status (`from_status`, `to_status`)."
);
create_exception!(
    coaching,
    EngagementNotActiveError,
    CoachingError,
    "This needs an Active engagement (`status`)."
);
create_exception!(
    coaching,
    NoPortalError,
    CoachingError,
    "Nothing can be shared with a client without a portal (`client_id`)."
);
create_exception!(
    coaching,
    FileTooLargeError,
    CoachingError,
    "The file is over the size limit (`size`, `limit`)."
);
create_exception!(
    coaching,
    PlanLimitError,
    CoachingError,
    "The plan does not allow one more (`what`, `limit`, `current`)."
);
create_exception!(
    coaching,
    MissingFieldsError,
    CoachingError,
    "Activation needs these fields (`missing`)."
);
create_exception!(
    coaching,
    ValidationError,
    CoachingError,
    "An input value is not acceptable (`field`, `reason`)."
);
create_exception!(
    coaching,
    ConflictError,
    CoachingError,
    "It conflicts with existing data, e.g. a double-booked coach (`reason`)."
);
create_exception!(
    coaching,
    SchemaTooNewError,
    CoachingError,
    "The file was written by a newer version (`found`, `supported`)."
);
create_exception!(
    coaching,
    StorageError,
    CoachingError,
    "The storage backend failed (`message`)."
);
create_exception!(
    coaching,
    NotCoachingFileError,
    CoachingError,
    "The file is not a coaching database: another application's, not a database, or empty \
     (`path`, `reason`). It was not changed."
);

/// The library version (from Cargo.toml).
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _coaching(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", VERSION)?;
    m.add("CoachingError", py.get_type::<CoachingError>())?;
    m.add("NotFoundError", py.get_type::<NotFoundError>())?;
    m.add(
        "PermissionDeniedError",
        py.get_type::<PermissionDeniedError>(),
    )?;
    m.add(
        "InvalidTransitionError",
        py.get_type::<InvalidTransitionError>(),
    )?;
    m.add(
        "InvalidSessionTransitionError",
        py.get_type::<InvalidSessionTransitionError>(),
    )?;
    m.add(
        "EngagementNotActiveError",
        py.get_type::<EngagementNotActiveError>(),
    )?;
    m.add("NoPortalError", py.get_type::<NoPortalError>())?;
    m.add("FileTooLargeError", py.get_type::<FileTooLargeError>())?;
    m.add("PlanLimitError", py.get_type::<PlanLimitError>())?;
    m.add("MissingFieldsError", py.get_type::<MissingFieldsError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("ConflictError", py.get_type::<ConflictError>())?;
    m.add("SchemaTooNewError", py.get_type::<SchemaTooNewError>())?;
    m.add("StorageError", py.get_type::<StorageError>())?;
    m.add(
        "NotCoachingFileError",
        py.get_type::<NotCoachingFileError>(),
    )?;
    types::register(m)?;
    m.add_class::<service::Coaching>()?;
    m.add_class::<service::ManualClock>()?;
    m.add_function(wrap_pyfunction!(service::open, m)?)?;
    m.add_function(wrap_pyfunction!(service::in_memory, m)?)?;
    Ok(())
}
