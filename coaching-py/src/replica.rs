//! Offline sync, the device's half, for Python: `coaching.Replica(path, practice_id, actor)`,
//! its writes queued, `sync_request()` bytes out and `apply_sync_response(bytes)` in; reads
//! through `view`, a `Coaching` whose writes are refused. Mirrors `coaching-core/src/replica.rs`.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDate;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use pyo3_stub_gen::derive::*;

use crate::convert::*;
use crate::service::{Coaching, ManualClock};
use crate::types::*;

/// One actor's copy of a practice on a device, in one local SQLite file: the server's last
/// answer with the writes made offline applied on top. Write through its methods (each is the
/// library call of the same name for the replica's actor, checked and queued); read through
/// `view`. Thread-safe.
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching")]
pub struct Replica {
    inner: Mutex<core::Replica>,
    view: Py<Coaching>,
}

/// An operation the server refused: final; its effect has left the view.
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching", get_all)]
pub struct SyncRefusal {
    /// The operation's id.
    pub op_id: String,
    /// Which write it was (`create_note`, `book_session`, ...).
    pub operation: String,
    /// Why: the `CoachingError` the same call online would have raised.
    pub error: Py<PyAny>,
}

/// What applying one answer did.
#[gen_stub_pyclass(module = "coaching._coaching")]
#[pyclass(frozen, module = "coaching", get_all)]
pub struct SyncOutcome {
    /// The operations the server applied.
    pub applied: Vec<String>,
    /// The operations the server refused, for the host to show.
    pub refused: Vec<Py<SyncRefusal>>,
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

    fn with<T: Send>(
        &self, py: Python<'_>, f: impl FnOnce(&mut core::Replica) -> core::Result<T> + Send,
    ) -> PyResult<T> {
        py.detach(|| f(&mut self.lock())).map_err(err)
    }
}

#[gen_stub_pymethods]
#[pymethods]
impl Replica {
    /// Opens (or creates) the replica of `practice_id` for `actor` in the SQLite file at
    /// `path`, on the system clock or on `clock`. A file holding another practice's or
    /// actor's replica raises `ValidationError`.
    #[new]
    #[pyo3(signature = (path, practice_id, actor, *, clock=None))]
    fn new(
        py: Python<'_>, path: std::path::PathBuf, practice_id: Id<core::PracticeId>, actor: Who,
        clock: Option<&Bound<'_, ManualClock>>,
    ) -> PyResult<Self> {
        let clock: std::sync::Arc<dyn core::Clock> = match clock {
            Some(c) => std::sync::Arc::new(c.get().0.clone()),
            None => std::sync::Arc::new(core::SystemClock),
        };
        let r = py
            .detach(move || core::Replica::open_with_clock(&path, practice_id.0, actor.0, clock))
            .map_err(err)?;
        let view = Py::new(py, Coaching::wrap(r.view().clone()))?;
        Ok(Replica {
            inner: Mutex::new(r),
            view,
        })
    }

    /// The read calls on the replica (a `Coaching`; call them as the replica's actor). The
    /// same object follows every write and sync; its own writes raise `ValidationError`.
    #[getter]
    fn view(&self, py: Python<'_>) -> Py<Coaching> {
        self.view.clone_ref(py)
    }

    /// How many writes wait for the server.
    #[getter]
    fn pending_count(&self) -> usize {
        self.lock().pending().len()
    }

    /// Whether the replica has had an answer from the server.
    #[getter]
    fn has_synced(&self) -> bool {
        self.lock().has_synced()
    }

    /// The ids of the engagements the replica holds.
    fn engagement_ids(&self) -> Vec<String> {
        self.lock().engagement_ids().iter().map(|e| e.to_string()).collect()
    }

    /// The request's bytes, for the host to carry to its server (`Coaching.handle_sync`).
    fn sync_request<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let b = self.with(py, |r| r.sync_request())?;
        Ok(PyBytes::new(py, &b))
    }

    /// Applies the server's answer: returns what it did, refusals included. Bytes that are
    /// no answer, of a newer protocol, or older than what the replica holds raise and change
    /// nothing.
    fn apply_sync_response(&self, py: Python<'_>, response: Vec<u8>) -> PyResult<SyncOutcome> {
        let o = self.with(py, move |r| r.apply_sync_response(&response))?;
        let mut refused = Vec::new();
        for x in o.refused {
            refused.push(Py::new(
                py,
                SyncRefusal {
                    op_id: x.op_id.to_string(),
                    operation: x.op.name().to_string(),
                    error: err(x.error).into_value(py).into_any(),
                },
            )?);
        }
        Ok(SyncOutcome {
            applied: o.applied.iter().map(|u| u.to_string()).collect(),
            refused,
            changes: o.changes.iter().map(LogEntry::from).collect(),
            updated: o.updated.iter().map(|e| e.to_string()).collect(),
            removed: o.removed.iter().map(|e| e.to_string()).collect(),
            more: o.more,
        })
    }

    /// `Coaching.create_note`, queued.
    #[pyo3(signature = (engagement_id, title="", *, body_html=""))]
    fn create_note(
        &self, py: Python<'_>, engagement_id: Id<core::EngagementId>, title: &str, body_html: &str,
    ) -> PyResult<Note> {
        let (title, body_html) = (title.to_string(), body_html.to_string());
        self.with(py, move |r| r.create_note(engagement_id.0, &title, &body_html))
            .map(|x| Note::from(&x))
    }

    /// `Coaching.update_note`, queued.
    #[pyo3(signature = (note_id, *, title=None, body_html=None))]
    fn update_note(
        &self, py: Python<'_>, note_id: Id<core::NoteId>, title: Option<String>,
        body_html: Option<String>,
    ) -> PyResult<Note> {
        self.with(py, move |r| r.update_note(note_id.0, title.as_deref(), body_html.as_deref()))
            .map(|x| Note::from(&x))
    }

    /// `Coaching.create_goal`, queued.
    #[pyo3(signature = (engagement_id, name, *, description=None, due_date=None))]
    fn create_goal(
        &self, py: Python<'_>, engagement_id: Id<core::EngagementId>, name: String,
        description: Option<String>, due_date: Option<NaiveDate>,
    ) -> PyResult<Goal> {
        self.with(py, move |r| {
            r.create_goal(engagement_id.0, &name, description.as_deref(), due_date)
        })
        .map(|g| Goal::of(&g, &[]))
    }

    /// `Coaching.set_goal_status`, queued.
    fn set_goal_status(
        &self, py: Python<'_>, goal_id: Id<core::GoalId>, status: Pick<core::GoalStatus>,
    ) -> PyResult<Goal> {
        let st = status.get("status")?;
        self.with(py, move |r| r.set_goal_status(goal_id.0, st))
            .map(|g| Goal::of(&g, &[]))
    }

    /// `Coaching.add_milestone`, queued.
    #[pyo3(signature = (goal_id, name, *, due_date=None))]
    fn add_milestone(
        &self, py: Python<'_>, goal_id: Id<core::GoalId>, name: String, due_date: Option<NaiveDate>,
    ) -> PyResult<Milestone> {
        self.with(py, move |r| r.add_milestone(goal_id.0, &name, due_date))
            .map(|x| Milestone::from(&x))
    }

    /// `Coaching.set_milestone_done`, queued.
    #[pyo3(signature = (milestone_id, done=true))]
    fn set_milestone_done(
        &self, py: Python<'_>, milestone_id: Id<core::MilestoneId>, done: bool,
    ) -> PyResult<Milestone> {
        self.with(py, move |r| r.set_milestone_done(milestone_id.0, done))
            .map(|x| Milestone::from(&x))
    }

    /// `Coaching.book_session`, queued.
    #[pyo3(signature = (engagement_id, start, location, *, end=None, time_zone=None))]
    fn book_session(
        &self, py: Python<'_>, engagement_id: Id<core::EngagementId>, start: Dt<'_>,
        location: Place<'_>, end: Option<Dt<'_>>, time_zone: Option<String>,
    ) -> PyResult<Session> {
        let start = start.utc("start")?;
        let end = end.map(|d| d.utc("end")).transpose()?;
        let location = location.get()?;
        self.with(py, move |r| {
            r.book_session(engagement_id.0, start, end, time_zone.as_deref(), location)
        })
        .map(|x| Session::from(&x))
    }

    /// `Coaching.cancel_session`, queued.
    #[pyo3(signature = (session_id, reason=None))]
    fn cancel_session(
        &self, py: Python<'_>, session_id: Id<core::SessionId>, reason: Option<String>,
    ) -> PyResult<Session> {
        self.with(py, move |r| r.cancel_session(session_id.0, reason.as_deref()))
            .map(|x| Session::from(&x))
    }

    /// `Coaching.set_assignment_status`, queued.
    fn set_assignment_status(
        &self, py: Python<'_>, assignment_id: Id<core::AssignmentId>,
        status: Pick<core::AssignmentStatus>,
    ) -> PyResult<Assignment> {
        let st = status.get("status")?;
        self.with(py, move |r| r.set_assignment_status(assignment_id.0, st))
            .map(|x| Assignment::of(&x, &[]))
    }

    /// `Coaching.add_comment`, queued (`on`: "note", "goal", "assignment").
    fn add_comment(
        &self, py: Python<'_>, on: Pick<CommentOn>, target_id: &str, body_html: String,
    ) -> PyResult<Comment> {
        let t = comment_target(on.get("on")?, target_id)?;
        self.with(py, move |r| r.add_comment(t, &body_html))
            .map(|x| Comment::from(&x))
    }

    /// `Coaching.create_journal_entry`, queued.
    #[pyo3(signature = (engagement_id, title, *, body_html=String::new(), shared=false))]
    fn create_journal_entry(
        &self, py: Python<'_>, engagement_id: Id<core::EngagementId>, title: String,
        body_html: String, shared: bool,
    ) -> PyResult<JournalEntry> {
        self.with(py, move |r| r.create_journal_entry(engagement_id.0, &title, &body_html, shared))
            .map(|x| JournalEntry::from(&x))
    }

    /// `Coaching.save_form_answers`, queued.
    fn save_form_answers(
        &self, py: Python<'_>, form_id: Id<core::FormId>, answers: BTreeMap<u32, AnswerVal>,
    ) -> PyResult<Form> {
        let answers = answers
            .into_iter()
            .map(|(question, a)| core::FormAnswer { question, answer: a.0 })
            .collect();
        self.with(py, move |r| r.save_form_answers(form_id.0, answers))
            .map(|x| Form::from(&x))
    }

    /// `Coaching.submit_form`, queued.
    fn submit_form(&self, py: Python<'_>, form_id: Id<core::FormId>) -> PyResult<Form> {
        self.with(py, move |r| r.submit_form(form_id.0)).map(|x| Form::from(&x))
    }

    fn __repr__(&self) -> String {
        format!("{:?}", *self.lock())
    }
}
