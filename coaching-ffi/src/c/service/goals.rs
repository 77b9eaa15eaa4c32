//! Goals and milestones. Mirrors `coaching-core/src/service/goals.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Creates a goal. `description` and `due_date` may be NULL; `horizon` is a
    /// `COACHING_GOAL_HORIZON_*` value (`_NONE`: not set). The returned goal has no milestones
    /// yet.
    fn coaching_create_goal(
        engagement_id: *const c_char, name: *const c_char, description: *const c_char,
        due_date: *const c_char, horizon: i32
    ) -> one CoachingGoal =
        |l, a| {
            Ok(l.create_goal(
                a,
                id(engagement_id, "engagement_id")?,
                NewGoal {
                    name: text(name, "name")?.into(),
                    description: opt_text(description, "description")?.map(Into::into),
                    due_date: opt_date(due_date, "due_date")?,
                    horizon: crate::c::convert::horizon(horizon, "horizon")?,
                },
            )
            .map(goal_with)?)
        };

    /// Edits a goal: `name` NULL leaves it; `description`, `due_date` NULL leave, "" clear;
    /// `horizon` -1 leaves it, else a `COACHING_GOAL_HORIZON_*` value (`_NONE` clears it).
    /// `out` (may be NULL) gets the goal without its milestones.
    fn coaching_update_goal(
        goal_id: *const c_char, name: *const c_char, description: *const c_char,
        due_date: *const c_char, horizon: i32
    ) -> maybe CoachingGoal =
        |l, a| {
            Ok(l.update_goal(
                a,
                id(goal_id, "goal_id")?,
                GoalInput {
                    name: opt_text(name, "name")?.map(Into::into),
                    description: tri_text(description, "description")?,
                    due_date: tri_date(due_date, "due_date")?,
                    horizon: tri_horizon(horizon, "horizon")?,
                },
            )
            .map(goal_with)?)
        };

    /// Sets a goal's status (a `COACHING_GOAL_STATUS_*` value). `out` may be NULL.
    fn coaching_set_goal_status(goal_id: *const c_char, status: i32) -> maybe CoachingGoal =
        |l, a| {
            Ok(l.set_goal_status(
                a,
                id(goal_id, "goal_id")?,
                choice(
                    status,
                    &[GoalStatus::Active, GoalStatus::Completed],
                    "status",
                )?,
            )
            .map(goal_with)?)
        };

    /// Deletes a goal with its milestones.
    fn coaching_delete_goal(goal_id: *const c_char) -> done =
        |l, a| Ok(l.delete_goal(a, id(goal_id, "goal_id")?)?);

    /// An engagement's goals with their milestones (a list of `CoachingGoal`).
    fn coaching_goals(engagement_id: *const c_char) -> list CoachingGoal =
        |l, a| Ok(l.goals(a, id(engagement_id, "engagement_id")?)?);

    /// An engagement's goals of one horizon (a `COACHING_GOAL_HORIZON_*` value; `_NONE`: the
    /// goals without one), with their milestones, in creation order.
    fn coaching_goals_by_horizon(engagement_id: *const c_char, horizon: i32) -> list CoachingGoal =
        |l, a| {
            Ok(l.goals_by_horizon(
                a,
                id(engagement_id, "engagement_id")?,
                crate::c::convert::horizon(horizon, "horizon")?,
            )?)
        };

    /// Adds a milestone to a goal. `due_date` may be NULL.
    fn coaching_add_milestone(
        goal_id: *const c_char, name: *const c_char, due_date: *const c_char
    ) -> one CoachingMilestone =
        |l, a| {
            Ok(l.add_milestone(
                a,
                id(goal_id, "goal_id")?,
                text(name, "name")?,
                opt_date(due_date, "due_date")?,
            )?)
        };

    /// Edits a milestone: `name` NULL leaves it; `due_date` NULL leaves, "" clears. `out` may be NULL.
    fn coaching_update_milestone(
        milestone_id: *const c_char, name: *const c_char, due_date: *const c_char
    ) -> maybe CoachingMilestone =
        |l, a| {
            Ok(l.update_milestone(
                a,
                id(milestone_id, "milestone_id")?,
                GoalInput {
                    name: opt_text(name, "name")?.map(Into::into),
                    description: None,
                    due_date: tri_date(due_date, "due_date")?,
                    horizon: None,
                },
            )?)
        };

    /// Ticks a milestone done, or not. `out` may be NULL.
    fn coaching_set_milestone_done(
        milestone_id: *const c_char, done: bool
    ) -> maybe CoachingMilestone =
        |l, a| Ok(l.set_milestone_done(a, id(milestone_id, "milestone_id")?, done)?);

    /// Moves a milestone to `index`; `out` (may be NULL) gets the goal's new order.
    fn coaching_move_milestone(
        milestone_id: *const c_char, index: u32
    ) -> maybe_list CoachingMilestone =
        |l, a| Ok(l.move_milestone(a, id(milestone_id, "milestone_id")?, index)?);

    /// Deletes a milestone.
    fn coaching_delete_milestone(milestone_id: *const c_char) -> done =
        |l, a| Ok(l.delete_milestone(a, id(milestone_id, "milestone_id")?)?);
}
