//! Assignments and their files. Mirrors `coaching-core/src/service/assignments.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

/// Creates an assignment. `description` and `due_date` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_assignment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let input = AssignmentInput {
            name: Some(text(name, "name")?.into()),
            description: Some(opt_text(description, "description")?.map(Into::into)),
            due_date: Some(opt_date(due_date, "due_date")?),
        };
        let a = crate::c::convert::lib(lib)?.create_assignment(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            input,
        )?;
        put_one!(out, CoachingAssignment, assignment_with(a));
        Ok(())
    })
}

/// Edits an assignment: `name` NULL leaves it; `description`, `due_date` NULL leave, ""
/// clear. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_assignment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    guard(|| {
        let input = AssignmentInput {
            name: opt_text(name, "name")?.map(Into::into),
            description: tri_text(description, "description")?,
            due_date: tri_date(due_date, "due_date")?,
        };
        let a = crate::c::convert::lib(lib)?.update_assignment(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            input,
        )?;
        put_one!(out, CoachingAssignment, assignment_with(a));
        Ok(())
    })
}

/// Sets an assignment's status (a `COACHING_ASSIGNMENT_STATUS_*` value). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_assignment_status(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    status: i32,
    out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    guard(|| {
        let st = choice(
            status,
            &[AssignmentStatus::Open, AssignmentStatus::Completed],
            "status",
        )?;
        let a = crate::c::convert::lib(lib)?.set_assignment_status(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            st,
        )?;
        put_one!(out, CoachingAssignment, assignment_with(a));
        Ok(())
    })
}

/// Deletes an assignment.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_assignment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(crate::c::convert::lib(lib)?.delete_assignment(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
        )?)
    })
}

/// Attaches a library file or link to an assignment with an optional message.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_assignment_file_from_library(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    resource_id: *const c_char,
    message: *const c_char,
    out: *mut *mut CoachingAssignmentFile,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let src = AssignmentFileSource::Library(id(resource_id, "resource_id")?);
        let f = crate::c::convert::lib(lib)?.add_assignment_file(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            src,
            opt_text(message, "message")?,
        )?;
        put_one!(out, CoachingAssignmentFile, f);
        Ok(())
    })
}

/// Uploads a file (or link) and attaches it to an assignment with an optional message.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_assignment_file_upload(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    assignment_id: *const c_char,
    resource: *const CoachingResourceInput,
    message: *const c_char,
    out: *mut *mut CoachingAssignmentFile,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let src = AssignmentFileSource::Upload(resource_input(resource)?);
        let f = crate::c::convert::lib(lib)?.add_assignment_file(
            actor(actor_kind, actor_id)?,
            id(assignment_id, "assignment_id")?,
            src,
            opt_text(message, "message")?,
        )?;
        put_one!(out, CoachingAssignmentFile, f);
        Ok(())
    })
}

/// Detaches a file from an assignment.
#[no_mangle]
pub unsafe extern "C" fn coaching_remove_assignment_file(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    file_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(crate::c::convert::lib(lib)?
            .remove_assignment_file(actor(actor_kind, actor_id)?, id(file_id, "file_id")?)?)
    })
}

/// An engagement's assignments with their files (a list of `CoachingAssignment`).
#[no_mangle]
pub unsafe extern "C" fn coaching_assignments(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = crate::c::convert::lib(lib)?.assignments(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put_list!(out, CoachingAssignment, v);
        Ok(())
    })
}
