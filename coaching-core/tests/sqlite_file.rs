//! What only a file can show: persistence across reopen, schema versions, pragmas.

use chrono::{TimeZone, Utc};
use coaching_core::storage::sqlite::{schema, CURRENT_VERSION};
use coaching_core::*;
use rusqlite::Connection;

fn setup(lib: &Coaching) -> (Practice, Coach, Engagement) {
    let (p, o) = lib
        .create_practice(NewPractice {
            name: "Persisted Practice".into(),
            time_zone: "Asia/Tokyo".into(),
            plan: Plan::team(4),
            owner_name: "Pat Owner".into(),
            owner_email: Some("pat@example.com".into()),
        })
        .unwrap();
    let me = Actor::Coach(o.id);
    let c = lib
        .add_client(
            me,
            p.id,
            NewClient {
                name: "Quinn".into(),
                email: None,
                has_portal: true,
            },
        )
        .unwrap();
    let prog = lib
        .create_program(
            me,
            p.id,
            NewProgram {
                late_cancel_window_minutes: Some(720),
                no_show_counts: false,
                ..NewProgram::sessions("Mindset", 8)
            },
        )
        .unwrap();
    let e = lib
        .create_engagement(
            me,
            p.id,
            NewEngagement {
                program_id: Some(prog.id),
                coach_id: Some(o.id),
                client_id: Some(c.id),
                start_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 5),
                ..Default::default()
            },
        )
        .unwrap();
    lib.activate(me, e.id).unwrap();
    lib.complete(me, e.id, Some("moved abroad")).unwrap();
    (p, o, e)
}

#[test]
fn closed_and_reopened_returns_everything_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 1, 5, 8, 30, 15).unwrap());
    let lib = Coaching::with_clock(SqliteStore::open(&path).unwrap(), clock.clone());
    let (p, o, e) = setup(&lib);
    let me = Actor::Coach(o.id);
    let dump = |lib: &Coaching| {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            lib.practice(me, p.id).unwrap(),
            lib.coaches(me, p.id).unwrap(),
            lib.clients(me, p.id).unwrap(),
            lib.programs(me, p.id).unwrap(),
            lib.overview_for_practice(me, p.id).unwrap(),
            lib.activity(me, e.id, Page::first(1000)).unwrap(),
            lib.practice_activity(me, p.id, Page::first(1000)).unwrap(),
        )
    };
    let before = dump(&lib);
    assert!(before.contains("moved abroad") && before.contains("Asia/Tokyo"));
    let feed = lib.changes(me, p.id, None, 1000).unwrap();
    let cursor = feed.next.to_string();
    drop(lib);
    let reopened = Coaching::with_clock(SqliteStore::open(&path).unwrap(), clock);
    assert_eq!(dump(&reopened), before);
    let log = reopened.activity(me, e.id, Page::first(10)).unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(
        log[0].at,
        Utc.with_ymd_and_hms(2026, 1, 5, 8, 30, 15).unwrap()
    );
    // A feed cursor (held by the host as a string) resumes after reopening: nothing again,
    // then exactly what was written since.
    let cursor = Cursor::parse(&cursor).unwrap();
    assert_eq!(reopened.changes(me, p.id, None, 1000).unwrap(), feed);
    assert!(reopened.changes(me, p.id, Some(&cursor), 10).unwrap().changes.is_empty());
    reopened.activate(me, e.id).unwrap();
    let after = reopened.changes(me, p.id, Some(&cursor), 10).unwrap();
    let actions: Vec<Action> = after.changes.iter().map(|c| c.action).collect();
    assert_eq!(actions, [Action::EngagementReopened]);
}

#[test]
fn a_newer_schema_is_refused_and_the_file_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let lib = Coaching::open(&path).unwrap();
        setup(&lib);
    }
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(
        err,
        Error::SchemaTooNew {
            found: CURRENT_VERSION + 1,
            supported: CURRENT_VERSION
        }
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file was modified"
    );
    assert!(!dir.path().join("future.db-wal").exists());
}

fn schema_of(conn: &Connection) -> Vec<(String, String, String)> {
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn every_earlier_schema_upgrades_to_the_fresh_one() {
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("fresh.db");
    drop(SqliteStore::open(&fresh_path).unwrap());
    let fresh = schema_of(&Connection::open(&fresh_path).unwrap());
    assert!(!fresh.is_empty());
    for version in 0..CURRENT_VERSION {
        let path = dir.path().join(format!("v{version}.db"));
        {
            let conn = Connection::open(&path).unwrap();
            schema::migrate_steps(&conn, 0, version).unwrap();
        }
        drop(SqliteStore::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema_of(&conn), fresh, "upgrade from v{version}");
        let v: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, CURRENT_VERSION);
    }
}

#[test]
fn pragmas_strict_tables_and_an_append_only_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let lib = Coaching::open(&path).unwrap();
    setup(&lib);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let non_strict: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(non_strict.is_empty(), "not STRICT: {non_strict:?}");
    let err = conn
        .execute("UPDATE activity_log SET detail = 'rewritten'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    // Nothing but an erasure's blanking of a detail changes an entry.
    for update in [
        "UPDATE activity_log SET action = 'note_created'",
        "UPDATE activity_log SET actor_id = NULL",
        "UPDATE activity_log SET audience = 'own'",
        "UPDATE activity_log SET at = 0, detail = NULL",
    ] {
        let err = conn.execute(update, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{update}: {err}");
    }
    conn.execute("UPDATE activity_log SET detail = NULL", []).unwrap();
    let logged: i64 = conn
        .query_row("SELECT count(*) FROM activity_log", [], |r| r.get(0))
        .unwrap();
    for delete in [
        "DELETE FROM activity_log",
        "DELETE FROM activity_log WHERE seq = (SELECT max(seq) FROM activity_log)",
    ] {
        let err = conn.execute(delete, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{delete}: {err}");
    }
    let after: i64 = conn
        .query_row("SELECT count(*) FROM activity_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, logged);
    // Every foreign key has an index.
    let unindexed: Vec<(String, String)> = conn
        .prepare(
            "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND NOT EXISTS (
                 SELECT 1 FROM pragma_index_list(m.name) il, pragma_index_info(il.name) ii
                 WHERE ii.seqno = 0 AND ii.name = f.\"from\")",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        unindexed
            .iter()
            .all(|(t, c)| t == "practices" && c == "owner_id"),
        "unindexed foreign keys: {unindexed:?}"
    );
}

#[test]
fn dashboard_queries_use_their_indexes() {
    use coaching_core::storage::{NoteSearch, OverviewFilter, SessionWindow};
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("p.db")).unwrap();
    let (practice, coach, client) = (PracticeId::new(), CoachId::new(), ClientId::new());
    // Ranking a practice's matches reads the covering index, not the notes' wide rows, and
    // leaves engagements out.
    let search = NoteSearch {
        practice,
        engagement: None,
        client: None,
        coach: None,
        shared_only: false,
        exclude_draft: false,
        terms: vec!["goal".into()],
        edited_from: None,
        edited_to: None,
        page: Page::first(20),
    };
    // The change feed: the owner's reads the practice's log in sequence order; a client's
    // starts from their engagements and reads each one's entries by the engagement index,
    // never the practice's whole log.
    use coaching_core::storage::FeedScope;
    let plan = store.explain_feed(&FeedScope::Owner).unwrap();
    assert!(plan.contains("activity_log USING INDEX activity_log_practice (practice_id=? AND seq>?)"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    let plan = store
        .explain_feed(&FeedScope::Client { id: client, portal: true })
        .unwrap();
    assert!(plan.contains("SEARCH e USING INDEX engagements_client"), "{plan}");
    assert!(plan.contains("SEARCH l USING INDEX activity_log_engagement (engagement_id=? AND seq>?)"), "{plan}");
    assert!(plan.contains("SEARCH activity_log USING INDEX activity_log_own (actor_id=? AND seq>?)"), "{plan}");
    assert!(!plan.contains("activity_log_practice"), "{plan}");
    let plan = store.explain_search(&search).unwrap();
    assert!(
        plan.contains("USING COVERING INDEX notes_search (seq=?"),
        "{plan}"
    );
    assert!(!plan.contains("engagements"), "{plan}");
    // Snippets are built for the page only: the second phase looks each note up by rowid
    // instead of running the full-text query again over every match.
    assert!(
        plan.contains("SCAN top\nSCAN notes_fts VIRTUAL TABLE INDEX 0:=M"),
        "{plan}"
    );
    let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let window = SessionWindow {
        practice,
        coach: Some(coach),
        client: None,
        engagement: None,
        from,
        to: from + chrono::Duration::days(7),
        scheduled_only: true,
    };
    // A coach's upcoming sessions: read whole from the covering index of scheduled sessions,
    // already in (start, id) order; every name from a covering (id, name) index.
    let plan = store.explain_session_lines(&window).unwrap();
    for step in [
        "SEARCH s USING COVERING INDEX sessions_coach_upcoming (coach_id=? AND start_at>? AND start_at<?)",
        "SEARCH co USING COVERING INDEX coaches_name (id=?)",
        "SEARCH cl USING COVERING INDEX clients_name (id=?)",
        "SEARCH e USING COVERING INDEX engagements_program_name (id=?)",
    ] {
        assert!(plan.contains(step), "{step}:\n{plan}");
    }
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    assert!(
        !plan.contains("SCAN s"),
        "a coach's upcoming sessions scan the sessions table:\n{plan}"
    );
    let plan = store
        .explain_session_lines(&SessionWindow {
            coach: None,
            client: Some(client),
            ..window
        })
        .unwrap();
    assert!(plan.contains("USING INDEX sessions_client_start"), "{plan}");
    let plan = store
        .explain_session_lines(&SessionWindow {
            coach: None,
            ..window
        })
        .unwrap();
    assert!(
        plan.contains("USING INDEX sessions_practice_start"),
        "{plan}"
    );

    // The overview reads engagements in id order from an index (no sort) and takes progress
    // from the tally the session triggers keep on each row (no counting of sessions).
    let f = OverviewFilter {
        coach: Some(coach),
        ..OverviewFilter::practice(practice)
    };
    for (filter, index) in [
        (f, "engagements_coach_id (coach_id=?)"),
        (
            OverviewFilter {
                client: Some(client),
                coach: None,
                ..f
            },
            "engagements_client_id (client_id=?)",
        ),
        (
            OverviewFilter::practice(practice),
            "engagements_practice_id (practice_id=?)",
        ),
    ] {
        let plan = store.explain_overview(&filter).unwrap();
        assert!(plan.contains(index), "{plan}");
        assert!(
            !plan.contains("TEMP B-TREE") && !plan.contains("SCAN") && !plan.contains("sessions"),
            "{plan}"
        );
    }
}

#[test]
fn closing_checkpoints_the_wal_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let lib = Coaching::open(&path).unwrap();
    let (p, o, _) = setup(&lib);
    // Reads open reader connections too.
    lib.overview_for_practice(Actor::Coach(o.id), p.id).unwrap();
    drop(lib);
    assert!(
        !dir.path().join("p.db-wal").exists(),
        "the WAL was left behind"
    );
    // The database file alone holds everything.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&path, &copy).unwrap();
    let lib = Coaching::open(&copy).unwrap();
    assert_eq!(
        lib.overview_for_practice(Actor::Coach(o.id), p.id)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_tally_kept_by_triggers_equals_a_recount() {
    use chrono::Duration;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let clock = ManualClock::new(t0);
    let lib = Coaching::with_clock(SqliteStore::open(&path).unwrap(), clock.clone());
    let (p, o) = lib
        .create_practice(NewPractice {
            name: "P".into(),
            time_zone: "UTC".into(),
            plan: Plan::solo(),
            owner_name: "O".into(),
            owner_email: None,
        })
        .unwrap();
    let me = Actor::Coach(o.id);
    let c = lib
        .add_client(
            me,
            p.id,
            NewClient {
                name: "C".into(),
                email: None,
                has_portal: true,
            },
        )
        .unwrap();
    let prog = lib
        .create_program(
            me,
            p.id,
            NewProgram {
                late_cancel_window_minutes: Some(24 * 60),
                ..NewProgram::sessions("X", 50)
            },
        )
        .unwrap();
    let e = lib
        .create_engagement(
            me,
            p.id,
            NewEngagement {
                program_id: Some(prog.id),
                coach_id: Some(o.id),
                client_id: Some(c.id),
                ..Default::default()
            },
        )
        .unwrap();
    lib.activate(me, e.id).unwrap();
    let office = || Location::Other {
        text: "office".into(),
    };
    let s: Vec<Session> = lib
        .book_series(
            me,
            e.id,
            NewSession {
                start: t0 + Duration::hours(1),
                end: None,
                time_zone: None,
                location: office(),
            },
            Recurrence {
                every_weeks: 1,
                end: SeriesEnd::Count(8),
            },
        )
        .unwrap();
    let odd = lib
        .book_session(
            me,
            e.id,
            NewSession {
                start: t0 + Duration::hours(3),
                end: Some(t0 + Duration::minutes(3 * 60 + 45)),
                time_zone: None,
                location: office(),
            },
        )
        .unwrap();
    clock.set(t0 + Duration::weeks(3));
    lib.complete_session(me, s[0].id).unwrap();
    lib.complete_session(me, odd.id).unwrap();
    lib.mark_no_show(me, s[1].id).unwrap();
    lib.reschedule_session(
        me,
        s[3].id,
        t0 + Duration::weeks(3) + Duration::hours(2),
        Some(t0 + Duration::weeks(3) + Duration::hours(4)),
    )
    .unwrap();
    lib.cancel_session(me, s[2].id, None).unwrap();
    lib.cancel_session(Actor::Client(c.id), s[4].id, None)
        .unwrap(); // early: not used
    clock.set(s[5].start - Duration::hours(2));
    lib.cancel_session(Actor::Client(c.id), s[5].id, None)
        .unwrap(); // late: used
    clock.set(t0 + Duration::weeks(5));
    lib.complete_session(me, s[3].id).unwrap(); // rescheduled to two hours, then held
    drop(lib);

    let conn = Connection::open(&path).unwrap();
    let kept: Vec<i64> = conn
        .query_row(
            "SELECT tally_completed, tally_completed_minutes, tally_no_show, tally_no_show_minutes, tally_late_cancelled, tally_late_cancelled_minutes FROM engagements",
            [],
            |r| (0..6).map(|i| r.get(i)).collect(),
        )
        .unwrap();
    let recount: Vec<i64> = conn
        .query_row(
            "SELECT count(*) FILTER (WHERE status = 'completed'), coalesce(sum((end_at - start_at) / 60000000) FILTER (WHERE status = 'completed'), 0),
                    count(*) FILTER (WHERE status = 'no_show'), coalesce(sum((end_at - start_at) / 60000000) FILTER (WHERE status = 'no_show'), 0),
                    count(*) FILTER (WHERE status = 'late_cancelled'), coalesce(sum((end_at - start_at) / 60000000) FILTER (WHERE status = 'late_cancelled'), 0)
             FROM sessions",
            [],
            |r| (0..6).map(|i| r.get(i)).collect(),
        )
        .unwrap();
    assert_eq!(kept, recount);
    assert_eq!(kept, [3, 60 + 45 + 120, 1, 60, 1, 60]);
}

#[test]
fn cached_statements_are_not_prepared_again_for_new_parameters() {
    // Joined statements with bound parameters used to be re-prepared on every call (SQLite's
    // constant propagation reads bound values unless the planner's stability guarantee is on).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let lib = Coaching::open(&path).unwrap();
    let (p, o, first) = setup(&lib);
    let me = Actor::Coach(o.id);
    let mut ids = vec![first.id];
    for name in ["Ann", "Bo", "Cy", "Di"] {
        let c = lib
            .add_client(
                me,
                p.id,
                NewClient {
                    name: name.into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let e = lib
            .create_engagement(
                me,
                p.id,
                NewEngagement {
                    client_id: Some(c.id),
                    ..Default::default()
                },
            )
            .unwrap();
        ids.push(e.id);
    }
    drop(lib);
    let store = SqliteStore::open(&path).unwrap();
    let ids: Vec<_> = ids.iter().cycle().take(20).copied().collect();
    assert_eq!(store.overview_reprepares(p.id, &ids).unwrap(), 0);
}

#[test]
fn the_todo_index_kept_by_triggers_equals_a_recount() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("todos.db");
    let lib = Coaching::open(&path).unwrap();
    let (p, o) = lib
        .create_practice(NewPractice {
            name: "Todo Practice".into(),
            time_zone: "UTC".into(),
            plan: Plan::team(3),
            owner_name: "Olivia".into(),
            owner_email: None,
        })
        .unwrap();
    let me = Actor::Coach(o.id);
    let sam = lib
        .add_coach(
            me,
            p.id,
            NewCoach {
                name: "Sam".into(),
                email: None,
            },
        )
        .unwrap();
    let mut engagements = Vec::new();
    for i in 0..4 {
        let c = lib
            .add_client(
                me,
                p.id,
                NewClient {
                    name: format!("Client {i}"),
                    has_portal: true,
                    ..Default::default()
                },
            )
            .unwrap();
        let e = lib
            .create_engagement(
                me,
                p.id,
                NewEngagement {
                    coach_id: Some(o.id),
                    client_id: Some(c.id),
                    program_name: Some("P".into()),
                    planned: Some(Planned::sessions(4)),
                    ..Default::default()
                },
            )
            .unwrap();
        if i < 3 {
            lib.activate(me, e.id).unwrap();
        }
        let mut goals = Vec::new();
        for j in 0..3 {
            let g = lib
                .create_goal(
                    me,
                    e.id,
                    NewGoal {
                        name: format!("G{j}"),
                        due_date: chrono::NaiveDate::from_ymd_opt(2026, 5, j + 1),
                        ..Default::default()
                    },
                )
                .unwrap();
            let m1 = lib.add_milestone(me, g.id, "M1", None).unwrap();
            lib.add_milestone(me, g.id, "M2", chrono::NaiveDate::from_ymd_opt(2026, 4, 1))
                .unwrap();
            goals.push((g, m1));
        }
        let a = lib
            .create_assignment(
                me,
                e.id,
                AssignmentInput {
                    name: Some("A".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        engagements.push((e, goals, a));
    }
    // A form sent into each engagement, one of them with a due date.
    let intake = lib
        .create_form_template(
            me,
            p.id,
            NewFormTemplate {
                name: "Intake".into(),
                description: None,
                questions: vec![Question {
                    prompt: "Goal".into(),
                    help: None,
                    kind: QuestionKind::ShortText,
                    choices: Vec::new(),
                    scale_max: None,
                    required: true,
                }],
            },
        )
        .unwrap();
    let mut forms = Vec::new();
    for (i, (e, _, _)) in engagements.iter().enumerate() {
        let due = (i == 1).then(|| chrono::NaiveDate::from_ymd_opt(2026, 4, 2).unwrap());
        forms.push(lib.send_form(me, e.id, intake.id, due).unwrap());
    }
    // Every kind of change that moves an item on or off a coach's list.
    let (e0, g0, a0) = &engagements[0];
    let carla = Actor::Client(e0.client_id.unwrap());
    lib.save_form_answers(
        carla,
        forms[0].id,
        vec![FormAnswer {
            question: 0,
            answer: Answer::Text("Run".into()),
        }],
    )
    .unwrap();
    lib.submit_form(carla, forms[0].id).unwrap(); // off the list
    let second = lib.send_form(me, e0.id, intake.id, None).unwrap();
    lib.delete_form(me, second.id).unwrap();
    lib.set_goal_status(me, g0[0].0.id, GoalStatus::Completed)
        .unwrap(); // its milestones leave
    lib.set_milestone_done(me, g0[1].1.id, true).unwrap();
    lib.set_assignment_status(me, a0.id, AssignmentStatus::Completed)
        .unwrap();
    lib.set_goal_status(me, g0[2].0.id, GoalStatus::Completed)
        .unwrap();
    lib.set_goal_status(me, g0[2].0.id, GoalStatus::Active)
        .unwrap(); // back, with its open milestones
    let (e1, _, _) = &engagements[1];
    lib.reassign(me, e1.id, sam.id).unwrap(); // to Sam's list
    let (e2, g2, _) = &engagements[2];
    lib.deactivate(me, e2.id).unwrap(); // off every list
    lib.set_milestone_done(me, g2[0].1.id, true).unwrap();
    lib.set_milestone_done(me, g2[0].1.id, false).unwrap();
    let (e3, _, _) = &engagements[3];
    lib.activate(me, e3.id).unwrap(); // a Draft engagement becomes Active: onto the list
    lib.complete(me, e0.id, None).unwrap();
    lib.activate(me, e0.id).unwrap(); // reopened
    lib.update_goal(
        me,
        g0[1].0.id,
        GoalInput {
            name: Some("Renamed".into()),
            ..Default::default()
        },
    )
    .unwrap();
    drop(lib);
    let conn = Connection::open(&path).unwrap();
    for (table, open) in [
        ("goals", "t.status = 'active'"),
        ("assignments", "t.status = 'open'"),
        ("forms", "t.status = 'open'"),
        (
            "milestones",
            "t.done = 0 AND (SELECT g.status FROM goals g WHERE g.id = t.goal_id) = 'active'",
        ),
    ] {
        let wrong: i64 = conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM {table} t WHERE t.todo_coach IS NOT (
                        SELECT CASE WHEN {open} AND e.status = 'active' THEN e.coach_id END
                        FROM engagements e WHERE e.id = t.engagement_id)"
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            wrong, 0,
            "{table}: rows whose todo_coach differs from a recount"
        );
        let listed: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE todo_coach IS NOT NULL"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(listed > 0, "{table}: nothing on any list");
    }
    // The to-dos statement reads the four partial indexes, and sorts only the page.
    let store = SqliteStore::open(&path).unwrap();
    let plan = store.explain_todos().unwrap();
    for index in ["goals_todo", "milestones_todo", "assignments_todo", "forms_todo"] {
        assert!(
            plan.contains(&format!("COVERING INDEX {index}")),
            "{index} not used:\n{plan}"
        );
    }
    assert!(plan.contains("MERGE (UNION ALL)"), "{plan}");
    assert!(
        !plan.contains("TEMP B-TREE"),
        "the to-dos are sorted instead of merged:\n{plan}"
    );
}

/// A process killed while building a new file leaves its `.creating` file behind: the next
/// creation in that folder removes those an hour old or more (with their WAL and shared
/// memory), and leaves younger ones (another process may be building) and other files alone.
#[test]
fn abandoned_creating_files_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    let touch = |name: &str, old: bool| {
        let f = std::fs::File::create(dir.path().join(name)).unwrap();
        if old {
            f.set_modified(hour_ago).unwrap();
        }
    };
    touch(".coaching-4242-0.creating", true);
    touch(".coaching-4242-0.creating-wal", true);
    touch(".coaching-4242-0.creating-shm", true);
    touch(".coaching-4243-7.creating", false);
    touch(".coaching-notes.txt", true);
    touch("old.creating", true);
    drop(Coaching::open(dir.path().join("new.db")).unwrap());
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.starts_with("new.db-"))
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".coaching-4243-7.creating",
            ".coaching-notes.txt",
            "new.db",
            "old.creating"
        ]
    );
}
