//! Comments. Mirrors `coaching-core/src/service/comments.rs`.

use std::ffi::c_char;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Comments on a note (`target_kind` 0), goal (1) or assignment (2).
    fn coaching_add_comment(
        target_kind: i32, target_id: *const c_char, body_html: *const c_char
    ) -> one CoachingComment =
        |l, a| {
            Ok(l.add_comment(
                a,
                comment_target(target_kind, target_id)?,
                text(body_html, "body_html")?,
            )?)
        };

    /// The comments on a note (0), goal (1) or assignment (2), oldest first (a list of
    /// `CoachingComment`).
    fn coaching_comments(target_kind: i32, target_id: *const c_char) -> list CoachingComment =
        |l, a| Ok(l.comments(a, comment_target(target_kind, target_id)?)?);

    /// Deletes a comment.
    fn coaching_delete_comment(comment_id: *const c_char) -> done =
        |l, a| Ok(l.delete_comment(a, id(comment_id, "comment_id")?)?);
}
