//! Self-booking: availability, booking rules, free slots. Mirrors
//! `coaching-core/src/service/booking.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{CoachingResult, FfiError};

/// Booking rules passed in. `max_horizon_days` 0: no horizon.
#[repr(C)]
pub struct CoachingBookingRulesInput {
    pub min_notice_minutes: u32,
    pub max_horizon_days: u32,
    pub buffer_before_minutes: u32,
    pub buffer_after_minutes: u32,
    pub slot_step_minutes: u32,
}

/// Rules from a nullable pointer (NULL: none of its own).
unsafe fn rules_input(p: *const CoachingBookingRulesInput) -> Option<BookingRules> {
    p.as_ref().map(|r| BookingRules {
        min_notice_minutes: r.min_notice_minutes,
        max_horizon_days: (r.max_horizon_days != 0).then_some(r.max_horizon_days),
        buffer_before_minutes: r.buffer_before_minutes,
        buffer_after_minutes: r.buffer_after_minutes,
        slot_step_minutes: r.slot_step_minutes,
    })
}


unsafe fn weekly(p: *const CoachingWeeklyHours, count: usize) -> Result<Vec<WeeklyHours>, FfiError> {
    items(p, count, "weekly")?
        .iter()
        .map(|w| {
            let weekday = w
                .weekday
                .checked_sub(1)
                .and_then(|d| chrono::Weekday::try_from(d).ok())
                .ok_or_else(|| invalid("weekly.weekday", "1 (Monday) to 7 (Sunday)"))?;
            Ok(WeeklyHours {
                weekday,
                range: DayRange {
                    start_minute: w.start_minute,
                    end_minute: w.end_minute,
                },
            })
        })
        .collect()
}

unsafe fn ranges(p: *const CoachingDayRange, count: usize) -> Result<Vec<DayRange>, FfiError> {
    Ok(items(p, count, "hours")?
        .iter()
        .map(|r| DayRange {
            start_minute: r.start_minute,
            end_minute: r.end_minute,
        })
        .collect())
}

unsafe fn date(p: *const c_char, name: &str) -> Result<chrono::NaiveDate, FfiError> {
    opt_date(p, name)?.ok_or_else(|| null(name))
}

fn program_rules(r: Option<BookingRules>) -> EffectiveRules {
    match r {
        Some(rules) => EffectiveRules {
            rules,
            source: RulesSource::Program,
        },
        None => EffectiveRules {
            rules: BookingRules::default(),
            source: RulesSource::Default,
        },
    }
}

c_ops! {
    /// Publishes a coach's weekly hours (`weekly_count` ranges at `weekly`; replacing the
    /// previous ones, date overrides kept) in `time_zone` (NULL: the one already published,
    /// else the practice's). Once published, a client books only inside them; zero ranges
    /// close self-booking. The coach themself or the owner.
    fn coaching_set_weekly_hours(
        coach_id: *const c_char, time_zone: *const c_char,
        weekly_hours: *const CoachingWeeklyHours, weekly_count: usize
    ) -> maybe CoachingAvailability =
        |l, a| {
            let w = weekly(weekly_hours, weekly_count)?;
            Ok(l.set_weekly_hours(a, id(coach_id, "coach_id")?, opt_text(time_zone, "time_zone")?, &w)?)
        };

    /// Replaces the hours of `date` ("YYYY-MM-DD", today or later in the coach's zone) with
    /// `hour_count` ranges at `hours` (zero: a day off). The coach themself or the owner.
    fn coaching_set_date_hours(
        coach_id: *const c_char, date_text: *const c_char,
        hours: *const CoachingDayRange, hour_count: usize
    ) -> maybe CoachingAvailability =
        |l, a| {
            let h = ranges(hours, hour_count)?;
            Ok(l.set_date_hours(a, id(coach_id, "coach_id")?, date(date_text, "date")?, &h)?)
        };

    /// Removes the override of `date` ("YYYY-MM-DD"): its weekday's hours apply again.
    fn coaching_clear_date_hours(
        coach_id: *const c_char, date_text: *const c_char
    ) -> maybe CoachingAvailability =
        |l, a| Ok(l.clear_date_hours(a, id(coach_id, "coach_id")?, date(date_text, "date")?)?);

    /// A coach's availability; `*out` is NULL when none is published (bookable at any time).
    /// The coach themself or the owner. Free with `coaching_availability_free`.
    fn coaching_availability(coach_id: *const c_char) -> value *mut CoachingAvailability =
        |l, a| Ok(l.availability(a, id(coach_id, "coach_id")?)?),
        |v: Option<Availability>| v.map_or(std::ptr::null_mut(), |x| into_raw::<CoachingAvailability>(&x));

    /// Sets a program's booking rules (`rules` NULL: removes them). Its engagements without
    /// rules of their own follow them. Any coach of the practice.
    fn coaching_set_program_booking_rules(
        program_id: *const c_char, rules: *const CoachingBookingRulesInput
    ) -> maybe CoachingBookingRules =
        |l, a| Ok(program_rules(l.set_program_booking_rules(a, id(program_id, "program_id")?, rules_input(rules))?));

    /// A program's own booking rules (`source` "program"), or the defaults (`source`
    /// "default") when it has none. Any coach of the practice.
    fn coaching_program_booking_rules(program_id: *const c_char) -> one CoachingBookingRules =
        |l, a| Ok(program_rules(l.program_booking_rules(a, id(program_id, "program_id")?)?));

    /// Gives an engagement rules of its own (`rules` NULL: follow its program's again). Its
    /// coach or the owner. `out`: the rules it now books under.
    fn coaching_set_engagement_booking_rules(
        engagement_id: *const c_char, rules: *const CoachingBookingRulesInput
    ) -> maybe CoachingBookingRules =
        |l, a| Ok(l.set_engagement_booking_rules(a, id(engagement_id, "engagement_id")?, rules_input(rules))?);

    /// The rules an engagement books under and where they come from (whoever may see it).
    fn coaching_booking_rules(engagement_id: *const c_char) -> one CoachingBookingRules =
        |l, a| Ok(l.booking_rules(a, id(engagement_id, "engagement_id")?)?);

    /// The start times in [from, to) (seconds since the Unix epoch) the engagement's client may
    /// book now, soonest first: inside the coach's hours, on the rules' step, after the
    /// notice, before the horizon, clear of the coach's sessions and buffers. Refused with
    /// `COACHING_RESULT_ALLOCATION_USED_UP` when no session is left to book.
    fn coaching_free_slots(
        engagement_id: *const c_char, from: i64, to: i64
    ) -> one CoachingSlots =
        |l, a| Ok(l.free_slots(a, id(engagement_id, "engagement_id")?, instant(from, "from")?, instant(to, "to")?)?);

    /// The start times in [from, to) a Scheduled session may be moved to by its client (its
    /// own length and coach, itself out of the way). `COACHING_RESULT_NOTICE_TOO_SHORT` for a
    /// client once the session is inside the notice or the late-cancellation window.
    fn coaching_reschedule_slots(
        session_id: *const c_char, from: i64, to: i64
    ) -> one CoachingSlots =
        |l, a| Ok(l.reschedule_slots(a, id(session_id, "session_id")?, instant(from, "from")?, instant(to, "to")?)?);
}
