//! [`Coaching`], the handle every host holds, and the operations on it.
//!
//! Each operation takes its actor, authorises it ([`crate::auth`]), validates its input, and
//! runs as one atomic storage transaction that also appends to the activity log.

mod assignments;
mod comments;
mod engagement;
mod goals;
mod notes;
mod practice;
mod resources;
mod session;

pub use assignments::{AssignmentFileSource, AssignmentInput};
pub use engagement::{EngagementUpdate, NewEngagement};
pub use goals::NewGoal;
pub use notes::NoteScope;
pub use practice::{ClientUpdate, NewClient, NewCoach, NewPractice, NewProgram, ProgramUpdate};
pub use session::{NewSession, MAX_SERIES_SESSIONS, MAX_SESSION_LENGTH, MAX_WINDOW};

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::activity::{Action, LogEntry, TargetRef};
use crate::actor::Actor;
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, Result};
use crate::ids::{EngagementId, LogEntryId, PracticeId};
use crate::storage::{MemoryStore, Reader, SqliteStore, Storage, Writer};

/// The library's main handle: a store and a clock.
///
/// `Coaching` is `Send + Sync` and cheap to clone (clones share the same store), so a host
/// may hand it to as many threads as it likes. On SQLite, reads run on their own connections
/// and never wait for a write beyond what SQLite itself requires.
#[derive(Clone)]
pub struct Coaching {
    inner: Arc<Inner>,
}

struct Inner {
    store: Box<dyn Storage>,
    clock: Arc<dyn Clock>,
    max_file_bytes: std::sync::atomic::AtomicU64,
}

/// The default largest file a library, engagement or assignment accepts: 25 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;

impl std::fmt::Debug for Coaching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coaching").finish_non_exhaustive()
    }
}

/// One write transaction as the operations see it: the writer, and the single "now" of the
/// operation (every timestamp it writes is the same instant).
pub(crate) struct Tx<'a> {
    pub(crate) w: &'a mut dyn Writer,
    pub(crate) now: DateTime<Utc>,
}

impl Tx<'_> {
    /// The same transaction, read side.
    pub(crate) fn r(&self) -> &dyn Reader {
        &*self.w
    }

    /// Appends one entry to the log, stamped with the operation's time.
    pub(crate) fn log(
        &mut self,
        practice: PracticeId,
        engagement: Option<EngagementId>,
        actor: Actor,
        action: Action,
        target: TargetRef,
        detail: Option<String>,
    ) -> Result<()> {
        let entry = LogEntry {
            id: LogEntryId::new(),
            practice_id: practice,
            engagement_id: engagement,
            at: self.now,
            actor,
            action,
            target,
            detail,
        };
        self.w.append_log(&entry)
    }
}

impl Coaching {
    /// A library over `store`, on the system clock.
    pub fn new(store: impl Storage + 'static) -> Self {
        Self::with_clock(store, SystemClock)
    }

    /// A library over `store` with an injected clock (tests, simulations, imports).
    pub fn with_clock(store: impl Storage + 'static, clock: impl Clock + 'static) -> Self {
        Coaching {
            inner: Arc::new(Inner {
                store: Box::new(store),
                clock: Arc::new(clock),
                max_file_bytes: DEFAULT_MAX_FILE_BYTES.into(),
            }),
        }
    }

    /// Opens (or creates) the SQLite file at `path`; see [`SqliteStore::open`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Ok(Self::new(SqliteStore::open(path)?))
    }

    /// A library over a fresh in-memory store.
    pub fn in_memory() -> Self {
        Self::new(MemoryStore::new())
    }

    /// The largest file (in bytes) that uploads accept; larger ones are refused with
    /// [`Error::FileTooLarge`] and nothing is stored. Default [`DEFAULT_MAX_FILE_BYTES`].
    pub fn max_file_bytes(&self) -> u64 {
        self.inner
            .max_file_bytes
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Sets the upload size limit for every clone of this handle.
    pub fn set_max_file_bytes(&self, limit: u64) {
        self.inner
            .max_file_bytes
            .store(limit, std::sync::atomic::Ordering::Relaxed)
    }

    /// The library clock's current time.
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.clock.now()
    }

    /// Runs `f` against a consistent snapshot.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&dyn Reader) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut out = None;
        self.inner.store.read(&mut |r| {
            let f = f
                .take()
                .ok_or_else(|| Error::storage("the read closure ran twice"))?;
            out = Some(f(r)?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::storage("the storage backend did not run the read"))
    }

    /// Runs `f` as one atomic write.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let now = self.now();
        let mut f = Some(f);
        let mut out = None;
        self.inner.store.write(&mut |w| {
            let f = f
                .take()
                .ok_or_else(|| Error::storage("the write closure ran twice"))?;
            out = Some(f(&mut Tx { w, now })?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::storage("the storage backend did not run the write"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handle_is_send_sync_and_clone() {
        fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
        assert_send_sync::<Coaching>();
    }
}
