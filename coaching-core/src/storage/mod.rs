//! The storage trait: what the domain needs from a backend, not SQL.
//!
//! A backend hands the library a [`Reader`] for a consistent read and a [`Writer`] for an
//! atomic write: everything a write closure does is committed when it returns `Ok`, and
//! nothing is when it returns `Err`. The business rules live in [`crate::Coaching`]; the
//! backends only store and query. Three backends ship: [`SqliteStore`] (the default, an embedded
//! SQLite file), [`MemoryStore`], and `PostgresStore` (feature `postgres`). All pass one
//! conformance suite (`tests/conformance`).

mod memory;
#[cfg(feature = "postgres")]
pub mod pg;
pub mod sqlite;

pub use memory::MemoryStore;
#[cfg(feature = "postgres")]
pub use pg::PostgresStore;
pub use sqlite::SqliteStore;

use crate::activity::{LogEntry, LogScope, Page};
use crate::booking::{Availability, BookingRules, RulesOwner};
use crate::engagement::{Engagement, EngagementOverview};
use crate::error::Result;
use crate::fields::{FieldDefinition, FieldEntity, StoredFieldValue};
use crate::ids::{ClientId, CoachId, EngagementId, EntityKind, PracticeId, ProgramId, SessionId};
use crate::model::{Client, Coach, Practice, Program};
use crate::progress::SessionTally;
use crate::session::{Session, SessionLine, SessionRange};
use chrono::{DateTime, NaiveDate, Utc};

use crate::actor::Actor;
use crate::content::*;
use crate::ids::{
    AssignmentFileId, AssignmentId, CommentId, FieldId, FormId, FormTemplateId, GoalId,
    JournalEntryId, MilestoneId, NoteId, ProgramItemId, ResourceId,
};

/// Which engagements an overview lists. Every set field narrows the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverviewFilter {
    /// The practice whose engagements are listed (always set).
    pub practice: PracticeId,
    /// Only engagements assigned to this coach.
    pub coach: Option<CoachId>,
    /// Only engagements of this client.
    pub client: Option<ClientId>,
    /// Only this one engagement.
    pub engagement: Option<EngagementId>,
    /// Whether Draft engagements are listed (never for a client).
    pub include_draft: bool,
}

impl OverviewFilter {
    /// Every engagement of `practice`, Draft ones included; narrow it by setting the other fields.
    pub fn practice(practice: PracticeId) -> Self {
        OverviewFilter {
            practice,
            coach: None,
            client: None,
            engagement: None,
            include_draft: true,
        }
    }
}

/// Which sessions a cross-engagement list holds: those of the practice starting in
/// `[from, to)`, narrowed by every set field, soonest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionWindow {
    /// The practice whose sessions are listed (always set).
    pub practice: PracticeId,
    /// Only sessions held by this coach.
    pub coach: Option<CoachId>,
    /// Only sessions of this client.
    pub client: Option<ClientId>,
    /// Only sessions of this engagement.
    pub engagement: Option<EngagementId>,
    /// Earliest start, included (UTC).
    pub from: DateTime<Utc>,
    /// Latest start, excluded (UTC).
    pub to: DateTime<Utc>,
    /// Only Scheduled sessions (the dashboards); otherwise every status (calendar export).
    pub scheduled_only: bool,
}

/// A note search as a backend runs it. Every set field narrows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSearch {
    /// The practice searched (always set).
    pub practice: PracticeId,
    /// Only notes of this engagement.
    pub engagement: Option<EngagementId>,
    /// Notes of this client's engagements.
    pub client: Option<ClientId>,
    /// Notes of this coach's engagements.
    pub coach: Option<CoachId>,
    /// Only notes shared with the client (a client's view).
    pub shared_only: bool,
    /// Leave out Draft engagements (a client's view).
    pub exclude_draft: bool,
    /// Lower-case words; each must match a word of the title or body, or its start.
    pub terms: Vec<String>,
    /// Last edited at or after this instant (UTC).
    pub edited_from: Option<DateTime<Utc>>,
    /// Last edited before this instant (UTC).
    pub edited_to: Option<DateTime<Utc>>,
    /// Which page of the results.
    pub page: Page,
}

/// Whose change feed a backend reads (see `Coaching::changes` for the rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    /// Every entry, `own` ones included: the practice's export, never a reader's feed.
    All,
    /// The owner: every entry of the practice but the `own` ones.
    Owner,
    /// Another coach: the `coaches` entries, and the `coach` and `client` entries of the
    /// engagements assigned to this coach.
    Coach(CoachId),
    /// A client: the `client` entries of their engagements that are not Draft (without a
    /// portal, only those whose target is an engagement or a session), and the `own` entries
    /// they made.
    Client {
        /// The client reading.
        id: ClientId,
        /// Whether the client has a portal account (without one, only engagement and session
        /// entries).
        portal: bool,
    },
}

/// What [`Reader::booking_setup`] reads.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingSetup {
    /// The engagement's own booking rules.
    pub own: Option<BookingRules>,
    /// Its program's.
    pub program: Option<BookingRules>,
    /// The coach's hours.
    pub availability: Option<Availability>,
    /// The session tally, and the count and minutes of Scheduled sessions.
    pub allocation: (SessionTally, u32, u64),
}

/// Consistent reads. Lists come back in a stable order (creation order unless stated).
pub trait Reader {
    /// The practice `id`; `None` if the store holds none.
    fn practice(&self, id: PracticeId) -> Result<Option<Practice>>;
    /// Every practice the store holds, by id (operators' tools: export, copy, check).
    fn practice_ids(&self) -> Result<Vec<PracticeId>>;
    /// The coach `id` (of any practice); `None` if there is none.
    fn coach(&self, id: CoachId) -> Result<Option<Coach>>;
    /// The practice's coaches, owner included, in creation order.
    fn coaches(&self, practice: PracticeId) -> Result<Vec<Coach>>;
    /// The client `id` (of any practice); `None` if there is none.
    fn client(&self, id: ClientId) -> Result<Option<Client>>;
    /// The practice's clients, in creation order.
    fn clients(&self, practice: PracticeId) -> Result<Vec<Client>>;
    /// The program `id` (of any practice); `None` if there is none.
    fn program(&self, id: ProgramId) -> Result<Option<Program>>;
    /// The practice's programs, in creation order.
    fn programs(&self, practice: PracticeId) -> Result<Vec<Program>>;
    /// The engagement `id` (of any practice); `None` if there is none.
    fn engagement(&self, id: EngagementId) -> Result<Option<Engagement>>;
    /// How many engagements of the practice are Active.
    fn count_active_engagements(&self, practice: PracticeId) -> Result<u32>;
    /// How many coaches the practice has, owner included.
    fn count_coaches(&self, practice: PracticeId) -> Result<u32>;
    /// The session counts progress is computed from.
    fn session_tally(&self, engagement: EngagementId) -> Result<SessionTally>;
    /// The overview lines matching `filter`, in creation order, progress included — in one
    /// query on SQL backends.
    fn overview(&self, filter: &OverviewFilter) -> Result<Vec<EngagementOverview>>;
    /// One page of the overview lines matching `filter` and `query`'s statuses and program,
    /// in `query`'s order, with how many match in all. The SQL backends answer in one query
    /// (and a count only for a page past the end); this default filters, sorts and pages
    /// [`Reader::overview`]'s lines.
    fn overview_page(
        &self,
        filter: &OverviewFilter,
        query: &crate::engagement::OverviewQuery,
    ) -> Result<(Vec<EngagementOverview>, u64)> {
        let mut lines = self.overview(filter)?;
        lines.retain(|l| query.matches(l));
        let total = lines.len() as u64;
        lines.sort_by(|a, b| query.compare(a, b));
        Ok((
            lines
                .into_iter()
                .skip(query.offset as usize)
                .take(query.limit as usize)
                .collect(),
            total,
        ))
    }
    /// Log entries of `scope` a coach may read, newest first: every audience but a client's
    /// `own` entries (their own library, unshared uploads, private journal entries).
    fn activity(&self, scope: LogScope, page: Page) -> Result<Vec<LogEntry>>;
    /// The practice's log entries after sequence number `after` that `scope` may read, in
    /// sequence (commit) order, at most `limit`, each with its sequence number — one query on
    /// SQL backends.
    fn changes(
        &self,
        practice: PracticeId,
        scope: FeedScope,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, LogEntry)>>;
    /// The sequence number of the practice's last log entry (0 when it has none): where a
    /// cursor taken now stands.
    fn log_end(&self, practice: PracticeId) -> Result<i64>;
    /// Whether an id of `kind` is in use in any practice of the store (an import must not
    /// take one). An engagement's id stays in use while the log names it (a deleted
    /// engagement's history).
    fn id_in_use(&self, kind: EntityKind, id: uuid::Uuid) -> Result<bool>;
    /// The session `id` (of any practice); `None` if there is none.
    fn session(&self, id: SessionId) -> Result<Option<Session>>;
    /// An engagement's sessions on one side of `now` (see [`SessionRange`]).
    fn engagement_sessions(
        &self,
        engagement: EngagementId,
        range: SessionRange,
        now: DateTime<Utc>,
        page: Page,
    ) -> Result<Vec<Session>>;
    /// A Scheduled session of `coach` overlapping `[start, end)`, other than `exclude`.
    /// Sessions last at most a day, which lets backends bound the search.
    fn coach_clash(
        &self,
        coach: CoachId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Option<Session>>;
    /// The `(start, end)` of `coach`'s Scheduled sessions overlapping `[from, to)` other than
    /// `exclude`, by start — one query on SQL backends (free slots).
    fn coach_busy(
        &self,
        coach: CoachId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        exclude: Option<SessionId>,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>>;
    /// How many Scheduled sessions the engagement has, and their minutes (the allocation).
    fn scheduled_load(&self, engagement: EngagementId) -> Result<(u32, u64)>;
    /// The session tally, and the count and minutes of the Scheduled sessions, of an
    /// engagement: what a client's allocation is computed from (one statement on PostgreSQL).
    fn allocation(&self, engagement: EngagementId) -> Result<(SessionTally, u32, u64)> {
        let (n, minutes) = self.scheduled_load(engagement)?;
        Ok((self.session_tally(engagement)?, n, minutes))
    }
    /// What a slot computation reads besides the sessions: the booking rules of engagement
    /// `e` and of its program, the availability of `coach`, and `e`'s allocation (one statement
    /// on PostgreSQL).
    fn booking_setup(&self, e: &Engagement, coach: CoachId) -> Result<BookingSetup> {
        let own = self.booking_rules(e.practice_id, RulesOwner::Engagement(e.id))?;
        let program = match e.program_id {
            Some(p) => self.booking_rules(e.practice_id, RulesOwner::Program(p))?,
            None => None,
        };
        Ok(BookingSetup {
            own,
            program,
            availability: self.availability(coach)?,
            allocation: self.allocation(e.id)?,
        })
    }
    /// A coach's published availability, if any.
    fn availability(&self, coach: CoachId) -> Result<Option<Availability>>;
    /// The booking rules a program or an engagement has of its own.
    fn booking_rules(
        &self,
        practice: PracticeId,
        owner: RulesOwner,
    ) -> Result<Option<BookingRules>>;
    /// Sessions across engagements with their names — one query on SQL backends.
    fn session_lines(&self, window: &SessionWindow) -> Result<Vec<SessionLine>>;

    /// The note `id`; `None` if there is none.
    fn note(&self, id: NoteId) -> Result<Option<Note>>;
    /// An engagement's notes by position.
    fn notes(&self, engagement: EngagementId) -> Result<Vec<Note>>;
    /// How many notes an engagement has (the position of the next one).
    fn note_count(&self, engagement: EngagementId) -> Result<u32> {
        Ok(self.notes(engagement)?.len() as u32)
    }
    /// Notes matching a search: ranked best first when there are terms, else most recently
    /// edited first — one query on SQL backends (full-text index).
    fn search_notes(&self, search: &NoteSearch) -> Result<Vec<NoteHit>>;
    /// The engagements of `client` deleted since (their history is still in the log).
    fn deleted_engagements_of(&self, client: ClientId) -> Result<Vec<EngagementId>>;
    /// Every deleted engagement of the practice with its client, by engagement id.
    fn deleted_engagements(&self, practice: PracticeId) -> Result<Vec<(EngagementId, ClientId)>>;
    /// The custom field `id`; `None` if there is none.
    fn field(&self, id: FieldId) -> Result<Option<FieldDefinition>>;
    /// The practice's custom fields of `entity`, by position.
    fn fields(&self, practice: PracticeId, entity: FieldEntity) -> Result<Vec<FieldDefinition>>;
    /// The custom-field values set on `target` (an engagement's or a client's id), or with
    /// `None` every value of the practice (by field, then target).
    fn field_values(
        &self,
        practice: PracticeId,
        target: Option<uuid::Uuid>,
    ) -> Result<Vec<StoredFieldValue>>;
    /// The journal entry `id`; `None` if there is none.
    fn journal_entry(&self, id: JournalEntryId) -> Result<Option<JournalEntry>>;
    /// An engagement's journal entries, newest first (by creation, then id): only those of
    /// `author` when given, only the shared ones when `shared_only` — one query on SQL backends.
    fn journal(
        &self,
        engagement: EngagementId,
        author: Option<ClientId>,
        shared_only: bool,
    ) -> Result<Vec<JournalEntry>>;
    /// The form template `id`; `None` if there is none.
    fn form_template(&self, id: FormTemplateId) -> Result<Option<FormTemplate>>;
    /// The practice library's form templates, by name (then id).
    fn form_templates(&self, practice: PracticeId) -> Result<Vec<FormTemplate>>;
    /// The form `id` (answers included); `None` if there is none.
    fn form(&self, id: FormId) -> Result<Option<Form>>;
    /// The forms sent into an engagement, oldest first (by sending, then id) — one query on SQL
    /// backends.
    fn forms(&self, engagement: EngagementId) -> Result<Vec<Form>>;
    /// The goal `id`; `None` if there is none.
    fn goal(&self, id: GoalId) -> Result<Option<Goal>>;
    /// An engagement's goals in creation order.
    fn goals(&self, engagement: EngagementId) -> Result<Vec<Goal>>;
    /// The milestone `id`; `None` if there is none.
    fn milestone(&self, id: MilestoneId) -> Result<Option<Milestone>>;
    /// Every milestone of an engagement, by goal then position.
    fn milestones(&self, engagement: EngagementId) -> Result<Vec<Milestone>>;
    /// The assignment `id`; `None` if there is none.
    fn assignment(&self, id: AssignmentId) -> Result<Option<Assignment>>;
    /// An engagement's assignments in creation order.
    fn assignments(&self, engagement: EngagementId) -> Result<Vec<Assignment>>;
    /// The assignment file (the attachment) `id`; `None` if there is none.
    fn assignment_file(&self, id: AssignmentFileId) -> Result<Option<AssignmentFile>>;
    /// Every file of an engagement's assignments, in the order they were added.
    fn assignment_files(&self, engagement: EngagementId) -> Result<Vec<AssignmentFile>>;
    /// The resource `id`, of any place; `None` if there is none.
    fn resource(&self, id: ResourceId) -> Result<Option<Resource>>;
    /// The resources of `place` directly in folder `parent` (`None`: the top), folders first
    /// then by name.
    fn resource_children(
        &self,
        practice: PracticeId,
        place: ResourcePlace,
        parent: Option<ResourceId>,
    ) -> Result<Vec<Resource>>;
    /// The stored bytes of a file.
    fn resource_bytes(&self, id: ResourceId) -> Result<Option<Vec<u8>>>;
    /// Library items shared into the engagement, then files uploaded into it.
    fn engagement_resources(&self, engagement: EngagementId) -> Result<Vec<EngagementResource>>;
    /// Whether this library item itself is shared into the engagement.
    fn is_shared_into(&self, engagement: EngagementId, resource: ResourceId) -> Result<bool>;
    /// The comment `id`; `None` if there is none.
    fn comment(&self, id: CommentId) -> Result<Option<Comment>>;
    /// Comments on one note, goal or assignment, oldest first.
    fn comments(&self, target: CommentTarget) -> Result<Vec<Comment>>;
    /// A program's items by position.
    fn program_items(&self, program: ProgramId) -> Result<Vec<ProgramItem>>;
    /// Open goals, open milestones of open goals, open assignments and open forms of
    /// `coach`'s Active engagements, by due date (undated last) — one query on SQL backends.
    fn todos(&self, coach: CoachId, today: NaiveDate, page: Page) -> Result<Vec<TodoItem>>;
    /// Open goals, milestones (of open goals), assignments and forms of the practice's Active
    /// engagements due on or before `until`, narrowed by coach and client, by due date —
    /// one query on SQL backends.
    fn due_items(
        &self,
        practice: PracticeId,
        coach: Option<CoachId>,
        client: Option<ClientId>,
        until: NaiveDate,
        today: NaiveDate,
    ) -> Result<Vec<DueItem>>;
}

/// Writes inside one atomic transaction. `save_*` inserts or updates by id.
pub trait Writer: Reader {
    /// Inserts or updates the practice.
    fn save_practice(&mut self, practice: &Practice) -> Result<()>;
    /// Inserts or updates the coach; its practice must exist.
    fn save_coach(&mut self, coach: &Coach) -> Result<()>;
    /// Inserts or updates the client; its practice must exist.
    fn save_client(&mut self, client: &Client) -> Result<()>;
    /// Inserts or updates the program; its practice must exist.
    fn save_program(&mut self, program: &Program) -> Result<()>;
    /// Inserts or updates the engagement; its practice, and its coach and client when set, must
    /// exist.
    fn save_engagement(&mut self, engagement: &Engagement) -> Result<()>;
    /// Removes the engagement with all its contents (its booking rules too); its log entries stay (the log is
    /// append-only: the practice keeps the history of a deleted engagement).
    fn delete_engagement(&mut self, id: EngagementId) -> Result<()>;
    /// Inserts or updates the session; its engagement, coach and client must exist, and `end` must
    /// be after `start`.
    fn save_session(&mut self, session: &Session) -> Result<()>;
    /// Saves (replaces) a coach's availability.
    fn save_availability(&mut self, availability: &Availability) -> Result<()>;
    /// Sets (`Some`) or removes (`None`) the booking rules of a program or engagement.
    fn save_booking_rules(
        &mut self,
        practice: PracticeId,
        owner: RulesOwner,
        rules: Option<&BookingRules>,
    ) -> Result<()>;
    /// Inserts or updates the note; its engagement must exist.
    fn save_note(&mut self, note: &Note) -> Result<()>;
    /// Removes a note and its comments.
    fn delete_note(&mut self, id: NoteId) -> Result<()>;
    /// Records whose a deleted engagement was (an import; deleting an engagement records it
    /// itself).
    fn save_deleted_engagement(
        &mut self,
        practice: PracticeId,
        engagement: EngagementId,
        client: ClientId,
    ) -> Result<()>;
    /// Inserts or updates a custom field's definition.
    fn save_field(&mut self, field: &FieldDefinition) -> Result<()>;
    /// Removes a custom field with its values.
    fn delete_field(&mut self, id: FieldId) -> Result<()>;
    /// Sets one value (replacing the one there).
    fn save_field_value(&mut self, practice: PracticeId, value: &StoredFieldValue) -> Result<()>;
    /// Clears one value of `field` on `target`.
    fn delete_field_value(&mut self, field: FieldId, target: uuid::Uuid) -> Result<()>;
    /// Clears every value set on `target` (an engagement's or a client's id).
    fn delete_field_values_of(&mut self, practice: PracticeId, target: uuid::Uuid) -> Result<()>;
    /// Inserts or updates the journal entry; its engagement must exist.
    fn save_journal_entry(&mut self, entry: &JournalEntry) -> Result<()>;
    /// Removes a journal entry.
    fn delete_journal_entry(&mut self, id: JournalEntryId) -> Result<()>;
    /// Inserts or updates a form template.
    fn save_form_template(&mut self, template: &FormTemplate) -> Result<()>;
    /// Removes a form template and the program items that send it; forms sent from it keep
    /// their copy (their `template_id` becomes `None`).
    fn delete_form_template(&mut self, id: FormTemplateId) -> Result<()>;
    /// Inserts or updates a sent form (with its answers); its engagement must exist.
    fn save_form(&mut self, form: &Form) -> Result<()>;
    /// Removes a sent form with its answers.
    fn delete_form(&mut self, id: FormId) -> Result<()>;
    /// Inserts or updates the goal; its engagement must exist.
    fn save_goal(&mut self, goal: &Goal) -> Result<()>;
    /// Removes a goal with its milestones and comments.
    fn delete_goal(&mut self, id: GoalId) -> Result<()>;
    /// Inserts or updates the milestone; its goal must exist.
    fn save_milestone(&mut self, milestone: &Milestone) -> Result<()>;
    /// Removes a milestone (nothing when there is none).
    fn delete_milestone(&mut self, id: MilestoneId) -> Result<()>;
    /// Inserts or updates the assignment; its engagement must exist.
    fn save_assignment(&mut self, assignment: &Assignment) -> Result<()>;
    /// Removes an assignment with its files (the attachments, not the resources) and comments.
    fn delete_assignment(&mut self, id: AssignmentId) -> Result<()>;
    /// Inserts or updates an assignment's attachment; its assignment and resource must exist.
    fn save_assignment_file(&mut self, file: &AssignmentFile) -> Result<()>;
    /// Removes an attachment (not the resource it points to).
    fn delete_assignment_file(&mut self, id: AssignmentFileId) -> Result<()>;
    /// Saves a resource; `bytes`, for a new file, are stored with it.
    fn save_resource(&mut self, resource: &Resource, bytes: Option<&[u8]>) -> Result<()>;
    /// Removes a resource, everything inside it (folders), its shares, attachments and
    /// program items.
    fn delete_resource(&mut self, id: ResourceId) -> Result<()>;
    /// Records that library item `resource` is shared into `engagement`, by whom and when
    /// (replacing an earlier share of it).
    fn save_share(
        &mut self,
        engagement: EngagementId,
        resource: ResourceId,
        by: Actor,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// Removes the share of `resource` into `engagement` (nothing when there is none).
    fn delete_share(&mut self, engagement: EngagementId, resource: ResourceId) -> Result<()>;
    /// Inserts or updates the comment; its engagement must exist.
    fn save_comment(&mut self, comment: &Comment) -> Result<()>;
    /// Removes a comment (nothing when there is none).
    fn delete_comment(&mut self, id: CommentId) -> Result<()>;
    /// Inserts or updates the program item; its program must exist.
    fn save_program_item(&mut self, item: &ProgramItem) -> Result<()>;
    /// Removes a program item (engagements keep the copies made from it).
    fn delete_program_item(&mut self, id: ProgramItemId) -> Result<()>;
    /// Appends to the log; entries are never changed afterwards.
    fn append_log(&mut self, entry: &LogEntry) -> Result<()>;
    /// The recorded outcome of a device's operation `op_id` in `practice` (offline sync: who
    /// sent it, and the outcome as JSON), read under the write's lock of the practice so two
    /// servers handling the same request serialise on it.
    fn sync_op(&mut self, practice: PracticeId, op_id: uuid::Uuid) -> Result<Option<(Actor, String)>>;
    /// Records a device's operation and its outcome (JSON); an operation id is recorded once.
    fn save_sync_op(
        &mut self,
        practice: PracticeId,
        op_id: uuid::Uuid,
        actor: Actor,
        outcome: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// Forgets the recorded operations of `actor` (an erasure: their outcomes may quote them).
    fn delete_sync_ops_of(&mut self, practice: PracticeId, actor: Actor) -> Result<()>;
    /// Blanks the `detail` of the practice's log entries made by or about `client`, or in one
    /// of `engagements` (an erasure: nothing else of an entry ever changes).
    fn erase_log_details(
        &mut self,
        practice: PracticeId,
        client: ClientId,
        engagements: &[EngagementId],
    ) -> Result<()>;
    /// Opens a nested unit inside the current transaction (one operation of a batch).
    fn savepoint(&mut self) -> Result<()>;
    /// Keeps what the innermost unit did.
    fn release_savepoint(&mut self) -> Result<()>;
    /// Undoes what the innermost unit did, and closes it.
    fn rollback_savepoint(&mut self) -> Result<()>;
}

/// A storage backend. Implementations are shared between threads.
pub trait Storage: Send + Sync {
    /// Runs `f` against a consistent snapshot.
    fn read(&self, f: &mut dyn FnMut(&dyn Reader) -> Result<()>) -> Result<()>;
    /// Runs `f` in one atomic write transaction: committed when `f` returns `Ok`, rolled
    /// back entirely when it returns `Err`. Writes are serialised.
    fn write(&self, f: &mut dyn FnMut(&mut dyn Writer) -> Result<()>) -> Result<()>;
}

impl<S: Storage + ?Sized> Storage for Box<S> {
    fn read(&self, f: &mut dyn FnMut(&dyn Reader) -> Result<()>) -> Result<()> {
        (**self).read(f)
    }
    fn write(&self, f: &mut dyn FnMut(&mut dyn Writer) -> Result<()>) -> Result<()> {
        (**self).write(f)
    }
}

impl<S: Storage + ?Sized> Storage for std::sync::Arc<S> {
    fn read(&self, f: &mut dyn FnMut(&dyn Reader) -> Result<()>) -> Result<()> {
        (**self).read(f)
    }
    fn write(&self, f: &mut dyn FnMut(&mut dyn Writer) -> Result<()>) -> Result<()> {
        (**self).write(f)
    }
}
