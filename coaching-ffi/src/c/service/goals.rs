//! Goals and milestones. Mirrors `coaching-core/src/service/goals.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

/// Creates a goal. `description` and `due_date` may be NULL. The returned goal has no
/// milestones yet.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_goal(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingGoal,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let new = NewGoal {
            name: text(name, "name")?.into(),
            description: opt_text(description, "description")?.map(Into::into),
            due_date: opt_date(due_date, "due_date")?,
        };
        let g = crate::c::convert::lib(lib)?.create_goal(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
            new,
        )?;
        put_one!(out, CoachingGoal, goal_with(g));
        Ok(())
    })
}

/// Edits a goal: `name` NULL leaves it; `description`, `due_date` NULL leave, "" clear.
/// `out` (may be NULL) gets the goal without its milestones.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_goal(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
    name: *const c_char,
    description: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingGoal,
) -> CoachingResult {
    guard(|| {
        let input = GoalInput {
            name: opt_text(name, "name")?.map(Into::into),
            description: tri_text(description, "description")?,
            due_date: tri_date(due_date, "due_date")?,
        };
        let g = crate::c::convert::lib(lib)?.update_goal(
            actor(actor_kind, actor_id)?,
            id(goal_id, "goal_id")?,
            input,
        )?;
        put_one!(out, CoachingGoal, goal_with(g));
        Ok(())
    })
}

/// Sets a goal's status (a `COACHING_GOAL_STATUS_*` value). `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_goal_status(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
    status: i32,
    out: *mut *mut CoachingGoal,
) -> CoachingResult {
    guard(|| {
        let st = choice(
            status,
            &[GoalStatus::Active, GoalStatus::Completed],
            "status",
        )?;
        let g = crate::c::convert::lib(lib)?.set_goal_status(
            actor(actor_kind, actor_id)?,
            id(goal_id, "goal_id")?,
            st,
        )?;
        put_one!(out, CoachingGoal, goal_with(g));
        Ok(())
    })
}

/// Deletes a goal with its milestones.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_goal(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(crate::c::convert::lib(lib)?
            .delete_goal(actor(actor_kind, actor_id)?, id(goal_id, "goal_id")?)?)
    })
}

/// An engagement's goals with their milestones (a list of `CoachingGoal`).
#[no_mangle]
pub unsafe extern "C" fn coaching_goals(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    engagement_id: *const c_char,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let v = crate::c::convert::lib(lib)?.goals(
            actor(actor_kind, actor_id)?,
            id(engagement_id, "engagement_id")?,
        )?;
        put_list!(out, CoachingGoal, v);
        Ok(())
    })
}

/// Adds a milestone to a goal. `due_date` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_add_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    goal_id: *const c_char,
    name: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    guard(|| {
        out_ptr(out, "out")?;
        let m = crate::c::convert::lib(lib)?.add_milestone(
            actor(actor_kind, actor_id)?,
            id(goal_id, "goal_id")?,
            text(name, "name")?,
            opt_date(due_date, "due_date")?,
        )?;
        put_one!(out, CoachingMilestone, m);
        Ok(())
    })
}

/// Edits a milestone: `name` NULL leaves it; `due_date` NULL leaves, "" clears. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_update_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
    name: *const c_char,
    due_date: *const c_char,
    out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    guard(|| {
        let input = GoalInput {
            name: opt_text(name, "name")?.map(Into::into),
            description: None,
            due_date: tri_date(due_date, "due_date")?,
        };
        let m = crate::c::convert::lib(lib)?.update_milestone(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
            input,
        )?;
        put_one!(out, CoachingMilestone, m);
        Ok(())
    })
}

/// Ticks a milestone done, or not. `out` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_set_milestone_done(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
    done: bool,
    out: *mut *mut CoachingMilestone,
) -> CoachingResult {
    guard(|| {
        let m = crate::c::convert::lib(lib)?.set_milestone_done(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
            done,
        )?;
        put_one!(out, CoachingMilestone, m);
        Ok(())
    })
}

/// Moves a milestone to `index`; `out` (may be NULL) gets the goal's new order.
#[no_mangle]
pub unsafe extern "C" fn coaching_move_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
    index: u32,
    out: *mut *mut CoachingList,
) -> CoachingResult {
    guard(|| {
        let v = crate::c::convert::lib(lib)?.move_milestone(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
            index,
        )?;
        put_list!(out, CoachingMilestone, v);
        Ok(())
    })
}

/// Deletes a milestone.
#[no_mangle]
pub unsafe extern "C" fn coaching_delete_milestone(
    lib: *const CoachingLib,
    actor_kind: i32,
    actor_id: *const c_char,
    milestone_id: *const c_char,
) -> CoachingResult {
    guard(|| {
        Ok(crate::c::convert::lib(lib)?.delete_milestone(
            actor(actor_kind, actor_id)?,
            id(milestone_id, "milestone_id")?,
        )?)
    })
}
