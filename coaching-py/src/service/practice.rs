//! Practices, coaches, clients and programs. Mirrors `coaching-core/src/service/practice.rs`.

use chrono::TimeDelta;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
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
}
