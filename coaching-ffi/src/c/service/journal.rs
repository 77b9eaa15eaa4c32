//! The client journal: a client's entries in an engagement, private until shared. Mirrors
//! `coaching-core/src/service/journal.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Writes a journal entry (the engagement's client, while it is Active). `body_html` may be
    /// NULL (empty); `shared` shares it with the coach from the start.
    fn coaching_create_journal_entry(
        engagement_id: *const c_char, title: *const c_char, body_html: *const c_char, shared: bool
    ) -> one CoachingJournalEntry =
        |l, a| {
            Ok(l.create_journal_entry(
                a,
                id(engagement_id, "engagement_id")?,
                NewJournalEntry {
                    title: text(title, "title")?.into(),
                    body_html: opt_text(body_html, "body_html")?.unwrap_or_default().into(),
                    shared,
                },
            )?)
        };

    /// Edits a journal entry (its author); NULL leaves a field. `out` may be NULL.
    fn coaching_update_journal_entry(
        entry_id: *const c_char, title: *const c_char, body_html: *const c_char
    ) -> maybe CoachingJournalEntry =
        |l, a| {
            Ok(l.update_journal_entry(
                a,
                id(entry_id, "entry_id")?,
                JournalEntryUpdate {
                    title: opt_text(title, "title")?.map(Into::into),
                    body_html: opt_text(body_html, "body_html")?.map(Into::into),
                },
            )?)
        };

    /// Shares a journal entry with the coach, or makes it private again (its author). `out`
    /// may be NULL.
    fn coaching_set_journal_entry_shared(
        entry_id: *const c_char, shared: bool
    ) -> maybe CoachingJournalEntry =
        |l, a| Ok(l.set_journal_entry_shared(a, id(entry_id, "entry_id")?, shared)?);

    /// Deletes a journal entry (its author).
    fn coaching_delete_journal_entry(entry_id: *const c_char) -> done =
        |l, a| Ok(l.delete_journal_entry(a, id(entry_id, "entry_id")?)?);

    /// One journal entry: its author's, or a shared one for the engagement's coaches.
    fn coaching_journal_entry(entry_id: *const c_char) -> one CoachingJournalEntry =
        |l, a| Ok(l.journal_entry(a, id(entry_id, "entry_id")?)?);

    /// An engagement's journal, newest first: every entry for its client, the shared ones for
    /// its coaches (a list of `CoachingJournalEntry`).
    fn coaching_journal(engagement_id: *const c_char) -> list CoachingJournalEntry =
        |l, a| Ok(l.journal(a, id(engagement_id, "engagement_id")?)?);
}
