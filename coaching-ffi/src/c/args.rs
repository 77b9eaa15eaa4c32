//! Reading C arguments: NULL checks, UTF-8, ids, dates, instants, enums given as integers.

use std::ffi::{c_char, CStr};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use coaching_core::{Actor, ClientId, CoachId, Coaching, Error};

use super::{CoachingLib, CoachingResult, FfiError};

pub(crate) fn null(name: &str) -> FfiError {
    FfiError::new(
        CoachingResult::NullPointer,
        format!("`{name}` must not be NULL"),
    )
}

pub(crate) fn invalid(name: &str, why: impl std::fmt::Display) -> FfiError {
    let mut e = FfiError::new(
        CoachingResult::InvalidArgument,
        format!("invalid `{name}`: {why}"),
    );
    e.field = Some(name.to_string());
    e
}

/// The library behind a handle.
pub(crate) unsafe fn lib<'a>(p: *const CoachingLib) -> Result<&'a Coaching, FfiError> {
    p.as_ref().map(|l| &l.0).ok_or_else(|| null("lib"))
}

/// A required string.
pub(crate) unsafe fn text<'a>(p: *const c_char, name: &str) -> Result<&'a str, FfiError> {
    if p.is_null() {
        return Err(null(name));
    }
    CStr::from_ptr(p).to_str().map_err(|_| {
        FfiError::new(
            CoachingResult::InvalidUtf8,
            format!("`{name}` is not valid UTF-8"),
        )
    })
}

/// An optional string: NULL is `None`.
pub(crate) unsafe fn opt_text<'a>(
    p: *const c_char,
    name: &str,
) -> Result<Option<&'a str>, FfiError> {
    if p.is_null() {
        Ok(None)
    } else {
        text(p, name).map(Some)
    }
}

/// A clearable string: NULL leaves it, "" clears it, anything else sets it.
pub(crate) unsafe fn tri_text(
    p: *const c_char,
    name: &str,
) -> Result<Option<Option<String>>, FfiError> {
    Ok(opt_text(p, name)?.map(|s| {
        if s.is_empty() {
            None
        } else {
            Some(s.to_string())
        }
    }))
}

/// A required id of type `T`.
pub(crate) unsafe fn id<T: FromStr<Err = Error>>(
    p: *const c_char,
    name: &str,
) -> Result<T, FfiError> {
    let s = text(p, name)?;
    s.parse::<T>().map_err(|_| invalid(name, "not a valid id"))
}

/// An optional id: NULL is `None`.
pub(crate) unsafe fn opt_id<T: FromStr<Err = Error>>(
    p: *const c_char,
    name: &str,
) -> Result<Option<T>, FfiError> {
    if p.is_null() {
        Ok(None)
    } else {
        id(p, name).map(Some)
    }
}

fn parse_date(s: &str, name: &str) -> Result<NaiveDate, FfiError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| invalid(name, "not a YYYY-MM-DD date"))
}

/// An optional date: NULL (or "") is `None`.
pub(crate) unsafe fn opt_date(p: *const c_char, name: &str) -> Result<Option<NaiveDate>, FfiError> {
    match opt_text(p, name)? {
        None | Some("") => Ok(None),
        Some(s) => parse_date(s, name).map(Some),
    }
}

/// A clearable date: NULL leaves it, "" clears it, "YYYY-MM-DD" sets it.
pub(crate) unsafe fn tri_date(
    p: *const c_char,
    name: &str,
) -> Result<Option<Option<NaiveDate>>, FfiError> {
    match opt_text(p, name)? {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(s) => parse_date(s, name).map(|d| Some(Some(d))),
    }
}

/// An instant given as seconds since the Unix epoch.
pub(crate) fn instant(secs: i64, name: &str) -> Result<DateTime<Utc>, FfiError> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| invalid(name, "out of range"))
}

/// A byte buffer; NULL is allowed when `len` is 0.
pub(crate) unsafe fn bytes<'a>(
    data: *const u8,
    len: usize,
    name: &str,
) -> Result<&'a [u8], FfiError> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(null(name));
    }
    if len > isize::MAX as usize {
        return Err(invalid(name, "length out of range"));
    }
    Ok(std::slice::from_raw_parts(data, len))
}

/// Checks a required out-parameter before anything is done.
pub(crate) fn out_ptr<T>(p: *mut T, name: &str) -> Result<(), FfiError> {
    if p.is_null() {
        Err(null(name))
    } else {
        Ok(())
    }
}

/// Writes an out-parameter (checked non-NULL before).
pub(crate) unsafe fn put<T>(p: *mut T, v: T) {
    if !p.is_null() {
        p.write(v);
    }
}

/// An actor given as a kind (`COACHING_ACTOR_KIND_*`) and an id.
pub(crate) unsafe fn actor(kind: i32, id_ptr: *const c_char) -> Result<Actor, FfiError> {
    match kind {
        0 => Ok(Actor::Coach(id::<CoachId>(id_ptr, "actor_id")?)),
        1 => Ok(Actor::Client(id::<ClientId>(id_ptr, "actor_id")?)),
        2 => Ok(Actor::System),
        other => Err(invalid(
            "actor_kind",
            format!("{other} is not a COACHING_ACTOR_KIND value"),
        )),
    }
}

/// An enum given as an integer, mapped through `values` (index = C value).
pub(crate) fn choice<T: Copy>(v: i32, values: &[T], name: &str) -> Result<T, FfiError> {
    usize::try_from(v)
        .ok()
        .and_then(|i| values.get(i).copied())
        .ok_or_else(|| invalid(name, format!("{v} is out of range")))
}
