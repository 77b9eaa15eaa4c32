//! Goals and milestones: created, edited, completed and deleted by the coach, or by a client
//! with a portal in an Active engagement, exactly as the coach can.

use chrono::NaiveDate;

use crate::activity::{Action, TargetRef};
use crate::actor::Actor;
use crate::auth;
use crate::content::*;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::ids::{EngagementId, EntityKind, GoalId, MilestoneId};
use crate::storage::Reader;
use crate::validate;

use super::engagement::{fetch, load};
use super::Coaching;

/// A new goal.
#[derive(Debug, Clone, Default)]
pub struct NewGoal {
    /// The goal's name (required, trimmed).
    pub name: String,
    /// Longer text about the goal; `None`: none.
    pub description: Option<String>,
    /// The calendar date it is due; `None`: no due date.
    pub due_date: Option<NaiveDate>,
    /// Short-, mid- or long-term, or not set.
    pub horizon: Option<GoalHorizon>,
}

fn goal_target(g: &Goal) -> TargetRef {
    TargetRef::new(EntityKind::Goal, *g.id.as_uuid())
}

fn milestone_target(m: &Milestone) -> TargetRef {
    TargetRef::new(EntityKind::Milestone, *m.id.as_uuid())
}

pub(crate) fn load_goal(r: &dyn Reader, actor: Actor, id: GoalId) -> Result<(Goal, Engagement)> {
    let g = r
        .goal(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Goal, id))?;
    auth::hide_foreign(r, actor, g.practice_id, EntityKind::Goal, id)?;
    let e = fetch(r, g.engagement_id)?;
    Ok((g, e))
}

fn load_milestone(
    r: &dyn Reader,
    actor: Actor,
    id: MilestoneId,
) -> Result<(Milestone, Engagement)> {
    let m = r
        .milestone(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Milestone, id))?;
    let e = fetch(r, m.engagement_id)?;
    auth::hide_foreign(r, actor, e.practice_id, EntityKind::Milestone, id)?;
    Ok((m, e))
}

fn milestones_of(r: &dyn Reader, goal: &Goal) -> Result<Vec<Milestone>> {
    Ok(r.milestones(goal.engagement_id)?
        .into_iter()
        .filter(|m| m.goal_id == goal.id)
        .collect())
}

impl Coaching {
    /// Creates an Active goal (the coach, or the client with a portal in an Active engagement).
    pub fn create_goal(
        &self,
        actor: Actor,
        engagement: EngagementId,
        new: NewGoal,
    ) -> Result<Goal> {
        let name = validate::name("name", &new.name)?;
        let description = validate::optional_text("description", new.description.as_deref())?;
        validate::optional_date("due_date", new.due_date)?;
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::write_in(tx.r(), actor, &e)?;
            let g = Goal {
                id: GoalId::new(),
                practice_id: e.practice_id,
                engagement_id: e.id,
                name,
                description,
                due_date: new.due_date,
                horizon: new.horizon,
                status: GoalStatus::Active,
                created_by: actor,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_goal(&g)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::GoalCreated,
                goal_target(&g),
                Some(g.name.clone()),
            )?;
            Ok(g)
        })
    }

    /// Edits a goal's name, description, due date or horizon.
    pub fn update_goal(&self, actor: Actor, id: GoalId, input: GoalInput) -> Result<Goal> {
        let name = input
            .name
            .as_deref()
            .map(|n| validate::name("name", n))
            .transpose()?;
        validate::optional_date("due_date", input.due_date.flatten())?;
        let description = input
            .description
            .as_ref()
            .map(|d| validate::optional_text("description", d.as_deref()))
            .transpose()?;
        self.write(|tx| {
            let (mut g, e) = load_goal(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            if let Some(n) = name {
                g.name = n;
            }
            if let Some(d) = description {
                g.description = d;
            }
            if let Some(d) = input.due_date {
                g.due_date = d;
            }
            if let Some(h) = input.horizon {
                g.horizon = h;
            }
            g.updated_at = tx.now;
            tx.w.save_goal(&g)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::GoalUpdated,
                goal_target(&g),
                Some(g.name.clone()),
            )?;
            Ok(g)
        })
    }

    /// Marks a goal Completed, or Active again.
    pub fn set_goal_status(&self, actor: Actor, id: GoalId, status: GoalStatus) -> Result<Goal> {
        self.write(|tx| {
            let (mut g, e) = load_goal(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            if g.status == status {
                return Ok(g);
            }
            g.status = status;
            g.updated_at = tx.now;
            tx.w.save_goal(&g)?;
            let action = match status {
                GoalStatus::Completed => Action::GoalCompleted,
                GoalStatus::Active => Action::GoalReopened,
            };
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                action,
                goal_target(&g),
                Some(g.name.clone()),
            )?;
            Ok(g)
        })
    }

    /// Deletes a goal with its milestones and comments.
    pub fn delete_goal(&self, actor: Actor, id: GoalId) -> Result<()> {
        self.write(|tx| {
            let (g, e) = load_goal(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            tx.w.delete_goal(id)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::GoalDeleted,
                goal_target(&g),
                Some(g.name.clone()),
            )
        })
    }

    /// An engagement's goals with their milestones (its coaches, or its client with a portal).
    pub fn goals(&self, actor: Actor, engagement: EngagementId) -> Result<Vec<GoalWithMilestones>> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            auth::view_contents(r, actor, &e)?;
            let mut milestones = r.milestones(engagement)?;
            Ok(r.goals(engagement)?
                .into_iter()
                .map(|goal| {
                    let (mine, rest): (Vec<_>, Vec<_>) =
                        milestones.drain(..).partition(|m| m.goal_id == goal.id);
                    milestones = rest;
                    GoalWithMilestones {
                        goal,
                        milestones: mine,
                    }
                })
                .collect())
        })
    }

    /// An engagement's goals of one horizon (`None`: the goals without one), with their
    /// milestones, in creation order. Who may read them is as for [`Coaching::goals`].
    pub fn goals_by_horizon(
        &self,
        actor: Actor,
        engagement: EngagementId,
        horizon: Option<GoalHorizon>,
    ) -> Result<Vec<GoalWithMilestones>> {
        let mut goals = self.goals(actor, engagement)?;
        goals.retain(|g| g.goal.horizon == horizon);
        Ok(goals)
    }

    /// Adds a milestone at the end of a goal's list.
    pub fn add_milestone(
        &self,
        actor: Actor,
        goal: GoalId,
        name: &str,
        due_date: Option<NaiveDate>,
    ) -> Result<Milestone> {
        let name = validate::name("name", name)?;
        validate::optional_date("due_date", due_date)?;
        self.write(|tx| {
            let (g, e) = load_goal(tx.r(), actor, goal)?;
            auth::write_in(tx.r(), actor, &e)?;
            let m = Milestone {
                id: MilestoneId::new(),
                goal_id: g.id,
                engagement_id: e.id,
                name,
                due_date,
                done: false,
                position: milestones_of(tx.r(), &g)?.len() as u32,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_milestone(&m)?;
            let detail = format!("{} ({})", m.name, g.name);
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::MilestoneAdded,
                milestone_target(&m),
                Some(detail),
            )?;
            Ok(m)
        })
    }

    /// Edits a milestone's name or due date (`GoalInput::description` and `horizon` are ignored).
    pub fn update_milestone(
        &self,
        actor: Actor,
        id: MilestoneId,
        input: GoalInput,
    ) -> Result<Milestone> {
        let name = input
            .name
            .as_deref()
            .map(|n| validate::name("name", n))
            .transpose()?;
        validate::optional_date("due_date", input.due_date.flatten())?;
        self.write(|tx| {
            let (mut m, e) = load_milestone(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            if let Some(n) = name {
                m.name = n;
            }
            if let Some(d) = input.due_date {
                m.due_date = d;
            }
            m.updated_at = tx.now;
            tx.w.save_milestone(&m)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::MilestoneUpdated,
                milestone_target(&m),
                Some(m.name.clone()),
            )?;
            Ok(m)
        })
    }

    /// Ticks a milestone done, or not.
    pub fn set_milestone_done(
        &self,
        actor: Actor,
        id: MilestoneId,
        done: bool,
    ) -> Result<Milestone> {
        self.write(|tx| {
            let (mut m, e) = load_milestone(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            if m.done == done {
                return Ok(m);
            }
            m.done = done;
            m.updated_at = tx.now;
            tx.w.save_milestone(&m)?;
            let action = if done {
                Action::MilestoneDone
            } else {
                Action::MilestoneReopened
            };
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                action,
                milestone_target(&m),
                Some(m.name.clone()),
            )?;
            Ok(m)
        })
    }

    /// Moves a milestone to `index` within its goal (clamped to the end); returns the new order.
    pub fn move_milestone(
        &self,
        actor: Actor,
        id: MilestoneId,
        index: u32,
    ) -> Result<Vec<Milestone>> {
        self.write(|tx| {
            let (m, e) = load_milestone(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            let (g, _) = load_goal(tx.r(), actor, m.goal_id)?;
            let mut list = milestones_of(tx.r(), &g)?;
            let from = list
                .iter()
                .position(|x| x.id == id)
                .ok_or_else(|| Error::not_found(EntityKind::Milestone, id))?;
            let moving = list.remove(from);
            let to = (index as usize).min(list.len());
            list.insert(to, moving);
            for (i, x) in list.iter_mut().enumerate() {
                if x.position != i as u32 {
                    x.position = i as u32;
                    x.updated_at = tx.now;
                    tx.w.save_milestone(x)?;
                }
            }
            let detail = format!("{} → position {to}", m.name);
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::MilestoneMoved,
                milestone_target(&m),
                Some(detail),
            )?;
            Ok(list)
        })
    }

    /// Deletes a milestone.
    pub fn delete_milestone(&self, actor: Actor, id: MilestoneId) -> Result<()> {
        self.write(|tx| {
            let (m, e) = load_milestone(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            tx.w.delete_milestone(id)?;
            let (g, _) = load_goal(tx.r(), actor, m.goal_id)?;
            for (i, mut x) in milestones_of(tx.r(), &g)?.into_iter().enumerate() {
                if x.position != i as u32 {
                    x.position = i as u32;
                    tx.w.save_milestone(&x)?;
                }
            }
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::MilestoneDeleted,
                milestone_target(&m),
                Some(m.name.clone()),
            )
        })
    }
}
