//! Self-booking: a coach's availability, booking rules, free slots, and the checks a client's
//! own booking passes (see [`crate::booking`] for the rules).

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::activity::{Action, TargetRef};
use crate::actor::Actor;
use crate::auth;
use crate::booking::{
    self, normalise, normalise_weekly, with_override, Availability, BookingRules, DateOverride,
    DayRange, EffectiveRules, RulesOwner, RulesSource, SlotContext, WeeklyHours,
};
use crate::engagement::{Engagement, Status};
use crate::error::{Error, Result};
use crate::ids::{CoachId, EngagementId, EntityKind, ProgramId, SessionId};
use crate::progress::ProgressUnit;
use crate::storage::Reader;
use crate::validate;

use super::engagement::load;
use super::session::check_window;
use super::{Coaching, Tx};

/// The rules `e` books under: its own, else its program's, else the defaults.
pub(crate) fn effective_rules(r: &dyn Reader, e: &Engagement) -> Result<EffectiveRules> {
    let own = r.booking_rules(e.practice_id, RulesOwner::Engagement(e.id))?;
    let program = match (own, e.program_id) {
        (None, Some(p)) => r.booking_rules(e.practice_id, RulesOwner::Program(p))?,
        _ => None,
    };
    choose(own, program)
}

/// The engagement's own rules, else its program's, else the defaults.
fn choose(own: Option<BookingRules>, program: Option<BookingRules>) -> Result<EffectiveRules> {
    // Stored rules were checked when written; anything else is not the library's.
    let stored = |rules: BookingRules| {
        rules
            .validated()
            .map_err(|_| Error::storage("stored booking rules out of their ranges"))
    };
    Ok(match (own, program) {
        (Some(rules), _) => EffectiveRules {
            rules: stored(rules)?,
            source: RulesSource::Engagement,
        },
        (None, Some(rules)) => EffectiveRules {
            rules: stored(rules)?,
            source: RulesSource::Program,
        },
        (None, None) => EffectiveRules {
            rules: BookingRules::default(),
            source: RulesSource::Default,
        },
    })
}

/// Refuses a client's booking of `count` more sessions of `minutes` each past what remains of
/// the planned total (planned − used − already scheduled).
pub(crate) fn check_allocation(
    r: &dyn Reader,
    e: &Engagement,
    count: u32,
    minutes: u64,
) -> Result<()> {
    if e.planned.amount == 0 {
        return Ok(()); // nothing planned: no allocation to read
    }
    allocation_left(e, r.allocation(e.id)?, count, minutes)
}

/// Refuses `count` more sessions of `minutes` each past the allocation `(tally, scheduled,
/// scheduled minutes)` leaves.
fn allocation_left(
    e: &Engagement,
    (tally, n, scheduled_minutes): (crate::progress::SessionTally, u32, u64),
    count: u32,
    minutes: u64,
) -> Result<()> {
    if e.planned.amount == 0 {
        return Ok(());
    }
    let used = tally.used(e.planned.unit, e.no_show_counts);
    let (scheduled, asked) = match e.planned.unit {
        ProgressUnit::Sessions => (n as u64, count as u64),
        ProgressUnit::Hours => (scheduled_minutes, minutes.saturating_mul(count as u64)),
    };
    let planned = e.planned.amount as u64;
    if used + scheduled + asked > planned {
        let cap = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        return Err(Error::AllocationUsedUp {
            unit: e.planned.unit,
            planned: e.planned.amount,
            used: cap(used),
            scheduled: cap(scheduled),
        });
    }
    Ok(())
}

/// What a slot computation for `e`'s coach `coach` needs around `[from, to)`: the rules, the
/// coach's hours, their Scheduled sessions (other than `exclude`), the practice's zone.
struct Inputs {
    rules: BookingRules,
    availability: Option<Availability>,
    busy: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    zone: chrono_tz::Tz,
    allocation: (crate::progress::SessionTally, u32, u64),
}

fn inputs(
    r: &dyn Reader,
    e: &Engagement,
    coach: CoachId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    exclude: Option<SessionId>,
) -> Result<Inputs> {
    let margin = Duration::days(2);
    let setup = r.booking_setup(e, coach)?;
    Ok(Inputs {
        rules: choose(setup.own, setup.program)?.rules,
        availability: setup.availability,
        busy: r.coach_busy(coach, from - margin, to + margin, exclude)?,
        zone: auth::practice(r, e.practice_id)?.time_zone,
        allocation: setup.allocation,
    })
}

impl Inputs {
    fn context(&self, length: Duration, now: DateTime<Utc>) -> SlotContext<'_> {
        SlotContext {
            availability: self.availability.as_ref(),
            rules: self.rules,
            length,
            busy: &self.busy,
            now,
            zone: self.zone,
        }
    }
}

/// What a client's booking (or reschedule) at `start` for `length` in `e` is checked
/// against: notice, horizon, the coach's hours, and the coach's sessions (other than
/// `exclude`) with the buffers.
pub(crate) fn check_client_start(
    r: &dyn Reader,
    e: &Engagement,
    coach: CoachId,
    start: DateTime<Utc>,
    length: Duration,
    exclude: Option<SessionId>,
    now: DateTime<Utc>,
) -> Result<()> {
    let i = inputs(r, e, coach, start, start, exclude)?;
    booking::check(&i.context(length, now), start)
}

/// A client moving a session must do it before the notice (and before the engagement's late
/// cancellation window: a move inside it would escape the late cancellation).
pub(crate) fn check_client_move(
    r: &dyn Reader,
    e: &Engagement,
    current_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    let rules = effective_rules(r, e)?.rules;
    let needed = rules
        .min_notice_minutes
        .max(e.late_cancel_window_minutes.unwrap_or(0));
    let ahead = (current_start - now).num_minutes();
    if ahead < needed as i64 {
        return Err(Error::NoticeTooShort {
            notice_minutes: needed,
            minutes_ahead: ahead,
        });
    }
    Ok(())
}

/// The last start a session of `length` may have (its end within the supported instants).
fn last_start(length: Duration) -> DateTime<Utc> {
    validate::after_last_instant() - length
}

fn target_coach(coach: CoachId) -> TargetRef {
    TargetRef::new(EntityKind::Coach, *coach.as_uuid())
}

fn describe_rules(r: Option<&BookingRules>) -> String {
    match r {
        None => "none of its own".into(),
        Some(r) => format!(
            "notice {} min, horizon {}, buffers {}/{} min, a slot every {} min",
            r.min_notice_minutes,
            r.max_horizon_days
                .map(|d| format!("{d} days"))
                .unwrap_or_else(|| "none".into()),
            r.buffer_before_minutes,
            r.buffer_after_minutes,
            r.slot_step_minutes
        ),
    }
}

impl Coaching {
    /// Publishes a coach's weekly hours (replacing the previous ones; the date overrides stay)
    /// in `time_zone` (left out: the zone already published, else the practice's). Ranges of
    /// one weekday that overlap or touch are merged. The coach themself or the owner.
    ///
    /// Once a coach has published hours, a client books only inside them (empty hours: a
    /// client books nothing); before, a client may book at any time.
    pub fn set_weekly_hours(
        &self,
        actor: Actor,
        coach: CoachId,
        time_zone: Option<&str>,
        weekly: &[WeeklyHours],
    ) -> Result<Availability> {
        let zone = time_zone.map(validate::time_zone).transpose()?;
        let weekly = normalise_weekly(weekly)?;
        self.write(|tx| {
            let practice = auth::coach_scope(tx.r(), actor, coach)?;
            let current = tx.r().availability(coach)?;
            let tz = zone
                .or(current.as_ref().map(|a| a.time_zone))
                .unwrap_or(practice.time_zone);
            let today = tx.now.with_timezone(&tz).date_naive();
            let overrides = match &current {
                Some(a) => with_override(&a.overrides, None, None, today)?,
                None => Vec::new(),
            };
            let a = Availability {
                coach_id: coach,
                practice_id: practice.id,
                time_zone: tz,
                weekly: weekly.clone(),
                overrides,
                updated_at: tx.now,
            };
            save(tx, actor, &a, format!("weekly hours in {}: {}", tz.name(), weekly_text(&a)))?;
            Ok(a)
        })
    }

    /// Replaces the hours of one date (today or later, in the coach's zone): `hours` empty for
    /// a day off, or the hours that date has instead of its weekday's (extra hours: the
    /// weekday's ranges and the extra ones). The coach themself or the owner.
    pub fn set_date_hours(
        &self,
        actor: Actor,
        coach: CoachId,
        date: NaiveDate,
        hours: &[DayRange],
    ) -> Result<Availability> {
        validate::date("date", date)?;
        let hours = normalise("hours", hours)?;
        self.write(|tx| {
            let practice = auth::coach_scope(tx.r(), actor, coach)?;
            let mut a = tx.r().availability(coach)?.unwrap_or_else(|| Availability {
                coach_id: coach,
                practice_id: practice.id,
                time_zone: practice.time_zone,
                weekly: Vec::new(),
                overrides: Vec::new(),
                updated_at: tx.now,
            });
            let today = tx.now.with_timezone(&a.time_zone).date_naive();
            if date < today {
                return Err(Error::invalid(
                    "date",
                    format!("{date} is in the past ({} is today for the coach)", today),
                ));
            }
            let new = DateOverride {
                date,
                hours: hours.clone(),
            };
            a.overrides = with_override(&a.overrides, Some(new), None, today)?;
            a.updated_at = tx.now;
            let what = if hours.is_empty() {
                "a day off".to_string()
            } else {
                ranges_text(&hours)
            };
            save(tx, actor, &a, format!("{date}: {what}"))?;
            Ok(a)
        })
    }

    /// Removes a date's override: the date has its weekday's hours again. The coach themself
    /// or the owner.
    pub fn clear_date_hours(
        &self,
        actor: Actor,
        coach: CoachId,
        date: NaiveDate,
    ) -> Result<Availability> {
        self.write(|tx| {
            auth::coach_scope(tx.r(), actor, coach)?;
            let mut a = tx.r().availability(coach)?.ok_or_else(|| {
                Error::invalid("date", format!("the coach has no date override on {date}"))
            })?;
            let today = tx.now.with_timezone(&a.time_zone).date_naive();
            a.overrides = with_override(&a.overrides, None, Some(date), today)?;
            a.updated_at = tx.now;
            save(tx, actor, &a, format!("{date}: weekly hours again"))?;
            Ok(a)
        })
    }

    /// A coach's published availability (`None`: none published, bookable at any time). The
    /// coach themself or the owner.
    pub fn availability(&self, actor: Actor, coach: CoachId) -> Result<Option<Availability>> {
        self.read(|r| {
            auth::coach_scope(r, actor, coach)?;
            r.availability(coach)
        })
    }

    /// Sets (`Some`) or removes (`None`) a program's booking rules; its engagements without
    /// rules of their own follow them at once (other coaches' too: the owner only).
    pub fn set_program_booking_rules(
        &self,
        actor: Actor,
        program: ProgramId,
        rules: Option<BookingRules>,
    ) -> Result<Option<BookingRules>> {
        let rules = rules.map(BookingRules::validated).transpose()?;
        self.write(|tx| {
            let p = tx
                .r()
                .program(program)?
                .ok_or_else(|| Error::not_found(EntityKind::Program, program))?;
            auth::hide_foreign(tx.r(), actor, p.practice_id, EntityKind::Program, program)?;
            // The rules reach every engagement of the program at once, other coaches' too:
            // the owner's decision.
            let practice = auth::practice(tx.r(), p.practice_id)?;
            auth::owner_of(tx.r(), actor, &practice)?;
            tx.w
                .save_booking_rules(p.practice_id, RulesOwner::Program(program), rules.as_ref())?;
            tx.log(
                p.practice_id,
                None,
                actor,
                Action::BookingRulesChanged,
                TargetRef::new(EntityKind::Program, *program.as_uuid()),
                Some(describe_rules(rules.as_ref())),
            )?;
            Ok(rules)
        })
    }

    /// A program's own booking rules (`None`: the defaults). Any coach of the practice.
    pub fn program_booking_rules(
        &self,
        actor: Actor,
        program: ProgramId,
    ) -> Result<Option<BookingRules>> {
        self.read(|r| {
            let p = r
                .program(program)?
                .ok_or_else(|| Error::not_found(EntityKind::Program, program))?;
            auth::hide_foreign(r, actor, p.practice_id, EntityKind::Program, program)?;
            auth::coach_in(r, actor, p.practice_id)?;
            r.booking_rules(p.practice_id, RulesOwner::Program(program))
        })
    }

    /// Gives an engagement rules of its own (`Some`), or makes it follow its program's again
    /// (`None`). Its coach or the owner. Returns the rules it now books under.
    pub fn set_engagement_booking_rules(
        &self,
        actor: Actor,
        engagement: EngagementId,
        rules: Option<BookingRules>,
    ) -> Result<EffectiveRules> {
        let rules = rules.map(BookingRules::validated).transpose()?;
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::manage(tx.r(), actor, &e)?;
            tx.w.save_booking_rules(
                e.practice_id,
                RulesOwner::Engagement(engagement),
                rules.as_ref(),
            )?;
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::BookingRulesChanged,
                TargetRef::new(EntityKind::Engagement, *e.id.as_uuid()),
                Some(describe_rules(rules.as_ref())),
            )?;
            effective_rules(tx.r(), &e)
        })
    }

    /// The rules an engagement books under and where they come from (whoever may see it:
    /// a client learns the notice and horizon they book within).
    pub fn booking_rules(&self, actor: Actor, engagement: EngagementId) -> Result<EffectiveRules> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            auth::view(r, actor, &e)?;
            effective_rules(r, &e)
        })
    }

    /// The start times in `[from, to)` the engagement's client may book now, soonest first:
    /// inside the coach's hours (in the coach's zone, across daylight-saving changes), on the
    /// rules' step, after the minimum notice, before the horizon, clear of the coach's
    /// sessions and their buffers, for a session of the engagement's length. Computed in one
    /// pass over the window from a fixed number of queries.
    ///
    /// Whoever may book in the engagement (its coach, the owner, its client with a portal).
    /// Refuses: a window over 366 days ([`Error::Validation`]), an engagement not Active
    /// ([`Error::EngagementNotActive`]), no sessions left to book
    /// ([`Error::AllocationUsedUp`]).
    pub fn free_slots(
        &self,
        actor: Actor,
        engagement: EngagementId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>> {
        check_window(from, to)?;
        let now = self.checked_now()?;
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            auth::write_in(r, actor, &e)?;
            if e.status != Status::Active {
                return Err(Error::EngagementNotActive { status: e.status });
            }
            let Some(coach) = e.coach_id else {
                return Err(Error::EngagementNotActive { status: e.status });
            };
            let length = Duration::minutes(e.session_minutes as i64);
            let to = to.min(last_start(length));
            let i = inputs(r, &e, coach, from, to, None)?;
            allocation_left(&e, i.allocation, 1, e.session_minutes as u64)?;
            let ctx = i.context(length, now);
            Ok(booking::slots(&ctx, from, to))
        })
    }

    /// The start times in `[from, to)` a Scheduled session may be moved to by the engagement's
    /// client: as [`Coaching::free_slots`], for the session's own length and coach, with the
    /// session itself out of the way (and no allocation needed: it is already counted).
    /// Refuses what a client's reschedule would refuse before any time is chosen: a session no
    /// longer Scheduled, or one inside the notice or late-cancellation window
    /// ([`Error::NoticeTooShort`], for the client).
    pub fn reschedule_slots(
        &self,
        actor: Actor,
        session: SessionId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>> {
        check_window(from, to)?;
        let now = self.checked_now()?;
        self.read(|r| {
            let s = r
                .session(session)?
                .ok_or_else(|| Error::not_found(EntityKind::Session, session))?;
            auth::hide_foreign(r, actor, s.practice_id, EntityKind::Session, session)?;
            let e = super::engagement::fetch(r, s.engagement_id)?;
            auth::write_in(r, actor, &e)?;
            if s.status != crate::session::SessionStatus::Scheduled {
                return Err(Error::InvalidSessionTransition {
                    from: s.status,
                    to: crate::session::SessionStatus::Scheduled,
                });
            }
            if e.status != Status::Active {
                return Err(Error::EngagementNotActive { status: e.status });
            }
            if matches!(actor, Actor::Client(_)) {
                check_client_move(r, &e, s.start, now)?;
            }
            let length = s.end - s.start;
            let to = to.min(last_start(length));
            let i = inputs(r, &e, s.coach_id, from, to, Some(s.id))?;
            Ok(booking::slots(&i.context(length, now), from, to))
        })
    }
}

fn ranges_text(ranges: &[DayRange]) -> String {
    ranges
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn weekly_text(a: &Availability) -> String {
    if a.weekly.is_empty() {
        return "none".into();
    }
    a.weekly
        .iter()
        .map(|w| format!("{} {}", w.weekday, w.range))
        .collect::<Vec<_>>()
        .join(", ")
}

fn save(tx: &mut Tx<'_>, actor: Actor, a: &Availability, detail: String) -> Result<()> {
    tx.w.save_availability(a)?;
    tx.log(
        a.practice_id,
        None,
        actor,
        Action::AvailabilityChanged,
        target_coach(a.coach_id),
        Some(detail),
    )
}
