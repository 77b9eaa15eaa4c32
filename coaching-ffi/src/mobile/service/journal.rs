//! The client journal: a client's entries in an engagement, private until shared. Mirrors
//! `coaching-core/src/service/journal.rs`.

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    pub fn create_journal_entry(
        &self, actor: Actor, engagement_id: String, title: String, body_html: String, shared: bool,
    ) -> R<JournalEntry> {
        let new = core::NewJournalEntry {
            title,
            body_html,
            shared,
        };
        Ok(self
            .inner
            .create_journal_entry(actor.core()?, id(&engagement_id)?, new)?
            .into())
    }

    pub fn update_journal_entry(
        &self, actor: Actor, entry_id: String, title: Option<String>, body_html: Option<String>,
    ) -> R<JournalEntry> {
        Ok(self
            .inner
            .update_journal_entry(
                actor.core()?,
                id(&entry_id)?,
                core::JournalEntryUpdate { title, body_html },
            )?
            .into())
    }

    pub fn set_journal_entry_shared(
        &self, actor: Actor, entry_id: String, shared: bool,
    ) -> R<JournalEntry> {
        Ok(self
            .inner
            .set_journal_entry_shared(actor.core()?, id(&entry_id)?, shared)?
            .into())
    }

    pub fn delete_journal_entry(&self, actor: Actor, entry_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_journal_entry(actor.core()?, id(&entry_id)?)?)
    }

    pub fn journal_entry(&self, actor: Actor, entry_id: String) -> R<JournalEntry> {
        Ok(self
            .inner
            .journal_entry(actor.core()?, id(&entry_id)?)?
            .into())
    }

    pub fn journal(&self, actor: Actor, engagement_id: String) -> R<Vec<JournalEntry>> {
        Ok(list(
            self.inner.journal(actor.core()?, id(&engagement_id)?)?,
        ))
    }
}
