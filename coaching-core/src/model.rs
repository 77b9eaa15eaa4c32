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
    pub id: PracticeId,
    pub name: String,
    /// The practice's IANA time zone: "today" for due dates and overdue marks.
    pub time_zone: Tz,
    pub plan: Plan,
    /// The owning coach: sees and manages every engagement of the practice.
    pub owner_id: CoachId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A member of a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coach {
    pub id: CoachId,
    pub practice_id: PracticeId,
    pub name: String,
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A person coached by the practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: ClientId,
    pub practice_id: PracticeId,
    pub name: String,
    pub email: Option<String>,
    /// Whether the client has a portal account; without one nothing can be shared with them.
    pub has_portal: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A template for engagements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    pub id: ProgramId,
    pub practice_id: PracticeId,
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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
