//! Comments. Mirrors `coaching-core/src/service/comments.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    pub fn add_comment(
        &self, actor: Actor, target: CommentTarget, body_html: String,
    ) -> R<Comment> {
        Ok(self
            .inner
            .add_comment(actor.core()?, target.core()?, &body_html)?
            .into())
    }

    pub fn comments(&self, actor: Actor, target: CommentTarget) -> R<Vec<Comment>> {
        Ok(list(self.inner.comments(actor.core()?, target.core()?)?))
    }

    pub fn delete_comment(&self, actor: Actor, comment_id: String) -> R<()> {
        Ok(self.inner.delete_comment(actor.core()?, id(&comment_id)?)?)
    }
}
