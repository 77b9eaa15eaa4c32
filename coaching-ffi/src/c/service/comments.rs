//! Comments. Mirrors `coaching-core/src/service/comments.rs`.

use std::ffi::c_char;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

/// Comments on a note (`target_kind` 0), goal (1) or assignment (2).
#[no_mangle]
pub unsafe extern "C" fn coaching_add_comment(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, target_kind: i32,
    target_id: *const c_char, body_html: *const c_char, out: *mut *mut CoachingComment,
) -> CoachingResult {
    one(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.add_comment(
            a,
            comment_target(target_kind, target_id)?,
            text(body_html, "body_html")?,
        )?)
    })
}

/// The comments on a note (0), goal (1) or assignment (2), oldest first (a list of
/// `CoachingComment`).
#[no_mangle]
pub unsafe extern "C" fn coaching_comments(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, target_kind: i32,
    target_id: *const c_char, out: *mut *mut CoachingList,
) -> CoachingResult {
    list::<CoachingComment>(lib, actor_kind, actor_id, out, |l, a| {
        Ok(l.comments(a, comment_target(target_kind, target_id)?)?)
    })
}

/// Deletes a comment.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_comment(
    lib: *const CoachingLib, actor_kind: i32, actor_id: *const c_char, comment_id: *const c_char,
) -> CoachingResult {
    done(lib, actor_kind, actor_id, |l, a| {
        Ok(l.delete_comment(a, id(comment_id, "comment_id")?)?)
    })
}
