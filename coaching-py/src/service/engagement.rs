//! Engagements: creation, edits, status, reassignment, deletion, overviews, the log.
//! Mirrors `coaching-core/src/service/engagement.rs`.

use chrono::{NaiveDate, TimeDelta};
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
    /// Creates a Draft engagement, from a program or ad hoc.
    #[pyo3(signature = (actor, practice_id, *, program_id=None, coach_id=None, client_id=None, program_name=None, planned_sessions=None, planned_hours=None, start_date=None, end_date=None))]
    #[allow(clippy::too_many_arguments)]
    fn create_engagement(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
        program_id: Option<Id<core::ProgramId>>, coach_id: Option<Id<core::CoachId>>,
        client_id: Option<Id<core::ClientId>>, program_name: Option<String>,
        planned_sessions: Option<Count<u32>>, planned_hours: Option<Real>,
        start_date: Option<NaiveDate>, end_date: Option<NaiveDate>,
    ) -> PyResult<Engagement> {
        let new = core::NewEngagement {
            program_id: program_id.map(|x| x.0),
            coach_id: coach_id.map(|x| x.0),
            client_id: client_id.map(|x| x.0),
            program_name,
            planned: planned(planned_sessions.map(|c| c.0), planned_hours.map(|r| r.0))?,
            start_date,
            end_date,
        };
        let (a, p) = (actor.0, practice_id.0);
        self.run(py, move |l| {
            let e = l.create_engagement(a, p, new)?;
            l.engagement(a, e.id)
        })
        .map(Engagement::from)
    }

    /// Edits an engagement: `client_id` (while Draft), `program_name`, `start_date`,
    /// `end_date`, `session_minutes`, `no_show_counts`, `late_cancel_window`; None clears.
    #[pyo3(signature = (actor, engagement_id, **changes))]
    fn update_engagement(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
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
        let (a, e) = (actor.0, engagement_id.0);
        self.changed(py, a, e, move |l| l.update_engagement(a, e, u))
    }

    /// Sets the planned total of one engagement.
    #[pyo3(signature = (actor, engagement_id, *, sessions=None, hours=None))]
    fn set_planned(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        sessions: Option<Count<u32>>, hours: Option<Real>,
    ) -> PyResult<Engagement> {
        let p = planned(sessions.map(|c| c.0), hours.map(|r| r.0))?
            .ok_or_else(|| invalid("planned", "give sessions or hours"))?;
        let (a, e) = (actor.0, engagement_id.0);
        self.changed(py, a, e, move |l| l.set_planned(a, e, p))
    }

    /// Moves an engagement to `status` by the status table; `reason` is logged.
    #[pyo3(signature = (actor, engagement_id, status, *, reason=None))]
    fn set_status(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        status: Pick<core::Status>, reason: Option<String>,
    ) -> PyResult<Engagement> {
        let (a, e, to) = (actor.0, engagement_id.0, status.get("status")?);
        self.changed(py, a, e, move |l| l.set_status(a, e, to, reason.as_deref()))
    }

    /// Draft, Inactive or Completed → Active.
    fn activate(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Engagement> {
        let (a, e) = (actor.0, engagement_id.0);
        self.changed(py, a, e, move |l| l.activate(a, e))
    }

    /// Active or Completed → Inactive (paused).
    fn deactivate(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Engagement> {
        let (a, e) = (actor.0, engagement_id.0);
        self.changed(py, a, e, move |l| l.deactivate(a, e))
    }

    /// Active or Inactive → Completed, with an optional `reason` (logged).
    #[pyo3(signature = (actor, engagement_id, *, reason=None))]
    fn complete(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        reason: Option<String>,
    ) -> PyResult<Engagement> {
        let (a, e) = (actor.0, engagement_id.0);
        self.changed(py, a, e, move |l| l.complete(a, e, reason.as_deref()))
    }

    /// Assigns an engagement to another coach of the practice; their upcoming Scheduled
    /// sessions move with it.
    fn reassign(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        coach_id: Id<core::CoachId>,
    ) -> PyResult<Engagement> {
        let (a, e, c) = (actor.0, engagement_id.0, coach_id.0);
        self.changed(py, a, e, move |l| l.reassign(a, e, c))
    }

    /// Deletes an engagement and everything in it (its coach or the owner).
    fn delete_engagement(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.delete_engagement(actor.0, engagement_id.0))
    }

    /// The overview of every engagement of a coach.
    fn overview_for_coach(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>,
    ) -> PyResult<Vec<Engagement>> {
        self.run(py, move |l| l.overview_for_coach(actor.0, coach_id.0))
            .map(|v| v.into_iter().map(Engagement::from).collect())
    }

    /// The overview of a client's engagements, as the client page shows it.
    fn overview_for_client(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>,
    ) -> PyResult<Vec<Engagement>> {
        self.run(py, move |l| l.overview_for_client(actor.0, client_id.0))
            .map(|v| v.into_iter().map(Engagement::from).collect())
    }

    /// The overview of the practice: every engagement for the owner, their own for another
    /// coach.
    fn overview_for_practice(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
    ) -> PyResult<Vec<Engagement>> {
        self.run(py, move |l| l.overview_for_practice(actor.0, practice_id.0))
            .map(|v| v.into_iter().map(Engagement::from).collect())
    }

    /// One page of the practice's overview, in one query: only `statuses` (a list of `Status`
    /// members or values; None: all), only `coach_id`'s and `program_id`'s engagements, in
    /// `sort` order (an `OverviewSort`; default by creation; `descending` reverses it, with
    /// missing values still last), `limit` (1 to 500) engagements after `offset`. The owner
    /// pages every engagement, another coach their own (naming another coach raises
    /// `PermissionDeniedError`), a client none.
    #[pyo3(signature = (actor, practice_id, *, statuses=None, coach_id=None, program_id=None, sort=None, descending=false, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, practice_id, *, statuses=None, coach_id=None, program_id=None, sort=None, descending=False, offset=0, limit=50)")]
    fn overview_page(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
        statuses: Option<Vec<Pick<core::Status>>>, coach_id: Option<Id<core::CoachId>>,
        program_id: Option<Id<core::ProgramId>>, sort: Option<Pick<core::OverviewSort>>,
        descending: bool, offset: Count<u32>, limit: Count<u32>,
    ) -> PyResult<OverviewPage> {
        let query = core::OverviewQuery {
            statuses: statuses
                .unwrap_or_default()
                .iter()
                .map(|s| s.get("statuses"))
                .collect::<PyResult<Vec<_>>>()?,
            coach: coach_id.map(|c| c.0),
            program: program_id.map(|p| p.0),
            sort: sort.map(|s| s.get("sort")).transpose()?.unwrap_or_default(),
            descending,
            limit: limit.0,
            offset: offset.0,
        };
        self.run(py, move |l| l.overview_page(actor.0, practice_id.0, query))
            .map(OverviewPage::from)
    }

    /// An engagement's activity log, newest first, paged.
    #[pyo3(signature = (actor, engagement_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, engagement_id, *, offset=0, limit=50)")]
    fn activity(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        offset: Count<u32>, limit: Count<u32>,
    ) -> PyResult<Vec<LogEntry>> {
        let page = core::Page::new(offset.0, limit.0);
        self.many(py, move |l| l.activity(actor.0, engagement_id.0, page))
    }

    /// The practice's whole log, newest first, paged (owner only).
    #[pyo3(signature = (actor, practice_id, *, offset=Count(0), limit=Count(50)))]
    #[pyo3(text_signature = "($self, actor, practice_id, *, offset=0, limit=50)")]
    fn practice_activity(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, offset: Count<u32>,
        limit: Count<u32>,
    ) -> PyResult<Vec<LogEntry>> {
        let page = core::Page::new(offset.0, limit.0);
        self.many(py, move |l| {
            l.practice_activity(actor.0, practice_id.0, page)
        })
    }

    /// One engagement with its names, progress and phase.
    fn engagement(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Engagement> {
        self.overview_of(py, actor.0, engagement_id.0)
    }
}
