//! Conversions shared by every C function: reading arguments (NULL checks, UTF-8, ids, dates,
//! instants, enums given as integers, plans, locations, resources) and writing out-parameters.

use std::ffi::{c_char, CStr};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use coaching_core::*;

use super::{CoachingResult, FfiError};
use crate::c::service::CoachingLib;

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
    p: *const c_char, name: &str,
) -> Result<Option<&'a str>, FfiError> {
    if p.is_null() {
        Ok(None)
    } else {
        text(p, name).map(Some)
    }
}

/// A clearable string: NULL leaves it, "" clears it, anything else sets it.
pub(crate) unsafe fn tri_text(
    p: *const c_char, name: &str,
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
    p: *const c_char, name: &str,
) -> Result<T, FfiError> {
    let s = text(p, name)?;
    s.parse::<T>().map_err(|_| invalid(name, "not a valid id"))
}

/// An optional id: NULL is `None`.
pub(crate) unsafe fn opt_id<T: FromStr<Err = Error>>(
    p: *const c_char, name: &str,
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
    p: *const c_char, name: &str,
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
    data: *const u8, len: usize, name: &str,
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
/// A goal horizon given as a `CoachingGoalHorizon` value (0 none, 1 short, 2 mid, 3 long).
pub(crate) fn horizon(v: i32, name: &str) -> Result<Option<GoalHorizon>, FfiError> {
    choice(v, &[None, Some(GoalHorizon::Short), Some(GoalHorizon::Mid), Some(GoalHorizon::Long)], name)
}

/// A horizon edit: -1 leaves it, else as [`horizon`].
pub(crate) fn tri_horizon(v: i32, name: &str) -> Result<Option<Option<GoalHorizon>>, FfiError> {
    if v == -1 {
        return Ok(None);
    }
    horizon(v, name).map(Some)
}

pub(crate) fn choice<T: Copy>(v: i32, values: &[T], name: &str) -> Result<T, FfiError> {
    usize::try_from(v)
        .ok()
        .and_then(|i| values.get(i).copied())
        .ok_or_else(|| invalid(name, format!("{v} is out of range")))
}

// ---------------------------------------------------------------- inputs and outputs shared by the operations

/// A plan, as input. Limits of -1 are unlimited.
#[repr(C)]
pub struct CoachingPlanInput {
    pub name: *const c_char,
    pub max_active_engagements: i64,
    pub max_coaches: i64,
    pub can_reassign: bool,
}

/// A folder, file or link to store, as input. `kind` is a `COACHING_RESOURCE_KIND_*` value;
/// files use `name`, `media_type` (NULL or "" for application/octet-stream), `data` and `len`;
/// links use `name` and `url`; folders use `name`.
#[repr(C)]
pub struct CoachingResourceInput {
    pub kind: i32,
    pub name: *const c_char,
    pub media_type: *const c_char,
    pub data: *const u8,
    pub len: usize,
    pub url: *const c_char,
}

pub(crate) unsafe fn plan(p: *const CoachingPlanInput) -> Result<Plan, FfiError> {
    let p = p.as_ref().ok_or_else(|| null("plan"))?;
    let limit = |v: i64, name: &str| -> Result<Option<u32>, FfiError> {
        match v {
            -1 => Ok(None),
            v => u32::try_from(v)
                .map(Some)
                .map_err(|_| invalid(name, "use -1 for unlimited or a count")),
        }
    };
    Ok(Plan {
        name: text(p.name, "plan.name")?.to_string(),
        max_active_engagements: limit(p.max_active_engagements, "plan.max_active_engagements")?,
        max_coaches: limit(p.max_coaches, "plan.max_coaches")?,
        can_reassign: p.can_reassign,
    })
}

pub(crate) unsafe fn resource_input(
    p: *const CoachingResourceInput,
) -> Result<NewResource, FfiError> {
    let p = p.as_ref().ok_or_else(|| null("resource"))?;
    let name = text(p.name, "resource.name")?.to_string();
    Ok(match p.kind {
        0 => NewResource::Folder { name },
        1 => NewResource::File(NewFile {
            name,
            media_type: opt_text(p.media_type, "resource.media_type")?
                .unwrap_or_default()
                .to_string(),
            bytes: bytes(p.data, p.len, "resource.data")?.to_vec(),
        }),
        2 => NewResource::Link {
            name,
            url: text(p.url, "resource.url")?.to_string(),
        },
        other => {
            return Err(invalid(
                "resource.kind",
                format!("{other} is not a COACHING_RESOURCE_KIND value"),
            ))
        }
    })
}

pub(crate) fn unit(v: i32) -> Result<ProgressUnit, FfiError> {
    choice(v, &[ProgressUnit::Sessions, ProgressUnit::Hours], "unit")
}

pub(crate) fn planned(unit_v: i32, amount: u32) -> Result<Planned, FfiError> {
    Ok(Planned {
        unit: unit(unit_v)?,
        amount,
    })
}

/// -2 leaves the window, -1 removes it, anything else sets it.
pub(crate) fn tri_window(v: i64) -> Result<Option<Option<u32>>, FfiError> {
    match v {
        -2 => Ok(None),
        -1 => Ok(Some(None)),
        v => u32::try_from(v)
            .map(|w| Some(Some(w)))
            .map_err(|_| invalid("late_cancel_window_minutes", "out of range")),
    }
}

/// -1 leaves it, 0 is false, 1 is true.
pub(crate) fn tri_bool(v: i32, name: &str) -> Result<Option<bool>, FfiError> {
    match v {
        -1 => Ok(None),
        0 => Ok(Some(false)),
        1 => Ok(Some(true)),
        _ => Err(invalid(name, "use -1 (unchanged), 0 or 1")),
    }
}

pub(crate) fn page(offset: u32, limit: u32) -> Page {
    Page::new(offset, limit)
}

pub(crate) unsafe fn location(kind: i32, value: *const c_char) -> Result<Location, FfiError> {
    let v = text(value, "location_value")?;
    let name = ["phone", "in_person", "zoom", "skype", "other"];
    let k = choice(kind, &name, "location_kind")?;
    Location::from_parts(k, v).map_err(FfiError::from)
}

/// Writes an object to an out-parameter; builds nothing when the out-parameter is NULL
/// (optional outputs).
macro_rules! put_one {
    ($out:expr, $t:ty, $v:expr) => {
        if !$out.is_null() {
            put($out, into_raw::<$t>(&$v))
        }
    };
}

pub(crate) fn goal_with(g: Goal) -> GoalWithMilestones {
    GoalWithMilestones {
        goal: g,
        milestones: Vec::new(),
    }
}

pub(crate) fn assignment_with(a: Assignment) -> AssignmentWithFiles {
    AssignmentWithFiles {
        assignment: a,
        files: Vec::new(),
    }
}

pub(crate) unsafe fn comment_target(
    kind: i32, target_id: *const c_char,
) -> Result<CommentTarget, FfiError> {
    Ok(match kind {
        0 => CommentTarget::Note(id(target_id, "target_id")?),
        1 => CommentTarget::Goal(id(target_id, "target_id")?),
        2 => CommentTarget::Assignment(id(target_id, "target_id")?),
        other => return Err(invalid("target_kind", format!("{other} is out of range"))),
    })
}

/// `count` items at `p` (NULL allowed when `count` is 0).
pub(crate) unsafe fn items<'a, T>(p: *const T, count: usize, name: &str) -> Result<&'a [T], FfiError> {
    if count == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(null(name));
    }
    if (p as usize) % std::mem::align_of::<T>() != 0 {
        return Err(invalid(name, "not aligned for its type"));
    }
    if count > 10_000 {
        return Err(invalid(name, "more than 10000 items"));
    }
    Ok(std::slice::from_raw_parts(p, count))
}
