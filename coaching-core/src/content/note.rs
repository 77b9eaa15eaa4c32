//! Notes: a coach's rich-text notes in an engagement, private until shared.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::activity::Page;
use crate::actor::Actor;
use crate::ids::{EngagementId, NoteId, PracticeId, ResourceId};

/// One note. `body_html` is sanitised; `body_text` is its plain text (what search reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// This note's id.
    pub id: NoteId,
    /// The practice the note belongs to.
    pub practice_id: PracticeId,
    /// The engagement the note is in.
    pub engagement_id: EngagementId,
    /// Title (never empty).
    pub title: String,
    /// The body as sanitised HTML: what is shown (no script can reach a client's screen).
    pub body_html: String,
    /// The body's plain text, derived from `body_html`: what keyword search reads.
    pub body_text: String,
    /// Drag-and-drop order within the engagement, from 0.
    pub position: u32,
    /// Visible to the client (only ever true while the client has a portal when shared).
    pub shared: bool,
    /// The coach who wrote it.
    pub created_by: Actor,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
    /// Last edited.
    pub updated_at: DateTime<Utc>,
}

/// A new note. With `template`, the body (and the title, if left empty) come from a note
/// template in the practice's resource library (an HTML or text file).
#[derive(Debug, Clone, Default)]
pub struct NewNote {
    /// Title. May be left empty only with a `template`, whose name is then used.
    pub title: String,
    /// Body as HTML from the host's editor, sanitised before it is stored. Left empty with a
    /// `template`: the template's content.
    pub body_html: String,
    /// A note template (an HTML or plain-text file of the practice library) to start from; `None`:
    /// none.
    pub template: Option<ResourceId>,
}

/// Changes to a note; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct NoteUpdate {
    /// A new title (not empty).
    pub title: Option<String>,
    /// A new body as HTML; sanitised before it is stored.
    pub body_html: Option<String>,
}

/// A note search: keywords over title and body text, and/or a last-edited range.
#[derive(Debug, Clone, Default)]
pub struct NoteQuery {
    /// Words to find (every word must match, as a word or the start of one).
    pub keywords: Option<String>,
    /// Last edited at or after.
    pub edited_from: Option<DateTime<Utc>>,
    /// Last edited before.
    pub edited_to: Option<DateTime<Utc>>,
    /// Which page of the results to return.
    pub page: Page,
}

/// One search result: the note, a highlighted snippet (safe HTML with `<mark>`) when
/// keywords were given, and its rank (higher is better; title matches weigh more).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteHit {
    /// The matching note.
    pub note: Note,
    /// An excerpt of the body, safe HTML with the matching words in `<mark>`; `None` when no
    /// keywords were given.
    pub snippet_html: Option<String>,
    /// Relevance, higher is better (title matches weigh more); 0 when no keywords were given.
    /// Compare ranks only within one search.
    pub rank: f64,
}
