#![allow(clippy::too_many_arguments)] // Python signatures with keyword arguments
//! `coaching._coaching`: the compiled half of the `coaching` Python package.
//!
//! A thin adapter over `coaching-core`: arguments are converted (aware datetimes, dates, enum
//! members or their names, Coach/Client objects as actors), the GIL is released around every
//! storage call, and each core error becomes its own exception class under `CoachingError`
//! (defined in `coaching/_errors.py`), with its structured fields as attributes. The type
//! stubs of this module are generated from these sources (`cargo run -p coaching-py --bin
//! stub_gen`), never written by hand.

mod convert;
pub mod enums;
mod service;
mod types;

pub(crate) use convert::*;

use pyo3::prelude::*;

/// The library version (from Cargo.toml).
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _coaching(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", VERSION)?;
    m.add_function(wrap_pyfunction!(enum_members, m)?)?;
    types::register(m)?;
    m.add_class::<service::Coaching>()?;
    m.add_class::<service::ManualClock>()?;
    m.add_function(wrap_pyfunction!(service::open, m)?)?;
    m.add_function(wrap_pyfunction!(service::in_memory, m)?)?;
    Ok(())
}

/// `(name, doc, [values])` of every enum of `coaching._enums`, which builds them from it.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coaching._coaching")]
#[pyfunction]
fn enum_members() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    enums::enum_tables()
        .into_iter()
        .map(|t| (t.name, t.doc, t.values))
        .collect()
}

pyo3_stub_gen::module_variable!("coaching._coaching", "__version__", String);
pyo3_stub_gen::define_stub_info_gatherer!(stub_info);
