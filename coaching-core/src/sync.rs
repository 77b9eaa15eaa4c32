//! Offline sync, the server's half (see `docs/sync-design.md`): the operations a device queues
//! while offline, as data, and the bytes a device and the server exchange.
//!
//! A device sends a [`SyncRequest`]: the operations it made offline, each with an id it chose,
//! and the cursor of the changes it has. [`crate::Coaching::handle_sync`] runs each operation
//! **once** as the actor the host authenticated — a request sent again after a lost answer
//! returns the recorded outcomes and applies nothing twice — and answers a [`SyncResponse`]:
//! each operation's outcome (applied, or refused with its typed [`Error`]) and the changes after
//! the cursor as that actor may see them. Both travel as JSON bytes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::activity::LogEntry;
use crate::content::{
    AssignmentStatus, AssignmentWithFiles, Comment, CommentTarget, EngagementResource, Form,
    FormAnswer, GoalStatus, GoalWithMilestones, JournalEntry, Note,
};
use crate::engagement::EngagementOverview;
use crate::error::Error;
use crate::ids::{
    AssignmentId, CommentId, EngagementId, FormId, GoalId, JournalEntryId, MilestoneId, NoteId,
    PracticeId, SessionId,
};
use crate::model::{Client, Coach, Practice, Program};
use crate::session::{Location, Session};

/// The version of the sync protocol this library speaks. A request of a newer protocol is
/// refused ([`Error::Validation`] of `protocol`) and changes nothing.
pub const SYNC_PROTOCOL: u32 = 1;

/// Most operations one request carries.
pub const MAX_SYNC_OPS: usize = 500;

/// A write a device makes offline, as data: each mirrors a write of [`crate::Coaching`] with
/// its arguments, and a creation carries the id the device gave the new thing (so the
/// device's later operations on it name it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum SyncOp {
    /// [`crate::Coaching::create_note`], without a template.
    CreateNote {
        /// The new note's id.
        id: NoteId,
        /// Its engagement.
        engagement_id: EngagementId,
        /// Its title.
        title: String,
        /// Its body (HTML, sanitised on the server as anywhere).
        body_html: String,
    },
    /// [`crate::Coaching::update_note`].
    UpdateNote {
        /// The note.
        id: NoteId,
        /// A new title, or none.
        title: Option<String>,
        /// A new body, or none.
        body_html: Option<String>,
    },
    /// [`crate::Coaching::create_goal`].
    CreateGoal {
        /// The new goal's id.
        id: GoalId,
        /// Its engagement.
        engagement_id: EngagementId,
        /// Its name.
        name: String,
        /// Its description.
        description: Option<String>,
        /// Its due date.
        due_date: Option<NaiveDate>,
    },
    /// [`crate::Coaching::set_goal_status`].
    SetGoalStatus {
        /// The goal.
        id: GoalId,
        /// Active or Completed.
        status: GoalStatus,
    },
    /// [`crate::Coaching::add_milestone`].
    AddMilestone {
        /// The new milestone's id.
        id: MilestoneId,
        /// Its goal.
        goal_id: GoalId,
        /// Its name.
        name: String,
        /// Its due date.
        due_date: Option<NaiveDate>,
    },
    /// [`crate::Coaching::set_milestone_done`].
    SetMilestoneDone {
        /// The milestone.
        id: MilestoneId,
        /// Done or not.
        done: bool,
    },
    /// [`crate::Coaching::book_session`].
    BookSession {
        /// The new session's id.
        id: SessionId,
        /// Its engagement.
        engagement_id: EngagementId,
        /// Its start (UTC).
        start: DateTime<Utc>,
        /// Its end; `None`: the engagement's session length.
        end: Option<DateTime<Utc>>,
        /// Its time zone; `None`: the practice's.
        time_zone: Option<String>,
        /// Where it takes place.
        location: Location,
    },
    /// [`crate::Coaching::cancel_session`].
    CancelSession {
        /// The session.
        id: SessionId,
        /// Why, shown to the other side.
        reason: Option<String>,
    },
    /// [`crate::Coaching::set_assignment_status`].
    SetAssignmentStatus {
        /// The assignment.
        id: AssignmentId,
        /// Open or Completed.
        status: AssignmentStatus,
    },
    /// [`crate::Coaching::add_comment`].
    AddComment {
        /// The new comment's id.
        id: CommentId,
        /// What it is on.
        target: CommentTarget,
        /// Its body (HTML, sanitised on the server).
        body_html: String,
    },
    /// [`crate::Coaching::create_journal_entry`].
    CreateJournalEntry {
        /// The new entry's id.
        id: JournalEntryId,
        /// Its engagement.
        engagement_id: EngagementId,
        /// Its title.
        title: String,
        /// Its body (HTML, sanitised on the server).
        body_html: String,
        /// Shared with the coach from the start.
        shared: bool,
    },
    /// [`crate::Coaching::save_form_answers`].
    SaveFormAnswers {
        /// The form.
        id: FormId,
        /// The draft, replacing the saved one.
        answers: Vec<FormAnswer>,
    },
    /// [`crate::Coaching::submit_form`].
    SubmitForm {
        /// The form.
        id: FormId,
    },
}

impl SyncOp {
    /// The name of the write this operation is (`create_note`, `book_session`, …), as it
    /// travels.
    pub fn name(&self) -> &'static str {
        match self {
            SyncOp::CreateNote { .. } => "create_note",
            SyncOp::UpdateNote { .. } => "update_note",
            SyncOp::CreateGoal { .. } => "create_goal",
            SyncOp::SetGoalStatus { .. } => "set_goal_status",
            SyncOp::AddMilestone { .. } => "add_milestone",
            SyncOp::SetMilestoneDone { .. } => "set_milestone_done",
            SyncOp::BookSession { .. } => "book_session",
            SyncOp::CancelSession { .. } => "cancel_session",
            SyncOp::SetAssignmentStatus { .. } => "set_assignment_status",
            SyncOp::AddComment { .. } => "add_comment",
            SyncOp::CreateJournalEntry { .. } => "create_journal_entry",
            SyncOp::SaveFormAnswers { .. } => "save_form_answers",
            SyncOp::SubmitForm { .. } => "submit_form",
        }
    }

    /// The thing this operation creates, if any: its id type's name and its id.
    pub(crate) fn created(&self) -> Option<(&'static str, crate::ids::EntityKind, Uuid)> {
        use crate::ids::EntityKind as K;
        match self {
            SyncOp::CreateNote { id, .. } => Some(("NoteId", K::Note, *id.as_uuid())),
            SyncOp::CreateGoal { id, .. } => Some(("GoalId", K::Goal, *id.as_uuid())),
            SyncOp::AddMilestone { id, .. } => Some(("MilestoneId", K::Milestone, *id.as_uuid())),
            SyncOp::BookSession { id, .. } => Some(("SessionId", K::Session, *id.as_uuid())),
            SyncOp::AddComment { id, .. } => Some(("CommentId", K::Comment, *id.as_uuid())),
            SyncOp::CreateJournalEntry { id, .. } => {
                Some(("JournalEntryId", K::JournalEntry, *id.as_uuid()))
            }
            _ => None,
        }
    }
}

/// One operation a device queued, with the id it gave it (unique per operation: a UUID).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingOp {
    /// The operation's id, chosen by the device.
    pub op_id: Uuid,
    /// The operation.
    pub op: SyncOp,
}

/// What a device sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// The device's protocol ([`SYNC_PROTOCOL`]).
    pub protocol: u32,
    /// The device's library version, for the server's diagnostics.
    pub library_version: String,
    /// The practice the device holds (the actor's).
    pub practice_id: PracticeId,
    /// The changes the device has: `None` for a first sync (the answer brings the actor's
    /// whole view), else the cursor the last answer gave.
    pub cursor: Option<String>,
    /// The engagements the device holds: an answer says one is gone (no longer the actor's to
    /// see) only if it is here, so no device learns of engagements it never had.
    #[serde(default)]
    pub held: Vec<EngagementId>,
    /// Its queued operations, oldest first.
    pub ops: Vec<PendingOp>,
}

/// The outcome of one operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum OpOutcome {
    /// The server applied it.
    Applied,
    /// The server refused it, with the error it gave: final for this operation id.
    Refused {
        /// Why.
        error: Error,
    },
}

/// One operation's outcome, as the server recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpResult {
    /// The operation's id.
    pub op_id: Uuid,
    /// Applied or refused.
    #[serde(flatten)]
    pub outcome: OpOutcome,
    /// Whether this request only repeated an operation the server had already run (its
    /// outcome is the recorded one; nothing was applied again).
    pub replayed: bool,
}

/// What the server answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncResponse {
    /// The server's protocol.
    pub protocol: u32,
    /// The server's library version.
    pub library_version: String,
    /// The outcome of each operation of the request, in its order.
    pub results: Vec<OpResult>,
    /// What the device must now hold: a snapshot of every engagement the changes after the
    /// cursor touched that the actor may see (replacing the device's copy whole), a tombstone
    /// for each held one they may no longer see, and the practice's directory when it changed.
    /// A first sync: every engagement the actor may see, and the directory.
    pub records: Vec<SyncRecord>,
    /// The actor's change feed after the request's cursor, up to the answer's cursor, oldest
    /// first (empty on a first sync: the snapshots carry each engagement's activity).
    pub changes: Vec<LogEntry>,
    /// The cursor to send next time.
    pub cursor: String,
    /// Whether more changes follow at once (sync again).
    pub more: bool,
}

/// One thing a sync answer tells a device to hold (or drop).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum SyncRecord {
    /// An engagement and everything in it the actor may see: replaces the device's copy.
    Engagement(Box<EngagementSnapshot>),
    /// An engagement the device holds that the actor may no longer see (reassigned, deleted,
    /// its contents withdrawn): the device drops it with everything in it.
    EngagementGone {
        /// The engagement.
        id: EngagementId,
    },
    /// The practice's directory as the actor may read it.
    Directory(Box<DirectorySnapshot>),
}

/// An engagement as one actor sees it, read through the library's read calls as that actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementSnapshot {
    /// The engagement's overview line (a client's copy without the coach's fields).
    pub engagement: EngagementOverview,
    /// Its sessions, upcoming then past.
    pub sessions: Vec<Session>,
    /// Its notes the actor may read (a client: the shared ones).
    pub notes: Vec<Note>,
    /// Its goals with their milestones.
    pub goals: Vec<GoalWithMilestones>,
    /// Its assignments with their files.
    pub assignments: Vec<AssignmentWithFiles>,
    /// The comments on those notes, goals and assignments the actor may read.
    pub comments: Vec<Comment>,
    /// Its forms (a coach's copy of an open form has no answers).
    pub forms: Vec<Form>,
    /// Its journal entries the actor may read (a coach: the shared ones).
    pub journal: Vec<JournalEntry>,
    /// Its resources page.
    pub resources: Vec<EngagementResource>,
    /// Its activity log as the actor may read it, newest first.
    pub activity: Vec<LogEntry>,
}

/// The practice's directory as one actor may read it (a client: the practice alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectorySnapshot {
    /// The practice.
    pub practice: Practice,
    /// Its coaches, the owner included.
    pub coaches: Vec<Coach>,
    /// Its clients in the directory (a client: none).
    pub clients: Vec<Client>,
    /// Its archived and erased clients (a coach's copy: engagements of theirs stay readable).
    #[serde(default)]
    pub archived_clients: Vec<Client>,
    /// Its form templates (a client's copy: none).
    #[serde(default)]
    pub form_templates: Vec<crate::content::FormTemplate>,
    /// A client's own record (a coach's copy: none).
    #[serde(default)]
    pub me: Option<Client>,
    /// Its programs.
    pub programs: Vec<Program>,
}
