//! The change feed. Mirrors `coaching-core/src/service/feed.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// What happened in the practice after the cursor `after` (the `next` of an earlier page,
    /// or NULL for the beginning), oldest first, at most `limit` (1 to 1000) changes, filtered
    /// by the actor as every read is: the owner reads the practice, another coach what
    /// concerns their engagements, a client only what they may read (a shared note, never a
    /// private one; nothing of a Draft engagement), and never a change's `detail`. Cursors
    /// stay valid across reopening the store. A malformed cursor is
    /// `COACHING_RESULT_VALIDATION` (field `cursor`).
    fn coaching_changes(
        practice_id: *const c_char, after: *const c_char, limit: u32
    ) -> one CoachingChangePage =
        |l, a| {
            let after = opt_text(after, "after")?.map(Cursor::parse).transpose()?;
            Ok(l.changes(a, id(practice_id, "practice_id")?, after.as_ref(), limit)?)
        };
}
