//! Sessions: booking, series, rescheduling, cancelling, lists, iCalendar. Mirrors
//! `coaching-core/src/service/session.rs`.

use chrono::NaiveDate;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Books a session; `end` defaults to the engagement's session length, `time_zone` to
    /// the practice's.
    #[pyo3(signature = (actor, engagement_id, start, location, *, end=None, time_zone=None))]
    #[allow(clippy::too_many_arguments)]
    fn book_session(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, start: Dt<'_>,
        location: Place<'_>, end: Option<Dt<'_>>, time_zone: Option<String>,
    ) -> PyResult<Session> {
        let new = core::NewSession {
            start: start.utc("start")?,
            end: end.map(|d| d.utc("end")).transpose()?,
            time_zone,
            location: location.get()?,
        };
        self.one(py, move |l| l.book_session(actor.0, engagement_id.0, new))
    }

    /// Books a series every `every_weeks` weeks: `count` sessions or `until` a date.
    #[pyo3(signature = (actor, engagement_id, start, location, *, every_weeks=Count(1), count=None, until=None, end=None, time_zone=None))]
    #[pyo3(
        text_signature = "($self, actor, engagement_id, start, location, *, every_weeks=1, count=None, until=None, end=None, time_zone=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn book_series(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, start: Dt<'_>,
        location: Place<'_>, every_weeks: Count<u32>, count: Option<Count<u32>>,
        until: Option<NaiveDate>, end: Option<Dt<'_>>, time_zone: Option<String>,
    ) -> PyResult<Vec<Session>> {
        let stop = match (count, until) {
            (Some(n), None) => core::SeriesEnd::Count(n.0),
            (None, Some(d)) => core::SeriesEnd::Until(d),
            _ => return Err(invalid("recurrence", "give count or until")),
        };
        let new = core::NewSession {
            start: start.utc("start")?,
            end: end.map(|d| d.utc("end")).transpose()?,
            time_zone,
            location: location.get()?,
        };
        let rec = core::Recurrence {
            every_weeks: every_weeks.0,
            end: stop,
        };
        self.many(py, move |l| {
            l.book_series(actor.0, engagement_id.0, new, rec)
        })
    }

    /// One session, for whoever may see its engagement.
    fn session(
        &self, py: Python<'_>, actor: Who, session_id: Id<core::SessionId>,
    ) -> PyResult<Session> {
        self.one(py, move |l| l.session(actor.0, session_id.0))
    }

    /// Moves a Scheduled session to new times (same session, same id); `end` left out keeps
    /// the length.
    #[pyo3(signature = (actor, session_id, start, *, end=None))]
    fn reschedule_session(
        &self, py: Python<'_>, actor: Who, session_id: Id<core::SessionId>, start: Dt<'_>,
        end: Option<Dt<'_>>,
    ) -> PyResult<Session> {
        let (st, en) = (start.utc("start")?, end.map(|d| d.utc("end")).transpose()?);
        self.one(py, move |l| {
            l.reschedule_session(actor.0, session_id.0, st, en)
        })
    }

    /// Changes where a Scheduled session takes place.
    fn set_session_location(
        &self, py: Python<'_>, actor: Who, session_id: Id<core::SessionId>, location: Place<'_>,
    ) -> PyResult<Session> {
        let loc = location.get()?;
        self.one(py, move |l| {
            l.set_session_location(actor.0, session_id.0, loc)
        })
    }

    /// Cancels a Scheduled session, with an optional `reason`. Cancelled by the client inside
    /// the engagement's late-cancel window, it becomes LateCancelled and counts as used.
    #[pyo3(signature = (actor, session_id, *, reason=None))]
    fn cancel_session(
        &self, py: Python<'_>, actor: Who, session_id: Id<core::SessionId>, reason: Option<String>,
    ) -> PyResult<Session> {
        self.one(py, move |l| {
            l.cancel_session(actor.0, session_id.0, reason.as_deref())
        })
    }

    /// Marks a Scheduled session as held, once it has started.
    fn complete_session(
        &self, py: Python<'_>, actor: Who, session_id: Id<core::SessionId>,
    ) -> PyResult<Session> {
        self.one(py, move |l| l.complete_session(actor.0, session_id.0))
    }

    /// Marks the client absent from a session, once it has started; it counts as used when
    /// the engagement's `no_show_counts` is set.
    fn mark_no_show(
        &self, py: Python<'_>, actor: Who, session_id: Id<core::SessionId>,
    ) -> PyResult<Session> {
        self.one(py, move |l| l.mark_no_show(actor.0, session_id.0))
    }

    /// An engagement's upcoming or past sessions (`range`: "upcoming", "past"), paged.
    #[pyo3(signature = (actor, engagement_id, range=Pick::named("upcoming"), *, offset=Count(0), limit=Count(50)))]
    #[pyo3(
        text_signature = "($self, actor, engagement_id, range='upcoming', *, offset=0, limit=50)"
    )]
    fn sessions(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        range: Pick<core::SessionRange>, offset: Count<u32>, limit: Count<u32>,
    ) -> PyResult<Vec<Session>> {
        let r = range.get("range")?;
        let page = core::Page::new(offset.0, limit.0);
        self.many(py, move |l| l.sessions(actor.0, engagement_id.0, r, page))
    }

    /// A coach's Scheduled sessions starting in `[start, end)` across engagements, with
    /// client and program names.
    fn upcoming_sessions_for_coach(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>, start: Dt<'_>, end: Dt<'_>,
    ) -> PyResult<Vec<SessionLine>> {
        let (f, t) = (start.utc("start")?, end.utc("end")?);
        self.run(py, move |l| {
            l.upcoming_sessions_for_coach(actor.0, coach_id.0, f, t)
        })
        .map(|v| v.into_iter().map(SessionLine::from).collect())
    }

    /// A client's Scheduled sessions starting in `[start, end)` across engagements.
    fn upcoming_sessions_for_client(
        &self, py: Python<'_>, actor: Who, client_id: Id<core::ClientId>, start: Dt<'_>,
        end: Dt<'_>,
    ) -> PyResult<Vec<SessionLine>> {
        let (f, t) = (start.utc("start")?, end.utc("end")?);
        self.run(py, move |l| {
            l.upcoming_sessions_for_client(actor.0, client_id.0, f, t)
        })
        .map(|v| v.into_iter().map(SessionLine::from).collect())
    }

    /// A coach's sessions starting in `[start, end)`, every status, as an iCalendar
    /// (RFC 5545) document.
    fn export_ics_for_coach(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>, start: Dt<'_>, end: Dt<'_>,
    ) -> PyResult<String> {
        let (f, t) = (start.utc("start")?, end.utc("end")?);
        self.run(py, move |l| {
            l.export_ics_for_coach(actor.0, coach_id.0, f, t)
        })
    }

    /// Every session of an engagement as an iCalendar (RFC 5545) document.
    fn export_ics_for_engagement(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<String> {
        self.run(py, move |l| {
            l.export_ics_for_engagement(actor.0, engagement_id.0)
        })
    }
}
