//! Sessions: booking, series, rescheduling, cancelling, lists, iCalendar. Mirrors
//! `coaching-core/src/service/session.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

/// Books a session. `start`/`end` are seconds since the Unix epoch (`end` 0: the engagement's
/// session length); `time_zone` NULL: the practice's; `location_kind` a
/// `COACHING_LOCATION_KIND_*` value with its number, address, link or text.
#[no_mangle]
pub unsafe extern "C" fn coaching_book_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    start: i64,
    end: i64,
    time_zone: *const c_char,
    location_kind: i32,
    location_value: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
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
        let s = crate::c::convert::lib(lib)?.book_session(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            new,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Books a series every `every_weeks` weeks: `count` sessions, or (with `count` 0) until
/// `until_date` ("YYYY-MM-DD"). All or nothing. A list of `CoachingSession`.
#[no_mangle]
pub unsafe extern "C" fn coaching_book_series(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    start: i64,
    end: i64,
    time_zone: *const c_char,
    location_kind: i32,
    location_value: *const c_char,
    every_weeks: u32,
    count: u32,
    until_date: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
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
        let v = crate::c::convert::lib(lib)?.book_series(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            new,
            Recurrence {
                every_weeks,
                end: until,
            },
        )?;
        put_list!(out, CoachingSession, v);
        Ok(())
    })
}

/// One session.
#[no_mangle]
pub unsafe extern "C" fn coaching_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let s = crate::c::convert::lib(lib)?
            .session(actor(actor_kind, actor_id)?, id(session_id, "session_id")?)?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Moves a session to new times (`end` 0 keeps its length). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_reschedule_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    start: i64,
    end: i64,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let end = if end == 0 {
            None
        } else {
            Some(instant(end, "end")?)
        };
        let s = crate::c::convert::lib(lib)?.reschedule_session(
            actor(actor_kind, actor_id)?,
            id(session_id, "session_id")?,
            instant(start, "start")?,
            end,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Changes where a Scheduled session takes place. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_session_location(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    location_kind: i32,
    location_value: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = crate::c::convert::lib(lib)?.set_session_location(
            actor(actor_kind, actor_id)?,
            id(session_id, "session_id")?,
            location(location_kind, location_value)?,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Marks a session held (may complete the engagement). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_complete_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = crate::c::convert::lib(lib)?
            .complete_session(actor(actor_kind, actor_id)?, id(session_id, "session_id")?)?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Marks the client absent. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_mark_no_show(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = crate::c::convert::lib(lib)?
            .mark_no_show(actor(actor_kind, actor_id)?, id(session_id, "session_id")?)?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// Cancels a session with an optional reason (late if the client cancels inside the window).
/// `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_cancel_session(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    session_id: *const c_char,
    reason: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    guard(|| {
        let s = crate::c::convert::lib(lib)?.cancel_session(
            actor(actor_kind, actor_id)?,
            id(session_id, "session_id")?,
            opt_text(reason, "reason")?,
        )?;
        put_one!(out, CoachingSession, s);
        Ok(())
    })
}

/// An engagement's sessions: `range` 0 upcoming (soonest first), 1 past (latest first). A
/// list of `CoachingSession`.
#[no_mangle]
pub unsafe extern "C" fn coaching_sessions(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    range: i32,
    offset: u32,
    limit: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let r = choice(
            range,
            &[SessionRange::Upcoming, SessionRange::Past],
            "range",
        )?;
        let v = crate::c::convert::lib(lib)?.sessions(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            r,
            page(offset, limit),
        )?;
        put_list!(out, CoachingSession, v);
        Ok(())
    })
}

/// A coach's Scheduled sessions starting in [from, to) (a list of `CoachingSessionLine`).
#[no_mangle]
pub unsafe extern "C" fn coaching_upcoming_sessions_for_coach(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    coach_id: *const c_char,
    from: i64,
    to: i64,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = crate::c::convert::lib(lib)?.upcoming_sessions_for_coach(
            actor(actor_kind, actor_id)?,
            id(coach_id, "coach_id")?,
            instant(from, "from")?,
            instant(to, "to")?,
        )?;
        put_list!(out, CoachingSessionLine, v);
        Ok(())
    })
}

/// A client's Scheduled sessions starting in [from, to) (a list of `CoachingSessionLine`).
#[no_mangle]
pub unsafe extern "C" fn coaching_upcoming_sessions_for_client(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    client_id: *const c_char,
    from: i64,
    to: i64,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = crate::c::convert::lib(lib)?.upcoming_sessions_for_client(
            actor(actor_kind, actor_id)?,
            id(client_id, "client_id")?,
            instant(from, "from")?,
            instant(to, "to")?,
        )?;
        put_list!(out, CoachingSessionLine, v);
        Ok(())
    })
}

/// A coach's sessions in [from, to) as iCalendar text; free with `coaching_string_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_export_ics_for_coach(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    coach_id: *const c_char,
    from: i64,
    to: i64,
    out: *mut *mut c_char,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let s = crate::c::convert::lib(lib)?.export_ics_for_coach(
            actor(actor_kind, actor_id)?,
            id(coach_id, "coach_id")?,
            instant(from, "from")?,
            instant(to, "to")?,
        )?;
        put(out, string_raw(&s));
        Ok(())
    })
}

/// An engagement's sessions as iCalendar text; free with `coaching_string_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_export_ics_for_engagement(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut c_char,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let s = crate::c::convert::lib(lib)?.export_ics_for_engagement(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put(out, string_raw(&s));
        Ok(())
    })
}
