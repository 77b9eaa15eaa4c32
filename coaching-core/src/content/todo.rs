//! Client To-Dos: what clients have open across a coach's Active engagements.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::named_enum;
use crate::ids::{ClientId, EngagementId};

named_enum!(
    /// What a to-do is.
    TodoKind {
        /// An Active goal.
        Goal = "goal",
        /// A milestone not yet done, of an Active goal.
        Milestone = "milestone",
        /// An Open assignment.
        Assignment = "assignment",
        /// A form sent to the client, not yet submitted.
        Form = "form",
    }
);

/// One open goal, milestone, assignment or form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoItem {
    /// Whether it is a goal, a milestone, an assignment or a form.
    pub kind: TodoKind,
    /// The goal, milestone, assignment or form id.
    pub id: Uuid,
    /// The engagement it belongs to.
    pub engagement_id: EngagementId,
    /// The engagement's client.
    pub client_id: ClientId,
    /// The client's name.
    pub client_name: String,
    /// The goal's, milestone's, assignment's or form's name.
    pub name: String,
    /// For a milestone, its goal's name.
    pub goal_name: Option<String>,
    /// The calendar date it is due; `None`: no due date (listed after the dated ones).
    pub due_date: Option<NaiveDate>,
    /// Due before today in the practice's time zone.
    pub overdue: bool,
}
