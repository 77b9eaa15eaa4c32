//! Notes: writing, sharing, ordering, search. Mirrors `coaching-core/src/service/notes.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use std::time::SystemTime;

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    pub fn create_note(
        &self, actor: Actor, engagement_id: String, title: String, body_html: String,
        template_id: Option<String>,
    ) -> R<Note> {
        let new = core::NewNote {
            title,
            body_html,
            template: opt_id(template_id)?,
        };
        Ok(self
            .inner
            .create_note(actor.core()?, id(&engagement_id)?, new)?
            .into())
    }

    pub fn update_note(
        &self, actor: Actor, note_id: String, title: Option<String>, body_html: Option<String>,
    ) -> R<Note> {
        Ok(self
            .inner
            .update_note(
                actor.core()?,
                id(&note_id)?,
                core::NoteUpdate { title, body_html },
            )?
            .into())
    }

    pub fn set_note_shared(&self, actor: Actor, note_id: String, shared: bool) -> R<Note> {
        Ok(self
            .inner
            .set_note_shared(actor.core()?, id(&note_id)?, shared)?
            .into())
    }

    pub fn move_note(&self, actor: Actor, note_id: String, index: u32) -> R<Vec<Note>> {
        Ok(list(self.inner.move_note(
            actor.core()?,
            id(&note_id)?,
            index,
        )?))
    }

    pub fn delete_note(&self, actor: Actor, note_id: String) -> R<()> {
        Ok(self.inner.delete_note(actor.core()?, id(&note_id)?)?)
    }

    pub fn note(&self, actor: Actor, note_id: String) -> R<Note> {
        Ok(self.inner.note(actor.core()?, id(&note_id)?)?.into())
    }

    pub fn notes(&self, actor: Actor, engagement_id: String) -> R<Vec<Note>> {
        Ok(list(self.inner.notes(actor.core()?, id(&engagement_id)?)?))
    }

    pub fn search_notes(
        &self, actor: Actor, scope: NoteScope, keywords: Option<String>,
        edited_from: Option<SystemTime>, edited_to: Option<SystemTime>, offset: u32, limit: u32,
    ) -> R<Vec<NoteHit>> {
        let scope = match scope {
            NoteScope::Engagement { id: i } => core::NoteScope::Engagement(id(&i)?),
            NoteScope::Client { id: i } => core::NoteScope::Client(id(&i)?),
            NoteScope::Practice { id: i } => core::NoteScope::Practice(id(&i)?),
        };
        let q = core::NoteQuery {
            keywords,
            edited_from: edited_from.map(instant),
            edited_to: edited_to.map(instant),
            page: page(offset, limit),
        };
        Ok(list(self.inner.search_notes(actor.core()?, scope, q)?))
    }

    pub fn client_notes(
        &self, actor: Actor, client_id: String, offset: u32, limit: u32,
    ) -> R<Vec<Note>> {
        Ok(list(self.inner.client_notes(
            actor.core()?,
            id(&client_id)?,
            page(offset, limit),
        )?))
    }
}
