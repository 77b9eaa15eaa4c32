//! Archive and erasure of clients. Mirrors `coaching-core/src/service/archive.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Archives a client (any coach): out of `clients`, everything kept, restorable. A client
    /// with an Active engagement raises `ConflictError`.
    fn archive_client(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>,
    ) -> PyResult<Client> {
        self.one(py, move |l| l.set_client_archived(actor.0, client_id.0, true))
    }

    /// Restores an archived client to the directory (an erased one raises `ConflictError`).
    fn restore_client(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>,
    ) -> PyResult<Client> {
        self.one(py, move |l| l.set_client_archived(actor.0, client_id.0, false))
    }

    /// The practice's archived clients, erased ones included (any coach).
    fn archived_clients(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
    ) -> PyResult<Vec<Client>> {
        self.many(py, move |l| l.archived_clients(actor.0, practice_id.0))
    }

    /// Erases a client for good (the owner): their name, e-mail, portal and everything they
    /// or their coach wrote in their engagements go; the engagements' counts and the log stay
    /// with an anonymous reference. Returns the anonymous row.
    fn erase_client(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>,
    ) -> PyResult<Client> {
        self.one(py, move |l| l.erase_client(actor.0, client_id.0))
    }
}
