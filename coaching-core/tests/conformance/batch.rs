//! `Coaching::batch`: one transaction, the same rules, per-operation atomicity.

use chrono::{Duration, TimeZone, Utc};
use coaching_core::*;

use super::*;

pub fn batch_commits_everything_or_nothing(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    // Ok: everything is there, and reads inside see the batch's own writes.
    let ids = w
        .lib
        .batch(|lib| {
            let e = lib.create_engagement(
                me,
                w.practice.id,
                NewEngagement {
                    program_id: Some(w.program.id),
                    coach_id: Some(w.owner.id),
                    client_id: Some(w.client.id),
                    ..Default::default()
                },
            )?;
            lib.activate(me, e.id)?;
            assert_eq!(
                lib.engagement(me, e.id)?.engagement.status,
                Status::Active,
                "a read inside sees the batch"
            );
            let n = lib.create_note(
                me,
                e.id,
                NewNote {
                    title: "In a batch".into(),
                    ..Default::default()
                },
            )?;
            Ok((e.id, n.id))
        })
        .unwrap();
    assert_eq!(
        w.lib.engagement(me, ids.0).unwrap().engagement.status,
        Status::Active
    );
    assert_eq!(w.lib.note(me, ids.1).unwrap().title, "In a batch");
    // Err from the closure: nothing of it is kept.
    let before = w.snapshot();
    let err = w
        .lib
        .batch(|lib| {
            lib.add_client(
                me,
                w.practice.id,
                NewClient {
                    name: "Gone".into(),
                    ..Default::default()
                },
            )?;
            lib.create_engagement(me, w.practice.id, NewEngagement::default())?;
            Err::<(), _>(Error::Validation {
                field: "host".into(),
                reason: "changed its mind".into(),
            })
        })
        .unwrap_err();
    assert!(matches!(err, Error::Validation { .. }));
    assert_eq!(w.snapshot(), before);
}

pub fn a_refused_operation_inside_a_batch_changes_nothing(make: MakeStore) {
    let w = World::new(make, Plan::free());
    let me = w.owner();
    let e1 = w.draft();
    let e2 = w.draft();
    let start = Utc.with_ymd_and_hms(2026, 3, 9, 10, 0, 0).unwrap();
    w.lib
        .batch(|lib| {
            lib.activate(me, e1.id)?;
            // The free plan refuses the second activation: only that operation is undone.
            assert!(matches!(
                lib.activate(me, e2.id),
                Err(Error::PlanLimitReached { .. })
            ));
            lib.book_session(
                me,
                e1.id,
                NewSession {
                    start,
                    end: None,
                    time_zone: None,
                    location: Location::Other {
                        text: "office".into(),
                    },
                },
            )?;
            // A series clashing on its third week books nothing, and the batch carries on.
            let clash = lib.book_series(
                me,
                e1.id,
                NewSession {
                    start: start - Duration::weeks(2),
                    end: None,
                    time_zone: Some("UTC".into()),
                    location: Location::Other { text: "x".into() },
                },
                Recurrence {
                    every_weeks: 1,
                    end: SeriesEnd::Count(4),
                },
            );
            assert!(matches!(clash, Err(Error::Conflict { .. })), "{clash:?}");
            lib.create_note(
                me,
                e1.id,
                NewNote {
                    title: "After the refusals".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(
        w.lib.engagement(me, e1.id).unwrap().engagement.status,
        Status::Active
    );
    assert_eq!(
        w.lib.engagement(me, e2.id).unwrap().engagement.status,
        Status::Draft
    );
    let sessions = w
        .lib
        .sessions(me, e1.id, SessionRange::Upcoming, Page::first(100))
        .unwrap();
    assert_eq!(
        sessions.len(),
        1,
        "only the single booking, nothing of the refused series"
    );
    assert_eq!(w.lib.notes(me, e1.id).unwrap().len(), 1);
    // The log has the activation, the booking and the note — no trace of the refusals.
    let actions: Vec<_> = w
        .lib
        .activity(me, e1.id, Page::first(10))
        .unwrap()
        .iter()
        .map(|l| l.action)
        .collect();
    assert_eq!(
        actions[..3],
        [
            Action::NoteCreated,
            Action::SessionBooked,
            Action::EngagementActivated
        ]
    );
}
