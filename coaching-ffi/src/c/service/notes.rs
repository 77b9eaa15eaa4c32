//! Notes: writing, sharing, ordering, search. Mirrors `coaching-core/src/service/notes.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

/// Creates a private note. `body_html` may be NULL (empty); `template_id` (NULL for none) is
/// an HTML or text file of the practice library.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_note(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, title: *const c_char, body_html: *const c_char,
    template_id: *const c_char, out: *mut *mut CoachingNote,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.create_note(
            a,
            id(engagement_id, "engagement_id")?,
            NewNote {
                title: text(title, "title")?.into(),
                body_html: opt_text(body_html, "body_html")?.unwrap_or_default().into(),
                template: opt_id(template_id, "template_id")?,
            },
        )?)
    })
}

/// Edits a note; NULL leaves a field. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_note(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, note_id: *const c_char,
    title: *const c_char, body_html: *const c_char, out: *mut *mut CoachingNote,
) -> CoachingResult {
    maybe(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.update_note(
            a,
            id(note_id, "note_id")?,
            NoteUpdate {
                title: opt_text(title, "title")?.map(Into::into),
                body_html: opt_text(body_html, "body_html")?.map(Into::into),
            },
        )?)
    })
}

/// Shares a note with the client, or stops sharing it. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_note_shared(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, note_id: *const c_char,
    shared: bool, out: *mut *mut CoachingNote,
) -> CoachingResult {
    maybe(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.set_note_shared(a, id(note_id, "note_id")?, shared)?)
    })
}

/// Moves a note to `index`; `out` (may be NULL) gets the new order (a list of `CoachingNote`).
#[no_mangle]
pub unsafe extern "C" fn coaching_move_note(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, note_id: *const c_char,
    index: u32, out: *mut *mut CoachingList,
) -> CoachingResult {
    maybe_list::<CoachingNote>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.move_note(a, id(note_id, "note_id")?, index)?)
    })
}

/// Deletes a note and its comments.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_note(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, note_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.delete_note(a, id(note_id, "note_id")?)?)
    })
}

/// One note.
#[no_mangle]
pub unsafe extern "C" fn coaching_note(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, note_id: *const c_char,
    out: *mut *mut CoachingNote,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.note(a, id(note_id, "note_id")?)?)
    })
}

/// An engagement's notes in order (a list of `CoachingNote`).
#[no_mangle]
pub unsafe extern "C" fn coaching_notes(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingNote>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.notes(a, id(engagement_id, "engagement_id")?)?)
    })
}

/// Searches notes. `scope_kind` 0: the engagement `scope_id`; 1: the client `scope_id`; 2: the
/// practice `scope_id`. `keywords` may be NULL; `edited_from`/`edited_to` are seconds since
/// the epoch, 0 for no bound. A list of `CoachingNoteHit`.
#[no_mangle]
pub unsafe extern "C" fn coaching_search_notes(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, scope_kind: i32,
    scope_id: *const c_char, keywords: *const c_char, edited_from: i64, edited_to: i64,
    offset: u32, limit: u32, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingNoteHit>(lib, actor_kind, actor_id, out, |l, a| {
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
    })
}

/// Every note of a client across engagements, most recently edited first (a list of
/// `CoachingNote`).
#[no_mangle]
pub unsafe extern "C" fn coaching_client_notes(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, client_id: *const c_char,
    offset: u32, limit: u32, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingNote>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.client_notes(a, id(client_id, "client_id")?, page(offset, limit))?)
    })
}
