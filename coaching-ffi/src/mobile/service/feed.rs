//! The change feed. Mirrors `coaching-core/src/service/feed.rs`.

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    /// What happened in the practice after the cursor `after` (an earlier page's `next`, or
    /// null for the beginning), oldest first, at most `limit` (1 to 1000) changes, filtered by
    /// the actor as every read is. Cursors stay valid across reopening the store.
    pub fn changes(
        &self, actor: Actor, practice_id: String, after: Option<String>, limit: u32,
    ) -> R<ChangePage> {
        let after = after.as_deref().map(core::Cursor::parse).transpose()?;
        Ok(self
            .inner
            .changes(actor.core()?, id(&practice_id)?, after.as_ref(), limit)?
            .into())
    }
}
