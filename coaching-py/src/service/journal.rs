//! The client journal: a client's entries in an engagement, private until shared. Mirrors
//! `coaching-core/src/service/journal.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Writes an entry in the client's journal of an engagement (the engagement's own client,
    /// with a portal, while it is Active): private unless `shared=True`.
    #[pyo3(signature = (actor, engagement_id, title, *, body_html="", shared=false))]
    fn create_journal_entry(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, title: &str,
        body_html: &str, shared: bool,
    ) -> PyResult<JournalEntry> {
        let new = core::NewJournalEntry {
            title: title.into(),
            body_html: body_html.into(),
            shared,
        };
        self.one(py, move |l| {
            l.create_journal_entry(actor.0, engagement_id.0, new)
        })
    }

    /// Edits a journal entry (its author): `title`, `body_html`.
    #[pyo3(signature = (actor, entry_id, **changes))]
    fn update_journal_entry(
        &self, py: Python<'_>, actor: Who, entry_id: Id<core::JournalEntryId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<JournalEntry> {
        let c = Changes::new(changes, &["title", "body_html"])?;
        let u = core::JournalEntryUpdate {
            title: c.set("title")?,
            body_html: c.set("body_html")?,
        };
        self.one(py, move |l| l.update_journal_entry(actor.0, entry_id.0, u))
    }

    /// Shares a journal entry with the engagement's coach (its author), or makes it private
    /// again (`shared=False`).
    #[pyo3(signature = (actor, entry_id, shared=true))]
    fn share_journal_entry(
        &self, py: Python<'_>, actor: Who, entry_id: Id<core::JournalEntryId>, shared: bool,
    ) -> PyResult<JournalEntry> {
        self.one(py, move |l| {
            l.set_journal_entry_shared(actor.0, entry_id.0, shared)
        })
    }

    /// Makes a shared journal entry private again (`share_journal_entry(..., False)`).
    fn unshare_journal_entry(
        &self, py: Python<'_>, actor: Who, entry_id: Id<core::JournalEntryId>,
    ) -> PyResult<JournalEntry> {
        self.share_journal_entry(py, actor, entry_id, false)
    }

    /// Deletes a journal entry (its author).
    fn delete_journal_entry(
        &self, py: Python<'_>, actor: Who, entry_id: Id<core::JournalEntryId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.delete_journal_entry(actor.0, entry_id.0))
    }

    /// One journal entry: for its author, or while it is shared for the engagement's coach
    /// and the owner.
    fn journal_entry(
        &self, py: Python<'_>, actor: Who, entry_id: Id<core::JournalEntryId>,
    ) -> PyResult<JournalEntry> {
        self.one(py, move |l| l.journal_entry(actor.0, entry_id.0))
    }

    /// An engagement's journal, newest first: every entry for its client, the shared ones for
    /// its coach and the owner.
    fn journal(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Vec<JournalEntry>> {
        self.many(py, move |l| l.journal(actor.0, engagement_id.0))
    }
}
