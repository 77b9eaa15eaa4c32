//! Assignments and the files attached to them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::actor::Actor;
use crate::ids::{AssignmentFileId, AssignmentId, EngagementId, PracticeId, ResourceId};

named_enum!(
    /// Whether an assignment is still to do.
    AssignmentStatus {
        /// Still to do: listed in the Client To-Dos.
        Open = "open",
        /// Done: marked completed by the coach or the client (it can be set Open again).
        Completed = "completed",
    }
);

/// An assignment: work the coach gives the client in an engagement, with an optional description,
/// due date and files. The coach creates it; either side may complete it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// This assignment's id (kept unchanged by export and import).
    pub id: AssignmentId,
    /// The practice the assignment belongs to.
    pub practice_id: PracticeId,
    /// The engagement the assignment is part of.
    pub engagement_id: EngagementId,
    /// Short title shown to the coach and the client (required, trimmed).
    pub name: String,
    /// Longer instructions as plain text; `None`: none given.
    pub description: Option<String>,
    /// The calendar date it is due (overdue is judged in the practice's time zone); `None`: no due
    /// date, listed last in the to-dos.
    pub due_date: Option<NaiveDate>,
    /// Open until the coach or the client marks it Completed.
    pub status: AssignmentStatus,
    /// The coach who created it (for a copy of a program item, whoever created the engagement).
    pub created_by: Actor,
    /// When it was created (UTC).
    pub created_at: DateTime<Utc>,
    /// When it was last edited or changed status (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A file of an assignment: a library file or one uploaded into the engagement, with an
/// optional message shown to the client next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentFile {
    /// This attachment's id (not the resource's: the same library file may be attached to several
    /// assignments).
    pub id: AssignmentFileId,
    /// The assignment the file is attached to.
    pub assignment_id: AssignmentId,
    /// The attached file or link: an item of the practice library, or one uploaded into the
    /// engagement for this assignment.
    pub resource_id: ResourceId,
    /// A message shown to the client next to the file; `None`: no message.
    pub message: Option<String>,
    /// The coach who attached it.
    pub added_by: Actor,
    /// When it was attached (UTC).
    pub added_at: DateTime<Utc>,
}

/// An assignment with its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentWithFiles {
    /// The assignment's own fields.
    pub assignment: Assignment,
    /// Its attached files, in the order they were added.
    pub files: Vec<AssignmentFile>,
}
