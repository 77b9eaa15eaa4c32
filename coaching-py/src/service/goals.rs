//! Goals and milestones. Mirrors `coaching-core/src/service/goals.rs`.

use chrono::NaiveDate;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Creates an Active goal in an engagement (the coach, or the client with a portal in an
    /// Active engagement). `horizon`: a `GoalHorizon` (or "short", "mid", "long"), or None.
    #[pyo3(signature = (actor, engagement_id, name, *, description=None, due_date=None, horizon=None))]
    fn create_goal(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>, name: String,
        description: Option<String>, due_date: Option<NaiveDate>,
        horizon: Option<Pick<core::GoalHorizon>>,
    ) -> PyResult<Goal> {
        let new = core::NewGoal {
            name,
            description,
            due_date,
            horizon: horizon.map(|h| h.get("horizon")).transpose()?,
        };
        self.run(py, move |l| l.create_goal(actor.0, engagement_id.0, new))
            .map(|g| Goal::of(&g, &[]))
    }

    /// Edits a goal: `name`, `description`, `due_date`, `horizon` (None clears).
    #[pyo3(signature = (actor, goal_id, **changes))]
    fn update_goal(
        &self, py: Python<'_>, actor: Who, goal_id: Id<core::GoalId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Goal> {
        let c = Changes::new(changes, &["name", "description", "due_date", "horizon"])?;
        let horizon = match c.get::<Pick<core::GoalHorizon>>("horizon")? {
            None => None,
            Some(None) => Some(None),
            Some(Some(h)) => Some(Some(h.get("horizon")?)),
        };
        let u = core::GoalInput {
            name: c.set("name")?,
            description: c.get("description")?,
            due_date: c.get("due_date")?,
            horizon,
        };
        self.run(py, move |l| l.update_goal(actor.0, goal_id.0, u))
            .map(|g| Goal::of(&g, &[]))
    }

    /// Marks a goal Completed, or Active again (`status`: "active", "completed").
    fn set_goal_status(
        &self, py: Python<'_>, actor: Who, goal_id: Id<core::GoalId>,
        status: Pick<core::GoalStatus>,
    ) -> PyResult<Goal> {
        let st = status.get("status")?;
        self.run(py, move |l| l.set_goal_status(actor.0, goal_id.0, st))
            .map(|g| Goal::of(&g, &[]))
    }

    /// Deletes a goal with its milestones and comments.
    fn delete_goal(&self, py: Python<'_>, actor: Who, goal_id: Id<core::GoalId>) -> PyResult<()> {
        self.run(py, move |l| l.delete_goal(actor.0, goal_id.0))
    }

    /// An engagement's goals with their milestones.
    fn goals(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Vec<Goal>> {
        self.run(py, move |l| l.goals(actor.0, engagement_id.0))
            .map(|v| v.iter().map(|g| Goal::of(&g.goal, &g.milestones)).collect())
    }

    /// An engagement's goals of one horizon (a `GoalHorizon` or its value; None: the goals
    /// without one), with their milestones, in creation order.
    #[pyo3(signature = (actor, engagement_id, horizon))]
    fn goals_by_horizon(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        horizon: Option<Pick<core::GoalHorizon>>,
    ) -> PyResult<Vec<Goal>> {
        let h = horizon.map(|h| h.get("horizon")).transpose()?;
        self.run(py, move |l| l.goals_by_horizon(actor.0, engagement_id.0, h))
            .map(|v| v.iter().map(|g| Goal::of(&g.goal, &g.milestones)).collect())
    }

    /// Adds a milestone at the end of a goal's list.
    #[pyo3(signature = (actor, goal_id, name, *, due_date=None))]
    fn add_milestone(
        &self, py: Python<'_>, actor: Who, goal_id: Id<core::GoalId>, name: String,
        due_date: Option<NaiveDate>,
    ) -> PyResult<Milestone> {
        self.one(py, move |l| {
            l.add_milestone(actor.0, goal_id.0, &name, due_date)
        })
    }

    /// Edits a milestone: `name`, `due_date` (None clears).
    #[pyo3(signature = (actor, milestone_id, **changes))]
    fn update_milestone(
        &self, py: Python<'_>, actor: Who, milestone_id: Id<core::MilestoneId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Milestone> {
        let c = Changes::new(changes, &["name", "due_date"])?;
        let u = core::GoalInput {
            name: c.set("name")?,
            description: None,
            due_date: c.get("due_date")?,
            horizon: None,
        };
        self.one(py, move |l| l.update_milestone(actor.0, milestone_id.0, u))
    }

    /// Ticks a milestone done, or not (`done=False`).
    #[pyo3(signature = (actor, milestone_id, done=true))]
    fn set_milestone_done(
        &self, py: Python<'_>, actor: Who, milestone_id: Id<core::MilestoneId>, done: bool,
    ) -> PyResult<Milestone> {
        self.one(py, move |l| {
            l.set_milestone_done(actor.0, milestone_id.0, done)
        })
    }

    /// Moves a milestone to `index` within its goal (clamped to the end); returns the new
    /// order.
    fn move_milestone(
        &self, py: Python<'_>, actor: Who, milestone_id: Id<core::MilestoneId>, index: Count<u32>,
    ) -> PyResult<Vec<Milestone>> {
        self.many(py, move |l| {
            l.move_milestone(actor.0, milestone_id.0, index.0)
        })
    }

    /// Deletes a milestone.
    fn delete_milestone(
        &self, py: Python<'_>, actor: Who, milestone_id: Id<core::MilestoneId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.delete_milestone(actor.0, milestone_id.0))
    }
}
