//! The one shape of every operation of the C ABI: check the out-parameter, read the handle
//! and the actor, run the call (which reads its own arguments), write the result. Each C
//! function is a single call to one of these, so adding an operation costs its signature and
//! one line.

use std::ffi::c_char;

use coaching_core::{Actor, Coaching, Engagement};

use super::convert::{actor, lib, out_ptr, put};
use super::views::{into_raw, list_raw, CoachingEngagement, CoachingList, View};
use super::{guard, CoachingResult, FfiError};
use crate::c::service::CoachingLib;

unsafe fn run<T>(
    handle: *const CoachingLib, kind: i32, id: *const c_char,
    op: impl FnOnce(&Coaching, Actor) -> Result<T, FfiError>, write: impl FnOnce(T),
) -> CoachingResult {
    guard(|| {
        let v = op(lib(handle)?, actor(kind, id)?)?;
        write(v);
        Ok(())
    })
}

/// An operation with one result, written to `out` (which must not be NULL).
pub(crate) unsafe fn one<T: View>(
    handle: *const CoachingLib, kind: i32, id: *const c_char, out: *mut *mut T,
    op: impl FnOnce(&Coaching, Actor) -> Result<T::From, FfiError>,
) -> CoachingResult {
    if let Err(e) = out_ptr(out, "out") {
        return guard(|| Err(e));
    }
    run(handle, kind, id, op, |v| put(out, into_raw::<T>(&v)))
}

/// An operation whose result the caller may skip: `out` NULL builds nothing.
pub(crate) unsafe fn maybe<T: View>(
    handle: *const CoachingLib, kind: i32, id: *const c_char, out: *mut *mut T,
    op: impl FnOnce(&Coaching, Actor) -> Result<T::From, FfiError>,
) -> CoachingResult {
    run(handle, kind, id, op, |v| {
        if !out.is_null() {
            put(out, into_raw::<T>(&v))
        }
    })
}

/// An operation returning a list of `T`, written to `out` (which must not be NULL).
pub(crate) unsafe fn list<T: View>(
    handle: *const CoachingLib, kind: i32, id: *const c_char, out: *mut *mut CoachingList,
    op: impl FnOnce(&Coaching, Actor) -> Result<Vec<T::From>, FfiError>,
) -> CoachingResult {
    if let Err(e) = out_ptr(out, "out") {
        return guard(|| Err(e));
    }
    run(handle, kind, id, op, |v| put(out, list_raw::<T>(&v)))
}

/// An operation returning a list of `T` the caller may skip: `out` NULL builds nothing.
pub(crate) unsafe fn maybe_list<T: View>(
    handle: *const CoachingLib, kind: i32, id: *const c_char, out: *mut *mut CoachingList,
    op: impl FnOnce(&Coaching, Actor) -> Result<Vec<T::From>, FfiError>,
) -> CoachingResult {
    run(handle, kind, id, op, |v| {
        if !out.is_null() {
            put(out, list_raw::<T>(&v))
        }
    })
}

/// An operation with a plain value (a string, a number), written to `out` (not NULL).
pub(crate) unsafe fn value<T, R>(
    handle: *const CoachingLib, kind: i32, id: *const c_char, out: *mut R,
    op: impl FnOnce(&Coaching, Actor) -> Result<T, FfiError>, to_c: impl FnOnce(T) -> R,
) -> CoachingResult {
    if let Err(e) = out_ptr(out, "out") {
        return guard(|| Err(e));
    }
    run(handle, kind, id, op, |v| put(out, to_c(v)))
}

/// An operation with no result.
pub(crate) unsafe fn done(
    handle: *const CoachingLib, kind: i32, id: *const c_char,
    op: impl FnOnce(&Coaching, Actor) -> Result<(), FfiError>,
) -> CoachingResult {
    run(handle, kind, id, op, |()| ())
}

/// An engagement operation whose result the caller may skip: when `out` is not NULL, the
/// engagement is read back as its overview line (NULL costs no second read).
pub(crate) unsafe fn maybe_engagement(
    handle: *const CoachingLib, kind: i32, id: *const c_char, out: *mut *mut CoachingEngagement,
    op: impl FnOnce(&Coaching, Actor) -> Result<Engagement, FfiError>,
) -> CoachingResult {
    guard(|| {
        let (l, a) = (lib(handle)?, actor(kind, id)?);
        let e = op(l, a)?;
        if !out.is_null() {
            put(out, into_raw::<CoachingEngagement>(&l.engagement(a, e.id)?));
        }
        Ok(())
    })
}
