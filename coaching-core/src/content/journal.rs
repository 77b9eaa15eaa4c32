//! The client journal: entries a client writes in their engagement, private to them unless
//! they share an entry with the engagement's coach.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ClientId, EngagementId, JournalEntryId, PracticeId};

/// One journal entry. Only its author (the client) edits, shares or deletes it; the
/// engagement's coach and the practice owner read it only while it is shared. `body_html` is
/// sanitised; `body_text` is its plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// This entry's id.
    pub id: JournalEntryId,
    /// The practice the entry belongs to.
    pub practice_id: PracticeId,
    /// The engagement it was written in.
    pub engagement_id: EngagementId,
    /// The client who wrote it (the engagement's client when it was written).
    pub client_id: ClientId,
    /// Title (never empty).
    pub title: String,
    /// The body as sanitised HTML.
    pub body_html: String,
    /// The body's plain text, derived from `body_html`.
    pub body_text: String,
    /// Shared with the engagement's coach (and the owner); private to the client otherwise.
    pub shared: bool,
    /// When it was written (UTC).
    pub created_at: DateTime<Utc>,
    /// Last edited or shared/unshared.
    pub updated_at: DateTime<Utc>,
}

/// A new journal entry.
#[derive(Debug, Clone, Default)]
pub struct NewJournalEntry {
    /// Title (not empty).
    pub title: String,
    /// Body as HTML from the host's editor, sanitised before it is stored.
    pub body_html: String,
    /// Shared with the coach from the start; `false` (the default): private.
    pub shared: bool,
}

/// Changes to a journal entry; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct JournalEntryUpdate {
    /// A new title (not empty).
    pub title: Option<String>,
    /// A new body as HTML; sanitised before it is stored.
    pub body_html: Option<String>,
}
