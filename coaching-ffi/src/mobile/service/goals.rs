//! Goals and milestones. Mirrors `coaching-core/src/service/goals.rs`.

#![allow(clippy::too_many_arguments)] // the signatures are the Kotlin/Swift surface

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

#[uniffi::export]
impl CoachingLibrary {
    #[uniffi::method(default(horizon = None))]
    pub fn create_goal(
        &self, actor: Actor, engagement_id: String, name: String, description: Option<String>,
        due_date: Option<CalendarDate>, horizon: Option<GoalHorizon>,
    ) -> R<Goal> {
        let new = core::NewGoal {
            name,
            description,
            due_date: opt_date(due_date)?,
            horizon: horizon.map(Into::into),
        };
        Ok(goal(
            self.inner
                .create_goal(actor.core()?, id(&engagement_id)?, new)?,
            Vec::new(),
        ))
    }

    pub fn update_goal(&self, actor: Actor, goal_id: String, changes: ItemChanges) -> R<Goal> {
        let u = core::GoalInput {
            name: changes.name,
            description: tri(changes.description, changes.clear_description),
            due_date: tri_date(changes.due_date, changes.clear_due_date)?,
            horizon: tri(changes.horizon.map(Into::into), changes.clear_horizon),
        };
        Ok(goal(
            self.inner.update_goal(actor.core()?, id(&goal_id)?, u)?,
            Vec::new(),
        ))
    }

    pub fn set_goal_status(&self, actor: Actor, goal_id: String, status: GoalStatus) -> R<Goal> {
        Ok(goal(
            self.inner
                .set_goal_status(actor.core()?, id(&goal_id)?, status.into())?,
            Vec::new(),
        ))
    }

    pub fn delete_goal(&self, actor: Actor, goal_id: String) -> R<()> {
        Ok(self.inner.delete_goal(actor.core()?, id(&goal_id)?)?)
    }

    pub fn goals(&self, actor: Actor, engagement_id: String) -> R<Vec<Goal>> {
        Ok(self
            .inner
            .goals(actor.core()?, id(&engagement_id)?)?
            .into_iter()
            .map(|g| goal(g.goal, g.milestones))
            .collect())
    }

    /// An engagement's goals of one horizon (null: the goals without one).
    pub fn goals_by_horizon(
        &self, actor: Actor, engagement_id: String, horizon: Option<GoalHorizon>,
    ) -> R<Vec<Goal>> {
        Ok(self
            .inner
            .goals_by_horizon(actor.core()?, id(&engagement_id)?, horizon.map(Into::into))?
            .into_iter()
            .map(|g| goal(g.goal, g.milestones))
            .collect())
    }

    pub fn add_milestone(
        &self, actor: Actor, goal_id: String, name: String, due_date: Option<CalendarDate>,
    ) -> R<Milestone> {
        Ok(self
            .inner
            .add_milestone(actor.core()?, id(&goal_id)?, &name, opt_date(due_date)?)?
            .into())
    }

    pub fn update_milestone(
        &self, actor: Actor, milestone_id: String, changes: ItemChanges,
    ) -> R<Milestone> {
        let u = core::GoalInput {
            name: changes.name,
            description: None,
            due_date: tri_date(changes.due_date, changes.clear_due_date)?,
            horizon: None,
        };
        Ok(self
            .inner
            .update_milestone(actor.core()?, id(&milestone_id)?, u)?
            .into())
    }

    pub fn set_milestone_done(
        &self, actor: Actor, milestone_id: String, done: bool,
    ) -> R<Milestone> {
        Ok(self
            .inner
            .set_milestone_done(actor.core()?, id(&milestone_id)?, done)?
            .into())
    }

    pub fn move_milestone(
        &self, actor: Actor, milestone_id: String, index: u32,
    ) -> R<Vec<Milestone>> {
        Ok(list(self.inner.move_milestone(
            actor.core()?,
            id(&milestone_id)?,
            index,
        )?))
    }

    pub fn delete_milestone(&self, actor: Actor, milestone_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_milestone(actor.core()?, id(&milestone_id)?)?)
    }
}
