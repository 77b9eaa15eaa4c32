//! Goals and milestones. Mirrors `coaching-core/src/service/goals.rs`.

use chrono::NaiveDate;
use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

#[pymethods]
impl Coaching {
    #[pyo3(signature = (actor, engagement_id, name, *, description=None, due_date=None))]
    fn create_goal(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
        name: String,
        description: Option<String>,
        due_date: Option<NaiveDate>,
    ) -> PyResult<Goal> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| {
            l.create_goal(
                a,
                e,
                core::NewGoal {
                    name,
                    description,
                    due_date,
                },
            )
        })
        .map(|g| Goal::of(&g, &[]))
    }

    /// Edits a goal: `name`, `description`, `due_date` (None clears).
    #[pyo3(signature = (actor, goal_id, **changes))]
    fn update_goal(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        goal_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Goal> {
        let c = Changes::new(changes, &["name", "description", "due_date"])?;
        let u = core::GoalInput {
            name: c.set("name")?,
            description: c.get("description")?,
            due_date: c.get("due_date")?,
        };
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.update_goal(a, g, u))
            .map(|g| Goal::of(&g, &[]))
    }

    fn set_goal_status(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        goal_id: &str,
        status: &str,
    ) -> PyResult<Goal> {
        let st = enum_arg(
            status,
            &[
                ("active", core::GoalStatus::Active),
                ("completed", core::GoalStatus::Completed),
            ],
            "status",
        )?;
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.set_goal_status(a, g, st))
            .map(|g| Goal::of(&g, &[]))
    }

    fn delete_goal(&self, py: Python<'_>, actor: &Bound<'_, PyAny>, goal_id: &str) -> PyResult<()> {
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.delete_goal(a, g))
    }

    fn goals(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        engagement_id: &str,
    ) -> PyResult<Vec<Goal>> {
        let (a, e) = (actor_arg(actor)?, id(engagement_id)?);
        self.run(py, move |l| l.goals(a, e))
            .map(|v| v.iter().map(|g| Goal::of(&g.goal, &g.milestones)).collect())
    }

    #[pyo3(signature = (actor, goal_id, name, *, due_date=None))]
    fn add_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        goal_id: &str,
        name: String,
        due_date: Option<NaiveDate>,
    ) -> PyResult<Milestone> {
        let (a, g) = (actor_arg(actor)?, id(goal_id)?);
        self.run(py, move |l| l.add_milestone(a, g, &name, due_date))
            .map(|x| Milestone::from(&x))
    }

    /// Edits a milestone: `name`, `due_date` (None clears).
    #[pyo3(signature = (actor, milestone_id, **changes))]
    fn update_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Milestone> {
        let c = Changes::new(changes, &["name", "due_date"])?;
        let u = core::GoalInput {
            name: c.set("name")?,
            description: None,
            due_date: c.get("due_date")?,
        };
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.update_milestone(a, m, u))
            .map(|x| Milestone::from(&x))
    }

    #[pyo3(signature = (actor, milestone_id, done=true))]
    fn set_milestone_done(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
        done: bool,
    ) -> PyResult<Milestone> {
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.set_milestone_done(a, m, done))
            .map(|x| Milestone::from(&x))
    }

    fn move_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
        index: Count<u32>,
    ) -> PyResult<Vec<Milestone>> {
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.move_milestone(a, m, index.0))
            .map(|v| v.iter().map(Milestone::from).collect())
    }

    fn delete_milestone(
        &self,
        py: Python<'_>,
        actor: &Bound<'_, PyAny>,
        milestone_id: &str,
    ) -> PyResult<()> {
        let (a, m) = (actor_arg(actor)?, id(milestone_id)?);
        self.run(py, move |l| l.delete_milestone(a, m))
    }
}
