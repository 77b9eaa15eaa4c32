//! The storage trait: what the domain needs from a backend, not SQL.
//!
//! A backend hands the library a [`Reader`] for a consistent read and a [`Writer`] for an
//! atomic write: everything a write closure does is committed when it returns `Ok`, and
//! nothing is when it returns `Err`. The business rules live in [`crate::Coaching`]; the
//! backends only store and query. Two backends ship: [`SqliteStore`] (the default, an embedded
//! SQLite file) and [`MemoryStore`]. Both pass one conformance suite (`tests/conformance`).

mod memory;
pub mod sqlite;

pub use memory::MemoryStore;
pub use sqlite::SqliteStore;

use crate::activity::{LogEntry, LogScope, Page};
use crate::engagement::{Engagement, EngagementOverview};
use crate::error::Result;
use crate::ids::{ClientId, CoachId, EngagementId, PracticeId, ProgramId, SessionId};
use crate::model::{Client, Coach, Practice, Program};
use crate::progress::SessionTally;
use crate::session::{Session, SessionLine, SessionRange};
use chrono::{DateTime, Utc};

/// Which engagements an overview lists. Every set field narrows the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverviewFilter {
    pub practice: PracticeId,
    pub coach: Option<CoachId>,
    pub client: Option<ClientId>,
    pub engagement: Option<EngagementId>,
    /// Whether Draft engagements are listed (never for a client).
    pub include_draft: bool,
}

impl OverviewFilter {
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
    pub practice: PracticeId,
    pub coach: Option<CoachId>,
    pub client: Option<ClientId>,
    pub engagement: Option<EngagementId>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Only Scheduled sessions (the dashboards); otherwise every status (calendar export).
    pub scheduled_only: bool,
}

/// Consistent reads. Lists come back in a stable order (creation order unless stated).
pub trait Reader {
    fn practice(&self, id: PracticeId) -> Result<Option<Practice>>;
    fn coach(&self, id: CoachId) -> Result<Option<Coach>>;
    fn coaches(&self, practice: PracticeId) -> Result<Vec<Coach>>;
    fn client(&self, id: ClientId) -> Result<Option<Client>>;
    fn clients(&self, practice: PracticeId) -> Result<Vec<Client>>;
    fn program(&self, id: ProgramId) -> Result<Option<Program>>;
    fn programs(&self, practice: PracticeId) -> Result<Vec<Program>>;
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
    /// Log entries of `scope`, newest first.
    fn activity(&self, scope: LogScope, page: Page) -> Result<Vec<LogEntry>>;
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
    /// Sessions across engagements with their names — one query on SQL backends.
    fn session_lines(&self, window: &SessionWindow) -> Result<Vec<SessionLine>>;
}

/// Writes inside one atomic transaction. `save_*` inserts or updates by id.
pub trait Writer: Reader {
    fn save_practice(&mut self, practice: &Practice) -> Result<()>;
    fn save_coach(&mut self, coach: &Coach) -> Result<()>;
    fn save_client(&mut self, client: &Client) -> Result<()>;
    fn save_program(&mut self, program: &Program) -> Result<()>;
    fn save_engagement(&mut self, engagement: &Engagement) -> Result<()>;
    /// Removes the engagement with all its contents and its own log entries.
    fn delete_engagement(&mut self, id: EngagementId) -> Result<()>;
    fn save_session(&mut self, session: &Session) -> Result<()>;
    /// Appends to the log; entries are never changed afterwards.
    fn append_log(&mut self, entry: &LogEntry) -> Result<()>;
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
