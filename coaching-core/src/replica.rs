//! Offline sync, the device's half (see [`crate::sync`] and `docs/sync-design.md`): a
//! [`Replica`] is a local file holding what one actor may see of a practice, answering the
//! library's read calls offline, taking the writes the actor makes offline, and converging
//! with the host's server through [`Replica::sync_request`] and
//! [`Replica::apply_sync_response`].
//!
//! The file keeps the server's answer as it was received (the snapshots of the engagements
//! and the directory, the cursor) and the queue of operations not yet acknowledged. What the
//! host reads ([`Replica::view`]) is that state with the queued operations applied on top by
//! the library's own write calls, so an offline write meets every rule the device can check
//! (permissions, statuses, validation, clashes with the sessions it holds). The server runs
//! each operation again, once, with every rule; an operation it refuses comes back in
//! [`SyncOutcome::refused`] with its typed error, and its effect leaves the view.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::activity::LogEntry;
use crate::actor::Actor;
use crate::clock::{Clock, SystemClock};
use crate::content::{
    Assignment, AssignmentStatus, Comment, CommentTarget, Form, FormAnswer, Goal, GoalStatus,
    JournalEntry, Milestone, Note,
};
use crate::error::{Error, Result};
use crate::ids::{
    self, AssignmentId, CommentId, EngagementId, FormId, GoalId, JournalEntryId, MilestoneId,
    NoteId, PracticeId, SessionId,
};
use crate::service::{Coaching, Cursor};
use crate::session::{Location, Session};
use crate::storage::MemoryStore;
use crate::sync::*;

use crate::service::Applied;

/// The replica file's own format version.
const FILE_FORMAT: i64 = 1;

/// An operation the server refused: final, its effect gone from the view.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The operation's id.
    pub op_id: Uuid,
    /// The operation.
    pub op: SyncOp,
    /// Why the server refused it.
    pub error: Error,
}

/// What applying one answer did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncOutcome {
    /// The operations the server applied (acknowledged, no longer queued).
    pub applied: Vec<Uuid>,
    /// The operations the server refused, for the host to show.
    pub refused: Vec<Refusal>,
    /// The actor's change feed since the previous answer, oldest first.
    pub changes: Vec<LogEntry>,
    /// Engagements the answer replaced or added.
    pub updated: Vec<EngagementId>,
    /// Engagements the answer took away (the actor may no longer see them).
    pub removed: Vec<EngagementId>,
    /// More changes wait on the server: sync again now.
    pub more: bool,
}

/// One actor's copy of a practice on a device, in one local SQLite file.
pub struct Replica {
    db: Connection,
    practice: PracticeId,
    actor: Actor,
    clock: Arc<dyn Clock>,
    cursor: Option<String>,
    directory: Option<DirectorySnapshot>,
    engagements: BTreeMap<EngagementId, EngagementSnapshot>,
    pending: Vec<PendingOp>,
    /// The received state as a store (the view's starting point), kept up to date answer by
    /// answer.
    base: MemoryStore,
    /// The view's store: one for the replica's life, its contents swapped by each rebuild, so
    /// a handle to the view taken once follows every change.
    store: Arc<MemoryStore>,
    view: Coaching,
}

impl std::fmt::Debug for Replica {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Replica")
            .field("practice", &self.practice)
            .field("actor", &self.actor)
            .field("cursor", &self.cursor)
            .field("engagements", &self.engagements.len())
            .field("pending", &self.pending.len())
            .finish_non_exhaustive()
    }
}

fn storage(what: &str) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::storage(format!("replica file, {what}: {e}"))
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::storage(format!("replica file: {e}")))
}

fn unjson<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s)
        .map_err(|e| Error::storage(format!("replica file: an unreadable record: {e}")))
}

impl Replica {
    /// Opens (or creates) the replica of `practice` for `actor` in the file at `path`, on
    /// the system clock. A new replica is empty until its first sync. A file that holds
    /// another practice's or another actor's replica is refused ([`Error::Validation`] of
    /// `replica`): one file per actor.
    pub fn open(path: impl AsRef<Path>, practice: PracticeId, actor: Actor) -> Result<Replica> {
        Self::open_with_clock(path, practice, actor, Arc::new(SystemClock))
    }

    /// [`Replica::open`] with an injected clock (tests, simulations).
    pub fn open_with_clock(
        path: impl AsRef<Path>,
        practice: PracticeId,
        actor: Actor,
        clock: Arc<dyn Clock>,
    ) -> Result<Replica> {
        if actor == Actor::System {
            return Err(Error::invalid("actor", "a replica is a coach's or a client's"));
        }
        let db = Connection::open(path.as_ref()).map_err(storage("opening"))?;
        db.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=FAST;
             CREATE TABLE IF NOT EXISTS replica_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS replica_records (key TEXT PRIMARY KEY, body TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS replica_pending (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 op_id TEXT NOT NULL UNIQUE,
                 body TEXT NOT NULL,
                 queued_at TEXT NOT NULL);",
        )
        .map_err(storage("creating its tables"))?;
        let meta = |db: &Connection, key: &str| -> Result<Option<String>> {
            db.query_row("SELECT value FROM replica_meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()
                .map_err(storage("reading"))
        };
        let who = json(&(practice, actor))?;
        match meta(&db, "owner")? {
            None => {
                db.execute(
                    "INSERT INTO replica_meta (key, value) VALUES ('owner', ?1), ('format', ?2)",
                    params![who, FILE_FORMAT.to_string()],
                )
                .map_err(storage("writing"))?;
            }
            Some(w) if w == who => {}
            Some(_) => {
                return Err(Error::invalid(
                    "replica",
                    "the file holds the replica of another practice or actor",
                ))
            }
        }
        if let Some(f) = meta(&db, "format")? {
            if f.parse::<i64>().ok() != Some(FILE_FORMAT) {
                return Err(Error::invalid(
                    "replica",
                    format!("the file is of replica format {f}; this library reads {FILE_FORMAT}"),
                ));
            }
        }
        let cursor = meta(&db, "cursor")?;
        let mut directory = None;
        let mut engagements = BTreeMap::new();
        {
            let mut q = db
                .prepare("SELECT key, body FROM replica_records")
                .map_err(storage("reading"))?;
            let rows = q
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
                .map_err(storage("reading"))?;
            for row in rows {
                let (key, body) = row.map_err(storage("reading"))?;
                if key == "directory" {
                    directory = Some(unjson(&body)?);
                } else {
                    let s: EngagementSnapshot = unjson(&body)?;
                    engagements.insert(s.engagement.engagement.id, s);
                }
            }
        }
        let mut pending = Vec::new();
        {
            let mut q = db
                .prepare("SELECT body FROM replica_pending ORDER BY seq")
                .map_err(storage("reading"))?;
            let rows = q
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(storage("reading"))?;
            for row in rows {
                pending.push(unjson(&row.map_err(storage("reading"))?)?);
            }
        }
        let store = Arc::new(MemoryStore::new());
        let view = Coaching::replica_view(store.clone(), clock.clone());
        let mut replica = Replica {
            base: MemoryStore::new(),
            db,
            practice,
            actor,
            clock,
            cursor,
            directory,
            engagements,
            pending,
            store,
            view,
        };
        replica.rebuild();
        Ok(replica)
    }

    /// The practice this replica holds.
    pub fn practice(&self) -> PracticeId {
        self.practice
    }

    /// The actor this replica is for.
    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// The library's read calls on this replica's view: the server's last answer with the
    /// queued operations applied. Call them as [`Replica::actor`]. Its writes are refused
    /// (`Validation` of `replica`): write through the replica, which queues them. The handle
    /// (and its clones) follows the replica: after a write or a sync it reads the new state.
    pub fn view(&self) -> &Coaching {
        &self.view
    }

    /// The operations queued for the server, oldest first.
    pub fn pending(&self) -> &[PendingOp] {
        &self.pending
    }

    /// Whether the replica has had an answer from the server.
    pub fn has_synced(&self) -> bool {
        self.cursor.is_some()
    }

    /// The engagements the replica holds.
    pub fn engagement_ids(&self) -> Vec<EngagementId> {
        self.engagements.keys().copied().collect()
    }

    /// The view rebuilt from the received state and the queued operations (each re-applied
    /// with the ids it was queued with; one that no longer applies stays queued, its effect
    /// absent until the server decides).
    fn rebuild(&mut self) {
        self.base = MemoryStore::replica_view(self.directory.as_ref(), self.engagements.values());
        self.refresh_view();
    }

    /// The view again: the received state (shared, not copied) with the queued operations
    /// re-applied, swapped in at once.
    fn refresh_view(&mut self) {
        let next = Arc::new(self.base.fork());
        let staging = Coaching::replica_view(next.clone(), self.clock.clone());
        for p in &self.pending {
            let _ = Self::apply_on(&staging, self.actor, &p.op);
        }
        self.store.adopt(&next);
    }

    fn apply_on(view: &Coaching, actor: Actor, op: &SyncOp) -> Result<Applied> {
        Coaching::as_replica(|| match op.created() {
            Some((type_name, _, id)) => {
                ids::with_preset_ids(&[(type_name, id)], || view.apply_op(actor, op))
            }
            None => view.apply_op(actor, op),
        })
    }

    /// Applies `op` to the view as the replica's actor, with every rule the view can check,
    /// and queues it for the server. Refused (and nothing queued) as the same write call would
    /// be; a creation whose id the replica already holds is a `Conflict`.
    pub fn queue(&mut self, op: SyncOp) -> Result<Uuid> {
        self.queue_applied(op).map(|(id, _)| id)
    }

    fn queue_applied(&mut self, op: SyncOp) -> Result<(Uuid, Applied)> {
        if let Some((_, kind, id)) = op.created() {
            if self.view.read(|r| r.id_in_use(kind, id))? {
                return Err(Error::conflict(format!("the {kind} id {id} is in use")));
            }
        }
        let applied = Self::apply_on(&self.view, self.actor, &op)?;
        let p = PendingOp {
            op_id: Uuid::now_v7(),
            op,
        };
        let saved = self.db.execute(
            "INSERT INTO replica_pending (op_id, body, queued_at) VALUES (?1, ?2, ?3)",
            params![p.op_id.to_string(), json(&p)?, self.clock.now().to_rfc3339()],
        );
        if let Err(e) = saved {
            // Not queued: the view must not show it either.
            self.refresh_view();
            return Err(storage("queueing")(e));
        }
        let id = p.op_id;
        self.pending.push(p);
        Ok((id, applied))
    }

    /// The bytes of the request to send to the server: the cursor, the engagements held and
    /// the queued operations (at most [`MAX_SYNC_OPS`]; sync again for the rest).
    pub fn sync_request(&self) -> Result<Vec<u8>> {
        let req = SyncRequest {
            protocol: SYNC_PROTOCOL,
            library_version: env!("CARGO_PKG_VERSION").to_string(),
            practice_id: self.practice,
            cursor: self.cursor.clone(),
            held: self.engagements.keys().copied().collect(),
            ops: self.pending.iter().take(MAX_SYNC_OPS).cloned().collect(),
        };
        serde_json::to_vec(&req).map_err(|e| Error::storage(format!("writing the request: {e}")))
    }

    /// Applies the server's answer (the bytes [`Coaching::handle_sync`] returned): drops the
    /// operations it reports from the queue (the refused ones are returned with their
    /// errors), replaces the engagements and directory it carries, removes the engagements it
    /// says are gone, moves the cursor, and rebuilds the view with what is still queued.
    /// Atomic: bytes that are not an answer (`Validation` of `response`), an answer of a newer
    /// protocol (`Validation` of `protocol`), or an answer older than what the replica already
    /// holds (`Conflict`: a late duplicate) change nothing.
    pub fn apply_sync_response(&mut self, bytes: &[u8]) -> Result<SyncOutcome> {
        let resp: SyncResponse = serde_json::from_slice(bytes).map_err(|e| {
            Error::invalid("response", format!("not a sync answer of this library: {e}"))
        })?;
        if resp.protocol == 0 || resp.protocol > SYNC_PROTOCOL {
            return Err(Error::invalid(
                "protocol",
                format!(
                    "the server speaks sync protocol {} (library {}); this replica speaks 1 to {SYNC_PROTOCOL} (library {})",
                    resp.protocol,
                    resp.library_version,
                    env!("CARGO_PKG_VERSION")
                ),
            ));
        }
        let new_cursor = Cursor::parse(&resp.cursor)
            .map_err(|_| Error::invalid("response", "the answer's cursor is not a cursor"))?;
        if let Some(old) = self.cursor.as_deref().map(Cursor::parse).transpose()? {
            if new_cursor.seq() < old.seq() {
                return Err(Error::conflict(
                    "the answer is older than what the replica holds (a late copy of an earlier answer)",
                ));
            }
        }
        let mut outcome = SyncOutcome {
            changes: resp.changes,
            more: resp.more,
            ..SyncOutcome::default()
        };
        let mut pending = self.pending.clone();
        for r in &resp.results {
            let Some(i) = pending.iter().position(|p| p.op_id == r.op_id) else {
                continue; // reported before, or never this replica's
            };
            let p = pending.remove(i);
            match &r.outcome {
                OpOutcome::Applied => outcome.applied.push(p.op_id),
                OpOutcome::Refused { error } => outcome.refused.push(Refusal {
                    op_id: p.op_id,
                    op: p.op,
                    error: error.clone(),
                }),
            }
        }
        // Checked and written first; the replica's own state changes only once the file has
        // committed.
        let mut writes: Vec<(String, Option<String>)> = Vec::new();
        for rec in &resp.records {
            match rec {
                SyncRecord::Engagement(s) => {
                    if s.engagement.engagement.practice_id != self.practice {
                        return Err(Error::invalid("response", "an engagement of another practice"));
                    }
                    let id = s.engagement.engagement.id;
                    writes.push((id.to_string(), Some(json(s)?)));
                    outcome.updated.push(id);
                }
                SyncRecord::EngagementGone { id } => {
                    if self.engagements.contains_key(id) {
                        outcome.removed.push(*id);
                    }
                    writes.push((id.to_string(), None));
                }
                SyncRecord::Directory(d) => {
                    if d.practice.id != self.practice {
                        return Err(Error::invalid("response", "another practice's directory"));
                    }
                    writes.push(("directory".to_string(), Some(json(d)?)));
                }
            }
        }
        let done: Vec<String> = outcome
            .applied
            .iter()
            .chain(outcome.refused.iter().map(|r| &r.op_id))
            .map(|u| u.to_string())
            .collect();
        let tx = self.db.transaction().map_err(storage("syncing"))?;
        for (key, body) in &writes {
            match body {
                Some(b) => tx.execute(
                    "INSERT INTO replica_records (key, body) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET body = excluded.body",
                    params![key, b],
                ),
                None => tx.execute("DELETE FROM replica_records WHERE key = ?1", [key]),
            }
            .map_err(storage("syncing"))?;
        }
        for op in &done {
            tx.execute("DELETE FROM replica_pending WHERE op_id = ?1", [op])
                .map_err(storage("syncing"))?;
        }
        tx.execute(
            "INSERT INTO replica_meta (key, value) VALUES ('cursor', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [&resp.cursor],
        )
        .map_err(storage("syncing"))?;
        tx.commit().map_err(storage("syncing"))?;
        self.cursor = Some(resp.cursor);
        let acknowledged = !outcome.applied.is_empty() || !outcome.refused.is_empty();
        self.pending = pending;
        let mut replaced = std::collections::HashSet::new();
        let mut added = Vec::new();
        let mut directory_changed = false;
        for rec in resp.records {
            match rec {
                SyncRecord::Engagement(s) => {
                    let id = s.engagement.engagement.id;
                    replaced.insert(id);
                    added.push(id);
                    self.engagements.insert(id, *s);
                }
                SyncRecord::EngagementGone { id } => {
                    replaced.insert(id);
                    self.engagements.remove(&id);
                }
                SyncRecord::Directory(d) => {
                    self.directory = Some(*d);
                    directory_changed = true;
                }
            }
        }
        if directory_changed {
            // The directory names coaches and clients every engagement reads: start again.
            self.rebuild();
        } else if !replaced.is_empty() {
            self.base.replica_update(
                &replaced,
                added.iter().filter_map(|id| self.engagements.get(id)),
            );
            self.refresh_view();
        } else if acknowledged {
            self.refresh_view();
        }
        Ok(outcome)
    }

    // ---- the writes a device makes offline: each is the library's write call of the same
    // name, applied to the view and queued ----

    /// [`Coaching::create_note`] (without a template), queued.
    pub fn create_note(&mut self, engagement: EngagementId, title: &str, body_html: &str) -> Result<Note> {
        match self.queue_applied(SyncOp::CreateNote {
            id: NoteId::new(),
            engagement_id: engagement,
            title: title.to_string(),
            body_html: body_html.to_string(),
        })? {
            (_, Applied::Note(n)) => Ok(n),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::update_note`], queued.
    pub fn update_note(&mut self, id: NoteId, title: Option<&str>, body_html: Option<&str>) -> Result<Note> {
        match self.queue_applied(SyncOp::UpdateNote {
            id,
            title: title.map(str::to_string),
            body_html: body_html.map(str::to_string),
        })? {
            (_, Applied::Note(n)) => Ok(n),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::create_goal`] (without a horizon), queued.
    pub fn create_goal(
        &mut self,
        engagement: EngagementId,
        name: &str,
        description: Option<&str>,
        due_date: Option<NaiveDate>,
    ) -> Result<Goal> {
        match self.queue_applied(SyncOp::CreateGoal {
            id: GoalId::new(),
            engagement_id: engagement,
            name: name.to_string(),
            description: description.map(str::to_string),
            due_date,
        })? {
            (_, Applied::Goal(g)) => Ok(g),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::set_goal_status`], queued.
    pub fn set_goal_status(&mut self, id: GoalId, status: GoalStatus) -> Result<Goal> {
        match self.queue_applied(SyncOp::SetGoalStatus { id, status })? {
            (_, Applied::Goal(g)) => Ok(g),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::add_milestone`], queued.
    pub fn add_milestone(&mut self, goal: GoalId, name: &str, due_date: Option<NaiveDate>) -> Result<Milestone> {
        match self.queue_applied(SyncOp::AddMilestone {
            id: MilestoneId::new(),
            goal_id: goal,
            name: name.to_string(),
            due_date,
        })? {
            (_, Applied::Milestone(m)) => Ok(m),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::set_milestone_done`], queued.
    pub fn set_milestone_done(&mut self, id: MilestoneId, done: bool) -> Result<Milestone> {
        match self.queue_applied(SyncOp::SetMilestoneDone { id, done })? {
            (_, Applied::Milestone(m)) => Ok(m),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::book_session`], queued: checked against the sessions the replica holds;
    /// the server checks it against all of them.
    pub fn book_session(
        &mut self,
        engagement: EngagementId,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
        time_zone: Option<&str>,
        location: Location,
    ) -> Result<Session> {
        match self.queue_applied(SyncOp::BookSession {
            id: SessionId::new(),
            engagement_id: engagement,
            start,
            end,
            time_zone: time_zone.map(str::to_string),
            location,
        })? {
            (_, Applied::Session(s)) => Ok(s),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::cancel_session`], queued.
    pub fn cancel_session(&mut self, id: SessionId, reason: Option<&str>) -> Result<Session> {
        match self.queue_applied(SyncOp::CancelSession {
            id,
            reason: reason.map(str::to_string),
        })? {
            (_, Applied::Session(s)) => Ok(s),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::set_assignment_status`], queued.
    pub fn set_assignment_status(&mut self, id: AssignmentId, status: AssignmentStatus) -> Result<Assignment> {
        match self.queue_applied(SyncOp::SetAssignmentStatus { id, status })? {
            (_, Applied::Assignment(a)) => Ok(a),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::add_comment`], queued.
    pub fn add_comment(&mut self, target: CommentTarget, body_html: &str) -> Result<Comment> {
        match self.queue_applied(SyncOp::AddComment {
            id: CommentId::new(),
            target,
            body_html: body_html.to_string(),
        })? {
            (_, Applied::Comment(c)) => Ok(c),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::create_journal_entry`], queued.
    pub fn create_journal_entry(
        &mut self,
        engagement: EngagementId,
        title: &str,
        body_html: &str,
        shared: bool,
    ) -> Result<JournalEntry> {
        match self.queue_applied(SyncOp::CreateJournalEntry {
            id: JournalEntryId::new(),
            engagement_id: engagement,
            title: title.to_string(),
            body_html: body_html.to_string(),
            shared,
        })? {
            (_, Applied::JournalEntry(j)) => Ok(j),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::save_form_answers`], queued.
    pub fn save_form_answers(&mut self, id: FormId, answers: Vec<FormAnswer>) -> Result<Form> {
        match self.queue_applied(SyncOp::SaveFormAnswers { id, answers })? {
            (_, Applied::Form(f)) => Ok(f),
            (_, other) => Err(unexpected(other)),
        }
    }

    /// [`Coaching::submit_form`], queued.
    pub fn submit_form(&mut self, id: FormId) -> Result<Form> {
        match self.queue_applied(SyncOp::SubmitForm { id })? {
            (_, Applied::Form(f)) => Ok(f),
            (_, other) => Err(unexpected(other)),
        }
    }
}

fn unexpected(a: Applied) -> Error {
    Error::storage(format!("an operation returned {a:?}"))
}
