//! Notes: create (optionally from a library template), edit, share/unshare, move, delete,
//! list, a client's notes across engagements, and full-text search.

use crate::activity::{Action, Page, TargetRef};
use crate::actor::Actor;
use crate::auth::{self, ClientScope, Viewer};
use crate::content::*;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::html;
use crate::ids::{ClientId, EngagementId, EntityKind, NoteId, PracticeId, ResourceId};
use crate::storage::{NoteSearch, Reader};
use crate::validate;

use super::feed::note_audience;
use super::engagement::{fetch, load};
use super::{Coaching, Tx};

/// Most search words honoured.
const MAX_TERMS: usize = 16;

/// Where a note search or list looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteScope {
    /// One engagement.
    Engagement(EngagementId),
    /// Every engagement of one client (the client page's Notes).
    Client(ClientId),
    /// The whole practice (the owner), or the coach's own engagements (another coach).
    Practice(PracticeId),
}

fn target(n: &Note) -> TargetRef {
    TargetRef::new(EntityKind::Note, *n.id.as_uuid())
}

pub(crate) fn load_note(r: &dyn Reader, actor: Actor, id: NoteId) -> Result<(Note, Engagement)> {
    let n = r
        .note(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Note, id))?;
    auth::hide_foreign(r, actor, n.practice_id, EntityKind::Note, id)?;
    let e = fetch(r, n.engagement_id)?;
    Ok((n, e))
}

/// Cleans rich text from a host, refusing what is too large.
pub(crate) fn clean_html(field: &str, html_in: &str) -> Result<String> {
    if html_in.len() > html::MAX_HTML_BYTES {
        return Err(Error::invalid(
            field,
            format!("longer than {} bytes", html::MAX_HTML_BYTES),
        ));
    }
    Ok(html::sanitize(html_in))
}

/// Whether `viewer` may see note `n`: coaches always, the client only while it is shared.
pub(crate) fn can_see_note(viewer: &Viewer, n: &Note) -> bool {
    !matches!(viewer, Viewer::Client(_)) || n.shared
}

/// Search words as the full-text index sees them: lower-case, split on anything that is not a
/// letter or digit.
fn terms(keywords: &str) -> Result<Vec<String>> {
    let terms: Vec<String> = keywords
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().chars().take(64).collect())
        .take(MAX_TERMS)
        .collect();
    if terms.is_empty() {
        return Err(Error::invalid("keywords", "no word to search for"));
    }
    Ok(terms)
}

fn renumber(tx: &mut Tx<'_>, mut notes: Vec<Note>) -> Result<()> {
    for (i, n) in notes.iter_mut().enumerate() {
        if n.position != i as u32 {
            n.position = i as u32;
            tx.w.save_note(n)?;
        }
    }
    Ok(())
}

impl Coaching {
    /// Creates a private note in an engagement (its coach or the owner). With a template (an
    /// HTML or plain-text file of the practice library) the body comes from it, and the title
    /// too when none is given. The body is sanitised.
    pub fn create_note(
        &self,
        actor: Actor,
        engagement: EngagementId,
        new: NewNote,
    ) -> Result<Note> {
        let given_title = validate::optional_name("title", Some(&new.title))?;
        let body = clean_html("body_html", &new.body_html)?;
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::manage(tx.r(), actor, &e)?;
            let (title, body_html) = match new.template {
                Some(t) => {
                    let (name, template_html) = template(tx.r(), t, e.practice_id)?;
                    let body = if new.body_html.trim().is_empty() {
                        template_html
                    } else {
                        body
                    };
                    (given_title.unwrap_or(name), body)
                }
                None => (
                    given_title.ok_or_else(|| Error::invalid("title", "must not be empty"))?,
                    body,
                ),
            };
            let position = tx.r().note_count(e.id)?;
            let note = Note {
                id: NoteId::new(),
                practice_id: e.practice_id,
                engagement_id: e.id,
                body_text: html::plain_text(&body_html),
                title,
                body_html,
                position,
                shared: false,
                created_by: actor,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_note(&note)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::NoteCreated,
                target(&note),
                Some(note.title.clone()),
            )?;
            Ok(note)
        })
    }

    /// Edits a note's title or body (its engagement's coach or the owner).
    pub fn update_note(&self, actor: Actor, id: NoteId, update: NoteUpdate) -> Result<Note> {
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
            let (mut n, e) = load_note(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            if let Some(t) = title {
                n.title = t;
            }
            if let Some(b) = body {
                n.body_text = html::plain_text(&b);
                n.body_html = b;
            }
            n.updated_at = tx.now;
            tx.w.save_note(&n)?;
            tx.log_to(
                note_audience(n.shared, n.shared),
                e.practice_id,
                Some(e.id),
                actor,
                Action::NoteUpdated,
                target(&n),
                Some(n.title.clone()),
            )?;
            Ok(n)
        })
    }

    /// Shares a note with the engagement's client, or stops sharing it (its coach or the
    /// owner). Sharing needs a client with a portal ([`Error::NoPortal`]); notes are shared
    /// only from their engagement.
    pub fn set_note_shared(&self, actor: Actor, id: NoteId, shared: bool) -> Result<Note> {
        self.write(|tx| {
            let (mut n, e) = load_note(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            if shared {
                require_portal(tx.r(), &e)?;
            }
            if n.shared == shared {
                return Ok(n);
            }
            n.shared = shared;
            tx.w.save_note(&n)?;
            let action = if shared {
                Action::NoteShared
            } else {
                Action::NoteUnshared
            };
            tx.log_to(
                note_audience(!shared, shared),
                e.practice_id,
                Some(e.id),
                actor,
                action,
                target(&n),
                Some(n.title.clone()),
            )?;
            Ok(n)
        })
    }

    /// Moves a note to `index` in its engagement's order (clamped to the end).
    pub fn move_note(&self, actor: Actor, id: NoteId, index: u32) -> Result<Vec<Note>> {
        self.write(|tx| {
            let (n, e) = load_note(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            let mut notes = tx.r().notes(e.id)?;
            let from = notes
                .iter()
                .position(|x| x.id == id)
                .ok_or_else(|| Error::not_found(EntityKind::Note, id))?;
            let moving = notes.remove(from);
            let to = (index as usize).min(notes.len());
            notes.insert(to, moving);
            renumber(tx, notes)?;
            let detail = format!("{} → position {to}", n.title);
            tx.log_to(
                note_audience(n.shared, n.shared),
                e.practice_id,
                Some(e.id),
                actor,
                Action::NoteMoved,
                target(&n),
                Some(detail),
            )?;
            tx.r().notes(e.id)
        })
    }

    /// Deletes a note and its comments (its engagement's coach or the owner).
    pub fn delete_note(&self, actor: Actor, id: NoteId) -> Result<()> {
        self.write(|tx| {
            let (n, e) = load_note(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            tx.w.delete_note(id)?;
            renumber(tx, tx.r().notes(e.id)?)?;
            tx.log_to(
                note_audience(n.shared, false),
                e.practice_id,
                Some(e.id),
                actor,
                Action::NoteDeleted,
                target(&n),
                Some(n.title.clone()),
            )
        })
    }

    /// One note: for its coaches, or its client while it is shared.
    pub fn note(&self, actor: Actor, id: NoteId) -> Result<Note> {
        self.read(|r| {
            let (n, e) = load_note(r, actor, id)?;
            let viewer = auth::view_contents(r, actor, &e)?;
            if !can_see_note(&viewer, &n) {
                return Err(Error::denied("the note is private"));
            }
            Ok(n)
        })
    }

    /// An engagement's notes in their order: all of them for its coaches, the shared ones for
    /// its client.
    pub fn notes(&self, actor: Actor, engagement: EngagementId) -> Result<Vec<Note>> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            let viewer = auth::view_contents(r, actor, &e)?;
            Ok(r.notes(engagement)?
                .into_iter()
                .filter(|n| can_see_note(&viewer, n))
                .collect())
        })
    }

    /// Notes in `scope`, matching `query` (keywords over title and body text, ranked with
    /// title matches first, with a highlighted snippet; and/or a last-edited range). Without
    /// keywords, the most recently edited come first. A client only ever finds shared notes of
    /// their own non-Draft engagements.
    pub fn search_notes(
        &self,
        actor: Actor,
        scope: NoteScope,
        query: NoteQuery,
    ) -> Result<Vec<NoteHit>> {
        query.page.validate()?;
        let terms = query
            .keywords
            .as_deref()
            .filter(|k| !k.trim().is_empty())
            .map(terms)
            .transpose()?;
        if let Some(t) = query.edited_from {
            validate::instant("edited_from", t)?;
        }
        if let Some(t) = query.edited_to {
            validate::instant("edited_to", t)?;
        }
        if let (Some(from), Some(to)) = (query.edited_from, query.edited_to) {
            if to <= from {
                return Err(Error::invalid(
                    "edited_to",
                    "the range ends before it starts",
                ));
            }
        }
        self.read(|r| {
            let mut s = NoteSearch {
                practice: PracticeId::new(),
                engagement: None,
                client: None,
                coach: None,
                shared_only: false,
                exclude_draft: false,
                terms: terms.clone().unwrap_or_default(),
                edited_from: query.edited_from,
                edited_to: query.edited_to,
                page: query.page,
            };
            match scope {
                NoteScope::Engagement(id) => {
                    let e = load(r, actor, id)?;
                    let viewer = auth::view_contents(r, actor, &e)?;
                    s.practice = e.practice_id;
                    s.engagement = Some(id);
                    s.shared_only = matches!(viewer, Viewer::Client(_));
                }
                NoteScope::Client(id) => {
                    let c = r
                        .client(id)?
                        .ok_or_else(|| Error::not_found(EntityKind::Client, id))?;
                    auth::hide_foreign(r, actor, c.practice_id, EntityKind::Client, id)?;
                    let practice = auth::practice(r, c.practice_id)?;
                    s.practice = practice.id;
                    s.client = Some(id);
                    match auth::client_scope(r, actor, id, &practice)? {
                        ClientScope::Themself => {
                            if !c.has_portal {
                                return Err(Error::denied("the client has no portal account"));
                            }
                            s.shared_only = true;
                            s.exclude_draft = true;
                        }
                        ClientScope::All => {}
                        ClientScope::Coach(me) => s.coach = Some(me),
                    }
                }
                NoteScope::Practice(id) => {
                    let practice = auth::practice(r, id)?;
                    let me = auth::coach_in(r, actor, id)?;
                    s.practice = id;
                    if me.id != practice.owner_id {
                        s.coach = Some(me.id);
                    }
                }
            }
            r.search_notes(&s)
        })
    }

    /// Every note of a client across engagements, most recently edited first (the client
    /// page's Notes): the owner sees all, another coach those of their engagements.
    pub fn client_notes(&self, actor: Actor, client: ClientId, page: Page) -> Result<Vec<Note>> {
        let hits = self.search_notes(
            actor,
            NoteScope::Client(client),
            NoteQuery {
                page,
                ..Default::default()
            },
        )?;
        Ok(hits.into_iter().map(|h| h.note).collect())
    }
}

/// Refuses sharing into an engagement whose client has no portal.
pub(crate) fn require_portal(r: &dyn Reader, e: &Engagement) -> Result<()> {
    let client = match e.client_id {
        Some(c) => r
            .client(c)?
            .ok_or_else(|| Error::not_found(EntityKind::Client, c))?,
        None => {
            return Err(Error::invalid(
                "client",
                "the engagement has no client to share with",
            ))
        }
    };
    if !client.has_portal {
        return Err(Error::NoPortal {
            client: client.id.to_string(),
        });
    }
    Ok(())
}

/// The name and (sanitised) HTML of a note template in the practice library.
fn template(r: &dyn Reader, id: ResourceId, practice: PracticeId) -> Result<(String, String)> {
    let res = r
        .resource(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Resource, id))?;
    if res.practice_id != practice {
        // Another practice's resource does not exist for this one.
        return Err(Error::not_found(EntityKind::Resource, id));
    }
    if res.place != ResourcePlace::Library {
        return Err(Error::denied(
            "the template is not in this practice's library",
        ));
    }
    let media = res.media_type.as_deref().unwrap_or_default();
    if res.kind != ResourceKind::File
        || !(media.starts_with("text/html") || media.starts_with("text/plain"))
    {
        return Err(Error::invalid(
            "template",
            "a note template is an HTML or plain-text file",
        ));
    }
    let bytes = r.resource_bytes(id)?.unwrap_or_default();
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::invalid("template", "the template is not UTF-8 text"))?;
    let body = if media.starts_with("text/plain") {
        text.lines()
            .map(|l| format!("<p>{}</p>", html::escape(l)))
            .collect::<String>()
    } else {
        text
    };
    let name = res
        .name
        .rsplit_once('.')
        .map_or(res.name.as_str(), |(stem, _)| stem)
        .to_string();
    Ok((name, clean_html("template", &body)?))
}
