//! The `Coaching` class: every operation of the library, with the GIL released around each
//! storage call.

use std::sync::RwLock;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use coaching_core as core;
use core::Actor as CoreActor;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::types::*;
use crate::{enum_arg, err, id, instant, invalid, opt_id, opt_instant, Count, Real};

/// A handle on a store (an SQLite file or memory). Thread-safe; usable as a context manager
/// (leaving the `with` block closes it).
#[pyclass(frozen, module = "coaching")]
pub struct Coaching {
    lib: RwLock<Option<core::Coaching>>,
    path: Option<String>,
}

/// A clock that moves only when told to: `coaching.in_memory(clock=ManualClock(start))` puts a
/// library on it, so that a host's tests control "now" (`set`, `advance`).
#[pyclass(module = "coaching", frozen)]
pub struct ManualClock(core::ManualClock);

#[pymethods]
impl ManualClock {
    #[new]
    fn new(start: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(ManualClock(core::ManualClock::new(instant(
            start, "start",
        )?)))
    }

    /// Moves the clock to `at` (an aware datetime; backwards is allowed).
    fn set(&self, at: &Bound<'_, PyAny>) -> PyResult<()> {
        self.0.set(instant(at, "at")?);
        Ok(())
    }

    /// Moves the clock forward by `by` (a `datetime.timedelta`).
    fn advance(&self, by: TimeDelta) {
        self.0.advance(by)
    }

    /// The clock's time, as an aware datetime in UTC.
    fn now(&self) -> DateTime<Utc> {
        core::Clock::now(&self.0)
    }

    fn __repr__(&self) -> String {
        format!("ManualClock({})", core::Clock::now(&self.0).to_rfc3339())
    }
}

/// Opens (or creates) the SQLite file at `path`, on the system clock or on `clock`.
#[pyfunction]
#[pyo3(signature = (path, *, clock=None))]
pub fn open(
    py: Python<'_>,
    path: std::path::PathBuf,
    clock: Option<&Bound<'_, ManualClock>>,
) -> PyResult<Coaching> {
    let shown = path.display().to_string();
    let clock = clock.map(|c| c.get().0.clone());
    let lib = py
        .detach(move || {
            let store = core::SqliteStore::open(&path)?;
            Ok::<_, core::Error>(match clock {
                Some(c) => core::Coaching::with_clock(store, c),
                None => core::Coaching::new(store),
            })
        })
        .map_err(err)?;
    Ok(Coaching {
        lib: RwLock::new(Some(lib)),
        path: Some(shown),
    })
}

/// A store in memory, gone when closed; on the system clock or on `clock`.
#[pyfunction]
#[pyo3(signature = (*, clock=None))]
pub fn in_memory(clock: Option<&Bound<'_, ManualClock>>) -> Coaching {
    let lib = match clock {
        Some(c) => core::Coaching::with_clock(core::MemoryStore::new(), c.get().0.clone()),
        None => core::Coaching::in_memory(),
    };
    Coaching {
        lib: RwLock::new(Some(lib)),
        path: None,
    }
}

fn planned(sessions: Option<u32>, hours: Option<f64>) -> PyResult<Option<core::Planned>> {
    match (sessions, hours) {
        (Some(_), Some(_)) => Err(invalid(
            "planned",
            "give planned_sessions or planned_hours, not both",
        )),
        (Some(s), None) => Ok(Some(core::Planned::sessions(s))),
        (None, Some(h)) => core::Planned::from_hours(h).map(Some).map_err(err),
        (None, None) => Ok(None),
    }
}

fn minutes(d: Option<TimeDelta>, field: &str) -> PyResult<Option<u32>> {
    d.map(|d| {
        u32::try_from(d.num_minutes()).map_err(|_| invalid(field, "must be a positive duration"))
    })
    .transpose()
}

const STATUSES: [(&str, core::Status); 4] = [
    ("draft", core::Status::Draft),
    ("active", core::Status::Active),
    ("inactive", core::Status::Inactive),
    ("completed", core::Status::Completed),
];

/// The changes of an `update_*` call: only the given keys change; `None` clears a field.
struct Changes<'py> {
    dict: Option<Bound<'py, PyDict>>,
}

impl<'py> Changes<'py> {
    fn new(dict: Option<Bound<'py, PyDict>>, allowed: &[&str]) -> PyResult<Self> {
        if let Some(d) = &dict {
            for k in d.keys() {
                let k: String = k.extract()?;
                if !allowed.contains(&k.as_str()) {
                    return Err(PyTypeError::new_err(format!(
                        "unexpected change `{k}`; allowed: {}",
                        allowed.join(", ")
                    )));
                }
            }
        }
        Ok(Changes { dict })
    }
    /// `None` if the key is absent, `Some(None)` if given as None, `Some(Some(v))` otherwise.
    fn get<T: for<'a> FromPyObject<'a, 'py>>(&self, key: &str) -> PyResult<Option<Option<T>>> {
        let Some(d) = &self.dict else { return Ok(None) };
        match d.get_item(key)? {
            None => Ok(None),
            Some(v) if v.is_none() => Ok(Some(None)),
            Some(v) => v.extract::<T>().map(|t| Some(Some(t))).map_err(|e| {
                let e: PyErr = e.into();
                // Only a wrong type is re-worded (with the key); any other error — a string a
                // Python str cannot encode (`UnicodeEncodeError`), a number out of range —
                // is the same error the same value gives as an argument of any other call.
                if e.is_instance_of::<PyTypeError>(v.py()) {
                    PyTypeError::new_err(format!("{key}: {e}"))
                } else {
                    crate::out_of_range(v.py(), e, u32::MAX as u128)
                }
            }),
        }
    }
    /// A change that cannot be cleared.
    fn set<T: for<'a> FromPyObject<'a, 'py>>(&self, key: &str) -> PyResult<Option<T>> {
        match self.get::<T>(key)? {
            Some(None) => Err(invalid(key, "cannot be cleared")),
            Some(Some(v)) => Ok(Some(v)),
            None => Ok(None),
        }
    }
}

impl Coaching {
    fn lib(&self) -> PyResult<core::Coaching> {
        self.lib
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                err(core::Error::Storage {
                    message: "the store is closed".into(),
                })
            })
    }

    /// Runs `f` on the library with the GIL released.
    fn run<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&core::Coaching) -> core::Result<T> + Send,
    ) -> PyResult<T> {
        let lib = self.lib()?;
        py.detach(move || f(&lib)).map_err(err)
    }

    fn overview_of(
        &self,
        py: Python<'_>,
        a: CoreActor,
        e: core::EngagementId,
    ) -> PyResult<Engagement> {
        self.run(py, move |l| l.engagement(a, e))
            .map(|x| Engagement::from(&x))
    }
}

#[pymethods]
impl Coaching {
    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __exit__(
        &self,
        _t: Option<&Bound<'_, PyAny>>,
        _v: Option<&Bound<'_, PyAny>>,
        _tb: Option<&Bound<'_, PyAny>>,
    ) -> bool {
        self.close();
        false
    }

    /// Releases the store (the file is checkpointed and closed once no call is running).
    fn close(&self) {
        self.lib.write().unwrap_or_else(|p| p.into_inner()).take();
    }

    fn __repr__(&self) -> String {
        match &self.path {
            Some(p) => format!("coaching.open({p:?})"),
            None => "coaching.in_memory()".into(),
        }
    }

    /// The library clock's current time, as an aware datetime in UTC.
    fn now(&self) -> PyResult<DateTime<Utc>> {
        Ok(self.lib()?.now())
    }

    /// Runs `body(lib)` as one transaction and returns what it returns: every call it makes on
    /// `lib` (on this thread) keeps its rules and its own atomicity — a refused call changes
    /// nothing, and `body` may catch the error and carry on — and all of them commit together
    /// when `body` returns. If `body` raises, everything is rolled back and the exception
    /// propagates. Other threads' writes wait for the batch.
    fn batch(slf: &Bound<'_, Self>, body: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let lib = slf.get().lib()?;
        let this = slf.clone().unbind();
        let body = body.clone().unbind();
        let mut raised: Option<PyErr> = None;
        let result = py.detach(|| {
            lib.batch(|_| {
                Python::attach(|py| body.call1(py, (this.clone_ref(py),))).map_err(|e| {
                    raised = Some(e);
                    core::Error::Storage {
                        message: "the batch body raised: rolled back".into(),
                    }
                })
            })
        });
        match (result, raised) {
            (Err(_), Some(e)) => Err(e),
            (r, _) => r.map_err(err),
        }
    }

    /// The largest file uploads accept, in bytes.
    #[getter]
    fn max_file_bytes(&self) -> PyResult<u64> {
        Ok(self.lib()?.max_file_bytes())
    }

    #[setter]
    fn set_max_file_bytes(&self, limit: Count<u64>) -> PyResult<()> {
        self.lib()?.set_max_file_bytes(limit.0);
        Ok(())
    }

    // ------------------------------------------------------------ practices and people

    /// Signs a practice up with its owner; returns `(practice, owner)`.
    #[pyo3(signature = (name, *, owner_name, plan, time_zone="UTC", owner_email=None))]
    fn create_practice(
        &self,
        py: Python<'_>,
        name: String,
        owner_name: String,
        plan: Plan,
        time_zone: &str,
        owner_email: Option<String>,
    ) -> PyResult<(Practice, Coach)> {
        let plan = plan.core();
        let time_zone = time_zone.to_string();
        let (p, o) = self.run(py, move |l| {
            l.create_practice(core::NewPractice {
                name,
                time_zone,
                plan,
                owner_name,
                owner_email,
            })
        })?;
        Ok((Practice::from(&p), Coach::from(&o)))
    }

    fn practice(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
    ) -> PyResult<Practice> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| l.practice(a, p))
            .map(|x| Practice::from(&x))
    }

    fn change_plan(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        plan: Plan,
    ) -> PyResult<Practice> {
        let (a, p, plan) = (actor_arg(actor)?, id(practice_id)?, plan.core());
        self.run(py, move |l| l.change_plan(a, p, plan))
            .map(|x| Practice::from(&x))
    }

    #[pyo3(signature = (actor, practice_id, name, *, email=None))]
    fn add_coach(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        name: String,
        email: Option<String>,
    ) -> PyResult<Coach> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| {
            l.add_coach(a, p, core::NewCoach { name, email })
        })
        .map(|x| Coach::from(&x))
    }

    fn coaches(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
    ) -> PyResult<Vec<Coach>> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| l.coaches(a, p))
            .map(|v| v.iter().map(Coach::from).collect())
    }

    #[pyo3(signature = (actor, practice_id, name, *, email=None, has_portal=false))]
    fn add_client(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        name: String,
        email: Option<String>,
        has_portal: bool,
    ) -> PyResult<Client> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| {
            l.add_client(
                a,
                p,
                core::NewClient {
                    name,
                    email,
                    has_portal,
                },
            )
        })
        .map(|x| Client::from(&x))
    }

    /// Changes a client: `name`, `email` (None removes it), `has_portal`.
    #[pyo3(signature = (actor, client_id, **changes))]
    fn update_client(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        client_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Client> {
        let c = Changes::new(changes, &["name", "email", "has_portal"])?;
        let u = core::ClientUpdate {
            name: c.set("name")?,
            email: c.get("email")?,
            has_portal: c.set("has_portal")?,
        };
        let (a, cid) = (actor_arg(actor)?, id(client_id)?);
        self.run(py, move |l| l.update_client(a, cid, u))
            .map(|x| Client::from(&x))
    }

    fn client(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        client_id: &str,
    ) -> PyResult<Client> {
        let (a, c) = (actor_arg(actor)?, id(client_id)?);
        self.run(py, move |l| l.client(a, c))
            .map(|x| Client::from(&x))
    }

    fn clients(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
    ) -> PyResult<Vec<Client>> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| l.clients(a, p))
            .map(|v| v.iter().map(Client::from).collect())
    }

    /// Creates a program of `planned_sessions` sessions, or `planned_hours` hours.
    #[pyo3(signature = (actor, practice_id, name, *, planned_sessions=None, planned_hours=None, session_minutes=Count(60), no_show_counts=true, late_cancel_window=None))]
    #[pyo3(
        text_signature = "($self, actor, practice_id, name, *, planned_sessions=None, planned_hours=None, session_minutes=60, no_show_counts=True, late_cancel_window=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn create_program(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        name: String,
        planned_sessions: Option<Count<u32>>,
        planned_hours: Option<Real>,
        session_minutes: Count<u32>,
        no_show_counts: bool,
        late_cancel_window: Option<TimeDelta>,
    ) -> PyResult<Program> {
        let planned = planned(planned_sessions.map(|c| c.0), planned_hours.map(|r| r.0))?
            .ok_or_else(|| invalid("planned", "give planned_sessions or planned_hours"))?;
        let late = minutes(late_cancel_window, "late_cancel_window")?;
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        let new = core::NewProgram {
            name,
            planned,
            session_minutes: session_minutes.0,
            no_show_counts,
            late_cancel_window_minutes: late,
        };
        self.run(py, move |l| l.create_program(a, p, new))
            .map(|x| Program::from(&x))
    }

    /// Changes a program: `name`, `planned_sessions` / `planned_hours`, `session_minutes`,
    /// `no_show_counts`, `late_cancel_window` (None removes it).
    #[pyo3(signature = (actor, program_id, **changes))]
    fn update_program(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Program> {
        let c = Changes::new(
            changes,
            &[
                "name",
                "planned_sessions",
                "planned_hours",
                "session_minutes",
                "no_show_counts",
                "late_cancel_window",
            ],
        )?;
        let late: Option<Option<TimeDelta>> = c.get("late_cancel_window")?;
        let u = core::ProgramUpdate {
            name: c.set("name")?,
            planned: planned(c.set("planned_sessions")?, c.set("planned_hours")?)?,
            session_minutes: c.set("session_minutes")?,
            no_show_counts: c.set("no_show_counts")?,
            late_cancel_window_minutes: late
                .map(|d| minutes(d, "late_cancel_window"))
                .transpose()?,
        };
        let (a, p) = (actor_arg(actor)?, id(program_id)?);
        self.run(py, move |l| l.update_program(a, p, u))
            .map(|x| Program::from(&x))
    }

    fn program(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
    ) -> PyResult<Program> {
        let (a, p) = (actor_arg(actor)?, id(program_id)?);
        self.run(py, move |l| l.program(a, p))
            .map(|x| Program::from(&x))
    }

    fn programs(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
    ) -> PyResult<Vec<Program>> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| l.programs(a, p))
            .map(|v| v.iter().map(Program::from).collect())
    }

    // ------------------------------------------------------------ engagements

    /// Creates a Draft engagement, from a program or ad hoc.
    #[pyo3(signature = (actor, practice_id, *, program_id=None, coach_id=None, client_id=None, program_name=None, planned_sessions=None, planned_hours=None, start_date=None, end_date=None))]
    #[allow(clippy::too_many_arguments)]
    fn create_engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        program_id: Option<&str>,
        coach_id: Option<&str>,
        client_id: Option<&str>,
        program_name: Option<String>,
        planned_sessions: Option<Count<u32>>,
        planned_hours: Option<Real>,
        start_date: Option<NaiveDate>,
        end_date: Option<NaiveDate>,
    ) -> PyResult<Engagement> {
        let a = actor_arg(actor)?;
        let new = core::NewEngagement {
            program_id: opt_id(program_id)?,
            coach_id: opt_id(coach_id)?,
            client_id: opt_id(client_id)?,
            program_name,
            planned: planned(planned_sessions.map(|c| c.0), planned_hours.map(|r| r.0))?,
            start_date,
            end_date,
        };
        let p = id(practice_id)?;
        let e = self.run(py, move |l| l.create_engagement(a, p, new))?;
        self.overview_of(py, a, e.id)
    }

    /// Edits an engagement: `client_id` (while Draft), `program_name`, `start_date`,
    /// `end_date`, `session_minutes`, `no_show_counts`, `late_cancel_window`; None clears.
    #[pyo3(signature = (actor, engagement_id, **changes))]
    fn update_engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Engagement> {
        let c = Changes::new(
            changes,
            &[
                "client_id",
                "program_name",
                "start_date",
                "end_date",
                "session_minutes",
                "no_show_counts",
                "late_cancel_window",
            ],
        )?;
        let client: Option<String> = c.set("client_id")?;
        let late: Option<Option<TimeDelta>> = c.get("late_cancel_window")?;
        let u = core::EngagementUpdate {
            client_id: opt_id(client.as_deref())?,
            program_name: c.get("program_name")?,
            start_date: c.get("start_date")?,
            end_date: c.get("end_date")?,
            session_minutes: c.set("session_minutes")?,
            no_show_counts: c.set("no_show_counts")?,
            late_cancel_window_minutes: late
                .map(|d| minutes(d, "late_cancel_window"))
                .transpose()?,
        };
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.update_engagement(a, e, u))?;
        self.overview_of(py, a, e)
    }

    /// Sets the planned total of one engagement.
    #[pyo3(signature = (actor, engagement_id, *, sessions=None, hours=None))]
    fn set_planned(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        sessions: Option<Count<u32>>,
        hours: Option<Real>,
    ) -> PyResult<Engagement> {
        let p = planned(sessions.map(|c| c.0), hours.map(|r| r.0))?
            .ok_or_else(|| invalid("planned", "give sessions or hours"))?;
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.set_planned(a, e, p))?;
        self.overview_of(py, a, e)
    }

    /// Moves an engagement to `status` by the status table; `reason` is logged.
    #[pyo3(signature = (actor, engagement_id, status, *, reason=None))]
    fn set_status(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        status: &str,
        reason: Option<String>,
    ) -> PyResult<Engagement> {
        let to = enum_arg(status, &STATUSES, "status")?;
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.set_status(a, e, to, reason.as_deref()))?;
        self.overview_of(py, a, e)
    }

    fn activate(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Engagement> {
        self.set_status(py, actor, engagement_id, "active", None)
    }

    fn deactivate(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Engagement> {
        self.set_status(py, actor, engagement_id, "inactive", None)
    }

    #[pyo3(signature = (actor, engagement_id, *, reason=None))]
    fn complete(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        reason: Option<String>,
    ) -> PyResult<Engagement> {
        self.set_status(py, actor, engagement_id, "completed", reason)
    }

    fn reassign(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        coach_id: &str,
    ) -> PyResult<Engagement> {
        let (a, e, c) = (actor_arg(actor)?, id(engagement_id)?, id(coach_id)?);
        self.run(py, move |l| l.reassign(a, e, c))?;
        self.overview_of(py, a, e)
    }

    fn delete_engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<()> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.delete_engagement(a, e))
    }

    fn engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Engagement> {
        self.overview_of(py, actor_arg(actor)?, id(engagement_id)?)
    }

    fn overview_for_coach(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        coach_id: &str,
    ) -> PyResult<Vec<Engagement>> {
        let (a, c) = (actor_arg(actor)?, id(coach_id)?);
        self.run(py, move |l| l.overview_for_coach(a, c))
            .map(|v| v.iter().map(Engagement::from).collect())
    }

    fn overview_for_client(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        client_id: &str,
    ) -> PyResult<Vec<Engagement>> {
        let (a, c) = (actor_arg(actor)?, id(client_id)?);
        self.run(py, move |l| l.overview_for_client(a, c))
            .map(|v| v.iter().map(Engagement::from).collect())
    }

    fn overview_for_practice(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
    ) -> PyResult<Vec<Engagement>> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| l.overview_for_practice(a, p))
            .map(|v| v.iter().map(Engagement::from).collect())
    }

    #[pyo3(signature = (actor, engagement_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, engagement_id, *, offset=0, limit=50)")]
    fn activity(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<LogEntry>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| {
            l.activity(a, e, core::Page::new(offset.0, limit.0))
        })
        .map(|v| v.iter().map(LogEntry::from).collect())
    }

    #[pyo3(signature = (actor, practice_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, practice_id, *, offset=0, limit=50)")]
    fn practice_activity(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<LogEntry>> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| {
            l.practice_activity(a, p, core::Page::new(offset.0, limit.0))
        })
        .map(|v| v.iter().map(LogEntry::from).collect())
    }

    // ------------------------------------------------------------ sessions

    /// Books a session; `end` defaults to the engagement's session length, `time_zone` to
    /// the practice's.
    #[pyo3(signature = (actor, engagement_id, start, location, *, end=None, time_zone=None))]
    #[allow(clippy::too_many_arguments)]
    fn book_session(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        start: &Bound<'_, PyAny>,
        location: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
        time_zone: Option<String>,
    ) -> PyResult<Session> {
        let new = core::NewSession {
            start: instant(start, "start")?,
            end: opt_instant(end, "end")?,
            time_zone,
            location: location_arg(location)?,
        };
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.book_session(a, e, new))
            .map(|x| Session::from(&x))
    }

    /// Books a series every `every_weeks` weeks: `count` sessions or `until` a date.
    #[pyo3(signature = (actor, engagement_id, start, location, *, every_weeks=Count(1), count=None, until=None, end=None, time_zone=None))]
    #[pyo3(
        text_signature = "($self, actor, engagement_id, start, location, *, every_weeks=1, count=None, until=None, end=None, time_zone=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn book_series(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        start: &Bound<'_, PyAny>,
        location: &Bound<'_, PyAny>,
        every_weeks: Count<u32>,
        count: Option<Count<u32>>,
        until: Option<NaiveDate>,
        end: Option<&Bound<'_, PyAny>>,
        time_zone: Option<String>,
    ) -> PyResult<Vec<Session>> {
        let stop = match (count, until) {
            (Some(n), None) => core::SeriesEnd::Count(n.0),
            (None, Some(d)) => core::SeriesEnd::Until(d),
            _ => return Err(invalid("recurrence", "give count or until")),
        };
        let new = core::NewSession {
            start: instant(start, "start")?,
            end: opt_instant(end, "end")?,
            time_zone,
            location: location_arg(location)?,
        };
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        let rec = core::Recurrence {
            every_weeks: every_weeks.0,
            end: stop,
        };
        self.run(py, move |l| l.book_series(a, e, new, rec))
            .map(|v| v.iter().map(Session::from).collect())
    }

    fn session(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        session_id: &str,
    ) -> PyResult<Session> {
        let (a, s) = (actor_arg(actor)?, id(session_id)?);
        self.run(py, move |l| l.session(a, s))
            .map(|x| Session::from(&x))
    }

    #[pyo3(signature = (actor, session_id, start, *, end=None))]
    fn reschedule_session(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        session_id: &str,
        start: &Bound<'_, PyAny>,
        end: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Session> {
        let (a, s, st, en) = (
            actor_arg(actor)?,
            id(session_id)?,
            instant(start, "start")?,
            opt_instant(end, "end")?,
        );
        self.run(py, move |l| l.reschedule_session(a, s, st, en))
            .map(|x| Session::from(&x))
    }

    fn set_session_location(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        session_id: &str,
        location: &Bound<'_, PyAny>,
    ) -> PyResult<Session> {
        let (a, s, loc) = (actor_arg(actor)?, id(session_id)?, location_arg(location)?);
        self.run(py, move |l| l.set_session_location(a, s, loc))
            .map(|x| Session::from(&x))
    }

    #[pyo3(signature = (actor, session_id, *, reason=None))]
    fn cancel_session(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        session_id: &str,
        reason: Option<String>,
    ) -> PyResult<Session> {
        let (a, s) = (actor_arg(actor)?, id(session_id)?);
        self.run(py, move |l| l.cancel_session(a, s, reason.as_deref()))
            .map(|x| Session::from(&x))
    }

    fn complete_session(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        session_id: &str,
    ) -> PyResult<Session> {
        let (a, s) = (actor_arg(actor)?, id(session_id)?);
        self.run(py, move |l| l.complete_session(a, s))
            .map(|x| Session::from(&x))
    }

    fn mark_no_show(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        session_id: &str,
    ) -> PyResult<Session> {
        let (a, s) = (actor_arg(actor)?, id(session_id)?);
        self.run(py, move |l| l.mark_no_show(a, s))
            .map(|x| Session::from(&x))
    }

    #[pyo3(signature = (actor, engagement_id, range="upcoming", *, offset=Count(0), limit=Count(50)))]
    #[pyo3(
        text_signature = "($self, actor, engagement_id, range='upcoming', *, offset=0, limit=50)"
    )]
    fn sessions(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        range: &str,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<Session>> {
        let r = enum_arg(
            range,
            &[
                ("upcoming", core::SessionRange::Upcoming),
                ("past", core::SessionRange::Past),
            ],
            "range",
        )?;
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| {
            l.sessions(a, e, r, core::Page::new(offset.0, limit.0))
        })
        .map(|v| v.iter().map(Session::from).collect())
    }

    fn upcoming_sessions_for_coach(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        coach_id: &str,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<SessionLine>> {
        let (a, c, f, t) = (
            actor_arg(actor)?,
            id(coach_id)?,
            instant(start, "start")?,
            instant(end, "end")?,
        );
        self.run(py, move |l| l.upcoming_sessions_for_coach(a, c, f, t))
            .map(|v| v.iter().map(SessionLine::from).collect())
    }

    fn upcoming_sessions_for_client(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        client_id: &str,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<SessionLine>> {
        let (a, c, f, t) = (
            actor_arg(actor)?,
            id(client_id)?,
            instant(start, "start")?,
            instant(end, "end")?,
        );
        self.run(py, move |l| l.upcoming_sessions_for_client(a, c, f, t))
            .map(|v| v.iter().map(SessionLine::from).collect())
    }

    fn export_ics_for_coach(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        coach_id: &str,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
    ) -> PyResult<String> {
        let (a, c, f, t) = (
            actor_arg(actor)?,
            id(coach_id)?,
            instant(start, "start")?,
            instant(end, "end")?,
        );
        self.run(py, move |l| l.export_ics_for_coach(a, c, f, t))
    }

    fn export_ics_for_engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<String> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.export_ics_for_engagement(a, e))
    }

    // ------------------------------------------------------------ notes

    #[pyo3(signature = (actor, engagement_id, title="", *, body_html="", template_id=None))]
    fn create_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        title: &str,
        body_html: &str,
        template_id: Option<&str>,
    ) -> PyResult<Note> {
        let new = core::NewNote {
            title: title.into(),
            body_html: body_html.into(),
            template: opt_id(template_id)?,
        };
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.create_note(a, e, new))
            .map(|x| Note::from(&x))
    }

    /// Edits a note: `title`, `body_html`.
    #[pyo3(signature = (actor, note_id, **changes))]
    fn update_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Note> {
        let c = Changes::new(changes, &["title", "body_html"])?;
        let u = core::NoteUpdate {
            title: c.set("title")?,
            body_html: c.set("body_html")?,
        };
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.update_note(a, n, u))
            .map(|x| Note::from(&x))
    }

    #[pyo3(signature = (actor, note_id, shared=true))]
    fn share_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
        shared: bool,
    ) -> PyResult<Note> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.set_note_shared(a, n, shared))
            .map(|x| Note::from(&x))
    }

    fn unshare_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
    ) -> PyResult<Note> {
        self.share_note(py, actor, note_id, false)
    }

    fn move_note(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        note_id: &str,
        index: Count<u32>,
    ) -> PyResult<Vec<Note>> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.move_note(a, n, index.0))
            .map(|v| v.iter().map(Note::from).collect())
    }

    fn delete_note(&self, py: Python<'_>, actor: &Bound<'_, PyAny>, note_id: &str) -> PyResult<()> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.delete_note(a, n))
    }

    fn note(&self, py: Python<'_>, actor: &Bound<'_, PyAny>, note_id: &str) -> PyResult<Note> {
        let (a, n) = (actor_arg(actor)?, id(note_id)?);
        self.run(py, move |l| l.note(a, n)).map(|x| Note::from(&x))
    }

    fn notes(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<Note>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.notes(a, e))
            .map(|v| v.iter().map(Note::from).collect())
    }

    /// Searches notes in `scope` ("engagement", "client" or "practice", with `scope_id`).
    #[pyo3(signature = (actor, scope, scope_id, keywords=None, *, edited_from=None, edited_to=None, offset=Count(0), limit=Count(50)))]
    #[pyo3(
        text_signature = "($self, actor, scope, scope_id, keywords=None, *, edited_from=None, edited_to=None, offset=0, limit=50)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn search_notes(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        scope: &str,
        scope_id: &str,
        keywords: Option<String>,
        edited_from: Option<&Bound<'_, PyAny>>,
        edited_to: Option<&Bound<'_, PyAny>>,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<NoteHit>> {
        let s = match scope {
            "engagement" => core::NoteScope::Engagement(id(scope_id)?),
            "client" => core::NoteScope::Client(id(scope_id)?),
            "practice" => core::NoteScope::Practice(id(scope_id)?),
            other => {
                return Err(invalid(
                    "scope",
                    format!("`{other}` is not engagement, client or practice"),
                ))
            }
        };
        let q = core::NoteQuery {
            keywords,
            edited_from: opt_instant(edited_from, "edited_from")?,
            edited_to: opt_instant(edited_to, "edited_to")?,
            page: core::Page::new(offset.0, limit.0),
        };
        let a = actor_arg(actor)?;
        self.run(py, move |l| l.search_notes(a, s, q))
            .map(|v| v.iter().map(NoteHit::from).collect())
    }

    #[pyo3(signature = (actor, client_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, client_id, *, offset=0, limit=50)")]
    fn client_notes(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        client_id: &str,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<Note>> {
        let (a, c) = (actor_arg(actor)?, id(client_id)?);
        self.run(py, move |l| {
            l.client_notes(a, c, core::Page::new(offset.0, limit.0))
        })
        .map(|v| v.iter().map(Note::from).collect())
    }

    // ------------------------------------------------------------ goals

    #[pyo3(signature = (actor, engagement_id, name, *, description=None, due_date=None))]
    fn create_goal(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        name: String,
        description: Option<String>,
        due_date: Option<NaiveDate>,
    ) -> PyResult<Goal> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| {
            l.create_goal(
                a,
                e,
                core::NewGoal {
                    name,
                    description,
                    due_date,
                },
            )
        })
        .map(|g| Goal::of(&g, &[]))
    }

    /// Edits a goal: `name`, `description`, `due_date` (None clears).
    #[pyo3(signature = (actor, goal_id, **changes))]
    fn update_goal(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        goal_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Goal> {
        let c = Changes::new(changes, &["name", "description", "due_date"])?;
        let u = core::GoalInput {
            name: c.set("name")?,
            description: c.get("description")?,
            due_date: c.get("due_date")?,
        };
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.update_goal(a, g, u))
            .map(|g| Goal::of(&g, &[]))
    }

    fn set_goal_status(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        goal_id: &str,
        status: &str,
    ) -> PyResult<Goal> {
        let st = enum_arg(
            status,
            &[
                ("active", core::GoalStatus::Active),
                ("completed", core::GoalStatus::Completed),
            ],
            "status",
        )?;
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.set_goal_status(a, g, st))
            .map(|g| Goal::of(&g, &[]))
    }

    fn delete_goal(&self, py: Python<'_>, actor: &Bound<'_, PyAny>, goal_id: &str) -> PyResult<()> {
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.delete_goal(a, g))
    }

    fn goals(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<Goal>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.goals(a, e))
            .map(|v| v.iter().map(|g| Goal::of(&g.goal, &g.milestones)).collect())
    }

    #[pyo3(signature = (actor, goal_id, name, *, due_date=None))]
    fn add_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        goal_id: &str,
        name: String,
        due_date: Option<NaiveDate>,
    ) -> PyResult<Milestone> {
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.add_milestone(a, g, &name, due_date))
            .map(|x| Milestone::from(&x))
    }

    /// Edits a milestone: `name`, `due_date` (None clears).
    #[pyo3(signature = (actor, milestone_id, **changes))]
    fn update_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Milestone> {
        let c = Changes::new(changes, &["name", "due_date"])?;
        let u = core::GoalInput {
            name: c.set("name")?,
            description: None,
            due_date: c.get("due_date")?,
        };
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.update_milestone(a, m, u))
            .map(|x| Milestone::from(&x))
    }

    #[pyo3(signature = (actor, milestone_id, done=true))]
    fn set_milestone_done(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
        done: bool,
    ) -> PyResult<Milestone> {
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.set_milestone_done(a, m, done))
            .map(|x| Milestone::from(&x))
    }

    fn move_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
        index: Count<u32>,
    ) -> PyResult<Vec<Milestone>> {
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.move_milestone(a, m, index.0))
            .map(|v| v.iter().map(Milestone::from).collect())
    }

    fn delete_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
    ) -> PyResult<()> {
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.delete_milestone(a, m))
    }

    // ------------------------------------------------------------ assignments

    #[pyo3(signature = (actor, engagement_id, name, *, description=None, due_date=None))]
    fn create_assignment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        name: String,
        description: Option<String>,
        due_date: Option<NaiveDate>,
    ) -> PyResult<Assignment> {
        let input = core::AssignmentInput {
            name: Some(name),
            description: Some(description),
            due_date: Some(due_date),
        };
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.create_assignment(a, e, input))
            .map(|x| Assignment::of(&x, &[]))
    }

    /// Edits an assignment: `name`, `description`, `due_date` (None clears).
    #[pyo3(signature = (actor, assignment_id, **changes))]
    fn update_assignment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Assignment> {
        let c = Changes::new(changes, &["name", "description", "due_date"])?;
        let u = core::AssignmentInput {
            name: c.set("name")?,
            description: c.get("description")?,
            due_date: c.get("due_date")?,
        };
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| l.update_assignment(a, x, u))
            .map(|x| Assignment::of(&x, &[]))
    }

    fn set_assignment_status(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
        status: &str,
    ) -> PyResult<Assignment> {
        let st = enum_arg(
            status,
            &[
                ("open", core::AssignmentStatus::Open),
                ("completed", core::AssignmentStatus::Completed),
            ],
            "status",
        )?;
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| l.set_assignment_status(a, x, st))
            .map(|x| Assignment::of(&x, &[]))
    }

    fn delete_assignment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
    ) -> PyResult<()> {
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| l.delete_assignment(a, x))
    }

    /// Attaches a library file (`resource_id`) or a new upload (`name` + `data`) to an
    /// assignment, with an optional `message` for the client.
    #[pyo3(signature = (actor, assignment_id, *, resource_id=None, name=None, data=None, media_type="", message=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_assignment_file(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        assignment_id: &str,
        resource_id: Option<&str>,
        name: Option<String>,
        data: Option<Vec<u8>>,
        media_type: &str,
        message: Option<String>,
    ) -> PyResult<AssignmentFile> {
        let source = match (resource_id, name, data) {
            (Some(r), None, None) => core::AssignmentFileSource::Library(id(r)?),
            (None, Some(name), Some(bytes)) => {
                core::AssignmentFileSource::Upload(core::NewResource::File(core::NewFile {
                    name,
                    media_type: media_type.into(),
                    bytes,
                }))
            }
            _ => return Err(invalid("file", "give resource_id, or name and data")),
        };
        let (a, x) = (actor_arg(actor)?, id(assignment_id)?);
        self.run(py, move |l| {
            l.add_assignment_file(a, x, source, message.as_deref())
        })
        .map(|x| AssignmentFile::from(&x))
    }

    fn remove_assignment_file(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        file_id: &str,
    ) -> PyResult<()> {
        let (a, f) = (actor_arg(actor)?, id(file_id)?);
        self.run(py, move |l| l.remove_assignment_file(a, f))
    }

    fn assignments(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<Assignment>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.assignments(a, e)).map(|v| {
            v.iter()
                .map(|x| Assignment::of(&x.assignment, &x.files))
                .collect()
        })
    }

    // ------------------------------------------------------------ resources

    /// Adds to the practice library: a file (`data`), a link (`url`) or, with neither, a folder.
    #[pyo3(signature = (actor, practice_id, name, *, data=None, media_type="", url=None, parent_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_to_library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        name: String,
        data: Option<Vec<u8>>,
        media_type: &str,
        url: Option<String>,
        parent_id: Option<&str>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let (a, p, parent) = (actor_arg(actor)?, id(practice_id)?, opt_id(parent_id)?);
        self.run(py, move |l| l.add_to_library(a, p, parent, new))
            .map(|x| Resource::from(&x))
    }

    #[pyo3(signature = (actor, practice_id, parent_id=None))]
    fn library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
        parent_id: Option<&str>,
    ) -> PyResult<Vec<Resource>> {
        let (a, p, parent) = (actor_arg(actor)?, id(practice_id)?, opt_id(parent_id)?);
        self.run(py, move |l| l.library(a, p, parent))
            .map(|v| v.iter().map(Resource::from).collect())
    }

    #[pyo3(signature = (actor, name, *, data=None, media_type="", url=None, parent_id=None))]
    fn add_to_client_library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        name: String,
        data: Option<Vec<u8>>,
        media_type: &str,
        url: Option<String>,
        parent_id: Option<&str>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let (a, parent) = (actor_arg(actor)?, opt_id(parent_id)?);
        self.run(py, move |l| l.add_to_client_library(a, parent, new))
            .map(|x| Resource::from(&x))
    }

    #[pyo3(signature = (actor, parent_id=None))]
    fn client_library(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        parent_id: Option<&str>,
    ) -> PyResult<Vec<Resource>> {
        let (a, parent) = (actor_arg(actor)?, opt_id(parent_id)?);
        self.run(py, move |l| l.client_library(a, parent))
            .map(|v| v.iter().map(Resource::from).collect())
    }

    fn share_resource(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        resource_id: &str,
    ) -> PyResult<()> {
        let (a, e, r) = (actor_arg(actor)?, id(engagement_id)?, id(resource_id)?);
        self.run(py, move |l| l.share_resource(a, e, r))
    }

    fn unshare_resource(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        resource_id: &str,
    ) -> PyResult<()> {
        let (a, e, r) = (actor_arg(actor)?, id(engagement_id)?, id(resource_id)?);
        self.run(py, move |l| l.unshare_resource(a, e, r))
    }

    /// Uploads a file (`data`) or link (`url`) into an engagement.
    #[pyo3(signature = (actor, engagement_id, name, *, data=None, media_type="", url=None))]
    fn upload_to_engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        name: String,
        data: Option<Vec<u8>>,
        media_type: &str,
        url: Option<String>,
    ) -> PyResult<Resource> {
        let new = new_resource(name, data, media_type, url)?;
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.upload_to_engagement(a, e, new))
            .map(|x| Resource::from(&x))
    }

    fn share_with_coach(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        resource_id: &str,
    ) -> PyResult<Resource> {
        let (a, r) = (actor_arg(actor)?, id(resource_id)?);
        self.run(py, move |l| l.share_with_coach(a, r))
            .map(|x| Resource::from(&x))
    }

    fn engagement_resources(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<EngagementResource>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.engagement_resources(a, e))
            .map(|v| v.iter().map(EngagementResource::from).collect())
    }

    fn engagement_folder(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        folder_id: &str,
    ) -> PyResult<Vec<Resource>> {
        let (a, e, f) = (actor_arg(actor)?, id(engagement_id)?, id(folder_id)?);
        self.run(py, move |l| l.engagement_folder(a, e, f))
            .map(|v| v.iter().map(Resource::from).collect())
    }

    /// A file's bytes; `engagement_id` names the engagement it is seen through, if any.
    #[pyo3(signature = (actor, resource_id, engagement_id=None))]
    fn download<'py>(
        &self,
        py: Python<'py>,
        actor: &Bound<'_, PyAny>,
        resource_id: &str,
        engagement_id: Option<&str>,
    ) -> PyResult<(Resource, Bound<'py, PyBytes>)> {
        let (a, r, e) = (actor_arg(actor)?, id(resource_id)?, opt_id(engagement_id)?);
        let (res, bytes) = self.run(py, move |l| l.download(a, r, e))?;
        Ok((Resource::from(&res), PyBytes::new(py, &bytes)))
    }

    fn delete_resource(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        resource_id: &str,
    ) -> PyResult<()> {
        let (a, r) = (actor_arg(actor)?, id(resource_id)?);
        self.run(py, move |l| l.delete_resource(a, r))
    }

    // ------------------------------------------------------------ program items, comments, to-dos

    /// Adds a program item: `kind` "goal" or "assignment" (with `name`, `description`,
    /// `due_after_days`) or "resource" (with `resource_id`).
    #[pyo3(signature = (actor, program_id, kind, *, name=None, description=None, due_after_days=None, resource_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_program_item(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
        kind: &str,
        name: Option<String>,
        description: Option<String>,
        due_after_days: Option<Count<u32>>,
        resource_id: Option<&str>,
    ) -> PyResult<ProgramItem> {
        let need_name = || {
            name.clone()
                .ok_or_else(|| invalid("name", "a goal or assignment item needs a name"))
        };
        let item = match kind {
            "goal" => core::ProgramItemKind::Goal {
                name: need_name()?,
                description: description.clone(),
                due_after_days: due_after_days.map(|c| c.0),
            },
            "assignment" => core::ProgramItemKind::Assignment {
                name: need_name()?,
                description: description.clone(),
                due_after_days: due_after_days.map(|c| c.0),
            },
            "resource" => core::ProgramItemKind::Resource {
                resource_id: id(resource_id
                    .ok_or_else(|| invalid("resource_id", "a resource item needs resource_id"))?)?,
            },
            other => {
                return Err(invalid(
                    "kind",
                    format!("`{other}` is not goal, assignment or resource"),
                ))
            }
        };
        let (a, p) = (actor_arg(actor)?, id(program_id)?);
        self.run(py, move |l| l.add_program_item(a, p, item))
            .map(|x| ProgramItem::from(&x))
    }

    fn remove_program_item(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
        item_id: &str,
    ) -> PyResult<()> {
        let (a, p, i) = (actor_arg(actor)?, id(program_id)?, id(item_id)?);
        self.run(py, move |l| l.remove_program_item(a, p, i))
    }

    fn program_items(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        program_id: &str,
    ) -> PyResult<Vec<ProgramItem>> {
        let (a, p) = (actor_arg(actor)?, id(program_id)?);
        self.run(py, move |l| l.program_items(a, p))
            .map(|v| v.iter().map(ProgramItem::from).collect())
    }

    /// Comments on a note, goal or assignment (`on`: "note", "goal", "assignment").
    fn add_comment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        on: &str,
        target_id: &str,
        body_html: String,
    ) -> PyResult<Comment> {
        let (a, t) = (actor_arg(actor)?, comment_target(on, target_id)?);
        self.run(py, move |l| l.add_comment(a, t, &body_html))
            .map(|x| Comment::from(&x))
    }

    fn comments(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        on: &str,
        target_id: &str,
    ) -> PyResult<Vec<Comment>> {
        let (a, t) = (actor_arg(actor)?, comment_target(on, target_id)?);
        self.run(py, move |l| l.comments(a, t))
            .map(|v| v.iter().map(Comment::from).collect())
    }

    fn delete_comment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        comment_id: &str,
    ) -> PyResult<()> {
        let (a, c) = (actor_arg(actor)?, id(comment_id)?);
        self.run(py, move |l| l.delete_comment(a, c))
    }

    #[pyo3(signature = (actor, coach_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, coach_id, *, offset=0, limit=50)")]
    fn client_todos(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        coach_id: &str,
        offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<Todo>> {
        let (a, c) = (actor_arg(actor)?, id(coach_id)?);
        self.run(py, move |l| {
            l.client_todos(a, c, core::Page::new(offset.0, limit.0))
        })
        .map(|v| v.iter().map(Todo::from).collect())
    }
}

fn new_resource(
    name: String,
    data: Option<Vec<u8>>,
    media_type: &str,
    url: Option<String>,
) -> PyResult<core::NewResource> {
    Ok(match (data, url) {
        (Some(bytes), None) => core::NewResource::File(core::NewFile {
            name,
            media_type: media_type.into(),
            bytes,
        }),
        (None, Some(url)) => core::NewResource::Link { name, url },
        (None, None) => core::NewResource::Folder { name },
        (Some(_), Some(_)) => {
            return Err(invalid(
                "resource",
                "give data (a file) or url (a link), not both",
            ))
        }
    })
}

fn comment_target(on: &str, target_id: &str) -> PyResult<core::CommentTarget> {
    Ok(match on {
        "note" => core::CommentTarget::Note(id(target_id)?),
        "goal" => core::CommentTarget::Goal(id(target_id)?),
        "assignment" => core::CommentTarget::Assignment(id(target_id)?),
        other => {
            return Err(invalid(
                "on",
                format!("`{other}` is not note, goal or assignment"),
            ))
        }
    })
}
