//! Notes: writing, sharing, ordering, search. Mirrors `coaching-core/src/service/notes.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Creates a private note. `body_html` may be NULL (empty); `template_id` (NULL for none) is
    /// an HTML or text file of the practice library.
    fn coaching_create_note(
        engagement_id: *const c_char, title: *const c_char, body_html: *const c_char,
        template_id: *const c_char
    ) -> one CoachingNote =
        |l, a| {
            Ok(l.create_note(
                a,
                id(engagement_id, "engagement_id")?,
                NewNote {
                    title: text(title, "title")?.into(),
                    body_html: opt_text(body_html, "body_html")?.unwrap_or_default().into(),
                    template: opt_id(template_id, "template_id")?,
                },
            )?)
        };

    /// Edits a note; NULL leaves a field. `out` may be NULL.
    fn coaching_update_note(
        note_id: *const c_char, title: *const c_char, body_html: *const c_char
    ) -> maybe CoachingNote =
        |l, a| {
            Ok(l.update_note(
                a,
                id(note_id, "note_id")?,
                NoteUpdate {
                    title: opt_text(title, "title")?.map(Into::into),
                    body_html: opt_text(body_html, "body_html")?.map(Into::into),
                },
            )?)
        };

    /// Shares a note with the client, or stops sharing it. `out` may be NULL.
    fn coaching_set_note_shared(note_id: *const c_char, shared: bool) -> maybe CoachingNote =
        |l, a| Ok(l.set_note_shared(a, id(note_id, "note_id")?, shared)?);

    /// Moves a note to `index`; `out` (may be NULL) gets the new order (a list of `CoachingNote`).
    fn coaching_move_note(note_id: *const c_char, index: u32) -> maybe_list CoachingNote =
        |l, a| Ok(l.move_note(a, id(note_id, "note_id")?, index)?);

    /// Deletes a note and its comments.
    fn coaching_delete_note(note_id: *const c_char) -> done =
        |l, a| Ok(l.delete_note(a, id(note_id, "note_id")?)?);

    /// One note.
    fn coaching_note(note_id: *const c_char) -> one CoachingNote =
        |l, a| Ok(l.note(a, id(note_id, "note_id")?)?);

    /// An engagement's notes in order (a list of `CoachingNote`).
    fn coaching_notes(engagement_id: *const c_char) -> list CoachingNote =
        |l, a| Ok(l.notes(a, id(engagement_id, "engagement_id")?)?);

    /// Searches notes. `scope_kind` 0: the engagement `scope_id`; 1: the client `scope_id`; 2: the
    /// practice `scope_id`. `keywords` may be NULL; `edited_from`/`edited_to` are seconds since
    /// the epoch, 0 for no bound. A list of `CoachingNoteHit`.
    fn coaching_search_notes(
        scope_kind: i32, scope_id: *const c_char, keywords: *const c_char, edited_from: i64,
        edited_to: i64, offset: u32, limit: u32
    ) -> list CoachingNoteHit =
        |l, a| {
            let scope = match scope_kind {
                0 => NoteScope::Engagement(id(scope_id, "scope_id")?),
                1 => NoteScope::Client(id(scope_id, "scope_id")?),
                2 => NoteScope::Practice(id(scope_id, "scope_id")?),
                other => return Err(invalid("scope_kind", format!("{other} is out of range"))),
            };
            let bound = |v: i64, name: &str| {
                if v == 0 {
                    Ok(None)
                } else {
                    instant(v, name).map(Some)
                }
            };
            let query = NoteQuery {
                keywords: opt_text(keywords, "keywords")?.map(Into::into),
                edited_from: bound(edited_from, "edited_from")?,
                edited_to: bound(edited_to, "edited_to")?,
                page: page(offset, limit),
            };
            Ok(l.search_notes(a, scope, query)?)
        };

    /// Every note of a client across engagements, most recently edited first (a list of
    /// `CoachingNote`).
    fn coaching_client_notes(
        client_id: *const c_char, offset: u32, limit: u32
    ) -> list CoachingNote =
        |l, a| Ok(l.client_notes(a, id(client_id, "client_id")?, page(offset, limit))?);
}
