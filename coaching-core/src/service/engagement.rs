//! Engagements: creation, edits, the status lifecycle under plan limits, reassignment,
//! deletion, the overview and the activity log.

use chrono::NaiveDate;

use crate::activity::{Action, LogEntry, LogScope, Page, TargetRef};
use crate::actor::Actor;
use crate::auth;
use crate::engagement::{transition, Engagement, EngagementOverview, Status, Transition};
use crate::error::{Error, Result};
use crate::ids::{ClientId, CoachId, EngagementId, EntityKind, PracticeId, ProgramId};
use crate::progress::Planned;
use crate::storage::{OverviewFilter, Reader};
use crate::validate;

use super::practice::{check_late_window, check_planned, check_session_minutes};
use super::{Coaching, Tx};

/// A new engagement. Created as Draft. Every field may be left out and set before activation.
///
/// From a program (`program_id`), the engagement copies the program's name, planned total,
/// session length, no-show rule and late-cancellation window; `program_name` and `planned`
/// given here override the copy. Ad hoc (no program), sessions default to 60 minutes,
/// no-shows count and there is no late-cancellation window.
///
/// `coach_id`: the owner may assign any coach of the practice or leave it unassigned; another
/// coach creates engagements for themself only (left out, it defaults to them).
#[derive(Debug, Clone, Default)]
pub struct NewEngagement {
    /// The program to copy from (it must be one of the practice's); `None`: an ad-hoc engagement.
    pub program_id: Option<ProgramId>,
    /// The coach to assign (see above for who may choose); `None`: the creating coach, or
    /// unassigned when the owner creates it.
    pub coach_id: Option<CoachId>,
    /// The client to enrol (one of the practice's); `None`: chosen later, while Draft.
    pub client_id: Option<ClientId>,
    /// Overrides the program's name; `None`: the program's, if any.
    pub program_name: Option<String>,
    /// Overrides the program's planned total (at least 1); `None`: the program's, or not yet
    /// planned.
    pub planned: Option<Planned>,
    /// The first day; `None`: "TBD".
    pub start_date: Option<NaiveDate>,
    /// The last day (not before `start_date`); `None`: "TBD".
    pub end_date: Option<NaiveDate>,
}

/// Changes to an engagement; `None` leaves a field as it is, `Some(None)` clears it.
/// The coach changes through [`Coaching::reassign`], the planned total through
/// [`Coaching::set_planned`], the status through [`Coaching::set_status`].
#[derive(Debug, Clone, Default)]
pub struct EngagementUpdate {
    /// Only while Draft.
    pub client_id: Option<ClientId>,
    /// A new program name; `Some(None)` clears it (activation then needs it again).
    pub program_name: Option<Option<String>>,
    /// A new start date; `Some(None)`: "TBD". Must not come after the end date.
    pub start_date: Option<Option<NaiveDate>>,
    /// A new end date; `Some(None)`: "TBD". Must not come before the start date.
    pub end_date: Option<Option<NaiveDate>>,
    /// A new default session length, in minutes (1 to 1440).
    pub session_minutes: Option<u32>,
    /// Whether a no-show uses up a session.
    pub no_show_counts: Option<bool>,
    /// A new late-cancellation window, in minutes (at most 30 days); `Some(None)` removes it.
    pub late_cancel_window_minutes: Option<Option<u32>>,
}

/// The engagement `id` as `actor` may name it: an engagement of another practice does not
/// exist for them ([`auth::hide_foreign`]).
pub(crate) fn load(r: &dyn Reader, actor: Actor, id: EngagementId) -> Result<Engagement> {
    let e = fetch(r, id)?;
    auth::hide_foreign(r, actor, e.practice_id, EntityKind::Engagement, id)?;
    Ok(e)
}

/// The engagement `id`, whoever asks (for an object already checked).
pub(crate) fn fetch(r: &dyn Reader, id: EngagementId) -> Result<Engagement> {
    r.engagement(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Engagement, id))
}

fn target(e: &Engagement) -> TargetRef {
    TargetRef::new(EntityKind::Engagement, *e.id.as_uuid())
}

/// Checks that `coach` is a coach of `practice`.
fn coach_of(r: &dyn Reader, coach: CoachId, practice: PracticeId) -> Result<()> {
    match r.coach(coach)? {
        // Another practice's coach does not exist for this one.
        Some(c) if c.practice_id == practice => Ok(()),
        _ => Err(Error::not_found(EntityKind::Coach, coach)),
    }
}

/// Checks that `client` is a client of `practice`, not archived (nor erased).
fn client_of(r: &dyn Reader, client: ClientId, practice: PracticeId) -> Result<()> {
    match r.client(client)? {
        Some(c) if c.practice_id == practice => super::archive::not_archived(&c),
        _ => Err(Error::not_found(EntityKind::Client, client)),
    }
}

impl Coaching {
    /// Creates a Draft engagement (any coach of the practice; see [`NewEngagement`]).
    pub fn create_engagement(
        &self,
        actor: Actor,
        practice: PracticeId,
        new: NewEngagement,
    ) -> Result<Engagement> {
        let program_name = validate::optional_name("program_name", new.program_name.as_deref())?;
        new.planned.map(check_planned).transpose()?;
        validate::date_range(new.start_date, new.end_date)?;
        self.write(|tx| {
            let p = auth::practice(tx.r(), practice)?;
            let me = auth::coach_in(tx.r(), actor, practice)?;
            let coach_id = match new.coach_id {
                None if me.id != p.owner_id => Some(me.id),
                Some(c) if me.id != p.owner_id && c != me.id => {
                    return Err(Error::denied(
                        "only the owner may create engagements for another coach",
                    ))
                }
                other => other,
            };
            if let Some(c) = coach_id {
                coach_of(tx.r(), c, practice)?;
            }
            if let Some(c) = new.client_id {
                client_of(tx.r(), c, practice)?;
            }
            let program = match new.program_id {
                Some(id) => match tx.r().program(id)? {
                    Some(prog) if prog.practice_id == practice => Some(prog),
                    _ => return Err(Error::not_found(EntityKind::Program, id)),
                },
                None => None,
            };
            let e = Engagement {
                id: EngagementId::new(),
                practice_id: practice,
                coach_id,
                client_id: new.client_id,
                program_id: program.as_ref().map(|p| p.id),
                program_name: program_name.or_else(|| program.as_ref().map(|p| p.name.clone())),
                planned: new
                    .planned
                    .or_else(|| program.as_ref().map(|p| p.planned))
                    .unwrap_or(Planned::sessions(0)),
                session_minutes: program.as_ref().map_or(60, |p| p.session_minutes),
                no_show_counts: program.as_ref().is_none_or(|p| p.no_show_counts),
                late_cancel_window_minutes: program
                    .as_ref()
                    .and_then(|p| p.late_cancel_window_minutes),
                start_date: new.start_date,
                end_date: new.end_date,
                status: Status::Draft,
                completion_reason: None,
                created_at: tx.now,
                updated_at: tx.now,
            };
            tx.w.save_engagement(&e)?;
            tx.log(
                practice,
                Some(e.id),
                actor,
                Action::EngagementCreated,
                target(&e),
                e.program_name.clone(),
            )?;
            if let Some(p) = e.program_id {
                super::resources::copy_program_items(tx, &e, p, actor)?;
            }
            Ok(e)
        })
    }

    /// Edits an engagement (its coach or the owner). The client may change only while Draft.
    pub fn update_engagement(
        &self,
        actor: Actor,
        id: EngagementId,
        u: EngagementUpdate,
    ) -> Result<Engagement> {
        let program_name = u
            .program_name
            .as_ref()
            .map(|n| validate::optional_name("program_name", n.as_deref()))
            .transpose()?;
        u.session_minutes.map(check_session_minutes).transpose()?;
        u.late_cancel_window_minutes
            .map(check_late_window)
            .transpose()?;
        self.write(|tx| {
            let mut e = load(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            let mut changed = Vec::new();
            if let Some(c) = u.client_id {
                if e.client_id != Some(c) {
                    if e.status != Status::Draft {
                        return Err(Error::invalid(
                            "client_id",
                            "the client can change only while the engagement is Draft",
                        ));
                    }
                    client_of(tx.r(), c, e.practice_id)?;
                    e.client_id = Some(c);
                    changed.push("client");
                }
            }
            if let Some(n) = program_name {
                e.program_name = n;
                changed.push("program_name");
            }
            if let Some(d) = u.start_date {
                e.start_date = d;
                changed.push("start_date");
            }
            if let Some(d) = u.end_date {
                e.end_date = d;
                changed.push("end_date");
            }
            validate::date_range(e.start_date, e.end_date)?;
            if let Some(v) = u.session_minutes {
                e.session_minutes = v;
                changed.push("session_minutes");
            }
            if let Some(v) = u.no_show_counts {
                e.no_show_counts = v;
                changed.push("no_show_counts");
            }
            if let Some(v) = u.late_cancel_window_minutes {
                e.late_cancel_window_minutes = v;
                changed.push("late_cancel_window_minutes");
            }
            e.updated_at = tx.now;
            tx.w.save_engagement(&e)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::EngagementUpdated,
                target(&e),
                Some(changed.join(", ")),
            )?;
            Ok(e)
        })
    }

    /// Raises or lowers the planned total of one engagement (its coach or the owner), e.g. a
    /// make-up session: 4 → 5. The unit may change too. Lowering it does not complete the
    /// engagement by itself; the next used session will.
    pub fn set_planned(
        &self,
        actor: Actor,
        id: EngagementId,
        planned: Planned,
    ) -> Result<Engagement> {
        check_planned(planned)?;
        self.write(|tx| {
            let mut e = load(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            let detail = format!(
                "{} {} → {} {}",
                e.planned.amount,
                e.planned.unit.as_str(),
                planned.amount,
                planned.unit.as_str()
            );
            e.planned = planned;
            e.updated_at = tx.now;
            tx.w.save_engagement(&e)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::PlannedChanged,
                target(&e),
                Some(detail),
            )?;
            Ok(e)
        })
    }

    /// Moves an engagement to another status, by the status table (its coach or the owner).
    ///
    /// Refuses: a transition the table forbids ([`Error::InvalidTransition`]); an activation
    /// with fields missing ([`Error::MissingFields`], naming all of them); an activation,
    /// reactivation or reopening over the plan's cap ([`Error::PlanLimitReached`]).
    /// `reason` is logged; on completion it is also kept on the engagement.
    pub fn set_status(
        &self,
        actor: Actor,
        id: EngagementId,
        to: Status,
        reason: Option<&str>,
    ) -> Result<Engagement> {
        let reason = validate::optional_text("reason", reason)?;
        self.write(|tx| {
            let e = load(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            apply_transition(tx, e, to, actor, reason)
        })
    }

    /// Draft, Inactive or Completed → Active. See [`Coaching::set_status`].
    pub fn activate(&self, actor: Actor, id: EngagementId) -> Result<Engagement> {
        self.set_status(actor, id, Status::Active, None)
    }

    /// Active or Completed → Inactive (paused). See [`Coaching::set_status`].
    pub fn deactivate(&self, actor: Actor, id: EngagementId) -> Result<Engagement> {
        self.set_status(actor, id, Status::Inactive, None)
    }

    /// Active or Inactive → Completed, with an optional reason (e.g. "client stopped paying").
    pub fn complete(
        &self,
        actor: Actor,
        id: EngagementId,
        reason: Option<&str>,
    ) -> Result<Engagement> {
        self.set_status(actor, id, Status::Completed, reason)
    }

    /// Assigns the engagement to coach `to` (its coach or the owner). Moving it from one coach
    /// to another needs a plan with `can_reassign`; assigning an unassigned engagement does
    /// not. The target must be a coach of the same practice. Upcoming Scheduled sessions move
    /// to the new coach ([`Error::Conflict`] if that would double-book them); sessions already
    /// held stay with the coach who held them.
    pub fn reassign(&self, actor: Actor, id: EngagementId, to: CoachId) -> Result<Engagement> {
        self.write(|tx| {
            let mut e = load(tx.r(), actor, id)?;
            let (practice, _) = auth::manage(tx.r(), actor, &e)?;
            coach_of(tx.r(), to, e.practice_id)?;
            if e.coach_id == Some(to) {
                return Ok(e);
            }
            if e.coach_id.is_some() && !practice.plan.can_reassign {
                return Err(Error::denied(format!(
                    "the {} plan does not allow reassigning engagements",
                    practice.plan.name
                )));
            }
            let moved = super::session::move_upcoming_sessions(tx, &e, to)?;
            let detail = format!(
                "{} → {to} ({moved} upcoming sessions moved)",
                e.coach_id
                    .map_or("unassigned".to_string(), |c| c.to_string())
            );
            e.coach_id = Some(to);
            e.updated_at = tx.now;
            tx.w.save_engagement(&e)?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::EngagementReassigned,
                target(&e),
                Some(detail),
            )?;
            Ok(e)
        })
    }

    /// Deletes an engagement and everything in it, in one transaction (its coach or the
    /// owner). Its own history goes with it; a practice-level log entry records the deletion.
    pub fn delete_engagement(&self, actor: Actor, id: EngagementId) -> Result<()> {
        self.write(|tx| {
            let e = load(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            let client = match e.client_id {
                Some(c) => tx.r().client(c)?.map(|c| c.name),
                None => None,
            };
            let detail = format!(
                "{} for {} ({})",
                e.program_name.as_deref().unwrap_or("untitled engagement"),
                client.as_deref().unwrap_or("no client"),
                e.status
            );
            tx.w.delete_engagement(e.id)?;
            tx.log(
                e.practice_id,
                None,
                actor,
                Action::EngagementDeleted,
                target(&e),
                Some(detail),
            )
        })
    }

    /// One engagement with its names, progress and phase, for whoever may see it.
    pub fn engagement(&self, actor: Actor, id: EngagementId) -> Result<EngagementOverview> {
        self.read(|r| {
            let e = load(r, actor, id)?;
            let viewer = auth::view(r, actor, &e)?;
            let filter = OverviewFilter {
                engagement: Some(id),
                ..OverviewFilter::practice(e.practice_id)
            };
            let line = r
                .overview(&filter)?
                .pop()
                .ok_or_else(|| Error::not_found(EntityKind::Engagement, id))?;
            Ok(match viewer {
                auth::Viewer::Client(_) => line.for_client(),
                auth::Viewer::Coach => line,
            })
        })
    }

    /// The overview of every engagement of `coach`: the coach themself, or the owner.
    pub fn overview_for_coach(
        &self,
        actor: Actor,
        coach: CoachId,
    ) -> Result<Vec<EngagementOverview>> {
        self.read(|r| {
            let practice = auth::coach_scope(r, actor, coach)?;
            r.overview(&OverviewFilter {
                coach: Some(coach),
                ..OverviewFilter::practice(practice.id)
            })
        })
    }

    /// The overview of a client's engagements, as the client page shows it. The owner sees all
    /// of them, another coach those assigned to them, the client their own that are not Draft.
    pub fn overview_for_client(
        &self,
        actor: Actor,
        client: ClientId,
    ) -> Result<Vec<EngagementOverview>> {
        self.read(|r| {
            let c = r
                .client(client)?
                .ok_or_else(|| Error::not_found(EntityKind::Client, client))?;
            auth::hide_foreign(r, actor, c.practice_id, EntityKind::Client, client)?;
            let practice = auth::practice(r, c.practice_id)?;
            let mut filter = OverviewFilter {
                client: Some(client),
                ..OverviewFilter::practice(practice.id)
            };
            let scope = auth::client_scope(r, actor, client, &practice)?;
            match scope {
                auth::ClientScope::Themself => filter.include_draft = false,
                auth::ClientScope::All => {}
                auth::ClientScope::Coach(me) => filter.coach = Some(me),
            }
            let lines = r.overview(&filter)?;
            Ok(if scope == auth::ClientScope::Themself {
                lines
                    .into_iter()
                    .map(EngagementOverview::for_client)
                    .collect()
            } else {
                lines
            })
        })
    }

    /// The overview of the practice: every engagement for the owner, their own for another
    /// coach.
    pub fn overview_for_practice(
        &self,
        actor: Actor,
        practice: PracticeId,
    ) -> Result<Vec<EngagementOverview>> {
        self.read(|r| {
            let p = auth::practice(r, practice)?;
            let me = auth::coach_in(r, actor, practice)?;
            let mut filter = OverviewFilter::practice(practice);
            if me.id != p.owner_id {
                filter.coach = Some(me.id);
            }
            r.overview(&filter)
        })
    }

    /// One page of the practice's overview: filtered by statuses, coach and program, sorted
    /// and paged, with how many engagements match in all — one query on the SQL backends. The
    /// owner pages every engagement; another coach their own (naming another coach is
    /// `PermissionDenied`); a client none. A coach or program of another practice is
    /// `NotFound`; a limit outside 1..=[`crate::MAX_OVERVIEW_PAGE`] is `Validation`.
    pub fn overview_page(
        &self,
        actor: Actor,
        practice: PracticeId,
        query: crate::OverviewQuery,
    ) -> Result<crate::OverviewPage> {
        if query.limit == 0 || query.limit > crate::MAX_OVERVIEW_PAGE {
            return Err(Error::Validation {
                field: "limit".into(),
                reason: format!("must be 1 to {}", crate::MAX_OVERVIEW_PAGE),
            });
        }
        self.read(|r| {
            let p = auth::practice(r, practice)?;
            let me = auth::coach_in(r, actor, practice)?;
            let mut filter = OverviewFilter::practice(practice);
            if me.id != p.owner_id {
                if query.coach.is_some_and(|c| c != me.id) {
                    return Err(Error::PermissionDenied {
                        reason: "a coach lists only their own engagements".into(),
                    });
                }
                filter.coach = Some(me.id);
            } else if let Some(c) = query.coach {
                r.coach(c)?
                    .filter(|x| x.practice_id == practice)
                    .ok_or_else(|| Error::not_found(EntityKind::Coach, c))?;
                filter.coach = Some(c);
            }
            if let Some(pid) = query.program {
                r.program(pid)?
                    .filter(|x| x.practice_id == practice)
                    .ok_or_else(|| Error::not_found(EntityKind::Program, pid))?;
            }
            let (lines, total) = r.overview_page(&filter, &query)?;
            Ok(crate::OverviewPage { lines, total })
        })
    }

    /// An engagement's activity log, newest first (its coach or the owner).
    pub fn activity(&self, actor: Actor, id: EngagementId, page: Page) -> Result<Vec<LogEntry>> {
        page.validate()?;
        self.read(|r| {
            let e = load(r, actor, id)?;
            auth::manage(r, actor, &e)?;
            r.activity(LogScope::Engagement(id), page)
        })
    }

    /// The practice's whole log, newest first: practice-level events and every engagement's
    /// (owner only).
    pub fn practice_activity(
        &self,
        actor: Actor,
        practice: PracticeId,
        page: Page,
    ) -> Result<Vec<LogEntry>> {
        page.validate()?;
        self.read(|r| {
            let p = auth::practice(r, practice)?;
            auth::owner_of(r, actor, &p)?;
            r.activity(LogScope::Practice(practice), page)
        })
    }
}

/// Applies one status transition inside a write: the table, activation requirements, the
/// plan's cap, the log entry. Used by people (through [`Coaching::set_status`]) and by the
/// system (automatic completion).
pub(crate) fn apply_transition(
    tx: &mut Tx<'_>,
    mut e: Engagement,
    to: Status,
    actor: Actor,
    reason: Option<String>,
) -> Result<Engagement> {
    let t = transition(e.status, to)?;
    if t == Transition::Activation {
        let mut missing = e.missing_for_activation();
        missing.extend(super::fields::missing_required(tx.r(), &e)?);
        if !missing.is_empty() {
            return Err(Error::MissingFields { fields: missing });
        }
    }
    if t.activates() {
        if let Some(c) = e.client_id.map(|c| tx.r().client(c)).transpose()?.flatten() {
            super::archive::not_archived(&c)?;
        }
        let practice = auth::practice(tx.r(), e.practice_id)?;
        practice
            .plan
            .check_activation(tx.r().count_active_engagements(e.practice_id)?)?;
    }
    let action = match t {
        Transition::Activation => Action::EngagementActivated,
        Transition::Reactivation => Action::EngagementReactivated,
        Transition::Reopening => Action::EngagementReopened,
        Transition::Deactivation => Action::EngagementDeactivated,
        Transition::Completion => Action::EngagementCompleted,
    };
    e.completion_reason = if t == Transition::Completion {
        reason.clone()
    } else {
        None
    };
    e.status = to;
    e.updated_at = tx.now;
    tx.w.save_engagement(&e)?;
    tx.log(e.practice_id, Some(e.id), actor, action, target(&e), reason)?;
    Ok(e)
}
