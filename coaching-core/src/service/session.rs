//! Sessions: booking (one or a series), rescheduling, cancelling, completing, no-shows,
//! progress-driven automatic completion, and the session lists and dashboards.

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::activity::{Action, Page, TargetRef};
use crate::actor::Actor;
use crate::auth::{self, Viewer};
use crate::engagement::{Engagement, Status};
use crate::error::{Error, Result};
use crate::ids::{ClientId, CoachId, EngagementId, EntityKind, SessionId};
use crate::progress::Progress;
use crate::session::{
    Location, Recurrence, SeriesEnd, Session, SessionLine, SessionRange, SessionStatus,
};
use crate::storage::{Reader, SessionWindow};
use crate::validate;

use super::booking::{check_allocation, check_client_move, check_client_start};
use super::engagement::{apply_transition, fetch, load};
use super::{Coaching, Tx};

/// Longest session.
pub const MAX_SESSION_LENGTH: Duration = Duration::hours(24);
/// Most sessions one series may book.
pub const MAX_SERIES_SESSIONS: u32 = 104;
/// Widest window a session list may ask for.
pub const MAX_WINDOW: Duration = Duration::days(366);

/// A session to book.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// When it starts (UTC). A clash with another Scheduled session of the coach is refused with
    /// [`Error::Conflict`](crate::error::Error::Conflict).
    pub start: DateTime<Utc>,
    /// Left out: `start` plus the engagement's session length.
    pub end: Option<DateTime<Utc>>,
    /// The IANA zone it is booked in; left out: the practice's.
    pub time_zone: Option<String>,
    /// Where it takes place; checked (a Zoom or Skype link must be on their domains).
    pub location: Location,
}

fn target(s: &Session) -> TargetRef {
    TargetRef::new(EntityKind::Session, *s.id.as_uuid())
}

fn load_session(r: &dyn Reader, actor: Actor, id: SessionId) -> Result<(Session, Engagement)> {
    let s = r
        .session(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Session, id))?;
    auth::hide_foreign(r, actor, s.practice_id, EntityKind::Session, id)?;
    let e = fetch(r, s.engagement_id)?;
    Ok((s, e))
}

fn check_times(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<()> {
    validate::instant("start", start)?;
    validate::instant("end", end)?;
    if end <= start {
        return Err(Error::invalid(
            "end",
            format!("{end} is not after the start {start}"),
        ));
    }
    if end - start > MAX_SESSION_LENGTH {
        return Err(Error::invalid("end", "a session lasts at most 24 hours"));
    }
    Ok(())
}

pub(crate) fn check_window(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<()> {
    validate::instant("from", from)?;
    validate::instant("to", to)?;
    if to <= from {
        return Err(Error::invalid("to", "the window ends before it starts"));
    }
    if to - from > MAX_WINDOW {
        return Err(Error::invalid("to", "the window is longer than 366 days"));
    }
    Ok(())
}

fn require_active(e: &Engagement) -> Result<()> {
    if e.status != Status::Active {
        return Err(Error::EngagementNotActive { status: e.status });
    }
    Ok(())
}

fn require_scheduled(s: &Session, to: SessionStatus) -> Result<()> {
    if s.status != SessionStatus::Scheduled {
        return Err(Error::InvalidSessionTransition { from: s.status, to });
    }
    Ok(())
}

/// Refuses `[start, end)` if `coach` already has an overlapping Scheduled session. A coach
/// is told which session is in the way; a client only that the time is taken (the other
/// session may be another client's).
fn check_clash(
    r: &dyn Reader,
    actor: Actor,
    coach: CoachId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    exclude: Option<SessionId>,
) -> Result<()> {
    if let Some(other) = r.coach_clash(coach, start, end, exclude)? {
        if matches!(actor, Actor::Client(_)) {
            return Err(Error::Conflict {
                reason: "the coach is not available at that time".into(),
            });
        }
        return Err(Error::Conflict {
            reason: format!(
                "the coach already has session {} from {} to {}",
                other.id,
                other.start.format("%Y-%m-%d %H:%M UTC"),
                other.end.format("%Y-%m-%d %H:%M UTC")
            ),
        });
    }
    Ok(())
}

/// The instant of a wall-clock time in `tz`. An ambiguous time (clocks going back) takes the
/// first occurrence; a time that does not exist (clocks going forward) moves forward by the
/// gap, as calendar applications do.
fn resolve_local(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>> {
    for shift in [0, 30, 60, 90, 120] {
        if let Some(t) = tz
            .from_local_datetime(&(local + Duration::minutes(shift)))
            .earliest()
        {
            return Ok(t.with_timezone(&Utc));
        }
    }
    Err(Error::invalid(
        "start",
        format!("{local} does not exist in {tz}"),
    ))
}

fn describe(s: &Session) -> String {
    format!(
        "{} {} ({} min), {}",
        s.local_start().format("%Y-%m-%d %H:%M"),
        s.time_zone.name(),
        s.minutes(),
        s.location.kind_name()
    )
}

/// A client books sessions of the engagement's length.
fn client_length(e: &Engagement, length: Duration) -> Result<()> {
    if length != Duration::minutes(e.session_minutes as i64) {
        return Err(Error::invalid(
            "end",
            format!(
                "a client books sessions of the engagement's length ({} minutes)",
                e.session_minutes
            ),
        ));
    }
    Ok(())
}

/// Completes the engagement (actor = system, logged) if its last planned session is used.
fn complete_if_used_up(tx: &mut Tx<'_>, engagement: EngagementId) -> Result<()> {
    let e = fetch(tx.r(), engagement)?;
    if !matches!(e.status, Status::Active | Status::Inactive) {
        return Ok(());
    }
    let tally = tx.r().session_tally(engagement)?;
    if Progress::from_tally(&tally, e.planned, e.no_show_counts).is_complete() {
        apply_transition(
            tx,
            e,
            Status::Completed,
            Actor::System,
            Some("all planned sessions used".into()),
        )?;
    }
    Ok(())
}

impl Coaching {
    /// Books a session in an Active engagement (its coach, the owner, or its client with a
    /// portal).
    ///
    /// Refuses: an end not after the start, a session over 24 h, or an instant outside
    /// 1900-01-01 to 9998-12-31 ([`Error::Validation`]); an engagement that is not Active
    /// ([`Error::EngagementNotActive`], for its coach and its client alike); a coach already
    /// booked at that time ([`Error::Conflict`]: a coach is told which session is in the way,
    /// a client only that the time is taken).
    ///
    /// A client booking for themself also passes the booking rules ([`crate::booking`]): a
    /// session of the engagement's length, no more than remains of the planned total
    /// ([`Error::AllocationUsedUp`]), the minimum notice ([`Error::NoticeTooShort`]), the
    /// horizon ([`Error::BeyondHorizon`]), the coach's published hours and slot step
    /// ([`Error::OutsideAvailability`]: exactly the starts [`Coaching::free_slots`] lists are
    /// accepted), and the buffers around the coach's sessions ([`Error::Conflict`]).
    pub fn book_session(
        &self,
        actor: Actor,
        engagement: EngagementId,
        new: NewSession,
    ) -> Result<Session> {
        Ok(self.book(actor, engagement, new, None)?.remove(0))
    }

    /// Books a series: the first session as given, then one every `every_weeks` weeks at the
    /// same wall-clock time in the session's zone (so across a daylight-saving change the
    /// local time stays), until the count or date. Each occurrence is an ordinary session. A
    /// clash anywhere refuses the whole series: nothing is booked.
    pub fn book_series(
        &self,
        actor: Actor,
        engagement: EngagementId,
        first: NewSession,
        recurrence: Recurrence,
    ) -> Result<Vec<Session>> {
        self.book(actor, engagement, first, Some(recurrence))
    }

    fn book(
        &self,
        actor: Actor,
        engagement: EngagementId,
        new: NewSession,
        rec: Option<Recurrence>,
    ) -> Result<Vec<Session>> {
        let location = new.location.validated()?;
        let zone = new
            .time_zone
            .as_deref()
            .map(validate::time_zone)
            .transpose()?;
        if let Some(r) = rec {
            if !(1..=52).contains(&r.every_weeks) {
                return Err(Error::invalid(
                    "recurrence.every_weeks",
                    "must be between 1 and 52",
                ));
            }
            if let SeriesEnd::Until(d) = r.end {
                validate::date("recurrence.until", d)?;
            }
            if let SeriesEnd::Count(n) = r.end {
                if !(1..=MAX_SERIES_SESSIONS).contains(&n) {
                    return Err(Error::invalid(
                        "recurrence.count",
                        format!("must be between 1 and {MAX_SERIES_SESSIONS}"),
                    ));
                }
            }
        }
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::write_in(tx.r(), actor, &e)?;
            require_active(&e)?;
            let (Some(coach_id), Some(client_id)) = (e.coach_id, e.client_id) else {
                return Err(Error::EngagementNotActive { status: e.status });
            };
            let tz = match zone {
                Some(tz) => tz,
                None => auth::practice(tx.r(), e.practice_id)?.time_zone,
            };
            validate::instant("start", new.start)?;
            let end = new
                .end
                .unwrap_or(new.start + Duration::minutes(e.session_minutes as i64));
            check_times(new.start, end)?;
            let length = end - new.start;
            let client = matches!(actor, Actor::Client(_));
            if client {
                client_length(&e, length)?;
            }
            let starts = occurrences(new.start, tz, rec)?;
            let total = starts.len();
            if client {
                check_allocation(tx.r(), &e, total as u32, length.num_minutes().max(0) as u64)?;
            }
            let mut booked = Vec::with_capacity(total);
            for (i, start) in starts.into_iter().enumerate() {
                let end = start + length;
                check_times(start, end)?;
                if client {
                    check_client_start(tx.r(), &e, coach_id, start, length, None, tx.now)?;
                }
                check_clash(tx.r(), actor, coach_id, start, end, None)?;
                let s = Session {
                    id: SessionId::new(),
                    practice_id: e.practice_id,
                    engagement_id: e.id,
                    coach_id,
                    client_id,
                    start,
                    end,
                    time_zone: tz,
                    location: location.clone(),
                    status: SessionStatus::Scheduled,
                    cancelled_by: None,
                    cancelled_at: None,
                    cancel_reason: None,
                    created_by: actor,
                    created_at: tx.now,
                    updated_at: tx.now,
                };
                tx.w.save_session(&s)?;
                let mut detail = describe(&s);
                if rec.is_some() {
                    detail = format!("{detail}, series {}/{total}", i + 1);
                }
                tx.log(
                    e.practice_id,
                    Some(e.id),
                    actor,
                    Action::SessionBooked,
                    target(&s),
                    Some(detail),
                )?;
                booked.push(s);
            }
            Ok(booked)
        })
    }

    /// One session, for whoever may see its engagement.
    pub fn session(&self, actor: Actor, id: SessionId) -> Result<Session> {
        self.read(|r| {
            let (s, e) = load_session(r, actor, id)?;
            auth::view(r, actor, &e)?;
            Ok(s)
        })
    }

    /// Moves a Scheduled session to new times (same session, same id); the old times stay in
    /// the activity log. `end` left out keeps the length. Same refusals as booking; a client
    /// keeps the length and passes the same rules (the allocation aside: the session is
    /// already counted).
    pub fn reschedule_session(
        &self,
        actor: Actor,
        id: SessionId,
        start: DateTime<Utc>,
        end: Option<DateTime<Utc>>,
    ) -> Result<Session> {
        self.write(|tx| {
            let (mut s, e) = load_session(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            require_scheduled(&s, SessionStatus::Scheduled)?;
            require_active(&e)?;
            validate::instant("start", start)?;
            let end = end.unwrap_or(start + (s.end - s.start));
            check_times(start, end)?;
            if matches!(actor, Actor::Client(_)) {
                check_client_move(tx.r(), &e, s.start, tx.now)?;
                if end - start != s.end - s.start {
                    return Err(Error::invalid(
                        "end",
                        format!(
                            "a client keeps the session's length ({} minutes)",
                            s.minutes()
                        ),
                    ));
                }
                check_client_start(tx.r(), &e, s.coach_id, start, end - start, Some(s.id), tx.now)?;
            }
            check_clash(tx.r(), actor, s.coach_id, start, end, Some(s.id))?;
            let old = describe(&s);
            s.start = start;
            s.end = end;
            s.updated_at = tx.now;
            tx.w.save_session(&s)?;
            let detail = format!("{old} → {}", describe(&s));
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::SessionRescheduled,
                target(&s),
                Some(detail),
            )?;
            Ok(s)
        })
    }

    /// Changes where a Scheduled session takes place.
    pub fn set_session_location(
        &self,
        actor: Actor,
        id: SessionId,
        location: Location,
    ) -> Result<Session> {
        let location = location.validated()?;
        self.write(|tx| {
            let (mut s, e) = load_session(tx.r(), actor, id)?;
            auth::write_in(tx.r(), actor, &e)?;
            require_scheduled(&s, SessionStatus::Scheduled)?;
            s.location = location;
            s.updated_at = tx.now;
            tx.w.save_session(&s)?;
            let detail = format!("location: {}", s.location);
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                Action::SessionRescheduled,
                target(&s),
                Some(detail),
            )?;
            Ok(s)
        })
    }

    /// Cancels a Scheduled session, with an optional reason. Cancelled by the client inside
    /// the engagement's `late_cancel_window`, it becomes LateCancelled and counts as used (and
    /// may complete the engagement); cancelled by the coach, or earlier, it does not count.
    pub fn cancel_session(
        &self,
        actor: Actor,
        id: SessionId,
        reason: Option<&str>,
    ) -> Result<Session> {
        let reason = validate::optional_text("reason", reason)?;
        self.write(|tx| {
            let (mut s, e) = load_session(tx.r(), actor, id)?;
            let viewer = auth::write_in(tx.r(), actor, &e)?;
            let late = matches!(viewer, Viewer::Client(_))
                && e.late_cancel_window_minutes
                    .is_some_and(|w| tx.now > s.start - Duration::minutes(w as i64));
            let to = if late {
                SessionStatus::LateCancelled
            } else {
                SessionStatus::Cancelled
            };
            require_scheduled(&s, to)?;
            s.status = to;
            s.cancelled_by = Some(actor);
            s.cancelled_at = Some(tx.now);
            s.cancel_reason = reason.clone();
            s.updated_at = tx.now;
            tx.w.save_session(&s)?;
            let action = if late {
                Action::SessionLateCancelled
            } else {
                Action::SessionCancelled
            };
            let detail = match &reason {
                Some(r) => format!("{}: {r}", describe(&s)),
                None => describe(&s),
            };
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                action,
                target(&s),
                Some(detail),
            )?;
            if late {
                complete_if_used_up(tx, e.id)?;
            }
            Ok(s)
        })
    }

    /// Marks a Scheduled session as held (its coach or the owner, once it has started). When
    /// this uses the last planned session, the engagement is completed by the system.
    pub fn complete_session(&self, actor: Actor, id: SessionId) -> Result<Session> {
        self.close_session(actor, id, SessionStatus::Completed)
    }

    /// Marks the client absent (its coach or the owner, once it has started). Counts as used
    /// when the engagement's `no_show_counts` is set.
    pub fn mark_no_show(&self, actor: Actor, id: SessionId) -> Result<Session> {
        self.close_session(actor, id, SessionStatus::NoShow)
    }

    fn close_session(&self, actor: Actor, id: SessionId, to: SessionStatus) -> Result<Session> {
        self.write(|tx| {
            let (mut s, e) = load_session(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            require_scheduled(&s, to)?;
            if s.start > tx.now {
                return Err(Error::invalid("start", "the session has not started yet"));
            }
            s.status = to;
            s.updated_at = tx.now;
            tx.w.save_session(&s)?;
            let action = if to == SessionStatus::Completed {
                Action::SessionCompleted
            } else {
                Action::SessionNoShow
            };
            tx.log(
                e.practice_id,
                Some(e.id),
                actor,
                action,
                target(&s),
                Some(describe(&s)),
            )?;
            complete_if_used_up(tx, e.id)?;
            Ok(s)
        })
    }

    /// An engagement's upcoming or past sessions, paged (whoever may see the engagement).
    pub fn sessions(
        &self,
        actor: Actor,
        engagement: EngagementId,
        range: SessionRange,
        page: Page,
    ) -> Result<Vec<Session>> {
        page.validate()?;
        let now = self.checked_now()?;
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            auth::view(r, actor, &e)?;
            r.engagement_sessions(engagement, range, now, page)
        })
    }

    /// A coach's Scheduled sessions starting in `[from, to)` across engagements, with client
    /// and program names (the coach themself, or the owner).
    pub fn upcoming_sessions_for_coach(
        &self,
        actor: Actor,
        coach: CoachId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<SessionLine>> {
        check_window(from, to)?;
        self.read(|r| {
            let practice = auth::coach_scope(r, actor, coach)?.id;
            r.session_lines(&SessionWindow {
                practice,
                coach: Some(coach),
                client: None,
                engagement: None,
                from,
                to,
                scheduled_only: true,
            })
        })
    }

    /// A client's Scheduled sessions starting in `[from, to)` across engagements: the client
    /// themself, the owner, or another coach for their own engagements with the client.
    pub fn upcoming_sessions_for_client(
        &self,
        actor: Actor,
        client: ClientId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<SessionLine>> {
        check_window(from, to)?;
        self.read(|r| {
            let c = r
                .client(client)?
                .ok_or_else(|| Error::not_found(EntityKind::Client, client))?;
            auth::hide_foreign(r, actor, c.practice_id, EntityKind::Client, client)?;
            let practice = auth::practice(r, c.practice_id)?;
            let mut window = SessionWindow {
                practice: practice.id,
                coach: None,
                client: Some(client),
                engagement: None,
                from,
                to,
                scheduled_only: true,
            };
            if let auth::ClientScope::Coach(me) = auth::client_scope(r, actor, client, &practice)? {
                window.coach = Some(me);
            }
            r.session_lines(&window)
        })
    }

    /// A coach's sessions starting in `[from, to)`, every status, as an iCalendar (RFC 5545)
    /// document with time zones (the coach themself, or the owner).
    pub fn export_ics_for_coach(
        &self,
        actor: Actor,
        coach: CoachId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<String> {
        check_window(from, to)?;
        let (name, lines) = self.read(|r| {
            let practice = auth::coach_scope(r, actor, coach)?.id;
            let name = r.coach(coach)?.map(|c| c.name).unwrap_or_default();
            let lines = r.session_lines(&SessionWindow {
                practice,
                coach: Some(coach),
                client: None,
                engagement: None,
                from,
                to,
                scheduled_only: false,
            })?;
            Ok((name, lines))
        })?;
        Ok(crate::ical::calendar(
            &format!("Coaching sessions of {name}"),
            &lines,
        ))
    }

    /// Every session of an engagement as an iCalendar (RFC 5545) document with time zones
    /// (whoever may see the engagement).
    pub fn export_ics_for_engagement(
        &self,
        actor: Actor,
        engagement: EngagementId,
    ) -> Result<String> {
        let (name, lines) = self.read(|r| {
            let e = load(r, actor, engagement)?;
            auth::view(r, actor, &e)?;
            let lines = r.session_lines(&SessionWindow {
                practice: e.practice_id,
                coach: None,
                client: None,
                engagement: Some(engagement),
                from: DateTime::<Utc>::MIN_UTC,
                to: DateTime::<Utc>::MAX_UTC,
                scheduled_only: false,
            })?;
            Ok((e.program_name.unwrap_or_else(|| "Coaching".into()), lines))
        })?;
        Ok(crate::ical::calendar(&format!("{name} sessions"), &lines))
    }
}

/// The start instants of a booking: just `start`, or every occurrence of the series.
fn occurrences(
    start: DateTime<Utc>,
    tz: Tz,
    rec: Option<Recurrence>,
) -> Result<Vec<DateTime<Utc>>> {
    let Some(rec) = rec else {
        return Ok(vec![start]);
    };
    let local = start.with_timezone(&tz).naive_local();
    let step = Duration::weeks(rec.every_weeks as i64);
    let mut out = vec![start];
    loop {
        let next_local = local + step * out.len() as i32;
        match rec.end {
            SeriesEnd::Count(n) if out.len() as u32 >= n => break,
            SeriesEnd::Until(d) if next_local.date() > d => break,
            _ => {}
        }
        if out.len() as u32 >= MAX_SERIES_SESSIONS {
            return Err(Error::invalid(
                "recurrence.until",
                format!("the series would book more than {MAX_SERIES_SESSIONS} sessions"),
            ));
        }
        out.push(resolve_local(tz, next_local)?);
    }
    if let SeriesEnd::Until(d) = rec.end {
        if local.date() > d {
            return Err(Error::invalid(
                "recurrence.until",
                "the series ends before its first session",
            ));
        }
    }
    Ok(out)
}

/// Moves an engagement's upcoming Scheduled sessions to `to`, refusing a clash; used by
/// reassignment. Sessions already held stay with the coach who held them.
pub(crate) fn move_upcoming_sessions(
    tx: &mut Tx<'_>,
    e: &Engagement,
    to: CoachId,
) -> Result<usize> {
    let upcoming =
        tx.r()
            .engagement_sessions(e.id, SessionRange::Upcoming, tx.now, Page::new(0, u32::MAX))?;
    for mut s in upcoming.iter().cloned() {
        check_clash(tx.r(), Actor::System, to, s.start, s.end, Some(s.id))?;
        s.coach_id = to;
        s.updated_at = tx.now;
        tx.w.save_session(&s)?;
    }
    Ok(upcoming.len())
}
