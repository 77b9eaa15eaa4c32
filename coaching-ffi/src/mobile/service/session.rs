//! Sessions: booking, series, rescheduling, cancelling, lists, iCalendar. Mirrors
//! `coaching-core/src/service/session.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use std::time::SystemTime;

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    /// Books a session; `end` None: the engagement's session length; `time_zone` None: the
    /// practice's.
    pub fn book_session(
        &self, actor: Actor, engagement_id: String, start: SystemTime, end: Option<SystemTime>,
        time_zone: Option<String>, location: Location,
    ) -> R<Session> {
        let new = core::NewSession {
            start: instant(start),
            end: end.map(instant),
            time_zone,
            location: location.into(),
        };
        Ok(self
            .inner
            .book_session(actor.core()?, id(&engagement_id)?, new)?
            .into())
    }

    pub fn book_series(
        &self, actor: Actor, engagement_id: String, start: SystemTime, end: Option<SystemTime>,
        time_zone: Option<String>, location: Location, every_weeks: u32, until: SeriesEnd,
    ) -> R<Vec<Session>> {
        let new = core::NewSession {
            start: instant(start),
            end: end.map(instant),
            time_zone,
            location: location.into(),
        };
        let stop = match until {
            SeriesEnd::Count { count } => core::SeriesEnd::Count(count),
            SeriesEnd::Until { date } => core::SeriesEnd::Until(date.core()?),
        };
        Ok(list(self.inner.book_series(
            actor.core()?,
            id(&engagement_id)?,
            new,
            core::Recurrence {
                every_weeks,
                end: stop,
            },
        )?))
    }

    pub fn session(&self, actor: Actor, session_id: String) -> R<Session> {
        Ok(self.inner.session(actor.core()?, id(&session_id)?)?.into())
    }

    pub fn reschedule_session(
        &self, actor: Actor, session_id: String, start: SystemTime, end: Option<SystemTime>,
    ) -> R<Session> {
        Ok(self
            .inner
            .reschedule_session(
                actor.core()?,
                id(&session_id)?,
                instant(start),
                end.map(instant),
            )?
            .into())
    }

    pub fn set_session_location(
        &self, actor: Actor, session_id: String, location: Location,
    ) -> R<Session> {
        Ok(self
            .inner
            .set_session_location(actor.core()?, id(&session_id)?, location.into())?
            .into())
    }

    pub fn cancel_session(
        &self, actor: Actor, session_id: String, reason: Option<String>,
    ) -> R<Session> {
        Ok(self
            .inner
            .cancel_session(actor.core()?, id(&session_id)?, reason.as_deref())?
            .into())
    }

    pub fn complete_session(&self, actor: Actor, session_id: String) -> R<Session> {
        Ok(self
            .inner
            .complete_session(actor.core()?, id(&session_id)?)?
            .into())
    }

    pub fn mark_no_show(&self, actor: Actor, session_id: String) -> R<Session> {
        Ok(self
            .inner
            .mark_no_show(actor.core()?, id(&session_id)?)?
            .into())
    }

    pub fn sessions(
        &self, actor: Actor, engagement_id: String, range: SessionRange, offset: u32, limit: u32,
    ) -> R<Vec<Session>> {
        Ok(list(self.inner.sessions(
            actor.core()?,
            id(&engagement_id)?,
            range.into(),
            page(offset, limit),
        )?))
    }

    pub fn upcoming_sessions_for_coach(
        &self, actor: Actor, coach_id: String, from: SystemTime, to: SystemTime,
    ) -> R<Vec<SessionLine>> {
        Ok(list(self.inner.upcoming_sessions_for_coach(
            actor.core()?,
            id(&coach_id)?,
            instant(from),
            instant(to),
        )?))
    }

    pub fn upcoming_sessions_for_client(
        &self, actor: Actor, client_id: String, from: SystemTime, to: SystemTime,
    ) -> R<Vec<SessionLine>> {
        Ok(list(self.inner.upcoming_sessions_for_client(
            actor.core()?,
            id(&client_id)?,
            instant(from),
            instant(to),
        )?))
    }

    pub fn export_ics_for_coach(
        &self, actor: Actor, coach_id: String, from: SystemTime, to: SystemTime,
    ) -> R<String> {
        Ok(self.inner.export_ics_for_coach(
            actor.core()?,
            id(&coach_id)?,
            instant(from),
            instant(to),
        )?)
    }

    pub fn export_ics_for_engagement(&self, actor: Actor, engagement_id: String) -> R<String> {
        Ok(self
            .inner
            .export_ics_for_engagement(actor.core()?, id(&engagement_id)?)?)
    }
}
