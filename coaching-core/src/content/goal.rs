//! Goals and their milestones.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::actor::Actor;
use crate::ids::{EngagementId, GoalId, MilestoneId, PracticeId};

named_enum!(
    /// Whether a goal is still being worked on.
    GoalStatus {
        /// Still being worked on: listed in the Client To-Dos with its open milestones.
        Active = "active",
        /// Reached: marked completed by the coach or the client (it can be set Active again).
        Completed = "completed",
    }
);

named_enum!(
    /// How far ahead a goal looks (CoachVantage's short-, mid- and long-term goals). What each
    /// spans is the practice's convention; the library only keeps and filters by it.
    GoalHorizon {
        /// A short-term goal.
        Short = "short",
        /// A mid-term goal.
        Mid = "mid",
        /// A long-term goal.
        Long = "long",
    }
);

/// A goal of an engagement: what the client works towards, with an optional due date and
/// milestones. The coach, or the client with a portal in an Active engagement, creates, edits,
/// completes and deletes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// This goal's id.
    pub id: GoalId,
    /// The practice the goal belongs to.
    pub practice_id: PracticeId,
    /// The engagement the goal belongs to.
    pub engagement_id: EngagementId,
    /// Short title (required, trimmed).
    pub name: String,
    /// Longer text about the goal; `None`: none given.
    pub description: Option<String>,
    /// The calendar date it is due (overdue is judged in the practice's time zone); `None`: no due
    /// date.
    pub due_date: Option<NaiveDate>,
    /// Short-, mid- or long-term; `None`: not set (and absent from an export document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<GoalHorizon>,
    /// Active while being worked on, Completed once reached.
    pub status: GoalStatus,
    /// Who created it: a coach, or the engagement's client (for a copy of a program item, whoever
    /// created the engagement).
    pub created_by: Actor,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last edited or changed status (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A milestone: one step towards a goal, with an optional due date and a done flag, in an order the
/// coach or the client can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// This milestone's id.
    pub id: MilestoneId,
    /// The goal it is a step of.
    pub goal_id: GoalId,
    /// The goal's engagement.
    pub engagement_id: EngagementId,
    /// Short title (required, trimmed).
    pub name: String,
    /// The calendar date it is due; `None`: no due date.
    pub due_date: Option<NaiveDate>,
    /// Whether the coach or the client has marked it done.
    pub done: bool,
    /// Order within the goal, from 0.
    pub position: u32,
    /// When it was added (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last edited, moved or marked (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A goal with its milestones in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalWithMilestones {
    /// The goal's own fields.
    pub goal: Goal,
    /// The goal's milestones, by position.
    pub milestones: Vec<Milestone>,
}

/// A new goal or milestone's fields; also used for edits (`None` leaves a field).
#[derive(Debug, Clone, Default)]
pub struct GoalInput {
    /// A new name (not empty); `None` leaves it.
    pub name: Option<String>,
    /// `Some(None)` clears it.
    pub description: Option<Option<String>>,
    /// `Some(None)` clears it.
    pub due_date: Option<Option<NaiveDate>>,
    /// Goals only (a milestone has no horizon): `Some(None)` clears it.
    pub horizon: Option<Option<GoalHorizon>>,
}
