//! Comments on notes, goals and assignments, by both sides.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::ids::{AssignmentId, CommentId, EngagementId, EntityKind, GoalId, NoteId, PracticeId};

/// What a comment is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum CommentTarget {
    Note(NoteId),
    Goal(GoalId),
    Assignment(AssignmentId),
}

impl CommentTarget {
    pub fn kind(&self) -> EntityKind {
        match self {
            CommentTarget::Note(_) => EntityKind::Note,
            CommentTarget::Goal(_) => EntityKind::Goal,
            CommentTarget::Assignment(_) => EntityKind::Assignment,
        }
    }

    pub fn uuid(&self) -> uuid::Uuid {
        match self {
            CommentTarget::Note(id) => *id.as_uuid(),
            CommentTarget::Goal(id) => *id.as_uuid(),
            CommentTarget::Assignment(id) => *id.as_uuid(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    pub practice_id: PracticeId,
    pub engagement_id: EngagementId,
    pub target: CommentTarget,
    /// Sanitised like note bodies.
    pub body_html: String,
    pub author: Actor,
    pub created_at: DateTime<Utc>,
}
