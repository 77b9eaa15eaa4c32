//! Sessions: booking, series, rescheduling, cancelling, lists, iCalendar. Mirrors
//! `coaching-core/src/service/session.rs`.

use chrono::NaiveDate;
use coaching_core as core;
use pyo3::prelude::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
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
            .map(|v| v.into_iter().map(SessionLine::from).collect())
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
            .map(|v| v.into_iter().map(SessionLine::from).collect())
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
}
