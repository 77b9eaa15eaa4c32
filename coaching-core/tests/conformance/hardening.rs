//! Holes found under attack, each kept as a test: far dates, small leaks to clients, one error
//! per situation, messages a host can show as they are.

use chrono::{Duration, TimeZone, Utc};
use coaching_core::*;

use super::sessions::phone;
use super::*;

fn is_validation(r: &Result<impl std::fmt::Debug>, field: &str) -> bool {
    matches!(r, Err(Error::Validation { field: f, .. }) if f == field)
}

/// Every instant and date is bounded on the way in (1900-01-01 to 9998-12-31), so that what
/// the library computes from it (a session's end, a program item's due date) stays readable
/// by every host; what is accepted reads back in every list.
pub fn far_dates_are_refused_and_accepted_ones_read_back(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let before = w.snapshot();
    // A session at 9999-12-31 23:30 UTC would end in year 10000.
    let late = Utc.with_ymd_and_hms(9999, 12, 31, 23, 30, 0).unwrap();
    for start in [
        late,
        Utc.with_ymd_and_hms(1899, 12, 31, 23, 0, 0).unwrap(),
        chrono::DateTime::<Utc>::MAX_UTC - Duration::minutes(1),
    ] {
        let r = w.lib.book_session(
            me,
            e.id,
            NewSession {
                start,
                end: None,
                time_zone: None,
                location: phone(),
            },
        );
        assert!(is_validation(&r, "start"), "{start}: {r:?}");
    }
    // The last minute of 9998 may start a session, but not one that ends in 9999.
    let r = w.lib.book_session(
        me,
        e.id,
        NewSession {
            start: Utc.with_ymd_and_hms(9998, 12, 31, 23, 30, 0).unwrap(),
            end: None,
            time_zone: None,
            location: phone(),
        },
    );
    assert!(is_validation(&r, "end"), "{r:?}");
    // A series may not run past the last date either.
    let r = w.lib.book_series(
        me,
        e.id,
        NewSession {
            start: Utc.with_ymd_and_hms(9998, 6, 1, 9, 0, 0).unwrap(),
            end: None,
            time_zone: None,
            location: phone(),
        },
        Recurrence {
            every_weeks: 52,
            end: SeriesEnd::Count(3),
        },
    );
    assert!(is_validation(&r, "start"), "{r:?}");
    // Dates of engagements, goals, milestones, assignments.
    let far = date(9999, 1, 1);
    let early = date(1899, 12, 31);
    assert!(is_validation(
        &w.lib.update_engagement(
            me,
            e.id,
            EngagementUpdate {
                start_date: Some(Some(far)),
                ..Default::default()
            }
        ),
        "start_date"
    ));
    assert!(is_validation(
        &w.lib.update_engagement(
            me,
            e.id,
            EngagementUpdate {
                end_date: Some(Some(early)),
                ..Default::default()
            }
        ),
        "end_date"
    ));
    assert!(is_validation(
        &w.lib.create_goal(
            me,
            e.id,
            NewGoal {
                name: "G".into(),
                due_date: Some(far),
                ..Default::default()
            }
        ),
        "due_date"
    ));
    assert!(is_validation(
        &w.lib.create_assignment(
            me,
            e.id,
            AssignmentInput {
                name: Some("A".into()),
                due_date: Some(Some(far)),
                ..Default::default()
            }
        ),
        "due_date"
    ));
    assert_eq!(w.snapshot(), before, "a refused date changed the store");
    let g = w
        .lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "G".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(is_validation(
        &w.lib.add_milestone(me, g.id, "M", Some(far)),
        "due_date"
    ));
    assert!(is_validation(
        &w.lib.update_goal(
            me,
            g.id,
            GoalInput {
                due_date: Some(Some(far)),
                ..Default::default()
            }
        ),
        "due_date"
    ));
    // A program item due 1,000 days after a start of 9998-12-01 would fall in 10001: the
    // engagement is refused (nothing created); beyond ten years the item itself is refused.
    let item = w
        .lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Goal {
                name: "Intake".into(),
                description: None,
                due_after_days: Some(1000),
            },
        )
        .unwrap();
    assert!(is_validation(
        &w.lib.add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Goal {
                name: "X".into(),
                description: None,
                due_after_days: Some(MAX_DUE_AFTER_DAYS + 1)
            }
        ),
        "due_after_days"
    ));
    let before = w.snapshot();
    let r = w.lib.create_engagement(
        me,
        w.practice.id,
        NewEngagement {
            program_id: Some(w.program.id),
            client_id: Some(w.client.id),
            coach_id: Some(w.owner.id),
            start_date: Some(date(9998, 12, 1)),
            ..Default::default()
        },
    );
    assert!(is_validation(&r, "start_date"), "{r:?}");
    assert_eq!(w.snapshot(), before);
    w.lib
        .remove_program_item(me, w.program.id, item.id)
        .unwrap();
    // The edges themselves are accepted, and read back through every list.
    let last = w
        .lib
        .book_session(
            me,
            e.id,
            NewSession {
                start: Utc.with_ymd_and_hms(9998, 12, 31, 22, 0, 0).unwrap(),
                end: None,
                time_zone: Some("Pacific/Kiritimati".into()),
                location: phone(),
            },
        )
        .unwrap();
    assert_eq!(w.lib.session(me, last.id).unwrap(), last);
    w.lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "Edge".into(),
                due_date: Some(MAX_DATE),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "Old".into(),
                due_date: Some(MIN_DATE),
                ..Default::default()
            },
        )
        .unwrap();
    let todos = w.lib.client_todos(me, w.owner.id, Page::default()).unwrap();
    assert_eq!(
        todos
            .iter()
            .filter(|t| t.due_date == Some(MAX_DATE) || t.due_date == Some(MIN_DATE))
            .count(),
        2
    );
    assert!(w
        .lib
        .sessions(me, e.id, SessionRange::Upcoming, Page::default())
        .unwrap()
        .iter()
        .any(|s| s.id == last.id));
    // 22:00 UTC on the last day is noon of 9999-01-01 in Kiritimati (UTC+14): still a year
    // every host reads.
    assert!(w
        .lib
        .export_ics_for_engagement(me, e.id)
        .unwrap()
        .contains("99990101T120000"));
    // Windows and search ranges are bounded the same way.
    assert!(is_validation(
        &w.lib.upcoming_sessions_for_coach(
            me,
            w.owner.id,
            chrono::DateTime::<Utc>::MIN_UTC,
            chrono::DateTime::<Utc>::MIN_UTC + Duration::days(1)
        ),
        "from"
    ));
    assert!(is_validation(
        &w.lib.search_notes(
            me,
            NoteScope::Engagement(e.id),
            NoteQuery {
                edited_to: Some(chrono::DateTime::<Utc>::MAX_UTC),
                ..Default::default()
            }
        ),
        "edited_to"
    ));
}

/// The reason a coach gives for completing an engagement is coach-side information.
pub fn clients_do_not_read_the_completion_reason(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let e = w.engagement_in(Status::Active);
    w.lib
        .complete(w.owner(), e.id, Some("stopped paying"))
        .unwrap();
    let carla = Actor::Client(w.client.id);
    assert_eq!(
        w.lib
            .engagement(carla, e.id)
            .unwrap()
            .engagement
            .completion_reason,
        None
    );
    for line in w.lib.overview_for_client(carla, w.client.id).unwrap() {
        assert_eq!(line.engagement.completion_reason, None);
        assert!(!format!("{line:?}").contains("stopped paying"));
    }
    // The coach still reads it.
    assert_eq!(
        w.lib
            .engagement(w.owner(), e.id)
            .unwrap()
            .engagement
            .completion_reason
            .as_deref(),
        Some("stopped paying")
    );
    assert_eq!(
        w.lib.overview_for_client(w.owner(), w.client.id).unwrap()[0]
            .engagement
            .completion_reason
            .as_deref(),
        Some("stopped paying")
    );
}

/// A client booking over another client's session learns only that the time is taken.
pub fn a_client_learns_only_that_the_time_is_taken(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let e = w.engagement_in(Status::Active);
    let dana = w.add_client("Dana Other", true);
    let theirs = w
        .lib
        .create_engagement(
            w.owner(),
            w.practice.id,
            NewEngagement {
                client_id: Some(dana.id),
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(w.owner(), theirs.id).unwrap();
    let start = t0() + Duration::days(3);
    let other = w
        .lib
        .book_session(
            w.owner(),
            theirs.id,
            NewSession {
                start,
                end: None,
                time_zone: None,
                location: phone(),
            },
        )
        .unwrap();
    let before = w.snapshot();
    let err = w
        .lib
        .book_session(
            Actor::Client(w.client.id),
            e.id,
            NewSession {
                start: start + Duration::minutes(30),
                end: None,
                time_zone: None,
                location: phone(),
            },
        )
        .unwrap_err();
    let Error::Conflict { reason } = &err else {
        panic!("{err:?}")
    };
    let text = format!("{err} {reason}");
    assert!(!text.contains(&other.id.to_string()), "{text}");
    assert!(
        !text.contains(&format!("{}", start.format("%H:%M"))),
        "{text}"
    );
    assert_eq!(w.snapshot(), before);
    // The coach is told which session is in the way.
    let err = w
        .lib
        .book_session(
            w.owner(),
            e.id,
            NewSession {
                start,
                end: None,
                time_zone: None,
                location: phone(),
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains(&other.id.to_string()), "{err}");
}

/// Another practice's resource: unsharing it from one's own engagement is `NotFound`, not a
/// quiet success; so is sharing it, downloading it, or attaching it.
pub fn another_practices_resource_is_not_found(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let e = w.engagement_in(Status::Active);
    let (their_practice, their_owner, _, _) = w.neighbour();
    let theirs = w
        .lib
        .add_to_library(
            Actor::Coach(their_owner.id),
            their_practice.id,
            None,
            NewResource::File(NewFile {
                name: "Theirs.pdf".into(),
                media_type: "application/pdf".into(),
                bytes: b"x".to_vec(),
            }),
        )
        .unwrap();
    let me = w.owner();
    let before = w.snapshot();
    for r in [
        w.lib.unshare_resource(me, e.id, theirs.id),
        w.lib.share_resource(me, e.id, theirs.id).map(drop),
        w.lib.download(me, theirs.id, None).map(drop),
        w.lib.delete_resource(me, theirs.id),
        // As a note template, and as the folder to list.
        w.lib
            .create_note(
                me,
                e.id,
                NewNote {
                    title: "T".into(),
                    body_html: String::new(),
                    template: Some(theirs.id),
                },
            )
            .map(drop),
        w.lib.library(me, w.practice.id, Some(theirs.id)).map(drop),
    ] {
        assert!(
            matches!(
                &r,
                Err(Error::NotFound {
                    kind: EntityKind::Resource,
                    ..
                })
            ),
            "{r:?}"
        );
    }
    assert_eq!(w.snapshot(), before);
    // Removing a file of another practice's assignment: the file is not found, and the error
    // names nothing else of theirs.
    let their_engagement = w
        .lib
        .overview_for_practice(Actor::Coach(their_owner.id), their_practice.id)
        .unwrap()[0]
        .engagement
        .id;
    let their_assignment = w
        .lib
        .create_assignment(
            Actor::Coach(their_owner.id),
            their_engagement,
            AssignmentInput {
                name: Some("Theirs".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let file = w
        .lib
        .add_assignment_file(
            Actor::Coach(their_owner.id),
            their_assignment.id,
            AssignmentFileSource::Library(theirs.id),
            None,
        )
        .unwrap();
    let before = w.snapshot();
    let err = w.lib.remove_assignment_file(me, file.id).unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { kind: EntityKind::AssignmentFile, id } if *id == file.id.to_string()),
        "{err:?}"
    );
    assert!(!err.to_string().contains(&their_assignment.id.to_string()));
    assert_eq!(w.snapshot(), before);
    // An unknown client has no library.
    let ghost = Actor::Client(ClientId::new());
    assert!(matches!(
        w.lib.client_library(ghost, None),
        Err(Error::NotFound { .. })
    ));
}

/// A client writing in a non-Active engagement gets the error a coach gets for booking in
/// one: `EngagementNotActive`, with the status.
pub fn writing_in_a_non_active_engagement_is_one_error(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let carla = Actor::Client(w.client.id);
    for status in [Status::Inactive, Status::Completed] {
        let e = w.engagement_in(status);
        let start = t0() + Duration::days(2);
        for r in [
            w.lib
                .book_session(
                    carla,
                    e.id,
                    NewSession {
                        start,
                        end: None,
                        time_zone: None,
                        location: phone(),
                    },
                )
                .map(drop),
            w.lib
                .book_session(
                    w.owner(),
                    e.id,
                    NewSession {
                        start,
                        end: None,
                        time_zone: None,
                        location: phone(),
                    },
                )
                .map(drop),
            w.lib
                .create_goal(
                    carla,
                    e.id,
                    NewGoal {
                        name: "G".into(),
                        ..Default::default()
                    },
                )
                .map(drop),
        ] {
            assert!(
                matches!(r, Err(Error::EngagementNotActive { status: s }) if s == status),
                "{status}: {r:?}"
            );
        }
    }
    let draft = w.draft();
    let r = w.lib.book_session(
        w.owner(),
        draft.id,
        NewSession {
            start: t0() + Duration::days(2),
            end: None,
            time_zone: None,
            location: phone(),
        },
    );
    assert!(
        matches!(
            r,
            Err(Error::EngagementNotActive {
                status: Status::Draft
            })
        ),
        "{r:?}"
    );
}

/// Messages a host shows as they are: counted nouns agree with their numbers.
pub fn messages_are_grammatical(make: MakeStore) {
    let w = World::new(make, Plan::free());
    let _ = w.engagement_in(Status::Active);
    let err = w.lib.activate(w.owner(), w.draft().id).unwrap_err();
    assert_eq!(
        err.to_string(),
        "plan limit reached: the plan allows 1 active engagement, and the practice has 1"
    );
    let err = w
        .lib
        .add_coach(
            w.owner(),
            w.practice.id,
            NewCoach {
                name: "Sam".into(),
                email: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "plan limit reached: the plan allows 1 coach, and the practice has 1"
    );
    let three = Error::PlanLimitReached {
        kind: LimitKind::Coaches,
        limit: 3,
        current: 3,
    };
    assert_eq!(
        three.to_string(),
        "plan limit reached: the plan allows 3 coaches, and the practice has 3"
    );
    let big = Error::FileTooLarge { size: 1, limit: 0 };
    assert_eq!(
        big.to_string(),
        "the file is 1 byte, over the limit of 0 bytes"
    );
}

/// The activity log is append-only on every backend: deleting an engagement keeps its
/// entries, and no operation removes one.
pub fn the_log_keeps_a_deleted_engagements_history(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let e = w.engagement_in(Status::Active);
    let me = w.owner();
    let before = w
        .lib
        .practice_activity(me, w.practice.id, Page::first(1000))
        .unwrap();
    w.lib.delete_engagement(me, e.id).unwrap();
    let after = w
        .lib
        .practice_activity(me, w.practice.id, Page::first(1000))
        .unwrap();
    assert_eq!(after.len(), before.len() + 1, "only the deletion was added");
    assert_eq!(&after[1..], &before[..], "nothing was removed or changed");
}

/// A host's clock set far away never panics and never writes an unreadable timestamp: writes
/// (and reads that compute dates from "now") are refused while it stands out of range.
pub fn a_clock_out_of_range_is_refused(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let e = w.engagement_in(Status::Active);
    let before = w.snapshot();
    w.clock.advance(chrono::TimeDelta::MAX); // saturates at the end of time, no overflow
    assert_eq!(w.lib.now(), chrono::DateTime::<Utc>::MAX_UTC);
    let r = w.lib.create_goal(
        w.owner(),
        e.id,
        NewGoal {
            name: "G".into(),
            ..Default::default()
        },
    );
    assert!(
        matches!(&r, Err(Error::Validation { field, .. }) if field == "now"),
        "{r:?}"
    );
    let r = w.lib.client_todos(w.owner(), w.owner.id, Page::default());
    assert!(
        matches!(&r, Err(Error::Validation { field, .. }) if field == "now"),
        "{r:?}"
    );
    w.clock.advance(chrono::TimeDelta::MIN);
    w.clock.advance(chrono::TimeDelta::MIN);
    assert_eq!(w.lib.now(), chrono::DateTime::<Utc>::MIN_UTC);
    w.clock.set(t0());
    assert_eq!(w.snapshot(), before);
    w.lib
        .create_goal(
            w.owner(),
            e.id,
            NewGoal {
                name: "G".into(),
                ..Default::default()
            },
        )
        .unwrap();
}
