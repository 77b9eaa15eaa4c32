//! Engagements: creation, edits, status, reassignment, deletion, overviews, the log.
//! Mirrors `coaching-core/src/service/engagement.rs`.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

c_ops! {
    /// Creates a Draft engagement. Every id and name may be NULL. `unit` -1 with `planned` 0
    /// takes the program's planned total (or none); dates are "YYYY-MM-DD" or NULL.
    fn coaching_create_engagement(
        practice_id: *const c_char, program_id: *const c_char, coach_id: *const c_char,
        client_id: *const c_char, program_name: *const c_char, unit_v: i32, planned_amount: u32,
        start_date: *const c_char, end_date: *const c_char
    ) -> one CoachingEngagement =
        |l, a| {
            let new = NewEngagement {
                program_id: opt_id(program_id, "program_id")?,
                coach_id: opt_id(coach_id, "coach_id")?,
                client_id: opt_id(client_id, "client_id")?,
                program_name: opt_text(program_name, "program_name")?.map(Into::into),
                planned: if unit_v == -1 && planned_amount == 0 {
                    None
                } else {
                    Some(planned(unit_v, planned_amount)?)
                },
                start_date: opt_date(start_date, "start_date")?,
                end_date: opt_date(end_date, "end_date")?,
            };
            let e = l.create_engagement(a, id(practice_id, "practice_id")?, new)?;
            Ok(l.engagement(a, e.id)?)
        };

    /// Edits an engagement: `client_id` NULL leaves it; `program_name`, dates: NULL leaves, ""
    /// clears; `session_minutes` 0 leaves; `no_show_counts` -1 leaves;
    /// `late_cancel_window_minutes` -2 leaves, -1 removes. `out` may be NULL.
    fn coaching_update_engagement(
        engagement_id: *const c_char, client_id: *const c_char, program_name: *const c_char,
        start_date: *const c_char, end_date: *const c_char, session_minutes: u32,
        no_show_counts: i32, late_cancel_window_minutes: i64
    ) -> maybe_engagement CoachingEngagement =
        |l, a| {
            Ok(l.update_engagement(
                a,
                id(engagement_id, "engagement_id")?,
                EngagementUpdate {
                    client_id: opt_id(client_id, "client_id")?,
                    program_name: tri_text(program_name, "program_name")?,
                    start_date: tri_date(start_date, "start_date")?,
                    end_date: tri_date(end_date, "end_date")?,
                    session_minutes: (session_minutes != 0).then_some(session_minutes),
                    no_show_counts: tri_bool(no_show_counts, "no_show_counts")?,
                    late_cancel_window_minutes: tri_window(late_cancel_window_minutes)?,
                },
            )?)
        };

    /// Sets the planned total of one engagement. `out` may be NULL.
    fn coaching_set_planned(
        engagement_id: *const c_char, unit_v: i32, amount: u32
    ) -> maybe_engagement CoachingEngagement =
        |l, a| Ok(l.set_planned(a, id(engagement_id, "engagement_id")?, planned(unit_v, amount)?)?);

    /// Moves an engagement to `status` (a `COACHING_STATUS_*` value) by the status table.
    /// `reason` (may be NULL) is logged, and kept on completion. `out` may be NULL.
    fn coaching_set_status(
        engagement_id: *const c_char, status: i32, reason: *const c_char
    ) -> maybe_engagement CoachingEngagement =
        |l, a| {
            Ok(l.set_status(
                a,
                id(engagement_id, "engagement_id")?,
                choice(status, &Status::ALL, "status")?,
                opt_text(reason, "reason")?,
            )?)
        };

    /// Assigns the engagement to another coach. `out` may be NULL.
    fn coaching_reassign(
        engagement_id: *const c_char, coach_id: *const c_char
    ) -> maybe_engagement CoachingEngagement =
        |l, a| Ok(l.reassign(a, id(engagement_id, "engagement_id")?, id(coach_id, "coach_id")?)?);

    /// Deletes an engagement and everything in it.
    fn coaching_delete_engagement(engagement_id: *const c_char) -> done =
        |l, a| Ok(l.delete_engagement(a, id(engagement_id, "engagement_id")?)?);

    /// One engagement with names, progress and phase.
    fn coaching_engagement(engagement_id: *const c_char) -> one CoachingEngagement =
        |l, a| Ok(l.engagement(a, id(engagement_id, "engagement_id")?)?);

    /// The overview of a coach's engagements (a list of `CoachingEngagement`).
    fn coaching_overview_for_coach(coach_id: *const c_char) -> list CoachingEngagement =
        |l, a| Ok(l.overview_for_coach(a, id(coach_id, "coach_id")?)?);

    /// The overview of a client's engagements (a list of `CoachingEngagement`).
    fn coaching_overview_for_client(client_id: *const c_char) -> list CoachingEngagement =
        |l, a| Ok(l.overview_for_client(a, id(client_id, "client_id")?)?);

    /// The overview of the practice (a list of `CoachingEngagement`).
    fn coaching_overview_for_practice(practice_id: *const c_char) -> list CoachingEngagement =
        |l, a| Ok(l.overview_for_practice(a, id(practice_id, "practice_id")?)?);

    /// One page of the practice's overview, in one query: `statuses` points to `status_count`
    /// `COACHING_STATUS_*` values (NULL and 0: every status; at most 4); `coach_id`,
    /// `program_id` NULL: any; `sort` a `COACHING_OVERVIEW_SORT_*` value; `limit` 1 to 500
    /// lines after `offset`. The owner pages every engagement, another coach their own (naming
    /// another coach is `COACHING_RESULT_PERMISSION_DENIED`), a client none.
    fn coaching_overview_page(
        practice_id: *const c_char, statuses: *const i32, status_count: usize,
        coach_id: *const c_char, program_id: *const c_char, sort: i32, descending: bool,
        limit: u32, offset: u32
    ) -> one CoachingOverviewPage =
        |l, a| {
            let statuses = if status_count == 0 {
                Vec::new()
            } else if statuses.is_null() {
                return Err(crate::c::convert::null("statuses"));
            } else if status_count > Status::ALL.len() {
                return Err(crate::c::convert::invalid("status_count", "at most 4"));
            } else {
                std::slice::from_raw_parts(statuses, status_count)
                    .iter()
                    .map(|&v| choice(v, &Status::ALL, "statuses"))
                    .collect::<Result<Vec<_>, _>>()?
            };
            let query = OverviewQuery {
                statuses,
                coach: opt_id(coach_id, "coach_id")?,
                program: opt_id(program_id, "program_id")?,
                sort: choice(sort, OverviewSort::ALL, "sort")?,
                descending,
                limit,
                offset,
            };
            Ok(l.overview_page(a, id(practice_id, "practice_id")?, query)?)
        };

    /// An engagement's activity log, newest first (a list of `CoachingLogEntry`).
    fn coaching_activity(
        engagement_id: *const c_char, offset: u32, limit: u32
    ) -> list CoachingLogEntry =
        |l, a| Ok(l.activity(a, id(engagement_id, "engagement_id")?, page(offset, limit))?);

    /// The practice-wide log, newest first (a list of `CoachingLogEntry`; owner only).
    fn coaching_practice_activity(
        practice_id: *const c_char, offset: u32, limit: u32
    ) -> list CoachingLogEntry =
        |l, a| Ok(l.practice_activity(a, id(practice_id, "practice_id")?, page(offset, limit))?);
}
