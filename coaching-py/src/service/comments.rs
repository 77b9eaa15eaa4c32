//! Comments. Mirrors `coaching-core/src/service/comments.rs`.

use pyo3::prelude::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
    /// Comments on a note, goal or assignment (`on`: "note", "goal", "assignment").
    fn add_comment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        on: &str,
        target_id: &str,
        body_html: String,
    ) -> PyResult<Comment> {
        let (a, t) = (actor_arg(actor)?, comment_target(on, target_id)?);
        self.run(py, move |l| l.add_comment(a, t, &body_html))
            .map(|x| Comment::from(&x))
    }

    fn comments(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        on: &str,
        target_id: &str,
    ) -> PyResult<Vec<Comment>> {
        let (a, t) = (actor_arg(actor)?, comment_target(on, target_id)?);
        self.run(py, move |l| l.comments(a, t))
            .map(|v| v.iter().map(Comment::from).collect())
    }

    fn delete_comment(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        comment_id: &str,
    ) -> PyResult<()> {
        let (a, c) = (actor_arg(actor)?, id(comment_id)?);
        self.run(py, move |l| l.delete_comment(a, c))
    }
}
