//! The C ABI.
//!
//! Conventions (also at the top of `include/coaching.h`):
//! - Every function returns a [`CoachingResult`]; `COACHING_RESULT_OK` is 0. On any other
//!   code, out-parameters are left untouched and the last error of the calling thread says why.
//! - Handles (`CoachingLib`, `CoachingList`, objects, `CoachingBytes`) are created by the
//!   library and released by their `_free` function, which accepts NULL.
//! - Strings passed in are NUL-terminated UTF-8, borrowed for the call. Strings inside
//!   returned objects belong to the object and live as long as it does. Strings returned on
//!   their own (`char **out`) are freed with `coaching_string_free`.
//! - A `CoachingLib` may be shared between threads; every other handle belongs to one thread
//!   at a time.
//! - No Rust panic crosses this boundary: it is caught and reported as `COACHING_RESULT_PANIC`.

#[macro_use]
mod call;
#[macro_use]
mod convert;
mod replica;
mod service;
mod views;

pub use replica::*;
pub use service::*;
pub use views::*;

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use coaching_core::Error;

/// Result of every C function. Values are stable: new codes are only ever added.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoachingResult {
    Ok = 0,
    NotFound = 1,
    PermissionDenied = 2,
    InvalidTransition = 3,
    InvalidSessionTransition = 4,
    EngagementNotActive = 5,
    NoPortal = 6,
    FileTooLarge = 7,
    PlanLimitReached = 8,
    MissingFields = 9,
    Validation = 10,
    Conflict = 11,
    SchemaTooNew = 12,
    Storage = 13,
    /// The file is not the library's (another application's database, not a database, empty);
    /// it was not changed. The detail field is the path.
    NotCoachingFile = 14,
    /// The database server cannot be reached or refused the connection (not listening, bad
    /// credentials, no such database, restarted during the call); nothing was changed. The
    /// detail field names the server (`user@host:port/database`).
    Connection = 15,
    /// A client asked for a start outside the coach's published hours (or off the step between
    /// slots). The detail field is the start (RFC 3339); `current` its Unix time in seconds.
    OutsideAvailability = 16,
    /// A client asked for a start sooner than the minimum notice: `limit` is the notice in
    /// minutes, `current` how many minutes ahead the start was.
    NoticeTooShort = 17,
    /// A client asked for a start past the horizon: `limit` is the horizon in days, `current`
    /// how many days ahead the start was (rounded up).
    BeyondHorizon = 18,
    /// A client asked for more sessions than remain of the planned total: the detail field is
    /// the unit (`sessions`, or `hours` counted in minutes), `limit` the planned total,
    /// `current` what is used and already scheduled.
    AllocationUsedUp = 19,
    /// An argument is out of its domain (a malformed id, an unknown enum value, a bad date).
    InvalidArgument = 100,
    /// A string argument is not valid UTF-8.
    InvalidUtf8 = 101,
    /// A required pointer is NULL.
    NullPointer = 102,
    /// A bug: a panic inside the library was caught. The library stays usable.
    Panic = 103,
}

/// An error of the C layer: the code and what to report.
pub(crate) struct FfiError {
    code: CoachingResult,
    message: String,
    field: Option<String>,
    limit: i64,
    current: i64,
}

impl FfiError {
    pub(crate) fn new(code: CoachingResult, message: impl Into<String>) -> Self {
        FfiError {
            code,
            message: message.into(),
            field: None,
            limit: -1,
            current: -1,
        }
    }
}

impl From<Error> for FfiError {
    fn from(e: Error) -> Self {
        let message = e.to_string();
        let mut out = FfiError::new(CoachingResult::Storage, message);
        out.code = match &e {
            Error::NotFound { .. } => CoachingResult::NotFound,
            Error::PermissionDenied { .. } => CoachingResult::PermissionDenied,
            Error::InvalidTransition { from, to } => {
                out.field = Some(format!("{}->{}", from.as_str(), to.as_str()));
                CoachingResult::InvalidTransition
            }
            Error::InvalidSessionTransition { from, to } => {
                out.field = Some(format!("{}->{}", from.as_str(), to.as_str()));
                CoachingResult::InvalidSessionTransition
            }
            Error::EngagementNotActive { status } => {
                out.field = Some(status.as_str().into());
                CoachingResult::EngagementNotActive
            }
            Error::NoPortal { client } => {
                out.field = Some(client.clone());
                CoachingResult::NoPortal
            }
            Error::FileTooLarge { size, limit } => {
                out.limit = *limit as i64;
                out.current = *size as i64;
                CoachingResult::FileTooLarge
            }
            Error::PlanLimitReached {
                kind,
                limit,
                current,
            } => {
                out.field = Some(kind.as_str().into());
                out.limit = *limit as i64;
                out.current = *current as i64;
                CoachingResult::PlanLimitReached
            }
            Error::MissingFields { fields } => {
                out.field = Some(fields.join(","));
                CoachingResult::MissingFields
            }
            Error::Validation { field, .. } => {
                out.field = Some(field.clone());
                CoachingResult::Validation
            }
            Error::Conflict { .. } => CoachingResult::Conflict,
            Error::SchemaTooNew { found, supported } => {
                out.current = *found as i64;
                out.limit = *supported as i64;
                CoachingResult::SchemaTooNew
            }
            Error::Storage { .. } => CoachingResult::Storage,
            Error::NotCoachingFile { path, .. } => {
                out.field = Some(path.clone());
                CoachingResult::NotCoachingFile
            }
            Error::Connection { server, .. } => {
                out.field = Some(server.clone());
                CoachingResult::Connection
            }
            Error::OutsideAvailability { start } => {
                out.field = Some(start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                out.current = start.timestamp();
                CoachingResult::OutsideAvailability
            }
            Error::NoticeTooShort {
                notice_minutes,
                minutes_ahead,
            } => {
                out.limit = *notice_minutes as i64;
                out.current = *minutes_ahead;
                CoachingResult::NoticeTooShort
            }
            Error::BeyondHorizon {
                horizon_days,
                days_ahead,
            } => {
                out.limit = *horizon_days as i64;
                out.current = *days_ahead as i64;
                CoachingResult::BeyondHorizon
            }
            Error::AllocationUsedUp {
                unit,
                planned,
                used,
                scheduled,
            } => {
                out.field = Some(unit.as_str().into());
                out.limit = *planned as i64;
                out.current = *used as i64 + *scheduled as i64;
                CoachingResult::AllocationUsedUp
            }
            // A variant newer than this layer: reported as a storage error with its message.
            _ => CoachingResult::Storage,
        };
        out
    }
}

struct LastError {
    code: CoachingResult,
    message: CString,
    field: Option<CString>,
    limit: i64,
    current: i64,
}

thread_local! {
    static LAST: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

fn cstring_lossy(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

/// The calling thread's last error, as it was recorded (to put back with `set_last`).
pub(crate) fn last_error() -> Option<FfiError> {
    LAST.with(|l| {
        l.borrow().as_ref().map(|e| FfiError {
            code: e.code,
            message: e.message.to_string_lossy().into_owned(),
            field: e.field.as_ref().map(|f| f.to_string_lossy().into_owned()),
            limit: e.limit,
            current: e.current,
        })
    })
}

pub(crate) fn set_last(e: FfiError) -> CoachingResult {
    let code = e.code;
    LAST.with(|l| {
        *l.borrow_mut() = Some(LastError {
            code,
            message: cstring_lossy(&e.message),
            field: e.field.as_deref().map(cstring_lossy),
            limit: e.limit,
            current: e.current,
        })
    });
    code
}

/// Runs one entry point: catches panics, records the error, returns the code.
pub(crate) fn guard(f: impl FnOnce() -> Result<(), FfiError>) -> CoachingResult {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => CoachingResult::Ok,
        Ok(Err(e)) => set_last(e),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            coaching_core::diagnostics::panic_caught(&what);
            set_last(FfiError::new(
                CoachingResult::Panic,
                format!("internal error (panic): {what}"),
            ))
        }
    }
}

/// The code of the calling thread's last failed call (`COACHING_RESULT_OK` if none).
#[no_mangle]
pub extern "C" fn coaching_last_error_code() -> CoachingResult {
    LAST.with(|l| l.borrow().as_ref().map_or(CoachingResult::Ok, |e| e.code))
}

/// The message of the calling thread's last failed call, or NULL if none. Owned by the
/// library; valid until the next failing call on this thread. Do not free.
#[no_mangle]
pub extern "C" fn coaching_last_error_message() -> *const c_char {
    LAST.with(|l| {
        l.borrow()
            .as_ref()
            .map_or(std::ptr::null(), |e| e.message.as_ptr())
    })
}

/// The structured detail of the last error, or NULL: the validation field, the missing
/// fields (comma-separated), `from->to` of a refused transition, the engagement status, the
/// client without a portal, the plan limit's kind. Same lifetime as the message.
#[no_mangle]
pub extern "C" fn coaching_last_error_field() -> *const c_char {
    LAST.with(|l| {
        l.borrow()
            .as_ref()
            .and_then(|e| e.field.as_ref())
            .map_or(std::ptr::null(), |f| f.as_ptr())
    })
}

/// The limit of the last plan-limit or file-size error (the supported version for
/// `SCHEMA_TOO_NEW`), or -1.
#[no_mangle]
pub extern "C" fn coaching_last_error_limit() -> i64 {
    LAST.with(|l| l.borrow().as_ref().map_or(-1, |e| e.limit))
}

/// The current count of the last plan-limit error (the file size, the file's schema
/// version), or -1.
#[no_mangle]
pub extern "C" fn coaching_last_error_current() -> i64 {
    LAST.with(|l| l.borrow().as_ref().map_or(-1, |e| e.current))
}

/// Exercises the panic guard: panics inside the library and returns `COACHING_RESULT_PANIC`.
/// For host test suites that check their handling of that code.
#[no_mangle]
pub extern "C" fn coaching_selftest_panic() -> CoachingResult {
    guard(|| panic!("coaching_selftest_panic was called"))
}

/// The library version (from Cargo.toml). Static; do not free.
#[no_mangle]
pub extern "C" fn coaching_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
