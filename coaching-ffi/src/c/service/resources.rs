//! Resources, program items and the client to-dos. Mirrors
//! `coaching-core/src/service/resources.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

c_ops! {
    /// Adds a folder, file or link to the practice library (`parent_id` NULL: the top).
    fn coaching_add_to_library(
        practice_id: *const c_char, parent_id: *const c_char,
        resource: *const CoachingResourceInput
    ) -> one CoachingResource =
        |l, a| {
            Ok(l.add_to_library(
                a,
                id(practice_id, "practice_id")?,
                opt_id(parent_id, "parent_id")?,
                resource_input(resource)?,
            )?)
        };

    /// The practice library's items in `parent_id` (NULL: the top). A list of `CoachingResource`.
    fn coaching_library(
        practice_id: *const c_char, parent_id: *const c_char
    ) -> list CoachingResource =
        |l, a| Ok(l.library(a, id(practice_id, "practice_id")?, opt_id(parent_id, "parent_id")?)?);

    /// Adds to the acting client's own library.
    fn coaching_add_to_client_library(
        parent_id: *const c_char, resource: *const CoachingResourceInput
    ) -> one CoachingResource =
        |l, a| {
            Ok(l.add_to_client_library(
                a,
                opt_id(parent_id, "parent_id")?,
                resource_input(resource)?,
            )?)
        };

    /// The acting client's own library (a list of `CoachingResource`).
    fn coaching_client_library(parent_id: *const c_char) -> list CoachingResource =
        |l, a| Ok(l.client_library(a, opt_id(parent_id, "parent_id")?)?);

    /// Shares a library file, link or folder into an engagement.
    fn coaching_share_resource(engagement_id: *const c_char, resource_id: *const c_char) -> done =
        |l, a| {
            Ok(l.share_resource(
                a,
                id(engagement_id, "engagement_id")?,
                id(resource_id, "resource_id")?,
            )?)
        };

    /// Stops sharing a library item into an engagement.
    fn coaching_unshare_resource(engagement_id: *const c_char, resource_id: *const c_char) -> done =
        |l, a| {
            Ok(l.unshare_resource(
                a,
                id(engagement_id, "engagement_id")?,
                id(resource_id, "resource_id")?,
            )?)
        };

    /// Uploads a file or link into an engagement.
    fn coaching_upload_to_engagement(
        engagement_id: *const c_char, resource: *const CoachingResourceInput
    ) -> one CoachingResource =
        |l, a| {
            Ok(l.upload_to_engagement(
                a,
                id(engagement_id, "engagement_id")?,
                resource_input(resource)?,
            )?)
        };

    /// A client shares their upload with the coach. `out` may be NULL.
    fn coaching_share_with_coach(resource_id: *const c_char) -> maybe CoachingResource =
        |l, a| Ok(l.share_with_coach(a, id(resource_id, "resource_id")?)?);

    /// An engagement's resources (a list of `CoachingEngagementResource`).
    fn coaching_engagement_resources(
        engagement_id: *const c_char
    ) -> list CoachingEngagementResource =
        |l, a| Ok(l.engagement_resources(a, id(engagement_id, "engagement_id")?)?);

    /// The contents of a folder shared into an engagement (a list of `CoachingResource`).
    fn coaching_engagement_folder(
        engagement_id: *const c_char, folder_id: *const c_char
    ) -> list CoachingResource =
        |l, a| {
            Ok(l.engagement_folder(
                a,
                id(engagement_id, "engagement_id")?,
                id(folder_id, "folder_id")?,
            )?)
        };

    /// Deletes a resource (a folder with its contents).
    fn coaching_delete_resource(resource_id: *const c_char) -> done =
        |l, a| Ok(l.delete_resource(a, id(resource_id, "resource_id")?)?);

    /// Adds a program item: `kind` a `COACHING_PROGRAM_ITEM_KIND_*` value; goals and assignments
    /// use `name`, `description` (may be NULL), `due_after_days` (-1 for none); resources use
    /// `resource_id`.
    fn coaching_add_program_item(
        program_id: *const c_char, kind: i32, name: *const c_char, description: *const c_char,
        due_after_days: i64, resource_id: *const c_char
    ) -> one CoachingProgramItem =
        |l, a| {
            let due = match due_after_days {
                -1 => None,
                d => Some(u32::try_from(d).map_err(|_| invalid("due_after_days", "out of range"))?),
            };
            let item = match kind {
                0 => ProgramItemKind::Goal {
                    name: text(name, "name")?.into(),
                    description: opt_text(description, "description")?.map(Into::into),
                    due_after_days: due,
                },
                1 => ProgramItemKind::Assignment {
                    name: text(name, "name")?.into(),
                    description: opt_text(description, "description")?.map(Into::into),
                    due_after_days: due,
                },
                2 => ProgramItemKind::Resource {
                    resource_id: id(resource_id, "resource_id")?,
                },
                other => return Err(invalid("kind", format!("{other} is out of range"))),
            };
            Ok(l.add_program_item(a, id(program_id, "program_id")?, item)?)
        };

    /// Removes a program item.
    fn coaching_remove_program_item(program_id: *const c_char, item_id: *const c_char) -> done =
        |l, a| Ok(l.remove_program_item(a, id(program_id, "program_id")?, id(item_id, "item_id")?)?);

    /// A program's items (a list of `CoachingProgramItem`).
    fn coaching_program_items(program_id: *const c_char) -> list CoachingProgramItem =
        |l, a| Ok(l.program_items(a, id(program_id, "program_id")?)?);

    /// A coach's Client To-Dos, by due date (a list of `CoachingTodo`).
    fn coaching_client_todos(
        coach_id: *const c_char, offset: u32, limit: u32
    ) -> list CoachingTodo =
        |l, a| Ok(l.client_todos(a, id(coach_id, "coach_id")?, page(offset, limit))?);

    /// What is due in [from, to), as reminders per person (a list of `CoachingReminder`):
    /// sessions starting in the window to their coach and client, open goals, milestones and
    /// assignments due by its last day (overdue included) to the coach and to a client with a
    /// portal. The owner gets the practice, another coach their engagements, a client their own.
    fn coaching_due(practice_id: *const c_char, from: i64, to: i64) -> list CoachingReminder =
        |l, a| {
            Ok(l.due(
                a,
                id(practice_id, "practice_id")?,
                instant(from, "from")?,
                instant(to, "to")?,
            )?)
        };
}

/// A file's bytes (`engagement_id` NULL for the library or one's own client library).
/// `out_resource` may be NULL; free the bytes with `coaching_bytes_free`.
#[no_mangle]
pub unsafe extern "C" fn coaching_download(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, resource_id: *const c_char,
    engagement_id: *const c_char, out_resource: *mut *mut CoachingResource,
    out_bytes: *mut *mut CoachingBytes,
) -> CoachingResult {
    guard(|| {
        out_ptr(out_bytes, "out_bytes")?;
        let (r, b) = crate::c::convert::lib(lib)?.download(
            actor(actor_kind, actor_id)?,
            id(resource_id, "resource_id")?,
            opt_id(engagement_id, "engagement_id")?,
        )?;
        put_one!(out_resource, CoachingResource, r);
        put(out_bytes, bytes_raw(b));
        Ok(())
    })
}
