//! Client To-Dos: what clients have open across a coach's Active engagements.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::named_enum;
use crate::ids::{ClientId, EngagementId};

named_enum!(
    /// What a to-do is.
    TodoKind { Goal = "goal", Milestone = "milestone", Assignment = "assignment" }
);

/// One open goal, milestone or assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoItem {
    pub kind: TodoKind,
    /// The goal, milestone or assignment id.
    pub id: Uuid,
    pub engagement_id: EngagementId,
    pub client_id: ClientId,
    pub client_name: String,
    pub name: String,
    /// For a milestone, its goal's name.
    pub goal_name: Option<String>,
    pub due_date: Option<NaiveDate>,
    /// Due before today in the practice's time zone.
    pub overdue: bool,
}
