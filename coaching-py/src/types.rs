//! The Python classes the library returns: frozen, with `__repr__`, value equality and a hash.
//! Enum-valued attributes return members of the enums in `coaching._enums`.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use coaching_core as core;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use crate::{enum_value, id, invalid};

/// Defines a record class: plain attributes, enum attributes (stored by name, returned as
/// members), value equality on the core value it came from. Doc comments on the class, on
/// each attribute and on each enum attribute become their Python docstrings (and the stubs').
macro_rules! record {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $f:ident: $t:ty),* $(,)? }
        enums { $($(#[$em:meta])* $ef:ident: $ec:literal),* $(,)? }) => {
        record!($(#[$m])* $name { $($(#[$fm])* $f: $t),* } enums { $($(#[$em])* $ef: $ec),* } optional_enums {});
    };
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $f:ident: $t:ty),* $(,)? }
        enums { $($(#[$em:meta])* $ef:ident: $ec:literal),* $(,)? }
        optional_enums { $($(#[$om:meta])* $of:ident: $oc:literal as $ot:literal),* $(,)? }) => {
        $(#[$m])*
        #[gen_stub_pyclass(module = "coaching._coaching")]
        #[pyclass(frozen, module = "coaching")]
        #[derive(Clone)]
        pub struct $name {
            $($(#[$fm])* #[pyo3(get)] pub $f: $t,)*
            $(pub(crate) $ef: String,)*
            $(pub(crate) $of: Option<String>,)*
        }

        #[gen_stub_pymethods]
        #[pymethods]
        impl $name {
            $(
                $(#[$em])*
                #[getter]
                #[gen_stub(override_return_type(type_repr = $ec, imports = ("coaching._enums",)))]
                fn $ef(&self, py: Python<'_>) -> Py<PyAny> {
                    enum_value(py, $ec, &self.$ef)
                }
            )*
            $(
                $(#[$om])*
                #[getter]
                #[gen_stub(override_return_type(type_repr = $ot, imports = ("coaching._enums",)))]
                fn $of(&self, py: Python<'_>) -> Option<Py<PyAny>> {
                    self.$of.as_deref().map(|v| enum_value(py, $oc, v))
                }
            )*
            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                let mut parts = Vec::new();
                for f in [$(stringify!($f),)* $(stringify!($ef),)* $(stringify!($of),)*] {
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
                for f in [$(stringify!($f),)* $(stringify!($ef),)* $(stringify!($of),)*] {
                    if !slf.getattr(f)?.eq(other.getattr(f)?)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            /// The hash of the attributes (lists hashed as tuples), consistent with `==`.
            fn __hash__(slf: &Bound<'_, Self>) -> PyResult<isize> {
                record_hash(slf, &[$(stringify!($f),)* $(stringify!($ef),)* $(stringify!($of),)*])
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
    /// The coach with id `coach_id` as an actor (the same as passing the `Coach` object).
    /// Raises `ValidationError` when `coach_id` is not a valid id.
    #[staticmethod]
    fn coach(coach_id: &str) -> PyResult<Self> {
        Ok(Actor {
            inner: core::Actor::Coach(id(coach_id)?),
        })
    }
    /// The client with id `client_id` as an actor, for what they do in the client portal (the
    /// same as passing the `Client` object). Raises `ValidationError` when `client_id` is not a
    /// valid id.
    #[staticmethod]
    fn client(client_id: &str) -> PyResult<Self> {
        Ok(Actor {
            inner: core::Actor::Client(id(client_id)?),
        })
    }
    /// Who acts: a coach, a client, or the system (the library itself, for what it does on its
    /// own, e.g. completing an engagement when its last planned session is used).
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_enums.ActorKind", imports = ("coaching._enums",)))]
    fn kind(&self, py: Python<'_>) -> Py<PyAny> {
        enum_value(py, "ActorKind", self.inner.kind_name())
    }
    /// The coach's or client's id; None for the system.
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
    /// A name for display ("free", "solo", "team", or your own).
    #[pyo3(get)]
    pub name: String,
    /// The most engagements that may be Active at once in the practice; None: unlimited.
    #[pyo3(get)]
    pub max_active_engagements: Option<u32>,
    /// The most coaches the practice may have, owner included; None: unlimited.
    #[pyo3(get)]
    pub max_coaches: Option<u32>,
    /// Whether an engagement may be moved from one coach to another (`Coaching.reassign`).
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
    /// A plan of your own: `name` for display, the caps on Active engagements and on coaches
    /// (None: unlimited), and whether engagements may be reassigned. Raises `ValueError` for a
    /// negative cap.
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
    /// A phone call to `number` (digits, spaces and `+ - ( ) .`, 3 to 20 digits; checked when
    /// a session is booked or moved there, raising `ValidationError`).
    #[staticmethod]
    fn phone(number: String) -> Self {
        Location {
            inner: core::Location::Phone { number },
        }
    }
    /// A meeting in person at `address` (not empty; checked when a session is booked or moved
    /// there, raising `ValidationError`).
    #[staticmethod]
    fn in_person(address: String) -> Self {
        Location {
            inner: core::Location::InPerson { address },
        }
    }
    /// A Zoom meeting; `join_url` is its https join link on a Zoom domain (checked when a
    /// session is booked or moved there, raising `ValidationError`).
    #[staticmethod]
    fn zoom(join_url: String) -> Self {
        Location {
            inner: core::Location::Zoom { join_url },
        }
    }
    /// A Skype call; `join_url` is its https link on a Skype domain or a `skype:` URI (checked
    /// when a session is booked or moved there, raising `ValidationError`).
    #[staticmethod]
    fn skype(join_url: String) -> Self {
        Location {
            inner: core::Location::Skype { join_url },
        }
    }
    /// Anywhere else, described in words by `text` (not empty; checked when a session is
    /// booked or moved there, raising `ValidationError`).
    #[staticmethod]
    fn other(text: String) -> Self {
        Location {
            inner: core::Location::Other { text },
        }
    }
    /// What kind of place it is: phone, in person, Zoom, Skype or other.
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_enums.LocationKind", imports = ("coaching._enums",)))]
    fn kind(&self, py: Python<'_>) -> Py<PyAny> {
        enum_value(py, "LocationKind", self.inner.kind_name())
    }
    /// The phone number, address, join link or text, whichever the kind has.
    #[getter]
    fn value(&self) -> String {
        self.inner.value().to_string()
    }
    /// The link a host makes clickable: the join URL of a Zoom or Skype location; None for the
    /// other kinds.
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
Practice {
    /// This practice's id.
    id: String,
    /// The business's name, as shown.
    name: String,
    /// The practice's IANA time zone name (e.g. "Europe/London"): where "today" is for due
    /// dates and overdue marks.
    time_zone: String,
    /// The limits it works under (active engagements, coaches, reassignment); the owner changes
    /// it with `Coaching.change_plan`.
    plan: Plan,
    /// The id of the owning coach, who sees and manages every engagement of the practice.
    owner_id: String,
    /// When it was signed up (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last changed, e.g. its plan (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {});

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
Coach {
    /// This coach's id.
    id: String,
    /// The id of the practice the coach belongs to.
    practice_id: String,
    /// The coach's name, as shown to clients and on the overview.
    name: String,
    /// The coach's e-mail address; None: not given.
    email: Option<String>,
    /// When the coach was added (aware datetime, UTC).
    created_at: DateTime<Utc>,
} enums {});

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
Client {
    /// This client's id.
    id: String,
    /// The id of the practice the client belongs to.
    practice_id: String,
    /// The client's name, as shown to coaches.
    name: String,
    /// The client's e-mail address; None: not given.
    email: Option<String>,
    /// Whether the client has a portal account; without one nothing can be shared with them
    /// (sharing raises `NoPortalError`).
    has_portal: bool,
    /// When the client was added (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When the client's name, e-mail or portal flag last changed (aware datetime, UTC).
    updated_at: DateTime<Utc>,
    /// Out of the client directory (`Coaching.archive_client`); everything kept.
    archived: bool,
    /// Erased for good (`Coaching.erase_client`): `name` is a placeholder.
    erased: bool,
} enums {});

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
            archived: c.archived,
            erased: c.erased,
        }
    }
}

fn window(m: Option<u32>) -> Option<TimeDelta> {
    m.map(|m| TimeDelta::minutes(m as i64))
}

record!(/// A program. `planned` is sessions, or minutes in hours mode (`planned_hours` converts).
Program {
    /// This program's id.
    id: String,
    /// The id of the practice the program belongs to.
    practice_id: String,
    /// The program's name, copied into engagements created from it.
    name: String,
    /// The progress denominator: a number of sessions, or of minutes when `unit` is hours.
    planned: u32,
    /// The default length of one session, in minutes.
    session_minutes: u32,
    /// Whether a no-show uses up a session (True by default).
    no_show_counts: bool,
    /// A client cancelling less than this long before a session's start uses it up (a late
    /// cancellation), as a `datetime.timedelta`; None: no late cancellations.
    late_cancel_window: Option<TimeDelta>,
    /// When it was created (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last changed (aware datetime, UTC); engagements already created from it
    /// keep their copy.
    updated_at: DateTime<Utc>,
} enums {
    /// Whether `planned` counts sessions or hours (then as minutes).
    unit: "_enums.ProgressUnit",
});

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
Progress {
    /// Sessions used, or minutes in hours mode; never capped (17/16 stays 17/16).
    used: u64,
    /// Sessions planned, or minutes in hours mode; 0 when not yet planned.
    planned: u32,
    /// `used` as a percentage of `planned`, from 0.0 to 100.0 (capped); 0.0 when nothing is
    /// planned.
    percent: f64,
    /// The fraction for display: "2/16" in sessions mode, "1.5/10 h" in hours mode.
    text: String,
} enums {
    /// Whether `used` and `planned` count sessions or minutes (hours mode).
    unit: "_enums.ProgressUnit",
});

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
#[derive(Clone)]
pub struct Engagement {
    pub(crate) inner: core::EngagementOverview,
}

fn opt_id<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

#[gen_stub_pymethods]
#[pymethods]
impl Engagement {
    /// This engagement's id.
    #[getter]
    fn id(&self) -> String {
        self.inner.engagement.id.to_string()
    }
    /// The id of the practice the engagement belongs to.
    #[getter]
    fn practice_id(&self) -> String {
        self.inner.engagement.practice_id.to_string()
    }
    /// The id of the coach assigned to it; None: not yet assigned (required for activation).
    #[getter]
    fn coach_id(&self) -> Option<String> {
        opt_id(&self.inner.engagement.coach_id)
    }
    /// The assigned coach's name; None: no coach assigned.
    #[getter]
    fn coach_name(&self) -> Option<String> {
        self.inner.coach_name.clone()
    }
    /// The id of the client enrolled; None: not yet chosen (required for activation;
    /// changeable only while Draft).
    #[getter]
    fn client_id(&self) -> Option<String> {
        opt_id(&self.inner.engagement.client_id)
    }
    /// The client's name; None: no client chosen yet.
    #[getter]
    fn client_name(&self) -> Option<String> {
        self.inner.client_name.clone()
    }
    /// The id of the program it was created from; None for an engagement created without
    /// one.
    #[getter]
    fn program_id(&self) -> Option<String> {
        opt_id(&self.inner.engagement.program_id)
    }
    /// The program name shown on the overview; None: not set (required for activation).
    #[getter]
    fn program_name(&self) -> Option<String> {
        self.inner.engagement.program_name.clone()
    }
    /// The start date (a `datetime.date`); None: not set, shown as "TBD".
    #[getter]
    fn start_date(&self) -> Option<NaiveDate> {
        self.inner.engagement.start_date
    }
    /// The end date (a `datetime.date`); None: not set, shown as "TBD".
    #[getter]
    fn end_date(&self) -> Option<NaiveDate> {
        self.inner.engagement.end_date
    }
    /// Why a coach completed it early, if they said; None: no reason given (and always None
    /// when the client reads it).
    #[getter]
    fn completion_reason(&self) -> Option<String> {
        self.inner.engagement.completion_reason.clone()
    }
    /// Used against planned (sessions, or minutes in hours mode), from the engagement's
    /// sessions.
    #[getter]
    fn progress(&self) -> Progress {
        Progress::from(&self.inner.progress)
    }
    /// The default length of one session, in minutes.
    #[getter]
    fn session_minutes(&self) -> u32 {
        self.inner.engagement.session_minutes
    }
    /// Whether a no-show uses up a session (copied from the program; True by default).
    #[getter]
    fn no_show_counts(&self) -> bool {
        self.inner.engagement.no_show_counts
    }
    /// A client cancelling less than this long before a session's start uses it up
    /// (LateCancelled), as a `datetime.timedelta`; None: no late cancellations.
    #[getter]
    fn late_cancel_window(&self) -> Option<TimeDelta> {
        window(self.inner.engagement.late_cancel_window_minutes)
    }
    /// When it was created (aware datetime, UTC).
    #[getter]
    fn created_at(&self) -> DateTime<Utc> {
        self.inner.engagement.created_at
    }
    /// When it was last edited or changed status (aware datetime, UTC).
    #[getter]
    fn updated_at(&self) -> DateTime<Utc> {
        self.inner.engagement.updated_at
    }
    /// The lifecycle status: Draft, Active, Inactive or Completed.
    #[getter]
    #[gen_stub(override_return_type(type_repr = "_enums.Status", imports = ("coaching._enums",)))]
    fn status(&self, py: Python<'_>) -> Py<PyAny> {
        enum_value(py, "Status", self.inner.engagement.status.as_str())
    }
    /// The display phase, derived from status and progress: not started, in progress or
    /// completed.
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
    /// This session's id: the same through reschedules.
    id: String,
    /// The id of the practice the session belongs to.
    practice_id: String,
    /// The id of the engagement the session is part of.
    engagement_id: String,
    /// The id of the coach holding the session (the engagement's coach when it was booked;
    /// moved with a reassignment while still Scheduled).
    coach_id: String,
    /// The id of the engagement's client.
    client_id: String,
    /// When it starts (aware datetime, UTC).
    start: DateTime<Utc>,
    /// When it ends (aware datetime, UTC); always after `start`, at most 24 hours later.
    end: DateTime<Utc>,
    /// Its length in whole minutes (`end` − `start`).
    minutes: i64,
    /// The IANA time zone it was booked in: its wall-clock time is `start` in this zone.
    time_zone: String,
    /// Where it takes place.
    location: Location,
    /// Who cancelled it (Cancelled and LateCancelled sessions only); None otherwise.
    cancelled_by: Option<Actor>,
    /// When it was cancelled (aware datetime, UTC); None if it was not.
    cancelled_at: Option<DateTime<Utc>>,
    /// The reason given when cancelling; None: none given, or not cancelled.
    cancel_reason: Option<String>,
    /// Who booked it: a coach, or the client booking for themself.
    created_by: Actor,
    /// When it was booked (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last rescheduled, moved or changed status (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {
    /// Scheduled until held (Completed), cancelled (Cancelled or LateCancelled) or missed
    /// (NoShow); only a Scheduled session changes status.
    status: "_enums.SessionStatus",
});

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
    /// The session itself.
    #[getter]
    fn session(&self) -> Session {
        Session::from(&self.inner.session)
    }
    /// The name of the session's coach.
    #[getter]
    fn coach_name(&self) -> String {
        self.inner.coach_name.clone()
    }
    /// The name of the engagement's client.
    #[getter]
    fn client_name(&self) -> String {
        self.inner.client_name.clone()
    }
    /// The engagement's program name; None: not set.
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
    /// This entry's id (a UUID v7: entries' ids sort by the time they were written).
    id: String,
    /// The id of the practice the entry belongs to (set on engagement entries too).
    practice_id: String,
    /// The id of the engagement the entry belongs to; None for practice-level events (e.g. an
    /// engagement's deletion).
    engagement_id: Option<String>,
    /// When it happened: the library clock's now when the operation ran (aware datetime, UTC).
    at: DateTime<Utc>,
    /// Who did it: a coach, a client, or the system (`Actor.kind` "system") for automatic
    /// transitions.
    actor: Actor,
    /// What was done, as a stable snake_case name (e.g. "session_booked", "note_shared").
    action: String,
    /// What kind of thing was acted upon (e.g. "session", "note"), as a stable snake_case
    /// name: tells the host which page to link to.
    target_kind: String,
    /// The id of the thing acted upon; it may no longer exist.
    target_id: String,
    /// Human-readable particulars (a completion reason, the old times of a reschedule, …);
    /// None: none. Never given to a client by the change feed.
    detail: Option<String>,
    /// Who may read the entry in the change feed: "owner", "coaches", "coach", "client" or
    /// "own" (only the client who acted).
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

record!(/// One page of a practice's overview (`Coaching.overview_page`): its engagements in the
/// order asked for, and how many match the filters across every page.
OverviewPage {
    /// The page's engagements, in the order asked for.
    lines: Vec<Engagement>,
    /// How many engagements match the filters, across every page.
    total: u64,
} enums {});

impl From<core::OverviewPage> for OverviewPage {
    fn from(p: core::OverviewPage) -> Self {
        OverviewPage {
            lines: p.lines.into_iter().map(Engagement::from).collect(),
            total: p.total,
        }
    }
}

record!(/// A page of the change feed: the changes after the cursor asked for, oldest first;
/// `next`, the cursor to resume from (pass it as `after`); `more`, whether the page is full
/// (more changes may follow at once).
ChangePage {
    /// The changes after the cursor asked for, oldest first.
    changes: Vec<LogEntry>,
    /// The cursor to pass as `after` to resume after the last change of this page (the cursor
    /// asked for when the page is empty).
    next: String,
    /// Whether the page is full, so more changes may follow at once.
    more: bool,
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
DayRange {
    /// First minute of the range, counted from midnight (0 = 00:00); included.
    start_minute: u16,
    /// Minute at which the range ends, counted from midnight (1440 = 24:00); not included.
    end_minute: u16,
} enums {});

impl From<&core::DayRange> for DayRange {
    fn from(r: &core::DayRange) -> Self {
        DayRange {
            start_minute: r.start_minute,
            end_minute: r.end_minute,
        }
    }
}

record!(/// One range of a weekday's hours; `weekday` 1 (Monday) to 7 (Sunday).
WeeklyHours {
    /// The day of the week in the coach's time zone: 1 (Monday) to 7 (Sunday).
    weekday: u8,
    /// First minute of the range, counted from midnight in the coach's zone; included.
    start_minute: u16,
    /// Minute at which the range ends, counted from midnight (1440 = 24:00); not included.
    end_minute: u16,
} enums {});

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
DateOverride {
    /// The date whose hours are replaced, a calendar date in the coach's time zone.
    date: NaiveDate,
    /// The date's hours in place of the weekday's, in order; empty: the coach is away all day.
    hours: Vec<DayRange>,
} enums {});

record!(/// A coach's published availability: weekly hours (Monday first) in `time_zone`, and the
/// date overrides by date.
Availability {
    /// The id of the coach whose hours these are; only they (or the owner) change them.
    coach_id: String,
    /// The id of the coach's practice.
    practice_id: String,
    /// The IANA time zone the hours are wall-clock times of.
    time_zone: String,
    /// The weekly hours, Monday first, each day's ranges in order (overlapping ranges merged).
    weekly: Vec<WeeklyHours>,
    /// The dates whose hours replace their weekday's, by date.
    overrides: Vec<DateOverride>,
    /// When the coach's hours or overrides were last saved (aware datetime, UTC).
    updated_at: DateTime<Utc>,
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
    /// No booking starting less than this many minutes from now.
    #[pyo3(get)]
    pub min_notice_minutes: u32,
    /// No booking starting more than this many days from now; None: no limit.
    #[pyo3(get)]
    pub max_horizon_days: Option<u32>,
    /// Free time, in minutes, the coach keeps before a session (after the previous one ends).
    #[pyo3(get)]
    pub buffer_before_minutes: u32,
    /// Free time, in minutes, the coach keeps after a session (before the next one starts).
    #[pyo3(get)]
    pub buffer_after_minutes: u32,
    /// Slots start this many minutes apart, counted from the start of each range of hours.
    #[pyo3(get)]
    pub slot_step_minutes: u32,
}

#[gen_stub_pymethods]
#[pymethods]
impl BookingRules {
    /// Rules with these figures (checked when they are set on a program or engagement).
    #[new]
    #[pyo3(signature = (*, min_notice_minutes=crate::convert::Count(0), max_horizon_days=None, buffer_before_minutes=crate::convert::Count(0), buffer_after_minutes=crate::convert::Count(0), slot_step_minutes=crate::convert::Count(30)))]
    #[pyo3(
        text_signature = "(*, min_notice_minutes=0, max_horizon_days=None, buffer_before_minutes=0, buffer_after_minutes=0, slot_step_minutes=30)"
    )]
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
EffectiveRules {
    /// The rules in force for the engagement.
    rules: BookingRules,
    /// Where they come from: "engagement" (its own), "program" (its program's) or "default"
    /// (neither has any).
    source: String,
} enums {});

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
    /// This note's id.
    id: String,
    /// The id of the practice the note belongs to.
    practice_id: String,
    /// The id of the engagement the note is in.
    engagement_id: String,
    /// The title (never empty).
    title: String,
    /// The body as sanitised HTML: what is shown (no script can reach a client's screen).
    body_html: String,
    /// The body's plain text, derived from `body_html`: what keyword search reads.
    body_text: String,
    /// Its place in the engagement's drag-and-drop order, from 0.
    position: u32,
    /// Whether the engagement's client can see it (set with `Coaching.share_note`).
    shared: bool,
    /// The coach who wrote it.
    created_by: Actor,
    /// When it was created (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last edited (aware datetime, UTC).
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

record!(/// A custom field's definition: typed values on engagements or clients, optionally
/// required for activation.
FieldDefinition {
    /// This definition's id.
    id: String,
    /// The id of the practice that defined it.
    practice_id: String,
    /// Its label, unique among the fields of its entity.
    label: String,
    /// A choice field's choices, in order (empty for the other kinds).
    choices: Vec<String>,
    /// Whether an engagement is activated only with a value (its own, or its client's).
    required_for_activation: bool,
    /// Its place in the list of its entity's fields, from 0.
    position: u32,
    /// When it was defined (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it last changed (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {
    /// What it belongs to: engagements or clients.
    entity: "_enums.FieldEntity",
    /// The type of its values.
    kind: "_enums.FieldKind",
});

impl From<&core::FieldDefinition> for FieldDefinition {
    fn from(f: &core::FieldDefinition) -> Self {
        FieldDefinition {
            id: f.id.to_string(),
            practice_id: f.practice_id.to_string(),
            label: f.label.clone(),
            choices: f.choices.clone(),
            required_for_activation: f.required_for_activation,
            position: f.position,
            created_at: f.created_at,
            updated_at: f.updated_at,
            entity: f.entity.as_str().into(),
            kind: f.kind.as_str().into(),
        }
    }
}

record!(/// A custom field with its value on one engagement or client.
FieldWithValue {
    /// The field.
    field: FieldDefinition,
    /// The value (`str` for text and choice, `float`, `bool`, `datetime.date`); None when empty.
    value: Option<crate::convert::FieldVal>,
} enums {});

impl From<&core::FieldWithValue> for FieldWithValue {
    fn from(w: &core::FieldWithValue) -> Self {
        FieldWithValue {
            field: FieldDefinition::from(&w.field),
            value: w.value.clone().map(crate::convert::FieldVal),
        }
    }
}

record!(/// A client's journal entry: private to the client unless `shared` with the coach;
/// `body_html` is sanitised, `body_text` its plain text.
JournalEntry {
    /// This entry's id.
    id: String,
    /// The id of the practice the entry belongs to.
    practice_id: String,
    /// The id of the engagement it was written in.
    engagement_id: String,
    /// The id of the client who wrote it.
    client_id: String,
    /// The title (never empty).
    title: String,
    /// The body as sanitised HTML.
    body_html: String,
    /// The body's plain text, derived from `body_html`.
    body_text: String,
    /// Whether the engagement's coach (and the owner) can read it (set with
    /// `Coaching.share_journal_entry`).
    shared: bool,
    /// When it was written (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last edited, shared or unshared (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {});

impl From<&core::JournalEntry> for JournalEntry {
    fn from(j: &core::JournalEntry) -> Self {
        JournalEntry {
            id: j.id.to_string(),
            practice_id: j.practice_id.to_string(),
            engagement_id: j.engagement_id.to_string(),
            client_id: j.client_id.to_string(),
            title: j.title.clone(),
            body_html: j.body_html.clone(),
            body_text: j.body_text.clone(),
            shared: j.shared,
            created_at: j.created_at,
            updated_at: j.updated_at,
        }
    }
}

record!(/// A search hit: the note, a snippet (safe HTML with <mark>), a rank (higher is better).
NoteHit {
    /// The matching note.
    note: Note,
    /// An excerpt of the body, safe HTML with the matching words in `<mark>`; None when no
    /// keywords were given.
    snippet_html: Option<String>,
    /// Relevance, higher is better (title matches weigh more); 0.0 when no keywords were
    /// given. Compare ranks only within one search.
    rank: f64,
} enums {});

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
Milestone {
    /// This milestone's id.
    id: String,
    /// The id of the goal it is a step of.
    goal_id: String,
    /// The id of the goal's engagement.
    engagement_id: String,
    /// Its short title.
    name: String,
    /// The calendar date it is due (a `datetime.date`); None: no due date.
    due_date: Option<NaiveDate>,
    /// Whether the coach or the client has marked it done.
    done: bool,
    /// Its place in the goal's order, from 0.
    position: u32,
    /// When it was added (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last edited, moved or marked (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {});

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
    /// This goal's id.
    id: String,
    /// The id of the practice the goal belongs to.
    practice_id: String,
    /// The id of the engagement the goal belongs to.
    engagement_id: String,
    /// Its short title.
    name: String,
    /// Longer text about the goal; None: none given.
    description: Option<String>,
    /// The calendar date it is due (overdue is judged in the practice's time zone); None: no
    /// due date.
    due_date: Option<NaiveDate>,
    /// Who created it: a coach, or the engagement's client (for a copy of a program item,
    /// whoever created the engagement).
    created_by: Actor,
    /// When it was created (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last edited or changed status (aware datetime, UTC).
    updated_at: DateTime<Utc>,
    /// Its milestones, in their order.
    milestones: Vec<Milestone>,
} enums {
    /// Active while being worked on, Completed once reached (it can be set Active again).
    status: "_enums.GoalStatus",
} optional_enums {
    /// Short-, mid- or long-term; None: not set.
    horizon: "_enums.GoalHorizon" as "_enums.GoalHorizon | None",
});

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
            horizon: g.horizon.map(|h| h.as_str().into()),
        }
    }
}

record!(/// A file of an assignment, with the message shown to the client.
AssignmentFile {
    /// This attachment's id (not the resource's: the same library file may be attached to
    /// several assignments).
    id: String,
    /// The id of the assignment the file is attached to.
    assignment_id: String,
    /// The id of the attached file or link: an item of the practice library, or one uploaded
    /// into the engagement for this assignment.
    resource_id: String,
    /// A message shown to the client next to the file; None: no message.
    message: Option<String>,
    /// The coach who attached it.
    added_by: Actor,
    /// When it was attached (aware datetime, UTC).
    added_at: DateTime<Utc>,
} enums {});

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
    /// This assignment's id (kept unchanged by export and import).
    id: String,
    /// The id of the practice the assignment belongs to.
    practice_id: String,
    /// The id of the engagement the assignment is part of.
    engagement_id: String,
    /// Its short title, shown to the coach and the client.
    name: String,
    /// Longer instructions as plain text; None: none given.
    description: Option<String>,
    /// The calendar date it is due (overdue is judged in the practice's time zone); None: no
    /// due date, listed last in the to-dos.
    due_date: Option<NaiveDate>,
    /// The coach who created it (for a copy of a program item, whoever created the
    /// engagement).
    created_by: Actor,
    /// When it was created (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last edited or changed status (aware datetime, UTC).
    updated_at: DateTime<Utc>,
    /// The files attached to it, with their messages.
    files: Vec<AssignmentFile>,
} enums {
    /// Open until the coach or the client marks it Completed (it can be set Open again).
    status: "_enums.AssignmentStatus",
});

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
    /// This resource's id.
    id: String,
    /// The id of the practice the resource belongs to.
    practice_id: String,
    /// The id that goes with `place`: the client's for "client_library", the engagement's for
    /// "engagement"; None for the practice "library".
    place_id: Option<String>,
    /// The id of the folder it is in; None at the top.
    parent_id: Option<String>,
    /// The name shown.
    name: String,
    /// Files: the media type of the stored bytes (e.g. "application/pdf"); None for folders
    /// and links.
    media_type: Option<String>,
    /// Files: the size of the stored bytes, in bytes; None for folders and links.
    size: Option<u64>,
    /// Files: the SHA-256 of the stored bytes, lower-case hex; None for folders and links.
    sha256: Option<String>,
    /// Links: the URL; None for folders and files.
    url: Option<String>,
    /// Who added it: a coach, or a client (to their own library or into their engagement).
    added_by: Actor,
    /// For a client's upload into an engagement: whether they shared it with the coach.
    shared_with_coach: bool,
    /// When it was added (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it was last changed, e.g. shared with the coach (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {
    /// Whether it is a folder, a file or a link.
    kind: "_enums.ResourceKind",
    /// Where it lives: the practice library, a client's own library, or an engagement (see
    /// `place_id`).
    place: "_enums.ResourcePlace",
});

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
EngagementResource {
    /// The resource itself.
    resource: Resource,
    /// True when shared in from the practice library (a file or a whole folder), False when
    /// uploaded into the engagement.
    from_library: bool,
    /// Who shared it into the engagement, or who uploaded it there.
    shared_by: Actor,
    /// When it was shared or uploaded (aware datetime, UTC).
    shared_at: DateTime<Utc>,
} enums {});

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
Comment {
    /// This comment's id.
    id: String,
    /// The id of the engagement of the note, goal or assignment commented on.
    engagement_id: String,
    /// The id of the note, goal or assignment commented on (which one `on` says).
    target_id: String,
    /// The comment's text as sanitised HTML, like note bodies.
    body_html: String,
    /// Who wrote it: a coach, or the engagement's client (who may comment only in an Active
    /// engagement and with a portal).
    author: Actor,
    /// When it was written (aware datetime, UTC).
    created_at: DateTime<Utc>,
} enums {
    /// What the comment is on: a note, a goal or an assignment.
    on: "_enums.CommentOn",
});

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

record!(/// A question of a form; pass it (or a dict of the same fields) as a template's question.
Question {
    /// What is asked.
    prompt: String,
    /// Guidance shown under the prompt; None: none.
    help: Option<String>,
    /// A choice question's choices, in order; empty for the other kinds.
    choices: Vec<String>,
    /// A scale's top (its answers are 1 to this); None for the other kinds.
    scale_max: Option<u32>,
    /// Whether the form can be submitted without an answer to it.
    required: bool,
} enums {
    /// What it asks for.
    kind: "_enums.QuestionKind",
});

impl From<&core::Question> for Question {
    fn from(q: &core::Question) -> Self {
        Question {
            prompt: q.prompt.clone(),
            help: q.help.clone(),
            choices: q.choices.clone(),
            scale_max: q.scale_max,
            required: q.required,
            kind: q.kind.as_str().into(),
        }
    }
}

impl Question {
    /// The question as the core takes it.
    pub(crate) fn core(&self) -> PyResult<crate::convert::QuestionIn> {
        Ok(crate::convert::QuestionIn(core::Question {
            prompt: self.prompt.clone(),
            help: self.help.clone(),
            kind: crate::enums::Pick::<core::QuestionKind>::named(&self.kind).get("kind")?,
            choices: self.choices.clone(),
            scale_max: self.scale_max,
            required: self.required,
        }))
    }
}

record!(/// A form template of the practice library.
FormTemplate {
    /// This template's id.
    id: String,
    /// The id of the practice whose library holds it.
    practice_id: String,
    /// Its name (what a sent form is called).
    name: String,
    /// What it is for; None: nothing.
    description: Option<String>,
    /// Its questions, in order.
    questions: Vec<Question>,
    /// When it was made (aware datetime, UTC).
    created_at: DateTime<Utc>,
    /// When it last changed (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {});

impl From<&core::FormTemplate> for FormTemplate {
    fn from(t: &core::FormTemplate) -> Self {
        FormTemplate {
            id: t.id.to_string(),
            practice_id: t.practice_id.to_string(),
            name: t.name.clone(),
            description: t.description.clone(),
            questions: t.questions.iter().map(Question::from).collect(),
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

record!(/// A form sent into an engagement, with the client's answers.
Form {
    /// This form's id.
    id: String,
    /// The id of the engagement it was sent into.
    engagement_id: String,
    /// The id of the template it was copied from; None once that template is deleted.
    template_id: Option<String>,
    /// The template's name when it was sent.
    name: String,
    /// The template's description when it was sent.
    description: Option<String>,
    /// The questions, as the template had them when it was sent.
    questions: Vec<Question>,
    /// The answers by question index (`str`, `list[str]` for multiple choices, `int` for a
    /// scale, `datetime.date`); a coach gets none while the form is open.
    answers: std::collections::BTreeMap<u32, crate::convert::AnswerVal>,
    /// When the client should submit it; None: no due date.
    due_date: Option<chrono::NaiveDate>,
    /// Who sent it.
    sent_by: Actor,
    /// When it was sent (aware datetime, UTC).
    sent_at: DateTime<Utc>,
    /// When it was last submitted; None: never.
    submitted_at: Option<DateTime<Utc>>,
    /// When it last changed (aware datetime, UTC).
    updated_at: DateTime<Utc>,
} enums {
    /// Open (being answered) or submitted.
    status: "_enums.FormStatus",
});

impl From<&core::Form> for Form {
    fn from(f: &core::Form) -> Self {
        Form {
            id: f.id.to_string(),
            engagement_id: f.engagement_id.to_string(),
            template_id: f.template_id.map(|t| t.to_string()),
            name: f.name.clone(),
            description: f.description.clone(),
            questions: f.questions.iter().map(Question::from).collect(),
            answers: f
                .answers
                .iter()
                .map(|a| (a.question, crate::convert::AnswerVal(a.answer.clone())))
                .collect(),
            due_date: f.due_date,
            sent_by: actor(&f.sent_by),
            sent_at: f.sent_at,
            submitted_at: f.submitted_at,
            updated_at: f.updated_at,
            status: f.status.as_str().into(),
        }
    }
}

record!(/// A program item: `kind` "goal", "assignment", "resource" or "form".
ProgramItem {
    /// This item's id.
    id: String,
    /// The id of the program the item belongs to.
    program_id: String,
    /// Its place in the program, from 0: the order the copies are made in.
    position: u32,
    /// What the item makes in a new engagement: "goal", "assignment" or "resource" (a library
    /// file or folder shared into it).
    kind: String,
    /// The goal's or assignment's name; None for a resource.
    name: Option<String>,
    /// The goal's or assignment's description; None: none, or a resource.
    description: Option<String>,
    /// Days after the engagement's start date that the goal or assignment is due; None: no due
    /// date, or a resource.
    due_after_days: Option<u32>,
    /// The id of the practice-library item to share; None for the other kinds.
    resource_id: Option<String>,
    /// The id of the form template to send; None for the other kinds.
    template_id: Option<String>,
} enums {});

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
            core::ProgramItemKind::Form { due_after_days, .. } => {
                ("form", None, None, *due_after_days, None)
            }
        };
        let template_id = match &i.item {
            core::ProgramItemKind::Form { template_id, .. } => Some(template_id.to_string()),
            _ => None,
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
            template_id,
        }
    }
}

record!(/// One Client To-Do.
Todo {
    /// The id of the goal, milestone or assignment.
    id: String,
    /// The id of the engagement it belongs to.
    engagement_id: String,
    /// The id of the engagement's client.
    client_id: String,
    /// The client's name.
    client_name: String,
    /// The goal's, milestone's or assignment's name.
    name: String,
    /// For a milestone, its goal's name; None otherwise.
    goal_name: Option<String>,
    /// The calendar date it is due; None: no due date (listed after the dated ones).
    due_date: Option<NaiveDate>,
    /// Whether it was due before today in the practice's time zone.
    overdue: bool,
} enums {
    /// Whether it is an Active goal, a milestone not yet done, or an Open assignment.
    kind: "_enums.TodoKind",
});

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
    /// Who to remind: the engagement's coach or its client.
    to: Actor,
    /// The name of the person to remind, for the message.
    to_name: String,
    /// The id of the session, goal, milestone or assignment.
    id: String,
    /// The id of the engagement the session or item belongs to.
    engagement_id: String,
    /// A session's program name (or "Session"), or the goal's, milestone's or assignment's
    /// name.
    title: String,
    /// When a session starts (aware datetime, UTC); None for the other kinds.
    starts_at: Option<DateTime<Utc>>,
    /// When a goal, milestone or assignment is due (a calendar date); None for a session.
    due_date: Option<NaiveDate>,
    /// Whether it was due before today in the practice's time zone (never a session).
    overdue: bool,
} enums {
    /// What the reminder is about: a session, a goal, a milestone or an assignment.
    kind: "_enums.DueKind",
});

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
    m.add_class::<OverviewPage>()?;
    m.add_class::<DayRange>()?;
    m.add_class::<WeeklyHours>()?;
    m.add_class::<DateOverride>()?;
    m.add_class::<Availability>()?;
    m.add_class::<BookingRules>()?;
    m.add_class::<EffectiveRules>()?;
    m.add_class::<Note>()?;
    m.add_class::<JournalEntry>()?;
    m.add_class::<Question>()?;
    m.add_class::<FormTemplate>()?;
    m.add_class::<Form>()?;
    m.add_class::<FieldDefinition>()?;
    m.add_class::<FieldWithValue>()?;
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
