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
    /// A practice was signed up with its owner as first coach (logged as done by the owner).
    PracticeCreated = "practice_created",
    /// The owner moved the practice to another plan (detail: `old → new` plan names).
    PlanChanged = "plan_changed",
    /// The owner added a coach to the practice.
    CoachAdded = "coach_added",
    /// A coach added a client to the practice.
    ClientAdded = "client_added",
    /// A coach changed a client's name, e-mail or portal flag (detail: the fields changed).
    ClientUpdated = "client_updated",
    /// A coach created a program.
    ProgramCreated = "program_created",
    /// A coach changed a program; engagements already created from it keep their copy.
    ProgramUpdated = "program_updated",
    /// An engagement was created, as Draft (detail: its program name).
    EngagementCreated = "engagement_created",
    /// An engagement's client, program name, dates, session length, no-show rule or
    /// late-cancellation window was edited (detail: the fields changed).
    EngagementUpdated = "engagement_updated",
    /// Draft → Active: the engagement was activated.
    EngagementActivated = "engagement_activated",
    /// Inactive → Active: the engagement was reactivated.
    EngagementReactivated = "engagement_reactivated",
    /// Completed → Active: the engagement was reopened.
    EngagementReopened = "engagement_reopened",
    /// Active or Completed → Inactive.
    EngagementDeactivated = "engagement_deactivated",
    /// The engagement became Completed: by a coach (detail: the reason given, if any), or by the
    /// system when its last planned session was used.
    EngagementCompleted = "engagement_completed",
    /// The engagement was moved to another coach of the practice (team plans only).
    EngagementReassigned = "engagement_reassigned",
    /// A coach raised or lowered the engagement's planned total (detail: `old → new`).
    PlannedChanged = "planned_changed",
    /// An engagement was deleted with all its contents (a practice-level entry: the engagement's
    /// own history stays).
    EngagementDeleted = "engagement_deleted",
    /// A session was booked (one entry for each session of a series).
    SessionBooked = "session_booked",
    /// A Scheduled session was given new times (detail: the old times).
    SessionRescheduled = "session_rescheduled",
    /// A session was cancelled without being used up: by the coach, or by the client before the
    /// late-cancellation window (detail: the reason).
    SessionCancelled = "session_cancelled",
    /// The client cancelled inside the late-cancellation window: the session counts as used.
    SessionLateCancelled = "session_late_cancelled",
    /// The coach marked a session held: it counts as used.
    SessionCompleted = "session_completed",
    /// The coach marked the client absent from a session (used if the engagement's
    /// `no_show_counts`).
    SessionNoShow = "session_no_show",
    /// A coach's published weekly hours or date overrides changed.
    AvailabilityChanged = "availability_changed",
    /// The booking rules of a program or an engagement were set or removed.
    BookingRulesChanged = "booking_rules_changed",
    /// A coach created a note (private until shared).
    NoteCreated = "note_created",
    /// A note's title or body was edited.
    NoteUpdated = "note_updated",
    /// A note was shared with the engagement's client.
    NoteShared = "note_shared",
    /// A shared note was made private again.
    NoteUnshared = "note_unshared",
    /// A note was moved to another position in the engagement's list.
    NoteMoved = "note_moved",
    /// A note was deleted with its comments.
    NoteDeleted = "note_deleted",
    /// A goal was created, by a coach or by the engagement's client.
    GoalCreated = "goal_created",
    /// A goal's fields (name, description, due date, …) were edited.
    GoalUpdated = "goal_updated",
    /// A goal was marked Completed.
    GoalCompleted = "goal_completed",
    /// A Completed goal was set Active again.
    GoalReopened = "goal_reopened",
    /// A goal was deleted with its milestones and comments.
    GoalDeleted = "goal_deleted",
    /// A milestone was added at the end of a goal's list.
    MilestoneAdded = "milestone_added",
    /// A milestone's name or due date was edited.
    MilestoneUpdated = "milestone_updated",
    /// A milestone was marked done.
    MilestoneDone = "milestone_done",
    /// A done milestone was marked not done again.
    MilestoneReopened = "milestone_reopened",
    /// A milestone was moved to another position within its goal.
    MilestoneMoved = "milestone_moved",
    /// A milestone was deleted.
    MilestoneDeleted = "milestone_deleted",
    /// A coach created an assignment, Open.
    AssignmentCreated = "assignment_created",
    /// An assignment's name, description or due date was edited.
    AssignmentUpdated = "assignment_updated",
    /// An assignment was marked Completed.
    AssignmentCompleted = "assignment_completed",
    /// A Completed assignment was set Open again.
    AssignmentReopened = "assignment_reopened",
    /// An assignment was deleted with its files (the attachments) and comments.
    AssignmentDeleted = "assignment_deleted",
    /// A library file or an upload was attached to an assignment (detail: `file → assignment`).
    AssignmentFileAdded = "assignment_file_added",
    /// A file was detached from an assignment; the resource itself stays.
    AssignmentFileRemoved = "assignment_file_removed",
    /// A folder, file or link was added to the practice library, a client's own library or an
    /// engagement.
    ResourceAdded = "resource_added",
    /// A resource was deleted, with everything inside it if it was a folder.
    ResourceDeleted = "resource_deleted",
    /// A library file or folder was shared into an engagement.
    ResourceShared = "resource_shared",
    /// A library file or folder shared into an engagement was withdrawn from it.
    ResourceUnshared = "resource_unshared",
    /// A client shared a file they uploaded into their engagement with the coach.
    ResourceSharedWithCoach = "resource_shared_with_coach",
    /// A comment was added to a note, goal or assignment (detail: what it is on).
    CommentAdded = "comment_added",
    /// A comment was deleted.
    CommentDeleted = "comment_deleted",
    /// A goal, assignment or resource template was added to a program.
    ProgramItemAdded = "program_item_added",
    /// A template was removed from a program; engagements already created keep their copies.
    ProgramItemRemoved = "program_item_removed",
    /// A coach archived a client: out of the client directory, everything kept.
    ClientArchived = "client_archived",
    /// A coach restored an archived client to the directory.
    ClientRestored = "client_restored",
    /// The owner erased a client: their personal data and everything they wrote are gone, an
    /// anonymous row stays.
    ClientErased = "client_erased",
    /// The owner defined a custom field (detail: its label).
    FieldDefined = "field_defined",
    /// The owner changed a custom field's label, choices, requirement or place (detail: its
    /// label); values of a removed choice were cleared.
    FieldUpdated = "field_updated",
    /// The owner deleted a custom field with its values (detail: its label).
    FieldDeleted = "field_deleted",
    /// A coach set or cleared a custom field's value on an engagement or a client (detail: the
    /// field's label, never the value).
    FieldValueSet = "field_value_set",
    /// A client wrote a journal entry in their engagement (private unless written shared).
    JournalEntryCreated = "journal_entry_created",
    /// A client edited a journal entry.
    JournalEntryUpdated = "journal_entry_updated",
    /// A client shared a journal entry with the engagement's coach.
    JournalEntryShared = "journal_entry_shared",
    /// A client made a shared journal entry private again.
    JournalEntryUnshared = "journal_entry_unshared",
    /// A client deleted a journal entry.
    JournalEntryDeleted = "journal_entry_deleted",
    /// A form template was added to the practice library.
    FormTemplateCreated = "form_template_created",
    /// A form template was changed (forms already sent keep their copy).
    FormTemplateUpdated = "form_template_updated",
    /// A form template was deleted.
    FormTemplateDeleted = "form_template_deleted",
    /// A form was sent into the engagement (by a coach, or by its program).
    FormSent = "form_sent",
    /// The client saved draft answers to a form (the client's own entry).
    FormAnswersSaved = "form_answers_saved",
    /// The client submitted a form: its answers are the coach's to read.
    FormSubmitted = "form_submitted",
    /// The coach reopened a submitted form for the client to change.
    FormReopened = "form_reopened",
    /// The coach withdrew a form, with its answers.
    FormDeleted = "form_deleted",
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
    /// - `own`: only the client who acted — their own library, an upload into an
    ///   engagement not yet shared with the coach, and their private journal entries.
    Audience {
        /// The practice's owner only.
        Owner = "owner",
        /// Every coach of the practice.
        Coaches = "coaches",
        /// The engagement's coach and the owner.
        Coach = "coach",
        /// The engagement's coach, the owner and the engagement's client.
        Client = "client",
        /// Only the client who acted.
        Own = "own",
    }
);

impl Audience {
    /// The audience of `action` when nothing about the target decides otherwise:
    /// practice-level entries by their subject, engagement entries the engagement's client
    /// included. Notes, comments and resources pass their own (see the service).
    pub fn of(action: Action, in_engagement: bool) -> Audience {
        use Action::*;
        match action {
            PracticeCreated | PlanChanged | EngagementDeleted => Audience::Owner,
            CoachAdded | ClientAdded | ClientUpdated | ClientArchived | ClientRestored
            | ClientErased | FieldDefined | FieldUpdated | FieldDeleted | FormTemplateCreated
            | FormTemplateUpdated | FormTemplateDeleted | ProgramCreated
            | ProgramUpdated
            | ProgramItemAdded | ProgramItemRemoved => Audience::Coaches,
            // A draft is the client's alone.
            FormAnswersSaved => Audience::Own,
            _ if !in_engagement => Audience::Coaches,
            NoteCreated | NoteUpdated | NoteMoved | NoteDeleted | NoteShared | NoteUnshared
            | CommentAdded | CommentDeleted | FieldValueSet => Audience::Coach,
            _ => Audience::Client,
        }
    }
}

/// A typed reference to the thing acted upon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TargetRef {
    /// What kind of entity the target is (session, note, goal, …): tells the host which page to
    /// link to.
    pub kind: EntityKind,
    /// The target's id: the UUID inside its typed id (a `SessionId`, a `NoteId`, …, as `kind`
    /// says).
    pub id: Uuid,
}

impl TargetRef {
    /// A reference to the entity of `kind` whose id is the UUID `id`.
    pub fn new(kind: EntityKind, id: Uuid) -> Self {
        TargetRef { kind, id }
    }
}

/// One entry of the activity log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// This entry's id (UUID v7, so entries' ids sort by the time they were written).
    pub id: LogEntryId,
    /// The practice the entry belongs to (set on engagement entries too).
    pub practice_id: PracticeId,
    /// The engagement the entry belongs to; `None` for practice-level events.
    pub engagement_id: Option<EngagementId>,
    /// When it happened: the injected clock's now when the operation ran (UTC).
    pub at: DateTime<Utc>,
    /// Who did it: a coach, a client, or the system for automatic transitions.
    pub actor: Actor,
    /// What was done.
    pub action: Action,
    /// The thing acted upon (kind and id), so the host can link to it; it may no longer exist.
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
    /// How many items of the list to skip before the page starts.
    pub offset: u32,
    /// How many items the page holds at most: 1 to [`Page::MAX_LIMIT`]; any other value is refused
    /// with [`Error::Validation`](crate::error::Error::Validation) by the operation given the page.
    pub limit: u32,
}

impl Page {
    /// The largest page a caller may ask for.
    pub const MAX_LIMIT: u32 = 1000;

    /// The page of at most `limit` items after skipping `offset`. Not checked here: an operation
    /// given a `limit` of 0 or over [`Page::MAX_LIMIT`] refuses it.
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
