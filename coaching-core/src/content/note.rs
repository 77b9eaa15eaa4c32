//! Notes: a coach's rich-text notes in an engagement, private until shared.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::activity::Page;
use crate::actor::Actor;
use crate::ids::{EngagementId, NoteId, PracticeId, ResourceId};

/// One note. `body_html` is sanitised; `body_text` is its plain text (what search reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub practice_id: PracticeId,
    pub engagement_id: EngagementId,
    pub title: String,
    pub body_html: String,
    pub body_text: String,
    /// Drag-and-drop order within the engagement, from 0.
    pub position: u32,
    /// Visible to the client (only ever true while the client has a portal when shared).
    pub shared: bool,
    pub created_by: Actor,
    pub created_at: DateTime<Utc>,
    /// Last edited.
    pub updated_at: DateTime<Utc>,
}

/// A new note. With `template`, the body (and the title, if left empty) come from a note
/// template in the practice's resource library (an HTML or text file).
#[derive(Debug, Clone, Default)]
pub struct NewNote {
    pub title: String,
    pub body_html: String,
    pub template: Option<ResourceId>,
}

/// Changes to a note; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct NoteUpdate {
    pub title: Option<String>,
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
    pub page: Page,
}

/// One search result: the note, a highlighted snippet (safe HTML with `<mark>`) when
/// keywords were given, and its rank (higher is better; title matches weigh more).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteHit {
    pub note: Note,
    pub snippet_html: Option<String>,
    pub rank: f64,
}
