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

/// Declares operations of the C ABI, one per item:
///
/// ```text
/// /// Docs (they become the header's comment).
/// fn coaching_x(param: CType, ...) -> KIND [Type] = |lib, actor| body [, to_c];
/// ```
///
/// Every function takes `lib`, `actor_kind` and `actor_id` first, then the listed parameters,
/// then the out-parameter that KIND implies (see the helpers above): `one`/`maybe`/
/// `maybe_engagement` write a `Type *` to `Type **out`, `list`/`maybe_list` a list of `Type` to
/// `CoachingList **out`, `value` the plain `Type` made by `to_c` to `Type *out`; `done` has no
/// out-parameter. cbindgen reads the expanded crate, so the header shows each function whole.
macro_rules! c_ops {
    ($($(#[doc = $d:literal])* fn $name:ident($($p:ident: $t:ty),* $(,)?)
        -> $kind:ident $($T:ty)? = $f:expr $(, $to_c:expr)?;)*) => {$(
        c_op!($kind [$($T)?] [$($to_c)?] $(#[doc = $d])* $name ($($p: $t),*) $f);
    )*};
}

macro_rules! c_op {
    (done [] [] $(#[$m:meta])* $name:ident ($($p:ident: $t:ty),*) $f:expr) => {
        $(#[$m])*
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, $($p: $t),*
        ) -> CoachingResult {
            done(lib, actor_kind, actor_id, $f)
        }
    };
    (value [$T:ty] [$to_c:expr] $(#[$m:meta])* $name:ident ($($p:ident: $t:ty),*) $f:expr) => {
        $(#[$m])*
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, $($p: $t,)*
            out: *mut $T,
        ) -> CoachingResult {
            value(lib, actor_kind, actor_id, out, $f, $to_c)
        }
    };
    (list [$T:ty] [] $($rest:tt)*) => { c_op!(@list list [$T] $($rest)*); };
    (maybe_list [$T:ty] [] $($rest:tt)*) => { c_op!(@list maybe_list [$T] $($rest)*); };
    (@list $kind:ident [$T:ty] $(#[$m:meta])* $name:ident ($($p:ident: $t:ty),*) $f:expr) => {
        $(#[$m])*
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, $($p: $t,)*
            out: *mut *mut CoachingList,
        ) -> CoachingResult {
            $kind::<$T>(lib, actor_kind, actor_id, out, $f)
        }
    };
    ($kind:ident [$T:ty] [] $(#[$m:meta])* $name:ident ($($p:ident: $t:ty),*) $f:expr) => {
        $(#[$m])*
        #[no_mangle]
        pub unsafe extern "C" fn $name(
            lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, $($p: $t,)*
            out: *mut *mut $T,
        ) -> CoachingResult {
            $kind(lib, actor_kind, actor_id, out, $f)
        }
    };
}
