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
mod replica;
mod service;
mod types;

pub(crate) use convert::*;

use pyo3::prelude::*;

/// The library version (from Cargo.toml).
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _coaching(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // The library's diagnostics (coaching_core::diagnostics: migrations, slow statements,
    // storage errors) reach Python's `logging` under the logger "coaching" ("coaching.storage",
    // "coaching.storage.slow"): tracing's events become `log` records, which pyo3-log hands to
    // `logging`. Logger levels are read at each event (they are rare), so a host's logging
    // configuration applies whenever it is made. A host process that already installed a
    // Rust `log` logger keeps its own.
    let _ = pyo3_log::Logger::new(m.py(), pyo3_log::Caching::Nothing)?.install();
    m.add("__version__", VERSION)?;
    m.add_function(wrap_pyfunction!(set_slow_statement_threshold, m)?)?;
    m.add_function(wrap_pyfunction!(slow_statement_threshold, m)?)?;
    m.add_function(wrap_pyfunction!(enum_members, m)?)?;
    types::register(m)?;
    m.add_class::<service::Coaching>()?;
    m.add_class::<service::ManualClock>()?;
    m.add_class::<replica::Replica>()?;
    m.add_class::<replica::SyncOutcome>()?;
    m.add_class::<replica::SyncRefusal>()?;
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

/// Sets the duration from which a storage statement is logged as slow, for every store of the
/// process: a WARNING on the logger ``coaching.storage.slow`` with the statement's SQL text
/// (placeholders, never values) and its time. The default is 100 ms; ``timedelta(0)`` logs
/// every statement. Raises ``ValueError`` for a negative duration.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coaching._coaching")]
#[pyfunction]
fn set_slow_statement_threshold(threshold: chrono::TimeDelta) -> PyResult<()> {
    let d = threshold.to_std().map_err(|_| {
        pyo3::exceptions::PyValueError::new_err("the slow-statement threshold cannot be negative")
    })?;
    coaching_core::diagnostics::set_slow_statement_threshold(d);
    Ok(())
}

/// The duration from which a storage statement is logged as slow (default 100 ms).
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coaching._coaching")]
#[pyfunction]
fn slow_statement_threshold() -> chrono::TimeDelta {
    chrono::TimeDelta::from_std(coaching_core::diagnostics::slow_statement_threshold())
        .unwrap_or(chrono::TimeDelta::MAX)
}

pyo3_stub_gen::module_variable!("coaching._coaching", "__version__", String);
pyo3_stub_gen::define_stub_info_gatherer!(stub_info);
