//! Notes: writing, sharing, ordering, search. Mirrors `coaching-core/src/service/notes.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

/// Where a note search looks: the scope with its id, read as the scope's kind of id.
fn note_scope(scope: NoteScope, scope_id: &str) -> PyResult<core::NoteScope> {
    Ok(match scope {
        NoteScope::Engagement => core::NoteScope::Engagement(id(scope_id)?),
        NoteScope::Client => core::NoteScope::Client(id(scope_id)?),
        NoteScope::Practice => core::NoteScope::Practice(id(scope_id)?),
    })
}

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Creates a private note in an engagement; with `template_id` (an HTML or plain-text
    /// file of the practice library) the body comes from it, and the title too when none is
    /// given.
    #[pyo3(signature = (actor, engagement_id, title="", *, body_html="", template_id=None))]
    fn create_note(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, title: &str,
        body_html: &str, template_id: Option<Id<core::ResourceId>>,
    ) -> PyResult<Note> {
        let new = core::NewNote {
            title: title.into(),
            body_html: body_html.into(),
            template: template_id.map(|t| t.0),
        };
        self.one(py, move |l| l.create_note(actor.0, engagement_id.0, new))
    }

    /// Edits a note: `title`, `body_html`.
    #[pyo3(signature = (actor, note_id, **changes))]
    fn update_note(
        &self, py: Python<'_>, actor: Who, note_id: Id<core::NoteId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Note> {
        let c = Changes::new(changes, &["title", "body_html"])?;
        let u = core::NoteUpdate {
            title: c.set("title")?,
            body_html: c.set("body_html")?,
        };
        self.one(py, move |l| l.update_note(actor.0, note_id.0, u))
    }

    /// Shares a note with the engagement's client (who needs a portal), or stops sharing it
    /// (`shared=False`).
    #[pyo3(signature = (actor, note_id, shared=true))]
    fn share_note(
        &self, py: Python<'_>, actor: Who, note_id: Id<core::NoteId>, shared: bool,
    ) -> PyResult<Note> {
        self.one(py, move |l| l.set_note_shared(actor.0, note_id.0, shared))
    }

    /// Moves a note to `index` in its engagement's order (clamped to the end); returns the
    /// new order.
    fn move_note(
        &self, py: Python<'_>, actor: Who, note_id: Id<core::NoteId>, index: Count<u32>,
    ) -> PyResult<Vec<Note>> {
        self.many(py, move |l| l.move_note(actor.0, note_id.0, index.0))
    }

    /// Deletes a note and its comments.
    fn delete_note(&self, py: Python<'_>, actor: Who, note_id: Id<core::NoteId>) -> PyResult<()> {
        self.run(py, move |l| l.delete_note(actor.0, note_id.0))
    }

    /// One note: for its coaches, or its client while it is shared.
    fn note(&self, py: Python<'_>, actor: Who, note_id: Id<core::NoteId>) -> PyResult<Note> {
        self.one(py, move |l| l.note(actor.0, note_id.0))
    }

    /// An engagement's notes in their order: all of them for its coaches, the shared ones for
    /// its client.
    fn notes(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Vec<Note>> {
        self.many(py, move |l| l.notes(actor.0, engagement_id.0))
    }

    /// Searches notes in `scope` ("engagement", "client" or "practice", with `scope_id`).
    #[pyo3(signature = (actor, scope, scope_id, keywords=None, *, edited_from=None, edited_to=None, offset=Count(0), limit=Count(50)))]
    #[pyo3(
        text_signature = "($self, actor, scope, scope_id, keywords=None, *, edited_from=None, edited_to=None, offset=0, limit=50)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn search_notes(
        &self, py: Python<'_>, actor: Who, scope: Pick<NoteScope>, scope_id: &str,
        keywords: Option<String>, edited_from: Option<Dt<'_>>, edited_to: Option<Dt<'_>>,
        offset: Count<u32>, limit: Count<u32>,
    ) -> PyResult<Vec<NoteHit>> {
        let s = note_scope(scope.get("scope")?, scope_id)?;
        let q = core::NoteQuery {
            keywords,
            edited_from: edited_from.map(|d| d.utc("edited_from")).transpose()?,
            edited_to: edited_to.map(|d| d.utc("edited_to")).transpose()?,
            page: core::Page::new(offset.0, limit.0),
        };
        self.many(py, move |l| l.search_notes(actor.0, s, q))
    }

    /// Every note of a client across engagements, most recently edited first, paged.
    #[pyo3(signature = (actor, client_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, client_id, *, offset=0, limit=50)")]
    fn client_notes(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>, offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<Note>> {
        let page = core::Page::new(offset.0, limit.0);
        self.many(py, move |l| l.client_notes(actor.0, client_id.0, page))
    }

    /// Stops sharing a note with the engagement's client (`share_note(..., False)`).
    fn unshare_note(
        &self, py: Python<'_>, actor: Who, note_id: Id<core::NoteId>,
    ) -> PyResult<Note> {
        self.share_note(py, actor, note_id, false)
    }
}
