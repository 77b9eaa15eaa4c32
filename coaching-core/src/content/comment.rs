//! Comments on notes, goals and assignments, by both sides.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::ids::{AssignmentId, CommentId, EngagementId, EntityKind, GoalId, NoteId, PracticeId};

/// What a comment is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum CommentTarget {
    /// A comment on a note: the client sees (and may write) it only while the note is shared.
    Note(NoteId),
    /// A comment on a goal.
    Goal(GoalId),
    /// A comment on an assignment.
    Assignment(AssignmentId),
}

impl CommentTarget {
    /// The kind of entity commented on: [`EntityKind::Note`], [`EntityKind::Goal`] or
    /// [`EntityKind::Assignment`].
    pub fn kind(&self) -> EntityKind {
        match self {
            CommentTarget::Note(_) => EntityKind::Note,
            CommentTarget::Goal(_) => EntityKind::Goal,
            CommentTarget::Assignment(_) => EntityKind::Assignment,
        }
    }

    /// The UUID of the note, goal or assignment commented on.
    pub fn uuid(&self) -> uuid::Uuid {
        match self {
            CommentTarget::Note(id) => *id.as_uuid(),
            CommentTarget::Goal(id) => *id.as_uuid(),
            CommentTarget::Assignment(id) => *id.as_uuid(),
        }
    }
}

/// A comment on a note, goal or assignment, written by a coach or by the engagement's client.
/// Comments are never edited; the author (or the engagement's coach) may delete one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// This comment's id.
    pub id: CommentId,
    /// The practice the comment belongs to.
    pub practice_id: PracticeId,
    /// The engagement of the note, goal or assignment commented on.
    pub engagement_id: EngagementId,
    /// What the comment is on.
    pub target: CommentTarget,
    /// Sanitised like note bodies.
    pub body_html: String,
    /// Who wrote it: a coach, or the engagement's client (who may comment only in an Active
    /// engagement and with a portal).
    pub author: Actor,
    /// When it was written (UTC).
    pub created_at: DateTime<Utc>,
}
