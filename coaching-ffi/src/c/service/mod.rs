//! The library handle: opening a store (on the system clock or a host's manual clock),
//! closing it, batches, the clock, the upload limit. Mirrors `coaching-core/src/service/mod.rs`.

mod archive;
mod assignments;
mod booking;
mod comments;
mod engagement;
mod export;
mod feed;
mod fields;
mod goals;
pub(crate) mod forms;
mod journal;
mod notes;
mod practice;
mod resources;
mod session;
mod sync;

pub use archive::*;
pub use assignments::*;
pub use booking::*;
pub use comments::*;
pub use engagement::*;
pub use export::*;
pub use feed::*;
pub use fields::*;
pub use goals::*;
pub use forms::*;
pub use journal::*;
pub use notes::*;
pub use practice::*;
pub use resources::*;
pub use session::*;
pub use sync::*;

use std::ffi::{c_char, c_void};

use coaching_core::*;

use crate::c::convert::*;
use crate::c::{guard, CoachingResult, FfiError};

/// The library handle: a store and a clock. Thread-safe: one handle may be used from many
/// threads at once.
pub struct CoachingLib(pub(crate) Coaching);

/// Opens a store and writes the handle to `out`: the PostgreSQL database of a
/// `postgresql://user:password@host:port/database` URL, otherwise the SQLite file at `path`
/// (created if needed). A store written by a newer version fails with
/// `COACHING_RESULT_SCHEMA_TOO_NEW` and is left as it was; a server that cannot be reached or
/// refuses the credentials fails with `COACHING_RESULT_CONNECTION` (detail: the server), a
/// malformed URL with `COACHING_RESULT_VALIDATION` (field `url`). Release with `coaching_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_open(
    path: *const c_char, out: *mut *mut CoachingLib,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let lib = Coaching::open(text(path, "path")?)?;
        put(out, Box::into_raw(Box::new(CoachingLib(lib))));
        Ok(())
    })
}

/// A handle over a fresh in-memory store. Release with `coaching_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_open_in_memory(out: *mut *mut CoachingLib) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        put(
            out,
            Box::into_raw(Box::new(CoachingLib(Coaching::in_memory()))),
        );
        Ok(())
    })
}

/// Releases a handle (NULL is accepted). Other handles that came from it stay valid.
#[no_mangle]
pub unsafe extern "C" fn coaching_free(lib: *mut CoachingLib) {
    if !lib.is_null() {
        drop(Box::from_raw(lib));
    }
}

/// A clock that moves only when told to, for a host's tests. Release with `coaching_clock_free`
/// (a library opened on it keeps its own reference).
pub struct CoachingClock(pub(crate) ManualClock);

/// A manual clock standing at `start` (seconds since the Unix epoch).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_new(
    start: i64, out: *mut *mut CoachingClock,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let clock = ManualClock::new(instant(start, "start")?);
        put(out, Box::into_raw(Box::new(CoachingClock(clock))));
        Ok(())
    })
}

/// Moves the clock to `at` (seconds since the Unix epoch; backwards is allowed).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_set(
    clock: *const CoachingClock, at: i64,
) -> CoachingResult {
    guard(|| {
        let c = clock
            .as_ref()
            .ok_or_else(|| crate::c::convert::null("clock"))?;
        c.0.set(instant(at, "at")?);
        Ok(())
    })
}

/// Moves the clock by `seconds` (negative: back).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_advance(
    clock: *const CoachingClock, seconds: i64,
) -> CoachingResult {
    guard(|| {
        let c = clock
            .as_ref()
            .ok_or_else(|| crate::c::convert::null("clock"))?;
        let by = chrono::Duration::try_seconds(seconds)
            .ok_or_else(|| crate::c::convert::invalid("seconds", "out of range"))?;
        c.0.advance(by);
        Ok(())
    })
}

/// Releases a clock (NULL is accepted).
#[no_mangle]
pub unsafe extern "C" fn coaching_clock_free(clock: *mut CoachingClock) {
    if !clock.is_null() {
        drop(Box::from_raw(clock));
    }
}

/// Like `coaching_open`, on `clock` instead of the system clock.
#[no_mangle]
pub unsafe extern "C" fn coaching_open_with_clock(
    path: *const c_char, clock: *const CoachingClock, out: *mut *mut CoachingLib,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let c = clock
            .as_ref()
            .ok_or_else(|| crate::c::convert::null("clock"))?;
        let lib =
            Coaching::with_clock(coaching_core::open_store(text(path, "path")?)?, c.0.clone());
        put(out, Box::into_raw(Box::new(CoachingLib(lib))));
        Ok(())
    })
}

/// Like `coaching_open_in_memory`, on `clock` instead of the system clock.
#[no_mangle]
pub unsafe extern "C" fn coaching_open_in_memory_with_clock(
    clock: *const CoachingClock, out: *mut *mut CoachingLib,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let c = clock
            .as_ref()
            .ok_or_else(|| crate::c::convert::null("clock"))?;
        let lib = Coaching::with_clock(MemoryStore::new(), c.0.clone());
        put(out, Box::into_raw(Box::new(CoachingLib(lib))));
        Ok(())
    })
}

/// The library clock's current time, in seconds since the Unix epoch.
#[no_mangle]
pub unsafe extern "C" fn coaching_now(lib: *const CoachingLib, out: *mut i64) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        put(out, crate::c::convert::lib(lib)?.now().timestamp());
        Ok(())
    })
}

/// The largest file uploads accept, in bytes.
#[no_mangle]
pub unsafe extern "C" fn coaching_max_file_bytes(
    lib: *const CoachingLib, out: *mut u64,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        put(out, crate::c::convert::lib(lib)?.max_file_bytes());
        Ok(())
    })
}

/// The body of a batch: called once with the library handle and the host's `user_data`.
/// Return `COACHING_RESULT_OK` to commit, any other code to roll everything back.
pub type CoachingBatchBody =
    Option<unsafe extern "C" fn(lib: *const CoachingLib, user_data: *mut c_void) -> CoachingResult>;

/// Runs `body` as one transaction: every call it makes with `lib` on this thread keeps its
/// rules and its own atomicity (a refused call changes nothing; the body may carry on), and
/// all of them commit together when `body` returns `COACHING_RESULT_OK`. Any other return
/// rolls everything back and is returned as it is, with the last error the body's failing call
/// recorded. Other threads' writes wait for the batch.
#[no_mangle]
pub unsafe extern "C" fn coaching_batch(
    lib: *const CoachingLib, body: CoachingBatchBody, user_data: *mut c_void,
) -> CoachingResult {
    let mut from_body = (CoachingResult::Ok, None);
    let code = guard(|| {
        let l = crate::c::convert::lib(lib)?;
        let body = body.ok_or_else(|| crate::c::convert::null("body"))?;
        l.batch(|_| {
            let code = body(lib, user_data);
            if code == CoachingResult::Ok {
                return Ok(());
            }
            from_body = (code, crate::c::last_error());
            Err(Error::Storage {
                message: "the batch body failed: rolled back".into(),
            })
        })?;
        Ok(())
    });
    match from_body {
        (CoachingResult::Ok, _) => code,
        (body_code, Some(last)) if last.code == body_code => crate::c::set_last(last),
        (body_code, _) => crate::c::set_last(FfiError::new(
            body_code,
            "the batch body returned an error: everything it did was rolled back",
        )),
    }
}

/// Sets the largest file uploads accept, in bytes (default 25 MiB).
#[no_mangle]
pub unsafe extern "C" fn coaching_set_max_file_bytes(
    lib: *const CoachingLib, limit: u64,
) -> CoachingResult {
    guard(|| {
        crate::c::convert::lib(lib)?.set_max_file_bytes(limit);
        Ok(())
    })
}
