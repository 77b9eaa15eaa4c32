//! Engagements: creation, edits, status, reassignment, deletion, overviews, the log.
//! Mirrors `coaching-core/src/service/engagement.rs`.

use chrono::{NaiveDate, TimeDelta};
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
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

    fn overview_for_coach(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        coach_id: &str,
    ) -> PyResult<Vec<Engagement>> {
        let (a, c) = (actor_arg(actor)?, id(coach_id)?);
        self.run(py, move |l| l.overview_for_coach(a, c))
            .map(|v| v.into_iter().map(Engagement::from).collect())
    }

    fn overview_for_client(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        client_id: &str,
    ) -> PyResult<Vec<Engagement>> {
        let (a, c) = (actor_arg(actor)?, id(client_id)?);
        self.run(py, move |l| l.overview_for_client(a, c))
            .map(|v| v.into_iter().map(Engagement::from).collect())
    }

    fn overview_for_practice(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        practice_id: &str,
    ) -> PyResult<Vec<Engagement>> {
        let (a, p) = (actor_arg(actor)?, id(practice_id)?);
        self.run(py, move |l| l.overview_for_practice(a, p))
            .map(|v| v.into_iter().map(Engagement::from).collect())
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

    fn engagement(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Engagement> {
        self.overview_of(py, actor_arg(actor)?, id(engagement_id)?)
    }
}
