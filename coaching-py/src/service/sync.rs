//! Offline sync, the server's half: a device's request bytes in, the answer's bytes out.
//! Mirrors `coaching-core/src/service/sync.rs`.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Answers a device's sync request (its bytes) as the actor the host authenticated: runs
    /// its queued operations once each (a request sent again applies nothing twice) and
    /// returns the answer's bytes: each operation's outcome and the actor's changes after the
    /// device's cursor. See `docs/sync-design.md`.
    fn handle_sync<'py>(
        &self, py: Python<'py>, actor: Who, request: Vec<u8>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let answer = self.run(py, move |l| l.handle_sync(actor.0, &request))?;
        Ok(PyBytes::new(py, &answer))
    }
}
