//! The client journal: a client writes entries in their engagement, private to them until
//! they share one with the engagement's coach (who, with the owner, then reads it). Only the
//! author edits, shares, unshares or deletes an entry; a coach never sees an unshared one, nor
//! its log entries.

use crate::activity::{Action, Audience, TargetRef};
use crate::actor::Actor;
use crate::auth::{self, Viewer};
use crate::content::{JournalEntry, JournalEntryUpdate, NewJournalEntry};
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::html;
use crate::ids::{EngagementId, EntityKind, JournalEntryId};
use crate::storage::Reader;
use crate::validate;

use super::engagement::{fetch, load};
use super::notes::clean_html;
use super::Coaching;

fn target(j: &JournalEntry) -> TargetRef {
    TargetRef::new(EntityKind::JournalEntry, *j.id.as_uuid())
}

/// Who reads an entry's log entries: the engagement's coaches and client once it is shared,
/// its author alone before.
fn audience(shared: bool) -> Audience {
    if shared {
        Audience::Client
    } else {
        Audience::Own
    }
}

fn load_entry(
    r: &dyn Reader,
    actor: Actor,
    id: JournalEntryId,
) -> Result<(JournalEntry, Engagement)> {
    let j = r
        .journal_entry(id)?
        .ok_or_else(|| Error::not_found(EntityKind::JournalEntry, id))?;
    auth::hide_foreign(r, actor, j.practice_id, EntityKind::JournalEntry, id)?;
    let e = fetch(r, j.engagement_id)?;
    Ok((j, e))
}

/// The entry's author, allowed to change it: writing (editing, sharing) needs the engagement
/// Active as any client write does; withdrawing (unsharing, deleting) needs only that the
/// client may still read the engagement.
fn author(
    r: &dyn Reader,
    actor: Actor,
    e: &Engagement,
    j: &JournalEntry,
    write: bool,
) -> Result<()> {
    if actor != Actor::Client(j.client_id) {
        // Anyone else of the practice may at most read it: say so in their own terms first.
        auth::view(r, actor, e)?;
        return Err(Error::denied("only its author changes a journal entry"));
    }
    if write {
        auth::write_in(r, actor, e)?;
    } else {
        auth::view_contents(r, actor, e)?;
    }
    Ok(())
}

impl Coaching {
    /// Writes an entry in the client's journal of an engagement (the engagement's own client,
    /// with a portal, while it is Active). Private to the client unless `shared`. The body is
    /// sanitised.
    pub fn create_journal_entry(
        &self,
        actor: Actor,
        engagement: EngagementId,
        new: NewJournalEntry,
    ) -> Result<JournalEntry> {
        let title = validate::name("title", &new.title)?;
        let body_html = clean_html("body_html", &new.body_html)?;
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            let client =
                match auth::write_in(tx.r(), actor, &e)? {
                    Viewer::Client(c) => c,
                    Viewer::Coach => return Err(Error::denied(
                        "the journal is the client's: only the engagement's client writes in it",
                    )),
                };
            let entry = JournalEntry {
                id: JournalEntryId::new(),
                practice_id: e.practice_id,
                engagement_id: e.id,
                client_id: client.id,
                title: title.clone(),
                body_text: html::plain_text(&body_html),
                body_html: body_html.clone(),
                shared: new.shared,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_journal_entry(&entry)?;
            tx.log_to(
                audience(entry.shared),
                e.practice_id,
                Some(e.id),
                actor,
                Action::JournalEntryCreated,
                target(&entry),
                Some(entry.title.clone()),
            )?;
            Ok(entry)
        })
    }

    /// Edits a journal entry's title or body (its author, while the engagement is Active).
    pub fn update_journal_entry(
        &self,
        actor: Actor,
        id: JournalEntryId,
        update: JournalEntryUpdate,
    ) -> Result<JournalEntry> {
        let title = update
            .title
            .as_deref()
            .map(|t| validate::name("title", t))
            .transpose()?;
        let body = update
            .body_html
            .as_deref()
            .map(|b| clean_html("body_html", b))
            .transpose()?;
        self.write(|tx| {
            let (mut j, e) = load_entry(tx.r(), actor, id)?;
            author(tx.r(), actor, &e, &j, true)?;
            if let Some(t) = &title {
                j.title = t.clone();
            }
            if let Some(b) = &body {
                j.body_text = html::plain_text(b);
                j.body_html = b.clone();
            }
            j.updated_at = tx.now;
            tx.w.save_journal_entry(&j)?;
            tx.log_to(
                audience(j.shared),
                e.practice_id,
                Some(e.id),
                actor,
                Action::JournalEntryUpdated,
                target(&j),
                Some(j.title.clone()),
            )?;
            Ok(j)
        })
    }

    /// Shares a journal entry with the engagement's coach (its author, while the engagement is
    /// Active), or makes it private again (its author, whenever they may read the engagement).
    pub fn set_journal_entry_shared(
        &self,
        actor: Actor,
        id: JournalEntryId,
        shared: bool,
    ) -> Result<JournalEntry> {
        self.write(|tx| {
            let (mut j, e) = load_entry(tx.r(), actor, id)?;
            author(tx.r(), actor, &e, &j, shared)?;
            if j.shared == shared {
                return Ok(j);
            }
            j.shared = shared;
            j.updated_at = tx.now;
            tx.w.save_journal_entry(&j)?;
            let action = if shared {
                Action::JournalEntryShared
            } else {
                Action::JournalEntryUnshared
            };
            // Both are the coach's to know: a withdrawn entry leaves their view.
            tx.log_to(
                Audience::Client,
                e.practice_id,
                Some(e.id),
                actor,
                action,
                target(&j),
                Some(j.title.clone()),
            )?;
            Ok(j)
        })
    }

    /// Deletes a journal entry (its author, whenever they may read the engagement).
    pub fn delete_journal_entry(&self, actor: Actor, id: JournalEntryId) -> Result<()> {
        self.write(|tx| {
            let (j, e) = load_entry(tx.r(), actor, id)?;
            author(tx.r(), actor, &e, &j, false)?;
            tx.w.delete_journal_entry(id)?;
            tx.log_to(
                audience(j.shared),
                e.practice_id,
                Some(e.id),
                actor,
                Action::JournalEntryDeleted,
                target(&j),
                Some(j.title.clone()),
            )
        })
    }

    /// One journal entry: for its author, or, while it is shared, for the engagement's coach
    /// and the owner.
    pub fn journal_entry(&self, actor: Actor, id: JournalEntryId) -> Result<JournalEntry> {
        self.read(|r| {
            let (j, e) = load_entry(r, actor, id)?;
            if actor == Actor::Client(j.client_id) {
                auth::view_contents(r, actor, &e)?;
                return Ok(j);
            }
            auth::manage(r, actor, &e)?;
            if !j.shared {
                return Err(Error::denied("the journal entry is private to its client"));
            }
            Ok(j)
        })
    }

    /// An engagement's journal, newest first: for its client, every entry they wrote; for its
    /// coach and the owner, the shared ones.
    pub fn journal(&self, actor: Actor, engagement: EngagementId) -> Result<Vec<JournalEntry>> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            match auth::view_contents(r, actor, &e)? {
                Viewer::Client(c) => r.journal(e.id, Some(c.id), false),
                Viewer::Coach => r.journal(e.id, None, true),
            }
        })
    }
}
