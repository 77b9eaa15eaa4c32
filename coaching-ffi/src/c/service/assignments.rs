//! Assignments and their files. Mirrors `coaching-core/src/service/assignments.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

/// Creates an assignment. `description` and `due_date` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_assignment(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, name: *const c_char, description: *const c_char,
    due_date: *const c_char, out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.create_assignment(
            a,
            id(engagement_id, "engagement_id")?,
            AssignmentInput {
                name: Some(text(name, "name")?.into()),
                description: Some(opt_text(description, "description")?.map(Into::into)),
                due_date: Some(opt_date(due_date, "due_date")?),
            },
        )
        .map(assignment_with)?)
    })
}

/// Edits an assignment: `name` NULL leaves it; `description`, `due_date` NULL leave, ""
/// clear. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_assignment(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    assignment_id: *const c_char, name: *const c_char, description: *const c_char,
    due_date: *const c_char, out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    maybe(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.update_assignment(
            a,
            id(assignment_id, "assignment_id")?,
            AssignmentInput {
                name: opt_text(name, "name")?.map(Into::into),
                description: tri_text(description, "description")?,
                due_date: tri_date(due_date, "due_date")?,
            },
        )
        .map(assignment_with)?)
    })
}

/// Sets an assignment's status (a `COACHING_ASSIGNMENT_STATUS_*` value). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_assignment_status(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    assignment_id: *const c_char, status: i32, out: *mut *mut CoachingAssignment,
) -> CoachingResult {
    maybe(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.set_assignment_status(
            a,
            id(assignment_id, "assignment_id")?,
            choice(
                status,
                &[AssignmentStatus::Open, AssignmentStatus::Completed],
                "status",
            )?,
        )
        .map(assignment_with)?)
    })
}

/// Deletes an assignment.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_assignment(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, assignment_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.delete_assignment(a, id(assignment_id, "assignment_id")?)?)
    })
}

/// Attaches a library file or link to an assignment with an optional message.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_assignment_file_from_library(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    assignment_id: *const c_char, resource_id: *const c_char, message: *const c_char,
    out: *mut *mut CoachingAssignmentFile,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.add_assignment_file(
            a,
            id(assignment_id, "assignment_id")?,
            AssignmentFileSource::Library(id(resource_id, "resource_id")?),
            opt_text(message, "message")?,
        )?)
    })
}

/// Uploads a file (or link) and attaches it to an assignment with an optional message.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_assignment_file_upload(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    assignment_id: *const c_char, resource: *const CoachingResourceInput, message: *const c_char,
    out: *mut *mut CoachingAssignmentFile,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.add_assignment_file(
            a,
            id(assignment_id, "assignment_id")?,
            AssignmentFileSource::Upload(resource_input(resource)?),
            opt_text(message, "message")?,
        )?)
    })
}

/// Detaches a file from an assignment.
#[no_mangle]
pub unsafe extern "C" fn coaching_remove_assignment_file(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, file_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.remove_assignment_file(a, id(file_id, "file_id")?)?)
    })
}

/// An engagement's assignments with their files (a list of `CoachingAssignment`).
#[no_mangle]
pub unsafe extern "C" fn coaching_assignments(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingAssignment>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.assignments(a, id(engagement_id, "engagement_id")?)?)
    })
}
