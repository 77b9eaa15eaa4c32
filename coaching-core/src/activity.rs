//! The activity log: an append-only history per engagement and per practice.
//!
//! Each entry says when, who, what, and which thing was acted upon (kind + id) so a host can
//! link to it. There is no API to edit or delete entries; deleting an engagement removes its
//! own history with it and leaves a practice-level entry.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ids::{EngagementId, EntityKind, LogEntryId, PracticeId};

macro_rules! actions {
    ($($(#[$m:meta])* $v:ident = $s:literal,)*) => {
        /// What happened.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action { $($(#[$m])* $v,)* }

        impl Action {
            /// Every action, in declaration order.
            pub const ALL: &'static [Action] = &[$(Action::$v,)*];
            /// Stable snake_case name, as stored.
            pub fn as_str(self) -> &'static str {
                match self { $(Action::$v => $s,)* }
            }
            /// Parses [`Action::as_str`]'s output.
            pub fn parse(s: &str) -> Option<Action> {
                match s { $($s => Some(Action::$v),)* _ => None }
            }
        }
    };
}

actions! {
    PracticeCreated = "practice_created",
    PlanChanged = "plan_changed",
    CoachAdded = "coach_added",
    ClientAdded = "client_added",
    ClientUpdated = "client_updated",
    ProgramCreated = "program_created",
    ProgramUpdated = "program_updated",
    EngagementCreated = "engagement_created",
    EngagementUpdated = "engagement_updated",
    EngagementActivated = "engagement_activated",
    EngagementReactivated = "engagement_reactivated",
    EngagementReopened = "engagement_reopened",
    EngagementDeactivated = "engagement_deactivated",
    EngagementCompleted = "engagement_completed",
    EngagementReassigned = "engagement_reassigned",
    PlannedChanged = "planned_changed",
    EngagementDeleted = "engagement_deleted",
    SessionBooked = "session_booked",
    SessionRescheduled = "session_rescheduled",
    SessionCancelled = "session_cancelled",
    SessionLateCancelled = "session_late_cancelled",
    SessionCompleted = "session_completed",
    SessionNoShow = "session_no_show",
    AvailabilityChanged = "availability_changed",
    BookingRulesChanged = "booking_rules_changed",
    NoteCreated = "note_created",
    NoteUpdated = "note_updated",
    NoteShared = "note_shared",
    NoteUnshared = "note_unshared",
    NoteMoved = "note_moved",
    NoteDeleted = "note_deleted",
    GoalCreated = "goal_created",
    GoalUpdated = "goal_updated",
    GoalCompleted = "goal_completed",
    GoalReopened = "goal_reopened",
    GoalDeleted = "goal_deleted",
    MilestoneAdded = "milestone_added",
    MilestoneUpdated = "milestone_updated",
    MilestoneDone = "milestone_done",
    MilestoneReopened = "milestone_reopened",
    MilestoneMoved = "milestone_moved",
    MilestoneDeleted = "milestone_deleted",
    AssignmentCreated = "assignment_created",
    AssignmentUpdated = "assignment_updated",
    AssignmentCompleted = "assignment_completed",
    AssignmentReopened = "assignment_reopened",
    AssignmentDeleted = "assignment_deleted",
    AssignmentFileAdded = "assignment_file_added",
    AssignmentFileRemoved = "assignment_file_removed",
    ResourceAdded = "resource_added",
    ResourceDeleted = "resource_deleted",
    ResourceShared = "resource_shared",
    ResourceUnshared = "resource_unshared",
    ResourceSharedWithCoach = "resource_shared_with_coach",
    CommentAdded = "comment_added",
    CommentDeleted = "comment_deleted",
    ProgramItemAdded = "program_item_added",
    ProgramItemRemoved = "program_item_removed",
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::content::named_enum!(
    /// Who may read a log entry in the change feed ([`crate::Coaching::changes`]), decided by
    /// the library when the entry is written (an entry never changes afterwards).
    ///
    /// - `owner`: the practice's owner only — the practice, its plan, deleted engagements.
    /// - `coaches`: every coach of the practice — coaches, the client directory, programs and
    ///   their items, the resource library.
    /// - `coach`: the engagement's coach and the owner — a coach's private work (a private
    ///   note and its comments).
    /// - `client`: those and the engagement's own client — the engagement, its sessions, its
    ///   shared notes, goals, assignments and shared resources. A client reads them only once
    ///   the engagement is not Draft, and without a portal only the engagement's and its
    ///   sessions' entries (what the client may read otherwise).
    /// - `own`: only the client who acted — their own library, and an upload into an
    ///   engagement not yet shared with the coach.
    Audience { Owner = "owner", Coaches = "coaches", Coach = "coach", Client = "client", Own = "own" }
);

impl Audience {
    /// The audience of `action` when nothing about the target decides otherwise:
    /// practice-level entries by their subject, engagement entries the engagement's client
    /// included. Notes, comments and resources pass their own (see the service).
    pub fn of(action: Action, in_engagement: bool) -> Audience {
        use Action::*;
        match action {
            PracticeCreated | PlanChanged | EngagementDeleted => Audience::Owner,
            CoachAdded | ClientAdded | ClientUpdated | ProgramCreated | ProgramUpdated
            | ProgramItemAdded | ProgramItemRemoved => Audience::Coaches,
            _ if !in_engagement => Audience::Coaches,
            NoteCreated | NoteUpdated | NoteMoved | NoteDeleted | NoteShared | NoteUnshared
            | CommentAdded | CommentDeleted => Audience::Coach,
            _ => Audience::Client,
        }
    }
}

/// A typed reference to the thing acted upon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TargetRef {
    pub kind: EntityKind,
    pub id: Uuid,
}

impl TargetRef {
    pub fn new(kind: EntityKind, id: Uuid) -> Self {
        TargetRef { kind, id }
    }
}

/// One entry of the activity log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: LogEntryId,
    pub practice_id: PracticeId,
    /// The engagement the entry belongs to; `None` for practice-level events.
    pub engagement_id: Option<EngagementId>,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: Action,
    pub target: TargetRef,
    /// Human-readable particulars: a completion reason, the old times of a reschedule, …
    /// (never given to a client by the change feed).
    pub detail: Option<String>,
    /// Who may read the entry in the change feed.
    pub audience: Audience,
}

/// Which history to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogScope {
    /// One engagement's history.
    Engagement(EngagementId),
    /// Everything of the practice: practice-level events and every engagement's.
    Practice(PracticeId),
}

/// A page of a list: `limit` items after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: u32,
    pub limit: u32,
}

impl Page {
    /// The largest page a caller may ask for.
    pub const MAX_LIMIT: u32 = 1000;

    pub fn new(offset: u32, limit: u32) -> Self {
        Page { offset, limit }
    }

    /// The first page of `limit` items.
    pub fn first(limit: u32) -> Self {
        Page { offset: 0, limit }
    }

    pub(crate) fn validate(&self) -> crate::error::Result<()> {
        if self.limit == 0 || self.limit > Self::MAX_LIMIT {
            return Err(crate::error::Error::invalid(
                "page.limit",
                format!("must be between 1 and {}", Self::MAX_LIMIT),
            ));
        }
        Ok(())
    }
}

impl Default for Page {
    fn default() -> Self {
        Page {
            offset: 0,
            limit: 50,
        }
    }
}
