//! Assignments and their files. Mirrors `coaching-core/src/service/assignments.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Creates an assignment. `description` and `due_date` may be NULL.
    fn coaching_create_assignment(
        engagement_id: *const c_char, name: *const c_char, description: *const c_char,
        due_date: *const c_char
    ) -> one CoachingAssignment =
        |l, a| {
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
        };

    /// Edits an assignment: `name` NULL leaves it; `description`, `due_date` NULL leave, ""
    /// clear. `out` may be NULL.
    fn coaching_update_assignment(
        assignment_id: *const c_char, name: *const c_char, description: *const c_char,
        due_date: *const c_char
    ) -> maybe CoachingAssignment =
        |l, a| {
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
        };

    /// Sets an assignment's status (a `COACHING_ASSIGNMENT_STATUS_*` value). `out` may be NULL.
    fn coaching_set_assignment_status(
        assignment_id: *const c_char, status: i32
    ) -> maybe CoachingAssignment =
        |l, a| {
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
        };

    /// Deletes an assignment.
    fn coaching_delete_assignment(assignment_id: *const c_char) -> done =
        |l, a| Ok(l.delete_assignment(a, id(assignment_id, "assignment_id")?)?);

    /// Attaches a library file or link to an assignment with an optional message.
    fn coaching_add_assignment_file_from_library(
        assignment_id: *const c_char, resource_id: *const c_char, message: *const c_char
    ) -> one CoachingAssignmentFile =
        |l, a| {
            Ok(l.add_assignment_file(
                a,
                id(assignment_id, "assignment_id")?,
                AssignmentFileSource::Library(id(resource_id, "resource_id")?),
                opt_text(message, "message")?,
            )?)
        };

    /// Uploads a file (or link) and attaches it to an assignment with an optional message.
    fn coaching_add_assignment_file_upload(
        assignment_id: *const c_char, resource: *const CoachingResourceInput,
        message: *const c_char
    ) -> one CoachingAssignmentFile =
        |l, a| {
            Ok(l.add_assignment_file(
                a,
                id(assignment_id, "assignment_id")?,
                AssignmentFileSource::Upload(resource_input(resource)?),
                opt_text(message, "message")?,
            )?)
        };

    /// Detaches a file from an assignment.
    fn coaching_remove_assignment_file(file_id: *const c_char) -> done =
        |l, a| Ok(l.remove_assignment_file(a, id(file_id, "file_id")?)?);

    /// An engagement's assignments with their files (a list of `CoachingAssignment`).
    fn coaching_assignments(engagement_id: *const c_char) -> list CoachingAssignment =
        |l, a| Ok(l.assignments(a, id(engagement_id, "engagement_id")?)?);
}
