//! Self-booking: availability, booking rules, free slots. Mirrors
//! `coaching-core/src/service/booking.rs`.

use chrono::{DateTime, NaiveDate, Utc};
use coaching_core as core;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

fn weekday(d: Count<u32>) -> PyResult<chrono::Weekday> {
    u8::try_from(d.0)
        .ok()
        .and_then(|d| d.checked_sub(1))
        .and_then(|d| chrono::Weekday::try_from(d).ok())
        .ok_or_else(|| invalid("weekly.weekday", "1 (Monday) to 7 (Sunday)"))
}

/// A minute of the day as given (out of range for a day: refused by the core's check).
fn minute(m: Count<u32>, field: &str) -> PyResult<u16> {
    u16::try_from(m.0).map_err(|_| invalid(field, "0 to 1440 minutes after midnight"))
}

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Publishes a coach's weekly hours — `(weekday, start_minute, end_minute)` tuples, weekday
    /// 1 (Monday) to 7, minutes after midnight (end up to 1440) — replacing the previous ones
    /// (date overrides kept), in `time_zone` (None: the one already published, else the
    /// practice's). Once published, a client books only inside them; an empty list closes
    /// self-booking. The coach themself or the owner.
    #[pyo3(signature = (actor, coach_id, weekly, *, time_zone=None))]
    fn set_weekly_hours(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>,
        weekly: Vec<(Count<u32>, Count<u32>, Count<u32>)>, time_zone: Option<String>,
    ) -> PyResult<Availability> {
        let weekly = weekly
            .into_iter()
            .map(|(d, s, e)| {
                Ok(core::WeeklyHours {
                    weekday: weekday(d)?,
                    range: core::DayRange {
                        start_minute: minute(s, "weekly")?,
                        end_minute: minute(e, "weekly")?,
                    },
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        self.one(py, move |l| {
            l.set_weekly_hours(actor.0, coach_id.0, time_zone.as_deref(), &weekly)
        })
    }

    /// Replaces the hours of `date` (today or later in the coach's zone) with
    /// `(start_minute, end_minute)` ranges; an empty list is a day off. The coach themself or
    /// the owner.
    fn set_date_hours(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>, date: NaiveDate,
        hours: Vec<(Count<u32>, Count<u32>)>,
    ) -> PyResult<Availability> {
        let hours = hours
            .into_iter()
            .map(|(s, e)| {
                Ok(core::DayRange {
                    start_minute: minute(s, "hours")?,
                    end_minute: minute(e, "hours")?,
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        self.one(py, move |l| l.set_date_hours(actor.0, coach_id.0, date, &hours))
    }

    /// Removes a date's override: its weekday's hours apply again.
    fn clear_date_hours(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>, date: NaiveDate,
    ) -> PyResult<Availability> {
        self.one(py, move |l| l.clear_date_hours(actor.0, coach_id.0, date))
    }

    /// A coach's availability, or None when none is published (bookable at any time). The
    /// coach themself or the owner.
    fn availability(
        &self, py: Python<'_>, actor: Who, coach_id: Id<core::CoachId>,
    ) -> PyResult<Option<Availability>> {
        self.run(py, move |l| l.availability(actor.0, coach_id.0))
            .map(|a| a.as_ref().map(Availability::from))
    }

    /// Sets a program's booking rules (None removes them); its engagements without rules of
    /// their own follow them. Any coach of the practice.
    fn set_program_booking_rules(
        &self, py: Python<'_>, actor: Who, program_id: Id<core::ProgramId>,
        rules: Option<BookingRules>,
    ) -> PyResult<Option<BookingRules>> {
        let rules = rules.as_ref().map(BookingRules::core);
        self.run(py, move |l| l.set_program_booking_rules(actor.0, program_id.0, rules))
            .map(|r| r.as_ref().map(BookingRules::from))
    }

    /// A program's own booking rules (None: the defaults). Any coach of the practice.
    fn program_booking_rules(
        &self, py: Python<'_>, actor: Who, program_id: Id<core::ProgramId>,
    ) -> PyResult<Option<BookingRules>> {
        self.run(py, move |l| l.program_booking_rules(actor.0, program_id.0))
            .map(|r| r.as_ref().map(BookingRules::from))
    }

    /// Gives an engagement rules of its own (None: follow its program's again). Its coach or
    /// the owner. Returns the rules it now books under.
    fn set_engagement_booking_rules(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        rules: Option<BookingRules>,
    ) -> PyResult<EffectiveRules> {
        let rules = rules.as_ref().map(BookingRules::core);
        self.one(py, move |l| {
            l.set_engagement_booking_rules(actor.0, engagement_id.0, rules)
        })
    }

    /// The rules an engagement books under and where they come from (whoever may see it).
    fn booking_rules(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<EffectiveRules> {
        self.one(py, move |l| l.booking_rules(actor.0, engagement_id.0))
    }

    /// The start times in `[start, end)` the engagement's client may book now, soonest first:
    /// inside the coach's hours, on the rules' step, after the notice, before the horizon,
    /// clear of the coach's sessions and buffers. Raises AllocationUsedUpError when no session
    /// is left to book.
    fn free_slots(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, start: Dt<'_>,
        end: Dt<'_>,
    ) -> PyResult<Vec<DateTime<Utc>>> {
        let (f, t) = (start.utc("start")?, end.utc("end")?);
        self.run(py, move |l| l.free_slots(actor.0, engagement_id.0, f, t))
    }

    /// The start times in `[start, end)` a Scheduled session may be moved to by its client
    /// (its own length and coach, itself out of the way). Raises NoticeTooShortError for a
    /// client once the session is inside the notice or the late-cancellation window.
    fn reschedule_slots(
        &self, py: Python<'_>, actor: Who, session_id: Id<core::SessionId>, start: Dt<'_>,
        end: Dt<'_>,
    ) -> PyResult<Vec<DateTime<Utc>>> {
        let (f, t) = (start.utc("start")?, end.utc("end")?);
        self.run(py, move |l| l.reschedule_slots(actor.0, session_id.0, f, t))
    }
}
