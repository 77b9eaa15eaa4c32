//! Offline sync, the server's half (see [`crate::sync`] and `docs/sync-design.md`): a device's
//! queued operations run exactly once as the actor the host authenticated; the answer carries
//! each one's outcome and the changes the actor may see.

use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::ids::{self, PracticeId};
use crate::sync::*;

use super::feed::Cursor;
use super::Coaching;
use crate::activity::Page;
use crate::content::CommentTarget;
use crate::ids::{EngagementId, EntityKind};
use crate::session::SessionRange;
use crate::storage::FeedScope;

/// A list the actor may not read is, in a snapshot, an empty one.
fn allowed<T>(r: Result<Vec<T>>) -> Result<Vec<T>> {
    match r {
        Err(Error::PermissionDenied { .. }) => Ok(Vec::new()),
        other => other,
    }
}

/// Every item of a paged list, page by page.
fn all_pages<T>(mut page: impl FnMut(Page) -> Result<Vec<T>>) -> Result<Vec<T>> {
    let mut out = Vec::new();
    loop {
        let got = page(Page {
            offset: out.len() as u32,
            limit: Page::MAX_LIMIT,
        })?;
        let n = got.len();
        out.extend(got);
        if n < Page::MAX_LIMIT as usize {
            return Ok(out);
        }
    }
}

/// What an operation made or changed, as its write call returned it.
#[derive(Debug)]
pub(crate) enum Applied {
    Note(crate::content::Note),
    Goal(crate::content::Goal),
    Milestone(crate::content::Milestone),
    Session(crate::session::Session),
    Assignment(crate::content::Assignment),
    Comment(crate::content::Comment),
    JournalEntry(crate::content::JournalEntry),
    Form(crate::content::Form),
}

/// Most changes one response carries (the device syncs again while `more` is set).
const CHANGES_PER_RESPONSE: u32 = 1000;

impl Coaching {
    /// Answers a device's sync request (the bytes of a [`SyncRequest`]) for `actor`, the actor
    /// the host authenticated — never one named inside the bytes. Runs each queued operation
    /// once, in order, with every rule: an operation id already run (a request sent again after
    /// a lost answer) returns its recorded outcome and applies nothing; an operation id another
    /// actor sent is refused (`Conflict`). A refusal is recorded and final. Returns the bytes of
    /// a [`SyncResponse`] with each outcome and the changes after the request's cursor as the
    /// actor's change feed gives them.
    ///
    /// Refused whole, changing nothing: bytes that are not a request (`Validation` of
    /// `request`), a newer protocol (`Validation` of `protocol`), more than [`MAX_SYNC_OPS`]
    /// operations (`Validation` of `ops`), another practice than the actor's (`NotFound`), a
    /// malformed cursor (`Validation` of `cursor`). A storage failure while running them rolls
    /// every operation of the request back and records nothing: the device sends it again.
    pub fn handle_sync(&self, actor: Actor, request: &[u8]) -> Result<Vec<u8>> {
        let req: SyncRequest = serde_json::from_slice(request).map_err(|e| {
            Error::invalid("request", format!("not a sync request of this library: {e}"))
        })?;
        if req.protocol == 0 || req.protocol > SYNC_PROTOCOL {
            return Err(Error::invalid(
                "protocol",
                format!(
                    "the device speaks sync protocol {}; this server speaks 1 to {SYNC_PROTOCOL} (library {})",
                    req.protocol,
                    env!("CARGO_PKG_VERSION")
                ),
            ));
        }
        if req.ops.len() > MAX_SYNC_OPS {
            return Err(Error::invalid(
                "ops",
                format!("{} operations; a request carries at most {MAX_SYNC_OPS}", req.ops.len()),
            ));
        }
        let cursor = req.cursor.as_deref().map(Cursor::parse).transpose()?;
        // The actor must be of the practice the device holds: the feed's own check, without
        // reading a page of it.
        self.read(|r| super::feed::feed_scope(r, actor, req.practice_id).map(drop))?;
        let results = self.batch(|lib| {
            req.ops
                .iter()
                .map(|p| lib.run_once(actor, req.practice_id, p))
                .collect::<Result<Vec<_>>>()
        })?;
        let (records, changes, end, more) = self.sync_answer(actor, &req, cursor)?;
        let response = SyncResponse {
            protocol: SYNC_PROTOCOL,
            library_version: env!("CARGO_PKG_VERSION").to_string(),
            results,
            records,
            changes,
            cursor: Cursor::at(end).as_string(),
            more,
        };
        serde_json::to_vec(&response).map_err(|e| Error::storage(format!("writing the answer: {e}")))
    }

    /// What the device must hold after `cursor` (see [`SyncResponse`]): the records, the
    /// actor's feed entries, the answer's log position and whether more follow.
    fn sync_answer(
        &self,
        actor: Actor,
        req: &SyncRequest,
        cursor: Option<Cursor>,
    ) -> Result<(Vec<SyncRecord>, Vec<crate::activity::LogEntry>, i64, bool)> {
        let practice = req.practice_id;
        let mut records = Vec::new();
        let (touched, directory, changes, end, more) = match cursor {
            None => {
                // A first sync: the actor's whole view, as of the log's end now (writes after it
                // come in the next answer, and a snapshot already showing them is harmless).
                let end = self.read(|r| r.log_end(practice))?;
                let lines = match actor {
                    Actor::Client(c) => self.overview_for_client(actor, c)?,
                    _ => self.overview_for_practice(actor, practice)?,
                };
                let mut touched: Vec<EngagementId> = lines.iter().map(|l| l.engagement.id).collect();
                for h in &req.held {
                    if !touched.contains(h) {
                        touched.push(*h);
                    }
                }
                (touched, true, Vec::new(), end, false)
            }
            Some(c) => {
                // The practice's whole page after the cursor: which engagements it touches and
                // where the answer's cursor stands; the actor's own entries up to there.
                let (rows, mine) = self.read(|r| {
                    let scope = super::feed::feed_scope(r, actor, practice)?;
                    let all = r.changes(practice, FeedScope::All, c.seq(), CHANGES_PER_RESPONSE)?;
                    let mine = r.changes(practice, scope, c.seq(), CHANGES_PER_RESPONSE)?;
                    Ok((all, mine))
                })?;
                let end = rows.last().map_or(c.seq(), |(seq, _)| *seq);
                let mut touched: Vec<EngagementId> = Vec::new();
                let mut directory = false;
                for (_, l) in &rows {
                    // An entry about an engagement names it as its target when it has no
                    // engagement of its own (a deletion is a practice-level entry).
                    let about = l.engagement_id.or_else(|| {
                        (l.target.kind == EntityKind::Engagement)
                            .then(|| EngagementId::from_uuid(l.target.id))
                    });
                    match about {
                        Some(e) if !touched.contains(&e) => touched.push(e),
                        Some(_) => {}
                        None => {}
                    }
                    if l.engagement_id.is_none() {
                        directory = true;
                        // A client or coach changed (a client's portal withdrawn or given back,
                        // a name): every engagement of theirs reads differently now.
                        let mut filter = crate::storage::OverviewFilter::practice(practice);
                        match l.target.kind {
                            EntityKind::Client => filter.client = Some(crate::ids::ClientId::from_uuid(l.target.id)),
                            EntityKind::Coach => filter.coach = Some(crate::ids::CoachId::from_uuid(l.target.id)),
                            _ => continue,
                        }
                        for line in self.read(|r| r.overview(&filter))? {
                            let e = line.engagement.id;
                            if !touched.contains(&e) {
                                touched.push(e);
                            }
                        }
                    }
                }
                let client = matches!(actor, Actor::Client(_));
                let changes = mine
                    .into_iter()
                    .filter(|(seq, _)| *seq <= end)
                    .map(|(_, mut l)| {
                        if client {
                            l.detail = None;
                        }
                        l
                    })
                    .collect();
                let more = rows.len() as u32 == CHANGES_PER_RESPONSE;
                (touched, directory, changes, end, more)
            }
        };
        for e in touched {
            match self.engagement_snapshot(actor, e)? {
                Some(s) => records.push(SyncRecord::Engagement(Box::new(s))),
                // Only a device that holds it hears it is gone: no one learns of engagements
                // they never had.
                None if req.held.contains(&e) => records.push(SyncRecord::EngagementGone { id: e }),
                None => {}
            }
        }
        if directory {
            records.push(SyncRecord::Directory(Box::new(self.directory_snapshot(actor, practice)?)));
        }
        Ok((records, changes, end, more))
    }

    /// Engagement `e` as `actor` reads it through the read calls; `None` if they may not read it.
    fn engagement_snapshot(&self, actor: Actor, e: EngagementId) -> Result<Option<EngagementSnapshot>> {
        let engagement = match self.engagement(actor, e) {
            Ok(x) => x,
            Err(Error::NotFound { .. } | Error::PermissionDenied { .. }) => return Ok(None),
            Err(x) => return Err(x),
        };
        let mut sessions = Vec::new();
        for range in [SessionRange::Upcoming, SessionRange::Past] {
            sessions.extend(all_pages(|page| self.sessions(actor, e, range, page))?);
        }
        let notes = allowed(self.notes(actor, e))?;
        let goals = allowed(self.goals(actor, e))?;
        let assignments = allowed(self.assignments(actor, e))?;
        let mut comments = Vec::new();
        let targets = notes
            .iter()
            .map(|n| CommentTarget::Note(n.id))
            .chain(goals.iter().map(|g| CommentTarget::Goal(g.goal.id)))
            .chain(assignments.iter().map(|a| CommentTarget::Assignment(a.assignment.id)));
        for t in targets {
            comments.extend(allowed(self.comments(actor, t))?);
        }
        Ok(Some(EngagementSnapshot {
            engagement,
            sessions,
            notes,
            goals,
            assignments,
            comments,
            forms: allowed(self.forms(actor, e))?,
            journal: allowed(self.journal(actor, e))?,
            resources: allowed(self.engagement_resources(actor, e))?,
            activity: allowed(all_pages(|page| self.activity(actor, e, page)))?,
        }))
    }

    /// The practice's directory as `actor` reads it.
    fn directory_snapshot(&self, actor: Actor, practice: PracticeId) -> Result<DirectorySnapshot> {
        Ok(DirectorySnapshot {
            practice: self.practice(actor, practice)?,
            coaches: allowed(self.coaches(actor, practice))?,
            clients: allowed(self.clients(actor, practice))?,
            archived_clients: allowed(self.archived_clients(actor, practice))?,
            form_templates: allowed(self.form_templates(actor, practice))?,
            me: match actor {
                Actor::Client(c) => Some(self.client(actor, c)?),
                _ => None,
            },
            programs: allowed(self.programs(actor, practice))?,
        })
    }

    /// Runs one queued operation once (inside the request's batch), or returns its recorded
    /// outcome.
    fn run_once(&self, actor: Actor, practice: PracticeId, p: &PendingOp) -> Result<OpResult> {
        let recorded = self.write(|tx| tx.w.sync_op(practice, p.op_id))?;
        if let Some((by, outcome)) = recorded {
            if by != actor {
                return Ok(OpResult {
                    op_id: p.op_id,
                    outcome: OpOutcome::Refused {
                        error: Error::conflict("the operation id is another actor's"),
                    },
                    replayed: false,
                });
            }
            let outcome: OpOutcome = serde_json::from_str(&outcome)
                .map_err(|e| Error::storage(format!("an unreadable recorded outcome: {e}")))?;
            return Ok(OpResult {
                op_id: p.op_id,
                outcome,
                replayed: true,
            });
        }
        let done = match p.op.created() {
            Some((type_name, kind, id)) => {
                if self.read(|r| r.id_in_use(kind, id))? {
                    Err(Error::conflict(format!("the {kind} id {id} is in use")))
                } else {
                    ids::with_preset_ids(&[(type_name, id)], || self.apply_op(actor, &p.op))
                }
            }
            None => self.apply_op(actor, &p.op),
        };
        let outcome = match done {
            Ok(_) => OpOutcome::Applied,
            // Not the operation's fault: nothing is recorded, the request fails and is sent
            // again.
            Err(e @ (Error::Storage { .. } | Error::Connection { .. })) => return Err(e),
            Err(error) => OpOutcome::Refused { error },
        };
        let json = serde_json::to_string(&outcome)
            .map_err(|e| Error::storage(format!("recording an outcome: {e}")))?;
        self.write(|tx| {
            let now = tx.now;
            tx.w.save_sync_op(practice, p.op_id, actor, &json, now)
        })?;
        Ok(OpResult {
            op_id: p.op_id,
            outcome,
            replayed: false,
        })
    }

    /// The write an operation stands for, as `actor`.
    pub(crate) fn apply_op(&self, actor: Actor, op: &SyncOp) -> Result<Applied> {
        match op.clone() {
            SyncOp::CreateNote {
                engagement_id,
                title,
                body_html,
                ..
            } => self
                .create_note(
                    actor,
                    engagement_id,
                    crate::content::NewNote {
                        title,
                        body_html,
                        template: None,
                    },
                )
                .map(Applied::Note),
            SyncOp::UpdateNote {
                id,
                title,
                body_html,
            } => self
                .update_note(actor, id, crate::content::NoteUpdate { title, body_html })
                .map(Applied::Note),
            SyncOp::CreateGoal {
                engagement_id,
                name,
                description,
                due_date,
                ..
            } => self
                .create_goal(
                    actor,
                    engagement_id,
                    super::goals::NewGoal {
                        name,
                        description,
                        due_date,
                        horizon: None,
                    },
                )
                .map(Applied::Goal),
            SyncOp::SetGoalStatus { id, status } => self.set_goal_status(actor, id, status).map(Applied::Goal),
            SyncOp::AddMilestone {
                goal_id,
                name,
                due_date,
                ..
            } => self.add_milestone(actor, goal_id, &name, due_date).map(Applied::Milestone),
            SyncOp::SetMilestoneDone { id, done } => {
                self.set_milestone_done(actor, id, done).map(Applied::Milestone)
            }
            SyncOp::BookSession {
                engagement_id,
                start,
                end,
                time_zone,
                location,
                ..
            } => self
                .book_session(
                    actor,
                    engagement_id,
                    super::session::NewSession {
                        start,
                        end,
                        time_zone,
                        location,
                    },
                )
                .map(Applied::Session),
            SyncOp::CancelSession { id, reason } => {
                self.cancel_session(actor, id, reason.as_deref()).map(Applied::Session)
            }
            SyncOp::SetAssignmentStatus { id, status } => {
                self.set_assignment_status(actor, id, status).map(Applied::Assignment)
            }
            SyncOp::AddComment {
                target, body_html, ..
            } => self.add_comment(actor, target, &body_html).map(Applied::Comment),
            SyncOp::CreateJournalEntry {
                engagement_id,
                title,
                body_html,
                shared,
                ..
            } => self
                .create_journal_entry(
                    actor,
                    engagement_id,
                    crate::content::NewJournalEntry {
                        title,
                        body_html,
                        shared,
                    },
                )
                .map(Applied::JournalEntry),
            SyncOp::SaveFormAnswers { id, answers } => {
                self.save_form_answers(actor, id, answers).map(Applied::Form)
            }
            SyncOp::SubmitForm { id } => self.submit_form(actor, id).map(Applied::Form),
        }
    }
}
