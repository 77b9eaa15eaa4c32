#![allow(clippy::too_many_arguments)] // Python signatures with keyword arguments
//! `coaching._coaching`: the compiled half of the `coaching` Python package.
//!
//! A thin adapter over `coaching-core`: arguments are converted (aware datetimes, dates, enum
//! members or their names, Coach/Client objects as actors), the GIL is released around every
//! storage call, and each core error becomes its own exception class under `CoachingError`,
//! with its structured fields as attributes.

mod api;
mod types;

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Utc};
use coaching_core as core;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDateTime, PyTzInfoAccess};

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

/// Converts a core error into its exception, with attributes.
pub(crate) fn err(e: core::Error) -> PyErr {
    Python::attach(|py| {
        let msg = e.to_string();
        let (pe, attrs): (PyErr, Vec<(&str, Py<PyAny>)>) = match &e {
            core::Error::NotFound { kind, id } => (
                NotFoundError::new_err(msg),
                vec![
                    (
                        "kind",
                        kind.as_str().into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    ("id", id.into_pyobject(py).unwrap().into_any().unbind()),
                ],
            ),
            core::Error::PermissionDenied { reason } => (
                PermissionDeniedError::new_err(msg),
                vec![(
                    "reason",
                    reason.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::InvalidTransition { from, to } => (
                InvalidTransitionError::new_err(msg),
                vec![
                    ("from_status", enum_value(py, "Status", from.as_str())),
                    ("to_status", enum_value(py, "Status", to.as_str())),
                ],
            ),
            core::Error::InvalidSessionTransition { from, to } => (
                InvalidSessionTransitionError::new_err(msg),
                vec![
                    (
                        "from_status",
                        enum_value(py, "SessionStatus", from.as_str()),
                    ),
                    ("to_status", enum_value(py, "SessionStatus", to.as_str())),
                ],
            ),
            core::Error::EngagementNotActive { status } => (
                EngagementNotActiveError::new_err(msg),
                vec![("status", enum_value(py, "Status", status.as_str()))],
            ),
            core::Error::NoPortal { client } => (
                NoPortalError::new_err(msg),
                vec![(
                    "client_id",
                    client.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::FileTooLarge { size, limit } => (
                FileTooLargeError::new_err(msg),
                vec![
                    ("size", size.into_pyobject(py).unwrap().into_any().unbind()),
                    (
                        "limit",
                        limit.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::PlanLimitReached {
                kind,
                limit,
                current,
            } => (
                PlanLimitError::new_err(msg),
                vec![
                    (
                        "what",
                        match kind {
                            core::LimitKind::ActiveEngagements => "active_engagements",
                            core::LimitKind::Coaches => "coaches",
                        }
                        .into_pyobject(py)
                        .unwrap()
                        .into_any()
                        .unbind(),
                    ),
                    (
                        "limit",
                        limit.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    (
                        "current",
                        current.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::MissingFields { fields } => (
                MissingFieldsError::new_err(msg),
                vec![(
                    "missing",
                    fields
                        .clone()
                        .into_pyobject(py)
                        .unwrap()
                        .into_any()
                        .unbind(),
                )],
            ),
            core::Error::Validation { field, reason } => (
                ValidationError::new_err(msg),
                vec![
                    (
                        "field",
                        field.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    (
                        "reason",
                        reason.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::Conflict { reason } => (
                ConflictError::new_err(msg),
                vec![(
                    "reason",
                    reason.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::SchemaTooNew { found, supported } => (
                SchemaTooNewError::new_err(msg),
                vec![
                    (
                        "found",
                        found.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                    (
                        "supported",
                        supported.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
            core::Error::Storage { message } => (
                StorageError::new_err(msg),
                vec![(
                    "message",
                    message.into_pyobject(py).unwrap().into_any().unbind(),
                )],
            ),
            core::Error::NotCoachingFile { path, reason } => (
                NotCoachingFileError::new_err(msg),
                vec![
                    ("path", path.into_pyobject(py).unwrap().into_any().unbind()),
                    (
                        "reason",
                        reason.into_pyobject(py).unwrap().into_any().unbind(),
                    ),
                ],
            ),
        };
        let value = pe.value(py);
        for (k, v) in attrs {
            let _ = value.setattr(k, v);
        }
        pe
    })
}

/// A validation error raised by the binding itself (same class and attributes as the core's).
pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> PyErr {
    err(core::Error::Validation {
        field: field.into(),
        reason: reason.into(),
    })
}

/// A member of one of the enums of `coaching._enums`.
pub(crate) fn enum_value(py: Python<'_>, class: &str, value: &str) -> Py<PyAny> {
    static ENUMS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = ENUMS.get_or_try_init(py, || py.import("coaching._enums").map(Bound::unbind));
    module
        .and_then(|m| {
            m.bind(py)
                .getattr(class)?
                .call1((value,))
                .map(Bound::unbind)
        })
        .unwrap_or_else(|_| value.into_pyobject(py).unwrap().into_any().unbind())
}

/// An enum argument: a member of the Python enum or its name.
pub(crate) fn enum_arg<T: Copy>(v: &str, values: &[(&str, T)], field: &str) -> PyResult<T> {
    values
        .iter()
        .find(|(n, _)| *n == v)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            invalid(
                field,
                format!(
                    "`{v}` is not one of {}",
                    values
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })
}

/// An id argument.
pub(crate) fn id<T: FromStr<Err = core::Error>>(s: &str) -> PyResult<T> {
    s.parse::<T>().map_err(err)
}

pub(crate) fn opt_id<T: FromStr<Err = core::Error>>(s: Option<&str>) -> PyResult<Option<T>> {
    s.map(id).transpose()
}

/// A non-negative integer argument. Python ints out of the type's range (negative, or too
/// large) raise `ValueError` naming the range, not the `OverflowError` of a C conversion.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Count<T>(pub T);

macro_rules! count_from_python {
    ($($t:ty),*) => {$(
        impl<'a, 'py> FromPyObject<'a, 'py> for Count<$t> {
            type Error = PyErr;
            fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                obj.extract::<$t>().map(Count).map_err(|e| out_of_range(obj.py(), e, <$t>::MAX as u128))
            }
        }
    )*};
}
count_from_python!(u32, u64);

/// A float argument (hours): an int too large for a float raises `ValueError`, not
/// `OverflowError`; NaN and infinities are the core's to refuse.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Real(pub f64);

impl<'a, 'py> FromPyObject<'a, 'py> for Real {
    type Error = PyErr;
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        obj.extract::<f64>().map(Real).map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(obj.py()) {
                pyo3::exceptions::PyValueError::new_err(
                    "out of range: too large for a number of hours",
                )
            } else {
                e
            }
        })
    }
}

/// An `OverflowError` from converting a Python int or float becomes a `ValueError`.
pub(crate) fn out_of_range(py: Python<'_>, e: PyErr, max: u128) -> PyErr {
    if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) {
        pyo3::exceptions::PyValueError::new_err(format!(
            "out of range: must be between 0 and {max}"
        ))
    } else {
        e
    }
}

/// A timezone-aware datetime argument, as UTC. Naive datetimes are refused.
pub(crate) fn instant(v: &Bound<'_, PyAny>, name: &str) -> PyResult<DateTime<Utc>> {
    let dt = v.cast::<PyDateTime>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name}: expected a datetime.datetime, got {}",
            v.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    if dt.get_tzinfo().is_none() {
        return Err(PyTypeError::new_err(format!(
            "{name}: naive datetime {}; pass a timezone-aware datetime (e.g. tzinfo=datetime.timezone.utc)",
            dt.str().map(|s| s.to_string()).unwrap_or_default()
        )));
    }
    // Any tzinfo (zoneinfo included): let Python convert to UTC, then read the fixed offset.
    // An aware datetime whose UTC instant falls outside Python's years 1–9999 overflows here:
    // the same validation error the core gives for an instant out of its range.
    let utc = dt
        .call_method1("astimezone", (pyo3::types::PyTzInfo::utc(v.py())?,))
        .map_err(|e| {
            if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(v.py()) {
                invalid(
                    name,
                    "outside the supported instants (1900-01-01 to 9998-12-31, UTC)",
                )
            } else {
                e
            }
        })?;
    let fixed: DateTime<FixedOffset> = utc.extract()?;
    Ok(fixed.with_timezone(&Utc))
}

pub(crate) fn opt_instant(
    v: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<DateTime<Utc>>> {
    v.filter(|v| !v.is_none())
        .map(|v| instant(v, name))
        .transpose()
}

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
    m.add_class::<api::Coaching>()?;
    m.add_class::<api::ManualClock>()?;
    m.add_function(wrap_pyfunction!(api::open, m)?)?;
    m.add_function(wrap_pyfunction!(api::in_memory, m)?)?;
    Ok(())
}
