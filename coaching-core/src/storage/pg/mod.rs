//! The PostgreSQL backend (feature `postgres`): one practice database shared by every app
//! server of a platform.
//!
//! - The synchronous [`postgres`] client, which fits the synchronous [`Storage`] trait (each
//!   call runs its statements on one connection and returns), and a small pool of idle
//!   connections: a call takes one, or opens one if none is idle. A pooled connection the
//!   server has closed (it restarted) is found out by the call's first statement and replaced
//!   once, before anything ran; a connection lost later fails the call with
//!   [`Error::Connection`] and is dropped.
//! - Prepared statements are cached per connection: a call is one round trip per statement.
//! - Reads run in a `REPEATABLE READ READ ONLY` transaction (one snapshot). Writes run in a
//!   `READ COMMITTED` transaction that locks the row of its practice (`FOR NO KEY UPDATE`) as
//!   soon as it knows the practice, before it reads anything else: the writes of one practice
//!   run one at a time, across processes and machines, so the plan cap, the double-booking
//!   check, automatic completion and the log order hold as they do on one SQLite file; and
//!   every statement after the lock sees what the previous writers committed. Writes in
//!   different practices never wait for each other.
//! - Every query of an operation names its practice: the first lookup of an operation finds
//!   the practice of the id the host passed (`SELECT practice_id … WHERE id = $1`, one index
//!   probe, a router-less lookup in a sharded cluster); every statement after it filters on
//!   `practice_id` (see [`schema`]).
//! - The schema is versioned ([`schema`]); a database of a newer version is refused untouched.

mod queries;
pub mod schema;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use postgres::types::ToSql;
use postgres::{Client, Config, NoTls, Row, Statement};

use super::{Reader, Storage, Writer};
use crate::error::{Error, Result};
use crate::ids::PracticeId;

pub use schema::CURRENT_VERSION;

/// How long opening a connection may take unless the URL says (`connect_timeout`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a TCP connection may go unanswered before it counts as lost (see `open`).
const DEAD_PEER: Duration = Duration::from_secs(30);
/// Idle connections kept for reuse.
const MAX_IDLE: usize = 8;

/// A PostgreSQL database (or one schema of it: the first of the connection's `search_path`).
pub struct PostgresStore {
    config: Config,
    server: String,
    idle: Mutex<Vec<Conn>>,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore")
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

/// One connection and its prepared statements.
struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
}

/// The server as messages name it: `user@host:port/database`, never the password.
fn describe(config: &Config) -> String {
    use postgres::config::Host;
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let host = match h {
                Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                Host::Unix(path) => path.display().to_string(),
            };
            match config.get_ports().get(i).or(config.get_ports().first()) {
                Some(port) => format!("{host}:{port}"),
                None => format!("{host}:5432"),
            }
        })
        .collect();
    let hosts = if hosts.is_empty() {
        "localhost:5432".to_string()
    } else {
        hosts.join(",")
    };
    let user = config.get_user().unwrap_or("");
    let db = config.get_dbname().or(config.get_user()).unwrap_or("");
    if user.is_empty() {
        format!("{hosts}/{db}")
    } else {
        format!("{user}@{hosts}/{db}")
    }
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgresql://user:password@host:port/database`,
    /// a Unix socket as a percent-encoded host such as `%2Fvar%2Frun%2Fpostgresql`, and any
    /// libpq parameter the `postgres` crate reads, e.g. `?options=-csearch_path%3Dtenant_a`)
    /// and brings its schema up to date.
    ///
    /// Refuses: a URL that is not one ([`Error::Validation`], field `url`); a server that
    /// cannot be reached within the connect timeout (10 s unless the URL sets
    /// `connect_timeout`), bad credentials or a missing database ([`Error::Connection`],
    /// naming the server); a database written by a newer version of the library
    /// ([`Error::SchemaTooNew`], nothing written). TLS is not built in: use a Unix socket, a
    /// private network or a local TLS proxy.
    pub fn open(url: &str) -> Result<Self> {
        let mut config: Config = url.trim().parse().map_err(|e: postgres::Error| {
            Error::invalid("url", format!("not a PostgreSQL connection URL: {e}"))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        // A server that vanishes from the network mid-call (no reset, no answer) is noticed:
        // unacknowledged data gives up after 30 s, and an idle wait for an answer is probed
        // after 30 s, every 10 s, 3 times — unless the URL says otherwise. (A wait for another
        // writer's lock is not cut short: the server answers the probes.)
        if config.get_tcp_user_timeout().is_none() {
            config.tcp_user_timeout(DEAD_PEER);
        }
        if config.get_keepalives_idle() == Duration::from_secs(2 * 60 * 60) {
            config.keepalives_idle(DEAD_PEER);
        }
        if config.get_keepalives_interval().is_none() {
            config.keepalives_interval(Duration::from_secs(10));
        }
        if config.get_keepalives_retries().is_none() {
            config.keepalives_retries(3);
        }
        if config.get_application_name().is_none() {
            config.application_name("coaching");
        }
        let server = describe(&config);
        let store = PostgresStore {
            config,
            server,
            idle: Mutex::new(Vec::new()),
        };
        let mut conn = store.connect()?;
        schema::migrate(&mut conn.client).map_err(|e| store.named(e))?;
        store.checkin(conn);
        Ok(store)
    }

    /// The server, as errors name it (`user@host:port/database`).
    pub fn server(&self) -> &str {
        &self.server
    }

    fn connect(&self) -> Result<Conn> {
        let client = self.config.connect(NoTls).map_err(|e| {
            let reason = match e.as_db_error() {
                Some(db) => db.message().to_owned(),
                None => e.to_string(),
            };
            crate::diagnostics::connection_error(&self.server, &reason);
            Error::Connection {
                server: self.server.clone(),
                reason,
            }
        })?;
        let mut conn = Conn {
            client,
            statements: HashMap::new(),
        };
        // Every statement is written for its indexes and reads a page or a practice: plan each
        // prepared statement once (generic plans) instead of again on each of its first calls,
        // and never spend milliseconds starting parallel workers or compiling a plan (JIT) for
        // a query that runs in one or two. A transaction left idle for a minute (a host's batch
        // callback that stalls while it holds its practice's lock) is ended by the server, so
        // the practice's other writers go on.
        conn.client
            .batch_execute(
                "SET plan_cache_mode = force_generic_plan; SET jit = off; \
                 SET max_parallel_workers_per_gather = 0; \
                 SET idle_in_transaction_session_timeout = '60s'",
            )
            .map_err(|e| self.named(e.into()))?;
        Ok(conn)
    }

    fn checkout(&self) -> Option<Conn> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(c) = idle.pop() {
            if !c.client.is_closed() {
                return Some(c);
            }
        }
        None
    }

    fn checkin(&self, conn: Conn) {
        if conn.client.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
    }

    /// A connection error names this store's server.
    fn named(&self, e: Error) -> Error {
        match e {
            Error::Connection { server, reason } if server.is_empty() => Error::Connection {
                server: self.server.clone(),
                reason,
            },
            other => other,
        }
    }

    /// A pooled connection, or a new one when none is idle.
    fn take(&self) -> Result<(Conn, bool)> {
        match self.checkout() {
            Some(c) => Ok((c, true)),
            None => Ok((self.connect()?, false)),
        }
    }

    fn run(&self, write: bool, f: &mut dyn FnMut(&mut PgTx<'_>) -> Result<()>) -> Result<()> {
        let (mut conn, pooled) = self.take()?;
        // The transaction begins with its first statement, in the same round trip (see
        // `PgTx::first`).
        let (result, begun) = {
            let mut tx = PgTx {
                conn: RefCell::new(&mut conn),
                store: self,
                begun: Cell::new(false),
                pooled: Cell::new(pooled),
                scope: Cell::new(None),
                locked: RefCell::new(Vec::new()),
                practice: RefCell::new(None),
                write,
            };
            let r = f(&mut tx);
            (r, tx.begun.get())
        };
        if !begun {
            // Nothing ran (or the first statement failed, its transaction with it): nothing
            // to end.
            self.checkin(conn);
            return result.map_err(|e| self.named(e));
        }
        match result {
            Ok(()) => {
                conn.client
                    .batch_execute("COMMIT")
                    .map_err(|e| self.named(e.into()))?;
                self.checkin(conn);
                Ok(())
            }
            Err(e) => {
                if conn.client.batch_execute("ROLLBACK").is_ok() {
                    self.checkin(conn);
                }
                Err(self.named(e))
            }
        }
    }
}

impl Storage for PostgresStore {
    fn read(&self, f: &mut dyn FnMut(&dyn Reader) -> Result<()>) -> Result<()> {
        self.run(false, &mut |tx| f(tx))
    }

    fn write(&self, f: &mut dyn FnMut(&mut dyn Writer) -> Result<()>) -> Result<()> {
        self.run(true, &mut |tx| f(tx))
    }
}

/// Whether a statement names its practice for every table it reads or writes — what lets a
/// practice be the distribution column of a sharded cluster. Checked on every statement the
/// debug builds prepare (the test suites): each `FROM`, `JOIN` or `UPDATE` of a table needs a
/// `practice_id =` condition (the practices table: its `id`), an `INSERT` a `practice_id`
/// column; the one exception is the first lookup of an operation, which finds the practice
/// of an id ([`Table::locate_sql`]).
pub(crate) fn names_its_practice(sql: &str) -> bool {
    let sql = sql
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        // `extract(epoch from a_column)` reads a column, not a table.
        .replace("extract(epoch from ", "extract(epoch of ");
    const LOCATE: &str = "select practice_id from ";
    // The first lookup of a write: the practice of a row, locked and read.
    if let Some((head, rest)) = sql.split_once(" from practices where id = (") {
        return head.starts_with("select ")
            && !head.contains(" from ")
            && rest
                .strip_suffix(") for no key update")
                .is_some_and(|inner| {
                    inner.starts_with(LOCATE) && inner.ends_with(" where id = $1")
                });
    }
    if sql == queries::PRACTICE_IDS_SQL.to_lowercase() {
        return true;
    }
    if sql.starts_with(LOCATE)
        && (sql.ends_with(" where id = $1")
            || sql == "select practice_id from activity_log where engagement_id = $1 limit 1")
    {
        return true;
    }
    if let Some(rest) = sql.strip_prefix("insert into ") {
        let columns = rest.split(')').next().unwrap_or("");
        return columns.contains("practice_id") || rest.starts_with("practices (id,");
    }
    let words: Vec<&str> = sql.split(' ').collect();
    let mut tables = 0;
    let mut practices = 0;
    for pair in words.windows(2) {
        if matches!(pair[0], "from" | "join" | "update") {
            match pair[1].trim_end_matches(',') {
                "practices" => practices += 1,
                // The statement's own named subqueries.
                "q" | "top" | "lateral" => {}
                t if t.starts_with('(') => {}
                _ => tables += 1,
            }
        }
    }
    let conditions = sql.matches("practice_id = ").count();
    let practice_rows = sql.matches("from practices where id = $1").count();
    conditions >= tables && practice_rows >= practices
}

/// The tables an operation may find its practice from (by the id of one of their rows).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Table {
    Coaches,
    Clients,
    Programs,
    Engagements,
    Sessions,
    Notes,
    Goals,
    Milestones,
    Assignments,
    AssignmentFiles,
    Resources,
    Comments,
    ProgramItems,
    JournalEntries,
    Fields,
    FormTemplates,
    Forms,
}

impl Table {
    fn locate_sql(self) -> &'static str {
        match self {
            Table::Coaches => "SELECT practice_id FROM coaches WHERE id = $1",
            Table::Clients => "SELECT practice_id FROM clients WHERE id = $1",
            Table::Programs => "SELECT practice_id FROM programs WHERE id = $1",
            Table::Engagements => "SELECT practice_id FROM engagements WHERE id = $1",
            Table::Sessions => "SELECT practice_id FROM sessions WHERE id = $1",
            Table::Notes => "SELECT practice_id FROM notes WHERE id = $1",
            Table::Goals => "SELECT practice_id FROM goals WHERE id = $1",
            Table::Milestones => "SELECT practice_id FROM milestones WHERE id = $1",
            Table::Assignments => "SELECT practice_id FROM assignments WHERE id = $1",
            Table::AssignmentFiles => "SELECT practice_id FROM assignment_files WHERE id = $1",
            Table::Resources => "SELECT practice_id FROM resources WHERE id = $1",
            Table::Comments => "SELECT practice_id FROM comments WHERE id = $1",
            Table::ProgramItems => "SELECT practice_id FROM program_items WHERE id = $1",
            Table::JournalEntries => "SELECT practice_id FROM journal_entries WHERE id = $1",
            Table::Fields => "SELECT practice_id FROM fields WHERE id = $1",
            Table::FormTemplates => "SELECT practice_id FROM form_templates WHERE id = $1",
            Table::Forms => "SELECT practice_id FROM forms WHERE id = $1",
        }
    }
}

/// One transaction seen as a [`Reader`] / [`Writer`], scoped to one practice once it knows it.
pub(crate) struct PgTx<'c> {
    conn: RefCell<&'c mut Conn>,
    store: &'c PostgresStore,
    /// Whether `BEGIN` has been sent.
    begun: Cell<bool>,
    /// Whether the connection came from the pool (and may have been closed by the server).
    pooled: Cell<bool>,
    /// The practice of this operation, once known.
    scope: Cell<Option<PracticeId>>,
    /// The practices this write transaction has locked (a batch may write in several).
    locked: RefCell<Vec<PracticeId>>,
    /// The practice row as this transaction last read or wrote it. Nothing else changes it
    /// meanwhile: a write holds its lock, a read sees one snapshot.
    pub(crate) practice: RefCell<Option<crate::model::Practice>>,
    write: bool,
}

pub(crate) type Params<'a> = [&'a (dyn ToSql + Sync)];

/// The rows `sql` returns in the simple protocol (every column as text).
fn simple_rows(
    client: &mut Client,
    sql: &str,
) -> std::result::Result<Vec<postgres::SimpleQueryRow>, postgres::Error> {
    Ok(client
        .simple_query(sql)?
        .into_iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => Some(r),
            _ => None,
        })
        .collect())
}

/// Runs one statement's round trip, reporting it when slow ([`crate::diagnostics`]).
#[inline]
fn timed<T>(sql: &str, run: impl FnOnce() -> std::result::Result<T, postgres::Error>) -> Result<T> {
    let started = std::time::Instant::now();
    let out = run();
    crate::diagnostics::statement_finished("postgresql", sql, started.elapsed());
    Ok(out?)
}

/// `BEGIN` of a read or a write transaction.
fn begin_sql(write: bool) -> &'static str {
    if write {
        "BEGIN ISOLATION LEVEL READ COMMITTED"
    } else {
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    }
}

impl PgTx<'_> {
    /// Sends `BEGIN` (with `then`, a statement in the simple protocol, in the same round trip)
    /// unless it has been sent. A pooled connection the server has closed (a restart) fails
    /// here, before anything ran: it is replaced by a new one, once. Returns `then`'s rows.
    fn first(&self, then: Option<&str>) -> Result<Vec<postgres::SimpleQueryRow>> {
        let sql = match then {
            Some(s) => format!("{}; {s}", begin_sql(self.write)),
            None => begin_sql(self.write).to_string(),
        };
        let rows = |conn: &mut Conn| {
            let started = std::time::Instant::now();
            let out = simple_rows(&mut conn.client, &sql);
            crate::diagnostics::statement_finished("postgresql", &sql, started.elapsed());
            out
        };
        let mut conn = self.conn.borrow_mut();
        let out = match rows(&mut conn) {
            Ok(r) => r,
            Err(e) if self.pooled.get() && (e.is_closed() || e.as_db_error().is_none()) => {
                // Nothing ran on the closed connection: a new one runs it all.
                **conn = self.store.connect()?;
                self.pooled.set(false);
                rows(&mut conn)?
            }
            Err(e) => return Err(e.into()),
        };
        self.begun.set(true);
        Ok(out)
    }

    fn ensure_begun(&self) -> Result<()> {
        if !self.begun.get() {
            self.first(None)?;
        }
        Ok(())
    }

    fn statement(&self, sql: &str) -> Result<Statement> {
        self.ensure_begun()?;
        let mut conn = self.conn.borrow_mut();
        if let Some(s) = conn.statements.get(sql) {
            return Ok(s.clone());
        }
        debug_assert!(
            names_its_practice(sql),
            "a statement that does not filter on the practice: {sql}"
        );
        let s = conn.client.prepare(sql)?;
        conn.statements.insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    pub(crate) fn query(&self, sql: &str, params: &Params<'_>) -> Result<Vec<Row>> {
        let stmt = self.statement(sql)?;
        timed(sql, || self.conn.borrow_mut().client.query(&stmt, params))
    }

    pub(crate) fn query_opt(&self, sql: &str, params: &Params<'_>) -> Result<Option<Row>> {
        let stmt = self.statement(sql)?;
        timed(sql, || {
            self.conn.borrow_mut().client.query_opt(&stmt, params)
        })
    }

    pub(crate) fn execute(&self, sql: &str, params: &Params<'_>) -> Result<u64> {
        let stmt = self.statement(sql)?;
        timed(sql, || self.conn.borrow_mut().client.execute(&stmt, params))
    }

    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        self.ensure_begun()?;
        timed(sql, || self.conn.borrow_mut().client.batch_execute(sql))
    }

    /// Runs `template` (one `$1`: a UUID, written into it as a literal — a UUID's text is hex
    /// digits and hyphens) in the simple protocol; as the transaction's first statement, with
    /// `BEGIN` in the same round trip. Returns the first row's columns as text.
    fn first_row(&self, template: &str, id: uuid::Uuid) -> Result<Option<Vec<Option<String>>>> {
        debug_assert!(names_its_practice(template), "{template}");
        let sql = template.replace("$1", &format!("'{id}'::uuid"));
        let rows = if self.begun.get() {
            timed(&sql, || {
                simple_rows(&mut self.conn.borrow_mut().client, &sql)
            })?
        } else {
            self.first(Some(&sql))?
        };
        Ok(rows
            .first()
            .map(|r| (0..r.len()).map(|i| r.get(i).map(str::to_owned)).collect()))
    }

    /// Whether this operation is within `practice`. The first practice an operation names
    /// becomes its scope; in a write, its row is locked first (see the module documentation).
    /// Another practice afterwards is outside: its rows are not found.
    pub(crate) fn within(&self, practice: PracticeId) -> Result<bool> {
        match self.scope.get() {
            Some(p) => Ok(p == practice),
            None => {
                if self.write && !self.locked.borrow().contains(&practice) {
                    let row = self.first_row(queries::LOCK_PRACTICE_SQL, *practice.as_uuid())?;
                    self.keep_practice(row)?;
                    self.locked.borrow_mut().push(practice);
                }
                self.scope.set(Some(practice));
                Ok(true)
            }
        }
    }

    /// The practice a write of a row of `practice` happens in; an operation writes in one
    /// practice only.
    pub(crate) fn writing_in(&self, practice: PracticeId) -> Result<PracticeId> {
        if self.within(practice)? {
            Ok(practice)
        } else {
            Err(Error::storage(
                "one operation writes in one practice: this write names another",
            ))
        }
    }

    /// The practice of the operation: its scope, or (first lookup) the practice of row `id`
    /// of `table`, which becomes the scope. `None`: no such row.
    pub(crate) fn locate(&self, table: Table, id: uuid::Uuid) -> Result<Option<PracticeId>> {
        if let Some(p) = self.scope.get() {
            return Ok(Some(p));
        }
        if self.write && self.locked.borrow().is_empty() {
            // The first lookup of a write: find the practice, lock it and read it in one
            // statement.
            let sql =
                queries::LOCK_PRACTICE_SQL.replace("$1", &format!("({})", table.locate_sql()));
            let row = self.first_row(&sql, id)?;
            let Some(practice) = self.keep_practice(row)? else {
                return Ok(None);
            };
            self.locked.borrow_mut().push(practice);
            self.scope.set(Some(practice));
            return Ok(Some(practice));
        }
        let Some(row) = self.first_row(table.locate_sql(), id)? else {
            return Ok(None);
        };
        let practice: PracticeId =
            queries::parse_text(row.first().cloned().flatten(), "practice id")?;
        self.within(practice)?;
        Ok(Some(practice))
    }

    /// Keeps the practice row a lock returned (as text); its id.
    fn keep_practice(&self, row: Option<Vec<Option<String>>>) -> Result<Option<PracticeId>> {
        let Some(row) = row else { return Ok(None) };
        let p = queries::practice_from_text(&row)?;
        let id = p.id;
        *self.practice.borrow_mut() = Some(p);
        Ok(Some(id))
    }

    /// A new operation of a batch: it finds its own practice (the locks taken stay until
    /// the transaction ends).
    pub(crate) fn next_operation(&self) {
        self.scope.set(None);
    }

    /// Like [`PgTx::locate`], for a write of a row under the row `id` of `table` (which must
    /// exist).
    pub(crate) fn parent_practice(&self, table: Table, id: uuid::Uuid) -> Result<PracticeId> {
        self.locate(table, id)?
            .ok_or_else(|| Error::storage(format!("{table:?}: the row written under is missing")))
    }
}

#[cfg(test)]
mod tests {
    use super::names_its_practice;

    #[test]
    fn the_practice_audit_tells_scoped_statements_from_others() {
        assert!(names_its_practice(
            "SELECT x FROM notes n JOIN engagements e ON e.practice_id = n.practice_id AND e.id = n.engagement_id
             WHERE n.practice_id = $1"
        ));
        assert!(names_its_practice(
            "SELECT practice_id FROM notes WHERE id = $1"
        ));
        assert!(names_its_practice(
            "INSERT INTO notes (practice_id, id) VALUES ($1, $2)"
        ));
        assert!(names_its_practice(
            "SELECT 1 FROM practices WHERE id = $1 FOR NO KEY UPDATE"
        ));
        assert!(names_its_practice(
            "SELECT id FROM practices WHERE id = (SELECT practice_id FROM notes WHERE id = $1) FOR NO KEY UPDATE"
        ));
        assert!(!names_its_practice(
            "SELECT id FROM practices WHERE id = (SELECT practice_id FROM notes WHERE title = $1) FOR NO KEY UPDATE"
        ));
        // A join without the practice, a lookup by id alone, an insert without it.
        assert!(!names_its_practice(
            "SELECT x FROM notes n JOIN engagements e ON e.id = n.engagement_id WHERE n.practice_id = $1"
        ));
        assert!(!names_its_practice("SELECT title FROM notes WHERE id = $1"));
        assert!(!names_its_practice("DELETE FROM notes WHERE id = $1"));
        assert!(!names_its_practice(
            "INSERT INTO notes (id, title) VALUES ($1, $2)"
        ));
        assert!(!names_its_practice("SELECT name FROM practices"));
    }
}
