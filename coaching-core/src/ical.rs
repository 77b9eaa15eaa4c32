//! iCalendar (RFC 5545) export of sessions.
//!
//! Events are built with the `icalendar` crate, with `DTSTART`/`DTEND` as wall-clock times
//! and a `TZID` (the zone each session was booked in). RFC 5545 requires a `VTIMEZONE` for
//! every `TZID`; the crate has no builder for it, so this module writes them from chrono-tz's
//! offsets: one observance per offset change over the span of the exported sessions.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};

use crate::session::{Location, SessionLine, SessionStatus};

/// The iCalendar document for `lines`.
pub(crate) fn calendar(name: &str, lines: &[SessionLine]) -> String {
    let mut cal = Calendar::new();
    cal.name(name);
    // Per time zone, the (UTC) years its sessions touch: its VTIMEZONE covers those years.
    let mut spans: BTreeMap<&str, (Tz, BTreeSet<i32>)> = BTreeMap::new();
    for line in lines {
        let s = &line.session;
        let years = &mut spans
            .entry(s.time_zone.name())
            .or_insert((s.time_zone, BTreeSet::new()))
            .1;
        years.insert(s.start.year());
        years.insert(s.end.year());
        let local = |t: DateTime<Utc>| CalendarDateTime::WithTimezone {
            date_time: t.with_timezone(&s.time_zone).naive_local(),
            tzid: s.time_zone.name().to_string(),
        };
        let summary = match &line.program_name {
            Some(p) => format!("{p}: {} with {}", line.client_name, line.coach_name),
            None => format!("Coaching: {} with {}", line.client_name, line.coach_name),
        };
        let mut event = Event::new();
        event
            .uid(&format!("{}@coaching", s.id))
            .timestamp(s.updated_at)
            .starts(local(s.start))
            .ends(local(s.end))
            .summary(&summary)
            .location(&s.location.to_string())
            .status(match s.status {
                SessionStatus::Cancelled | SessionStatus::LateCancelled => EventStatus::Cancelled,
                _ => EventStatus::Confirmed,
            })
            .description(&format!("Status: {}", s.status));
        if let Location::Zoom { join_url } | Location::Skype { join_url } = &s.location {
            event.url(join_url);
        }
        cal.push(event.done());
    }
    let mut text = cal.done().to_string();
    let zones: String = spans
        .values()
        .map(|(tz, years)| vtimezone(*tz, years))
        .collect();
    if let Some(at) = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
    {
        text.insert_str(at, &zones);
    }
    text
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

struct Observance {
    daylight: bool,
    /// Local wall-clock time (in the `from` offset) at which it begins.
    start: NaiveDateTime,
    from: i32,
    to: i32,
    name: String,
}

/// A VTIMEZONE for `tz` valid over the given years (and a day either side), with every offset
/// change in them. Years no session touches are skipped: where the offset differs after such
/// a gap, one observance starts at the next covered year. (Walking the whole span instead
/// took millions of steps for sessions centuries apart.)
fn vtimezone(tz: Tz, years: &BTreeSet<i32>) -> String {
    let info = |t: DateTime<Utc>| {
        let o = tz.offset_from_utc_datetime(&t.naive_utc());
        let name = o
            .abbreviation()
            .map(str::to_string)
            .unwrap_or_else(|| offset_text(o.fix().local_minus_utc()));
        (o.fix().local_minus_utc(), !o.dst_offset().is_zero(), name)
    };
    // Runs of consecutive years, each walked as one window.
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == y => run.1 = y,
            _ => runs.push((y, y)),
        }
    }
    let new_year = |y: i32| {
        Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    };
    let first = runs.first().map_or(DateTime::<Utc>::MIN_UTC, |r| {
        new_year(r.0) - Duration::days(1)
    });
    let (first_offset, first_dst, first_name) = info(first);
    let mut observances = vec![Observance {
        daylight: first_dst,
        start: NaiveDateTime::parse_from_str("19700101T000000", "%Y%m%dT%H%M%S")
            .unwrap_or_default(),
        from: first_offset,
        to: first_offset,
        name: first_name,
    }];
    let mut current = first_offset;
    // The offset in effect from `at` on, unless it is already the current one.
    let mut change_at = |at: DateTime<Utc>, current: &mut i32| {
        let (to, daylight, name) = info(at);
        if to != *current {
            observances.push(Observance {
                daylight,
                start: (at + Duration::seconds(*current as i64)).naive_utc(),
                from: *current,
                to,
                name,
            });
            *current = to;
        }
    };
    for (a, b) in runs {
        let begin = new_year(a) - Duration::days(1);
        let end = new_year(b + 1) + Duration::days(1);
        change_at(begin, &mut current);
        let mut t = begin;
        while t < end {
            let next = (t + Duration::hours(6)).min(end);
            let (offset, _, _) = info(next);
            if offset != current {
                // Narrow the change down to the second.
                let (mut lo, mut hi) = (t, next);
                while hi - lo > Duration::seconds(1) {
                    let mid = lo + (hi - lo) / 2;
                    if info(mid).0 == current {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                change_at(hi, &mut current);
            }
            t = next;
        }
    }
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    for o in observances {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        out += &format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{}\r\nEND:{kind}\r\n",
            o.start.format("%Y%m%dT%H%M%S"),
            offset_text(o.from),
            offset_text(o.to),
            o.name
        );
    }
    out += "END:VTIMEZONE\r\n";
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn london_spring_forward_is_one_daylight_observance() {
        let v = vtimezone(chrono_tz::Europe::London, &BTreeSet::from([2026]));
        assert!(v.contains("TZID:Europe/London"), "{v}");
        assert!(v.contains("BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT"), "{v}");
        // 29 March 2026, 01:00 GMT clocks go forward to 02:00 BST.
        assert!(v.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST"), "{v}");
    }

    #[test]
    fn far_apart_years_are_covered_without_the_years_between() {
        let v = vtimezone(chrono_tz::Europe::London, &BTreeSet::from([1990, 9998]));
        // 1990: into and out of summer time (9998 follows whatever the zone data says then).
        assert!(
            (1..=2).contains(&v.matches("BEGIN:DAYLIGHT").count()),
            "{v}"
        );
        assert!(
            v.contains("DTSTART:19901028T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000"),
            "{v}"
        );
        assert!(
            v.contains("DTSTART:19900325T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100"),
            "{v}"
        );
        assert!(v.matches("BEGIN:").count() <= 7, "{v}");
        // Between the two, no observance of the 8,000 years in between.
        assert!(!v.contains("DTSTART:2026"), "{v}");
    }

    #[test]
    fn offsets_print_as_rfc5545() {
        assert_eq!(offset_text(-5 * 3600), "-0500");
        assert_eq!(offset_text(5 * 3600 + 45 * 60), "+0545");
        assert_eq!(offset_text(0), "+0000");
    }
}
