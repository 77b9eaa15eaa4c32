//! Self-booking: a coach's availability, the booking rules of a program or engagement, and
//! the free slots they leave.
//!
//! - [`Availability`]: a coach's weekly hours in their own IANA zone (several ranges a
//!   weekday) and date overrides (a date's hours replaced: none for a day off, or other
//!   hours). Hours are wall-clock times of the coach's zone, so 09:00 in London stays 09:00
//!   across the clock change.
//! - [`BookingRules`]: minimum notice, maximum horizon, buffers before and after a session,
//!   and the step between slot starts. An engagement follows its program's rules unless it has
//!   its own.
//! - [`slots`] and [`check`]: the one computation both the free-slot list and a client's
//!   booking run, so every slot listed can be booked and, once the coach has published hours,
//!   no other start can.
//!
//! The rules bind a client booking for themself. A coach (or the owner) may book outside the
//! hours, inside the notice, past the horizon, across the buffers and past the allocation;
//! only a clash with another session is refused for everyone. A coach who has not published
//! hours is bookable at any time (only sessions, buffers, notice, horizon and the allocation
//! limit a client), as before availability existed.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{CoachId, EngagementId, PracticeId, ProgramId};

/// Minutes in a day: an hour range ends at most here (24:00).
pub const MINUTES_PER_DAY: u16 = 1440;
/// Most date overrides a coach keeps (past ones are dropped when availability is saved).
pub const MAX_OVERRIDES: usize = 500;
/// Most ranges in one weekday or one date.
pub const MAX_RANGES_PER_DAY: usize = 12;
/// Longest minimum notice, in minutes (a year).
pub const MAX_NOTICE_MINUTES: u32 = 525_600;
/// Longest horizon, in days (two years).
pub const MAX_HORIZON_DAYS: u32 = 730;
/// Longest buffer, in minutes.
pub const MAX_BUFFER_MINUTES: u32 = 1440;

/// A range of wall-clock time within a day, in minutes after midnight: `start_minute` is
/// included, `end_minute` is not; 0 ≤ start < end ≤ 1440 (24:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DayRange {
    /// First minute of the range, counted from midnight (0 = 00:00); included.
    pub start_minute: u16,
    /// Minute at which the range ends, counted from midnight (1440 = 24:00); not included.
    pub end_minute: u16,
}

impl DayRange {
    /// `start_minute..end_minute`, checked.
    pub fn new(start_minute: u16, end_minute: u16) -> Result<Self> {
        let r = DayRange {
            start_minute,
            end_minute,
        };
        r.check("hours")?;
        Ok(r)
    }

    /// `h1:m1` to `h2:m2` (24:00 allowed as an end), checked.
    pub fn hm(h1: u16, m1: u16, h2: u16, m2: u16) -> Result<Self> {
        DayRange::new(
            h1.saturating_mul(60).saturating_add(m1),
            h2.saturating_mul(60).saturating_add(m2),
        )
    }

    fn check(&self, field: &str) -> Result<()> {
        if self.start_minute >= self.end_minute || self.end_minute > MINUTES_PER_DAY {
            return Err(Error::invalid(
                field,
                format!(
                    "{} is not a range within a day (0 ≤ start < end ≤ 1440 minutes)",
                    self
                ),
            ));
        }
        Ok(())
    }
}

impl std::fmt::Display for DayRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hm = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
        write!(f, "{}–{}", hm(self.start_minute), hm(self.end_minute))
    }
}

/// One range of a weekday's hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WeeklyHours {
    /// The day of the week, in the coach's zone.
    pub weekday: Weekday,
    /// The hours of that weekday, wall-clock times of the coach's zone.
    pub range: DayRange,
}

/// The hours of one date, replacing the weekday's: empty for a day off.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateOverride {
    /// The date whose hours are replaced, a calendar date in the coach's zone.
    pub date: NaiveDate,
    /// The date's hours in place of the weekday's, in order; empty: the coach is away all day.
    pub hours: Vec<DayRange>,
}

/// A coach's published availability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// The coach whose hours these are; only they (or the owner) change them.
    pub coach_id: CoachId,
    /// The coach's practice.
    pub practice_id: PracticeId,
    /// The zone the hours are wall-clock times of.
    pub time_zone: Tz,
    /// Monday first, each day's ranges in order, overlapping ranges merged.
    pub weekly: Vec<WeeklyHours>,
    /// By date.
    pub overrides: Vec<DateOverride>,
    /// When the coach's hours or overrides were last saved (UTC).
    pub updated_at: DateTime<Utc>,
}

/// Sorts and merges ranges that overlap or touch; refuses a malformed one.
pub(crate) fn normalise(field: &str, ranges: &[DayRange]) -> Result<Vec<DayRange>> {
    if ranges.len() > MAX_RANGES_PER_DAY {
        return Err(Error::invalid(
            field,
            format!("more than {MAX_RANGES_PER_DAY} ranges in one day"),
        ));
    }
    let mut v = ranges.to_vec();
    for r in &v {
        r.check(field)?;
    }
    v.sort();
    let mut out: Vec<DayRange> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start_minute <= last.end_minute => {
                last.end_minute = last.end_minute.max(r.end_minute)
            }
            _ => out.push(r),
        }
    }
    Ok(out)
}

/// The weekly hours, Monday first, each day normalised.
pub(crate) fn normalise_weekly(weekly: &[WeeklyHours]) -> Result<Vec<WeeklyHours>> {
    let mut out = Vec::new();
    for d in 0..7u8 {
        let day = Weekday::try_from(d).expect("0..7 is a weekday");
        let ranges: Vec<DayRange> = weekly
            .iter()
            .filter(|w| w.weekday == day)
            .map(|w| w.range)
            .collect();
        for range in normalise("weekly", &ranges)? {
            out.push(WeeklyHours {
                weekday: day,
                range,
            });
        }
    }
    Ok(out)
}

impl Availability {
    /// The ranges that apply on `date`: its override, or its weekday's hours.
    pub fn hours_on(&self, date: NaiveDate) -> Vec<DayRange> {
        match self.overrides.binary_search_by_key(&date, |o| o.date) {
            Ok(i) => self.overrides[i].hours.clone(),
            Err(_) => self
                .weekly
                .iter()
                .filter(|w| w.weekday == date.weekday())
                .map(|w| w.range)
                .collect(),
        }
    }

    /// Stored form of the weekly hours: `weekday start end` triples (Monday = 1), `,`-separated.
    pub(crate) fn weekly_text(&self) -> String {
        self.weekly
            .iter()
            .map(|w| {
                format!(
                    "{} {} {}",
                    w.weekday.number_from_monday(),
                    w.range.start_minute,
                    w.range.end_minute
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Stored form of the overrides: `date:start-end start-end`, `;`-separated.
    pub(crate) fn overrides_text(&self) -> String {
        self.overrides
            .iter()
            .map(|o| {
                let hours: Vec<String> = o
                    .hours
                    .iter()
                    .map(|r| format!("{}-{}", r.start_minute, r.end_minute))
                    .collect();
                format!("{}:{}", o.date, hours.join(" "))
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Rebuilds the stored form.
    pub(crate) fn from_stored(
        coach_id: CoachId,
        practice_id: PracticeId,
        time_zone: &str,
        weekly: &str,
        overrides: &str,
        updated_at: DateTime<Utc>,
    ) -> Result<Availability> {
        let bad = |what: &str| Error::storage(format!("stored availability: bad {what}"));
        let time_zone: Tz = time_zone.parse().map_err(|_| bad("time zone"))?;
        let num = |s: &str| s.parse::<u16>().map_err(|_| bad("minute"));
        let mut w = Vec::new();
        for part in weekly.split(',').filter(|p| !p.is_empty()) {
            let f: Vec<&str> = part.split(' ').collect();
            let [d, s, e] = f[..] else {
                return Err(bad("weekly hours"));
            };
            let d: u8 = d.parse().map_err(|_| bad("weekday"))?;
            let weekday = Weekday::try_from(d.wrapping_sub(1)).map_err(|_| bad("weekday"))?;
            w.push(WeeklyHours {
                weekday,
                range: DayRange {
                    start_minute: num(s)?,
                    end_minute: num(e)?,
                },
            });
        }
        let mut o = Vec::new();
        for part in overrides.split(';').filter(|p| !p.is_empty()) {
            let (date, hours) = part.split_once(':').ok_or_else(|| bad("override"))?;
            let date: NaiveDate = date.parse().map_err(|_| bad("override date"))?;
            let mut rs = Vec::new();
            for r in hours.split(' ').filter(|p| !p.is_empty()) {
                let (s, e) = r.split_once('-').ok_or_else(|| bad("override hours"))?;
                rs.push(DayRange {
                    start_minute: num(s)?,
                    end_minute: num(e)?,
                });
            }
            o.push(DateOverride { date, hours: rs });
        }
        // What was written was checked; anything else is not the library's.
        let sorted = o.windows(2).all(|p| p[0].date < p[1].date);
        let ok_weekly = normalise_weekly(&w).is_ok_and(|n| n == w);
        let ok_hours = o
            .iter()
            .all(|d| normalise("hours", &d.hours).is_ok_and(|n| n == d.hours));
        if !sorted || !ok_weekly || !ok_hours {
            return Err(bad("hours"));
        }
        Ok(Availability {
            coach_id,
            practice_id,
            time_zone,
            weekly: w,
            overrides: o,
            updated_at,
        })
    }
}

/// When and how a client may book: the rules of a program, or of one engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BookingRules {
    /// No booking starting less than this many minutes from now.
    pub min_notice_minutes: u32,
    /// No booking starting more than this many days from now; `None`: no limit.
    pub max_horizon_days: Option<u32>,
    /// Free time the coach keeps before the session (after the previous one ends).
    pub buffer_before_minutes: u32,
    /// Free time the coach keeps after the session (before the next one starts).
    pub buffer_after_minutes: u32,
    /// Slots start this many minutes apart, counted from the start of each range of hours.
    pub slot_step_minutes: u32,
}

impl Default for BookingRules {
    /// No notice, no horizon, no buffers, a slot every 30 minutes.
    fn default() -> Self {
        BookingRules {
            min_notice_minutes: 0,
            max_horizon_days: None,
            buffer_before_minutes: 0,
            buffer_after_minutes: 0,
            slot_step_minutes: 30,
        }
    }
}

impl BookingRules {
    /// Checks every figure is in its range.
    pub fn validated(self) -> Result<BookingRules> {
        if self.min_notice_minutes > MAX_NOTICE_MINUTES {
            return Err(Error::invalid(
                "min_notice_minutes",
                format!("at most {MAX_NOTICE_MINUTES} (a year)"),
            ));
        }
        if let Some(d) = self.max_horizon_days {
            if !(1..=MAX_HORIZON_DAYS).contains(&d) {
                return Err(Error::invalid(
                    "max_horizon_days",
                    format!("between 1 and {MAX_HORIZON_DAYS}"),
                ));
            }
        }
        for (field, v) in [
            ("buffer_before_minutes", self.buffer_before_minutes),
            ("buffer_after_minutes", self.buffer_after_minutes),
        ] {
            if v > MAX_BUFFER_MINUTES {
                return Err(Error::invalid(
                    field,
                    format!("at most {MAX_BUFFER_MINUTES}"),
                ));
            }
        }
        if !(5..=1440).contains(&self.slot_step_minutes) {
            return Err(Error::invalid(
                "slot_step_minutes",
                "between 5 and 1440",
            ));
        }
        Ok(self)
    }
}

/// What booking rules belong to: a program (its engagements follow them) or one engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RulesOwner {
    /// A program's rules: every engagement of the program without rules of its own books under
    /// them.
    Program(ProgramId),
    /// One engagement's own rules, which take precedence over its program's.
    Engagement(EngagementId),
}

/// Whose rules an engagement books under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RulesSource {
    /// The engagement's own.
    Engagement,
    /// Its program's.
    Program,
    /// Neither has any: [`BookingRules::default`].
    Default,
}

impl RulesSource {
    /// Stable snake_case name, as the bindings report it: `engagement`, `program` or `default`.
    pub fn as_str(self) -> &'static str {
        match self {
            RulesSource::Engagement => "engagement",
            RulesSource::Program => "program",
            RulesSource::Default => "default",
        }
    }
}

/// The rules an engagement books under, and where they come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectiveRules {
    /// The rules in force for the engagement.
    pub rules: BookingRules,
    /// Where they come from: the engagement's own, its program's, or the defaults.
    pub source: RulesSource,
}

/// Everything a slot computation needs, read in a fixed number of queries.
#[derive(Debug, Clone)]
pub struct SlotContext<'a> {
    /// The coach's hours; `None`: none published, every time is within hours.
    pub availability: Option<&'a Availability>,
    /// The booking rules in force for the engagement (see [`EffectiveRules`]).
    pub rules: BookingRules,
    /// The session's length.
    pub length: Duration,
    /// The coach's Scheduled sessions near the window, as `(start, end)`.
    pub busy: &'a [(DateTime<Utc>, DateTime<Utc>)],
    /// The current instant (UTC), from the injected clock: notice and horizon count from it, and no
    /// slot starts before it.
    pub now: DateTime<Utc>,
    /// The practice's zone: where the days of a coach without published hours begin.
    pub zone: Tz,
}

/// Extra days of hours built around a window, so a slot near its edge sees the ranges it
/// touches (a slot lasts at most a day).
const MARGIN_DAYS: i64 = 2;

/// The instant a wall-clock time of `tz` names. A time that happens twice (clocks going back)
/// takes the later occurrence for a range's start and the earlier for its end, so a range never
/// covers more than its wall-clock reading. A time that does not exist (clocks going forward)
/// is read with the offset in force before the change, as RFC 5545 does: 01:30 in London on
/// the spring change is 02:30 BST; the mapping stays monotonic.
fn instant(tz: Tz, local: NaiveDateTime, end: bool) -> DateTime<Utc> {
    use chrono::offset::LocalResult;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(early, late) => {
            if end { early } else { late }.with_timezone(&Utc)
        }
        LocalResult::None => {
            // The offset a day before (no zone changes twice within a day).
            let before = Utc.from_utc_datetime(&(local - Duration::days(1)));
            let offset = tz.offset_from_utc_datetime(&before.naive_utc()).fix();
            Utc.from_utc_datetime(&(local - Duration::seconds(offset.local_minus_utc() as i64)))
        }
    }
}

/// The hours of the availability as instants, one `(range start, range end)` a range of a
/// date, for the dates around `[from, to)`, sorted by start.
fn ranges_between(
    a: &Availability,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let first = from.with_timezone(&a.time_zone).date_naive() - Duration::days(MARGIN_DAYS);
    let last = to.with_timezone(&a.time_zone).date_naive() + Duration::days(MARGIN_DAYS);
    let mut out = Vec::new();
    let mut d = first;
    while d <= last {
        let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists");
        for r in a.hours_on(d) {
            let s = instant(
                a.time_zone,
                midnight + Duration::minutes(r.start_minute as i64),
                false,
            );
            let e = instant(
                a.time_zone,
                midnight + Duration::minutes(r.end_minute as i64),
                true,
            );
            if e > s {
                out.push((s, e));
            }
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    out.sort();
    out
}

/// Merges intervals: half-open ones (`[s, e)`, hours) that overlap or touch, or open ones
/// (`(s, e)`, blocks on starts) that overlap — two open intervals that touch leave the point
/// between them free.
fn merge(
    mut v: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    open: bool,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    v.sort();
    let mut out: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s < last.1 || (!open && s == last.1) => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The starts within the coach's hours in `[from, to)`: every `step` from the start of each
/// range of hours, for a session that fits in the hours (a session may run on into a range
/// that continues the first, such as the next day's from midnight). Without published
/// hours: every day is open, and the steps count from each midnight of the practice's zone.
fn within_hours(
    ctx: &SlotContext<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let step = Duration::minutes(ctx.rules.slot_step_minutes.max(1) as i64);
    let mut out = Vec::new();
    let all_day;
    let a = match ctx.availability {
        Some(a) => a,
        None => {
            // No published hours: every day whole, in the practice's zone.
            all_day = Availability {
                coach_id: CoachId::from_uuid(uuid::Uuid::nil()),
                practice_id: PracticeId::from_uuid(uuid::Uuid::nil()),
                time_zone: ctx.zone,
                weekly: (0..7u8)
                    .filter_map(|d| Weekday::try_from(d).ok())
                    .map(|weekday| WeeklyHours {
                        weekday,
                        range: DayRange {
                            start_minute: 0,
                            end_minute: MINUTES_PER_DAY,
                        },
                    })
                    .collect(),
                overrides: Vec::new(),
                updated_at: ctx.now,
            };
            &all_day
        }
    };
    let ranges = ranges_between(a, from, to);
    let merged = merge(ranges.clone(), false);
    let mut m = 0;
    for (rs, re) in ranges {
        while m < merged.len() && merged[m].1 <= rs {
            m += 1;
        }
        let Some(&(_, me)) = merged.get(m) else { break };
        let mut s = rs;
        if s < from {
            // Jump to the first step at or after `from`.
            let steps = (from - s).num_minutes() / step.num_minutes();
            s += step * steps as i32;
            while s < from {
                s += step;
            }
        }
        while s < re && s < to {
            if s + ctx.length <= me {
                out.push(s);
            }
            s += step;
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The Scheduled sessions' blocks on starts: a start `s` is blocked when a session `(bs, be)`
/// has `bs < s + length + after` and `be > s - before`, that is `s` in
/// `(bs - length - after, be + before)`. Merged, sorted.
fn blocked(ctx: &SlotContext<'_>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let before = Duration::minutes(ctx.rules.buffer_before_minutes as i64);
    let after = Duration::minutes(ctx.rules.buffer_after_minutes as i64);
    merge(
        ctx.busy
            .iter()
            .map(|&(bs, be)| (bs - ctx.length - after, be + before))
            .collect(),
        true,
    )
}

/// The latest start the horizon allows, if any.
fn horizon(ctx: &SlotContext<'_>) -> Option<DateTime<Utc>> {
    ctx.rules.max_horizon_days.map(|d| {
        ctx.now
            .checked_add_signed(Duration::days(d.min(MAX_HORIZON_DAYS) as i64))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    })
}

fn earliest(ctx: &SlotContext<'_>) -> DateTime<Utc> {
    ctx.now
        .checked_add_signed(Duration::minutes(
            ctx.rules.min_notice_minutes.min(MAX_NOTICE_MINUTES) as i64,
        ))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Every start in `[from, to)` a client may book under `ctx`, soonest first: within the
/// hours, on a step, after the notice, before the horizon, clear of every session with its
/// buffers — one pass over the window.
pub fn slots(ctx: &SlotContext<'_>, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let from = from.max(earliest(ctx));
    let to = match horizon(ctx) {
        Some(h) => to.min(h + Duration::nanoseconds(1)),
        None => to,
    };
    if to <= from {
        return Vec::new();
    }
    let blocks = blocked(ctx);
    let mut b = 0;
    within_hours(ctx, from, to)
        .into_iter()
        .filter(|&s| {
            while b < blocks.len() && blocks[b].1 <= s {
                b += 1;
            }
            !blocks
                .get(b)
                .is_some_and(|&(bs, be)| bs < s && s < be)
        })
        .collect()
}

/// Whether a client may book a session starting at `start` under `ctx`; the typed refusal
/// otherwise (notice, horizon, hours, then a session in the way with its buffers).
pub fn check(ctx: &SlotContext<'_>, start: DateTime<Utc>) -> Result<()> {
    let min = earliest(ctx);
    if start < min {
        return Err(Error::NoticeTooShort {
            notice_minutes: ctx.rules.min_notice_minutes,
            minutes_ahead: (start - ctx.now).num_minutes(),
        });
    }
    if let Some(h) = horizon(ctx) {
        if start > h {
            let ahead = start - ctx.now;
            let days = ahead.num_days() + i64::from(ahead > Duration::days(ahead.num_days()));
            return Err(Error::BeyondHorizon {
                horizon_days: ctx.rules.max_horizon_days.unwrap_or_default(),
                days_ahead: u32::try_from(days).unwrap_or(u32::MAX),
            });
        }
    }
    // Without published hours any start is accepted (as before hours existed); the list then
    // offers the step's starts as suggestions.
    let probe_end = start + Duration::nanoseconds(1);
    if ctx.availability.is_some() && !within_hours(ctx, start, probe_end).contains(&start) {
        return Err(Error::OutsideAvailability { start });
    }
    let s = start;
    if blocked(ctx).iter().any(|&(bs, be)| bs < s && s < be) {
        return Err(Error::Conflict {
            reason: "the coach is not available at that time".into(),
        });
    }
    Ok(())
}

/// The date overrides after adding or replacing one, with past ones (before `today` in the
/// coach's zone) dropped.
pub(crate) fn with_override(
    current: &[DateOverride],
    new: Option<DateOverride>,
    remove: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Vec<DateOverride>> {
    let mut map: BTreeMap<NaiveDate, Vec<DayRange>> = current
        .iter()
        .filter(|o| o.date >= today || Some(o.date) == remove)
        .map(|o| (o.date, o.hours.clone()))
        .collect();
    if let Some(d) = remove {
        if map.remove(&d).is_none() {
            return Err(Error::invalid(
                "date",
                format!("the coach has no date override on {d}"),
            ));
        }
    }
    if let Some(o) = new {
        map.insert(o.date, o.hours);
    }
    if map.len() > MAX_OVERRIDES {
        return Err(Error::invalid(
            "date",
            format!("a coach keeps at most {MAX_OVERRIDES} date overrides"),
        ));
    }
    Ok(map
        .into_iter()
        .map(|(date, hours)| DateOverride { date, hours })
        .collect())
}
