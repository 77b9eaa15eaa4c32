//! Practices, coaches, clients and programs. Mirrors `coaching-core/src/service/practice.rs`.

use chrono::TimeDelta;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Signs a practice up with its owner; returns `(practice, owner)`.
    #[pyo3(signature = (name, *, owner_name, plan, time_zone="UTC", owner_email=None))]
    fn create_practice(
        &self, py: Python<'_>, name: String, owner_name: String, plan: Plan, time_zone: &str,
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

    /// The practice, for any of its coaches or clients.
    fn practice(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
    ) -> PyResult<Practice> {
        self.one(py, move |l| l.practice(actor.0, practice_id.0))
    }

    /// Moves the practice to another plan (owner only). A downgrade deactivates nothing: it
    /// only blocks further activations (or new coaches) until the practice is under the cap.
    fn change_plan(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, plan: Plan,
    ) -> PyResult<Practice> {
        let plan = plan.core();
        self.one(py, move |l| l.change_plan(actor.0, practice_id.0, plan))
    }

    /// Adds a coach (owner only), within the plan's `max_coaches`.
    #[pyo3(signature = (actor, practice_id, name, *, email=None))]
    fn add_coach(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, name: String,
        email: Option<String>,
    ) -> PyResult<Coach> {
        let new = core::NewCoach { name, email };
        self.one(py, move |l| l.add_coach(actor.0, practice_id.0, new))
    }

    /// The practice's coaches, for any of them.
    fn coaches(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
    ) -> PyResult<Vec<Coach>> {
        self.many(py, move |l| l.coaches(actor.0, practice_id.0))
    }

    /// Adds a client (any coach of the practice); `has_portal` lets them sign in.
    #[pyo3(signature = (actor, practice_id, name, *, email=None, has_portal=false))]
    fn add_client(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, name: String,
        email: Option<String>, has_portal: bool,
    ) -> PyResult<Client> {
        let new = core::NewClient {
            name,
            email,
            has_portal,
        };
        self.one(py, move |l| l.add_client(actor.0, practice_id.0, new))
    }

    /// Changes a client: `name`, `email` (None removes it), `has_portal`.
    #[pyo3(signature = (actor, client_id, **changes))]
    fn update_client(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Client> {
        let c = Changes::new(changes, &["name", "email", "has_portal"])?;
        let u = core::ClientUpdate {
            name: c.set("name")?,
            email: c.get("email")?,
            has_portal: c.set("has_portal")?,
        };
        self.one(py, move |l| l.update_client(actor.0, client_id.0, u))
    }

    /// A client, for any coach of the practice or the client themself.
    fn client(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>,
    ) -> PyResult<Client> {
        self.one(py, move |l| l.client(actor.0, client_id.0))
    }

    /// The practice's clients, for any of its coaches.
    fn clients(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
    ) -> PyResult<Vec<Client>> {
        self.many(py, move |l| l.clients(actor.0, practice_id.0))
    }

    /// Creates a program of `planned_sessions` sessions, or `planned_hours` hours.
    #[pyo3(signature = (actor, practice_id, name, *, planned_sessions=None, planned_hours=None, session_minutes=Count(60), no_show_counts=true, late_cancel_window=None))]
    #[pyo3(
        text_signature = "($self, actor, practice_id, name, *, planned_sessions=None, planned_hours=None, session_minutes=60, no_show_counts=True, late_cancel_window=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn create_program(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, name: String,
        planned_sessions: Option<Count<u32>>, planned_hours: Option<Real>,
        session_minutes: Count<u32>, no_show_counts: bool, late_cancel_window: Option<TimeDelta>,
    ) -> PyResult<Program> {
        let planned = planned(planned_sessions.map(|c| c.0), planned_hours.map(|r| r.0))?
            .ok_or_else(|| invalid("planned", "give planned_sessions or planned_hours"))?;
        let late = minutes(late_cancel_window, "late_cancel_window")?;
        let new = core::NewProgram {
            name,
            planned,
            session_minutes: session_minutes.0,
            no_show_counts,
            late_cancel_window_minutes: late,
        };
        self.one(py, move |l| l.create_program(actor.0, practice_id.0, new))
    }

    /// Changes a program: `name`, `planned_sessions` / `planned_hours`, `session_minutes`,
    /// `no_show_counts`, `late_cancel_window` (None removes it).
    #[pyo3(signature = (actor, program_id, **changes))]
    fn update_program(
        &self, py: Python<'_>, actor: Who, program_id: Id<core::ProgramId>,
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
        self.one(py, move |l| l.update_program(actor.0, program_id.0, u))
    }

    /// A program, for any coach of the practice.
    fn program(
        &self, py: Python<'_>, actor: Who, program_id: Id<core::ProgramId>,
    ) -> PyResult<Program> {
        self.one(py, move |l| l.program(actor.0, program_id.0))
    }

    /// The practice's programs, for any of its coaches.
    fn programs(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
    ) -> PyResult<Vec<Program>> {
        self.many(py, move |l| l.programs(actor.0, practice_id.0))
    }
}
