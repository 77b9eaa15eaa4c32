#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface
//! `CoachingLibrary`: every operation of the library for Swift and Kotlin.

use std::sync::Arc;
use std::time::SystemTime;

use coaching_core as core;

use super::types::*;

/// A handle on a store. Thread-safe: share one instance between threads.
#[derive(uniffi::Object)]
pub struct CoachingLibrary {
    inner: core::Coaching,
}

/// A new engagement; every field is optional (set before activation).
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct NewEngagement {
    #[uniffi(default = None)]
    pub program_id: Option<String>,
    #[uniffi(default = None)]
    pub coach_id: Option<String>,
    #[uniffi(default = None)]
    pub client_id: Option<String>,
    #[uniffi(default = None)]
    pub program_name: Option<String>,
    /// With `planned_unit`: sessions, or minutes in hours mode.
    #[uniffi(default = None)]
    pub planned: Option<u32>,
    #[uniffi(default = None)]
    pub planned_unit: Option<ProgressUnit>,
    #[uniffi(default = None)]
    pub start_date: Option<CalendarDate>,
    #[uniffi(default = None)]
    pub end_date: Option<CalendarDate>,
}

/// Changes to an engagement: set fields change; `clear_*` flags remove a value.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct EngagementChanges {
    #[uniffi(default = None)]
    pub client_id: Option<String>,
    #[uniffi(default = None)]
    pub program_name: Option<String>,
    #[uniffi(default = false)]
    pub clear_program_name: bool,
    #[uniffi(default = None)]
    pub start_date: Option<CalendarDate>,
    #[uniffi(default = false)]
    pub clear_start_date: bool,
    #[uniffi(default = None)]
    pub end_date: Option<CalendarDate>,
    #[uniffi(default = false)]
    pub clear_end_date: bool,
    #[uniffi(default = None)]
    pub session_minutes: Option<u32>,
    #[uniffi(default = None)]
    pub no_show_counts: Option<bool>,
    #[uniffi(default = None)]
    pub late_cancel_window_minutes: Option<u32>,
    #[uniffi(default = false)]
    pub clear_late_cancel_window: bool,
}

/// A new program.
#[derive(Debug, Clone, uniffi::Record)]
pub struct NewProgram {
    pub name: String,
    pub unit: ProgressUnit,
    /// Sessions, or minutes in hours mode.
    pub planned: u32,
    #[uniffi(default = 60)]
    pub session_minutes: u32,
    #[uniffi(default = true)]
    pub no_show_counts: bool,
    #[uniffi(default = None)]
    pub late_cancel_window_minutes: Option<u32>,
}

/// Changes to a program: set fields change; `clear_late_cancel_window` removes the window.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ProgramChanges {
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// With `unit`: sessions, or minutes in hours mode (sessions when `unit` is absent).
    #[uniffi(default = None)]
    pub planned: Option<u32>,
    #[uniffi(default = None)]
    pub unit: Option<ProgressUnit>,
    #[uniffi(default = None)]
    pub session_minutes: Option<u32>,
    #[uniffi(default = None)]
    pub no_show_counts: Option<bool>,
    #[uniffi(default = None)]
    pub late_cancel_window_minutes: Option<u32>,
    #[uniffi(default = false)]
    pub clear_late_cancel_window: bool,
}

/// The body of a [`CoachingLibrary::batch`]: Kotlin `object : BatchBody { override fun run() {…} }`.
#[uniffi::export(callback_interface)]
pub trait BatchBody: Send + Sync {
    fn run(&self) -> Result<(), CoachingError>;
}

/// A clock that moves only when told to: pass it to `openWithClock` / `inMemoryWithClock` to
/// control "now" in a host's tests.
#[derive(uniffi::Object)]
pub struct ManualClock(core::ManualClock);

#[uniffi::export]
impl ManualClock {
    /// A clock standing at `at`.
    #[uniffi::constructor]
    pub fn new(at: SystemTime) -> Arc<Self> {
        Arc::new(ManualClock(core::ManualClock::new(instant(at))))
    }

    /// Moves the clock to `at` (backwards is allowed).
    pub fn set(&self, at: SystemTime) {
        self.0.set(instant(at))
    }

    /// Moves the clock forward by `seconds` (negative: back).
    pub fn advance(&self, seconds: i64) {
        self.0.advance(chrono::Duration::seconds(seconds))
    }

    pub fn now(&self) -> SystemTime {
        ts(core::Clock::now(&self.0))
    }
}

/// Changes to a client.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ClientChanges {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub email: Option<String>,
    #[uniffi(default = false)]
    pub clear_email: bool,
    #[uniffi(default = None)]
    pub has_portal: Option<bool>,
}

/// Changes to a goal, milestone or assignment (milestones ignore `description`).
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ItemChanges {
    #[uniffi(default = None)]
    pub name: Option<String>,
    #[uniffi(default = None)]
    pub description: Option<String>,
    #[uniffi(default = false)]
    pub clear_description: bool,
    #[uniffi(default = None)]
    pub due_date: Option<CalendarDate>,
    #[uniffi(default = false)]
    pub clear_due_date: bool,
}

fn tri<T>(v: Option<T>, clear: bool) -> Option<Option<T>> {
    if clear {
        Some(None)
    } else {
        v.map(Some)
    }
}

fn tri_date(v: Option<CalendarDate>, clear: bool) -> R<Option<Option<chrono::NaiveDate>>> {
    Ok(tri(opt_date(v)?, clear))
}

fn id<T: std::str::FromStr<Err = core::Error>>(s: &str) -> R<T> {
    Ok(s.parse::<T>()?)
}

fn opt_id<T: std::str::FromStr<Err = core::Error>>(s: Option<String>) -> R<Option<T>> {
    s.as_deref().map(id).transpose()
}

fn page(offset: u32, limit: u32) -> core::Page {
    core::Page::new(offset, limit)
}

fn list<A, B: From<A>>(v: Vec<A>) -> Vec<B> {
    v.into_iter().map(Into::into).collect()
}

impl CoachingLibrary {
    fn overview(&self, a: core::Actor, e: core::EngagementId) -> R<Engagement> {
        Ok(self.inner.engagement(a, e)?.into())
    }
}

#[uniffi::export]
impl CoachingLibrary {
    /// Opens (or creates) the SQLite file at `path`.
    #[uniffi::constructor]
    pub fn open(path: String) -> R<Arc<Self>> {
        Ok(Arc::new(CoachingLibrary {
            inner: core::Coaching::open(path)?,
        }))
    }

    /// A store in memory.
    #[uniffi::constructor]
    pub fn in_memory() -> Arc<Self> {
        Arc::new(CoachingLibrary {
            inner: core::Coaching::in_memory(),
        })
    }

    /// A store at `path` on a clock the host sets (its tests and simulations).
    #[uniffi::constructor]
    pub fn open_with_clock(path: String, clock: Arc<ManualClock>) -> R<Arc<Self>> {
        Ok(Arc::new(CoachingLibrary {
            inner: core::Coaching::with_clock(core::SqliteStore::open(path)?, clock.0.clone()),
        }))
    }

    /// A store in memory on a clock the host sets.
    #[uniffi::constructor]
    pub fn in_memory_with_clock(clock: Arc<ManualClock>) -> Arc<Self> {
        Arc::new(CoachingLibrary {
            inner: core::Coaching::with_clock(core::MemoryStore::new(), clock.0.clone()),
        })
    }

    /// The library clock's current time.
    pub fn now(&self) -> SystemTime {
        ts(self.inner.now())
    }

    /// The largest file uploads accept, in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.inner.max_file_bytes()
    }

    pub fn set_max_file_bytes(&self, limit: u64) {
        self.inner.set_max_file_bytes(limit)
    }

    /// Runs `body` as one transaction: the operations it performs through this library (on
    /// the calling thread) keep every rule and commit together when it returns; if it throws,
    /// everything is rolled back and the exception comes back out. An operation refused
    /// inside changes nothing and `body` may catch the error and carry on.
    pub fn batch(&self, body: Box<dyn BatchBody>) -> R<()> {
        let mut thrown = None;
        let result = self.inner.batch(|_| {
            body.run().map_err(|e| {
                thrown = Some(e);
                core::Error::Storage {
                    message: "the batch body threw: rolled back".into(),
                }
            })
        });
        match (result, thrown) {
            (Err(_), Some(e)) => Err(e),
            (r, _) => Ok(r?),
        }
    }

    // ---------------------------------------------------------------- practices and people

    /// Signs a practice up; returns the practice's owner (a `Coach`) — read the practice with
    /// `practice(owner, owner.practiceId)`.
    pub fn create_practice(
        &self,
        name: String,
        time_zone: String,
        plan: Plan,
        owner_name: String,
        owner_email: Option<String>,
    ) -> R<Coach> {
        let (_, owner) = self.inner.create_practice(core::NewPractice {
            name,
            time_zone,
            plan: plan.into(),
            owner_name,
            owner_email,
        })?;
        Ok(owner.into())
    }

    pub fn practice(&self, actor: Actor, practice_id: String) -> R<Practice> {
        Ok(self
            .inner
            .practice(actor.core()?, id(&practice_id)?)?
            .into())
    }

    pub fn change_plan(&self, actor: Actor, practice_id: String, plan: Plan) -> R<Practice> {
        Ok(self
            .inner
            .change_plan(actor.core()?, id(&practice_id)?, plan.into())?
            .into())
    }

    pub fn add_coach(
        &self,
        actor: Actor,
        practice_id: String,
        name: String,
        email: Option<String>,
    ) -> R<Coach> {
        Ok(self
            .inner
            .add_coach(
                actor.core()?,
                id(&practice_id)?,
                core::NewCoach { name, email },
            )?
            .into())
    }

    pub fn coaches(&self, actor: Actor, practice_id: String) -> R<Vec<Coach>> {
        Ok(list(self.inner.coaches(actor.core()?, id(&practice_id)?)?))
    }

    pub fn add_client(
        &self,
        actor: Actor,
        practice_id: String,
        name: String,
        email: Option<String>,
        has_portal: bool,
    ) -> R<Client> {
        Ok(self
            .inner
            .add_client(
                actor.core()?,
                id(&practice_id)?,
                core::NewClient {
                    name,
                    email,
                    has_portal,
                },
            )?
            .into())
    }

    pub fn update_client(
        &self,
        actor: Actor,
        client_id: String,
        changes: ClientChanges,
    ) -> R<Client> {
        let u = core::ClientUpdate {
            name: changes.name,
            email: tri(changes.email, changes.clear_email),
            has_portal: changes.has_portal,
        };
        Ok(self
            .inner
            .update_client(actor.core()?, id(&client_id)?, u)?
            .into())
    }

    pub fn client(&self, actor: Actor, client_id: String) -> R<Client> {
        Ok(self.inner.client(actor.core()?, id(&client_id)?)?.into())
    }

    pub fn clients(&self, actor: Actor, practice_id: String) -> R<Vec<Client>> {
        Ok(list(self.inner.clients(actor.core()?, id(&practice_id)?)?))
    }

    pub fn create_program(
        &self,
        actor: Actor,
        practice_id: String,
        program: NewProgram,
    ) -> R<Program> {
        let new = core::NewProgram {
            name: program.name,
            planned: core::Planned {
                unit: program.unit.into(),
                amount: program.planned,
            },
            session_minutes: program.session_minutes,
            no_show_counts: program.no_show_counts,
            late_cancel_window_minutes: program.late_cancel_window_minutes,
        };
        Ok(self
            .inner
            .create_program(actor.core()?, id(&practice_id)?, new)?
            .into())
    }

    /// Edits a program (any coach of the practice); engagements keep what they copied.
    pub fn update_program(
        &self,
        actor: Actor,
        program_id: String,
        changes: ProgramChanges,
    ) -> R<Program> {
        let planned = match (changes.planned, changes.unit) {
            (Some(amount), Some(unit)) => Some(core::Planned {
                unit: unit.into(),
                amount,
            }),
            (Some(amount), None) => Some(core::Planned::sessions(amount)),
            (None, _) => None,
        };
        let update = core::ProgramUpdate {
            name: changes.name,
            planned,
            session_minutes: changes.session_minutes,
            no_show_counts: changes.no_show_counts,
            late_cancel_window_minutes: if changes.clear_late_cancel_window {
                Some(None)
            } else {
                changes.late_cancel_window_minutes.map(Some)
            },
        };
        Ok(self
            .inner
            .update_program(actor.core()?, id(&program_id)?, update)?
            .into())
    }

    pub fn program(&self, actor: Actor, program_id: String) -> R<Program> {
        Ok(self.inner.program(actor.core()?, id(&program_id)?)?.into())
    }

    pub fn programs(&self, actor: Actor, practice_id: String) -> R<Vec<Program>> {
        Ok(list(self.inner.programs(actor.core()?, id(&practice_id)?)?))
    }

    // ---------------------------------------------------------------- engagements

    pub fn create_engagement(
        &self,
        actor: Actor,
        practice_id: String,
        engagement: NewEngagement,
    ) -> R<Engagement> {
        let a = actor.core()?;
        let planned = match (engagement.planned, engagement.planned_unit) {
            (Some(amount), unit) => Some(core::Planned {
                unit: unit.map_or(core::ProgressUnit::Sessions, Into::into),
                amount,
            }),
            (None, _) => None,
        };
        let new = core::NewEngagement {
            program_id: opt_id(engagement.program_id)?,
            coach_id: opt_id(engagement.coach_id)?,
            client_id: opt_id(engagement.client_id)?,
            program_name: engagement.program_name,
            planned,
            start_date: opt_date(engagement.start_date)?,
            end_date: opt_date(engagement.end_date)?,
        };
        let e = self.inner.create_engagement(a, id(&practice_id)?, new)?;
        self.overview(a, e.id)
    }

    pub fn update_engagement(
        &self,
        actor: Actor,
        engagement_id: String,
        changes: EngagementChanges,
    ) -> R<Engagement> {
        let a = actor.core()?;
        let e = id(&engagement_id)?;
        let u = core::EngagementUpdate {
            client_id: opt_id(changes.client_id)?,
            program_name: tri(changes.program_name, changes.clear_program_name),
            start_date: tri_date(changes.start_date, changes.clear_start_date)?,
            end_date: tri_date(changes.end_date, changes.clear_end_date)?,
            session_minutes: changes.session_minutes,
            no_show_counts: changes.no_show_counts,
            late_cancel_window_minutes: tri(
                changes.late_cancel_window_minutes,
                changes.clear_late_cancel_window,
            ),
        };
        self.inner.update_engagement(a, e, u)?;
        self.overview(a, e)
    }

    pub fn set_planned(
        &self,
        actor: Actor,
        engagement_id: String,
        unit: ProgressUnit,
        amount: u32,
    ) -> R<Engagement> {
        let (a, e) = (actor.core()?, id(&engagement_id)?);
        self.inner.set_planned(
            a,
            e,
            core::Planned {
                unit: unit.into(),
                amount,
            },
        )?;
        self.overview(a, e)
    }

    pub fn set_status(
        &self,
        actor: Actor,
        engagement_id: String,
        status: EngagementStatus,
        reason: Option<String>,
    ) -> R<Engagement> {
        let (a, e) = (actor.core()?, id(&engagement_id)?);
        self.inner
            .set_status(a, e, status.into(), reason.as_deref())?;
        self.overview(a, e)
    }

    pub fn reassign(&self, actor: Actor, engagement_id: String, coach_id: String) -> R<Engagement> {
        let (a, e) = (actor.core()?, id(&engagement_id)?);
        self.inner.reassign(a, e, id(&coach_id)?)?;
        self.overview(a, e)
    }

    pub fn delete_engagement(&self, actor: Actor, engagement_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_engagement(actor.core()?, id(&engagement_id)?)?)
    }

    pub fn engagement(&self, actor: Actor, engagement_id: String) -> R<Engagement> {
        self.overview(actor.core()?, id(&engagement_id)?)
    }

    pub fn overview_for_coach(&self, actor: Actor, coach_id: String) -> R<Vec<Engagement>> {
        Ok(list(
            self.inner
                .overview_for_coach(actor.core()?, id(&coach_id)?)?,
        ))
    }

    pub fn overview_for_client(&self, actor: Actor, client_id: String) -> R<Vec<Engagement>> {
        Ok(list(
            self.inner
                .overview_for_client(actor.core()?, id(&client_id)?)?,
        ))
    }

    pub fn overview_for_practice(&self, actor: Actor, practice_id: String) -> R<Vec<Engagement>> {
        Ok(list(
            self.inner
                .overview_for_practice(actor.core()?, id(&practice_id)?)?,
        ))
    }

    pub fn activity(
        &self,
        actor: Actor,
        engagement_id: String,
        offset: u32,
        limit: u32,
    ) -> R<Vec<LogEntry>> {
        Ok(list(self.inner.activity(
            actor.core()?,
            id(&engagement_id)?,
            page(offset, limit),
        )?))
    }

    pub fn practice_activity(
        &self,
        actor: Actor,
        practice_id: String,
        offset: u32,
        limit: u32,
    ) -> R<Vec<LogEntry>> {
        Ok(list(self.inner.practice_activity(
            actor.core()?,
            id(&practice_id)?,
            page(offset, limit),
        )?))
    }

    // ---------------------------------------------------------------- sessions

    /// Books a session; `end` None: the engagement's session length; `time_zone` None: the
    /// practice's.
    pub fn book_session(
        &self,
        actor: Actor,
        engagement_id: String,
        start: SystemTime,
        end: Option<SystemTime>,
        time_zone: Option<String>,
        location: Location,
    ) -> R<Session> {
        let new = core::NewSession {
            start: instant(start),
            end: end.map(instant),
            time_zone,
            location: location.into(),
        };
        Ok(self
            .inner
            .book_session(actor.core()?, id(&engagement_id)?, new)?
            .into())
    }

    pub fn book_series(
        &self,
        actor: Actor,
        engagement_id: String,
        start: SystemTime,
        end: Option<SystemTime>,
        time_zone: Option<String>,
        location: Location,
        every_weeks: u32,
        until: SeriesEnd,
    ) -> R<Vec<Session>> {
        let new = core::NewSession {
            start: instant(start),
            end: end.map(instant),
            time_zone,
            location: location.into(),
        };
        let stop = match until {
            SeriesEnd::Count { count } => core::SeriesEnd::Count(count),
            SeriesEnd::Until { date } => core::SeriesEnd::Until(date.core()?),
        };
        Ok(list(self.inner.book_series(
            actor.core()?,
            id(&engagement_id)?,
            new,
            core::Recurrence {
                every_weeks,
                end: stop,
            },
        )?))
    }

    pub fn session(&self, actor: Actor, session_id: String) -> R<Session> {
        Ok(self.inner.session(actor.core()?, id(&session_id)?)?.into())
    }

    pub fn reschedule_session(
        &self,
        actor: Actor,
        session_id: String,
        start: SystemTime,
        end: Option<SystemTime>,
    ) -> R<Session> {
        Ok(self
            .inner
            .reschedule_session(
                actor.core()?,
                id(&session_id)?,
                instant(start),
                end.map(instant),
            )?
            .into())
    }

    pub fn set_session_location(
        &self,
        actor: Actor,
        session_id: String,
        location: Location,
    ) -> R<Session> {
        Ok(self
            .inner
            .set_session_location(actor.core()?, id(&session_id)?, location.into())?
            .into())
    }

    pub fn cancel_session(
        &self,
        actor: Actor,
        session_id: String,
        reason: Option<String>,
    ) -> R<Session> {
        Ok(self
            .inner
            .cancel_session(actor.core()?, id(&session_id)?, reason.as_deref())?
            .into())
    }

    pub fn complete_session(&self, actor: Actor, session_id: String) -> R<Session> {
        Ok(self
            .inner
            .complete_session(actor.core()?, id(&session_id)?)?
            .into())
    }

    pub fn mark_no_show(&self, actor: Actor, session_id: String) -> R<Session> {
        Ok(self
            .inner
            .mark_no_show(actor.core()?, id(&session_id)?)?
            .into())
    }

    pub fn sessions(
        &self,
        actor: Actor,
        engagement_id: String,
        range: SessionRange,
        offset: u32,
        limit: u32,
    ) -> R<Vec<Session>> {
        Ok(list(self.inner.sessions(
            actor.core()?,
            id(&engagement_id)?,
            range.into(),
            page(offset, limit),
        )?))
    }

    pub fn upcoming_sessions_for_coach(
        &self,
        actor: Actor,
        coach_id: String,
        from: SystemTime,
        to: SystemTime,
    ) -> R<Vec<SessionLine>> {
        Ok(list(self.inner.upcoming_sessions_for_coach(
            actor.core()?,
            id(&coach_id)?,
            instant(from),
            instant(to),
        )?))
    }

    pub fn upcoming_sessions_for_client(
        &self,
        actor: Actor,
        client_id: String,
        from: SystemTime,
        to: SystemTime,
    ) -> R<Vec<SessionLine>> {
        Ok(list(self.inner.upcoming_sessions_for_client(
            actor.core()?,
            id(&client_id)?,
            instant(from),
            instant(to),
        )?))
    }

    pub fn export_ics_for_coach(
        &self,
        actor: Actor,
        coach_id: String,
        from: SystemTime,
        to: SystemTime,
    ) -> R<String> {
        Ok(self.inner.export_ics_for_coach(
            actor.core()?,
            id(&coach_id)?,
            instant(from),
            instant(to),
        )?)
    }

    pub fn export_ics_for_engagement(&self, actor: Actor, engagement_id: String) -> R<String> {
        Ok(self
            .inner
            .export_ics_for_engagement(actor.core()?, id(&engagement_id)?)?)
    }

    // ---------------------------------------------------------------- notes

    pub fn create_note(
        &self,
        actor: Actor,
        engagement_id: String,
        title: String,
        body_html: String,
        template_id: Option<String>,
    ) -> R<Note> {
        let new = core::NewNote {
            title,
            body_html,
            template: opt_id(template_id)?,
        };
        Ok(self
            .inner
            .create_note(actor.core()?, id(&engagement_id)?, new)?
            .into())
    }

    pub fn update_note(
        &self,
        actor: Actor,
        note_id: String,
        title: Option<String>,
        body_html: Option<String>,
    ) -> R<Note> {
        Ok(self
            .inner
            .update_note(
                actor.core()?,
                id(&note_id)?,
                core::NoteUpdate { title, body_html },
            )?
            .into())
    }

    pub fn set_note_shared(&self, actor: Actor, note_id: String, shared: bool) -> R<Note> {
        Ok(self
            .inner
            .set_note_shared(actor.core()?, id(&note_id)?, shared)?
            .into())
    }

    pub fn move_note(&self, actor: Actor, note_id: String, index: u32) -> R<Vec<Note>> {
        Ok(list(self.inner.move_note(
            actor.core()?,
            id(&note_id)?,
            index,
        )?))
    }

    pub fn delete_note(&self, actor: Actor, note_id: String) -> R<()> {
        Ok(self.inner.delete_note(actor.core()?, id(&note_id)?)?)
    }

    pub fn note(&self, actor: Actor, note_id: String) -> R<Note> {
        Ok(self.inner.note(actor.core()?, id(&note_id)?)?.into())
    }

    pub fn notes(&self, actor: Actor, engagement_id: String) -> R<Vec<Note>> {
        Ok(list(self.inner.notes(actor.core()?, id(&engagement_id)?)?))
    }

    pub fn search_notes(
        &self,
        actor: Actor,
        scope: NoteScope,
        keywords: Option<String>,
        edited_from: Option<SystemTime>,
        edited_to: Option<SystemTime>,
        offset: u32,
        limit: u32,
    ) -> R<Vec<NoteHit>> {
        let scope = match scope {
            NoteScope::Engagement { id: i } => core::NoteScope::Engagement(id(&i)?),
            NoteScope::Client { id: i } => core::NoteScope::Client(id(&i)?),
            NoteScope::Practice { id: i } => core::NoteScope::Practice(id(&i)?),
        };
        let q = core::NoteQuery {
            keywords,
            edited_from: edited_from.map(instant),
            edited_to: edited_to.map(instant),
            page: page(offset, limit),
        };
        Ok(list(self.inner.search_notes(actor.core()?, scope, q)?))
    }

    pub fn client_notes(
        &self,
        actor: Actor,
        client_id: String,
        offset: u32,
        limit: u32,
    ) -> R<Vec<Note>> {
        Ok(list(self.inner.client_notes(
            actor.core()?,
            id(&client_id)?,
            page(offset, limit),
        )?))
    }

    // ---------------------------------------------------------------- goals

    pub fn create_goal(
        &self,
        actor: Actor,
        engagement_id: String,
        name: String,
        description: Option<String>,
        due_date: Option<CalendarDate>,
    ) -> R<Goal> {
        let new = core::NewGoal {
            name,
            description,
            due_date: opt_date(due_date)?,
        };
        Ok(goal(
            self.inner
                .create_goal(actor.core()?, id(&engagement_id)?, new)?,
            Vec::new(),
        ))
    }

    pub fn update_goal(&self, actor: Actor, goal_id: String, changes: ItemChanges) -> R<Goal> {
        let u = core::GoalInput {
            name: changes.name,
            description: tri(changes.description, changes.clear_description),
            due_date: tri_date(changes.due_date, changes.clear_due_date)?,
        };
        Ok(goal(
            self.inner.update_goal(actor.core()?, id(&goal_id)?, u)?,
            Vec::new(),
        ))
    }

    pub fn set_goal_status(&self, actor: Actor, goal_id: String, status: GoalStatus) -> R<Goal> {
        Ok(goal(
            self.inner
                .set_goal_status(actor.core()?, id(&goal_id)?, status.into())?,
            Vec::new(),
        ))
    }

    pub fn delete_goal(&self, actor: Actor, goal_id: String) -> R<()> {
        Ok(self.inner.delete_goal(actor.core()?, id(&goal_id)?)?)
    }

    pub fn goals(&self, actor: Actor, engagement_id: String) -> R<Vec<Goal>> {
        Ok(self
            .inner
            .goals(actor.core()?, id(&engagement_id)?)?
            .into_iter()
            .map(|g| goal(g.goal, g.milestones))
            .collect())
    }

    pub fn add_milestone(
        &self,
        actor: Actor,
        goal_id: String,
        name: String,
        due_date: Option<CalendarDate>,
    ) -> R<Milestone> {
        Ok(self
            .inner
            .add_milestone(actor.core()?, id(&goal_id)?, &name, opt_date(due_date)?)?
            .into())
    }

    pub fn update_milestone(
        &self,
        actor: Actor,
        milestone_id: String,
        changes: ItemChanges,
    ) -> R<Milestone> {
        let u = core::GoalInput {
            name: changes.name,
            description: None,
            due_date: tri_date(changes.due_date, changes.clear_due_date)?,
        };
        Ok(self
            .inner
            .update_milestone(actor.core()?, id(&milestone_id)?, u)?
            .into())
    }

    pub fn set_milestone_done(
        &self,
        actor: Actor,
        milestone_id: String,
        done: bool,
    ) -> R<Milestone> {
        Ok(self
            .inner
            .set_milestone_done(actor.core()?, id(&milestone_id)?, done)?
            .into())
    }

    pub fn move_milestone(
        &self,
        actor: Actor,
        milestone_id: String,
        index: u32,
    ) -> R<Vec<Milestone>> {
        Ok(list(self.inner.move_milestone(
            actor.core()?,
            id(&milestone_id)?,
            index,
        )?))
    }

    pub fn delete_milestone(&self, actor: Actor, milestone_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_milestone(actor.core()?, id(&milestone_id)?)?)
    }

    // ---------------------------------------------------------------- assignments

    pub fn create_assignment(
        &self,
        actor: Actor,
        engagement_id: String,
        name: String,
        description: Option<String>,
        due_date: Option<CalendarDate>,
    ) -> R<Assignment> {
        let input = core::AssignmentInput {
            name: Some(name),
            description: Some(description),
            due_date: Some(opt_date(due_date)?),
        };
        Ok(assignment(
            self.inner
                .create_assignment(actor.core()?, id(&engagement_id)?, input)?,
            Vec::new(),
        ))
    }

    pub fn update_assignment(
        &self,
        actor: Actor,
        assignment_id: String,
        changes: ItemChanges,
    ) -> R<Assignment> {
        let u = core::AssignmentInput {
            name: changes.name,
            description: tri(changes.description, changes.clear_description),
            due_date: tri_date(changes.due_date, changes.clear_due_date)?,
        };
        Ok(assignment(
            self.inner
                .update_assignment(actor.core()?, id(&assignment_id)?, u)?,
            Vec::new(),
        ))
    }

    pub fn set_assignment_status(
        &self,
        actor: Actor,
        assignment_id: String,
        status: AssignmentStatus,
    ) -> R<Assignment> {
        Ok(assignment(
            self.inner
                .set_assignment_status(actor.core()?, id(&assignment_id)?, status.into())?,
            Vec::new(),
        ))
    }

    pub fn delete_assignment(&self, actor: Actor, assignment_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_assignment(actor.core()?, id(&assignment_id)?)?)
    }

    /// Attaches a library file (`resource_id`) or an upload (`upload`) with an optional message.
    pub fn add_assignment_file(
        &self,
        actor: Actor,
        assignment_id: String,
        resource_id: Option<String>,
        upload: Option<ResourceInput>,
        message: Option<String>,
    ) -> R<AssignmentFile> {
        let source = match (resource_id, upload) {
            (Some(r), None) => core::AssignmentFileSource::Library(id(&r)?),
            (None, Some(u)) => core::AssignmentFileSource::Upload(u.into()),
            _ => return Err(invalid("file", "give resource_id or upload")),
        };
        Ok(self
            .inner
            .add_assignment_file(
                actor.core()?,
                id(&assignment_id)?,
                source,
                message.as_deref(),
            )?
            .into())
    }

    pub fn remove_assignment_file(&self, actor: Actor, file_id: String) -> R<()> {
        Ok(self
            .inner
            .remove_assignment_file(actor.core()?, id(&file_id)?)?)
    }

    pub fn assignments(&self, actor: Actor, engagement_id: String) -> R<Vec<Assignment>> {
        Ok(self
            .inner
            .assignments(actor.core()?, id(&engagement_id)?)?
            .into_iter()
            .map(|a| assignment(a.assignment, a.files))
            .collect())
    }

    // ---------------------------------------------------------------- resources

    pub fn add_to_library(
        &self,
        actor: Actor,
        practice_id: String,
        parent_id: Option<String>,
        resource: ResourceInput,
    ) -> R<Resource> {
        Ok(self
            .inner
            .add_to_library(
                actor.core()?,
                id(&practice_id)?,
                opt_id(parent_id)?,
                resource.into(),
            )?
            .into())
    }

    pub fn library(
        &self,
        actor: Actor,
        practice_id: String,
        parent_id: Option<String>,
    ) -> R<Vec<Resource>> {
        Ok(list(self.inner.library(
            actor.core()?,
            id(&practice_id)?,
            opt_id(parent_id)?,
        )?))
    }

    pub fn add_to_client_library(
        &self,
        actor: Actor,
        parent_id: Option<String>,
        resource: ResourceInput,
    ) -> R<Resource> {
        Ok(self
            .inner
            .add_to_client_library(actor.core()?, opt_id(parent_id)?, resource.into())?
            .into())
    }

    pub fn client_library(&self, actor: Actor, parent_id: Option<String>) -> R<Vec<Resource>> {
        Ok(list(
            self.inner
                .client_library(actor.core()?, opt_id(parent_id)?)?,
        ))
    }

    pub fn share_resource(
        &self,
        actor: Actor,
        engagement_id: String,
        resource_id: String,
    ) -> R<()> {
        Ok(self
            .inner
            .share_resource(actor.core()?, id(&engagement_id)?, id(&resource_id)?)?)
    }

    pub fn unshare_resource(
        &self,
        actor: Actor,
        engagement_id: String,
        resource_id: String,
    ) -> R<()> {
        Ok(self
            .inner
            .unshare_resource(actor.core()?, id(&engagement_id)?, id(&resource_id)?)?)
    }

    pub fn upload_to_engagement(
        &self,
        actor: Actor,
        engagement_id: String,
        resource: ResourceInput,
    ) -> R<Resource> {
        Ok(self
            .inner
            .upload_to_engagement(actor.core()?, id(&engagement_id)?, resource.into())?
            .into())
    }

    pub fn share_with_coach(&self, actor: Actor, resource_id: String) -> R<Resource> {
        Ok(self
            .inner
            .share_with_coach(actor.core()?, id(&resource_id)?)?
            .into())
    }

    pub fn engagement_resources(
        &self,
        actor: Actor,
        engagement_id: String,
    ) -> R<Vec<EngagementResource>> {
        Ok(list(self.inner.engagement_resources(
            actor.core()?,
            id(&engagement_id)?,
        )?))
    }

    pub fn engagement_folder(
        &self,
        actor: Actor,
        engagement_id: String,
        folder_id: String,
    ) -> R<Vec<Resource>> {
        Ok(list(self.inner.engagement_folder(
            actor.core()?,
            id(&engagement_id)?,
            id(&folder_id)?,
        )?))
    }

    pub fn download(
        &self,
        actor: Actor,
        resource_id: String,
        engagement_id: Option<String>,
    ) -> R<Download> {
        let (r, data) =
            self.inner
                .download(actor.core()?, id(&resource_id)?, opt_id(engagement_id)?)?;
        Ok(Download {
            resource: r.into(),
            data,
        })
    }

    pub fn delete_resource(&self, actor: Actor, resource_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_resource(actor.core()?, id(&resource_id)?)?)
    }

    // ---------------------------------------------------------------- program items, comments, to-dos

    pub fn add_program_item(
        &self,
        actor: Actor,
        program_id: String,
        item: ProgramItemKind,
    ) -> R<ProgramItem> {
        let item = match item {
            ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => core::ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            },
            ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => core::ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            },
            ProgramItemKind::Resource { resource_id } => core::ProgramItemKind::Resource {
                resource_id: id(&resource_id)?,
            },
        };
        Ok(self
            .inner
            .add_program_item(actor.core()?, id(&program_id)?, item)?
            .into())
    }

    pub fn remove_program_item(&self, actor: Actor, program_id: String, item_id: String) -> R<()> {
        Ok(self
            .inner
            .remove_program_item(actor.core()?, id(&program_id)?, id(&item_id)?)?)
    }

    pub fn program_items(&self, actor: Actor, program_id: String) -> R<Vec<ProgramItem>> {
        Ok(list(
            self.inner.program_items(actor.core()?, id(&program_id)?)?,
        ))
    }

    pub fn add_comment(
        &self,
        actor: Actor,
        target: CommentTarget,
        body_html: String,
    ) -> R<Comment> {
        Ok(self
            .inner
            .add_comment(actor.core()?, target.core()?, &body_html)?
            .into())
    }

    pub fn comments(&self, actor: Actor, target: CommentTarget) -> R<Vec<Comment>> {
        Ok(list(self.inner.comments(actor.core()?, target.core()?)?))
    }

    pub fn delete_comment(&self, actor: Actor, comment_id: String) -> R<()> {
        Ok(self.inner.delete_comment(actor.core()?, id(&comment_id)?)?)
    }

    pub fn client_todos(
        &self,
        actor: Actor,
        coach_id: String,
        offset: u32,
        limit: u32,
    ) -> R<Vec<Todo>> {
        Ok(list(self.inner.client_todos(
            actor.core()?,
            id(&coach_id)?,
            page(offset, limit),
        )?))
    }
}
