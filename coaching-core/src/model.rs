//! Practices, coaches, clients and programs: the people and templates around engagements.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::ids::{ClientId, CoachId, PracticeId, ProgramId};
use crate::plan::Plan;
use crate::progress::Planned;

/// The tenant: one coaching business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    /// This practice's id.
    pub id: PracticeId,
    /// The business's name, as shown (required).
    pub name: String,
    /// The practice's IANA time zone: "today" for due dates and overdue marks.
    pub time_zone: Tz,
    /// The limits it works under (active engagements, coaches, reassignment); changed by the owner.
    pub plan: Plan,
    /// The owning coach: sees and manages every engagement of the practice.
    pub owner_id: CoachId,
    /// When it was signed up (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed, e.g. its plan (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A member of a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coach {
    /// This coach's id.
    pub id: CoachId,
    /// The practice the coach belongs to.
    pub practice_id: PracticeId,
    /// The coach's name, as shown to clients and on the overview (required).
    pub name: String,
    /// E-mail address; `None`: not given.
    pub email: Option<String>,
    /// When the coach was added (UTC).
    pub created_at: DateTime<Utc>,
}

/// A person coached by the practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// This client's id.
    pub id: ClientId,
    /// The practice the client belongs to.
    pub practice_id: PracticeId,
    /// The client's name, as shown to coaches (required).
    pub name: String,
    /// E-mail address; `None`: not given.
    pub email: Option<String>,
    /// Whether the client has a portal account; without one nothing can be shared with them.
    pub has_portal: bool,
    /// Archived by a coach: left out of the client directory ([`crate::Coaching::clients`]),
    /// everything kept; restorable.
    #[serde(default)]
    pub archived: bool,
    /// Erased by the owner (a person's right to erasure): the name is a placeholder, the
    /// e-mail, portal and everything the client wrote are gone; only this anonymous row stays,
    /// for their engagements' counts and the log. Never undone.
    #[serde(default)]
    pub erased: bool,
    /// When the client was added (UTC).
    pub created_at: DateTime<Utc>,
    /// When the client's name, e-mail or portal flag last changed (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A template for engagements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// This program's id.
    pub id: ProgramId,
    /// The practice the program belongs to.
    pub practice_id: PracticeId,
    /// The program's name, copied into engagements created from it (required).
    pub name: String,
    /// The progress denominator, in sessions or (as minutes) hours.
    pub planned: Planned,
    /// Default length of one session, in minutes.
    pub session_minutes: u32,
    /// Whether a no-show uses up a session (default true).
    pub no_show_counts: bool,
    /// A client cancelling less than this many minutes before the start is a late
    /// cancellation and uses up the session; `None`: no late cancellations.
    pub late_cancel_window_minutes: Option<u32>,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last changed (UTC); engagements already created keep their copy.
    pub updated_at: DateTime<Utc>,
}
