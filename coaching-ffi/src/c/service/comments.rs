//! Comments. Mirrors `coaching-core/src/service/comments.rs`.

use std::ffi::c_char;

use super::CoachingLib;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

/// Comments on a note (`target_kind` 0), goal (1) or assignment (2).
#[no_mangle]
pub unsafe extern "C" fn coaching_add_comment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    target_kind: i32,
    target_id: *const c_char,
    body_html: *const c_char,
    out: *mut *mut CoachingComment,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let c = crate::c::convert::lib(lib)?.add_comment(
            actor(actor_kind, actor_id)?,
            comment_target(target_kind, target_id)?,
            text(body_html, "body_html")?,
        )?;
        put_one!(out, CoachingComment, c);
        Ok(())
    })
}

/// The comments on a note (0), goal (1) or assignment (2), oldest first (a list of
/// `CoachingComment`).
#[no_mangle]
pub unsafe extern "C" fn coaching_comments(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    target_kind: i32,
    target_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = crate::c::convert::lib(lib)?.comments(
            actor(actor_kind, actor_id)?,
            comment_target(target_kind, target_id)?,
        )?;
        put_list!(out, CoachingComment, v);
        Ok(())
    })
}

/// Deletes a comment.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_comment(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    comment_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(crate::c::convert::lib(lib)?
            .delete_comment(actor(actor_kind, actor_id)?, id(comment_id, "comment_id")?)?)
    })
}
