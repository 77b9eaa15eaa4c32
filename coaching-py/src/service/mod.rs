//! The library handle for Python: `coaching.open`, `coaching.in_memory`, `ManualClock`, the
//! `Coaching` class with its context manager, batches, the clock and the upload limit. Mirrors
//! `coaching-core/src/service/mod.rs`.

mod archive;
mod assignments;
mod booking;
mod comments;
mod engagement;
mod export;
mod feed;
mod fields;
mod goals;
mod forms;
mod journal;
mod notes;
mod practice;
mod resources;
mod session;
mod sync;

use std::sync::RwLock;

use chrono::{DateTime, TimeDelta, Utc};
use coaching_core as core;
use core::Actor as CoreActor;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use crate::convert::*;
use crate::types::*;

/// A handle on a store (an SQLite file or memory). Thread-safe; usable as a context manager
/// (leaving the `with` block closes it).
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching")]
pub struct Coaching {
    lib: RwLock<Option<core::Coaching>>,
    path: Option<String>,
}

/// A clock that moves only when told to: `coaching.in_memory(clock=ManualClock(start))` puts a
/// library on it, so that a host's tests control "now" (`set`, `advance`).
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(module = "coaching", frozen)]
pub struct ManualClock(pub(crate) core::ManualClock);

#[gen_stub_pymethods]
#[pymethods]
impl ManualClock {
    /// A clock standing at `start` (a timezone-aware datetime; a naive one raises `TypeError`)
    /// until moved with `set` or `advance`.
    #[new]
    fn new(start: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(ManualClock(core::ManualClock::new(instant(
            start, "start",
        )?)))
    }

    /// Moves the clock to `at` (an aware datetime; backwards is allowed).
    fn set(&self, at: &Bound<'_, PyAny>) -> PyResult<()> {
        self.0.set(instant(at, "at")?);
        Ok(())
    }

    /// Moves the clock forward by `by` (a `datetime.timedelta`).
    fn advance(&self, by: TimeDelta) {
        self.0.advance(by)
    }

    /// The clock's time, as an aware datetime in UTC.
    fn now(&self) -> DateTime<Utc> {
        core::Clock::now(&self.0)
    }

    fn __repr__(&self) -> String {
        format!("ManualClock({})", core::Clock::now(&self.0).to_rfc3339())
    }
}

/// Opens a store, on the system clock or on `clock`: the PostgreSQL database of a
/// `postgresql://user@host/db` URL, otherwise the SQLite file at `path` (created if needed).
#[gen_stub_pyfunction(module = "coaching._coaching")]
#[pyfunction]
#[pyo3(signature = (path, *, clock=None))]
pub fn open(
    py: Python<'_>, path: std::path::PathBuf, clock: Option<&Bound<'_, ManualClock>>,
) -> PyResult<Coaching> {
    let shown = core::shown_location(&path);
    let clock = clock.map(|c| c.get().0.clone());
    let lib = py
        .detach(move || {
            let store = core::open_store(&path)?;
            Ok::<_, core::Error>(match clock {
                Some(c) => core::Coaching::with_clock(store, c),
                None => core::Coaching::new(store),
            })
        })
        .map_err(err)?;
    Ok(Coaching {
        lib: RwLock::new(Some(lib)),
        path: Some(shown),
    })
}

/// A store in memory, gone when closed; on the system clock or on `clock`.
#[gen_stub_pyfunction(module = "coaching._coaching")]
#[pyfunction]
#[pyo3(signature = (*, clock=None))]
pub fn in_memory(clock: Option<&Bound<'_, ManualClock>>) -> Coaching {
    let lib = match clock {
        Some(c) => core::Coaching::with_clock(core::MemoryStore::new(), c.get().0.clone()),
        None => core::Coaching::in_memory(),
    };
    Coaching {
        lib: RwLock::new(Some(lib)),
        path: None,
    }
}

impl Coaching {
    /// A handle on `lib` (a replica's view).
    pub(crate) fn wrap(lib: core::Coaching) -> Coaching {
        Coaching {
            lib: RwLock::new(Some(lib)),
            path: None,
        }
    }

    fn lib(&self) -> PyResult<core::Coaching> {
        self.lib
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                err(core::Error::Storage {
                    message: "the store is closed".into(),
                })
            })
    }

    /// Runs `f` on the library with the GIL released.
    fn run<T: Send>(
        &self, py: Python<'_>, f: impl FnOnce(&core::Coaching) -> core::Result<T> + Send,
    ) -> PyResult<T> {
        let lib = self.lib()?;
        py.detach(move || f(&lib)).map_err(err)
    }

    /// Runs `f` and converts its one result.
    fn one<T: Send, R: for<'a> From<&'a T>>(
        &self, py: Python<'_>, f: impl FnOnce(&core::Coaching) -> core::Result<T> + Send,
    ) -> PyResult<R> {
        self.run(py, f).map(|x| R::from(&x))
    }

    /// Runs `f` and converts each item of its list.
    fn many<T: Send, R: for<'a> From<&'a T>>(
        &self, py: Python<'_>, f: impl FnOnce(&core::Coaching) -> core::Result<Vec<T>> + Send,
    ) -> PyResult<Vec<R>> {
        self.run(py, f).map(|v| v.iter().map(R::from).collect())
    }

    /// Runs a change of engagement `e`, then reads its overview line (what the Python API
    /// returns for an engagement), both in one call with the GIL released.
    fn changed<T>(
        &self, py: Python<'_>, a: CoreActor, e: core::EngagementId,
        op: impl FnOnce(&core::Coaching) -> core::Result<T> + Send,
    ) -> PyResult<Engagement> {
        self.run(py, move |l| {
            op(l)?;
            l.engagement(a, e)
        })
        .map(Engagement::from)
    }

    fn overview_of(
        &self, py: Python<'_>, a: CoreActor, e: core::EngagementId,
    ) -> PyResult<Engagement> {
        self.run(py, move |l| l.engagement(a, e))
            .map(Engagement::from)
    }
}

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __exit__(
        &self, _t: Option<&Bound<'_, PyAny>>, _v: Option<&Bound<'_, PyAny>>,
        _tb: Option<&Bound<'_, PyAny>>,
    ) -> bool {
        self.close();
        false
    }

    /// Releases the store (the file is checkpointed and closed once no call is running).
    fn close(&self) {
        self.lib.write().unwrap_or_else(|p| p.into_inner()).take();
    }

    fn __repr__(&self) -> String {
        match &self.path {
            Some(p) => format!("coaching.open({p:?})"),
            None => "coaching.in_memory()".into(),
        }
    }

    /// The library clock's current time, as an aware datetime in UTC.
    fn now(&self) -> PyResult<DateTime<Utc>> {
        Ok(self.lib()?.now())
    }

    /// Runs `body(lib)` as one transaction and returns what it returns: every call it makes on
    /// `lib` (on this thread) keeps its rules and its own atomicity — a refused call changes
    /// nothing, and `body` may catch the error and carry on — and all of them commit together
    /// when `body` returns. If `body` raises, everything is rolled back and the exception
    /// propagates. Other threads' writes wait for the batch.
    fn batch(slf: &Bound<'_, Self>, body: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let lib = slf.get().lib()?;
        let this = slf.clone().unbind();
        let body = body.clone().unbind();
        let mut raised: Option<PyErr> = None;
        let result = py.detach(|| {
            lib.batch(|_| {
                Python::attach(|py| body.call1(py, (this.clone_ref(py),))).map_err(|e| {
                    raised = Some(e);
                    core::Error::Storage {
                        message: "the batch body raised: rolled back".into(),
                    }
                })
            })
        });
        match (result, raised) {
            (Err(_), Some(e)) => Err(e),
            (r, _) => r.map_err(err),
        }
    }

    /// The largest file uploads accept, in bytes.
    #[getter]
    fn max_file_bytes(&self) -> PyResult<u64> {
        Ok(self.lib()?.max_file_bytes())
    }

    /// The largest file uploads accept, in bytes (default 25 MiB); a larger upload raises
    /// `FileTooLargeError` and stores nothing. Assigning a negative limit raises `ValueError`.
    #[setter]
    fn set_max_file_bytes(&self, limit: Count<u64>) -> PyResult<()> {
        self.lib()?.set_max_file_bytes(limit.0);
        Ok(())
    }
}
