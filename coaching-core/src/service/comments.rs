//! Comments on notes, goals and assignments. A shared note's comments are visible to the
//! client; a private note's never are.

use crate::activity::{Action, Audience, TargetRef};
use crate::actor::Actor;
use crate::auth::{self, Viewer};
use crate::content::*;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::ids::{CommentId, EntityKind};
use crate::storage::Reader;

use super::assignments::load_assignment;
use super::goals::load_goal;
use super::notes::{can_see_note, clean_html, load_note};
use super::feed::note_audience;
use super::Coaching;

/// The engagement of a comment target, and the note if it is one.
fn target_engagement(
    r: &dyn Reader,
    actor: Actor,
    t: CommentTarget,
) -> Result<(Engagement, Option<Note>)> {
    Ok(match t {
        CommentTarget::Note(id) => {
            let (n, e) = load_note(r, actor, id)?;
            (e, Some(n))
        }
        CommentTarget::Goal(id) => (load_goal(r, actor, id)?.1, None),
        CommentTarget::Assignment(id) => (load_assignment(r, actor, id)?.1, None),
    })
}

/// Who reads a comment's log entries: as its note's, or the client's on a goal or assignment.
fn comment_audience(note: &Option<Note>) -> Audience {
    match note {
        Some(n) => note_audience(n.shared, n.shared),
        None => Audience::Client,
    }
}

fn check_note(viewer: &Viewer, note: &Option<Note>) -> Result<()> {
    match note {
        Some(n) if !can_see_note(viewer, n) => Err(Error::denied("the note is private")),
        _ => Ok(()),
    }
}

impl Coaching {
    /// Comments on a note, goal or assignment: the engagement's coaches, or its client (with a
    /// portal, in an Active engagement; on a note only while it is shared). Sanitised like
    /// note bodies.
    pub fn add_comment(
        &self,
        actor: Actor,
        target: CommentTarget,
        body_html: &str,
    ) -> Result<Comment> {
        let body = clean_html("body_html", body_html)?;
        if crate::html::plain_text(&body).is_empty() && !body.contains("<img") {
            return Err(Error::invalid("body_html", "the comment is empty"));
        }
        self.write(|tx| {
            let (e, note) = target_engagement(tx.r(), actor, target)?;
            let viewer = auth::write_in(tx.r(), actor, &e)?;
            check_note(&viewer, &note)?;
            let c = Comment {
                id: CommentId::new(),
                practice_id: e.practice_id,
                engagement_id: e.id,
                target,
                body_html: body,
                author: actor,
                created_at: tx.now,
            };
            tx.w.save_comment(&c)?;
            let t = TargetRef::new(EntityKind::Comment, *c.id.as_uuid());
            let detail = format!("on {} {}", target.kind(), target.uuid());
            tx.log_to(
                comment_audience(&note),
                e.practice_id,
                Some(e.id),
                actor,
                Action::CommentAdded,
                t,
                Some(detail),
            )?;
            Ok(c)
        })
    }

    /// The comments on a note, goal or assignment, oldest first.
    pub fn comments(&self, actor: Actor, target: CommentTarget) -> Result<Vec<Comment>> {
        self.read(|r| {
            let (e, note) = target_engagement(r, actor, target)?;
            let viewer = auth::view_contents(r, actor, &e)?;
            check_note(&viewer, &note)?;
            r.comments(target)
        })
    }

    /// Deletes a comment: its author (a client only while they may write), or the
    /// engagement's coaches.
    pub fn delete_comment(&self, actor: Actor, id: CommentId) -> Result<()> {
        self.write(|tx| {
            let c = tx
                .r()
                .comment(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Comment, id))?;
            auth::hide_foreign(tx.r(), actor, c.practice_id, EntityKind::Comment, id)?;
            let (e, note) = target_engagement(tx.r(), actor, c.target)?;
            let viewer = auth::write_in(tx.r(), actor, &e)?;
            check_note(&viewer, &note)?;
            if matches!(viewer, Viewer::Client(_)) && c.author != actor {
                return Err(Error::denied("a client deletes only their own comments"));
            }
            tx.w.delete_comment(id)?;
            let t = TargetRef::new(EntityKind::Comment, *id.as_uuid());
            tx.log_to(
                comment_audience(&note),
                e.practice_id,
                Some(e.id),
                actor,
                Action::CommentDeleted,
                t,
                None,
            )
        })
    }
}
