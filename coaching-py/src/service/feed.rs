//! The change feed. Mirrors `coaching-core/src/service/feed.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// What happened in the practice after the cursor `after` (an earlier page's `next`, or
    /// None for the beginning), oldest first, at most `limit` (1 to 1000) changes, filtered by
    /// the actor as every read is: the owner reads the practice, another coach what concerns
    /// their engagements, a client only what they may read (a shared note, never a private
    /// one; nothing of a Draft engagement) and never a change's `detail`. Cursors stay valid
    /// across reopening the store; a malformed one raises ValidationError (field "cursor").
    #[pyo3(signature = (actor, practice_id, *, after=None, limit=Count(100)))]
    #[pyo3(text_signature = "($self, actor, practice_id, *, after=None, limit=100)")]
    fn changes(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
        after: Option<String>, limit: Count<u32>,
    ) -> PyResult<ChangePage> {
        self.one(py, move |l| {
            let after = after.as_deref().map(core::Cursor::parse).transpose()?;
            l.changes(actor.0, practice_id.0, after.as_ref(), limit.0)
        })
    }
}
