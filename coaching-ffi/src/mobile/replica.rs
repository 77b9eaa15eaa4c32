//! Offline sync, the device's half, for Swift and Kotlin: a `Replica` opened on a file for one
//! actor, its writes queued, `syncRequest()` bytes out and `applySyncResponse(bytes)` in.
//! Reads go through `view()`, a `CoachingLibrary` whose writes are refused. Mirrors
//! `coaching-core/src/replica.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use coaching_core as core;

use crate::mobile::service::{CoachingLibrary, ManualClock};
use crate::mobile::types::*;

/// One actor's copy of a practice on a device, in one local file. Thread-safe.
#[derive(uniffi::Object)]
pub struct Replica {
    inner: Mutex<core::Replica>,
    view: Arc<CoachingLibrary>,
}

/// An operation the server refused: final; its effect has left the view.
#[derive(uniffi::Record)]
pub struct SyncRefusal {
    /// The operation's id.
    pub op_id: String,
    /// Which write it was (`create_note`, `book_session`, …).
    pub operation: String,
    /// Why the server refused it.
    pub error: CoachingError,
}

/// What applying one answer did.
#[derive(uniffi::Record)]
pub struct SyncOutcome {
    /// The operations the server applied.
    pub applied: Vec<String>,
    /// The operations the server refused, for the host to show.
    pub refused: Vec<SyncRefusal>,
    /// The actor's change feed since the previous answer, oldest first.
    pub changes: Vec<LogEntry>,
    /// Engagements replaced or added.
    pub updated: Vec<String>,
    /// Engagements taken away (the actor may no longer see them).
    pub removed: Vec<String>,
    /// More changes wait on the server: sync again now.
    pub more: bool,
}

impl Replica {
    fn lock(&self) -> MutexGuard<'_, core::Replica> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn make(r: core::Replica) -> Arc<Self> {
        let view = CoachingLibrary::wrap(r.view().clone());
        Arc::new(Replica {
            inner: Mutex::new(r),
            view,
        })
    }
}

#[uniffi::export]
impl Replica {
    /// Opens (or creates) the replica of `practice_id` for `actor` in the file at `path`. A
    /// file holding another practice's or actor's replica is refused.
    #[uniffi::constructor]
    pub fn open(path: String, practice_id: String, actor: Actor) -> R<Arc<Self>> {
        Ok(Self::make(core::Replica::open(path, id(&practice_id)?, actor.core()?)?))
    }

    /// [`Replica::open`] on a host's manual clock (tests).
    #[uniffi::constructor]
    pub fn open_with_clock(
        path: String, practice_id: String, actor: Actor, clock: Arc<ManualClock>,
    ) -> R<Arc<Self>> {
        Ok(Self::make(core::Replica::open_with_clock(
            path,
            id(&practice_id)?,
            actor.core()?,
            Arc::new(clock.core().clone()),
        )?))
    }

    /// The read calls on the replica: the server's last answer with the queued writes applied.
    /// The same handle follows every write and sync. Its own writes are refused.
    pub fn view(&self) -> Arc<CoachingLibrary> {
        self.view.clone()
    }

    /// The actor the replica is for.
    pub fn actor(&self) -> Actor {
        actor(&self.lock().actor())
    }

    /// How many writes wait for the server.
    pub fn pending_count(&self) -> u32 {
        self.lock().pending().len() as u32
    }

    /// Whether the replica has had an answer from the server.
    pub fn has_synced(&self) -> bool {
        self.lock().has_synced()
    }

    /// The engagements the replica holds.
    pub fn engagement_ids(&self) -> Vec<String> {
        self.lock().engagement_ids().iter().map(|e| e.to_string()).collect()
    }

    /// The request's bytes, for the host to carry to its server.
    pub fn sync_request(&self) -> R<Vec<u8>> {
        Ok(self.lock().sync_request()?)
    }

    /// Applies the server's answer; returns what it did (refusals included).
    pub fn apply_sync_response(&self, response: Vec<u8>) -> R<SyncOutcome> {
        let o = self.lock().apply_sync_response(&response)?;
        Ok(SyncOutcome {
            applied: o.applied.iter().map(|u| u.to_string()).collect(),
            refused: o
                .refused
                .into_iter()
                .map(|r| SyncRefusal {
                    op_id: r.op_id.to_string(),
                    operation: r.op.name().to_string(),
                    error: r.error.into(),
                })
                .collect(),
            changes: list(o.changes),
            updated: o.updated.iter().map(|e| e.to_string()).collect(),
            removed: o.removed.iter().map(|e| e.to_string()).collect(),
            more: o.more,
        })
    }

    pub fn create_note(&self, engagement_id: String, title: String, body_html: String) -> R<Note> {
        Ok(self.lock().create_note(id(&engagement_id)?, &title, &body_html)?.into())
    }

    pub fn update_note(
        &self, note_id: String, title: Option<String>, body_html: Option<String>,
    ) -> R<Note> {
        Ok(self
            .lock()
            .update_note(id(&note_id)?, title.as_deref(), body_html.as_deref())?
            .into())
    }

    pub fn create_goal(
        &self, engagement_id: String, name: String, description: Option<String>,
        due_date: Option<CalendarDate>,
    ) -> R<Goal> {
        let g = self.lock().create_goal(
            id(&engagement_id)?,
            &name,
            description.as_deref(),
            opt_date(due_date)?,
        )?;
        Ok(goal(g, Vec::new()))
    }

    pub fn set_goal_status(&self, goal_id: String, status: GoalStatus) -> R<Goal> {
        Ok(goal(self.lock().set_goal_status(id(&goal_id)?, status.into())?, Vec::new()))
    }

    pub fn add_milestone(
        &self, goal_id: String, name: String, due_date: Option<CalendarDate>,
    ) -> R<Milestone> {
        Ok(self
            .lock()
            .add_milestone(id(&goal_id)?, &name, opt_date(due_date)?)?
            .into())
    }

    pub fn set_milestone_done(&self, milestone_id: String, done: bool) -> R<Milestone> {
        Ok(self.lock().set_milestone_done(id(&milestone_id)?, done)?.into())
    }

    pub fn book_session(
        &self, engagement_id: String, start: SystemTime, end: Option<SystemTime>,
        time_zone: Option<String>, location: Location,
    ) -> R<Session> {
        Ok(self
            .lock()
            .book_session(
                id(&engagement_id)?,
                instant(start),
                end.map(instant),
                time_zone.as_deref(),
                location.into(),
            )?
            .into())
    }

    pub fn cancel_session(&self, session_id: String, reason: Option<String>) -> R<Session> {
        Ok(self
            .lock()
            .cancel_session(id(&session_id)?, reason.as_deref())?
            .into())
    }

    pub fn set_assignment_status(
        &self, assignment_id: String, status: AssignmentStatus,
    ) -> R<Assignment> {
        Ok(assignment(
            self.lock().set_assignment_status(id(&assignment_id)?, status.into())?,
            Vec::new(),
        ))
    }

    pub fn add_comment(&self, target: CommentTarget, body_html: String) -> R<Comment> {
        Ok(self.lock().add_comment(target.core()?, &body_html)?.into())
    }

    pub fn create_journal_entry(
        &self, engagement_id: String, title: String, body_html: String, shared: bool,
    ) -> R<JournalEntry> {
        Ok(self
            .lock()
            .create_journal_entry(id(&engagement_id)?, &title, &body_html, shared)?
            .into())
    }

    pub fn save_form_answers(&self, form_id: String, answers: Vec<FormAnswer>) -> R<Form> {
        let answers = answers
            .into_iter()
            .map(|a| core::FormAnswer {
                question: a.question,
                answer: core::Answer::Text(a.value),
            })
            .collect();
        Ok(self.lock().save_form_answers(id(&form_id)?, answers)?.into())
    }

    pub fn submit_form(&self, form_id: String) -> R<Form> {
        Ok(self.lock().submit_form(id(&form_id)?)?.into())
    }
}
