//! The SQLite backend (bundled SQLite): the default store, one file on disk.
//!
//! - WAL journal, `foreign_keys=ON`, a busy timeout, STRICT tables.
//! - One writer connection; every write runs in a `BEGIN IMMEDIATE` transaction.
//! - A small pool of reader connections: in WAL mode readers never wait for the writer.
//! - Hot statements go through `prepare_cached`.
//! - The schema is versioned by `user_version` ([`schema`]); a newer file is refused untouched.

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
    /// Refuses with [`Error::SchemaTooNew`] a file written by a newer version of the library,
    /// without modifying it; a file that is not a SQLite database is a [`Error::Storage`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let mut writer = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::storage(format!("cannot open {}: {e}", path.display())))?;
        // Nothing is written before this check: a newer file stays as it was.
        schema::check_version(&writer)?;
        configure(&writer)?;
        // The writer walks every index a write touches: give it a larger page cache (32 MB)
        // and checkpoint the WAL less often than every 1,000 pages.
        writer.pragma_update(None, "cache_size", -32_000)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
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
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        conn.pragma_update(None, "cache_size", -16_000)?;
        Ok(conn)
    }

    /// The query plan (`EXPLAIN QUERY PLAN`, one line per step) of the overview statement for
    /// `filter`'s shape. For tests and tuning.
    #[doc(hidden)]
    pub fn explain_overview(&self, filter: &super::OverviewFilter) -> Result<String> {
        self.explain(&queries::overview_sql(filter))
    }

    /// The query plan of the session-list statement for `window`'s shape.
    #[doc(hidden)]
    pub fn explain_session_lines(&self, window: &super::SessionWindow) -> Result<String> {
        self.explain(&queries::session_lines_sql(window))
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

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
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
