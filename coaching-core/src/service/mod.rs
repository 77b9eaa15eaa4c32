//! [`Coaching`], the handle every host holds, and the operations on it.
//!
//! Each operation takes its actor, authorises it ([`crate::auth`]), validates its input, and
//! runs as one atomic storage transaction that also appends to the activity log.

mod archive;
mod assignments;
mod booking;
mod comments;
mod engagement;
mod export;
mod feed;
pub(crate) mod fields;
pub(crate) mod forms;
mod goals;
mod journal;
mod notes;
mod practice;
mod resources;
mod session;
mod sync;
pub(crate) use sync::Applied;

pub use archive::ERASED_CLIENT_NAME;
pub use assignments::{AssignmentFileSource, AssignmentInput};
pub use engagement::{EngagementUpdate, NewEngagement};
pub use export::{export_to_path, Imported, TransferCounts, EXPORT_FORMAT, EXPORT_FORMAT_VERSION};
pub use feed::{ChangePage, Cursor};
pub use goals::NewGoal;
pub use notes::NoteScope;
pub use practice::{ClientUpdate, NewClient, NewCoach, NewPractice, NewProgram, ProgramUpdate};
pub use session::{NewSession, MAX_SERIES_SESSIONS, MAX_SESSION_LENGTH, MAX_WINDOW};

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::activity::{Action, Audience, LogEntry, TargetRef};
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
    /// A replica's view ([`crate::replica`]): written only through the replica.
    replica_view: bool,
}

thread_local! {
    /// Set while a replica writes to its own view.
    static REPLICA_WRITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The default largest file a library, engagement or assignment accepts: 25 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;

impl std::fmt::Debug for Coaching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coaching").finish_non_exhaustive()
    }
}

/// Whether `s` names a PostgreSQL database (`postgresql://…` or `postgres://…`) rather than a
/// file.
pub fn is_database_url(s: &str) -> bool {
    let lower = s.trim_start().get(..13).unwrap_or("").to_ascii_lowercase();
    lower.starts_with("postgresql://") || lower.starts_with("postgres://")
}

/// The store `path` names: the PostgreSQL database of a `postgresql://` URL, otherwise the
/// SQLite file at `path` (created if needed). What `Coaching::open` opens; the bindings use it
/// to open a store on a clock of their own.
pub fn open_store(path: impl AsRef<Path>) -> Result<Box<dyn Storage>> {
    match path.as_ref().to_str().filter(|s| is_database_url(s)) {
        Some(url) => connect_store(url),
        None => Ok(Box::new(SqliteStore::open(path)?)),
    }
}

fn connect_store(url: &str) -> Result<Box<dyn Storage>> {
    #[cfg(feature = "postgres")]
    {
        Ok(Box::new(crate::storage::PostgresStore::open(url)?))
    }
    #[cfg(not(feature = "postgres"))]
    {
        let _ = url;
        Err(Error::invalid(
            "url",
            "this build of the library has no PostgreSQL support (cargo feature `postgres`)",
        ))
    }
}

/// `path` as messages and hosts may show it: a file path as it is, a database URL without its
/// password.
pub fn shown_location(path: impl AsRef<Path>) -> String {
    let p = path.as_ref();
    match p.to_str().filter(|s| is_database_url(s)) {
        Some(s) => match url::Url::parse(s.trim()) {
            Ok(mut u) => {
                if u.password().is_some() {
                    let _ = u.set_password(Some("***"));
                }
                u.to_string()
            }
            Err(_) => "(a database URL that does not parse)".to_string(),
        },
        None => p.display().to_string(),
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

    /// Appends one entry to the log, stamped with the operation's time, for the action's
    /// usual audience ([`Audience::of`]).
    pub(crate) fn log(
        &mut self,
        practice: PracticeId,
        engagement: Option<EngagementId>,
        actor: Actor,
        action: Action,
        target: TargetRef,
        detail: Option<String>,
    ) -> Result<()> {
        let audience = Audience::of(action, engagement.is_some());
        self.log_to(
            audience, practice, engagement, actor, action, target, detail,
        )
    }

    /// Appends one entry for `audience`: where the target decides who may read it (a note
    /// shared or not, a comment on one, a client's upload).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn log_to(
        &mut self,
        audience: Audience,
        practice: PracticeId,
        engagement: Option<EngagementId>,
        actor: Actor,
        action: Action,
        target: TargetRef,
        detail: Option<String>,
    ) -> Result<()> {
        let entry = LogEntry {
            audience,
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
                replica_view: false,
            }),
        }
    }

    /// A replica's view over `store`: its writes are refused unless the replica makes them
    /// ([`Coaching::as_replica`]).
    pub(crate) fn replica_view(store: Arc<MemoryStore>, clock: Arc<dyn Clock>) -> Self {
        Coaching {
            inner: Arc::new(Inner {
                store: Box::new(store),
                clock,
                max_file_bytes: DEFAULT_MAX_FILE_BYTES.into(),
                replica_view: true,
            }),
        }
    }

    /// Runs `f` as the replica writing to its own view (on this thread).
    pub(crate) fn as_replica<T>(f: impl FnOnce() -> T) -> T {
        struct Reset(bool);
        impl Drop for Reset {
            fn drop(&mut self) {
                REPLICA_WRITING.with(|w| w.set(self.0));
            }
        }
        let _reset = Reset(REPLICA_WRITING.with(|w| w.replace(true)));
        f()
    }

    /// Refuses a write to a replica's view that the replica is not making.
    fn writable(&self) -> Result<()> {
        if self.inner.replica_view && !REPLICA_WRITING.with(|w| w.get()) {
            return Err(Error::invalid(
                "replica",
                "a replica's view is read-only: write through the replica, which queues the write for the server",
            ));
        }
        Ok(())
    }

    /// Opens a store: a PostgreSQL database when `path` is a `postgresql://` (or
    /// `postgres://`) URL — see `PostgresStore::open`, feature `postgres` — otherwise the
    /// SQLite file at `path`, created if needed (see [`SqliteStore::open`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Ok(Self::new(open_store(path)?))
    }

    /// Connects to the PostgreSQL database at `url` (`postgresql://user@host/db`); see
    /// `PostgresStore::open`. Without the `postgres` feature, a [`Error::Validation`] of
    /// `url` says so.
    pub fn connect(url: &str) -> Result<Self> {
        Ok(Self::new(connect_store(url)?))
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

    /// Runs `f` as one storage transaction: every operation `f` performs through the handle
    /// it is given is written inside it, and nothing is committed until `f` returns `Ok`
    /// (an `Err` from `f` rolls everything back). Each operation keeps its own rules and its
    /// own atomicity — a refused operation inside a batch changes nothing and `f` may carry on.
    /// Reads inside `f` see the batch's own writes. Other threads wait for the batch to commit
    /// before they write. This is the bulk path: importing a practice this way applies exactly
    /// the same rules as calling the operations one by one, with one commit instead of many.
    pub fn batch<T>(&self, f: impl FnOnce(&Coaching) -> Result<T>) -> Result<T> {
        self.writable()?;
        if batch::current(self).is_some() {
            return f(self); // already inside a batch of this handle
        }
        let mut f = Some(f);
        let mut out = None;
        self.inner.store.write(&mut |w| {
            let f = f
                .take()
                .ok_or_else(|| Error::storage("the batch closure ran twice"))?;
            let _open = batch::Open::new(self, w);
            out = Some(f(self)?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::storage("the storage backend did not run the batch"))
    }

    /// Runs `f` against a consistent snapshot.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&dyn Reader) -> Result<T>) -> Result<T> {
        if let Some(w) = batch::current(self) {
            // SAFETY: the pointer is the open batch's writer, valid until the batch ends, and
            // only this thread (the batch's) can see it.
            let w: &mut dyn Writer = unsafe { &mut *w };
            return f(&*w);
        }
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

    /// The clock's time, refused when a host's clock stands outside the instants the library
    /// stores (it would be written as a timestamp, or used to compute dates).
    /// To the microsecond, as every backend stores it (so a practice exported from memory
    /// imports into SQLite or PostgreSQL exactly).
    pub(crate) fn checked_now(&self) -> Result<DateTime<Utc>> {
        use chrono::SubsecRound;
        crate::validate::instant("now", self.now().trunc_subsecs(6))
    }

    /// Every practice in the store, by id: for operators' tools (the command line's export,
    /// copy and check), which act as each practice's owner. Not an operation of a person:
    /// a host shows a user only the practices they belong to.
    pub fn practices(&self) -> Result<Vec<crate::model::Practice>> {
        let ids = self.read(|r| r.practice_ids())?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            // One read each: a PostgreSQL operation is scoped to one practice.
            if let Some(p) = self.read(|r| r.practice(id))? {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// Runs `f` as one atomic write.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.writable()?;
        let now = self.checked_now()?;
        if let Some(w) = batch::current(self) {
            // SAFETY: as in `read`.
            let w: &mut dyn Writer = unsafe { &mut *w };
            w.savepoint()?;
            let mut tx = Tx { w, now };
            return match f(&mut tx) {
                Ok(v) => {
                    tx.w.release_savepoint()?;
                    Ok(v)
                }
                Err(e) => {
                    tx.w.rollback_savepoint()?;
                    Err(e)
                }
            };
        }
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

/// The writer of the batch open on this thread, if any, per handle.
mod batch {
    use std::cell::Cell;

    use super::Coaching;
    use crate::storage::Writer;

    type Ptr = *mut (dyn Writer + 'static);

    thread_local! {
        static OPEN: Cell<Option<(usize, Ptr)>> = const { Cell::new(None) };
    }

    fn key(lib: &Coaching) -> usize {
        std::sync::Arc::as_ptr(&lib.inner) as usize
    }

    /// The open batch's writer for this handle on this thread.
    pub(super) fn current(lib: &Coaching) -> Option<Ptr> {
        OPEN.with(|o| o.get().filter(|(k, _)| *k == key(lib)).map(|(_, p)| p))
    }

    /// Marks a batch open for the lifetime of this guard (cleared on drop, panics included).
    pub(super) struct Open;

    impl Open {
        pub(super) fn new(lib: &Coaching, w: &mut dyn Writer) -> Open {
            // SAFETY: the lifetime is erased only while the guard lives, which is inside the
            // storage's write closure that owns `w`.
            let p: Ptr =
                unsafe { std::mem::transmute::<*mut (dyn Writer + '_), Ptr>(w as *mut dyn Writer) };
            OPEN.with(|o| o.set(Some((key(lib), p))));
            Open
        }
    }

    impl Drop for Open {
        fn drop(&mut self) {
            OPEN.with(|o| o.set(None));
        }
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
