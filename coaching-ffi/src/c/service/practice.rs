//! Practices, coaches, clients and programs. Mirrors `coaching-core/src/service/practice.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{guard, CoachingResult};

/// Signs a practice up with its owner. `owner_email` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn coaching_create_practice(
    lib: *const CoachingLib, name: *const c_char, time_zone: *const c_char,
    plan_in: *const CoachingPlanInput, owner_name: *const c_char, owner_email: *const c_char,
    out_practice: *mut *mut CoachingPractice, out_owner: *mut *mut CoachingCoach,
) -> CoachingResult {
    guard(|| {
        out_ptr(out_practice, "out_practice")?;
        out_ptr(out_owner, "out_owner")?;
        let (p, o) = crate::c::convert::lib(lib)?.create_practice(NewPractice {
            name: text(name, "name")?.into(),
            time_zone: text(time_zone, "time_zone")?.into(),
            plan: plan(plan_in)?,
            owner_name: text(owner_name, "owner_name")?.into(),
            owner_email: opt_text(owner_email, "owner_email")?.map(Into::into),
        })?;
        put_one!(out_practice, CoachingPractice, p);
        put_one!(out_owner, CoachingCoach, o);
        Ok(())
    })
}

c_ops! {
    /// A practice.
    fn coaching_practice(practice_id: *const c_char) -> one CoachingPractice =
        |l, a| Ok(l.practice(a, id(practice_id, "practice_id")?)?);

    /// Moves the practice to another plan (owner only). `out` may be NULL.
    fn coaching_change_plan(
        practice_id: *const c_char, plan_in: *const CoachingPlanInput
    ) -> maybe CoachingPractice =
        |l, a| Ok(l.change_plan(a, id(practice_id, "practice_id")?, plan(plan_in)?)?);

    /// Adds a coach (owner only). `email` may be NULL.
    fn coaching_add_coach(
        practice_id: *const c_char, name: *const c_char, email: *const c_char
    ) -> one CoachingCoach =
        |l, a| {
            Ok(l.add_coach(
                a,
                id(practice_id, "practice_id")?,
                NewCoach {
                    name: text(name, "name")?.into(),
                    email: opt_text(email, "email")?.map(Into::into),
                },
            )?)
        };

    /// The practice's coaches (a list of `CoachingCoach`).
    fn coaching_coaches(practice_id: *const c_char) -> list CoachingCoach =
        |l, a| Ok(l.coaches(a, id(practice_id, "practice_id")?)?);

    /// Adds a client. `email` may be NULL.
    fn coaching_add_client(
        practice_id: *const c_char, name: *const c_char, email: *const c_char, has_portal: bool
    ) -> one CoachingClient =
        |l, a| {
            Ok(l.add_client(
                a,
                id(practice_id, "practice_id")?,
                NewClient {
                    name: text(name, "name")?.into(),
                    email: opt_text(email, "email")?.map(Into::into),
                    has_portal,
                },
            )?)
        };

    /// Changes a client: `name` NULL leaves it; `email` NULL leaves it, "" removes it;
    /// `has_portal` -1 leaves it, 0 or 1 sets it. `out` may be NULL.
    fn coaching_update_client(
        client_id: *const c_char, name: *const c_char, email: *const c_char, has_portal: i32
    ) -> maybe CoachingClient =
        |l, a| {
            Ok(l.update_client(
                a,
                id(client_id, "client_id")?,
                ClientUpdate {
                    name: opt_text(name, "name")?.map(Into::into),
                    email: tri_text(email, "email")?,
                    has_portal: tri_bool(has_portal, "has_portal")?,
                },
            )?)
        };

    /// A client.
    fn coaching_client(client_id: *const c_char) -> one CoachingClient =
        |l, a| Ok(l.client(a, id(client_id, "client_id")?)?);

    /// The practice's clients (a list of `CoachingClient`).
    fn coaching_clients(practice_id: *const c_char) -> list CoachingClient =
        |l, a| Ok(l.clients(a, id(practice_id, "practice_id")?)?);

    /// Creates a program. `unit` is a `COACHING_PROGRESS_UNIT_*` value; `planned` is sessions, or
    /// minutes in hours mode; `late_cancel_window_minutes` -1 for none.
    fn coaching_create_program(
        practice_id: *const c_char, name: *const c_char, unit_v: i32, planned_amount: u32,
        session_minutes: u32, no_show_counts: bool, late_cancel_window_minutes: i64
    ) -> one CoachingProgram =
        |l, a| {
            Ok(l.create_program(
                a,
                id(practice_id, "practice_id")?,
                NewProgram {
                    name: text(name, "name")?.into(),
                    planned: planned(unit_v, planned_amount)?,
                    session_minutes,
                    no_show_counts,
                    late_cancel_window_minutes: tri_window(late_cancel_window_minutes)?.flatten(),
                },
            )?)
        };

    /// Changes a program: `name` NULL leaves it; `unit` -1 leaves the planned total, else
    /// `planned` sets it; `session_minutes` 0 leaves it; `no_show_counts` -1 leaves it;
    /// `late_cancel_window_minutes` -2 leaves it, -1 removes it. `out` may be NULL.
    fn coaching_update_program(
        program_id: *const c_char, name: *const c_char, unit_v: i32, planned_amount: u32,
        session_minutes: u32, no_show_counts: i32, late_cancel_window_minutes: i64
    ) -> maybe CoachingProgram =
        |l, a| {
            Ok(l.update_program(
                a,
                id(program_id, "program_id")?,
                ProgramUpdate {
                    name: opt_text(name, "name")?.map(Into::into),
                    planned: if unit_v == -1 {
                        None
                    } else {
                        Some(planned(unit_v, planned_amount)?)
                    },
                    session_minutes: (session_minutes != 0).then_some(session_minutes),
                    no_show_counts: tri_bool(no_show_counts, "no_show_counts")?,
                    late_cancel_window_minutes: tri_window(late_cancel_window_minutes)?,
                },
            )?)
        };

    /// A program.
    fn coaching_program(program_id: *const c_char) -> one CoachingProgram =
        |l, a| Ok(l.program(a, id(program_id, "program_id")?)?);

    /// The practice's programs (a list of `CoachingProgram`).
    fn coaching_programs(practice_id: *const c_char) -> list CoachingProgram =
        |l, a| Ok(l.programs(a, id(practice_id, "practice_id")?)?);
}
