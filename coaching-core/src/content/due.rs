//! What is due: the reminders a host's scheduler sends, so it needs no queries of its own.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{named_enum, TodoItem};
use crate::actor::Actor;
use crate::ids::{CoachId, EngagementId};

named_enum!(
    /// What a reminder is about.
    DueKind {
        /// A Scheduled session starting in the window.
        Session = "session",
        /// An Active goal falling due.
        Goal = "goal",
        /// A milestone not yet done, of an Active goal, falling due.
        Milestone = "milestone",
        /// An Open assignment falling due.
        Assignment = "assignment",
        /// A form sent to the client, not yet submitted, falling due.
        Form = "form",
    }
);

/// One reminder: to whom, about what, for when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Who to remind: the engagement's coach or its client.
    pub to: Actor,
    /// The name of the person to remind, for the message.
    pub to_name: String,
    /// What the reminder is about: a session, a goal, a milestone or an assignment.
    pub kind: DueKind,
    /// The session, goal, milestone or assignment.
    pub id: Uuid,
    /// The engagement the session or item belongs to.
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
    /// The open goal, milestone or assignment, as a line of the Client To-Dos.
    pub item: TodoItem,
    /// The coach of the item's engagement.
    pub coach_id: CoachId,
    /// That coach's name.
    pub coach_name: String,
    /// Whether the engagement's client has a portal account; without one the client gets no
    /// reminder.
    pub client_has_portal: bool,
}
