//! Offline sync, the device's half, for C: a `CoachingReplica` opened on a file for one actor,
//! its writes queued (`coaching_replica_*`, each the library call of the same name for the
//! replica's actor), `coaching_replica_sync_request` bytes out and
//! `coaching_replica_apply_sync_response` bytes in. Reads go through the `CoachingLib` that
//! `coaching_replica_view` gives, whose writes fail. Mirrors `coaching-core/src/replica.rs`.

use std::ffi::c_char;
use std::sync::Mutex;

use coaching_core::*;

use crate::c::convert::*;
use crate::c::service::forms::{answers, CoachingAnswerInput};
use crate::c::service::{CoachingClock, CoachingLib};
use crate::c::views::*;
use crate::c::{guard, CoachingResult, FfiError};

/// One actor's copy of a practice on a device, in one local SQLite file. May be shared between
/// threads. Release with `coaching_replica_free`.
pub struct CoachingReplica(Mutex<Replica>);

unsafe fn replica<'a>(p: *const CoachingReplica) -> Result<&'a Mutex<Replica>, FfiError> {
    p.as_ref().map(|r| &r.0).ok_or_else(|| null("replica"))
}

/// Runs a write on the replica; its result goes to `out` when `out` is not NULL.
unsafe fn write<T: View>(
    r: *const CoachingReplica, out: *mut *mut T,
    op: impl FnOnce(&mut Replica) -> Result<T::From, FfiError>,
) -> CoachingResult {
    guard(|| {
        let m = replica(r)?;
        let v = op(&mut m.lock().unwrap_or_else(|p| p.into_inner()))?;
        if !out.is_null() {
            put(out, into_raw::<T>(&v));
        }
        Ok(())
    })
}

/// Opens (or creates) the replica of `practice_id` for the actor in the SQLite file at `path`,
/// on the system clock, or on `clock` when it is not NULL. A file holding another practice's
/// or actor's replica fails with `COACHING_RESULT_VALIDATION` (field `replica`).
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_open(
    path: *const c_char, practice_id: *const c_char, actor_kind: i32, actor_id: *const c_char,
    clock: *const CoachingClock, out: *mut *mut CoachingReplica,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let path = text(path, "path")?;
        let practice = id(practice_id, "practice_id")?;
        let who = actor(actor_kind, actor_id)?;
        let r = match clock.as_ref() {
            Some(c) => Replica::open_with_clock(path, practice, who, std::sync::Arc::new(c.0.clone()))?,
            None => Replica::open(path, practice, who)?,
        };
        put(out, Box::into_raw(Box::new(CoachingReplica(Mutex::new(r)))));
        Ok(())
    })
}

/// Releases a replica (NULL is allowed). Its file keeps everything.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_free(r: *mut CoachingReplica) {
    if !r.is_null() {
        drop(Box::from_raw(r));
    }
}

/// A library handle on the replica's view for the read calls (as the replica's actor); it
/// follows every write and sync of the replica; its own writes fail with
/// `COACHING_RESULT_VALIDATION` (field `replica`). Release with `coaching_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_view(
    r: *const CoachingReplica, out: *mut *mut CoachingLib,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let view = replica(r)?.lock().unwrap_or_else(|p| p.into_inner()).view().clone();
        put(out, Box::into_raw(Box::new(CoachingLib(view))));
        Ok(())
    })
}

/// How many writes wait for the server.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_pending_count(
    r: *const CoachingReplica, out: *mut u32,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let n = replica(r)?.lock().unwrap_or_else(|p| p.into_inner()).pending().len();
        put(out, n as u32);
        Ok(())
    })
}

/// The request's bytes for the host to carry to its server (`coaching_handle_sync`); free
/// them with `coaching_bytes_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_sync_request(
    r: *const CoachingReplica, out: *mut *mut CoachingBytes,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let b = replica(r)?.lock().unwrap_or_else(|p| p.into_inner()).sync_request()?;
        put(out, bytes_raw(b));
        Ok(())
    })
}

/// Applies the server's answer (`response_len` bytes at `response`). `out` (may be NULL) gets
/// what it did as JSON: `{"applied": [op ids], "refused": [{"op_id", "operation", "error":
/// {"error": kind, ...fields}}], "updated": [engagement ids], "removed": [engagement ids],
/// "more": bool}` (`more`: sync again now). Bytes that are no answer, of a newer protocol, or
/// older than what the replica holds fail and change nothing.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_apply_sync_response(
    r: *const CoachingReplica, response: *const u8, response_len: usize,
    out: *mut *mut CoachingBytes,
) -> CoachingResult {
    guard(|| {
        let answer = bytes(response, response_len, "response")?;
        let o = replica(r)?
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .apply_sync_response(answer)?;
        if !out.is_null() {
            let refused: Vec<serde_json::Value> = o
                .refused
                .iter()
                .map(|x| {
                    serde_json::json!({
                        "op_id": x.op_id.to_string(),
                        "operation": x.op.name(),
                        "error": x.error,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "applied": o.applied.iter().map(|u| u.to_string()).collect::<Vec<_>>(),
                "refused": refused,
                "updated": o.updated.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
                "removed": o.removed.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
                "more": o.more,
            });
            put(out, bytes_raw(doc.to_string().into_bytes()));
        }
        Ok(())
    })
}

/// Queues a note (`coaching_create_note` without a template). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_create_note(
    r: *const CoachingReplica, engagement_id: *const c_char, title: *const c_char,
    body_html: *const c_char, out: *mut *mut CoachingNote,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.create_note(
            id(engagement_id, "engagement_id")?,
            text(title, "title")?,
            opt_text(body_html, "body_html")?.unwrap_or_default(),
        )?)
    })
}

/// Queues a note's edit; NULL leaves a field. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_update_note(
    r: *const CoachingReplica, note_id: *const c_char, title: *const c_char,
    body_html: *const c_char, out: *mut *mut CoachingNote,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.update_note(
            id(note_id, "note_id")?,
            opt_text(title, "title")?,
            opt_text(body_html, "body_html")?,
        )?)
    })
}

/// Queues a goal; `description` and `due_date` ("YYYY-MM-DD") may be NULL. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_create_goal(
    r: *const CoachingReplica, engagement_id: *const c_char, name: *const c_char,
    description: *const c_char, due_date: *const c_char, out: *mut *mut CoachingGoal,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.create_goal(
            id(engagement_id, "engagement_id")?,
            text(name, "name")?,
            opt_text(description, "description")?,
            opt_date(due_date, "due_date")?,
        )
        .map(|goal| GoalWithMilestones { goal, milestones: Vec::new() })?)
    })
}

/// Queues a goal's status (0 Active, 1 Completed). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_set_goal_status(
    r: *const CoachingReplica, goal_id: *const c_char, status: i32, out: *mut *mut CoachingGoal,
) -> CoachingResult {
    write(r, out, |x| {
        let st = choice(status, &[GoalStatus::Active, GoalStatus::Completed], "status")?;
        let goal = x.set_goal_status(id(goal_id, "goal_id")?, st)?;
        Ok(GoalWithMilestones { goal, milestones: Vec::new() })
    })
}

/// Queues a milestone; `due_date` may be NULL. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_add_milestone(
    r: *const CoachingReplica, goal_id: *const c_char, name: *const c_char,
    due_date: *const c_char, out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.add_milestone(id(goal_id, "goal_id")?, text(name, "name")?, opt_date(due_date, "due_date")?)?)
    })
}

/// Queues a milestone ticked or unticked. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_set_milestone_done(
    r: *const CoachingReplica, milestone_id: *const c_char, done: bool,
    out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    write(r, out, |x| Ok(x.set_milestone_done(id(milestone_id, "milestone_id")?, done)?))
}

/// Queues a booking (times in seconds since the epoch; `end` 0: the engagement's length;
/// `time_zone` NULL: the practice's), checked against the sessions the replica holds.
/// `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_book_session(
    r: *const CoachingReplica, engagement_id: *const c_char, start: i64, end: i64,
    time_zone: *const c_char, location_kind: i32, location_value: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    write(r, out, |x| {
        let end = if end == 0 { None } else { Some(instant(end, "end")?) };
        Ok(x.book_session(
            id(engagement_id, "engagement_id")?,
            instant(start, "start")?,
            end,
            opt_text(time_zone, "time_zone")?,
            location(location_kind, location_value)?,
        )?)
    })
}

/// Queues a cancellation; `reason` may be NULL. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_cancel_session(
    r: *const CoachingReplica, session_id: *const c_char, reason: *const c_char,
    out: *mut *mut CoachingSession,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.cancel_session(id(session_id, "session_id")?, opt_text(reason, "reason")?)?)
    })
}

/// Queues an assignment's status (0 Open, 1 Completed). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_set_assignment_status(
    r: *const CoachingReplica, assignment_id: *const c_char, status: i32,
    out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    write(r, out, |x| {
        let st = choice(status, &[AssignmentStatus::Open, AssignmentStatus::Completed], "status")?;
        let assignment = x.set_assignment_status(id(assignment_id, "assignment_id")?, st)?;
        Ok(AssignmentWithFiles { assignment, files: Vec::new() })
    })
}

/// Queues a comment (`target_kind` 0 note, 1 goal, 2 assignment). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_add_comment(
    r: *const CoachingReplica, target_kind: i32, target_id: *const c_char,
    body_html: *const c_char, out: *mut *mut CoachingComment,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.add_comment(comment_target(target_kind, target_id)?, text(body_html, "body_html")?)?)
    })
}

/// Queues a journal entry (the engagement's client). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_create_journal_entry(
    r: *const CoachingReplica, engagement_id: *const c_char, title: *const c_char,
    body_html: *const c_char, shared: bool, out: *mut *mut CoachingJournalEntry,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.create_journal_entry(
            id(engagement_id, "engagement_id")?,
            text(title, "title")?,
            opt_text(body_html, "body_html")?.unwrap_or_default(),
            shared,
        )?)
    })
}

/// Queues a form's draft answers (as `coaching_save_form_answers`). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_save_form_answers(
    r: *const CoachingReplica, form_id: *const c_char, answers_p: *const CoachingAnswerInput,
    answer_count: usize, out: *mut *mut CoachingForm,
) -> CoachingResult {
    write(r, out, |x| {
        Ok(x.save_form_answers(id(form_id, "form_id")?, answers(answers_p, answer_count)?)?)
    })
}

/// Queues a form's submission. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_replica_submit_form(
    r: *const CoachingReplica, form_id: *const c_char, out: *mut *mut CoachingForm,
) -> CoachingResult {
    write(r, out, |x| Ok(x.submit_form(id(form_id, "form_id")?)?))
}
