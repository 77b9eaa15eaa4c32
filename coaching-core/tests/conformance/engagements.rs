//! Engagement lifecycle, plans, edits, deletion, overview and the activity log.

use std::sync::{mpsc, Arc, Barrier};
use std::thread;

use coaching_core::*;

use super::*;

pub fn status_table_every_cell(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    // DOMAIN.md's table: row = from, columns Draft, Active, Inactive, Completed.
    let table = [
        (Status::Draft, [false, true, false, false]),
        (Status::Active, [false, false, true, true]),
        (Status::Inactive, [false, true, false, true]),
        (Status::Completed, [false, true, true, false]),
    ];
    for (from, row) in table {
        for (to, allowed) in Status::ALL.into_iter().zip(row) {
            let e = w.engagement_in(from);
            let before = w.snapshot();
            let result = w.lib.set_status(me, e.id, to, None);
            if allowed {
                let got = result.unwrap_or_else(|err| panic!("{from} -> {to} refused: {err}"));
                assert_eq!(got.status, to);
                assert_eq!(w.lib.engagement(me, e.id).unwrap().engagement.status, to);
            } else {
                let err = refused(&w, &before, result);
                assert_eq!(err, Error::InvalidTransition { from, to }, "{from} -> {to}");
            }
        }
    }
}

pub fn activation_names_every_missing_field(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let full = NewEngagement {
        coach_id: Some(w.owner.id),
        client_id: Some(w.client.id),
        program_name: Some("Ad hoc".into()),
        planned: Some(Planned::sessions(4)),
        ..Default::default()
    };
    let cases: Vec<(NewEngagement, Vec<&str>)> = vec![
        (
            NewEngagement {
                coach_id: None,
                ..full.clone()
            },
            vec!["coach"],
        ),
        (
            NewEngagement {
                client_id: None,
                ..full.clone()
            },
            vec!["client"],
        ),
        (
            NewEngagement {
                program_name: None,
                ..full.clone()
            },
            vec!["program_name"],
        ),
        (
            NewEngagement {
                planned: None,
                ..full.clone()
            },
            vec!["planned"],
        ),
        (
            NewEngagement::default(),
            vec!["coach", "client", "program_name", "planned"],
        ),
    ];
    for (new, missing) in cases {
        let e = w.lib.create_engagement(me, w.practice.id, new).unwrap();
        assert_eq!(e.status, Status::Draft);
        let before = w.snapshot();
        let err = refused(&w, &before, w.lib.activate(me, e.id));
        assert_eq!(
            err,
            Error::MissingFields {
                fields: missing.iter().map(|s| s.to_string()).collect()
            }
        );
        assert!(err.to_string().contains(missing[0]));
    }
    // Filling the fields in makes it activatable.
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                planned: None,
                ..full
            },
        )
        .unwrap();
    w.lib.set_planned(me, e.id, Planned::sessions(3)).unwrap();
    assert_eq!(w.lib.activate(me, e.id).unwrap().status, Status::Active);
}

pub fn free_plan_refuses_second_activation_solo_allows_many(make: MakeStore) {
    let w = World::new(make, Plan::free());
    let me = w.owner();
    w.engagement_in(Status::Active);
    let second = w.draft();
    let before = w.snapshot();
    let err = refused(&w, &before, w.lib.activate(me, second.id));
    assert_eq!(
        err,
        Error::PlanLimitReached {
            kind: LimitKind::ActiveEngagements,
            limit: 1,
            current: 1
        }
    );
    assert_eq!(
        w.lib.engagement(me, second.id).unwrap().engagement.status,
        Status::Draft
    );

    let w = World::new(make, Plan::solo());
    for _ in 0..5 {
        w.engagement_in(Status::Active);
    }
    let active = w
        .lib
        .overview_for_practice(w.owner(), w.practice.id)
        .unwrap();
    assert_eq!(
        active
            .iter()
            .filter(|l| l.engagement.status == Status::Active)
            .count(),
        5
    );
}

pub fn reactivation_and_reopening_count_against_the_plan(make: MakeStore) {
    let w = World::new(make, Plan::free());
    let me = w.owner();
    let paused = w.engagement_in(Status::Inactive);
    let done = w.engagement_in(Status::Completed);
    let live = w.engagement_in(Status::Active);
    for e in [&paused, &done] {
        let before = w.snapshot();
        let err = refused(&w, &before, w.lib.activate(me, e.id));
        assert!(
            matches!(
                err,
                Error::PlanLimitReached {
                    limit: 1,
                    current: 1,
                    ..
                }
            ),
            "{err:?}"
        );
    }
    // Completing the live one frees the slot: reactivation then goes through.
    w.lib.complete(me, live.id, None).unwrap();
    assert_eq!(
        w.lib.activate(me, paused.id).unwrap().status,
        Status::Active
    );
}

pub fn downgrade_deactivates_nothing_and_blocks_activation(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let active: Vec<_> = (0..3).map(|_| w.engagement_in(Status::Active)).collect();
    let waiting = w.draft();
    let p = w.lib.change_plan(me, w.practice.id, Plan::free()).unwrap();
    assert_eq!(p.plan, Plan::free());
    for e in &active {
        assert_eq!(
            w.lib.engagement(me, e.id).unwrap().engagement.status,
            Status::Active
        );
    }
    let before = w.snapshot();
    let err = refused(&w, &before, w.lib.activate(me, waiting.id));
    assert_eq!(
        err,
        Error::PlanLimitReached {
            kind: LimitKind::ActiveEngagements,
            limit: 1,
            current: 3
        }
    );
    // Two paused: one still Active, which is the cap: still refused.
    w.lib.deactivate(me, active[0].id).unwrap();
    w.lib.deactivate(me, active[1].id).unwrap();
    assert!(matches!(
        w.lib.activate(me, waiting.id),
        Err(Error::PlanLimitReached { current: 1, .. })
    ));
    w.lib.complete(me, active[2].id, None).unwrap();
    assert_eq!(
        w.lib.activate(me, waiting.id).unwrap().status,
        Status::Active
    );
    // The plan change is in the practice log.
    let log = w
        .lib
        .practice_activity(me, w.practice.id, Page::first(100))
        .unwrap();
    assert!(log
        .iter()
        .any(|l| l.action == Action::PlanChanged && l.detail.as_deref() == Some("solo → free")));
}

pub fn coach_cap_of_the_plan(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib.add_coach(
            me,
            w.practice.id,
            NewCoach {
                name: "Sam".into(),
                email: None,
            },
        ),
    );
    assert_eq!(
        err,
        Error::PlanLimitReached {
            kind: LimitKind::Coaches,
            limit: 1,
            current: 1
        }
    );
    w.lib.change_plan(me, w.practice.id, Plan::team(2)).unwrap();
    w.add_coach("Sam Second");
    assert!(matches!(
        w.lib.add_coach(
            me,
            w.practice.id,
            NewCoach {
                name: "Third".into(),
                email: None
            }
        ),
        Err(Error::PlanLimitReached {
            kind: LimitKind::Coaches,
            limit: 2,
            current: 2
        })
    ));
}

pub fn completion_reason_is_kept_and_logged(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    w.clock.advance(chrono::Duration::days(30));
    let done = w
        .lib
        .complete(me, e.id, Some("  client stopped paying "))
        .unwrap();
    assert_eq!(
        done.completion_reason.as_deref(),
        Some("client stopped paying")
    );
    assert_eq!(done.updated_at, t0() + chrono::Duration::days(30));
    let line = w.lib.engagement(me, e.id).unwrap();
    assert_eq!(line.phase, Phase::Completed);
    let log = w.lib.activity(me, e.id, Page::first(1)).unwrap();
    assert_eq!(log[0].action, Action::EngagementCompleted);
    assert_eq!(log[0].detail.as_deref(), Some("client stopped paying"));
    assert_eq!(log[0].actor, me);
    assert_eq!(log[0].at, t0() + chrono::Duration::days(30));
    // Reopening clears the reason.
    let reopened = w.lib.activate(me, e.id).unwrap();
    assert_eq!(reopened.completion_reason, None);
    assert_eq!(
        w.lib.activity(me, e.id, Page::first(1)).unwrap()[0].action,
        Action::EngagementReopened
    );
}

pub fn new_engagement_copies_program_or_is_ad_hoc(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let prog = w
        .lib
        .create_program(
            me,
            w.practice.id,
            NewProgram {
                name: "Executive Presence".into(),
                planned: Planned::hours(10),
                session_minutes: 90,
                no_show_counts: false,
                late_cancel_window_minutes: Some(24 * 60),
            },
        )
        .unwrap();
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(prog.id),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(e.program_id, Some(prog.id));
    assert_eq!(e.program_name.as_deref(), Some("Executive Presence"));
    assert_eq!(e.planned, Planned::minutes(600));
    assert_eq!(
        (
            e.session_minutes,
            e.no_show_counts,
            e.late_cancel_window_minutes
        ),
        (90, false, Some(1440))
    );
    assert_eq!(e.coach_id, None, "the owner may leave it unassigned");
    // Overrides win over the program's values.
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(prog.id),
                program_name: Some("EP for Carla".into()),
                planned: Some(Planned::hours(12)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (e.program_name.as_deref(), e.planned.amount),
        (Some("EP for Carla"), 720)
    );
    // Ad hoc defaults.
    let e = w
        .lib
        .create_engagement(me, w.practice.id, NewEngagement::default())
        .unwrap();
    assert_eq!(
        (e.program_id, e.session_minutes, e.no_show_counts),
        (None, 60, true)
    );
    assert_eq!(e.planned, Planned::sessions(0));
    // A later program edit does not touch engagements made from it.
    w.lib
        .update_program(
            me,
            prog.id,
            ProgramUpdate {
                name: Some("EP v2".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let first = &w.lib.overview_for_practice(me, w.practice.id).unwrap()[0];
    assert_eq!(
        first.engagement.program_name.as_deref(),
        Some("Executive Presence")
    );
}

pub fn progress_is_zero_of_planned_and_phase_not_started(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    for status in Status::ALL {
        let e = w.engagement_in(status);
        let line = w.lib.engagement(me, e.id).unwrap();
        assert_eq!(line.progress.to_string(), "0/16");
        assert_eq!(line.progress.percent(), 0.0);
        let phase = if status == Status::Completed {
            Phase::Completed
        } else {
            Phase::NotStarted
        };
        assert_eq!(line.phase, phase, "{status}");
    }
}

pub fn set_planned_changes_the_denominator(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let e2 = w.lib.set_planned(me, e.id, Planned::sessions(17)).unwrap();
    assert_eq!(e2.planned, Planned::sessions(17));
    assert_eq!(
        w.lib.engagement(me, e.id).unwrap().progress.to_string(),
        "0/17"
    );
    let log = w.lib.activity(me, e.id, Page::first(1)).unwrap();
    assert_eq!(
        (log[0].action, log[0].detail.as_deref()),
        (Action::PlannedChanged, Some("16 sessions → 17 sessions"))
    );
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib.set_planned(me, e.id, Planned::sessions(0)),
    );
    assert!(matches!(err, Error::Validation { ref field, .. } if field == "planned"));
}

pub fn edits_and_their_refusals(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let other = w.add_client("Dana Other", false);
    let e = w.draft();
    let e = w
        .lib
        .update_engagement(
            me,
            e.id,
            EngagementUpdate {
                client_id: Some(other.id),
                start_date: Some(Some(date(2026, 3, 1))),
                end_date: Some(Some(date(2026, 6, 30))),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (e.client_id, e.start_date, e.end_date),
        (
            Some(other.id),
            Some(date(2026, 3, 1)),
            Some(date(2026, 6, 30))
        )
    );
    w.lib.activate(me, e.id).unwrap();
    // The client is fixed once the engagement has left Draft.
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib.update_engagement(
            me,
            e.id,
            EngagementUpdate {
                client_id: Some(w.client.id),
                ..Default::default()
            },
        ),
    );
    assert!(
        matches!(err, Error::Validation { ref field, .. } if field == "client_id"),
        "{err:?}"
    );
    // End before start.
    let err = refused(
        &w,
        &before,
        w.lib.update_engagement(
            me,
            e.id,
            EngagementUpdate {
                end_date: Some(Some(date(2026, 2, 1))),
                ..Default::default()
            },
        ),
    );
    assert!(
        matches!(err, Error::Validation { ref field, .. } if field == "end_date"),
        "{err:?}"
    );
    // Dates cleared show as TBD.
    let e = w
        .lib
        .update_engagement(
            me,
            e.id,
            EngagementUpdate {
                start_date: Some(None),
                end_date: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(e.dates_text(), "TBD – TBD");
}

pub fn reassignment_by_plan(make: MakeStore) {
    // free and solo: refused (they have one coach, so try with an engagement moved between the
    // owner and a coach added while the practice was on a team plan).
    for plan in [Plan::free(), Plan::solo()] {
        let w = World::new(make, Plan::team(3));
        let me = w.owner();
        let second = w.add_coach("Sam Second");
        let e = w.draft();
        w.lib.change_plan(me, w.practice.id, plan.clone()).unwrap();
        let before = w.snapshot();
        let err = refused(&w, &before, w.lib.reassign(me, e.id, second.id));
        assert!(
            matches!(err, Error::PermissionDenied { .. }),
            "{}: {err:?}",
            plan.name
        );
    }
    // team: allowed, logged, and the new coach then manages it.
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let second = w.add_coach("Sam Second");
    let e = w.engagement_in(Status::Active);
    let moved = w.lib.reassign(me, e.id, second.id).unwrap();
    assert_eq!(moved.coach_id, Some(second.id));
    let log = w.lib.activity(me, e.id, Page::first(1)).unwrap();
    assert_eq!(log[0].action, Action::EngagementReassigned);
    let lines = w
        .lib
        .overview_for_coach(Actor::Coach(second.id), second.id)
        .unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].coach_name.as_deref(), Some("Sam Second"));
    // Assigning an unassigned engagement is not a reassignment: fine on the free plan.
    let w = World::new(make, Plan::free());
    let e = w
        .lib
        .create_engagement(w.owner(), w.practice.id, NewEngagement::default())
        .unwrap();
    assert_eq!(
        w.lib
            .reassign(w.owner(), e.id, w.owner.id)
            .unwrap()
            .coach_id,
        Some(w.owner.id)
    );
}

pub fn reassignment_across_practices_refused(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let (_, their_owner, _, their_e) = w.neighbour();
    let e = w.draft();
    let before = w.snapshot();
    // Another practice's coach and engagement do not exist for this practice.
    let err = refused(&w, &before, w.lib.reassign(w.owner(), e.id, their_owner.id));
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let err = refused(
        &w,
        &before,
        w.lib.reassign(w.owner(), their_e.id, w.owner.id),
    );
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let err = refused(&w, &before, w.lib.reassign(w.owner(), e.id, CoachId::new()));
    assert!(
        matches!(
            err,
            Error::NotFound {
                kind: EntityKind::Coach,
                ..
            }
        ),
        "{err:?}"
    );
}

pub fn delete_removes_engagement_and_leaves_practice_log(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let keep = w.engagement_in(Status::Active);
    w.lib.delete_engagement(me, e.id).unwrap();
    assert!(matches!(
        w.lib.engagement(me, e.id),
        Err(Error::NotFound {
            kind: EntityKind::Engagement,
            ..
        })
    ));
    assert!(matches!(
        w.lib.activity(me, e.id, Page::default()),
        Err(Error::NotFound { .. })
    ));
    let log = w
        .lib
        .practice_activity(me, w.practice.id, Page::first(1000))
        .unwrap();
    assert_eq!(log[0].action, Action::EngagementDeleted);
    assert_eq!(log[0].engagement_id, None, "a practice-level entry");
    assert_eq!(
        log[0].target,
        TargetRef::new(EntityKind::Engagement, *e.id.as_uuid())
    );
    assert_eq!(
        log[0].detail.as_deref(),
        Some("Leadership for Carla Client (Active)")
    );
    // The log is append-only: the engagement's own history stays in the practice's log.
    let history: Vec<_> = log
        .iter()
        .filter(|l| l.engagement_id == Some(e.id))
        .collect();
    assert!(!history.is_empty(), "its history is kept");
    assert!(history
        .iter()
        .any(|l| l.action == Action::EngagementCreated));
    assert!(!w
        .lib
        .activity(me, keep.id, Page::default())
        .unwrap()
        .is_empty());
    // The freed slot: on free, deleting the active one allows another activation.
    let w = World::new(make, Plan::free());
    let a = w.engagement_in(Status::Active);
    let b = w.draft();
    assert!(w.lib.activate(w.owner(), b.id).is_err());
    w.lib.delete_engagement(w.owner(), a.id).unwrap();
    w.lib.activate(w.owner(), b.id).unwrap();
}

pub fn activity_log_newest_first_paged_with_typed_targets(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.draft();
    for minutes in [1, 2, 3] {
        w.clock.advance(chrono::Duration::minutes(minutes));
        w.lib
            .update_engagement(
                me,
                e.id,
                EngagementUpdate {
                    program_name: Some(Some(format!("Name {minutes}"))),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    w.lib.activate(me, e.id).unwrap();
    let all = w.lib.activity(me, e.id, Page::first(100)).unwrap();
    let actions: Vec<_> = all.iter().map(|l| l.action).collect();
    assert_eq!(
        actions,
        [
            Action::EngagementActivated,
            Action::EngagementUpdated,
            Action::EngagementUpdated,
            Action::EngagementUpdated,
            Action::EngagementCreated
        ]
    );
    assert!(all.windows(2).all(|p| p[0].at >= p[1].at));
    assert!(all
        .iter()
        .all(|l| l.target == TargetRef::new(EntityKind::Engagement, *e.id.as_uuid())));
    assert!(all
        .iter()
        .all(|l| l.engagement_id == Some(e.id) && l.actor == me && l.practice_id == w.practice.id));
    let page2 = w.lib.activity(me, e.id, Page::new(2, 2)).unwrap();
    assert_eq!(page2, all[2..4].to_vec());
    assert!(w
        .lib
        .activity(me, e.id, Page::new(10, 5))
        .unwrap()
        .is_empty());
    assert!(matches!(
        w.lib.activity(me, e.id, Page::new(0, 0)),
        Err(Error::Validation { .. })
    ));
    // The practice log holds practice-level events too, with their own targets.
    let log = w
        .lib
        .practice_activity(me, w.practice.id, Page::first(1000))
        .unwrap();
    let first = log.last().unwrap();
    assert_eq!(
        (first.action, first.target.kind),
        (Action::PracticeCreated, EntityKind::Practice)
    );
    assert!(log.iter().any(|l| l.action == Action::ClientAdded
        && l.target == TargetRef::new(EntityKind::Client, *w.client.id.as_uuid())));
    assert!(log
        .iter()
        .any(|l| l.action == Action::ProgramCreated && l.target.kind == EntityKind::Program));
}

pub fn validation_errors_change_nothing(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let pid = w.practice.id;
    let before = w.snapshot();
    let field = |e: Error| match e {
        Error::Validation { field, .. } => field,
        other => panic!("expected a validation error, got {other:?}"),
    };
    assert_eq!(
        field(refused(
            &w,
            &before,
            w.lib.add_client(
                me,
                pid,
                NewClient {
                    name: "   ".into(),
                    ..Default::default()
                }
            )
        )),
        "name"
    );
    assert_eq!(
        field(refused(
            &w,
            &before,
            w.lib.add_client(
                me,
                pid,
                NewClient {
                    name: "x".repeat(201),
                    ..Default::default()
                }
            )
        )),
        "name"
    );
    assert_eq!(
        field(refused(
            &w,
            &before,
            w.lib.add_client(
                me,
                pid,
                NewClient {
                    name: "Ok".into(),
                    email: Some("nope".into()),
                    has_portal: false
                }
            )
        )),
        "email"
    );
    assert_eq!(
        field(refused(
            &w,
            &before,
            w.lib.create_program(me, pid, NewProgram::sessions("P", 0))
        )),
        "planned"
    );
    assert_eq!(
        field(refused(
            &w,
            &before,
            w.lib.create_program(
                me,
                pid,
                NewProgram {
                    session_minutes: 0,
                    ..NewProgram::sessions("P", 3)
                }
            )
        )),
        "session_minutes"
    );
    assert_eq!(
        field(refused(
            &w,
            &before,
            w.lib.create_engagement(
                me,
                pid,
                NewEngagement {
                    start_date: Some(date(2026, 5, 1)),
                    end_date: Some(date(2026, 4, 1)),
                    ..Default::default()
                }
            )
        )),
        "end_date"
    );
    assert_eq!(
        field(refused(
            &w,
            &before,
            w.lib.create_practice(NewPractice {
                name: "X".into(),
                time_zone: "Mars/Olympus_Mons".into(),
                plan: Plan::free(),
                owner_name: "Y".into(),
                owner_email: None,
            })
        )),
        "time_zone"
    );
    let bad = Plan {
        max_coaches: Some(0),
        ..Plan::team(1)
    };
    assert_eq!(
        field(refused(&w, &before, w.lib.change_plan(me, pid, bad))),
        "plan.max_coaches"
    );
    // Unknown ids are NotFound and change nothing.
    let err = refused(&w, &before, w.lib.activate(me, EngagementId::new()));
    assert!(matches!(
        err,
        Error::NotFound {
            kind: EntityKind::Engagement,
            ..
        }
    ));
    let err = refused(
        &w,
        &before,
        w.lib.create_engagement(
            me,
            pid,
            NewEngagement {
                client_id: Some(ClientId::new()),
                ..Default::default()
            },
        ),
    );
    assert!(matches!(
        err,
        Error::NotFound {
            kind: EntityKind::Client,
            ..
        }
    ));
    let err = refused(
        &w,
        &before,
        w.lib.create_engagement(
            me,
            pid,
            NewEngagement {
                program_id: Some(ProgramId::new()),
                ..Default::default()
            },
        ),
    );
    assert!(matches!(
        err,
        Error::NotFound {
            kind: EntityKind::Program,
            ..
        }
    ));
}

pub fn concurrent_activations_respect_the_free_plan(make: MakeStore) {
    let w = World::new(make, Plan::free());
    let drafts: Vec<_> = (0..8).map(|_| w.draft()).collect();
    let barrier = Arc::new(Barrier::new(drafts.len()));
    let handles: Vec<_> = drafts
        .iter()
        .map(|e| {
            let (lib, me, id, barrier) = (w.lib.clone(), w.owner(), e.id, barrier.clone());
            thread::spawn(move || {
                barrier.wait();
                lib.activate(me, id)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .all(|e| matches!(e, Error::PlanLimitReached { .. })));
    let lines = w
        .lib
        .overview_for_practice(w.owner(), w.practice.id)
        .unwrap();
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.engagement.status == Status::Active)
            .count(),
        1
    );
}

pub fn reads_do_not_wait_for_a_writer(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let e = w.engagement_in(Status::Active);
    let (started_tx, started_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let store = w.store.clone();
    // A long write: holds the write transaction open until released.
    let writer = thread::spawn(move || {
        store.write(&mut |_w| {
            started_tx.send(()).unwrap();
            release_rx.recv().unwrap();
            Ok(())
        })
    });
    started_rx.recv().unwrap();
    // Reads go through while the write is still open.
    let line = w.lib.engagement(w.owner(), e.id).unwrap();
    assert_eq!(line.engagement.status, Status::Active);
    assert_eq!(
        w.lib
            .overview_for_practice(w.owner(), w.practice.id)
            .unwrap()
            .len(),
        1
    );
    release_tx.send(()).unwrap();
    writer.join().unwrap().unwrap();
}

pub fn overview_lists_names_dates_and_tbd(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                client_id: Some(w.client.id),
                start_date: Some(date(2026, 3, 2)),
                ..Default::default()
            },
        )
        .unwrap();
    let unassigned = w
        .lib
        .create_engagement(me, w.practice.id, NewEngagement::default())
        .unwrap();
    let lines = w.lib.overview_for_practice(me, w.practice.id).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].engagement.id, e.id);
    assert_eq!(lines[0].coach_name.as_deref(), Some("Olivia Owner"));
    assert_eq!(lines[0].client_name.as_deref(), Some("Carla Client"));
    assert_eq!(
        lines[0].engagement.program_name.as_deref(),
        Some("Leadership")
    );
    assert_eq!(lines[0].engagement.dates_text(), "2026-03-02 – TBD");
    assert_eq!(
        (lines[0].engagement.status, lines[0].phase),
        (Status::Draft, Phase::NotStarted)
    );
    assert_eq!(lines[1].engagement.id, unassigned.id);
    assert_eq!(
        (
            lines[1].coach_name.as_deref(),
            lines[1].client_name.as_deref()
        ),
        (None, None)
    );
    assert_eq!(lines[1].progress.to_string(), "0/0");
    let for_client = w.lib.overview_for_client(me, w.client.id).unwrap();
    assert_eq!(
        for_client
            .iter()
            .map(|l| l.engagement.id)
            .collect::<Vec<_>>(),
        [e.id]
    );
    let for_coach = w.lib.overview_for_coach(me, w.owner.id).unwrap();
    assert_eq!(
        for_coach
            .iter()
            .map(|l| l.engagement.id)
            .collect::<Vec<_>>(),
        [e.id]
    );
}

/// Overview pages: every filter, every order both ways (missing values last), paging with the
/// total, a page past the end; the owner pages everything, another coach their own only, a
/// client nothing; and each page is the one the in-memory order gives.
pub fn overview_pages_filter_sort_and_page(make: MakeStore) {
    let w = World::new(make, Plan::team(5));
    let me = w.owner();
    let bea = w.add_coach("Bea Coach");
    let zed = w.add_client("Zed Client", false);
    let amy = w.add_client("Amy Client", false);
    let other_program = w
        .lib
        .create_program(me, w.practice.id, NewProgram::sessions("Career", 8))
        .unwrap();
    let new = |coach: Option<CoachId>, client: Option<ClientId>, program: Option<ProgramId>, start: Option<(u32, u32)>| {
        w.lib
            .create_engagement(
                me,
                w.practice.id,
                NewEngagement {
                    program_id: program,
                    coach_id: coach,
                    client_id: client,
                    program_name: program.is_none().then(|| "Ad hoc".to_string()),
                    planned: program.is_none().then_some(Planned::sessions(4)),
                    start_date: start.map(|(m, d)| date(2026, m, d)),
                    ..Default::default()
                },
            )
            .unwrap()
    };
    // Six engagements: statuses, coaches, clients (one unassigned), programs, start dates
    // (two TBD) all mixed.
    let e1 = new(Some(w.owner.id), Some(zed.id), Some(w.program.id), Some((3, 1)));
    let e2 = new(Some(bea.id), Some(amy.id), Some(other_program.id), None);
    let e3 = new(Some(bea.id), None, Some(w.program.id), Some((1, 15)));
    let e4 = new(Some(w.owner.id), Some(w.client.id), None, Some((2, 1)));
    let e5 = new(Some(bea.id), Some(zed.id), Some(other_program.id), None);
    let e6 = new(Some(w.owner.id), Some(amy.id), Some(w.program.id), Some((2, 1)));
    w.lib.activate(me, e1.id).unwrap();
    w.lib.activate(me, e2.id).unwrap();
    w.lib.complete(me, e2.id, None).unwrap();
    w.lib.activate(me, e4.id).unwrap();
    w.lib.deactivate(me, e4.id).unwrap();
    w.lib.activate(me, e6.id).unwrap();

    let page = |who: Actor, q: OverviewQuery| w.lib.overview_page(who, w.practice.id, q);
    let ids = |p: &OverviewPage| p.lines.iter().map(|l| l.engagement.id).collect::<Vec<_>>();
    let q = |f: &dyn Fn(&mut OverviewQuery)| {
        let mut q = OverviewQuery::default();
        f(&mut q);
        q
    };

    // The default: everything, by creation.
    let all = page(me, OverviewQuery::default()).unwrap();
    assert_eq!(ids(&all), [e1.id, e2.id, e3.id, e4.id, e5.id, e6.id]);
    assert_eq!(all.total, 6);
    assert_eq!(all.lines[0].client_name.as_deref(), Some("Zed Client"));

    // Filters, alone and together.
    let active_or_done = page(me, q(&|q| q.statuses = vec![Status::Active, Status::Completed])).unwrap();
    assert_eq!((ids(&active_or_done), active_or_done.total), (vec![e1.id, e2.id, e6.id], 3));
    let beas = page(me, q(&|q| q.coach = Some(bea.id))).unwrap();
    assert_eq!(ids(&beas), [e2.id, e3.id, e5.id]);
    let career = page(me, q(&|q| q.program = Some(other_program.id))).unwrap();
    assert_eq!(ids(&career), [e2.id, e5.id]);
    let narrow = page(me, q(&|q| {
        q.coach = Some(bea.id);
        q.program = Some(other_program.id);
        q.statuses = vec![Status::Draft];
    }))
    .unwrap();
    assert_eq!((ids(&narrow), narrow.total), (vec![e5.id], 1));

    // Orders, missing values last both ways, ties by creation.
    let by = |sort, descending| page(me, q(&|q| { q.sort = sort; q.descending = descending; })).unwrap();
    assert_eq!(ids(&by(OverviewSort::ClientName, false)), [e2.id, e6.id, e4.id, e1.id, e5.id, e3.id]);
    assert_eq!(ids(&by(OverviewSort::ClientName, true)), [e1.id, e5.id, e4.id, e2.id, e6.id, e3.id]);
    assert_eq!(ids(&by(OverviewSort::StartDate, false)), [e3.id, e4.id, e6.id, e1.id, e2.id, e5.id]);
    assert_eq!(ids(&by(OverviewSort::StartDate, true)), [e1.id, e4.id, e6.id, e3.id, e2.id, e5.id]);
    assert_eq!(ids(&by(OverviewSort::Status, false)), [e3.id, e5.id, e1.id, e6.id, e4.id, e2.id]);
    assert_eq!(ids(&by(OverviewSort::Created, true)), [e6.id, e5.id, e4.id, e3.id, e2.id, e1.id]);
    assert_eq!(ids(&by(OverviewSort::ProgramName, false)), [e4.id, e2.id, e5.id, e1.id, e3.id, e6.id]);
    assert_eq!(ids(&by(OverviewSort::CoachName, false)), [e2.id, e3.id, e5.id, e1.id, e4.id, e6.id]);
    // Every order both ways is the one OverviewQuery::compare gives the full list.
    let full = w.lib.overview_for_practice(me, w.practice.id).unwrap();
    for &sort in OverviewSort::ALL {
        for descending in [false, true] {
            let query = q(&|q| { q.sort = sort; q.descending = descending; });
            let mut expected = full.clone();
            expected.sort_by(|a, b| query.compare(a, b));
            assert_eq!(page(me, query.clone()).unwrap().lines, expected, "{sort:?} descending={descending}");
        }
    }

    // Paging: windows of the same order, the total across them, a page past the end.
    let window = |offset| page(me, q(&|q| { q.sort = OverviewSort::ClientName; q.limit = 4; q.offset = offset; })).unwrap();
    let (first, second, past) = (window(0), window(4), window(10));
    assert_eq!((ids(&first), first.total), (vec![e2.id, e6.id, e4.id, e1.id], 6));
    assert_eq!((ids(&second), second.total), (vec![e5.id, e3.id], 6));
    assert_eq!((past.lines.len(), past.total), (0, 6));
    let empty = page(me, q(&|q| { q.statuses = vec![Status::Inactive]; q.offset = 3; })).unwrap();
    assert_eq!((empty.lines.len(), empty.total), (0, 1));

    // Who pages what.
    let bea_actor = Actor::Coach(bea.id);
    let hers = page(bea_actor, OverviewQuery::default()).unwrap();
    assert_eq!((ids(&hers), hers.total), (vec![e2.id, e3.id, e5.id], 3));
    assert_eq!(ids(&page(bea_actor, q(&|q| q.coach = Some(bea.id))).unwrap()), [e2.id, e3.id, e5.id]);
    let before = w.snapshot();
    assert!(matches!(page(bea_actor, q(&|q| q.coach = Some(w.owner.id))), Err(Error::PermissionDenied { .. })));
    assert!(page(Actor::Client(w.client.id), OverviewQuery::default()).is_err());
    let (_, stranger, _, _) = w.neighbour();
    assert!(matches!(page(me, q(&|q| q.coach = Some(stranger.id))), Err(Error::NotFound { .. })));
    assert!(page(Actor::Coach(stranger.id), OverviewQuery::default()).is_err());
    for bad in [0, MAX_OVERVIEW_PAGE + 1] {
        assert!(matches!(page(me, q(&|q| q.limit = bad)), Err(Error::Validation { ref field, .. }) if field == "limit"));
    }
    assert_eq!(w.snapshot(), before);
}
