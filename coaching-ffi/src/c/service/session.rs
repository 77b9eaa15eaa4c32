//! Sessions: booking, series, rescheduling, cancelling, lists, iCalendar. Mirrors
//! `coaching-core/src/service/session.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Books a session. `start`/`end` are seconds since the Unix epoch (`end` 0: the engagement's
    /// session length); `time_zone` NULL: the practice's; `location_kind` a
    /// `COACHING_LOCATION_KIND_*` value with its number, address, link or text.
    fn coaching_book_session(
        engagement_id: *const c_char, start: i64, end: i64, time_zone: *const c_char,
        location_kind: i32, location_value: *const c_char
    ) -> one CoachingSession =
        |l, a| {
            Ok(l.book_session(
                a,
                id(engagement_id, "engagement_id")?,
                NewSession {
                    start: instant(start, "start")?,
                    end: if end == 0 {
                        None
                    } else {
                        Some(instant(end, "end")?)
                    },
                    time_zone: opt_text(time_zone, "time_zone")?.map(Into::into),
                    location: location(location_kind, location_value)?,
                },
            )?)
        };

    /// Books a series every `every_weeks` weeks: `count` sessions, or (with `count` 0) until
    /// `until_date` ("YYYY-MM-DD"). All or nothing. A list of `CoachingSession`.
    fn coaching_book_series(
        engagement_id: *const c_char, start: i64, end: i64, time_zone: *const c_char,
        location_kind: i32, location_value: *const c_char, every_weeks: u32, count: u32,
        until_date: *const c_char
    ) -> list CoachingSession =
        |l, a| {
            let new = NewSession {
                start: instant(start, "start")?,
                end: if end == 0 {
                    None
                } else {
                    Some(instant(end, "end")?)
                },
                time_zone: opt_text(time_zone, "time_zone")?.map(Into::into),
                location: location(location_kind, location_value)?,
            };
            let until = if count == 0 {
                SeriesEnd::Until(
                    opt_date(until_date, "until_date")?
                        .ok_or_else(|| invalid("until_date", "give a count or an end date"))?,
                )
            } else {
                SeriesEnd::Count(count)
            };
            Ok(l.book_series(
                a,
                id(engagement_id, "engagement_id")?,
                new,
                Recurrence {
                    every_weeks,
                    end: until,
                },
            )?)
        };

    /// One session.
    fn coaching_session(session_id: *const c_char) -> one CoachingSession =
        |l, a| Ok(l.session(a, id(session_id, "session_id")?)?);

    /// Moves a session to new times (`end` 0 keeps its length). `out` may be NULL.
    fn coaching_reschedule_session(
        session_id: *const c_char, start: i64, end: i64
    ) -> maybe CoachingSession =
        |l, a| {
            let end = if end == 0 {
                None
            } else {
                Some(instant(end, "end")?)
            };
            Ok(l.reschedule_session(
                a,
                id(session_id, "session_id")?,
                instant(start, "start")?,
                end,
            )?)
        };

    /// Changes where a Scheduled session takes place. `out` may be NULL.
    fn coaching_set_session_location(
        session_id: *const c_char, location_kind: i32, location_value: *const c_char
    ) -> maybe CoachingSession =
        |l, a| {
            Ok(l.set_session_location(
                a,
                id(session_id, "session_id")?,
                location(location_kind, location_value)?,
            )?)
        };

    /// Marks a session held (may complete the engagement). `out` may be NULL.
    fn coaching_complete_session(session_id: *const c_char) -> maybe CoachingSession =
        |l, a| Ok(l.complete_session(a, id(session_id, "session_id")?)?);

    /// Marks the client absent. `out` may be NULL.
    fn coaching_mark_no_show(session_id: *const c_char) -> maybe CoachingSession =
        |l, a| Ok(l.mark_no_show(a, id(session_id, "session_id")?)?);

    /// Cancels a session with an optional reason (late if the client cancels inside the window).
    /// `out` may be NULL.
    fn coaching_cancel_session(
        session_id: *const c_char, reason: *const c_char
    ) -> maybe CoachingSession =
        |l, a| Ok(l.cancel_session(a, id(session_id, "session_id")?, opt_text(reason, "reason")?)?);

    /// An engagement's sessions: `range` 0 upcoming (soonest first), 1 past (latest first). A
    /// list of `CoachingSession`.
    fn coaching_sessions(
        engagement_id: *const c_char, range: i32, offset: u32, limit: u32
    ) -> list CoachingSession =
        |l, a| {
            Ok(l.sessions(
                a,
                id(engagement_id, "engagement_id")?,
                choice(
                    range,
                    &[SessionRange::Upcoming, SessionRange::Past],
                    "range",
                )?,
                page(offset, limit),
            )?)
        };

    /// A coach's Scheduled sessions starting in [from, to) (a list of `CoachingSessionLine`).
    fn coaching_upcoming_sessions_for_coach(
        coach_id: *const c_char, from: i64, to: i64
    ) -> list CoachingSessionLine =
        |l, a| {
            Ok(l.upcoming_sessions_for_coach(
                a,
                id(coach_id, "coach_id")?,
                instant(from, "from")?,
                instant(to, "to")?,
            )?)
        };

    /// A client's Scheduled sessions starting in [from, to) (a list of `CoachingSessionLine`).
    fn coaching_upcoming_sessions_for_client(
        client_id: *const c_char, from: i64, to: i64
    ) -> list CoachingSessionLine =
        |l, a| {
            Ok(l.upcoming_sessions_for_client(
                a,
                id(client_id, "client_id")?,
                instant(from, "from")?,
                instant(to, "to")?,
            )?)
        };

    /// A coach's sessions in [from, to) as iCalendar text; free with `coaching_string_free`.
    fn coaching_export_ics_for_coach(
        coach_id: *const c_char, from: i64, to: i64
    ) -> value *mut c_char =
        |l, a| {
            Ok(l.export_ics_for_coach(
                a,
                id(coach_id, "coach_id")?,
                instant(from, "from")?,
                instant(to, "to")?,
            )?)
        },
        |s| string_raw(&s);

    /// An engagement's sessions as iCalendar text; free with `coaching_string_free`.
    fn coaching_export_ics_for_engagement(engagement_id: *const c_char) -> value *mut c_char =
        |l, a| Ok(l.export_ics_for_engagement(a, id(engagement_id, "engagement_id")?)?),
        |s| string_raw(&s);
}
