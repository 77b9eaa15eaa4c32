//! Notes: writing, sharing, ordering, search. Mirrors `coaching-core/src/service/notes.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
    #[pyo3(signature = (actor, engagement_id, title="", *, body_html="", template_id=None))]
    fn create_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        title: &str,
        body_html: &str,
        template_id: Option<&str>,
    ) -> PyResult<Note> {
        let new = core::NewNote {
            title: title.into(),
            body_html: body_html.into(),
            template: opt_id(template_id)?,
        };
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.create_note(a, e, new))
            .map(|x| Note::from(&x))
    }

    /// Edits a note: `title`, `body_html`.
    #[pyo3(signature = (actor, note_id, **changes))]
    fn update_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Note> {
        let c = Changes::new(changes, &["title", "body_html"])?;
        let u = core::NoteUpdate {
            title: c.set("title")?,
            body_html: c.set("body_html")?,
        };
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.update_note(a, n, u))
            .map(|x| Note::from(&x))
    }

    #[pyo3(signature = (actor, note_id, shared=true))]
    fn share_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
        shared: bool,
    ) -> PyResult<Note> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.set_note_shared(a, n, shared))
            .map(|x| Note::from(&x))
    }

    fn move_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
        index: Count<u32>,
    ) -> PyResult<Vec<Note>> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.move_note(a, n, index.0))
            .map(|v| v.iter().map(Note::from).collect())
    }

    fn delete_note(&self, py: Python<'_>, actor: &Bound<'_, PyAny>, note_id: &str) -> PyResult<()> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.delete_note(a, n))
    }

    fn note(&self, py: Python<'_>, actor: &Bound<'_, PyAny>, note_id: &str) -> PyResult<Note> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.note(a, n)).map(|x| Note::from(&x))
    }

    fn notes(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<Note>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.notes(a, e))
            .map(|v| v.iter().map(Note::from).collect())
    }

    /// Searches notes in `scope` ("engagement", "client" or "practice", with `scope_id`).
    #[pyo3(signature = (actor, scope, scope_id, keywords=None, *, edited_from=None, edited_to=None, offset=Count(0), limit=Count(50)))]
    #[pyo3(
        text_signature = "($self, actor, scope, scope_id, keywords=None, *, edited_from=None, edited_to=None, offset=0, limit=50)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn search_notes(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        scope: &str,
        scope_id: &str,
        keywords: Option<String>,
        edited_from: Option<&Bound<'_, PyAny>>,
        edited_to: Option<&Bound<'_, PyAny>>,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<NoteHit>> {
        let s = match scope {
            "engagement" => core::NoteScope::Engagement(id(scope_id)?),
            "client" => core::NoteScope::Client(id(scope_id)?),
            "practice" => core::NoteScope::Practice(id(scope_id)?),
            other => {
                return Err(invalid(
                    "scope",
                    format!("`{other}` is not engagement, client or practice"),
                ))
            }
        };
        let q = core::NoteQuery {
            keywords,
            edited_from: opt_instant(edited_from, "edited_from")?,
            edited_to: opt_instant(edited_to, "edited_to")?,
            page: core::Page::new(offset.0, limit.0),
        };
        let a = actor_arg(actor)?;
        self.run(py, move |l| l.search_notes(a, s, q))
            .map(|v| v.iter().map(NoteHit::from).collect())
    }

    #[pyo3(signature = (actor, client_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, client_id, *, offset=0, limit=50)")]
    fn client_notes(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        client_id: &str,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<Note>> {
        let (a, c) = (actor_arg(actor)?, id(client_id)?);
        self.run(py, move |l| {
            l.client_notes(a, c, core::Page::new(offset.0, limit.0))
        })
        .map(|v| v.iter().map(Note::from).collect())
    }

    fn unshare_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
    ) -> PyResult<Note> {
        self.share_note(py, actor, note_id, false)
    }
}
