//! The Python classes the library returns: frozen, with `__repr__`, value equality and a hash.
//! Enum-valued attributes return members of the enums in `coaching._enums`.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use coaching_core as core;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use crate::{enum_value, id, invalid};

/// Defines a record class: plain attributes, enum attributes (stored by name, returned as
/// members), value equality on the core value it came from.
macro_rules! record {
    ($(#[$m:meta])* $name:ident { $($f:ident: $t:ty),* $(,)? } enums { $($ef:ident: $ec:literal),* $(,)? }) => {
        $(#[$m])*
        #[gen_stub_pyclass(module = "coaching._coaching")]
        #[pyclass(frozen, module = "coaching")]
        #[derive(Clone)]
        pub struct $name {
            $(#[pyo3(get)] pub $f: $t,)*
            $(pub(crate) $ef: String,)*
        }

        #[gen_stub_pymethods]
        #[pymethods]
        impl $name {
            $(
                #[getter]
                #[gen_stub(override_return_type(type_repr = $ec, imports = ("coaching._enums",)))]
                fn $ef(&self, py: Python<'_>) -> Py<PyAny> {
                    enum_value(py, $ec, &self.$ef)
                }
            )*
            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                let mut parts = Vec::new();
                for f in [$(stringify!($f),)* $(stringify!($ef),)*] {
                    parts.push(format!("{}={}", f, slf.getattr(f)?.repr()?));
                }
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }
            /// Value equality: every attribute equal.
            #[gen_stub(skip)] // object's own signature is the stub's
            fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
                if !other.is_instance_of::<Self>() {
                    return Ok(false);
                }
                for f in [$(stringify!($f),)* $(stringify!($ef),)*] {
                    if !slf.getattr(f)?.eq(other.getattr(f)?)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            /// The hash of the attributes (lists hashed as tuples), consistent with `==`.
            fn __hash__(slf: &Bound<'_, Self>) -> PyResult<isize> {
                record_hash(slf, &[$(stringify!($f),)* $(stringify!($ef),)*])
            }
        }
    };
}

/// Hashes a record's attributes; computed when asked for, not when the record is built.
fn record_hash(slf: &Bound<'_, PyAny>, fields: &[&str]) -> PyResult<isize> {
    let py = slf.py();
    let mut values = Vec::with_capacity(fields.len());
    for f in fields {
        let v = slf.getattr(*f)?;
        values.push(match v.cast::<pyo3::types::PyList>() {
            Ok(list) => list.to_tuple().into_any(),
            Err(_) => v,
        });
    }
    pyo3::types::PyTuple::new(py, values)?.hash()
}

/// Who acts: build with `Actor.coach(id)` / `Actor.client(id)`, or pass a `Coach` or `Client`
/// object wherever an actor is expected.
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching")]
#[derive(Clone)]
pub struct Actor {
    pub(crate) inner: core::Actor,
}

#[gen_stub_pymethods]
#[pymethods]
impl Actor {
    #[staticmethod]
    fn coach(coach_id: &str) -> PyResult<Self> {
        Ok(Actor {
            inner: core::Actor::Coach(id(coach_id)?),
        })
    }
    #[staticmethod]
    fn client(client_id: &str) -> PyResult<Self> {
        Ok(Actor {
            inner: core::Actor::Client(id(client_id)?),
        })
    }
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_enums.ActorKind", imports = ("coaching._enums",)))]
    fn kind(&self, py: Python<'_>) -> Py<PyAny> {
        enum_value(py, "ActorKind", self.inner.kind_name())
    }
    #[getter]
    fn id(&self) -> Option<String> {
        match self.inner {
            core::Actor::Coach(c) => Some(c.to_string()),
            core::Actor::Client(c) => Some(c.to_string()),
            core::Actor::System => None,
        }
    }
    fn __repr__(&self) -> String {
        match self.id() {
            Some(i) => format!("Actor.{}('{i}')", self.inner.kind_name()),
            None => "Actor(kind='system')".into(),
        }
    }
    #[gen_stub(skip)] // object's own signature is the stub's
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
}

pub(crate) fn actor(a: &core::Actor) -> Actor {
    Actor { inner: *a }
}

/// A plan: the limits of a practice. `Plan.free()`, `Plan.solo()`, `Plan.team(n)`, or your own.
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching")]
#[derive(Clone)]
pub struct Plan {
    #[pyo3(get)]
    pub name: String,
    #[pyo3(get)]
    pub max_active_engagements: Option<u32>,
    #[pyo3(get)]
    pub max_coaches: Option<u32>,
    #[pyo3(get)]
    pub can_reassign: bool,
}

impl Plan {
    pub(crate) fn core(&self) -> core::Plan {
        core::Plan {
            name: self.name.clone(),
            max_active_engagements: self.max_active_engagements,
            max_coaches: self.max_coaches,
            can_reassign: self.can_reassign,
        }
    }
    fn of(p: core::Plan) -> Self {
        Plan {
            name: p.name,
            max_active_engagements: p.max_active_engagements,
            max_coaches: p.max_coaches,
            can_reassign: p.can_reassign,
        }
    }
}

#[gen_stub_pymethods]
#[pymethods]
impl Plan {
    #[new]
    #[pyo3(signature = (name, *, max_active_engagements=None, max_coaches=None, can_reassign=false))]
    fn new(
        name: String, max_active_engagements: Option<crate::Count<u32>>,
        max_coaches: Option<crate::Count<u32>>, can_reassign: bool,
    ) -> Self {
        Plan {
            name,
            max_active_engagements: max_active_engagements.map(|c| c.0),
            max_coaches: max_coaches.map(|c| c.0),
            can_reassign,
        }
    }
    /// One active engagement, one coach, no reassignment.
    #[staticmethod]
    fn free() -> Self {
        Plan::of(core::Plan::free())
    }
    /// Unlimited active engagements, one coach.
    #[staticmethod]
    fn solo() -> Self {
        Plan::of(core::Plan::solo())
    }
    /// Unlimited active engagements, up to `max_coaches` coaches, reassignment.
    #[staticmethod]
    fn team(max_coaches: crate::Count<u32>) -> Self {
        Plan::of(core::Plan::team(max_coaches.0))
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Plan(name={}, max_active_engagements={}, max_coaches={}, can_reassign={})",
            self.name.clone().into_pyobject(py)?.repr()?,
            self.max_active_engagements
                .map_or("None".into(), |v| v.to_string()),
            self.max_coaches.map_or("None".into(), |v| v.to_string()),
            if self.can_reassign { "True" } else { "False" }
        ))
    }
    #[gen_stub(skip)] // object's own signature is the stub's
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| o.get().core() == self.core())
    }
    fn __hash__(&self) -> u64 {
        debug_hash(&self.core())
    }
}

/// A hash of a value's debug text (for the few classes compared on a core value).
fn debug_hash(v: &impl std::fmt::Debug) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{v:?}").hash(&mut h);
    h.finish()
}

/// Where a session takes place: `Location.phone(number)`, `.in_person(address)`,
/// `.zoom(join_url)`, `.skype(join_url)`, `.other(text)`.
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching")]
#[derive(Clone)]
pub struct Location {
    pub(crate) inner: core::Location,
}

#[gen_stub_pymethods]
#[pymethods]
impl Location {
    #[staticmethod]
    fn phone(number: String) -> Self {
        Location {
            inner: core::Location::Phone { number },
        }
    }
    #[staticmethod]
    fn in_person(address: String) -> Self {
        Location {
            inner: core::Location::InPerson { address },
        }
    }
    #[staticmethod]
    fn zoom(join_url: String) -> Self {
        Location {
            inner: core::Location::Zoom { join_url },
        }
    }
    #[staticmethod]
    fn skype(join_url: String) -> Self {
        Location {
            inner: core::Location::Skype { join_url },
        }
    }
    #[staticmethod]
    fn other(text: String) -> Self {
        Location {
            inner: core::Location::Other { text },
        }
    }
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_enums.LocationKind", imports = ("coaching._enums",)))]
    fn kind(&self, py: Python<'_>) -> Py<PyAny> {
        enum_value(py, "LocationKind", self.inner.kind_name())
    }
    #[getter]
    fn value(&self) -> String {
        self.inner.value().to_string()
    }
    #[getter]
    fn join_url(&self) -> Option<String> {
        self.inner.join_url().map(str::to_string)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Location.{}({})",
            self.inner.kind_name(),
            self.inner.value().into_pyobject(py)?.repr()?
        ))
    }
    #[gen_stub(skip)] // object's own signature is the stub's
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        debug_hash(&self.inner)
    }
}

record!(/// A practice (the tenant).
Practice { id: String, name: String, time_zone: String, plan: Plan, owner_id: String, created_at: DateTime<Utc>, updated_at: DateTime<Utc> } enums {});

impl From<&core::Practice> for Practice {
    fn from(p: &core::Practice) -> Self {
        Practice {
            id: p.id.to_string(),
            name: p.name.clone(),
            time_zone: p.time_zone.name().into(),
            plan: Plan::of(p.plan.clone()),
            owner_id: p.owner_id.to_string(),
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

record!(/// A coach. Pass it as the actor of an operation.
Coach { id: String, practice_id: String, name: String, email: Option<String>, created_at: DateTime<Utc> } enums {});

impl From<&core::Coach> for Coach {
    fn from(c: &core::Coach) -> Self {
        Coach {
            id: c.id.to_string(),
            practice_id: c.practice_id.to_string(),
            name: c.name.clone(),
            email: c.email.clone(),
            created_at: c.created_at,
        }
    }
}

record!(/// A client. Pass it as the actor of an operation done in the client portal.
Client { id: String, practice_id: String, name: String, email: Option<String>, has_portal: bool, created_at: DateTime<Utc>, updated_at: DateTime<Utc> } enums {});

impl From<&core::Client> for Client {
    fn from(c: &core::Client) -> Self {
        Client {
            id: c.id.to_string(),
            practice_id: c.practice_id.to_string(),
            name: c.name.clone(),
            email: c.email.clone(),
            has_portal: c.has_portal,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

fn window(m: Option<u32>) -> Option<TimeDelta> {
    m.map(|m| TimeDelta::minutes(m as i64))
}

record!(/// A program. `planned` is sessions, or minutes in hours mode (`planned_hours` converts).
Program { id: String, practice_id: String, name: String, planned: u32, session_minutes: u32, no_show_counts: bool, late_cancel_window: Option<TimeDelta>, created_at: DateTime<Utc>, updated_at: DateTime<Utc> } enums { unit: "_enums.ProgressUnit" });

impl From<&core::Program> for Program {
    fn from(p: &core::Program) -> Self {
        Program {
            id: p.id.to_string(),
            practice_id: p.practice_id.to_string(),
            name: p.name.clone(),
            planned: p.planned.amount,
            session_minutes: p.session_minutes,
            no_show_counts: p.no_show_counts,
            late_cancel_window: window(p.late_cancel_window_minutes),
            created_at: p.created_at,
            updated_at: p.updated_at,
            unit: p.planned.unit.as_str().into(),
        }
    }
}

record!(/// Progress: `used`/`planned` (sessions, or minutes in hours mode), `percent` capped at
/// 100, `text` such as "2/16" or "1.5/10 h".
Progress { used: u64, planned: u32, percent: f64, text: String } enums { unit: "_enums.ProgressUnit" });

impl From<&core::Progress> for Progress {
    fn from(p: &core::Progress) -> Self {
        Progress {
            used: p.used,
            planned: p.planned,
            percent: p.percent(),
            text: p.to_string(),
            unit: p.unit.as_str().into(),
        }
    }
}

/// One engagement as the overview shows it. Dates are `None` for "TBD". Attributes are
/// converted when read: a long overview builds no Python value it is not asked for.
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching")]
pub struct Engagement {
    pub(crate) inner: core::EngagementOverview,
}

fn opt_id<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

#[gen_stub_pymethods]
#[pymethods]
impl Engagement {
    #[getter]
    fn id(&self) -> String {
        self.inner.engagement.id.to_string()
    }
    #[getter]
    fn practice_id(&self) -> String {
        self.inner.engagement.practice_id.to_string()
    }
    #[getter]
    fn coach_id(&self) -> Option<String> {
        opt_id(&self.inner.engagement.coach_id)
    }
    #[getter]
    fn coach_name(&self) -> Option<String> {
        self.inner.coach_name.clone()
    }
    #[getter]
    fn client_id(&self) -> Option<String> {
        opt_id(&self.inner.engagement.client_id)
    }
    #[getter]
    fn client_name(&self) -> Option<String> {
        self.inner.client_name.clone()
    }
    #[getter]
    fn program_id(&self) -> Option<String> {
        opt_id(&self.inner.engagement.program_id)
    }
    #[getter]
    fn program_name(&self) -> Option<String> {
        self.inner.engagement.program_name.clone()
    }
    #[getter]
    fn start_date(&self) -> Option<NaiveDate> {
        self.inner.engagement.start_date
    }
    #[getter]
    fn end_date(&self) -> Option<NaiveDate> {
        self.inner.engagement.end_date
    }
    #[getter]
    fn completion_reason(&self) -> Option<String> {
        self.inner.engagement.completion_reason.clone()
    }
    #[getter]
    fn progress(&self) -> Progress {
        Progress::from(&self.inner.progress)
    }
    #[getter]
    fn session_minutes(&self) -> u32 {
        self.inner.engagement.session_minutes
    }
    #[getter]
    fn no_show_counts(&self) -> bool {
        self.inner.engagement.no_show_counts
    }
    #[getter]
    fn late_cancel_window(&self) -> Option<TimeDelta> {
        window(self.inner.engagement.late_cancel_window_minutes)
    }
    #[getter]
    fn created_at(&self) -> DateTime<Utc> {
        self.inner.engagement.created_at
    }
    #[getter]
    fn updated_at(&self) -> DateTime<Utc> {
        self.inner.engagement.updated_at
    }
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_enums.Status", imports = ("coaching._enums",)))]
    fn status(&self, py: Python<'_>) -> Py<PyAny> {
        enum_value(py, "Status", self.inner.engagement.status.as_str())
    }
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_enums.Phase", imports = ("coaching._enums",)))]
    fn phase(&self, py: Python<'_>) -> Py<PyAny> {
        enum_value(py, "Phase", self.inner.phase.as_str())
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let mut parts = Vec::new();
        for f in ENGAGEMENT_FIELDS {
            parts.push(format!("{}={}", f, slf.getattr(f)?.repr()?));
        }
        Ok(format!("Engagement({})", parts.join(", ")))
    }
    #[gen_stub(skip)] // object's own signature is the stub's
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        debug_hash(&self.inner)
    }
}

const ENGAGEMENT_FIELDS: [&str; 19] = [
    "id",
    "practice_id",
    "coach_id",
    "coach_name",
    "client_id",
    "client_name",
    "program_id",
    "program_name",
    "start_date",
    "end_date",
    "completion_reason",
    "progress",
    "session_minutes",
    "no_show_counts",
    "late_cancel_window",
    "created_at",
    "updated_at",
    "status",
    "phase",
];

impl From<core::EngagementOverview> for Engagement {
    fn from(inner: core::EngagementOverview) -> Self {
        Engagement { inner }
    }
}

record!(/// A session. `start`/`end` are aware UTC datetimes; `time_zone` is where it was booked.
Session {
    id: String, practice_id: String, engagement_id: String, coach_id: String, client_id: String,
    start: DateTime<Utc>, end: DateTime<Utc>, minutes: i64, time_zone: String, location: Location,
    cancelled_by: Option<Actor>, cancelled_at: Option<DateTime<Utc>>, cancel_reason: Option<String>,
    created_by: Actor, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
} enums { status: "_enums.SessionStatus" });

impl From<&core::Session> for Session {
    fn from(s: &core::Session) -> Self {
        Session {
            id: s.id.to_string(),
            practice_id: s.practice_id.to_string(),
            engagement_id: s.engagement_id.to_string(),
            coach_id: s.coach_id.to_string(),
            client_id: s.client_id.to_string(),
            start: s.start,
            end: s.end,
            minutes: s.minutes(),
            time_zone: s.time_zone.name().into(),
            location: Location {
                inner: s.location.clone(),
            },
            cancelled_by: s.cancelled_by.as_ref().map(actor),
            cancelled_at: s.cancelled_at,
            cancel_reason: s.cancel_reason.clone(),
            created_by: actor(&s.created_by),
            created_at: s.created_at,
            updated_at: s.updated_at,
            status: s.status.as_str().into(),
        }
    }
}

/// A session with the names a dashboard shows (attributes converted when read).
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching")]
pub struct SessionLine {
    pub(crate) inner: core::SessionLine,
}

#[gen_stub_pymethods]
#[pymethods]
impl SessionLine {
    #[getter]
    fn session(&self) -> Session {
        Session::from(&self.inner.session)
    }
    #[getter]
    fn coach_name(&self) -> String {
        self.inner.coach_name.clone()
    }
    #[getter]
    fn client_name(&self) -> String {
        self.inner.client_name.clone()
    }
    #[getter]
    fn program_name(&self) -> Option<String> {
        self.inner.program_name.clone()
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let mut parts = Vec::new();
        for f in ["session", "coach_name", "client_name", "program_name"] {
            parts.push(format!("{}={}", f, slf.getattr(f)?.repr()?));
        }
        Ok(format!("SessionLine({})", parts.join(", ")))
    }
    #[gen_stub(skip)] // object's own signature is the stub's
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        debug_hash(&self.inner)
    }
}

impl From<core::SessionLine> for SessionLine {
    fn from(inner: core::SessionLine) -> Self {
        SessionLine { inner }
    }
}

record!(/// One activity-log entry; `action` and `target_kind` are stable snake_case names.
LogEntry {
    id: String, practice_id: String, engagement_id: Option<String>, at: DateTime<Utc>, actor: Actor,
    action: String, target_kind: String, target_id: String, detail: Option<String>,
    audience: String,
} enums {});

impl From<&core::LogEntry> for LogEntry {
    fn from(l: &core::LogEntry) -> Self {
        LogEntry {
            id: l.id.to_string(),
            practice_id: l.practice_id.to_string(),
            engagement_id: l.engagement_id.map(|e| e.to_string()),
            at: l.at,
            actor: actor(&l.actor),
            action: l.action.as_str().into(),
            target_kind: l.target.kind.as_str().into(),
            target_id: l.target.id.to_string(),
            detail: l.detail.clone(),
            audience: l.audience.as_str().into(),
        }
    }
}

record!(/// A page of the change feed: the changes after the cursor asked for, oldest first;
/// `next`, the cursor to resume from (pass it as `after`); `more`, whether the page is full
/// (more changes may follow at once).
ChangePage {
    changes: Vec<LogEntry>, next: String, more: bool,
} enums {});

impl From<&core::ChangePage> for ChangePage {
    fn from(p: &core::ChangePage) -> Self {
        ChangePage {
            changes: p.changes.iter().map(LogEntry::from).collect(),
            next: p.next.as_string(),
            more: p.more,
        }
    }
}

record!(/// A range of wall-clock time within a day, in minutes after midnight: `start_minute`
/// included, `end_minute` (up to 1440, 24:00) not.
DayRange { start_minute: u16, end_minute: u16 } enums {});

impl From<&core::DayRange> for DayRange {
    fn from(r: &core::DayRange) -> Self {
        DayRange {
            start_minute: r.start_minute,
            end_minute: r.end_minute,
        }
    }
}

record!(/// One range of a weekday's hours; `weekday` 1 (Monday) to 7 (Sunday).
WeeklyHours { weekday: u8, start_minute: u16, end_minute: u16 } enums {});

impl From<&core::WeeklyHours> for WeeklyHours {
    fn from(w: &core::WeeklyHours) -> Self {
        WeeklyHours {
            weekday: w.weekday.number_from_monday() as u8,
            start_minute: w.range.start_minute,
            end_minute: w.range.end_minute,
        }
    }
}

record!(/// The hours of one date in place of its weekday's; none: a day off.
DateOverride { date: NaiveDate, hours: Vec<DayRange> } enums {});

record!(/// A coach's published availability: weekly hours (Monday first) in `time_zone`, and the
/// date overrides by date.
Availability {
    coach_id: String, practice_id: String, time_zone: String, weekly: Vec<WeeklyHours>,
    overrides: Vec<DateOverride>, updated_at: DateTime<Utc>,
} enums {});

impl From<&core::Availability> for Availability {
    fn from(a: &core::Availability) -> Self {
        Availability {
            coach_id: a.coach_id.to_string(),
            practice_id: a.practice_id.to_string(),
            time_zone: a.time_zone.name().to_string(),
            weekly: a.weekly.iter().map(WeeklyHours::from).collect(),
            overrides: a
                .overrides
                .iter()
                .map(|o| DateOverride {
                    date: o.date,
                    hours: o.hours.iter().map(DayRange::from).collect(),
                })
                .collect(),
            updated_at: a.updated_at,
        }
    }
}

/// When and how a client may book: minimum notice, horizon (None: no limit), buffers before
/// and after a session, and the step between slot starts, in minutes (horizon in days).
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, eq, hash, module = "coaching")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BookingRules {
    #[pyo3(get)]
    pub min_notice_minutes: u32,
    #[pyo3(get)]
    pub max_horizon_days: Option<u32>,
    #[pyo3(get)]
    pub buffer_before_minutes: u32,
    #[pyo3(get)]
    pub buffer_after_minutes: u32,
    #[pyo3(get)]
    pub slot_step_minutes: u32,
}

#[gen_stub_pymethods]
#[pymethods]
impl BookingRules {
    /// Rules with these figures (checked when they are set on a program or engagement).
    #[new]
    #[pyo3(signature = (*, min_notice_minutes=crate::convert::Count(0), max_horizon_days=None, buffer_before_minutes=crate::convert::Count(0), buffer_after_minutes=crate::convert::Count(0), slot_step_minutes=crate::convert::Count(30)))]
    #[pyo3(text_signature = "(*, min_notice_minutes=0, max_horizon_days=None, buffer_before_minutes=0, buffer_after_minutes=0, slot_step_minutes=30)")]
    fn new(
        min_notice_minutes: crate::convert::Count<u32>,
        max_horizon_days: Option<crate::convert::Count<u32>>,
        buffer_before_minutes: crate::convert::Count<u32>,
        buffer_after_minutes: crate::convert::Count<u32>,
        slot_step_minutes: crate::convert::Count<u32>,
    ) -> Self {
        BookingRules {
            min_notice_minutes: min_notice_minutes.0,
            max_horizon_days: max_horizon_days.map(|d| d.0),
            buffer_before_minutes: buffer_before_minutes.0,
            buffer_after_minutes: buffer_after_minutes.0,
            slot_step_minutes: slot_step_minutes.0,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "BookingRules(min_notice_minutes={}, max_horizon_days={}, buffer_before_minutes={}, buffer_after_minutes={}, slot_step_minutes={})",
            self.min_notice_minutes,
            self.max_horizon_days.map_or("None".to_string(), |d| d.to_string()),
            self.buffer_before_minutes,
            self.buffer_after_minutes,
            self.slot_step_minutes
        )
    }
}

impl From<&core::BookingRules> for BookingRules {
    fn from(r: &core::BookingRules) -> Self {
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

record!(/// The rules an engagement books under; `source` is "engagement", "program" or "default".
EffectiveRules { rules: BookingRules, source: String } enums {});

impl From<&core::EffectiveRules> for EffectiveRules {
    fn from(r: &core::EffectiveRules) -> Self {
        EffectiveRules {
            rules: BookingRules::from(&r.rules),
            source: r.source.as_str().into(),
        }
    }
}

record!(/// A note; `body_html` is sanitised, `body_text` its plain text.
Note {
    id: String, practice_id: String, engagement_id: String, title: String, body_html: String,
    body_text: String, position: u32, shared: bool, created_by: Actor, created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
} enums {});

impl From<&core::Note> for Note {
    fn from(n: &core::Note) -> Self {
        Note {
            id: n.id.to_string(),
            practice_id: n.practice_id.to_string(),
            engagement_id: n.engagement_id.to_string(),
            title: n.title.clone(),
            body_html: n.body_html.clone(),
            body_text: n.body_text.clone(),
            position: n.position,
            shared: n.shared,
            created_by: actor(&n.created_by),
            created_at: n.created_at,
            updated_at: n.updated_at,
        }
    }
}

record!(/// A search hit: the note, a snippet (safe HTML with <mark>), a rank (higher is better).
NoteHit { note: Note, snippet_html: Option<String>, rank: f64 } enums {});

impl From<&core::NoteHit> for NoteHit {
    fn from(h: &core::NoteHit) -> Self {
        NoteHit {
            note: Note::from(&h.note),
            snippet_html: h.snippet_html.clone(),
            rank: h.rank,
        }
    }
}

record!(/// A milestone of a goal.
Milestone { id: String, goal_id: String, engagement_id: String, name: String, due_date: Option<NaiveDate>, done: bool, position: u32, created_at: DateTime<Utc>, updated_at: DateTime<Utc> } enums {});

impl From<&core::Milestone> for Milestone {
    fn from(m: &core::Milestone) -> Self {
        Milestone {
            id: m.id.to_string(),
            goal_id: m.goal_id.to_string(),
            engagement_id: m.engagement_id.to_string(),
            name: m.name.clone(),
            due_date: m.due_date,
            done: m.done,
            position: m.position,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

record!(/// A goal with its milestones in order.
Goal {
    id: String, practice_id: String, engagement_id: String, name: String, description: Option<String>,
    due_date: Option<NaiveDate>, created_by: Actor, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    milestones: Vec<Milestone>,
} enums { status: "_enums.GoalStatus" });

impl Goal {
    pub(crate) fn of(g: &core::Goal, milestones: &[core::Milestone]) -> Self {
        Goal {
            id: g.id.to_string(),
            practice_id: g.practice_id.to_string(),
            engagement_id: g.engagement_id.to_string(),
            name: g.name.clone(),
            description: g.description.clone(),
            due_date: g.due_date,
            created_by: actor(&g.created_by),
            created_at: g.created_at,
            updated_at: g.updated_at,
            milestones: milestones.iter().map(Milestone::from).collect(),
            status: g.status.as_str().into(),
        }
    }
}

record!(/// A file of an assignment, with the message shown to the client.
AssignmentFile { id: String, assignment_id: String, resource_id: String, message: Option<String>, added_by: Actor, added_at: DateTime<Utc> } enums {});

impl From<&core::AssignmentFile> for AssignmentFile {
    fn from(f: &core::AssignmentFile) -> Self {
        AssignmentFile {
            id: f.id.to_string(),
            assignment_id: f.assignment_id.to_string(),
            resource_id: f.resource_id.to_string(),
            message: f.message.clone(),
            added_by: actor(&f.added_by),
            added_at: f.added_at,
        }
    }
}

record!(/// An assignment with its files.
Assignment {
    id: String, practice_id: String, engagement_id: String, name: String, description: Option<String>,
    due_date: Option<NaiveDate>, created_by: Actor, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    files: Vec<AssignmentFile>,
} enums { status: "_enums.AssignmentStatus" });

impl Assignment {
    pub(crate) fn of(a: &core::Assignment, files: &[core::AssignmentFile]) -> Self {
        Assignment {
            id: a.id.to_string(),
            practice_id: a.practice_id.to_string(),
            engagement_id: a.engagement_id.to_string(),
            name: a.name.clone(),
            description: a.description.clone(),
            due_date: a.due_date,
            created_by: actor(&a.created_by),
            created_at: a.created_at,
            updated_at: a.updated_at,
            files: files.iter().map(AssignmentFile::from).collect(),
            status: a.status.as_str().into(),
        }
    }
}

record!(/// A resource: folder, file (with `size`, `media_type`, `sha256`) or link (`url`).
Resource {
    id: String, practice_id: String, place_id: Option<String>, parent_id: Option<String>, name: String,
    media_type: Option<String>, size: Option<u64>, sha256: Option<String>, url: Option<String>,
    added_by: Actor, shared_with_coach: bool, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
} enums { kind: "_enums.ResourceKind", place: "_enums.ResourcePlace" });

impl From<&core::Resource> for Resource {
    fn from(r: &core::Resource) -> Self {
        let (place, place_id) = match r.place {
            core::ResourcePlace::Library => ("library", None),
            core::ResourcePlace::ClientLibrary(c) => ("client_library", Some(c.to_string())),
            core::ResourcePlace::Engagement(e) => ("engagement", Some(e.to_string())),
        };
        Resource {
            id: r.id.to_string(),
            practice_id: r.practice_id.to_string(),
            place_id,
            parent_id: r.parent_id.map(|p| p.to_string()),
            name: r.name.clone(),
            media_type: r.media_type.clone(),
            size: r.size,
            sha256: r.sha256.clone(),
            url: r.url.clone(),
            added_by: actor(&r.added_by),
            shared_with_coach: r.shared_with_coach,
            created_at: r.created_at,
            updated_at: r.updated_at,
            kind: r.kind.as_str().into(),
            place: place.into(),
        }
    }
}

record!(/// A resource of an engagement's Resources page.
EngagementResource { resource: Resource, from_library: bool, shared_by: Actor, shared_at: DateTime<Utc> } enums {});

impl From<&core::EngagementResource> for EngagementResource {
    fn from(r: &core::EngagementResource) -> Self {
        EngagementResource {
            resource: Resource::from(&r.resource),
            from_library: r.from_library,
            shared_by: actor(&r.shared_by),
            shared_at: r.shared_at,
        }
    }
}

record!(/// A comment on a note, goal or assignment (`on`, `target_id`).
Comment { id: String, engagement_id: String, target_id: String, body_html: String, author: Actor, created_at: DateTime<Utc> } enums { on: "_enums.CommentOn" });

impl From<&core::Comment> for Comment {
    fn from(c: &core::Comment) -> Self {
        Comment {
            id: c.id.to_string(),
            engagement_id: c.engagement_id.to_string(),
            target_id: c.target.uuid().to_string(),
            body_html: c.body_html.clone(),
            author: actor(&c.author),
            created_at: c.created_at,
            on: c.target.kind().as_str().into(),
        }
    }
}

record!(/// A program item: `kind` "goal", "assignment" or "resource".
ProgramItem { id: String, program_id: String, position: u32, kind: String, name: Option<String>, description: Option<String>, due_after_days: Option<u32>, resource_id: Option<String> } enums {});

impl From<&core::ProgramItem> for ProgramItem {
    fn from(i: &core::ProgramItem) -> Self {
        let (kind, name, description, due, resource) = match &i.item {
            core::ProgramItemKind::Goal {
                name,
                description,
                due_after_days,
            } => (
                "goal",
                Some(name.clone()),
                description.clone(),
                *due_after_days,
                None,
            ),
            core::ProgramItemKind::Assignment {
                name,
                description,
                due_after_days,
            } => (
                "assignment",
                Some(name.clone()),
                description.clone(),
                *due_after_days,
                None,
            ),
            core::ProgramItemKind::Resource { resource_id } => {
                ("resource", None, None, None, Some(resource_id.to_string()))
            }
        };
        ProgramItem {
            id: i.id.to_string(),
            program_id: i.program_id.to_string(),
            position: i.position,
            kind: kind.into(),
            name,
            description,
            due_after_days: due,
            resource_id: resource,
        }
    }
}

record!(/// One Client To-Do.
Todo { id: String, engagement_id: String, client_id: String, client_name: String, name: String, goal_name: Option<String>, due_date: Option<NaiveDate>, overdue: bool } enums { kind: "_enums.TodoKind" });

impl From<&core::TodoItem> for Todo {
    fn from(t: &core::TodoItem) -> Self {
        Todo {
            id: t.id.to_string(),
            engagement_id: t.engagement_id.to_string(),
            client_id: t.client_id.to_string(),
            client_name: t.client_name.clone(),
            name: t.name.clone(),
            goal_name: t.goal_name.clone(),
            due_date: t.due_date,
            overdue: t.overdue,
            kind: t.kind.as_str().into(),
        }
    }
}

record!(/// One reminder of `due`: to whom (`to`, an Actor: the engagement's coach or its client),
/// about what, for when (`starts_at` for a session, `due_date` for the others).
Reminder {
    to: Actor, to_name: String, id: String, engagement_id: String, title: String,
    starts_at: Option<DateTime<Utc>>, due_date: Option<NaiveDate>, overdue: bool,
} enums { kind: "_enums.DueKind" });

impl From<&core::Reminder> for Reminder {
    fn from(r: &core::Reminder) -> Self {
        Reminder {
            to: actor(&r.to),
            to_name: r.to_name.clone(),
            id: r.id.to_string(),
            engagement_id: r.engagement_id.to_string(),
            title: r.title.clone(),
            starts_at: r.starts_at,
            due_date: r.due_date,
            overdue: r.overdue,
            kind: r.kind.as_str().into(),
        }
    }
}

/// The actor of an operation: a `Coach`, a `Client` or an `Actor`.
pub(crate) fn actor_arg(v: &Bound<'_, PyAny>) -> PyResult<core::Actor> {
    if let Ok(a) = v.cast::<Actor>() {
        return Ok(a.get().inner);
    }
    if let Ok(c) = v.cast::<Coach>() {
        return Ok(core::Actor::Coach(id(&c.get().id)?));
    }
    if let Ok(c) = v.cast::<Client>() {
        return Ok(core::Actor::Client(id(&c.get().id)?));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "actor: expected a Coach, a Client or an Actor, got {}",
        v.get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    )))
}

/// A location argument.
pub(crate) fn location_arg(v: &Bound<'_, PyAny>) -> PyResult<core::Location> {
    v.cast::<Location>()
        .map(|l| l.get().inner.clone())
        .map_err(|_| invalid("location", "expected a Location (e.g. Location.zoom(url))"))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Actor>()?;
    m.add_class::<Plan>()?;
    m.add_class::<Location>()?;
    m.add_class::<Practice>()?;
    m.add_class::<Coach>()?;
    m.add_class::<Client>()?;
    m.add_class::<Program>()?;
    m.add_class::<Progress>()?;
    m.add_class::<Engagement>()?;
    m.add_class::<Session>()?;
    m.add_class::<SessionLine>()?;
    m.add_class::<LogEntry>()?;
    m.add_class::<ChangePage>()?;
    m.add_class::<DayRange>()?;
    m.add_class::<WeeklyHours>()?;
    m.add_class::<DateOverride>()?;
    m.add_class::<Availability>()?;
    m.add_class::<BookingRules>()?;
    m.add_class::<EffectiveRules>()?;
    m.add_class::<Note>()?;
    m.add_class::<NoteHit>()?;
    m.add_class::<Milestone>()?;
    m.add_class::<Goal>()?;
    m.add_class::<AssignmentFile>()?;
    m.add_class::<Assignment>()?;
    m.add_class::<Resource>()?;
    m.add_class::<EngagementResource>()?;
    m.add_class::<Comment>()?;
    m.add_class::<ProgramItem>()?;
    m.add_class::<Todo>()?;
    m.add_class::<Reminder>()?;
    Ok(())
}
