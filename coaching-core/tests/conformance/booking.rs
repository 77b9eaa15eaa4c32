//! Self-booking: availability, booking rules, free slots, and the refusals a client's own
//! booking meets — on every backend.

use chrono::{DateTime, Duration, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use coaching_core::*;

use super::sessions::{book, phone};
use super::*;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn range(h1: u16, m1: u16, h2: u16, m2: u16) -> DayRange {
    DayRange::hm(h1, m1, h2, m2).unwrap()
}

fn every_day(r: &[DayRange]) -> Vec<WeeklyHours> {
    let mut v = Vec::new();
    for d in 0..7u8 {
        for range in r {
            v.push(WeeklyHours {
                weekday: Weekday::try_from(d).unwrap(),
                range: *range,
            });
        }
    }
    v
}

fn weekdays(r: &[DayRange]) -> Vec<WeeklyHours> {
    every_day(r)
        .into_iter()
        .filter(|w| !matches!(w.weekday, Weekday::Sat | Weekday::Sun))
        .collect()
}

/// An Active engagement of `coach` with the world's client, from a new program.
fn engagement(w: &World, coach: CoachId, program: NewProgram) -> Engagement {
    let me = w.owner();
    let p = w.lib.create_program(me, w.practice.id, program).unwrap();
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(p.id),
                coach_id: Some(coach),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e.id).unwrap()
}

fn client(w: &World) -> Actor {
    Actor::Client(w.client.id)
}

fn slots(w: &World, e: EngagementId, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    w.lib.free_slots(client(w), e, from, to).unwrap()
}

fn hhmm(tz: Tz, v: &[DateTime<Utc>]) -> Vec<String> {
    v.iter()
        .map(|t| t.with_timezone(&tz).format("%m-%d %H:%M").to_string())
        .collect()
}

fn rules(notice: u32, horizon: Option<u32>, before: u32, after: u32, step: u32) -> BookingRules {
    BookingRules {
        min_notice_minutes: notice,
        max_horizon_days: horizon,
        buffer_before_minutes: before,
        buffer_after_minutes: after,
        slot_step_minutes: step,
    }
}

pub fn weekly_hours_and_date_overrides_shape_the_slots(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let london: Tz = "Europe/London".parse().unwrap();
    let e = engagement(&w, w.owner.id, NewProgram::sessions("Hours", 50));
    // Overlapping ranges of a weekday are merged; Saturday and Sunday have none.
    let a = w
        .lib
        .set_weekly_hours(
            me,
            w.owner.id,
            None,
            &weekdays(&[range(9, 0, 11, 0), range(10, 0, 12, 0), range(13, 0, 17, 0)]),
        )
        .unwrap();
    assert_eq!(a.time_zone, london, "the practice's zone when none is given");
    assert_eq!(a.weekly.len(), 10, "two ranges a weekday after merging");
    assert_eq!(a.weekly[0].range, range(9, 0, 12, 0));
    // Monday 2 March 2026 (GMT): t0 is 09:00.
    let monday = slots(&w, e.id, t0(), t0() + Duration::days(1));
    assert_eq!(
        hhmm(london, &monday),
        [
            "03-02 09:00", "03-02 09:30", "03-02 10:00", "03-02 10:30", "03-02 11:00",
            "03-02 13:00", "03-02 13:30", "03-02 14:00", "03-02 14:30", "03-02 15:00",
            "03-02 15:30", "03-02 16:00"
        ],
        "an hour's session every 30 minutes, inside the hours"
    );
    assert!(
        slots(&w, e.id, utc(2026, 3, 7, 0, 0), utc(2026, 3, 9, 0, 0)).is_empty(),
        "no hours at the weekend"
    );
    // Tuesday off; Wednesday's hours replaced by an evening; Saturday given extra hours.
    w.lib
        .set_date_hours(me, w.owner.id, date(2026, 3, 3), &[])
        .unwrap();
    w.lib
        .set_date_hours(me, w.owner.id, date(2026, 3, 4), &[range(18, 0, 20, 0)])
        .unwrap();
    let a = w
        .lib
        .set_date_hours(me, w.owner.id, date(2026, 3, 7), &[range(10, 0, 11, 0)])
        .unwrap();
    assert_eq!(a.overrides.len(), 3);
    let tue_to_sat = slots(&w, e.id, utc(2026, 3, 3, 0, 0), utc(2026, 3, 8, 0, 0));
    let days: Vec<String> = hhmm(london, &tue_to_sat);
    assert!(!days.iter().any(|d| d.starts_with("03-03")), "Tuesday is off");
    assert_eq!(
        days.iter()
            .filter(|d| d.starts_with("03-04"))
            .collect::<Vec<_>>(),
        ["03-04 18:00", "03-04 18:30", "03-04 19:00"],
        "Wednesday has the evening only"
    );
    assert_eq!(
        days.iter()
            .filter(|d| d.starts_with("03-07"))
            .collect::<Vec<_>>(),
        ["03-07 10:00"],
        "Saturday's extra hour"
    );
    assert_eq!(
        days.iter().filter(|d| d.starts_with("03-05")).count(),
        12,
        "Thursday keeps its weekly hours"
    );
    // Clearing Tuesday's override gives it its weekly hours back.
    let a = w
        .lib
        .clear_date_hours(me, w.owner.id, date(2026, 3, 3))
        .unwrap();
    assert_eq!(a.overrides.len(), 2);
    assert_eq!(
        slots(&w, e.id, utc(2026, 3, 3, 0, 0), utc(2026, 3, 4, 0, 0)).len(),
        12
    );
    // Every change is in the practice's log.
    let log = w
        .lib
        .practice_activity(me, w.practice.id, Page::first(20))
        .unwrap();
    assert_eq!(
        log.iter()
            .filter(|l| l.action == Action::AvailabilityChanged)
            .count(),
        5
    );
    // Malformed hours and dates are refused and change nothing.
    let before = w.lib.availability(me, w.owner.id).unwrap();
    for bad in [
        DayRange {
            start_minute: 600,
            end_minute: 600,
        },
        DayRange {
            start_minute: 700,
            end_minute: 600,
        },
        DayRange {
            start_minute: 0,
            end_minute: 1441,
        },
    ] {
        let weekly = [WeeklyHours {
            weekday: Weekday::Mon,
            range: bad,
        }];
        assert!(matches!(
            w.lib.set_weekly_hours(me, w.owner.id, None, &weekly),
            Err(Error::Validation { .. })
        ));
        assert!(matches!(
            w.lib.set_date_hours(me, w.owner.id, date(2026, 3, 9), &[bad]),
            Err(Error::Validation { .. })
        ));
    }
    assert!(matches!(
        w.lib.set_weekly_hours(me, w.owner.id, Some("Mars/Olympus"), &[]),
        Err(Error::Validation { .. })
    ));
    assert!(matches!(
        w.lib.set_date_hours(me, w.owner.id, date(2026, 3, 1), &[]),
        Err(Error::Validation { .. })
    ), "a date in the past");
    assert!(matches!(
        w.lib.clear_date_hours(me, w.owner.id, date(2026, 3, 20)),
        Err(Error::Validation { .. })
    ), "no override on that date");
    assert_eq!(w.lib.availability(me, w.owner.id).unwrap(), before);
}

pub fn booking_rules_follow_the_program_unless_the_engagement_has_its_own(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = engagement(&w, w.owner.id, NewProgram::sessions("Rules", 10));
    let program = w.lib.engagement(me, e.id).unwrap().engagement.program_id.unwrap();
    let got = w.lib.booking_rules(client(&w), e.id).unwrap();
    assert_eq!(got.source, RulesSource::Default);
    assert_eq!(got.rules, BookingRules::default());
    let p_rules = rules(24 * 60, Some(30), 15, 15, 60);
    assert_eq!(
        w.lib
            .set_program_booking_rules(me, program, Some(p_rules))
            .unwrap(),
        Some(p_rules)
    );
    assert_eq!(
        w.lib.program_booking_rules(me, program).unwrap(),
        Some(p_rules)
    );
    let got = w.lib.booking_rules(client(&w), e.id).unwrap();
    assert_eq!((got.source, got.rules), (RulesSource::Program, p_rules));
    let own = rules(60, None, 0, 0, 15);
    let got = w
        .lib
        .set_engagement_booking_rules(me, e.id, Some(own))
        .unwrap();
    assert_eq!((got.source, got.rules), (RulesSource::Engagement, own));
    let got = w.lib.set_engagement_booking_rules(me, e.id, None).unwrap();
    assert_eq!((got.source, got.rules), (RulesSource::Program, p_rules));
    for bad in [
        rules(600_000, None, 0, 0, 30),
        rules(0, Some(0), 0, 0, 30),
        rules(0, Some(731), 0, 0, 30),
        rules(0, None, 1441, 0, 30),
        rules(0, None, 0, 1441, 30),
        rules(0, None, 0, 0, 4),
        rules(0, None, 0, 0, 1441),
    ] {
        assert!(matches!(
            w.lib.set_engagement_booking_rules(me, e.id, Some(bad)),
            Err(Error::Validation { .. })
        ));
        assert!(matches!(
            w.lib.set_program_booking_rules(me, program, Some(bad)),
            Err(Error::Validation { .. })
        ));
    }
    // The engagement's entries are the client's to read; the program's the coaches'.
    let log = w.lib.activity(me, e.id, Page::first(10)).unwrap();
    assert_eq!(
        log.iter()
            .filter(|l| l.action == Action::BookingRulesChanged)
            .count(),
        2
    );
    // Deleting the engagement removes its rules with it (nothing left behind to block it).
    let draft = w.draft();
    w.lib
        .set_engagement_booking_rules(me, draft.id, Some(own))
        .unwrap();
    w.lib.delete_engagement(me, draft.id).unwrap();
}

/// Each refusal a client meets, with its figures, changing nothing; the coach is not held to
/// any of them but the clash.
pub fn each_client_refusal_is_typed_and_the_coach_may_override(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = client(&w);
    let e = engagement(&w, w.owner.id, NewProgram::sessions("Refusals", 20));
    w.lib
        .set_weekly_hours(me, w.owner.id, None, &weekdays(&[range(9, 0, 17, 0)]))
        .unwrap();
    w.lib
        .set_engagement_booking_rules(me, e.id, Some(rules(24 * 60, Some(14), 30, 15, 30)))
        .unwrap();
    // now: Monday 2 March 09:00 (GMT = UTC).
    let before = w.snapshot();
    let notice = book(&w, carla, e.id, utc(2026, 3, 2, 11, 0));
    assert_eq!(
        notice.unwrap_err(),
        Error::NoticeTooShort {
            notice_minutes: 1440,
            minutes_ahead: 120
        }
    );
    let horizon = book(&w, carla, e.id, utc(2026, 3, 17, 10, 0));
    assert_eq!(
        horizon.unwrap_err(),
        Error::BeyondHorizon {
            horizon_days: 14,
            days_ahead: 16
        }
    );
    let early = utc(2026, 3, 4, 8, 0);
    assert_eq!(
        book(&w, carla, e.id, early).unwrap_err(),
        Error::OutsideAvailability { start: early }
    );
    let late = utc(2026, 3, 4, 16, 30);
    assert_eq!(
        book(&w, carla, e.id, late).unwrap_err(),
        Error::OutsideAvailability { start: late },
        "the session would run past 17:00"
    );
    let off_step = utc(2026, 3, 4, 10, 10);
    assert_eq!(
        book(&w, carla, e.id, off_step).unwrap_err(),
        Error::OutsideAvailability { start: off_step },
        "not on the 30-minute step"
    );
    let weekend = utc(2026, 3, 7, 10, 0);
    assert_eq!(
        book(&w, carla, e.id, weekend).unwrap_err(),
        Error::OutsideAvailability { start: weekend }
    );
    let longer = w.lib.book_session(
        carla,
        e.id,
        NewSession {
            start: utc(2026, 3, 4, 10, 0),
            end: Some(utc(2026, 3, 4, 12, 0)),
            time_zone: None,
            location: phone(),
        },
    );
    assert!(matches!(longer, Err(Error::Validation { field, .. }) if field == "end"));
    assert_eq!(w.snapshot(), before, "refusals change nothing");

    // Buffers: 30 minutes before a client's session, 15 after, around the coach's 12:00–13:00.
    book(&w, me, e.id, utc(2026, 3, 4, 12, 0)).unwrap();
    let before = w.snapshot();
    for blocked in [utc(2026, 3, 4, 11, 0), utc(2026, 3, 4, 13, 0)] {
        assert!(
            matches!(book(&w, carla, e.id, blocked), Err(Error::Conflict { reason }) if !reason.contains("session")),
            "{blocked}: inside a buffer, the client is told only that the time is taken"
        );
    }
    assert_eq!(w.snapshot(), before);
    let listed = slots(&w, e.id, utc(2026, 3, 4, 0, 0), utc(2026, 3, 5, 0, 0));
    assert!(!listed.contains(&utc(2026, 3, 4, 11, 0)));
    assert!(!listed.contains(&utc(2026, 3, 4, 13, 0)));
    assert!(listed.contains(&utc(2026, 3, 4, 10, 30)), "ends 11:30, 30 min before 12:00");
    assert!(listed.contains(&utc(2026, 3, 4, 13, 30)), "starts 30 min after 13:00");
    let s = book(&w, carla, e.id, utc(2026, 3, 4, 13, 30)).unwrap();
    assert_eq!(s.created_by, carla);

    // The coach may book outside the hours, inside the notice, past the horizon, across the
    // buffers; never over another session.
    for t in [
        utc(2026, 3, 2, 9, 30),
        utc(2026, 3, 20, 10, 0),
        utc(2026, 3, 4, 7, 0),
        utc(2026, 3, 6, 10, 10),
        utc(2026, 3, 4, 11, 0),
    ] {
        book(&w, me, e.id, t).unwrap_or_else(|err| panic!("coach at {t}: {err}"));
    }
    assert!(matches!(
        book(&w, me, e.id, utc(2026, 3, 4, 12, 30)),
        Err(Error::Conflict { .. })
    ));

    // Between two sessions with exactly the room for one (no buffers): the gap is a slot.
    let e2 = engagement(&w, w.owner.id, NewProgram::sessions("Gap", 20));
    book(&w, me, e2.id, utc(2026, 3, 11, 9, 0)).unwrap();
    book(&w, me, e2.id, utc(2026, 3, 11, 11, 0)).unwrap();
    let gap = slots(&w, e2.id, utc(2026, 3, 11, 0, 0), utc(2026, 3, 12, 0, 0));
    assert!(gap.contains(&utc(2026, 3, 11, 10, 0)), "{gap:?}");
    assert!(!gap.contains(&utc(2026, 3, 11, 9, 30)) && !gap.contains(&utc(2026, 3, 11, 10, 30)));
    book(&w, carla, e2.id, utc(2026, 3, 11, 10, 0)).unwrap();

    // A client's reschedule meets the same rules, and keeps its length.
    let before = w.snapshot();
    assert!(matches!(
        w.lib.reschedule_session(carla, s.id, utc(2026, 3, 4, 18, 0), None),
        Err(Error::OutsideAvailability { .. })
    ));
    assert!(matches!(
        w.lib.reschedule_session(carla, s.id, utc(2026, 3, 2, 15, 0), None),
        Err(Error::NoticeTooShort { .. })
    ));
    assert!(matches!(
        w.lib.reschedule_session(carla, s.id, utc(2026, 3, 25, 10, 0), None),
        Err(Error::BeyondHorizon { .. })
    ));
    assert!(matches!(
        w.lib.reschedule_session(carla, s.id, utc(2026, 3, 5, 10, 0), Some(utc(2026, 3, 5, 10, 30))),
        Err(Error::Validation { .. })
    ));
    assert_eq!(w.snapshot(), before);
    let moved = w
        .lib
        .reschedule_session(carla, s.id, utc(2026, 3, 5, 10, 0), None)
        .unwrap();
    assert_eq!(moved.start, utc(2026, 3, 5, 10, 0));
    // Its own old time does not block it: back to 13:30 on Wednesday, which the reschedule
    // slots list (and the free slots, with the session in the way, do not).
    let moves = w
        .lib
        .reschedule_slots(carla, s.id, utc(2026, 3, 4, 0, 0), utc(2026, 3, 5, 0, 0))
        .unwrap();
    assert!(moves.contains(&utc(2026, 3, 4, 13, 30)), "{moves:?}");
    w.lib
        .reschedule_session(carla, s.id, utc(2026, 3, 4, 13, 30), None)
        .unwrap();
    assert!(!slots(&w, e.id, utc(2026, 3, 4, 0, 0), utc(2026, 3, 5, 0, 0)).contains(&utc(2026, 3, 4, 13, 30)));
    // Inside the notice, the client no longer moves it (nor lists where to).
    w.clock.set(utc(2026, 3, 4, 9, 0));
    let before = w.snapshot();
    assert_eq!(
        w.lib
            .reschedule_session(carla, s.id, utc(2026, 3, 6, 10, 0), None)
            .unwrap_err(),
        Error::NoticeTooShort {
            notice_minutes: 1440,
            minutes_ahead: 270
        }
    );
    assert!(matches!(
        w.lib.reschedule_slots(carla, s.id, utc(2026, 3, 5, 0, 0), utc(2026, 3, 9, 0, 0)),
        Err(Error::NoticeTooShort { .. })
    ));
    assert_eq!(w.snapshot(), before);
    // The coach still may.
    w.lib
        .reschedule_session(me, s.id, utc(2026, 3, 6, 14, 0), None)
        .unwrap();
}

pub fn a_client_books_no_more_than_the_allocation(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = client(&w);
    let e = engagement(&w, w.owner.id, NewProgram::sessions("Three", 3));
    let day = |d: u32| utc(2026, 3, d, 10, 0);
    let s1 = book(&w, carla, e.id, day(3)).unwrap();
    book(&w, carla, e.id, day(4)).unwrap();
    book(&w, carla, e.id, day(5)).unwrap();
    let used_up = Error::AllocationUsedUp {
        unit: ProgressUnit::Sessions,
        planned: 3,
        used: 0,
        scheduled: 3,
    };
    let before = w.snapshot();
    assert_eq!(book(&w, carla, e.id, day(6)).unwrap_err(), used_up);
    assert_eq!(
        w.lib
            .free_slots(carla, e.id, day(6), day(7))
            .unwrap_err(),
        used_up
    );
    assert_eq!(w.snapshot(), before);
    // A client's reschedule is not a new booking.
    w.lib.reschedule_session(carla, s1.id, day(9), None).unwrap();
    // Cancelling one gives it back; holding one uses it.
    w.lib.cancel_session(carla, s1.id, None).unwrap();
    let s4 = book(&w, carla, e.id, day(6)).unwrap();
    w.clock.set(day(3) + Duration::hours(2));
    assert_eq!(book(&w, carla, e.id, day(10)).unwrap_err(), used_up);
    let _ = s4;
    // The coach may book past it: the overview shows what is booked beyond the plan once held.
    book(&w, me, e.id, day(11)).unwrap();
    book(&w, me, e.id, day(12)).unwrap();
    let line = w.lib.engagement(me, e.id).unwrap();
    assert_eq!(line.progress.to_string(), "0/3");
    assert_eq!(
        book(&w, carla, e.id, day(13)).unwrap_err(),
        Error::AllocationUsedUp {
            unit: ProgressUnit::Sessions,
            planned: 3,
            used: 0,
            scheduled: 5,
        }
    );

    // A series refused whole when it would pass the allocation.
    let e2 = engagement(&w, w.owner.id, NewProgram::sessions("Series", 4));
    let series = w.lib.book_series(
        carla,
        e2.id,
        NewSession {
            start: utc(2026, 3, 9, 10, 0),
            end: None,
            time_zone: None,
            location: phone(),
        },
        Recurrence {
            every_weeks: 1,
            end: SeriesEnd::Count(5),
        },
    );
    assert!(matches!(series, Err(Error::AllocationUsedUp { scheduled: 0, .. })));
    let series = w
        .lib
        .book_series(
            carla,
            e2.id,
            NewSession {
                start: utc(2026, 3, 9, 10, 0),
                end: None,
                time_zone: None,
                location: phone(),
            },
            Recurrence {
                every_weeks: 1,
                end: SeriesEnd::Count(4),
            },
        )
        .unwrap();
    assert_eq!(series.len(), 4);

    // Hours: 2 planned hours of 45-minute sessions leave room for two (90 of 120 minutes).
    let e3 = engagement(
        &w,
        w.owner.id,
        NewProgram {
            planned: Planned::hours(2),
            session_minutes: 45,
            ..NewProgram::sessions("Hours", 0)
        },
    );
    book(&w, carla, e3.id, utc(2026, 3, 16, 14, 0)).unwrap();
    book(&w, carla, e3.id, utc(2026, 3, 17, 14, 0)).unwrap();
    assert_eq!(
        book(&w, carla, e3.id, utc(2026, 3, 18, 14, 0)).unwrap_err(),
        Error::AllocationUsedUp {
            unit: ProgressUnit::Hours,
            planned: 120,
            used: 0,
            scheduled: 90,
        }
    );
}

/// A held session uses the allocation: planned − used − scheduled.
pub fn held_sessions_count_against_the_allocation(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = client(&w);
    let e = engagement(&w, w.owner.id, NewProgram::sessions("Two", 2));
    let s = book(&w, carla, e.id, utc(2026, 3, 2, 10, 0)).unwrap();
    w.clock.set(utc(2026, 3, 2, 11, 0));
    w.lib.complete_session(me, s.id).unwrap();
    book(&w, carla, e.id, utc(2026, 3, 3, 10, 0)).unwrap();
    assert_eq!(
        book(&w, carla, e.id, utc(2026, 3, 4, 10, 0)).unwrap_err(),
        Error::AllocationUsedUp {
            unit: ProgressUnit::Sessions,
            planned: 2,
            used: 1,
            scheduled: 1,
        }
    );
}

/// A London coach's 09:00 stays 09:00 across both clock changes of 2026; a New York coach's
/// too, on its own dates; hours across the change itself are as long as the clock says.
pub fn daylight_saving_weeks_in_two_zones(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let nia = w.add_coach("Nia New York");
    let london: Tz = "Europe/London".parse().unwrap();
    let new_york: Tz = "America/New_York".parse().unwrap();
    let e_ldn = engagement(&w, w.owner.id, NewProgram::sessions("London", 99));
    let e_ny = engagement(&w, nia.id, NewProgram::sessions("New York", 99));
    w.lib
        .set_weekly_hours(me, w.owner.id, Some("Europe/London"), &every_day(&[range(9, 0, 10, 0)]))
        .unwrap();
    w.lib
        .set_weekly_hours(
            Actor::Coach(nia.id),
            nia.id,
            Some("America/New_York"),
            &every_day(&[range(9, 0, 10, 0)]),
        )
        .unwrap();
    let ldn = slots(&w, e_ldn.id, utc(2026, 3, 26, 0, 0), utc(2026, 4, 2, 0, 0));
    assert_eq!(
        ldn.iter().map(|t| t.format("%d %H:%M").to_string()).collect::<Vec<_>>(),
        ["26 09:00", "27 09:00", "28 09:00", "29 08:00", "30 08:00", "31 08:00", "01 08:00"],
        "UTC shifts by an hour on 29 March"
    );
    assert!(hhmm(london, &ldn).iter().all(|t| t.ends_with("09:00")));
    let ldn = slots(&w, e_ldn.id, utc(2026, 10, 22, 0, 0), utc(2026, 10, 29, 0, 0));
    assert_eq!(
        ldn.iter().map(|t| t.format("%d %H:%M").to_string()).collect::<Vec<_>>(),
        ["22 08:00", "23 08:00", "24 08:00", "25 09:00", "26 09:00", "27 09:00", "28 09:00"],
        "and back on 25 October"
    );
    let ny = slots(&w, e_ny.id, utc(2026, 3, 5, 0, 0), utc(2026, 3, 12, 0, 0));
    assert_eq!(
        ny.iter().map(|t| t.format("%d %H:%M").to_string()).collect::<Vec<_>>(),
        ["05 14:00", "06 14:00", "07 14:00", "08 13:00", "09 13:00", "10 13:00", "11 13:00"],
        "New York changes on 8 March"
    );
    assert!(hhmm(new_york, &ny).iter().all(|t| t.ends_with("09:00")));
    let ny = slots(&w, e_ny.id, utc(2026, 10, 29, 0, 0), utc(2026, 11, 5, 0, 0));
    assert!(hhmm(new_york, &ny).iter().all(|t| t.ends_with("09:00")));
    assert_eq!(ny[3].format("%d %H:%M").to_string(), "01 14:00", "1 November: EST");
    // Hours across the change: 00:00–04:00 on 29 March is three real hours (01:00–02:00 does
    // not exist), on 25 October five (01:00–02:00 happens twice).
    w.lib
        .set_engagement_booking_rules(me, e_ldn.id, Some(rules(0, None, 0, 0, 60)))
        .unwrap();
    w.lib
        .set_date_hours(me, w.owner.id, date(2026, 3, 29), &[range(0, 0, 4, 0)])
        .unwrap();
    w.lib
        .set_date_hours(me, w.owner.id, date(2026, 10, 25), &[range(0, 0, 4, 0)])
        .unwrap();
    let spring = slots(&w, e_ldn.id, utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 6, 0));
    assert_eq!(
        spring.iter().map(|t| t.format("%H:%M").to_string()).collect::<Vec<_>>(),
        ["00:00", "01:00", "02:00"]
    );
    let autumn = slots(&w, e_ldn.id, utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 6, 0));
    assert_eq!(
        autumn.iter().map(|t| t.format("%d %H:%M").to_string()).collect::<Vec<_>>(),
        ["24 23:00", "25 00:00", "25 01:00", "25 02:00", "25 03:00"]
    );
    // Each listed slot books; the session keeps the zone it was booked in.
    let s = book(&w, client(&w), e_ny.id, ny[0]).unwrap();
    assert_eq!(s.start, ny[0]);

    // Hours that start or end on a time the change repeats or skips are read conservatively:
    // 00:00–01:30 on 25 October ends at the first 01:30 (BST); 01:30–03:00 on 29 March starts
    // when the clock shows 02:30 (01:30 does not exist), 30-minute sessions.
    let lou = w.add_coach("Lou London");
    let lou_a = Actor::Coach(lou.id);
    let e_lou = engagement(
        &w,
        lou.id,
        NewProgram {
            session_minutes: 30,
            ..NewProgram::sessions("Half hours", 99)
        },
    );
    w.lib.set_weekly_hours(lou_a, lou.id, None, &[]).unwrap();
    w.lib
        .set_date_hours(lou_a, lou.id, date(2026, 10, 25), &[range(0, 0, 1, 30)])
        .unwrap();
    w.lib
        .set_date_hours(lou_a, lou.id, date(2026, 3, 29), &[range(1, 30, 3, 0)])
        .unwrap();
    let fold = slots(&w, e_lou.id, utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 12, 0));
    assert_eq!(fold, [utc(2026, 10, 24, 23, 0), utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 0, 0)]);
    let gap = slots(&w, e_lou.id, utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 12, 0));
    assert_eq!(gap, [utc(2026, 3, 29, 1, 30)], "02:30 BST to 03:00 BST");
}

/// A Tokyo coach's hours, a client booking from Los Angeles: slots are instants, the
/// session shows in the zone the client booked it in.
pub fn coach_and_client_in_different_zones(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let kenji = w.add_coach("Kenji Tokyo");
    let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
    let la: Tz = "America/Los_Angeles".parse().unwrap();
    let e = engagement(&w, kenji.id, NewProgram::sessions("Across", 9));
    w.lib
        .set_weekly_hours(
            me,
            kenji.id,
            Some("Asia/Tokyo"),
            &[WeeklyHours {
                weekday: Weekday::Tue,
                range: range(9, 0, 11, 0),
            }],
        )
        .unwrap();
    let listed = slots(&w, e.id, utc(2026, 3, 2, 0, 0), utc(2026, 3, 9, 0, 0));
    assert_eq!(
        listed,
        [
            local(tokyo, 2026, 3, 10, 9, 0) - Duration::days(7),
            local(tokyo, 2026, 3, 10, 9, 30) - Duration::days(7),
            local(tokyo, 2026, 3, 10, 10, 0) - Duration::days(7),
        ],
        "Tuesday 09:00–11:00 in Tokyo is Tuesday 00:00–02:00 UTC"
    );
    assert_eq!(listed[0], utc(2026, 3, 3, 0, 0));
    // Monday 16:00 in Los Angeles is that Tuesday 09:00 in Tokyo.
    assert_eq!(local(la, 2026, 3, 2, 16, 0), listed[0]);
    let s = w
        .lib
        .book_session(
            client(&w),
            e.id,
            NewSession {
                start: local(la, 2026, 3, 2, 16, 0),
                end: None,
                time_zone: Some("America/Los_Angeles".into()),
                location: phone(),
            },
        )
        .unwrap();
    assert_eq!(s.local_start().format("%a %H:%M").to_string(), "Mon 16:00");
    assert_eq!(
        s.start.with_timezone(&tokyo).format("%a %H:%M").to_string(),
        "Tue 09:00"
    );
    // The slot is taken now, for the client and for the coach.
    let listed = slots(&w, e.id, utc(2026, 3, 2, 0, 0), utc(2026, 3, 9, 0, 0));
    assert_eq!(listed, [utc(2026, 3, 3, 1, 0)]);
    // Across the US change (8 March) and not Japan's (none): 09:00 Tokyo stays 00:00 UTC,
    // so the Los Angeles wall clock moves from 16:00 to 17:00.
    let later = slots(&w, e.id, utc(2026, 3, 9, 0, 0), utc(2026, 3, 11, 0, 0));
    assert_eq!(later[0], utc(2026, 3, 10, 0, 0));
    assert_eq!(later[0].with_timezone(&la).format("%H:%M").to_string(), "17:00");
}

/// Before a coach publishes hours, a client books at any time (notice, horizon, buffers
/// and the allocation still hold); publishing empty hours closes self-booking.
pub fn no_published_hours_means_any_time(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = client(&w);
    let e = engagement(&w, w.owner.id, NewProgram::sessions("Open", 9));
    assert_eq!(w.lib.availability(me, w.owner.id).unwrap(), None);
    book(&w, carla, e.id, utc(2026, 3, 3, 3, 17)).unwrap();
    let listed = slots(&w, e.id, utc(2026, 3, 4, 0, 0), utc(2026, 3, 5, 0, 0));
    assert_eq!(listed.len(), 48, "a slot every 30 minutes, all day");
    w.lib
        .set_engagement_booking_rules(me, e.id, Some(rules(60, Some(2), 0, 0, 30)))
        .unwrap();
    assert!(matches!(
        book(&w, carla, e.id, utc(2026, 3, 2, 9, 30)),
        Err(Error::NoticeTooShort { .. })
    ));
    assert!(matches!(
        book(&w, carla, e.id, utc(2026, 3, 5, 9, 30)),
        Err(Error::BeyondHorizon { .. })
    ));
    w.lib.set_weekly_hours(me, w.owner.id, None, &[]).unwrap();
    assert!(slots(&w, e.id, utc(2026, 3, 2, 0, 0), utc(2026, 3, 4, 0, 0)).is_empty());
    assert!(matches!(
        book(&w, carla, e.id, utc(2026, 3, 3, 10, 0)),
        Err(Error::OutsideAvailability { .. })
    ));
    book(&w, me, e.id, utc(2026, 3, 3, 10, 0)).unwrap();
}

/// Free slots need what booking needs: an Active engagement, a sane window, someone who may
/// book in it.
pub fn free_slots_refusals(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let draft = w.draft();
    assert!(matches!(
        w.lib.free_slots(me, draft.id, t0(), t0() + Duration::days(1)),
        Err(Error::EngagementNotActive { .. })
    ));
    let e = w.engagement_in(Status::Active);
    assert!(matches!(
        w.lib.free_slots(me, e.id, t0(), t0()),
        Err(Error::Validation { .. })
    ));
    assert!(matches!(
        w.lib.free_slots(me, e.id, t0(), t0() + Duration::days(400)),
        Err(Error::Validation { .. })
    ));
    let (_, foreign_owner, foreign_client, _) = w.neighbour();
    for outsider in [Actor::Coach(foreign_owner.id), Actor::Client(foreign_client.id)] {
        assert!(matches!(
            w.lib.free_slots(outsider, e.id, t0(), t0() + Duration::days(1)),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            w.lib.availability(outsider, w.owner.id),
            Err(Error::NotFound { .. })
        ));
    }
}

/// A small deterministic generator (the property test drives many more cases on memory).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// A random scenario: a coach's hours (weekly and overrides, in a zone with a clock change
/// in the window), rules, the coach's own sessions; then every minute of the window tried
/// by the client. Returns how many starts were listed.
pub fn slots_are_exactly_the_bookable_starts(make: MakeStore, seed: u64, days: i64) -> usize {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = client(&w);
    let mut g = Lcg(seed);
    let zones = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];
    let zone = zones[g.next(4) as usize];
    let minutes = [30, 45, 50, 60, 90][g.next(5) as usize];
    let e = engagement(
        &w,
        w.owner.id,
        NewProgram {
            session_minutes: minutes,
            ..NewProgram::sessions("Prop", 500)
        },
    );
    let mut weekly = Vec::new();
    for d in 0..7u8 {
        for _ in 0..g.next(3) {
            let s = g.next(1400) as u16;
            let len = 15 + g.next(600) as u16;
            weekly.push(WeeklyHours {
                weekday: Weekday::try_from(d).unwrap(),
                range: DayRange::new(s, (s + len).min(1440)).unwrap(),
            });
        }
    }
    w.lib
        .set_weekly_hours(me, w.owner.id, Some(zone), &weekly)
        .unwrap();
    // A window around a clock change: late March or late October.
    let start = if g.next(2) == 0 {
        utc(2026, 3, 26, 0, 0)
    } else {
        utc(2026, 10, 22, 0, 0)
    } + Duration::minutes(g.next(1440) as i64);
    w.clock.set(start - Duration::hours(g.next(48) as i64));
    let first_date = start.date_naive();
    for _ in 0..g.next(4) {
        let d = first_date + Duration::days(1 + g.next(days as u64 + 1) as i64);
        let mut hours = Vec::new();
        for _ in 0..g.next(3) {
            let s = g.next(1400) as u16;
            hours.push(DayRange::new(s, (s + 30 + g.next(300) as u16).min(1440)).unwrap());
        }
        w.lib.set_date_hours(me, w.owner.id, d, &hours).unwrap();
    }
    let r = rules(
        [0, 30, 120, 1440][g.next(4) as usize],
        [None, Some(1), Some(2), Some(30)][g.next(4) as usize],
        [0, 10, 15, 30][g.next(4) as usize],
        [0, 5, 15, 60][g.next(4) as usize],
        [5, 15, 20, 30, 60][g.next(5) as usize],
    );
    w.lib
        .set_engagement_booking_rules(me, e.id, Some(r))
        .unwrap();
    let end = start + Duration::days(days);
    for _ in 0..g.next(6) {
        let t = start + Duration::minutes(g.next((days * 1440) as u64) as i64);
        let _ = book(&w, me, e.id, t);
        // Sometimes a second one with exactly the room for one session between them (plus
        // the buffers, or not): the gap must be a slot exactly when it fits.
        if g.next(2) == 0 {
            let room = minutes as i64 + [0, r.buffer_before_minutes + r.buffer_after_minutes][g.next(2) as usize] as i64;
            let _ = book(&w, me, e.id, t + Duration::minutes(minutes as i64 + room));
        }
    }
    let listed = w.lib.free_slots(carla, e.id, start, end).unwrap();
    assert!(listed.windows(2).all(|p| p[0] < p[1]), "soonest first, no repeats");
    // Each listed slot keeps its buffers from every session of the coach (checked here from
    // the coach's session list, not by the library's own computation).
    let theirs = w
        .lib
        .upcoming_sessions_for_coach(me, w.owner.id, start - Duration::days(2), end + Duration::days(2))
        .unwrap();
    let len = Duration::minutes(minutes as i64);
    for &t in &listed {
        for l in &theirs {
            let (bs, be) = (l.session.start, l.session.end);
            let clear = be + Duration::minutes(r.buffer_before_minutes as i64) <= t
                || t + len + Duration::minutes(r.buffer_after_minutes as i64) <= bs;
            assert!(clear, "seed {seed}: {t} listed within the buffers of {bs}–{be} ({r:?})");
        }
    }
    let mut t = start;
    let mut n = 0;
    while t < end {
        let expected = listed.binary_search(&t).is_ok();
        match book(&w, carla, e.id, t) {
            Ok(s) => {
                assert!(expected, "seed {seed}: {t} booked but not listed (rules {r:?}, zone {zone})");
                w.lib.cancel_session(me, s.id, None).unwrap();
                n += 1;
            }
            Err(err) => assert!(
                !expected,
                "seed {seed}: {t} listed but refused: {err} (rules {r:?}, zone {zone})"
            ),
        }
        t += Duration::minutes(1);
    }
    assert_eq!(n, listed.len());
    // Off the minute: never a slot.
    let odd = start + Duration::seconds(30);
    assert!(book(&w, carla, e.id, odd).is_err());
    n
}

pub fn free_slots_match_bookings(make: MakeStore) {
    // Scenarios until two of them list slots (a scenario may leave none: a 1-day horizon
    // before the window, no hours that day); each tries every minute of its day.
    let mut with_slots = 0;
    let mut seed = 0;
    while with_slots < 2 {
        seed += 1;
        assert!(seed <= 12, "twelve scenarios and fewer than two list a slot");
        if slots_are_exactly_the_bookable_starts(make, seed, 1) > 0 {
            with_slots += 1;
        }
    }
}
