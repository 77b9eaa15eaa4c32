//! Diagnostics through the [`tracing`](https://docs.rs/tracing) facade.
//!
//! The library logs nothing by itself: its events reach a host only once the host installs a
//! `tracing` subscriber (`tracing_subscriber::fmt::init()`, say). The Python module forwards
//! them to `logging`. Every event has one of these targets, so a host filters them by name
//! (`RUST_LOG=coaching::storage::slow=warn` with an `EnvFilter`):
//!
//! | target | level | event and its fields |
//! |---|---|---|
//! | `coaching::storage` | `INFO` | a schema migrated: `backend`, `from`, `to`, `elapsed_ms` |
//! | `coaching::storage` | `ERROR` | a storage error: `error` (the message the host receives) |
//! | `coaching::storage` | `WARN` | a connection refused or lost: `server`, `reason` |
//! | `coaching::storage::slow` | `WARN` | a statement slower than [`slow_statement_threshold`]: `backend`, `elapsed_ms`, `sql` |
//! | `coaching::ffi` | `ERROR` | a panic caught at the C boundary: `panic` (its message) |
//!
//! No event carries personal data: a statement's SQL text has placeholders, not values, and
//! errors name rows by id.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The target of storage events (migrations, errors, lost connections).
pub const STORAGE: &str = "coaching::storage";
/// The target of slow-statement warnings.
pub const SLOW: &str = "coaching::storage::slow";
/// The target of the C boundary's events (a caught panic).
pub const FFI: &str = "coaching::ffi";

/// The default slow-statement threshold: 100 ms.
pub const DEFAULT_SLOW_STATEMENT: Duration = Duration::from_millis(100);

static SLOW_MICROS: AtomicU64 = AtomicU64::new(DEFAULT_SLOW_STATEMENT.as_micros() as u64);

/// Sets the duration from which a statement is reported as slow (for every store of the
/// process). `Duration::ZERO` reports every statement; `Duration::MAX` none.
pub fn set_slow_statement_threshold(threshold: Duration) {
    let micros = u64::try_from(threshold.as_micros()).unwrap_or(u64::MAX);
    SLOW_MICROS.store(micros, Ordering::Relaxed);
}

/// The duration from which a statement is reported as slow (default 100 ms).
pub fn slow_statement_threshold() -> Duration {
    Duration::from_micros(SLOW_MICROS.load(Ordering::Relaxed))
}

/// The longest SQL text a slow-statement event carries (its start, on a char boundary).
const SQL_IN_EVENT: usize = 500;

/// Whether a statement that took `elapsed` is slow.
#[inline]
pub(crate) fn is_slow(elapsed: Duration) -> bool {
    u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX) >= SLOW_MICROS.load(Ordering::Relaxed)
}

/// Reports `sql` if it took `elapsed` or longer.
#[inline]
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
pub(crate) fn statement_finished(backend: &'static str, sql: &str, elapsed: Duration) {
    if is_slow(elapsed) {
        slow(backend, sql, elapsed);
    }
}

/// Reports a slow statement (its SQL text, whitespace folded, at most 500 bytes).
#[cold]
pub(crate) fn slow(backend: &'static str, sql: &str, elapsed: Duration) {
    let mut end = sql.len().min(SQL_IN_EVENT);
    while !sql.is_char_boundary(end) {
        end -= 1;
    }
    let sql = sql[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    tracing::warn!(
        target: SLOW,
        backend,
        elapsed_ms = elapsed.as_secs_f64() * 1000.0,
        sql = %sql,
        "slow statement"
    );
}

/// Reports a schema migration.
pub(crate) fn migrated(backend: &'static str, from: u32, to: u32, elapsed: Duration) {
    tracing::info!(
        target: STORAGE,
        backend,
        from,
        to,
        elapsed_ms = elapsed.as_secs_f64() * 1000.0,
        "schema migrated"
    );
}

/// Reports a storage error as it is made.
#[cold]
pub(crate) fn storage_error(message: &str) {
    tracing::error!(target: STORAGE, error = message, "storage error");
}

/// Reports a refused or lost connection.
#[cold]
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
pub(crate) fn connection_error(server: &str, reason: &str) {
    tracing::warn!(target: STORAGE, server, reason, "connection failed");
}

/// Reports a panic the C boundary caught (used by `coaching-ffi`).
#[doc(hidden)]
#[cold]
pub fn panic_caught(message: &str) {
    tracing::error!(target: FFI, panic = message, "panic caught at the FFI boundary");
}
