//! Goals and their milestones.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::actor::Actor;
use crate::ids::{EngagementId, GoalId, MilestoneId, PracticeId};

named_enum!(
    /// Whether a goal is still being worked on.
    GoalStatus { Active = "active", Completed = "completed" }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: GoalId,
    pub practice_id: PracticeId,
    pub engagement_id: EngagementId,
    pub name: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub status: GoalStatus,
    pub created_by: Actor,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: MilestoneId,
    pub goal_id: GoalId,
    pub engagement_id: EngagementId,
    pub name: String,
    pub due_date: Option<NaiveDate>,
    pub done: bool,
    /// Order within the goal, from 0.
    pub position: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A goal with its milestones in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalWithMilestones {
    pub goal: Goal,
    pub milestones: Vec<Milestone>,
}

/// A new goal or milestone's fields; also used for edits (`None` leaves a field).
#[derive(Debug, Clone, Default)]
pub struct GoalInput {
    pub name: Option<String>,
    /// `Some(None)` clears it.
    pub description: Option<Option<String>>,
    /// `Some(None)` clears it.
    pub due_date: Option<Option<NaiveDate>>,
}
