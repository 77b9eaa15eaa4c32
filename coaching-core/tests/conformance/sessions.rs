//! Sessions: booking, series, rescheduling, cancelling, progress counting, automatic
//! completion, lists, dashboards and calendar export.

use chrono::{DateTime, Duration, TimeZone, Utc};
use coaching_core::*;

use super::*;

pub fn phone() -> Location {
    Location::Phone {
        number: "+44 20 7946 0000".into(),
    }
}

fn at(hours: i64) -> DateTime<Utc> {
    t0() + Duration::hours(hours)
}

pub fn book(w: &World, actor: Actor, e: EngagementId, start: DateTime<Utc>) -> Result<Session> {
    w.lib.book_session(
        actor,
        e,
        NewSession {
            start,
            end: None,
            time_zone: None,
            location: phone(),
        },
    )
}

/// An Active engagement of the owner with the world's client, from a program built here.
fn active_with(w: &World, program: NewProgram) -> Engagement {
    let me = w.owner();
    let p = w.lib.create_program(me, w.practice.id, program).unwrap();
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(p.id),
                coach_id: Some(w.owner.id),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e.id).unwrap()
}

fn progress(w: &World, e: EngagementId) -> Progress {
    w.lib.engagement(w.owner(), e).unwrap().progress
}

pub fn counting_rules(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let client = Actor::Client(w.client.id);
    let e = active_with(
        &w,
        NewProgram {
            late_cancel_window_minutes: Some(24 * 60),
            ..NewProgram::sessions("Counting", 16)
        },
    );
    let s: Vec<Session> = (1..=6)
        .map(|d| book(&w, me, e.id, at(24 * d)).unwrap())
        .collect();
    assert_eq!(progress(&w, e.id).to_string(), "0/16");

    w.clock.set(at(24 + 1));
    assert_eq!(
        w.lib.complete_session(me, s[0].id).unwrap().status,
        SessionStatus::Completed
    );
    assert_eq!(
        progress(&w, e.id).to_string(),
        "1/16",
        "a completed session counts"
    );
    assert_eq!(w.lib.engagement(me, e.id).unwrap().phase, Phase::InProgress);

    w.clock.set(at(48 + 1));
    assert_eq!(
        w.lib.mark_no_show(me, s[1].id).unwrap().status,
        SessionStatus::NoShow
    );
    assert_eq!(
        progress(&w, e.id).to_string(),
        "2/16",
        "a no-show counts by default"
    );

    w.clock.set(at(72 - 48));
    let early = w
        .lib
        .cancel_session(client, s[2].id, Some("holiday"))
        .unwrap();
    assert_eq!(
        (
            early.status,
            early.cancelled_by,
            early.cancel_reason.as_deref()
        ),
        (SessionStatus::Cancelled, Some(client), Some("holiday"))
    );
    assert_eq!(
        progress(&w, e.id).to_string(),
        "2/16",
        "an early client cancellation does not count"
    );

    w.clock.set(at(96 - 2));
    assert_eq!(
        w.lib.cancel_session(client, s[3].id, None).unwrap().status,
        SessionStatus::LateCancelled
    );
    assert_eq!(
        progress(&w, e.id).to_string(),
        "3/16",
        "a late client cancellation counts"
    );

    w.clock.set(at(120 - 1));
    assert_eq!(
        w.lib
            .cancel_session(me, s[4].id, Some("coach ill"))
            .unwrap()
            .status,
        SessionStatus::Cancelled
    );
    assert_eq!(
        progress(&w, e.id).to_string(),
        "3/16",
        "a coach cancellation never counts, even late"
    );

    let moved = w
        .lib
        .reschedule_session(me, s[5].id, at(150), None)
        .unwrap();
    assert_eq!(
        (moved.id, moved.start, moved.end, moved.status),
        (s[5].id, at(150), at(151), SessionStatus::Scheduled)
    );
    assert_eq!(
        progress(&w, e.id).to_string(),
        "3/16",
        "a reschedule does not count"
    );
    let log = w.lib.activity(me, e.id, Page::first(1)).unwrap();
    assert_eq!(log[0].action, Action::SessionRescheduled);
    assert_eq!(
        log[0].target,
        TargetRef::new(EntityKind::Session, *s[5].id.as_uuid())
    );
    assert_eq!(log[0].detail.as_deref(), Some("2026-03-08 09:00 Europe/London (60 min), phone → 2026-03-08 15:00 Europe/London (60 min), phone"));

    // Without `no_show_counts`, a no-show is not used.
    let e2 = active_with(
        &w,
        NewProgram {
            no_show_counts: false,
            ..NewProgram::sessions("Lenient", 4)
        },
    );
    let s2 = book(&w, me, e2.id, at(300)).unwrap();
    w.clock.set(at(301));
    w.lib.mark_no_show(me, s2.id).unwrap();
    assert_eq!(progress(&w, e2.id).to_string(), "0/4");
    // Without a late window, a client cancelling at the last minute is an ordinary cancellation.
    let s3 = book(&w, me, e2.id, at(302)).unwrap();
    assert_eq!(
        w.lib.cancel_session(client, s3.id, None).unwrap().status,
        SessionStatus::Cancelled
    );
    assert_eq!(progress(&w, e2.id).to_string(), "0/4");
}

pub fn hours_mode(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = active_with(
        &w,
        NewProgram {
            planned: Planned::hours(10),
            session_minutes: 90,
            ..NewProgram::sessions("Hours", 1)
        },
    );
    let a = book(&w, me, e.id, at(1)).unwrap();
    let b = w
        .lib
        .book_session(
            me,
            e.id,
            NewSession {
                start: at(30),
                end: Some(at(30) + Duration::minutes(45)),
                time_zone: None,
                location: phone(),
            },
        )
        .unwrap();
    w.clock.set(at(40));
    w.lib.complete_session(me, a.id).unwrap();
    w.lib.complete_session(me, b.id).unwrap();
    let p = progress(&w, e.id);
    assert_eq!((p.unit, p.used, p.planned), (ProgressUnit::Hours, 135, 600));
    assert_eq!(p.to_string(), "2.25/10 h");
    assert_eq!(p.percent(), 22.5);
}

pub fn automatic_completion_is_logged_as_system(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = active_with(&w, NewProgram::sessions("Short", 2));
    let a = book(&w, me, e.id, at(1)).unwrap();
    let b = book(&w, me, e.id, at(3)).unwrap();
    w.clock.set(at(5));
    w.lib.complete_session(me, a.id).unwrap();
    assert_eq!(
        w.lib.engagement(me, e.id).unwrap().engagement.status,
        Status::Active
    );
    w.lib.complete_session(me, b.id).unwrap();
    let line = w.lib.engagement(me, e.id).unwrap();
    assert_eq!(
        (
            line.engagement.status,
            line.phase,
            line.progress.to_string()
        ),
        (Status::Completed, Phase::Completed, "2/2".into())
    );
    assert_eq!(
        line.engagement.completion_reason.as_deref(),
        Some("all planned sessions used")
    );
    let log = w.lib.activity(me, e.id, Page::first(2)).unwrap();
    assert_eq!(
        (log[0].action, log[0].actor),
        (Action::EngagementCompleted, Actor::System)
    );
    assert_eq!(log[0].detail.as_deref(), Some("all planned sessions used"));
    assert_eq!(
        (log[1].action, log[1].actor),
        (Action::SessionCompleted, me)
    );
    // A late cancellation can be the last used session too.
    let e = active_with(
        &w,
        NewProgram {
            late_cancel_window_minutes: Some(60),
            ..NewProgram::sessions("Late", 1)
        },
    );
    let s = book(&w, me, e.id, at(10)).unwrap();
    w.clock.set(at(10) - Duration::minutes(30));
    w.lib
        .cancel_session(Actor::Client(w.client.id), s.id, None)
        .unwrap();
    assert_eq!(
        w.lib.engagement(me, e.id).unwrap().engagement.status,
        Status::Completed
    );
}

pub fn seventeen_of_sixteen(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = active_with(&w, NewProgram::sessions("Sixteen", 16));
    let sessions: Vec<_> = (0..16)
        .map(|i| book(&w, me, e.id, at(2 * i)).unwrap())
        .collect();
    w.clock.set(at(40));
    for s in &sessions {
        w.lib.complete_session(me, s.id).unwrap();
    }
    assert_eq!(
        w.lib.engagement(me, e.id).unwrap().engagement.status,
        Status::Completed
    );
    // A make-up session after reopening: 17 of 16.
    w.lib.activate(me, e.id).unwrap();
    let extra = book(&w, me, e.id, at(41)).unwrap();
    w.clock.set(at(43));
    w.lib.complete_session(me, extra.id).unwrap();
    let line = w.lib.engagement(me, e.id).unwrap();
    assert_eq!(line.progress.to_string(), "17/16");
    assert_eq!(line.progress.percent(), 100.0);
    assert_eq!(line.progress.percent_floor(), 100);
    assert_eq!(line.engagement.status, Status::Completed);
    // Raising the planned total (a make-up session: 16 -> 18) and reopening shows 17/18.
    w.lib.set_planned(me, e.id, Planned::sessions(18)).unwrap();
    w.lib.activate(me, e.id).unwrap();
    assert_eq!(progress(&w, e.id).to_string(), "17/18");
}

pub fn booking_refusals(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let before = w.snapshot();
    let new = |start, end| NewSession {
        start,
        end,
        time_zone: None,
        location: phone(),
    };
    // End not after start; longer than a day.
    for end in [at(10), at(9), at(10 + 25)] {
        let err = refused(
            &w,
            &before,
            w.lib.book_session(me, e.id, new(at(10), Some(end))),
        );
        assert!(
            matches!(err, Error::Validation { ref field, .. } if field == "end"),
            "{err:?}"
        );
    }
    // Not Active.
    for status in [Status::Draft, Status::Inactive, Status::Completed] {
        let other = w.engagement_in(status);
        let before = w.snapshot();
        let err = refused(&w, &before, book(&w, me, other.id, at(10)));
        assert_eq!(err, Error::EngagementNotActive { status });
    }
    // Double-booked coach: overlapping is refused, back-to-back is fine, across engagements too.
    let first = book(&w, me, e.id, at(10)).unwrap();
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib
            .book_session(me, e.id, new(at(10) + Duration::minutes(30), None)),
    );
    assert!(
        matches!(err, Error::Conflict { ref reason } if reason.contains(&first.id.to_string())),
        "{err:?}"
    );
    let second = w.engagement_in(Status::Active);
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib
            .book_session(me, second.id, new(at(10) - Duration::minutes(30), None)),
    );
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    book(&w, me, second.id, at(11)).unwrap();
    // A cancelled session frees its slot.
    w.lib.cancel_session(me, first.id, None).unwrap();
    book(&w, me, second.id, at(10)).unwrap();
    // Another coach may hold a session at the same time.
    let sam = w.add_coach("Sam Second");
    let sams = w
        .lib
        .create_engagement(
            Actor::Coach(sam.id),
            w.practice.id,
            NewEngagement {
                client_id: Some(w.client.id),
                program_id: Some(w.program.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(Actor::Coach(sam.id), sams.id).unwrap();
    book(&w, Actor::Coach(sam.id), sams.id, at(10)).unwrap();
    // Rescheduling into a clash is refused and leaves the session where it was.
    let s = book(&w, me, e.id, at(20)).unwrap();
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib.reschedule_session(me, s.id, at(11), None),
    );
    assert!(matches!(err, Error::Conflict { .. }));
    assert_eq!(w.lib.session(me, s.id).unwrap().start, at(20));
    // Closing a session that has not started, or one that is no longer Scheduled.
    let err = refused(&w, &before, w.lib.complete_session(me, s.id));
    assert!(matches!(err, Error::Validation { ref field, .. } if field == "start"));
    let err = refused(&w, &before, w.lib.complete_session(me, first.id));
    assert_eq!(
        err,
        Error::InvalidSessionTransition {
            from: SessionStatus::Cancelled,
            to: SessionStatus::Completed
        }
    );
    let err = refused(&w, &before, w.lib.cancel_session(me, first.id, None));
    assert_eq!(
        err,
        Error::InvalidSessionTransition {
            from: SessionStatus::Cancelled,
            to: SessionStatus::Cancelled
        }
    );
    // Locations: Zoom and Skype links are checked.
    for bad in [
        Location::Zoom {
            join_url: "http://zoom.us/j/123".into(),
        },
        Location::Zoom {
            join_url: "https://zoom.us.evil.example/j/1".into(),
        },
        Location::Zoom {
            join_url: "javascript:alert(1)".into(),
        },
        Location::Skype {
            join_url: "https://example.com/call".into(),
        },
        Location::Phone {
            number: "call me".into(),
        },
        Location::InPerson {
            address: "  ".into(),
        },
    ] {
        let err = refused(
            &w,
            &before,
            w.lib.book_session(
                me,
                e.id,
                NewSession {
                    start: at(30),
                    end: None,
                    time_zone: None,
                    location: bad.clone(),
                },
            ),
        );
        assert!(
            matches!(err, Error::Validation { ref field, .. } if field.starts_with("location")),
            "{bad:?}: {err:?}"
        );
    }
    let err = refused(
        &w,
        &before,
        w.lib.book_session(
            me,
            e.id,
            NewSession {
                start: at(30),
                end: None,
                time_zone: Some("Nowhere/Land".into()),
                location: phone(),
            },
        ),
    );
    assert!(matches!(err, Error::Validation { ref field, .. } if field == "time_zone"));
    let zoom = w
        .lib
        .book_session(
            me,
            e.id,
            NewSession {
                start: at(30),
                end: None,
                time_zone: Some("America/New_York".into()),
                location: Location::Zoom {
                    join_url: " https://us02web.zoom.us/j/85512345678?pwd=abc ".into(),
                },
            },
        )
        .unwrap();
    assert_eq!(
        zoom.location.join_url(),
        Some("https://us02web.zoom.us/j/85512345678?pwd=abc")
    );
    assert_eq!(zoom.time_zone, chrono_tz::America::New_York);
    let skype = w
        .lib
        .book_session(
            me,
            e.id,
            NewSession {
                start: at(40),
                end: None,
                time_zone: None,
                location: Location::Skype {
                    join_url: "https://join.skype.com/abcDEF".into(),
                },
            },
        )
        .unwrap();
    assert_eq!(
        w.lib.session(me, skype.id).unwrap().location,
        Location::Skype {
            join_url: "https://join.skype.com/abcDEF".into()
        }
    );
}

pub fn client_session_permissions(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    // A client with a portal books, reschedules and cancels in their own Active engagement.
    let mine = book(&w, carla, e.id, at(5)).unwrap();
    assert_eq!(mine.created_by, carla);
    w.lib
        .reschedule_session(carla, mine.id, at(6), None)
        .unwrap();
    // Another client may not touch it, see it, or book in that engagement.
    let dana = w.add_client("Dana Other", true);
    let dana_a = Actor::Client(dana.id);
    let before = w.snapshot();
    for result in [
        w.lib.session(dana_a, mine.id).map(|_| ()),
        w.lib.cancel_session(dana_a, mine.id, None).map(|_| ()),
        w.lib
            .reschedule_session(dana_a, mine.id, at(7), None)
            .map(|_| ()),
        book(&w, dana_a, e.id, at(8)).map(|_| ()),
        w.lib
            .sessions(dana_a, e.id, SessionRange::Upcoming, Page::default())
            .map(|_| ()),
        w.lib.complete_session(carla, mine.id).map(|_| ()),
        w.lib.mark_no_show(carla, mine.id).map(|_| ()),
        w.lib
            .upcoming_sessions_for_client(dana_a, w.client.id, at(0), at(100))
            .map(|_| ()),
        w.lib
            .upcoming_sessions_for_coach(carla, w.owner.id, at(0), at(100))
            .map(|_| ()),
        w.lib.export_ics_for_engagement(dana_a, e.id).map(|_| ()),
    ] {
        let err = refused(&w, &before, result);
        assert!(matches!(err, Error::PermissionDenied { .. }), "{err:?}");
    }
    // A client without a portal cannot book.
    let nopo = w.add_client("No Portal", false);
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                client_id: Some(nopo.id),
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e2.id).unwrap();
    assert!(matches!(
        book(&w, Actor::Client(nopo.id), e2.id, at(9)),
        Err(Error::PermissionDenied { .. })
    ));
    // In a Completed or Inactive engagement the client still reads but no longer books: the
    // same error a coach gets for booking in a non-Active engagement.
    w.lib.deactivate(me, e.id).unwrap();
    assert!(matches!(
        book(&w, carla, e.id, at(12)),
        Err(Error::EngagementNotActive {
            status: Status::Inactive
        })
    ));
    assert!(matches!(
        w.lib.cancel_session(carla, mine.id, None),
        Err(Error::EngagementNotActive {
            status: Status::Inactive
        })
    ));
    w.lib.complete(me, e.id, None).unwrap();
    assert!(matches!(
        book(&w, carla, e.id, at(12)),
        Err(Error::EngagementNotActive {
            status: Status::Completed
        })
    ));
    assert_eq!(w.lib.session(carla, mine.id).unwrap().id, mine.id);
    assert_eq!(
        w.lib
            .sessions(carla, e.id, SessionRange::Upcoming, Page::default())
            .unwrap()
            .len(),
        1
    );
}

pub fn series_books_all_or_nothing(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let first = NewSession {
        start: at(0),
        end: None,
        time_zone: None,
        location: phone(),
    };
    let booked = w
        .lib
        .book_series(
            me,
            e.id,
            first.clone(),
            Recurrence {
                every_weeks: 2,
                end: SeriesEnd::Count(4),
            },
        )
        .unwrap();
    // 09:00 in London each time: GMT until 29 March, then BST (an hour earlier in UTC).
    assert_eq!(
        booked.iter().map(|s| s.start).collect::<Vec<_>>(),
        [at(0), at(24 * 14), at(24 * 28 - 1), at(24 * 42 - 1)]
    );
    let log = w.lib.activity(me, e.id, Page::first(1)).unwrap();
    assert!(
        log[0].detail.as_deref().unwrap().ends_with("series 4/4"),
        "{:?}",
        log[0].detail
    );
    // Until a date (inclusive), weekly.
    let until = w
        .lib
        .book_series(
            me,
            e.id,
            NewSession {
                start: at(3),
                ..first.clone()
            },
            Recurrence {
                every_weeks: 1,
                end: SeriesEnd::Until(date(2026, 3, 23)),
            },
        )
        .unwrap();
    assert_eq!(until.len(), 4, "2, 9, 16 and 23 March");
    // One clash anywhere (the third week) refuses the whole series.
    let e2 = w.engagement_in(Status::Active);
    let blocker = book(&w, me, e2.id, at(24 * 14 + 6) + Duration::minutes(30)).unwrap();
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib.book_series(
            me,
            e2.id,
            NewSession {
                start: at(6),
                ..first.clone()
            },
            Recurrence {
                every_weeks: 1,
                end: SeriesEnd::Count(5),
            },
        ),
    );
    assert!(
        matches!(err, Error::Conflict { ref reason } if reason.contains(&blocker.id.to_string())),
        "{err:?}"
    );
    assert_eq!(
        w.lib
            .sessions(me, e2.id, SessionRange::Upcoming, Page::default())
            .unwrap()
            .len(),
        1
    );
    // Bad recurrences.
    for rec in [
        Recurrence {
            every_weeks: 0,
            end: SeriesEnd::Count(3),
        },
        Recurrence {
            every_weeks: 1,
            end: SeriesEnd::Count(0),
        },
        Recurrence {
            every_weeks: 1,
            end: SeriesEnd::Count(105),
        },
        Recurrence {
            every_weeks: 1,
            end: SeriesEnd::Until(date(2026, 3, 1)),
        },
        Recurrence {
            every_weeks: 1,
            end: SeriesEnd::Until(date(2036, 3, 1)),
        },
    ] {
        let err = refused(
            &w,
            &before,
            w.lib.book_series(
                me,
                e2.id,
                NewSession {
                    start: at(100),
                    ..first.clone()
                },
                rec,
            ),
        );
        assert!(matches!(err, Error::Validation { .. }), "{rec:?}: {err:?}");
    }
}

pub fn series_across_daylight_saving_keeps_wall_clock(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    // Monday 23 March 2026, 09:00 in London (GMT = UTC); clocks go forward on 29 March.
    let start = Utc.with_ymd_and_hms(2026, 3, 23, 9, 0, 0).unwrap();
    let s = w
        .lib
        .book_series(
            me,
            e.id,
            NewSession {
                start,
                end: None,
                time_zone: Some("Europe/London".into()),
                location: phone(),
            },
            Recurrence {
                every_weeks: 1,
                end: SeriesEnd::Count(2),
            },
        )
        .unwrap();
    assert_eq!(
        s[1].start,
        Utc.with_ymd_and_hms(2026, 3, 30, 8, 0, 0).unwrap(),
        "09:00 BST is 08:00 UTC"
    );
    for x in &s {
        assert_eq!(x.local_start().format("%H:%M").to_string(), "09:00");
        assert_eq!(x.minutes(), 60);
    }
    // New York goes the other way in November: 18:00 local stays 18:00.
    let ny = Utc.with_ymd_and_hms(2026, 10, 26, 22, 0, 0).unwrap(); // 18:00 EDT
    let s = w
        .lib
        .book_series(
            me,
            e.id,
            NewSession {
                start: ny,
                end: None,
                time_zone: Some("America/New_York".into()),
                location: phone(),
            },
            Recurrence {
                every_weeks: 1,
                end: SeriesEnd::Count(2),
            },
        )
        .unwrap();
    assert_eq!(
        s[1].start,
        Utc.with_ymd_and_hms(2026, 11, 2, 23, 0, 0).unwrap(),
        "18:00 EST is 23:00 UTC"
    );
    let stored = w.lib.session(me, s[1].id).unwrap();
    assert_eq!(
        (
            stored.time_zone,
            stored.local_start().format("%H:%M").to_string()
        ),
        (chrono_tz::America::New_York, "18:00".into())
    );
}

pub fn lists_and_dashboards(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let past = book(&w, me, e.id, at(-48)).unwrap();
    let done = book(&w, me, e.id, at(-24)).unwrap();
    let soon = book(&w, me, e.id, at(2)).unwrap();
    let later = book(&w, me, e.id, at(24 * 5)).unwrap();
    let far = book(&w, me, e.id, at(24 * 10)).unwrap();
    let off = book(&w, me, e.id, at(26)).unwrap();
    w.lib.complete_session(me, done.id).unwrap();
    w.lib.cancel_session(me, off.id, None).unwrap();
    let ids = |v: Vec<Session>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(w
            .lib
            .sessions(me, e.id, SessionRange::Upcoming, Page::default())
            .unwrap()),
        [soon.id, later.id, far.id]
    );
    assert_eq!(
        ids(w
            .lib
            .sessions(me, e.id, SessionRange::Past, Page::default())
            .unwrap()),
        [off.id, done.id, past.id]
    );
    assert_eq!(
        ids(w
            .lib
            .sessions(me, e.id, SessionRange::Upcoming, Page::new(1, 1))
            .unwrap()),
        [later.id]
    );
    // Sam's engagement with another client, at the same times.
    let sam = w.add_coach("Sam Second");
    let dana = w.add_client("Dana Other", true);
    let sams = w
        .lib
        .create_engagement(
            Actor::Coach(sam.id),
            w.practice.id,
            NewEngagement {
                client_id: Some(dana.id),
                program_name: Some("Career".into()),
                planned: Some(Planned::sessions(3)),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(Actor::Coach(sam.id), sams.id).unwrap();
    let sam_s = book(&w, Actor::Coach(sam.id), sams.id, at(3)).unwrap();
    // The owner's next 7 days: only Scheduled, soonest first, with names.
    let week = w
        .lib
        .upcoming_sessions_for_coach(
            me,
            w.owner.id,
            w.clock.now(),
            w.clock.now() + Duration::days(7),
        )
        .unwrap();
    assert_eq!(
        week.iter().map(|l| l.session.id).collect::<Vec<_>>(),
        [soon.id, later.id]
    );
    assert_eq!(
        (
            week[0].client_name.as_str(),
            week[0].coach_name.as_str(),
            week[0].program_name.as_deref()
        ),
        ("Carla Client", "Olivia Owner", Some("Leadership"))
    );
    // Sam sees Sam's; not the owner's; the owner sees Sam's.
    let sams_week = w
        .lib
        .upcoming_sessions_for_coach(Actor::Coach(sam.id), sam.id, at(0), at(24 * 7))
        .unwrap();
    assert_eq!(
        sams_week.iter().map(|l| l.session.id).collect::<Vec<_>>(),
        [sam_s.id]
    );
    assert!(matches!(
        w.lib
            .upcoming_sessions_for_coach(Actor::Coach(sam.id), w.owner.id, at(0), at(1)),
        Err(Error::PermissionDenied { .. })
    ));
    assert_eq!(
        w.lib
            .upcoming_sessions_for_coach(me, sam.id, at(0), at(24 * 7))
            .unwrap()
            .len(),
        1
    );
    // A client's window: their own sessions across engagements.
    let carla = w
        .lib
        .upcoming_sessions_for_client(Actor::Client(w.client.id), w.client.id, at(0), at(24 * 30))
        .unwrap();
    assert_eq!(
        carla.iter().map(|l| l.session.id).collect::<Vec<_>>(),
        [soon.id, later.id, far.id]
    );
    assert!(
        w.lib
            .upcoming_sessions_for_client(Actor::Coach(sam.id), w.client.id, at(0), at(24 * 30))
            .unwrap()
            .is_empty(),
        "Sam has no engagement with Carla"
    );
    // Windows are checked.
    assert!(matches!(
        w.lib
            .upcoming_sessions_for_coach(me, w.owner.id, at(5), at(5)),
        Err(Error::Validation { .. })
    ));
    assert!(matches!(
        w.lib
            .upcoming_sessions_for_coach(me, w.owner.id, at(0), at(24 * 400)),
        Err(Error::Validation { .. })
    ));
    // The overview counts progress from sessions in the same call.
    let lines = w.lib.overview_for_practice(me, w.practice.id).unwrap();
    let line = lines.iter().find(|l| l.engagement.id == e.id).unwrap();
    assert_eq!(
        (line.progress.to_string(), line.phase),
        ("1/16".into(), Phase::InProgress)
    );
}

pub fn reassignment_moves_upcoming_sessions(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let e = w.engagement_in(Status::Active);
    let held = book(&w, me, e.id, at(-5)).unwrap();
    w.lib.complete_session(me, held.id).unwrap();
    let next = book(&w, me, e.id, at(5)).unwrap();
    // Sam is busy at that time in another engagement: the reassignment is refused whole.
    let other = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                coach_id: Some(sam.id),
                client_id: Some(w.client.id),
                program_id: Some(w.program.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, other.id).unwrap();
    let busy = book(&w, me, other.id, at(5)).unwrap();
    let before = w.snapshot();
    assert!(matches!(
        refused(&w, &before, w.lib.reassign(me, e.id, sam.id)),
        Error::Conflict { .. }
    ));
    w.lib.cancel_session(me, busy.id, None).unwrap();
    w.lib.reassign(me, e.id, sam.id).unwrap();
    assert_eq!(w.lib.session(me, next.id).unwrap().coach_id, sam.id);
    assert_eq!(
        w.lib.session(me, held.id).unwrap().coach_id,
        w.owner.id,
        "history stays with who held it"
    );
    assert_eq!(
        w.lib
            .upcoming_sessions_for_coach(Actor::Coach(sam.id), sam.id, at(0), at(24))
            .unwrap()
            .len(),
        1
    );
}

pub fn deleting_an_engagement_removes_its_sessions(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let s = book(&w, me, e.id, at(5)).unwrap();
    w.lib.delete_engagement(me, e.id).unwrap();
    assert!(matches!(
        w.lib.session(me, s.id),
        Err(Error::NotFound {
            kind: EntityKind::Session,
            ..
        })
    ));
    assert!(w
        .lib
        .upcoming_sessions_for_coach(me, w.owner.id, at(0), at(24))
        .unwrap()
        .is_empty());
    // The slot is free again.
    let e2 = w.engagement_in(Status::Active);
    book(&w, me, e2.id, at(5)).unwrap();
}

pub fn ics_export_parses_back(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let start = Utc.with_ymd_and_hms(2026, 3, 23, 9, 0, 0).unwrap();
    let series = w
        .lib
        .book_series(
            me,
            e.id,
            NewSession {
                start,
                end: None,
                time_zone: Some("Europe/London".into()),
                location: Location::Zoom {
                    join_url: "https://zoom.us/j/123456789".into(),
                },
            },
            Recurrence {
                every_weeks: 1,
                end: SeriesEnd::Count(3),
            },
        )
        .unwrap();
    let ny = w
        .lib
        .book_session(
            me,
            e.id,
            NewSession {
                start: start + Duration::days(1),
                end: None,
                time_zone: Some("America/New_York".into()),
                location: phone(),
            },
        )
        .unwrap();
    w.lib
        .cancel_session(me, series[2].id, Some("bank holiday"))
        .unwrap();

    let text = w.lib.export_ics_for_engagement(me, e.id).unwrap();
    let cal: icalendar::Calendar = text.parse().unwrap_or_else(|err| panic!("{err}\n{text}"));
    let events: Vec<_> = cal.events().collect();
    assert_eq!(events.len(), 4);
    use icalendar::{Component, EventLike};
    let find = |id: SessionId| {
        events
            .iter()
            .find(|ev| ev.get_uid() == Some(&format!("{id}@coaching")))
            .copied()
            .unwrap()
    };
    let second = find(series[1].id);
    match second.get_start() {
        Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
            date_time,
            tzid,
        })) => {
            assert_eq!(tzid, "Europe/London");
            assert_eq!(
                date_time.format("%Y-%m-%d %H:%M").to_string(),
                "2026-03-30 09:00"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        second.get_location(),
        Some("Zoom https://zoom.us/j/123456789")
    );
    assert_eq!(
        second.get_summary(),
        Some("Leadership: Carla Client with Olivia Owner")
    );
    assert_eq!(
        find(series[2].id).get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    match find(ny.id).get_start() {
        Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
            date_time,
            tzid,
        })) => {
            assert_eq!(
                (tzid.as_str(), date_time.format("%H:%M").to_string()),
                ("America/New_York", "05:00".into())
            );
        }
        other => panic!("{other:?}"),
    }
    // One VTIMEZONE per zone, London with its March change.
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 2, "{text}");
    assert!(text.contains("TZID:Europe/London\r\n"));
    assert!(
        text.contains("DTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100"),
        "{text}"
    );
    // The coach's calendar for a window.
    let coach = w
        .lib
        .export_ics_for_coach(me, w.owner.id, start, start + Duration::days(8))
        .unwrap();
    let cal: icalendar::Calendar = coach.parse().unwrap();
    assert_eq!(cal.events().count(), 3);
}
