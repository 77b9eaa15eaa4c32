//! Comments. Mirrors `coaching-core/src/service/comments.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Comments on a note, goal or assignment (`on`: "note", "goal", "assignment").
    fn add_comment(
        &self, py: Python<'_>, actor: Who, on: Pick<CommentOn>, target_id: &str, body_html: String,
    ) -> PyResult<Comment> {
        let t = comment_target(on.get("on")?, target_id)?;
        self.one(py, move |l| l.add_comment(actor.0, t, &body_html))
    }

    /// The comments on a note, goal or assignment, oldest first.
    fn comments(
        &self, py: Python<'_>, actor: Who, on: Pick<CommentOn>, target_id: &str,
    ) -> PyResult<Vec<Comment>> {
        let t = comment_target(on.get("on")?, target_id)?;
        self.many(py, move |l| l.comments(actor.0, t))
    }

    /// Deletes a comment.
    fn delete_comment(
        &self, py: Python<'_>, actor: Who, comment_id: Id<core::CommentId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.delete_comment(actor.0, comment_id.0))
    }
}
