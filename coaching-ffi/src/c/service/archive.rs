//! Archive and erasure of clients. Mirrors `coaching-core/src/service/archive.rs`.

use std::ffi::c_char;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Archives a client (out of the directory, everything kept), or restores one (`archived`
    /// false). `out` may be NULL.
    fn coaching_set_client_archived(client_id: *const c_char, archived: bool) -> maybe CoachingClient =
        |l, a| Ok(l.set_client_archived(a, id(client_id, "client_id")?, archived)?);

    /// The practice's archived clients, erased ones included (a list of `CoachingClient`).
    fn coaching_archived_clients(practice_id: *const c_char) -> list CoachingClient =
        |l, a| Ok(l.archived_clients(a, id(practice_id, "practice_id")?)?);

    /// Erases a client for good (the owner): their personal data and everything they wrote go;
    /// an anonymous row stays. `out` (may be NULL) gets that row.
    fn coaching_erase_client(client_id: *const c_char) -> maybe CoachingClient =
        |l, a| Ok(l.erase_client(a, id(client_id, "client_id")?)?);
}
