//! Records, enums and the error of the uniffi surface, with their conversions.

use std::time::SystemTime;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use coaching_core as core;

/// Every error the library reports. Each variant carries the core error's fields.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum CoachingError {
    #[error("{kind} {id} not found")]
    NotFound { kind: String, id: String },
    #[error("permission denied: {reason}")]
    PermissionDenied { reason: String },
    #[error("invalid status transition from {from:?} to {to:?}")]
    InvalidTransition {
        from: EngagementStatus,
        to: EngagementStatus,
    },
    #[error("a {from:?} session cannot become {to:?}")]
    InvalidSessionTransition {
        from: SessionStatus,
        to: SessionStatus,
    },
    #[error("the engagement is {status:?}: this needs an Active engagement")]
    EngagementNotActive { status: EngagementStatus },
    #[error("client {client_id} has no portal account")]
    NoPortal { client_id: String },
    #[error("the file is {}, over the limit of {}", core::error::bytes(*.size), core::error::bytes(*.limit))]
    FileTooLarge { size: u64, limit: u64 },
    #[error("plan limit reached: the plan allows {}, and the practice has {current}", limit_count(.what, *.limit))]
    PlanLimitReached {
        what: String,
        limit: u32,
        current: u32,
    },
    #[error("missing required fields: {fields:?}")]
    MissingFields { fields: Vec<String> },
    #[error("invalid {field}: {reason}")]
    Validation { field: String, reason: String },
    #[error("conflict: {reason}")]
    Conflict { reason: String },
    #[error("database schema version {found} is newer than this library supports ({supported})")]
    SchemaTooNew { found: u32, supported: u32 },
    #[error("storage error: {detail}")]
    Storage { detail: String },
    #[error("{path} is not a coaching database: {reason}")]
    NotCoachingFile { path: String, reason: String },
    #[error("cannot use the database server {server}: {reason}")]
    Connection { server: String, reason: String },
    #[error("the start is outside the coach's available hours")]
    OutsideAvailability { start: SystemTime },
    #[error("bookings need {notice_minutes} minutes' notice; this start is {minutes_ahead} minutes ahead")]
    NoticeTooShort {
        notice_minutes: u32,
        minutes_ahead: i64,
    },
    #[error("bookings open {horizon_days} days ahead; this start is {days_ahead} days ahead")]
    BeyondHorizon { horizon_days: u32, days_ahead: u32 },
    #[error("the planned {planned} are allocated: {used} used and {scheduled} scheduled")]
    AllocationUsedUp {
        unit: ProgressUnit,
        planned: u32,
        used: u32,
        scheduled: u32,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for CoachingError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        CoachingError::Storage {
            detail: format!("the callback failed: {}", e.reason),
        }
    }
}

/// The core's wording of a counted limit ("1 coach", "2 coaches").
fn limit_count(what: &str, n: u32) -> String {
    core::LimitKind::parse(what)
        .unwrap_or(core::LimitKind::ActiveEngagements)
        .count(n)
}

impl From<core::Error> for CoachingError {
    fn from(e: core::Error) -> Self {
        match e {
            core::Error::NotFound { kind, id } => CoachingError::NotFound {
                kind: kind.as_str().into(),
                id,
            },
            core::Error::PermissionDenied { reason } => CoachingError::PermissionDenied { reason },
            core::Error::InvalidTransition { from, to } => CoachingError::InvalidTransition {
                from: from.into(),
                to: to.into(),
            },
            core::Error::InvalidSessionTransition { from, to } => {
                CoachingError::InvalidSessionTransition {
                    from: from.into(),
                    to: to.into(),
                }
            }
            core::Error::EngagementNotActive { status } => CoachingError::EngagementNotActive {
                status: status.into(),
            },
            core::Error::NoPortal { client } => CoachingError::NoPortal { client_id: client },
            core::Error::FileTooLarge { size, limit } => {
                CoachingError::FileTooLarge { size, limit }
            }
            core::Error::PlanLimitReached {
                kind,
                limit,
                current,
            } => CoachingError::PlanLimitReached {
                what: kind.as_str().into(),
                limit,
                current,
            },
            core::Error::MissingFields { fields } => CoachingError::MissingFields { fields },
            core::Error::Validation { field, reason } => {
                CoachingError::Validation { field, reason }
            }
            core::Error::Conflict { reason } => CoachingError::Conflict { reason },
            core::Error::SchemaTooNew { found, supported } => {
                CoachingError::SchemaTooNew { found, supported }
            }
            core::Error::Storage { message } => CoachingError::Storage { detail: message },
            core::Error::NotCoachingFile { path, reason } => {
                CoachingError::NotCoachingFile { path, reason }
            }
            core::Error::Connection { server, reason } => {
                CoachingError::Connection { server, reason }
            }
            core::Error::OutsideAvailability { start } => {
                CoachingError::OutsideAvailability { start: ts(start) }
            }
            core::Error::NoticeTooShort {
                notice_minutes,
                minutes_ahead,
            } => CoachingError::NoticeTooShort {
                notice_minutes,
                minutes_ahead,
            },
            core::Error::BeyondHorizon {
                horizon_days,
                days_ahead,
            } => CoachingError::BeyondHorizon {
                horizon_days,
                days_ahead,
            },
            core::Error::AllocationUsedUp {
                unit,
                planned,
                used,
                scheduled,
            } => CoachingError::AllocationUsedUp {
                unit: unit.into(),
                planned,
                used,
                scheduled,
            },
            // A variant newer than this layer: reported with its message.
            other => CoachingError::Storage {
                detail: other.to_string(),
            },
        }
    }
}

pub(crate) type R<T> = Result<T, CoachingError>;

pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> CoachingError {
    CoachingError::Validation {
        field: field.into(),
        reason: reason.into(),
    }
}

/// A calendar date (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl CalendarDate {
    pub(crate) fn core(&self) -> R<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month as u32, self.day as u32).ok_or_else(|| {
            invalid(
                "date",
                format!("{}-{}-{} is not a date", self.year, self.month, self.day),
            )
        })
    }
}

pub(crate) fn cdate(d: Option<NaiveDate>) -> Option<CalendarDate> {
    d.map(|d| CalendarDate {
        year: d.year(),
        month: d.month() as u8,
        day: d.day() as u8,
    })
}

pub(crate) fn opt_date(d: Option<CalendarDate>) -> R<Option<NaiveDate>> {
    d.map(|d| d.core()).transpose()
}

pub(crate) fn ts(t: DateTime<Utc>) -> SystemTime {
    t.into()
}

/// A host's instant; one beyond what the library represents (Kotlin's `Instant.MAX`) is
/// clamped to the representable range, where the operation's own check refuses it with a
/// typed error instead of a panic.
pub(crate) fn instant(t: SystemTime) -> DateTime<Utc> {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs())
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, d.subsec_nanos()))
            .unwrap_or(DateTime::<Utc>::MAX_UTC),
        Err(before) => {
            let d = before.duration();
            let (secs, nanos) = match d.subsec_nanos() {
                0 => (d.as_secs(), 0),
                n => (d.as_secs().saturating_add(1), 1_000_000_000 - n),
            };
            i64::try_from(secs)
                .ok()
                .and_then(|s| DateTime::from_timestamp(-s, nanos))
                .unwrap_or(DateTime::<Utc>::MIN_UTC)
        }
    }
}

/// Who acts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Actor {
    Coach { id: String },
    Client { id: String },
    System,
}

impl Actor {
    pub(crate) fn core(&self) -> R<core::Actor> {
        Ok(match self {
            Actor::Coach { id } => core::Actor::Coach(id.parse()?),
            Actor::Client { id } => core::Actor::Client(id.parse()?),
            Actor::System => core::Actor::System,
        })
    }
}

pub(crate) fn actor(a: &core::Actor) -> Actor {
    match a {
        core::Actor::Coach(id) => Actor::Coach { id: id.to_string() },
        core::Actor::Client(id) => Actor::Client { id: id.to_string() },
        core::Actor::System => Actor::System,
    }
}

macro_rules! mirror_enum {
    ($(#[$m:meta])* $name:ident <-> $core:ty { $($v:ident <-> $cv:path),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
        pub enum $name { $($v,)* }
        impl From<$core> for $name {
            fn from(v: $core) -> Self { match v { $($cv => $name::$v,)* } }
        }
        impl From<$name> for $core {
            fn from(v: $name) -> Self { match v { $($name::$v => $cv,)* } }
        }
    };
}

mirror_enum!(/// Engagement lifecycle status.
    EngagementStatus <-> core::Status { Draft <-> core::Status::Draft, Active <-> core::Status::Active, Inactive <-> core::Status::Inactive, Completed <-> core::Status::Completed });
mirror_enum!(/// Derived display phase.
    Phase <-> core::Phase { NotStarted <-> core::Phase::NotStarted, InProgress <-> core::Phase::InProgress, Completed <-> core::Phase::Completed });
mirror_enum!(/// Sessions or hours (amounts in minutes).
    ProgressUnit <-> core::ProgressUnit { Sessions <-> core::ProgressUnit::Sessions, Hours <-> core::ProgressUnit::Hours });
mirror_enum!(/// Session status.
    SessionStatus <-> core::SessionStatus { Scheduled <-> core::SessionStatus::Scheduled, Completed <-> core::SessionStatus::Completed, Cancelled <-> core::SessionStatus::Cancelled, LateCancelled <-> core::SessionStatus::LateCancelled, NoShow <-> core::SessionStatus::NoShow });
mirror_enum!(/// Upcoming or past sessions.
    SessionRange <-> core::SessionRange { Upcoming <-> core::SessionRange::Upcoming, Past <-> core::SessionRange::Past });
mirror_enum!(/// Goal status.
    GoalStatus <-> core::GoalStatus { Active <-> core::GoalStatus::Active, Completed <-> core::GoalStatus::Completed });
mirror_enum!(/// The order of an overview page; missing values come last in both directions, ties by
    /// creation.
    OverviewSort <-> core::OverviewSort { Created <-> core::OverviewSort::Created, ClientName <-> core::OverviewSort::ClientName, CoachName <-> core::OverviewSort::CoachName, ProgramName <-> core::OverviewSort::ProgramName, StartDate <-> core::OverviewSort::StartDate, Status <-> core::OverviewSort::Status });
mirror_enum!(/// How far ahead a goal looks: short-, mid- or long-term.
    GoalHorizon <-> core::GoalHorizon { Short <-> core::GoalHorizon::Short, Mid <-> core::GoalHorizon::Mid, Long <-> core::GoalHorizon::Long });
mirror_enum!(/// What a custom field belongs to.
    FieldEntity <-> core::FieldEntity { Engagement <-> core::FieldEntity::Engagement, Client <-> core::FieldEntity::Client });
mirror_enum!(/// The type of a custom field's values.
    FieldKind <-> core::FieldKind { Text <-> core::FieldKind::Text, Number <-> core::FieldKind::Number, Date <-> core::FieldKind::Date, Choice <-> core::FieldKind::Choice, YesNo <-> core::FieldKind::YesNo });
mirror_enum!(/// Assignment status.
    AssignmentStatus <-> core::AssignmentStatus { Open <-> core::AssignmentStatus::Open, Completed <-> core::AssignmentStatus::Completed });
mirror_enum!(/// Folder, file or link.
    ResourceKind <-> core::ResourceKind { Folder <-> core::ResourceKind::Folder, File <-> core::ResourceKind::File, Link <-> core::ResourceKind::Link });
mirror_enum!(/// What a reminder is about.
    DueKind <-> core::DueKind { Session <-> core::DueKind::Session, Goal <-> core::DueKind::Goal, Milestone <-> core::DueKind::Milestone, Assignment <-> core::DueKind::Assignment, Form <-> core::DueKind::Form });
mirror_enum!(/// A to-do's kind.
    TodoKind <-> core::TodoKind { Goal <-> core::TodoKind::Goal, Milestone <-> core::TodoKind::Milestone, Assignment <-> core::TodoKind::Assignment, Form <-> core::TodoKind::Form });
mirror_enum!(/// What a form question asks for.
    QuestionKind <-> core::QuestionKind { ShortText <-> core::QuestionKind::ShortText, LongText <-> core::QuestionKind::LongText, SingleChoice <-> core::QuestionKind::SingleChoice, MultipleChoice <-> core::QuestionKind::MultipleChoice, Scale <-> core::QuestionKind::Scale, Date <-> core::QuestionKind::Date });
mirror_enum!(/// Where a sent form stands.
    FormStatus <-> core::FormStatus { Open <-> core::FormStatus::Open, Submitted <-> core::FormStatus::Submitted });

/// A plan; `None` limits are unlimited.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Plan {
    pub name: String,
    #[uniffi(default = None)]
    pub max_active_engagements: Option<u32>,
    #[uniffi(default = None)]
    pub max_coaches: Option<u32>,
    #[uniffi(default = false)]
    pub can_reassign: bool,
}

impl From<core::Plan> for Plan {
    fn from(p: core::Plan) -> Self {
        Plan {
            name: p.name,
            max_active_engagements: p.max_active_engagements,
            max_coaches: p.max_coaches,
            can_reassign: p.can_reassign,
        }
    }
}

impl From<Plan> for core::Plan {
    fn from(p: Plan) -> Self {
        core::Plan {
            name: p.name,
            max_active_engagements: p.max_active_engagements,
            max_coaches: p.max_coaches,
            can_reassign: p.can_reassign,
        }
    }
}

/// The plan presets.
#[uniffi::export]
pub fn plan_free() -> Plan {
    core::Plan::free().into()
}

#[uniffi::export]
pub fn plan_solo() -> Plan {
    core::Plan::solo().into()
}

#[uniffi::export]
pub fn plan_team(max_coaches: u32) -> Plan {
    core::Plan::team(max_coaches).into()
}

/// The library version (from Cargo.toml).
#[uniffi::export]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

/// Where a session takes place.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Location {
    Phone { number: String },
    InPerson { address: String },
    Zoom { join_url: String },
    Skype { join_url: String },
    Other { text: String },
}

impl From<Location> for core::Location {
    fn from(l: Location) -> Self {
        match l {
            Location::Phone { number } => core::Location::Phone { number },
            Location::InPerson { address } => core::Location::InPerson { address },
            Location::Zoom { join_url } => core::Location::Zoom { join_url },
            Location::Skype { join_url } => core::Location::Skype { join_url },
            Location::Other { text } => core::Location::Other { text },
        }
    }
}

impl From<core::Location> for Location {
    fn from(l: core::Location) -> Self {
        match l {
            core::Location::Phone { number } => Location::Phone { number },
            core::Location::InPerson { address } => Location::InPerson { address },
            core::Location::Zoom { join_url } => Location::Zoom { join_url },
            core::Location::Skype { join_url } => Location::Skype { join_url },
            core::Location::Other { text } => Location::Other { text },
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Practice {
    pub id: String,
    pub name: String,
    pub time_zone: String,
    pub plan: Plan,
    pub owner_id: String,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

impl From<core::Practice> for Practice {
    fn from(p: core::Practice) -> Self {
        Practice {
            id: p.id.to_string(),
            name: p.name,
            time_zone: p.time_zone.name().into(),
            plan: p.plan.into(),
            owner_id: p.owner_id.to_string(),
            created_at: ts(p.created_at),
            updated_at: ts(p.updated_at),
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Coach {
    pub id: String,
    pub practice_id: String,
    pub name: String,
    pub email: Option<String>,
    pub created_at: SystemTime,
}

impl From<core::Coach> for Coach {
    fn from(c: core::Coach) -> Self {
        Coach {
            id: c.id.to_string(),
            practice_id: c.practice_id.to_string(),
            name: c.name,
            email: c.email,
            created_at: ts(c.created_at),
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Client {
    pub id: String,
    pub practice_id: String,
    pub name: String,
    pub email: Option<String>,
    pub has_portal: bool,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
    pub archived: bool,
    pub erased: bool,
}

impl From<core::Client> for Client {
    fn from(c: core::Client) -> Self {
        Client {
            id: c.id.to_string(),
            practice_id: c.practice_id.to_string(),
            name: c.name,
            email: c.email,
            has_portal: c.has_portal,
            created_at: ts(c.created_at),
            updated_at: ts(c.updated_at),
            archived: c.archived,
            erased: c.erased,
        }
    }
}

/// A program; `planned` is sessions, or minutes in hours mode.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Program {
    pub id: String,
    pub practice_id: String,
    pub name: String,
    pub unit: ProgressUnit,
    pub planned: u32,
    pub session_minutes: u32,
    pub no_show_counts: bool,
    pub late_cancel_window_minutes: Option<u32>,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

impl From<core::Program> for Program {
    fn from(p: core::Program) -> Self {
        Program {
            id: p.id.to_string(),
            practice_id: p.practice_id.to_string(),
            name: p.name,
            unit: p.planned.unit.into(),
            planned: p.planned.amount,
            session_minutes: p.session_minutes,
            no_show_counts: p.no_show_counts,
            late_cancel_window_minutes: p.late_cancel_window_minutes,
            created_at: ts(p.created_at),
            updated_at: ts(p.updated_at),
        }
    }
}

/// Progress: used/planned (sessions, or minutes in hours mode), percent capped at 100.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Progress {
    pub unit: ProgressUnit,
    pub used: u64,
    pub planned: u32,
    pub percent: f64,
    pub text: String,
}

/// One engagement as the overview shows it (`None` dates read "TBD").
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Engagement {
    pub id: String,
    pub practice_id: String,
    pub coach_id: Option<String>,
    pub coach_name: Option<String>,
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    pub program_id: Option<String>,
    pub program_name: Option<String>,
    pub start_date: Option<CalendarDate>,
    pub end_date: Option<CalendarDate>,
    pub status: EngagementStatus,
    pub phase: Phase,
    pub completion_reason: Option<String>,
    pub progress: Progress,
    pub session_minutes: u32,
    pub no_show_counts: bool,
    pub late_cancel_window_minutes: Option<u32>,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

impl From<core::EngagementOverview> for Engagement {
    fn from(l: core::EngagementOverview) -> Self {
        let e = l.engagement;
        Engagement {
            id: e.id.to_string(),
            practice_id: e.practice_id.to_string(),
            coach_id: e.coach_id.map(|c| c.to_string()),
            coach_name: l.coach_name,
            client_id: e.client_id.map(|c| c.to_string()),
            client_name: l.client_name,
            program_id: e.program_id.map(|c| c.to_string()),
            program_name: e.program_name,
            start_date: cdate(e.start_date),
            end_date: cdate(e.end_date),
            status: e.status.into(),
            phase: l.phase.into(),
            completion_reason: e.completion_reason,
            progress: Progress {
                unit: l.progress.unit.into(),
                used: l.progress.used,
                planned: l.progress.planned,
                percent: l.progress.percent(),
                text: l.progress.to_string(),
            },
            session_minutes: e.session_minutes,
            no_show_counts: e.no_show_counts,
            late_cancel_window_minutes: e.late_cancel_window_minutes,
            created_at: ts(e.created_at),
            updated_at: ts(e.updated_at),
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Session {
    pub id: String,
    pub practice_id: String,
    pub engagement_id: String,
    pub coach_id: String,
    pub client_id: String,
    pub start: SystemTime,
    pub end: SystemTime,
    pub minutes: i64,
    pub time_zone: String,
    /// Wall-clock start in `time_zone`, "YYYY-MM-DD HH:MM".
    pub local_start: String,
    pub location: Location,
    pub status: SessionStatus,
    pub cancelled_by: Option<Actor>,
    pub cancel_reason: Option<String>,
    pub created_by: Actor,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

impl From<core::Session> for Session {
    fn from(s: core::Session) -> Self {
        Session {
            id: s.id.to_string(),
            practice_id: s.practice_id.to_string(),
            engagement_id: s.engagement_id.to_string(),
            coach_id: s.coach_id.to_string(),
            client_id: s.client_id.to_string(),
            start: ts(s.start),
            end: ts(s.end),
            minutes: s.minutes(),
            time_zone: s.time_zone.name().into(),
            local_start: s.local_start().format("%Y-%m-%d %H:%M").to_string(),
            location: s.location.into(),
            status: s.status.into(),
            cancelled_by: s.cancelled_by.as_ref().map(actor),
            cancel_reason: s.cancel_reason,
            created_by: actor(&s.created_by),
            created_at: ts(s.created_at),
            updated_at: ts(s.updated_at),
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SessionLine {
    pub session: Session,
    pub coach_name: String,
    pub client_name: String,
    pub program_name: Option<String>,
}

impl From<core::SessionLine> for SessionLine {
    fn from(l: core::SessionLine) -> Self {
        SessionLine {
            session: l.session.into(),
            coach_name: l.coach_name,
            client_name: l.client_name,
            program_name: l.program_name,
        }
    }
}

/// An activity-log entry; `action` and `target_kind` are stable snake_case names.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct LogEntry {
    pub id: String,
    pub practice_id: String,
    pub engagement_id: Option<String>,
    pub at: SystemTime,
    pub actor: Actor,
    pub action: String,
    pub target_kind: String,
    pub target_id: String,
    pub detail: Option<String>,
    /// Who reads the entry in the change feed: "owner", "coaches", "coach", "client", "own".
    pub audience: String,
}

impl From<core::LogEntry> for LogEntry {
    fn from(l: core::LogEntry) -> Self {
        LogEntry {
            id: l.id.to_string(),
            practice_id: l.practice_id.to_string(),
            engagement_id: l.engagement_id.map(|e| e.to_string()),
            at: ts(l.at),
            actor: actor(&l.actor),
            action: l.action.as_str().into(),
            target_kind: l.target.kind.as_str().into(),
            target_id: l.target.id.to_string(),
            detail: l.detail,
            audience: l.audience.as_str().into(),
        }
    }
}

/// A page of the change feed: the changes after the cursor asked for, oldest first; `next`,
/// the cursor to resume from; `more`, whether the page is full (more may follow at once).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChangePage {
    pub changes: Vec<LogEntry>,
    pub next: String,
    pub more: bool,
}

impl From<core::ChangePage> for ChangePage {
    fn from(p: core::ChangePage) -> Self {
        ChangePage {
            changes: list(p.changes),
            next: p.next.as_string(),
            more: p.more,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Note {
    pub id: String,
    pub engagement_id: String,
    pub title: String,
    pub body_html: String,
    pub body_text: String,
    pub position: u32,
    pub shared: bool,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

impl From<core::Note> for Note {
    fn from(n: core::Note) -> Self {
        Note {
            id: n.id.to_string(),
            engagement_id: n.engagement_id.to_string(),
            title: n.title,
            body_html: n.body_html,
            body_text: n.body_text,
            position: n.position,
            shared: n.shared,
            created_at: ts(n.created_at),
            updated_at: ts(n.updated_at),
        }
    }
}

/// A custom field's definition.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FieldDefinition {
    pub id: String,
    pub entity: FieldEntity,
    pub label: String,
    pub kind: FieldKind,
    /// A choice field's choices, in order (empty for the other kinds).
    pub choices: Vec<String>,
    pub required_for_activation: bool,
    pub position: u32,
}

impl From<core::FieldDefinition> for FieldDefinition {
    fn from(f: core::FieldDefinition) -> Self {
        FieldDefinition {
            id: f.id.to_string(),
            entity: f.entity.into(),
            label: f.label,
            kind: f.kind.into(),
            choices: f.choices,
            required_for_activation: f.required_for_activation,
            position: f.position,
        }
    }
}

/// A custom field with its value on one engagement or client, in its text form (`12.5`,
/// `2026-03-02`, a choice, `yes`/`no`); null when empty.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FieldWithValue {
    pub field: FieldDefinition,
    pub value: Option<String>,
}

impl From<core::FieldWithValue> for FieldWithValue {
    fn from(w: core::FieldWithValue) -> Self {
        FieldWithValue {
            value: w.value.map(|v| v.to_text()),
            field: w.field.into(),
        }
    }
}

/// Changes to a custom field; null leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Default, uniffi::Record)]
pub struct FieldChanges {
    #[uniffi(default = None)]
    pub label: Option<String>,
    /// The new choices (values of a removed choice are cleared).
    #[uniffi(default = None)]
    pub choices: Option<Vec<String>>,
    #[uniffi(default = None)]
    pub required_for_activation: Option<bool>,
    #[uniffi(default = None)]
    pub position: Option<u32>,
}

/// A client's journal entry: private to the client unless `shared` with the coach.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct JournalEntry {
    pub id: String,
    pub engagement_id: String,
    pub client_id: String,
    pub title: String,
    pub body_html: String,
    pub body_text: String,
    pub shared: bool,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

impl From<core::JournalEntry> for JournalEntry {
    fn from(j: core::JournalEntry) -> Self {
        JournalEntry {
            id: j.id.to_string(),
            engagement_id: j.engagement_id.to_string(),
            client_id: j.client_id.to_string(),
            title: j.title,
            body_html: j.body_html,
            body_text: j.body_text,
            shared: j.shared,
            created_at: ts(j.created_at),
            updated_at: ts(j.updated_at),
        }
    }
}

/// A question of a form: `choices` for a choice question, `scale_max` (2 to 10) for a scale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Question {
    pub prompt: String,
    pub kind: QuestionKind,
    #[uniffi(default = false)]
    pub required: bool,
    #[uniffi(default = None)]
    pub help: Option<String>,
    #[uniffi(default = [])]
    pub choices: Vec<String>,
    #[uniffi(default = None)]
    pub scale_max: Option<u32>,
}

impl From<core::Question> for Question {
    fn from(q: core::Question) -> Self {
        Question {
            prompt: q.prompt,
            kind: q.kind.into(),
            required: q.required,
            help: q.help,
            choices: q.choices,
            scale_max: q.scale_max,
        }
    }
}

impl From<Question> for core::Question {
    fn from(q: Question) -> Self {
        core::Question {
            prompt: q.prompt,
            help: q.help,
            kind: q.kind.into(),
            choices: q.choices,
            scale_max: q.scale_max,
            required: q.required,
        }
    }
}

/// A form template of the practice library.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FormTemplate {
    pub id: String,
    pub practice_id: String,
    pub name: String,
    pub description: Option<String>,
    pub questions: Vec<Question>,
    pub created_at: SystemTime,
    pub updated_at: SystemTime,
}

impl From<core::FormTemplate> for FormTemplate {
    fn from(t: core::FormTemplate) -> Self {
        FormTemplate {
            id: t.id.to_string(),
            practice_id: t.practice_id.to_string(),
            name: t.name,
            description: t.description,
            questions: list(t.questions),
            created_at: ts(t.created_at),
            updated_at: ts(t.updated_at),
        }
    }
}

/// The answer to one question of a form (`question`: its index), in its text form: a
/// multiple-choice answer's choices one a line, a scale's number, a date `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FormAnswer {
    pub question: u32,
    pub value: String,
}

impl From<core::FormAnswer> for FormAnswer {
    fn from(a: core::FormAnswer) -> Self {
        FormAnswer {
            question: a.question,
            value: a.answer.to_text(),
        }
    }
}

/// A form sent into an engagement, with the client's answers (a coach gets none while it is
/// open).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Form {
    pub id: String,
    pub engagement_id: String,
    pub template_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub questions: Vec<Question>,
    pub answers: Vec<FormAnswer>,
    pub status: FormStatus,
    pub due_date: Option<CalendarDate>,
    pub sent_by: Actor,
    pub sent_at: SystemTime,
    pub submitted_at: Option<SystemTime>,
    pub updated_at: SystemTime,
}

impl From<core::Form> for Form {
    fn from(f: core::Form) -> Self {
        Form {
            id: f.id.to_string(),
            engagement_id: f.engagement_id.to_string(),
            template_id: f.template_id.map(|t| t.to_string()),
            name: f.name,
            description: f.description,
            questions: list(f.questions),
            answers: list(f.answers),
            status: f.status.into(),
            due_date: cdate(f.due_date),
            sent_by: actor(&f.sent_by),
            sent_at: ts(f.sent_at),
            submitted_at: f.submitted_at.map(ts),
            updated_at: ts(f.updated_at),
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct NoteHit {
    pub note: Note,
    pub snippet_html: Option<String>,
    pub rank: f64,
}

impl From<core::NoteHit> for NoteHit {
    fn from(h: core::NoteHit) -> Self {
        NoteHit {
            note: h.note.into(),
            snippet_html: h.snippet_html,
            rank: h.rank,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Milestone {
    pub id: String,
    pub goal_id: String,
    pub name: String,
    pub due_date: Option<CalendarDate>,
    pub done: bool,
    pub position: u32,
}

impl From<core::Milestone> for Milestone {
    fn from(m: core::Milestone) -> Self {
        Milestone {
            id: m.id.to_string(),
            goal_id: m.goal_id.to_string(),
            name: m.name,
            due_date: cdate(m.due_date),
            done: m.done,
            position: m.position,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Goal {
    pub id: String,
    pub engagement_id: String,
    pub name: String,
    pub description: Option<String>,
    pub due_date: Option<CalendarDate>,
    pub status: GoalStatus,
    /// Short-, mid- or long-term; null when not set.
    pub horizon: Option<GoalHorizon>,
    pub created_by: Actor,
    pub milestones: Vec<Milestone>,
}

pub(crate) fn goal(g: core::Goal, milestones: Vec<core::Milestone>) -> Goal {
    Goal {
        id: g.id.to_string(),
        engagement_id: g.engagement_id.to_string(),
        name: g.name,
        description: g.description,
        due_date: cdate(g.due_date),
        status: g.status.into(),
        horizon: g.horizon.map(Into::into),
        created_by: actor(&g.created_by),
        milestones: milestones.into_iter().map(Into::into).collect(),
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct AssignmentFile {
    pub id: String,
    pub assignment_id: String,
    pub resource_id: String,
    pub message: Option<String>,
}

impl From<core::AssignmentFile> for AssignmentFile {
    fn from(f: core::AssignmentFile) -> Self {
        AssignmentFile {
            id: f.id.to_string(),
            assignment_id: f.assignment_id.to_string(),
            resource_id: f.resource_id.to_string(),
            message: f.message,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Assignment {
    pub id: String,
    pub engagement_id: String,
    pub name: String,
    pub description: Option<String>,
    pub due_date: Option<CalendarDate>,
    pub status: AssignmentStatus,
    pub files: Vec<AssignmentFile>,
}

pub(crate) fn assignment(a: core::Assignment, files: Vec<core::AssignmentFile>) -> Assignment {
    Assignment {
        id: a.id.to_string(),
        engagement_id: a.engagement_id.to_string(),
        name: a.name,
        description: a.description,
        due_date: cdate(a.due_date),
        status: a.status.into(),
        files: files.into_iter().map(Into::into).collect(),
    }
}

/// Where a resource lives.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ResourcePlace {
    Library,
    ClientLibrary { client_id: String },
    Engagement { engagement_id: String },
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Resource {
    pub id: String,
    pub practice_id: String,
    pub place: ResourcePlace,
    pub parent_id: Option<String>,
    pub kind: ResourceKind,
    pub name: String,
    pub media_type: Option<String>,
    pub size: Option<u64>,
    pub sha256: Option<String>,
    pub url: Option<String>,
    pub added_by: Actor,
    pub shared_with_coach: bool,
}

impl From<core::Resource> for Resource {
    fn from(r: core::Resource) -> Self {
        Resource {
            id: r.id.to_string(),
            practice_id: r.practice_id.to_string(),
            place: match r.place {
                core::ResourcePlace::Library => ResourcePlace::Library,
                core::ResourcePlace::ClientLibrary(c) => ResourcePlace::ClientLibrary {
                    client_id: c.to_string(),
                },
                core::ResourcePlace::Engagement(e) => ResourcePlace::Engagement {
                    engagement_id: e.to_string(),
                },
            },
            parent_id: r.parent_id.map(|p| p.to_string()),
            kind: r.kind.into(),
            name: r.name,
            media_type: r.media_type,
            size: r.size,
            sha256: r.sha256,
            url: r.url,
            added_by: actor(&r.added_by),
            shared_with_coach: r.shared_with_coach,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct EngagementResource {
    pub resource: Resource,
    pub from_library: bool,
    pub shared_by: Actor,
    pub shared_at: SystemTime,
}

impl From<core::EngagementResource> for EngagementResource {
    fn from(r: core::EngagementResource) -> Self {
        EngagementResource {
            resource: r.resource.into(),
            from_library: r.from_library,
            shared_by: actor(&r.shared_by),
            shared_at: ts(r.shared_at),
        }
    }
}

/// A folder, file or link to store.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ResourceInput {
    Folder {
        name: String,
    },
    File {
        name: String,
        media_type: String,
        data: Vec<u8>,
    },
    Link {
        name: String,
        url: String,
    },
}

impl From<ResourceInput> for core::NewResource {
    fn from(r: ResourceInput) -> Self {
        match r {
            ResourceInput::Folder { name } => core::NewResource::Folder { name },
            ResourceInput::File {
                name,
                media_type,
                data,
            } => core::NewResource::File(core::NewFile {
                name,
                media_type,
                bytes: data,
            }),
            ResourceInput::Link { name, url } => core::NewResource::Link { name, url },
        }
    }
}

/// A downloaded file.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Download {
    pub resource: Resource,
    pub data: Vec<u8>,
}

/// What a comment is on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CommentTarget {
    Note { id: String },
    Goal { id: String },
    Assignment { id: String },
}

impl CommentTarget {
    pub(crate) fn core(&self) -> R<core::CommentTarget> {
        Ok(match self {
            CommentTarget::Note { id } => core::CommentTarget::Note(id.parse()?),
            CommentTarget::Goal { id } => core::CommentTarget::Goal(id.parse()?),
            CommentTarget::Assignment { id } => core::CommentTarget::Assignment(id.parse()?),
        })
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Comment {
    pub id: String,
    pub engagement_id: String,
    pub target: CommentTarget,
    pub body_html: String,
    pub author: Actor,
    pub created_at: SystemTime,
}

impl From<core::Comment> for Comment {
    fn from(c: core::Comment) -> Self {
        let target = match c.target {
            core::CommentTarget::Note(id) => CommentTarget::Note { id: id.to_string() },
            core::CommentTarget::Goal(id) => CommentTarget::Goal { id: id.to_string() },
            core::CommentTarget::Assignment(id) => CommentTarget::Assignment { id: id.to_string() },
        };
        Comment {
            id: c.id.to_string(),
            engagement_id: c.engagement_id.to_string(),
            target,
            body_html: c.body_html,
            author: actor(&c.author),
            created_at: ts(c.created_at),
        }
    }
}

/// What a program item makes in a new engagement.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ProgramItemKind {
    Goal {
        name: String,
        description: Option<String>,
        due_after_days: Option<u32>,
    },
    Assignment {
        name: String,
        description: Option<String>,
        due_after_days: Option<u32>,
    },
    Resource {
        resource_id: String,
    },
    /// A form of the practice library sent into the engagement, due like a goal.
    Form {
        template_id: String,
        due_after_days: Option<u32>,
    },
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ProgramItem {
    pub id: String,
    pub program_id: String,
    pub position: u32,
    pub item: ProgramItemKind,
}

impl From<core::ProgramItem> for ProgramItem {
    fn from(i: core::ProgramItem) -> Self {
        let item = match i.item {
            core::ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            },
            core::ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            },
            core::ProgramItemKind::Resource { resource_id } => ProgramItemKind::Resource {
                resource_id: resource_id.to_string(),
            },
            core::ProgramItemKind::Form {
                template_id,
                due_after_days,
            } => ProgramItemKind::Form {
                template_id: template_id.to_string(),
                due_after_days,
            },
        };
        ProgramItem {
            id: i.id.to_string(),
            program_id: i.program_id.to_string(),
            position: i.position,
            item,
        }
    }
}

#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Todo {
    pub kind: TodoKind,
    pub id: String,
    pub engagement_id: String,
    pub client_id: String,
    pub client_name: String,
    pub name: String,
    pub goal_name: Option<String>,
    pub due_date: Option<CalendarDate>,
    pub overdue: bool,
}

impl From<core::TodoItem> for Todo {
    fn from(t: core::TodoItem) -> Self {
        Todo {
            kind: t.kind.into(),
            id: t.id.to_string(),
            engagement_id: t.engagement_id.to_string(),
            client_id: t.client_id.to_string(),
            client_name: t.client_name,
            name: t.name,
            goal_name: t.goal_name,
            due_date: cdate(t.due_date),
            overdue: t.overdue,
        }
    }
}

/// One reminder of `due`: to whom, about what, for when.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Reminder {
    /// Who to remind: the engagement's coach or its client.
    pub to: Actor,
    pub to_name: String,
    pub kind: DueKind,
    pub id: String,
    pub engagement_id: String,
    pub title: String,
    /// A session's start.
    pub starts_at: Option<SystemTime>,
    /// A goal's, milestone's or assignment's due date.
    pub due_date: Option<CalendarDate>,
    pub overdue: bool,
}

impl From<core::Reminder> for Reminder {
    fn from(r: core::Reminder) -> Self {
        Reminder {
            to: actor(&r.to),
            to_name: r.to_name,
            kind: r.kind.into(),
            id: r.id.to_string(),
            engagement_id: r.engagement_id.to_string(),
            title: r.title,
            starts_at: r.starts_at.map(ts),
            due_date: cdate(r.due_date),
            overdue: r.overdue,
        }
    }
}

/// Where a note search looks.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum NoteScope {
    Engagement { id: String },
    Client { id: String },
    Practice { id: String },
}

/// When a series stops.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SeriesEnd {
    Count { count: u32 },
    Until { date: CalendarDate },
}

// ---------------------------------------------------------------- inputs and conversions shared by the operations

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

/// Changes to a goal, milestone or assignment (milestones ignore `description`; only goals
/// have a `horizon`).
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
    #[uniffi(default = None)]
    pub horizon: Option<GoalHorizon>,
    #[uniffi(default = false)]
    pub clear_horizon: bool,
}

pub(crate) fn tri<T>(v: Option<T>, clear: bool) -> Option<Option<T>> {
    if clear {
        Some(None)
    } else {
        v.map(Some)
    }
}

pub(crate) fn tri_date(
    v: Option<CalendarDate>, clear: bool,
) -> R<Option<Option<chrono::NaiveDate>>> {
    Ok(tri(opt_date(v)?, clear))
}

pub(crate) fn id<T: std::str::FromStr<Err = core::Error>>(s: &str) -> R<T> {
    Ok(s.parse::<T>()?)
}

pub(crate) fn opt_id<T: std::str::FromStr<Err = core::Error>>(s: Option<String>) -> R<Option<T>> {
    s.as_deref().map(id).transpose()
}

pub(crate) fn page(offset: u32, limit: u32) -> core::Page {
    core::Page::new(offset, limit)
}

/// A range of wall-clock time within a day, in minutes after midnight (`end_minute` up to
/// 1440, 24:00, not included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct DayRange {
    pub start_minute: u16,
    pub end_minute: u16,
}

impl From<core::DayRange> for DayRange {
    fn from(r: core::DayRange) -> Self {
        DayRange {
            start_minute: r.start_minute,
            end_minute: r.end_minute,
        }
    }
}

impl DayRange {
    pub(crate) fn core(&self) -> core::DayRange {
        core::DayRange {
            start_minute: self.start_minute,
            end_minute: self.end_minute,
        }
    }
}

/// One range of a weekday's hours; `weekday` 1 (Monday) to 7 (Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct WeeklyHours {
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
}

impl From<core::WeeklyHours> for WeeklyHours {
    fn from(w: core::WeeklyHours) -> Self {
        WeeklyHours {
            weekday: w.weekday.number_from_monday() as u8,
            start_minute: w.range.start_minute,
            end_minute: w.range.end_minute,
        }
    }
}

impl WeeklyHours {
    pub(crate) fn core(&self) -> R<core::WeeklyHours> {
        let weekday = self
            .weekday
            .checked_sub(1)
            .and_then(|d| chrono::Weekday::try_from(d).ok())
            .ok_or_else(|| invalid("weekly.weekday", "1 (Monday) to 7 (Sunday)"))?;
        Ok(core::WeeklyHours {
            weekday,
            range: core::DayRange {
                start_minute: self.start_minute,
                end_minute: self.end_minute,
            },
        })
    }
}

/// The hours of one date in place of its weekday's; none: a day off.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DateOverride {
    pub date: CalendarDate,
    pub hours: Vec<DayRange>,
}

/// A coach's published availability: weekly hours (Monday first) in `time_zone`, and date
/// overrides by date.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Availability {
    pub coach_id: String,
    pub practice_id: String,
    pub time_zone: String,
    pub weekly: Vec<WeeklyHours>,
    pub overrides: Vec<DateOverride>,
    pub updated_at: SystemTime,
}

impl From<core::Availability> for Availability {
    fn from(a: core::Availability) -> Self {
        Availability {
            coach_id: a.coach_id.to_string(),
            practice_id: a.practice_id.to_string(),
            time_zone: a.time_zone.name().to_string(),
            weekly: list(a.weekly),
            overrides: a
                .overrides
                .into_iter()
                .map(|o| DateOverride {
                    date: cdate(Some(o.date)).expect("a date"),
                    hours: list(o.hours),
                })
                .collect(),
            updated_at: ts(a.updated_at),
        }
    }
}

/// When and how a client may book (`max_horizon_days` null: no horizon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct BookingRules {
    pub min_notice_minutes: u32,
    #[uniffi(default = None)]
    pub max_horizon_days: Option<u32>,
    #[uniffi(default = 0)]
    pub buffer_before_minutes: u32,
    #[uniffi(default = 0)]
    pub buffer_after_minutes: u32,
    #[uniffi(default = 30)]
    pub slot_step_minutes: u32,
}

impl From<core::BookingRules> for BookingRules {
    fn from(r: core::BookingRules) -> Self {
        BookingRules {
            min_notice_minutes: r.min_notice_minutes,
            max_horizon_days: r.max_horizon_days,
            buffer_before_minutes: r.buffer_before_minutes,
            buffer_after_minutes: r.buffer_after_minutes,
            slot_step_minutes: r.slot_step_minutes,
        }
    }
}

impl BookingRules {
    pub(crate) fn core(&self) -> core::BookingRules {
        core::BookingRules {
            min_notice_minutes: self.min_notice_minutes,
            max_horizon_days: self.max_horizon_days,
            buffer_before_minutes: self.buffer_before_minutes,
            buffer_after_minutes: self.buffer_after_minutes,
            slot_step_minutes: self.slot_step_minutes,
        }
    }
}

/// Whose rules an engagement books under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RulesSource {
    Engagement,
    Program,
    Default,
}

/// The rules an engagement books under, and where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct EffectiveRules {
    pub rules: BookingRules,
    pub source: RulesSource,
}

impl From<core::EffectiveRules> for EffectiveRules {
    fn from(r: core::EffectiveRules) -> Self {
        EffectiveRules {
            rules: r.rules.into(),
            source: match r.source {
                core::RulesSource::Engagement => RulesSource::Engagement,
                core::RulesSource::Program => RulesSource::Program,
                core::RulesSource::Default => RulesSource::Default,
            },
        }
    }
}

pub(crate) fn list<A, B: From<A>>(v: Vec<A>) -> Vec<B> {
    v.into_iter().map(Into::into).collect()
}

/// What one page of a practice's overview holds: filters (each set one narrows the list), an
/// order and a window (`limit` 1 to 500 engagements after `offset`).
#[derive(Debug, Clone, uniffi::Record)]
pub struct OverviewQuery {
    /// Only engagements in these statuses; empty: every status.
    #[uniffi(default = [])]
    pub statuses: Vec<EngagementStatus>,
    /// Only this coach's engagements (a coach other than the owner may name only themself).
    #[uniffi(default = None)]
    pub coach_id: Option<String>,
    /// Only engagements of this program.
    #[uniffi(default = None)]
    pub program_id: Option<String>,
    /// The order (default: by creation).
    #[uniffi(default = None)]
    pub sort: Option<OverviewSort>,
    /// Whether the order is reversed (missing values stay last).
    #[uniffi(default = false)]
    pub descending: bool,
    /// The most engagements of the page, 1 to 500.
    #[uniffi(default = 50)]
    pub limit: u32,
    /// How many matching engagements come before the page.
    #[uniffi(default = 0)]
    pub offset: u32,
}

/// One page of a practice's overview, and how many engagements match in all.
#[derive(Debug, Clone, uniffi::Record)]
pub struct OverviewPage {
    /// The page's engagements, in the order asked for.
    pub lines: Vec<Engagement>,
    /// How many engagements match the filters, across every page.
    pub total: u64,
}
