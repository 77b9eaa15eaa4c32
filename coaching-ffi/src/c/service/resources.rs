//! Resources, program items and the client to-dos. Mirrors
//! `coaching-core/src/service/resources.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

/// Adds a folder, file or link to the practice library (`parent_id` NULL: the top).
#[no_mangle]
pub unsafe extern "C" fn coaching_add_to_library(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, practice_id: *const c_char,
    parent_id: *const c_char, resource: *const CoachingResourceInput,
    out: *mut *mut CoachingResource,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.add_to_library(
            a,
            id(practice_id, "practice_id")?,
            opt_id(parent_id, "parent_id")?,
            resource_input(resource)?,
        )?)
    })
}

/// The practice library's items in `parent_id` (NULL: the top). A list of `CoachingResource`.
#[no_mangle]
pub unsafe extern "C" fn coaching_library(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, practice_id: *const c_char,
    parent_id: *const c_char, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingResource>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.library(
            a,
            id(practice_id, "practice_id")?,
            opt_id(parent_id, "parent_id")?,
        )?)
    })
}

/// Adds to the acting client's own library.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_to_client_library(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, parent_id: *const c_char,
    resource: *const CoachingResourceInput, out: *mut *mut CoachingResource,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.add_to_client_library(
            a,
            opt_id(parent_id, "parent_id")?,
            resource_input(resource)?,
        )?)
    })
}

/// The acting client's own library (a list of `CoachingResource`).
#[no_mangle]
pub unsafe extern "C" fn coaching_client_library(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, parent_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingResource>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.client_library(a, opt_id(parent_id, "parent_id")?)?)
    })
}

/// Shares a library file, link or folder into an engagement.
#[no_mangle]
pub unsafe extern "C" fn coaching_share_resource(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, resource_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.share_resource(
            a,
            id(engagement_id, "engagement_id")?,
            id(resource_id, "resource_id")?,
        )?)
    })
}

/// Stops sharing a library item into an engagement.
#[no_mangle]
pub unsafe extern "C" fn coaching_unshare_resource(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, resource_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.unshare_resource(
            a,
            id(engagement_id, "engagement_id")?,
            id(resource_id, "resource_id")?,
        )?)
    })
}

/// Uploads a file or link into an engagement.
#[no_mangle]
pub unsafe extern "C" fn coaching_upload_to_engagement(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, resource: *const CoachingResourceInput,
    out: *mut *mut CoachingResource,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.upload_to_engagement(
            a,
            id(engagement_id, "engagement_id")?,
            resource_input(resource)?,
        )?)
    })
}

/// A client shares their upload with the coach. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_share_with_coach(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, resource_id: *const c_char,
    out: *mut *mut CoachingResource,
) -> CoachingResult {
    maybe(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.share_with_coach(a, id(resource_id, "resource_id")?)?)
    })
}

/// An engagement's resources (a list of `CoachingEngagementResource`).
#[no_mangle]
pub unsafe extern "C" fn coaching_engagement_resources(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingEngagementResource>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.engagement_resources(a, id(engagement_id, "engagement_id")?)?)
    })
}

/// The contents of a folder shared into an engagement (a list of `CoachingResource`).
#[no_mangle]
pub unsafe extern "C" fn coaching_engagement_folder(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char,
    engagement_id: *const c_char, folder_id: *const c_char, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingResource>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.engagement_folder(
            a,
            id(engagement_id, "engagement_id")?,
            id(folder_id, "folder_id")?,
        )?)
    })
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

/// Deletes a resource (a folder with its contents).
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_resource(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, resource_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.delete_resource(a, id(resource_id, "resource_id")?)?)
    })
}

/// Adds a program item: `kind` a `COACHING_PROGRAM_ITEM_KIND_*` value; goals and assignments
/// use `name`, `description` (may be NULL), `due_after_days` (-1 for none); resources use
/// `resource_id`.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_program_item(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, program_id: *const c_char,
    kind: i32, name: *const c_char, description: *const c_char, due_after_days: i64,
    resource_id: *const c_char, out: *mut *mut CoachingProgramItem,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
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
    })
}

/// Removes a program item.
#[no_mangle]
pub unsafe extern "C" fn coaching_remove_program_item(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, program_id: *const c_char,
    item_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.remove_program_item(a, id(program_id, "program_id")?, id(item_id, "item_id")?)?)
    })
}

/// A program's items (a list of `CoachingProgramItem`).
#[no_mangle]
pub unsafe extern "C" fn coaching_program_items(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, program_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingProgramItem>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.program_items(a, id(program_id, "program_id")?)?)
    })
}

/// A coach's Client To-Dos, by due date (a list of `CoachingTodo`).
#[no_mangle]
pub unsafe extern "C" fn coaching_client_todos(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, coach_id: *const c_char,
    offset: u32, limit: u32, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingTodo>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.client_todos(a, id(coach_id, "coach_id")?, page(offset, limit))?)
    })
}
