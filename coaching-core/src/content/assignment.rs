//! Assignments and the files attached to them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::actor::Actor;
use crate::ids::{AssignmentFileId, AssignmentId, EngagementId, PracticeId, ResourceId};

named_enum!(
    /// Whether an assignment is still to do.
    AssignmentStatus { Open = "open", Completed = "completed" }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: AssignmentId,
    pub practice_id: PracticeId,
    pub engagement_id: EngagementId,
    pub name: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub status: AssignmentStatus,
    pub created_by: Actor,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A file of an assignment: a library file or one uploaded into the engagement, with an
/// optional message shown to the client next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentFile {
    pub id: AssignmentFileId,
    pub assignment_id: AssignmentId,
    pub resource_id: ResourceId,
    pub message: Option<String>,
    pub added_by: Actor,
    pub added_at: DateTime<Utc>,
}

/// An assignment with its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentWithFiles {
    pub assignment: Assignment,
    pub files: Vec<AssignmentFile>,
}
