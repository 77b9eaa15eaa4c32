//! The SQLite backend (bundled SQLite): the default store, one file on disk.
//!
//! - WAL journal, `foreign_keys=ON`, a busy timeout, STRICT tables.
//! - One writer connection; every write runs in a `BEGIN IMMEDIATE` transaction.
//! - A small pool of reader connections: in WAL mode readers never wait for the writer.
//! - Hot statements go through `prepare_cached`.
//! - The schema is versioned by `user_version` ([`schema`]); a newer file is refused untouched.
//! - The file is marked as the library's (`application_id`); any other file — another
//!   application's database, a file that is not a database, an empty file — is refused with
//!   [`Error::NotCoachingFile`] before anything is written to it, the journal mode included.
//! - A new file is created whole: built under a temporary name beside it (schema, WAL mode)
//!   and linked into place only when complete, so processes opening the same new path at once
//!   all find either no file or a finished one.

mod codec;
mod content;
mod queries;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{Reader, Storage, Writer};
use crate::error::{Error, Result};

pub use schema::CURRENT_VERSION;

/// How long a connection waits for a lock held by another process before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Reader connections kept open for reuse.
const MAX_IDLE_READERS: usize = 4;
const STATEMENT_CACHE: usize = 128;

/// A SQLite database file.
pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// One connection seen as a [`Reader`] / [`Writer`].
pub(crate) struct SqlConn<'c> {
    pub(crate) conn: &'c Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Refuses, without modifying the file: a file written by a newer version of the library
    /// ([`Error::SchemaTooNew`]); a file that is not the library's — another application's
    /// SQLite database, a file that is not a database, an empty file
    /// ([`Error::NotCoachingFile`]); a damaged or unreadable one ([`Error::Storage`]). Waits
    /// up to the busy timeout (5 s) for other processes opening or writing the same file.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let display = path.display().to_string();
        if std::fs::symlink_metadata(&path).is_err() {
            create_new(&path)?;
        }
        let meta = std::fs::metadata(&path)
            .map_err(|e| Error::storage(format!("cannot open {display}: {e}")))?;
        if meta.is_dir() {
            return Err(Error::storage(format!(
                "cannot open {display}: it is a directory"
            )));
        }
        if meta.len() == 0 {
            return Err(not_ours(&path, "the file is empty"));
        }
        // Identify the file from its 100-byte header before SQLite opens it: SQLite takes a file
        // shorter than its header for an empty database, and a read-write connection may write
        // to a file it opens (roll back a hot journal, checkpoint a WAL on close).
        let version = identify(&path)?;
        schema::check_newer(version)?;
        let mut writer = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::storage(format!("cannot open {display}: {e}")))?;
        // The busy timeout first: everything below may wait for another process.
        writer.busy_timeout(BUSY_TIMEOUT)?;
        // A damaged file (a truncated copy, say) fails here, before anything is written.
        writer
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|e| Error::storage(format!("cannot read {display}: {e}")))?;
        configure(&mut writer)?;
        // The writer walks every index a write touches: give it a larger page cache (32 MB)
        // and checkpoint the WAL less often than every 1,000 pages.
        writer.pragma_update(None, "cache_size", -32_000)?;
        set_wal(&writer)?;
        writer.pragma_update(None, "wal_autocheckpoint", 4_000)?;
        schema::migrate(&mut writer)?;
        Ok(SqliteStore {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// The file this store writes to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn reader_connection(&self) -> Result<Connection> {
        if let Some(c) = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(c);
        }
        let mut conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&mut conn)?;
        conn.pragma_update(None, "cache_size", -16_000)?;
        Ok(conn)
    }

    /// The query plan (`EXPLAIN QUERY PLAN`, one line per step) of the overview statement for
    /// `filter`'s shape. For tests and tuning.
    #[doc(hidden)]
    pub fn explain_overview(&self, filter: &super::OverviewFilter) -> Result<String> {
        self.explain(&queries::overview_sql(filter))
    }

    /// The query plan of the change feed's statement for `scope`. For tests and tuning.
    #[doc(hidden)]
    pub fn explain_feed(&self, scope: &super::FeedScope) -> Result<String> {
        self.explain(&queries::feed_sql(scope))
    }

    /// The query plan of the note search statement for `search`'s shape.
    #[doc(hidden)]
    pub fn explain_search(&self, search: &super::NoteSearch) -> Result<String> {
        self.explain(&content::search_sql(search))
    }

    /// The query plan of the Client To-Dos statement.
    #[doc(hidden)]
    pub fn explain_todos(&self) -> Result<String> {
        self.explain(content::TODOS_SQL)
    }

    /// The query plan of the session-list statement for `window`'s shape.
    #[doc(hidden)]
    pub fn explain_session_lines(&self, window: &super::SessionWindow) -> Result<String> {
        self.explain(&queries::session_lines_sql(window))
    }

    /// How many times the overview statement for one engagement was compiled again while it
    /// was run for each of `ids` in turn through the statement cache (0 when plans are stable).
    /// For tests.
    #[doc(hidden)]
    pub fn overview_reprepares(
        &self,
        practice: crate::ids::PracticeId,
        ids: &[crate::ids::EngagementId],
    ) -> Result<i32> {
        let conn = self.reader_connection()?;
        let count = (|| {
            let mut reprepares = 0;
            for id in ids {
                let f = super::OverviewFilter {
                    engagement: Some(*id),
                    ..super::OverviewFilter::practice(practice)
                };
                let mut stmt = conn.prepare_cached(&queries::overview_sql(&f))?;
                let mut rows = stmt.query(queries::overview_params(&f).as_slice())?;
                while rows.next()?.is_some() {}
                drop(rows);
                reprepares = stmt.get_status(rusqlite::StatementStatus::RePrepare);
            }
            Ok::<_, Error>(reprepares)
        })();
        self.return_reader(conn);
        count
    }

    fn explain(&self, sql: &str) -> Result<String> {
        let conn = self.reader_connection()?;
        let plan = {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            // Unbound parameters are NULL: the plan is chosen when the statement is prepared.
            let mut rows = stmt.raw_query();
            let mut lines = Vec::new();
            while let Some(row) = rows.next()? {
                lines.push(row.get::<_, String>(3)?);
            }
            lines.join("\n")
        };
        self.return_reader(conn);
        Ok(plan)
    }

    fn return_reader(&self, conn: Connection) {
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < MAX_IDLE_READERS {
            pool.push(conn);
        }
    }
}

impl Drop for SqliteStore {
    /// Closes the read-only readers before the writer: the last connection to close
    /// checkpoints the WAL into the database file and removes it, and only the writer can.
    fn drop(&mut self) {
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

fn not_ours(path: &Path, reason: impl Into<String>) -> Error {
    Error::NotCoachingFile {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// The schema version of the library's file at `path`, or a refusal of a file that is not the
/// library's. Checks the header's magic string, then reads the file through a read-only
/// connection, which can write nothing (no checkpoint of another application's log, no
/// rollback of its journal) and sees what a pending write-ahead log holds.
fn identify(path: &Path) -> Result<u32> {
    let display = path.display();
    let mut magic = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => not_ours(path, "it is not a SQLite database"),
            _ => Error::storage(format!("cannot open {display}: {e}")),
        })?;
    if &magic != b"SQLite format 3\0" {
        return Err(not_ours(path, "it is not a SQLite database"));
    }
    let probe = probe(path).map_err(|e| Error::storage(format!("cannot open {display}: {e}")))?;
    probe.busy_timeout(BUSY_TIMEOUT)?;
    let read = (|| -> rusqlite::Result<(i32, u32, i64, i64)> {
        let app: i32 = probe.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: u32 = probe.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects: i64 =
            probe.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        let ours: i64 = probe.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN
             ('practices', 'coaches', 'clients', 'programs', 'engagements', 'activity_log')",
            [],
            |r| r.get(0),
        )?;
        Ok((app, version, objects, ours))
    })();
    let (app, version, objects, ours) = match read {
        Ok(h) => h,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(not_ours(path, "it is not a SQLite database"))
        }
        Err(e) => return Err(Error::storage(format!("cannot read {display}: {e}"))),
    };
    if app == schema::APPLICATION_ID {
        return Ok(version);
    }
    if app != 0 {
        return Err(not_ours(
            path,
            format!("it belongs to another application (application_id {app:#x})"),
        ));
    }
    if objects == 0 && version == 0 {
        return Ok(0); // an empty SQLite database: nothing to lose
    }
    // The library's files before schema version 6 carry no application id; they have its tables.
    if ours == 6 && (1..6).contains(&version) {
        return Ok(version);
    }
    Err(not_ours(
        path,
        "it is another application's SQLite database (it has tables, but not the library's)",
    ))
}

/// `path` with `suffix` appended (`-wal`, `-shm`, `-journal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// A read-only connection that leaves the file and its directory exactly as they were. With no
/// pending write-ahead log the file itself is the whole database, read as immutable (no lock,
/// no `-wal` or `-shm` created); with one, an ordinary read-only connection reads through it
/// (and cannot checkpoint it). A pending rollback journal is refused: reading would need it
/// rolled back first.
fn probe(path: &Path) -> std::result::Result<Connection, String> {
    let pending = |suffix| std::fs::metadata(sibling(path, suffix)).is_ok_and(|m| m.len() > 0);
    if pending("-journal") {
        return Err(
            "a rollback journal is pending beside it (a process is writing it, or crashed)".into(),
        );
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if pending("-wal") {
        return Connection::open_with_flags(path, flags).map_err(|e| e.to_string());
    }
    let absolute = std::path::absolute(path).map_err(|e| e.to_string())?;
    let mut uri =
        url::Url::from_file_path(&absolute).map_err(|()| "not a file path".to_string())?;
    uri.set_query(Some("immutable=1"));
    Connection::open_with_flags(uri.as_str(), flags | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| e.to_string())
}

/// Switches to WAL, waiting for other processes within the busy timeout (changing the journal
/// mode takes an exclusive lock, and SQLite does not always call the busy handler for it).
fn set_wal(conn: &Connection) -> Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(Error::storage(format!(
                    "the file cannot use a write-ahead log (journal mode {mode})"
                )))
            }
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Creates the library's file at `path` whole: built under a temporary name in the same
/// directory (schema, WAL mode, application id), then hard-linked into place. If another
/// process linked its own first, theirs is kept and this one is discarded. (A process killed
/// while building leaves a `.coaching-PID-N.creating` file beside it, never a partial file at
/// `path`; the next creation in that folder removes such files once they are an hour old.)
fn create_new(path: &Path) -> Result<()> {
    let display = path.display();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.file_name().is_none() {
        return Err(Error::storage(format!(
            "cannot create {display}: not a file name"
        )));
    }
    sweep_abandoned(&dir);
    // A name no other process or thread uses: the process id and a counter, claimed with
    // `create_new` (short, whatever the length of the final name).
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let tmp = loop {
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".coaching-{}-{n}.creating", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(_) => break tmp,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::storage(format!("cannot create {display}: {e}"))),
        }
    };
    let remove_tmp = |tmp: &Path| {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = tmp.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    };
    let built = (|| -> Result<()> {
        let mut conn = Connection::open_with_flags(
            &tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&mut conn)?;
        set_wal(&conn)?;
        schema::migrate(&mut conn)?;
        conn.close().map_err(|(_, e)| Error::from(e))?; // checkpoints and removes the WAL
        Ok(())
    })();
    if let Err(e) = built {
        remove_tmp(&tmp);
        return Err(Error::storage(format!("cannot create {display}: {e}")));
    }
    let linked = std::fs::hard_link(&tmp, path);
    let result = match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()), // another process won
        // A file system without hard links (FAT, some network mounts): move the finished file
        // into place unless one appeared meanwhile (a narrower race, on those file systems only).
        Err(_) if std::fs::symlink_metadata(path).is_err() => std::fs::rename(&tmp, path)
            .map_err(|e| Error::storage(format!("cannot create {display}: {e}"))),
        Err(_) => Ok(()),
    };
    remove_tmp(&tmp);
    result
}

/// How old a `.creating` file must be before it counts as abandoned: building a new file
/// takes milliseconds, so only a process killed while building leaves one this old.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the `.coaching-*.creating` files (and their `-wal`, `-shm`, `-journal`) that
/// processes killed while building a new file left in `dir`. Best effort: an unreadable folder
/// or a file that cannot be removed is left as it is.
fn sweep_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let base = ["-wal", "-shm", "-journal"]
            .iter()
            .find_map(|s| name.strip_suffix(s))
            .unwrap_or(name);
        if !(base.starts_with(".coaching-") && base.ends_with(".creating")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= ABANDONED_AFTER);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn configure(conn: &mut Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Each statement's run time, from SQLite's own profile callback, for the slow-statement
    // events (crate::diagnostics): a clock read at each end of a statement.
    conn.trace_v2(
        rusqlite::trace::TraceEventCodes::SQLITE_TRACE_PROFILE,
        Some(|event: rusqlite::trace::TraceEvent<'_>| {
            if let rusqlite::trace::TraceEvent::Profile(stmt, elapsed) = event {
                if crate::diagnostics::is_slow(elapsed) {
                    crate::diagnostics::slow("sqlite", &stmt.sql(), elapsed);
                }
            }
        }),
    )?;
    // The query planner's stability guarantee: plans never depend on bound values. Without
    // it, SQLite (with STAT4, as bundled) marks every joined statement with a bound parameter
    // for re-preparation whenever that parameter changes (constant propagation compares bound
    // values), so each cached statement was compiled again on every call — 30–50 µs for a
    // one-row lookup. Every query here is written for its index; none needs the bound values.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Statement journals (every operation is a savepoint inside its transaction) and temporary
    // b-trees stay in memory: on disk, each write statement copied the pages it touched to a
    // temporary file first (a pwrite per page; ~8 % of generating the benchmark practice).
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Deleted content is overwritten where that costs no extra I/O (an erased client's words
    // do not linger in the file's free pages).
    conn.pragma_update(None, "secure_delete", "FAST")?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

impl Storage for SqliteStore {
    fn read(&self, f: &mut dyn FnMut(&dyn Reader) -> Result<()>) -> Result<()> {
        let mut conn = self.reader_connection()?;
        let result = (|| {
            // One snapshot for every query of this read.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
            f(&SqlConn { conn: &tx })?;
            tx.finish()?;
            Ok(())
        })();
        self.return_reader(conn);
        result
    }

    fn write(&self, f: &mut dyn FnMut(&mut dyn Writer) -> Result<()>) -> Result<()> {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        f(&mut SqlConn { conn: &tx })?; // dropping `tx` on error rolls back
        tx.commit()?;
        Ok(())
    }
}
