//! The library handle for Swift and Kotlin: opening a store (on the system clock or a host's
//! manual clock), batches, the clock, the upload limit. Mirrors `coaching-core/src/service/mod.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use std::sync::Arc;
use std::time::SystemTime;

use coaching_core as core;

use crate::mobile::types::*;

mod archive;
mod assignments;
mod booking;
mod comments;
mod engagement;
mod export;
mod feed;
mod fields;
mod goals;
mod forms;
mod journal;
mod notes;
mod practice;
mod resources;
mod session;
mod sync;

/// A handle on a store. Thread-safe: share one instance between threads.
#[derive(uniffi::Object)]
pub struct CoachingLibrary {
    inner: core::Coaching,
}

/// The body of a [`CoachingLibrary::batch`]: Kotlin `object : BatchBody { override fun run() {…} }`.
#[uniffi::export(callback_interface)]
pub trait BatchBody: Send + Sync {
    fn run(&self) -> Result<(), CoachingError>;
}

/// A clock that moves only when told to: pass it to `openWithClock` / `inMemoryWithClock` to
/// control "now" in a host's tests.
#[derive(uniffi::Object)]
pub struct ManualClock(core::ManualClock);

#[uniffi::export]
impl ManualClock {
    /// A clock standing at `at`.
    #[uniffi::constructor]
    pub fn new(at: SystemTime) -> Arc<Self> {
        Arc::new(ManualClock(core::ManualClock::new(instant(at))))
    }

    /// Moves the clock to `at` (backwards is allowed).
    pub fn set(&self, at: SystemTime) {
        self.0.set(instant(at))
    }

    /// Moves the clock forward by `seconds` (negative: back).
    pub fn advance(&self, seconds: i64) {
        self.0.advance(chrono::Duration::seconds(seconds))
    }

    pub fn now(&self) -> SystemTime {
        ts(core::Clock::now(&self.0))
    }
}

impl ManualClock {
    /// The core clock (a replica on the same clock).
    pub(crate) fn core(&self) -> &core::ManualClock {
        &self.0
    }
}

impl CoachingLibrary {
    /// A handle on `inner` (a replica's view).
    pub(crate) fn wrap(inner: core::Coaching) -> Arc<Self> {
        Arc::new(CoachingLibrary { inner })
    }

    fn overview(&self, a: core::Actor, e: core::EngagementId) -> R<Engagement> {
        Ok(self.inner.engagement(a, e)?.into())
    }
}

#[uniffi::export]
impl CoachingLibrary {
    /// Opens a store: the PostgreSQL database of a `postgresql://` URL (a JVM server is a
    /// host too), otherwise the SQLite file at `path`, created if needed.
    #[uniffi::constructor]
    pub fn open(path: String) -> R<Arc<Self>> {
        Ok(Arc::new(CoachingLibrary {
            inner: core::Coaching::open(path)?,
        }))
    }

    /// A store in memory.
    #[uniffi::constructor]
    pub fn in_memory() -> Arc<Self> {
        Arc::new(CoachingLibrary {
            inner: core::Coaching::in_memory(),
        })
    }

    /// A store at `path` on a clock the host sets (its tests and simulations).
    #[uniffi::constructor]
    pub fn open_with_clock(path: String, clock: Arc<ManualClock>) -> R<Arc<Self>> {
        Ok(Arc::new(CoachingLibrary {
            inner: core::Coaching::with_clock(core::open_store(path)?, clock.0.clone()),
        }))
    }

    /// A store in memory on a clock the host sets.
    #[uniffi::constructor]
    pub fn in_memory_with_clock(clock: Arc<ManualClock>) -> Arc<Self> {
        Arc::new(CoachingLibrary {
            inner: core::Coaching::with_clock(core::MemoryStore::new(), clock.0.clone()),
        })
    }

    /// The library clock's current time.
    pub fn now(&self) -> SystemTime {
        ts(self.inner.now())
    }

    /// The largest file uploads accept, in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.inner.max_file_bytes()
    }

    pub fn set_max_file_bytes(&self, limit: u64) {
        self.inner.set_max_file_bytes(limit)
    }

    /// Runs `body` as one transaction: the operations it performs through this library (on
    /// the calling thread) keep every rule and commit together when it returns; if it throws,
    /// everything is rolled back and the exception comes back out. An operation refused
    /// inside changes nothing and `body` may catch the error and carry on.
    pub fn batch(&self, body: Box<dyn BatchBody>) -> R<()> {
        let mut thrown = None;
        let result = self.inner.batch(|_| {
            body.run().map_err(|e| {
                thrown = Some(e);
                core::Error::Storage {
                    message: "the batch body threw: rolled back".into(),
                }
            })
        });
        match (result, thrown) {
            (Err(_), Some(e)) => Err(e),
            (r, _) => Ok(r?),
        }
    }
}
