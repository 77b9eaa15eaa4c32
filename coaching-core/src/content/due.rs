//! What is due: the reminders a host's scheduler sends, so it needs no queries of its own.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{named_enum, TodoItem};
use crate::actor::Actor;
use crate::ids::{CoachId, EngagementId};

named_enum!(
    /// What a reminder is about.
    DueKind { Session = "session", Goal = "goal", Milestone = "milestone", Assignment = "assignment" }
);

/// One reminder: to whom, about what, for when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Who to remind: the engagement's coach or its client.
    pub to: Actor,
    pub to_name: String,
    pub kind: DueKind,
    /// The session, goal, milestone or assignment.
    pub id: Uuid,
    pub engagement_id: EngagementId,
    /// A session's program (or "Session"), or the goal's, milestone's or assignment's name.
    pub title: String,
    /// When a session starts.
    pub starts_at: Option<DateTime<Utc>>,
    /// When a goal, milestone or assignment is due.
    pub due_date: Option<NaiveDate>,
    /// Due before today in the practice's time zone (never a session).
    pub overdue: bool,
}

/// An open item falling due, as a backend reads it: the to-do line, its engagement's coach,
/// and whether the client has a portal (without one, nothing is shown to them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub item: TodoItem,
    pub coach_id: CoachId,
    pub coach_name: String,
    pub client_has_portal: bool,
}
