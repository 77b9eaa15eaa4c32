//! The benchmark table: the realistic practice of `coaching-core/benches/generate.rs`
//! (5,000 engagements) in a SQLite file, each dashboard operation timed through the library and
//! against a baseline: the best hand-written rusqlite query for the same rows on the same schema
//! (its indexes included), read into tuples. The two variants alternate call by call (never in
//! separate blocks), and each is reported as the median wall time, its p95, and the median
//! thread CPU time.
//!
//!     cargo run --release --example bench [-- FILE]
//!
//! The file is generated on first use (and reused afterwards).

#[path = "../../coaching-core/benches/generate.rs"]
mod generate;
#[path = "timing.rs"]
mod timing;

use std::path::PathBuf;

use timing::*;

use chrono::Duration;
use coaching_core::*;
use rusqlite::{params, Connection, OpenFlags};

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/practice-seed42.db"));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::Storage {
            message: e.to_string(),
        })?;
    }
    let (lib, p, generated) = generate::open_or_generate(&path, 42, generate::ENGAGEMENTS)?;
    let me = Actor::Coach(p.owner);
    let raw = baseline_connection(&path)?;
    let now = generate::now();
    let mut rows = Vec::new();

    let coaches = p.coaches.clone();
    let engagements = p.engagements.clone();

    // One engagement with its names and progress.
    rows.push(row(
        "one engagement with progress",
        compare(
            2000,
            |i| {
                lib.engagement(me, engagements[(i * 7919) % engagements.len()])
                    .unwrap()
            },
            |i| raw_engagement(&raw, engagements[(i * 7919) % engagements.len()]),
        ),
        "≤ 15 µs",
    ));

    // A coach's Client To-Dos, first page of 50.
    rows.push(row(
        "Client To-Dos, first page of 50 (a coach with 100 engagements)",
        compare(
            300,
            |i| {
                lib.client_todos(me, coaches[i % coaches.len()], Page::first(50))
                    .unwrap()
                    .len()
            },
            |i| raw_todos(&raw, coaches[i % coaches.len()]),
        ),
        "≤ 0.5 ms",
    ));

    // A coach's upcoming sessions, next 7 days.
    rows.push(row(
        "upcoming sessions, next 7 days",
        compare(
            300,
            |i| {
                lib.upcoming_sessions_for_coach(
                    me,
                    coaches[i % coaches.len()],
                    now,
                    now + Duration::days(7),
                )
                .unwrap()
                .len()
            },
            |i| {
                raw_upcoming(
                    &raw,
                    coaches[i % coaches.len()],
                    now.timestamp_micros(),
                    (now + Duration::days(7)).timestamp_micros(),
                )
            },
        ),
        "≤ 0.35 ms",
    ));

    // The overview of all 5,000 engagements with progress.
    rows.push(row(
        "overview of 5,000 engagements",
        compare(
            30,
            |_| lib.overview_for_practice(me, p.practice).unwrap().len(),
            |_| raw_overview(&raw, p.practice),
        ),
        "≤ 8 ms, ≤ 1.2× baseline",
    ));

    // One page of the overview: Active engagements by client name, 50 at a time, with the
    // total — against the same page written by hand (the window count included).
    rows.push(row(
        "overview page: 50 Active by client name, with the total",
        compare(
            100,
            |i| {
                let page = lib
                    .overview_page(
                        me,
                        p.practice,
                        OverviewQuery {
                            statuses: vec![Status::Active],
                            sort: OverviewSort::ClientName,
                            limit: 50,
                            offset: (i % 20) as u32 * 50,
                            ..Default::default()
                        },
                    )
                    .unwrap();
                page.lines.len() + page.total as usize
            },
            |i| raw_overview_page(&raw, p.practice, (i % 20) as i64 * 50),
        ),
        "≤ 1.2× baseline",
    ));

    // Keyword search over the 100,000 notes, top 20.
    let words = [
        "delegation",
        "sabbatical",
        "burnout",
        "negotiation",
        "imposter",
    ];
    let search = |w: &str| NoteQuery {
        keywords: Some(w.into()),
        page: Page::first(20),
        ..Default::default()
    };
    rows.push(row(
        "keyword search, common topic words (8–16% of 100,000 notes), top 20",
        compare(
            60,
            |i| {
                lib.search_notes(
                    me,
                    NoteScope::Practice(p.practice),
                    search(words[i % words.len()]),
                )
                .unwrap()
                .len()
            },
            |i| raw_search(&raw, p.practice, words[i % words.len()]),
        ),
        "≤ 15 ms",
    ));
    // Specific words (a name, a rare topic): terms of the index found in 100–300 notes.
    raw.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, 'notes_fts', 'row')",
    )?;
    let rare: Vec<(String, i64)> = raw
        .prepare("SELECT term, doc FROM temp.vocab WHERE doc BETWEEN 100 AND 300 AND length(term) > 4 ORDER BY term LIMIT 6")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.push(row(
        "keyword search, specific words (100–300 of 100,000 notes), top 20",
        compare(
            100,
            |i| {
                lib.search_notes(
                    me,
                    NoteScope::Practice(p.practice),
                    search(&rare[i % rare.len()].0),
                )
                .unwrap()
                .len()
            },
            |i| raw_search(&raw, p.practice, &rare[i % rare.len()].0),
        ),
        "≤ 1 ms",
    ));
    let total: i64 = raw.query_row("SELECT count(*) FROM notes", [], |r| r.get(0))?;
    let df: Vec<String> = words
        .iter()
        .map(|w| {
            let n: i64 = raw
                .query_row(
                    "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH ?1",
                    [format!("\"{w}\"*")],
                    |r| r.get(0),
                )
                .unwrap_or(0);
            format!("{w}: {n}")
        })
        .collect();

    // The change feed: 100 changes after a cursor anywhere in the log, for the owner, a coach
    // (100 of the 5,000 engagements) and a client.
    let max_seq: i64 = raw.query_row("SELECT max(seq) FROM activity_log", [], |r| r.get(0))?;
    let client = p.clients[0];
    let client_seqs: Vec<i64> = raw
        .prepare(
            "SELECT l.seq FROM activity_log l JOIN engagements e ON e.id = l.engagement_id
             WHERE e.client_id = ?1 ORDER BY l.seq",
        )?
        .query_map([client], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let at = |i: usize, last: i64| ((i as i64 * 7_919_993) % last.max(1)).max(0);
    let cursor = |seq: i64| Cursor::parse(&format!("c1.{seq}")).unwrap();
    for (who, actor, sql, key, positions, target) in [
        (
            "the owner",
            me,
            "SELECT id, practice_id, engagement_id, at, actor_kind, actor_id, action, target_kind,
                    target_id, detail, audience, seq FROM activity_log
             WHERE practice_id = ?1 AND seq > ?2 AND audience <> 'own' ORDER BY seq LIMIT 100",
            None,
            max_seq - 100,
            "≤ 1 ms",
        ),
        (
            "a coach with 100 engagements",
            Actor::Coach(coaches[1]),
            "SELECT id, practice_id, engagement_id, at, actor_kind, actor_id, action, target_kind,
                    target_id, detail, audience, seq FROM activity_log
             WHERE practice_id = ?1 AND seq > ?2 AND (audience = 'coaches'
                OR (audience IN ('coach', 'client') AND engagement_id IN
                    (SELECT id FROM engagements WHERE practice_id = ?1 AND coach_id = ?3)))
             ORDER BY seq LIMIT 100",
            Some(coaches[1].to_string()),
            max_seq - 5_000,
            "–",
        ),
        (
            "a client",
            Actor::Client(client),
            "SELECT l.id, l.practice_id, l.engagement_id, l.at, l.actor_kind, l.actor_id, l.action,
                    l.target_kind, l.target_id, l.detail, l.audience, l.seq
             FROM engagements e CROSS JOIN activity_log l ON l.engagement_id = e.id
             WHERE e.client_id = ?3 AND +e.practice_id = ?1 AND e.status <> 'draft' AND l.seq > ?2
               AND l.audience = 'client' AND +l.practice_id = ?1
             ORDER BY l.seq LIMIT 100",
            Some(client.to_string()),
            client_seqs.get(client_seqs.len().saturating_sub(101)).copied().unwrap_or(0),
            "–",
        ),
    ] {
        // A client's cursors fall among their own changes; the others' anywhere in the log.
        let pos = |i: usize| match key {
            Some(_) if who == "a client" => client_seqs[(i * 31) % (client_seqs.len() / 2).max(1)],
            _ => at(i, positions),
        };
        let key_id = key.clone();
        // The log's pages read once before timing (the file is larger than a page cache would
        // be warm for): otherwise whichever variant runs first at a position pays the disk.
        for i in 0..500 {
            raw_feed(&raw, sql, p.practice, pos(i), key_id.as_deref());
        }
        rows.push(row(
            format!("change feed, 100 changes after a cursor ({who})"),
            compare(
                500,
                |i| {
                    lib.changes(actor, p.practice, Some(&cursor(pos(i))), 100)
                        .unwrap()
                        .changes
                        .len()
                },
                |i| raw_feed(&raw, sql, p.practice, pos(i), key_id.as_deref()),
            ),
            target,
        ));
    }

    // Free slots: a 4-week window of a coach with 100 engagements (Monday to Friday 09:00-17:00
    // in the practice's zone, a slot every 30 minutes, 15-minute buffers), for one of their
    // engagements with sessions left to book. The baseline reads the coach's Scheduled sessions
    // in the window with the same covering index and runs the same slot computation (hours and
    // rules read once, outside the timing).
    let coach = coaches[1];
    let ce: EngagementId = raw.query_row(
        "SELECT id FROM engagements WHERE coach_id = ?1 AND status = 'active' ORDER BY id LIMIT 1",
        [coach],
        |r| r.get(0),
    )?;
    let cme = Actor::Coach(coach);
    lib.set_planned(me, ce, Planned::sessions(60))?;
    let weekly: Vec<WeeklyHours> = (0..5u8)
        .map(|d| WeeklyHours {
            weekday: chrono::Weekday::try_from(d).unwrap(),
            range: DayRange::hm(9, 0, 17, 0).unwrap(),
        })
        .collect();
    let avail = lib.set_weekly_hours(cme, coach, None, &weekly)?;
    let rules = BookingRules {
        buffer_before_minutes: 15,
        buffer_after_minutes: 15,
        ..Default::default()
    };
    lib.set_engagement_booking_rules(cme, ce, Some(rules))?;
    let minutes = lib.engagement(cme, ce)?.engagement.session_minutes;
    let (from, to) = (now, now + Duration::days(28));
    let listed = lib.free_slots(cme, ce, from, to)?;
    let busy_n = lib.upcoming_sessions_for_coach(cme, coach, from, to)?.len();
    assert_eq!(
        listed.len(),
        raw_free_slots(&raw, coach, &avail, rules, minutes, from, to),
        "the baseline lists what the library lists"
    );
    rows.push(row(
        format!(
            "free slots, 4 weeks of a coach with 100 engagements ({} slots, {busy_n} sessions)",
            listed.len()
        ),
        compare(
            1000,
            |_| lib.free_slots(cme, ce, from, to).unwrap().len(),
            |_| raw_free_slots(&raw, coach, &avail, rules, minutes, from, to),
        ),
        "≤ 1 ms",
    ));

    // Book a session: overlap check, log entry, commit.
    let e = p.engagements[0];
    let far = generate::after_last_session(&path);
    let mut slot = 0i64;
    rows.push(Row {
        op: "book a session".into(),
        lib: alone(300, |_| {
            slot += 1;
            lib.book_session(
                me,
                e,
                NewSession {
                    start: far + Duration::minutes(90 * slot),
                    end: None,
                    time_zone: None,
                    location: Location::Other {
                        text: "office".into(),
                    },
                },
            )
            .unwrap()
        }),
        raw: None,
        target: "≤ 100 µs",
    });

    // Open the 5,000-engagement file.
    rows.push(Row {
        op: "open the 5,000-engagement file".into(),
        lib: alone(20, |_| SqliteStore::open(&path).unwrap()),
        raw: None,
        target: "≤ 50 ms",
    });

    // Client To-Dos as one coach's client list grows: 500, 2,000, then all 5,000 engagements
    // moved to one new coach (on a scratch copy of the file).
    rows.extend(todos_as_the_list_grows(&path, &p)?);

    print_table(&rows);
    println!(
        "| peak memory of the process | {:.1} MB | | | | | | ≤ 100 MB |",
        peak_rss_mb()
    );
    println!();
    println!(
        "Search keywords and how many of the {total} notes match each: {}",
        df.join(", ")
    );
    println!(
        "Specific words: {}",
        rare.iter()
            .map(|(t, d)| format!("{t}: {d}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    match generated {
        Some(d) => println!(
            "| generating the whole data set | {:.1} s | | | | | | ≤ 60 s |",
            d.as_secs_f64()
        ),
        None => println!(
            "| generating the whole data set | (reused {}) | | | | | | ≤ 60 s |",
            path.display()
        ),
    }
    Ok(())
}

/// The baselines' connection, configured as a competent engineer would: read-only, with the
/// query planner's stability guarantee (so cached statements are not compiled again).
fn baseline_connection(path: &std::path::Path) -> Result<Connection> {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    c.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(c)
}

/// Client To-Dos by hand, the best query on this schema: the four `*_todo` indexes merged
/// in due-date order, names joined for the page only; the rows read into tuples.
fn raw_todos(c: &Connection, coach: CoachId) -> usize {
    let mut stmt = c
        .prepare_cached(
            "SELECT t.kind, t.id, t.engagement_id, e.client_id, cl.name, t.name, gg.name, t.due FROM (
                 SELECT 'goal' AS kind, id, engagement_id, name, NULL AS goal_id, due_date AS due, due_date IS NULL AS undated
                 FROM goals WHERE todo_coach = ?1
                 UNION ALL
                 SELECT 'milestone', id, engagement_id, name, goal_id, due_date, due_date IS NULL FROM milestones WHERE todo_coach = ?1
                 UNION ALL
                 SELECT 'assignment', id, engagement_id, name, NULL, due_date, due_date IS NULL FROM assignments WHERE todo_coach = ?1
                 UNION ALL
                 SELECT 'form', id, engagement_id, name, NULL, due_date, due_date IS NULL FROM forms WHERE todo_coach = ?1
                 ORDER BY undated, due, name, id LIMIT 50) t
             JOIN engagements e ON e.id = t.engagement_id JOIN clients cl ON cl.id = e.client_id
             LEFT JOIN goals gg ON gg.id = t.goal_id
             ORDER BY t.undated, t.due, t.name, t.id",
        )
        .unwrap();
    let rows = stmt
        .query_map(params![coach.as_uuid().as_bytes()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, Vec<u8>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })
        .unwrap();
    rows.count()
}

/// One engagement with its coach's and client's names and its tally, by primary key.
fn raw_engagement(c: &Connection, id: EngagementId) -> usize {
    let mut stmt = c
        .prepare_cached(
            "SELECT e.id, e.coach_id, co.name, e.client_id, cl.name, e.program_name, e.start_date, e.end_date, e.status,
                    e.unit, e.planned, e.no_show_counts, e.tally_completed, e.tally_completed_minutes, e.tally_no_show,
                    e.tally_no_show_minutes, e.tally_late_cancelled, e.tally_late_cancelled_minutes
             FROM engagements e LEFT JOIN coaches co ON co.id = e.coach_id LEFT JOIN clients cl ON cl.id = e.client_id
             WHERE e.id = ?1",
        )
        .unwrap();
    let rows = stmt
        .query_map(params![id.as_uuid().as_bytes()], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(8)?,
                r.get::<_, i64>(10)?,
                r.get::<_, i64>(12)?,
                r.get::<_, i64>(14)?,
            ))
        })
        .unwrap();
    rows.count()
}

/// Free slots by hand: the coach's Scheduled sessions near the window from the covering index,
/// then the library's own slot computation.
fn raw_free_slots(
    c: &Connection,
    coach: CoachId,
    a: &Availability,
    rules: BookingRules,
    minutes: u32,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> usize {
    let margin = Duration::days(2);
    let mut st = c
        .prepare_cached(
            "SELECT start_at, end_at FROM sessions INDEXED BY sessions_coach_upcoming
             WHERE coach_id = ?1 AND start_at > ?2 AND start_at < ?3 AND end_at > ?4
               AND status = 'scheduled' ORDER BY start_at",
        )
        .unwrap();
    let lo = (from - margin - Duration::days(1)).timestamp_micros();
    let busy: Vec<_> = st
        .query_map(
            params![coach, lo, (to + margin).timestamp_micros(), (from - margin).timestamp_micros()],
            |r| {
                let t = |v: i64| chrono::DateTime::from_timestamp_micros(v).unwrap();
                Ok((t(r.get(0)?), t(r.get(1)?)))
            },
        )
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let ctx = booking::SlotContext {
        availability: Some(a),
        rules,
        length: Duration::minutes(minutes as i64),
        busy: &busy,
        now: generate::now(),
        zone: chrono_tz::Europe::London,
    };
    booking::slots(&ctx, from, to).len()
}

/// A page of the change feed by hand: every column read, as the library reads them.
fn raw_feed(c: &Connection, sql: &str, practice: PracticeId, after: i64, key: Option<&str>) -> usize {
    let mut stmt = c.prepare_cached(sql).unwrap();
    let key: Option<uuid::Uuid> = key.map(|k| k.parse().unwrap());
    let map = |r: &rusqlite::Row| {
        Ok((
            r.get::<_, Vec<u8>>(0)?,
            r.get::<_, Option<Vec<u8>>>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<Vec<u8>>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, Vec<u8>>(8)?,
            r.get::<_, Option<String>>(9)?,
            r.get::<_, String>(10)?,
            r.get::<_, i64>(11)?,
        ))
    };
    let p = practice.as_uuid().as_bytes().to_vec();
    match key {
        Some(k) => stmt
            .query_map(params![p, after, k.as_bytes().to_vec()], map)
            .unwrap()
            .count(),
        None => stmt.query_map(params![p, after], map).unwrap().count(),
    }
}

/// The to-dos of one coach whose client list grows to 500, 2,000 and 5,000 engagements.
fn todos_as_the_list_grows(path: &std::path::Path, p: &generate::Practice) -> Result<Vec<Row>> {
    let scratch = path.with_file_name("practice-seed42-scaling.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    std::fs::copy(path, &scratch).map_err(|e| Error::Storage {
        message: e.to_string(),
    })?;
    let lib = Coaching::open(&scratch)?;
    let me = Actor::Coach(p.owner);
    lib.change_plan(me, p.practice, Plan::team(1000))?;
    let big = lib.add_coach(
        me,
        p.practice,
        NewCoach {
            name: "Scaling Coach".into(),
            email: None,
        },
    )?;
    let raw = baseline_connection(&scratch)?;
    let mut rows = Vec::new();
    let mut moved = 0;
    for size in [500, 2000, 5000] {
        let next: Vec<EngagementId> = p.engagements[moved..size].to_vec();
        lib.batch(|lib| {
            for e in &next {
                lib.reassign(me, *e, big.id)?;
            }
            Ok(())
        })?;
        moved = size;
        rows.push(row(
            format!("Client To-Dos, first page of 50, a coach with {size} engagements"),
            compare(
                200,
                |_| lib.client_todos(me, big.id, Page::first(50)).unwrap().len(),
                |_| raw_todos(&raw, big.id),
            ),
            "≤ 0.5 ms, flat",
        ));
    }
    drop((lib, raw));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    Ok(rows)
}

/// A coach's upcoming sessions by hand: every column of the library's session lines (the
/// session, its coach's, client's and program's names), read into tuples.
fn raw_upcoming(c: &Connection, coach: CoachId, from: i64, to: i64) -> usize {
    let mut stmt = c
        .prepare_cached(
            "SELECT s.id, s.practice_id, s.engagement_id, s.coach_id, s.client_id, s.start_at, s.end_at, s.time_zone,
                    s.location_kind, s.location_value, s.status, s.cancelled_by_kind, s.cancelled_by_id,
                    s.cancelled_at, s.cancel_reason, s.created_by_kind, s.created_by_id, s.created_at, s.updated_at,
                    co.name, cl.name, e.program_name
             FROM sessions s INDEXED BY sessions_coach_upcoming
             JOIN engagements e INDEXED BY engagements_program_name ON e.id = s.engagement_id
             JOIN coaches co INDEXED BY coaches_name ON co.id = s.coach_id
             JOIN clients cl INDEXED BY clients_name ON cl.id = s.client_id
             WHERE s.coach_id = ?1 AND s.start_at >= ?2 AND s.start_at < ?3 AND s.status = 'scheduled'
             ORDER BY s.start_at, s.id",
        )
        .unwrap();
    let rows = stmt
        .query_map(params![coach.as_uuid().as_bytes(), from, to], |r| {
            Ok((
                (
                    r.get::<_, Vec<u8>>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                    r.get::<_, Vec<u8>>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, String>(7)?,
                ),
                (
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, Option<String>>(11)?,
                    r.get::<_, Option<Vec<u8>>>(12)?,
                    r.get::<_, Option<i64>>(13)?,
                    r.get::<_, Option<String>>(14)?,
                ),
                (
                    r.get::<_, String>(15)?,
                    r.get::<_, Option<Vec<u8>>>(16)?,
                    r.get::<_, i64>(17)?,
                    r.get::<_, i64>(18)?,
                    r.get::<_, String>(19)?,
                    r.get::<_, String>(20)?,
                    r.get::<_, Option<String>>(21)?,
                ),
            ))
        })
        .unwrap();
    rows.count()
}

fn raw_overview_page(c: &Connection, practice: PracticeId, offset: i64) -> usize {
    let mut stmt = c
        .prepare_cached(
            "SELECT e.id, e.coach_id, co.name, e.client_id, cl.name, e.program_name, e.start_date, e.end_date, e.status,
                    e.unit, e.planned, e.no_show_counts, e.tally_completed, e.tally_completed_minutes, e.tally_no_show,
                    e.tally_no_show_minutes, e.tally_late_cancelled, e.tally_late_cancelled_minutes, count(*) OVER ()
             FROM engagements e
             LEFT JOIN coaches co INDEXED BY coaches_name ON co.id = e.coach_id
             LEFT JOIN clients cl INDEXED BY clients_name ON cl.id = e.client_id
             WHERE e.practice_id = ?1 AND e.status = 'active'
             ORDER BY cl.name IS NULL, cl.name, e.id
             LIMIT 50 OFFSET ?2",
        )
        .unwrap();
    let mut total = 0usize;
    let rows = stmt
        .query_map(params![practice.as_uuid().as_bytes(), offset], |r| {
            total = r.get::<_, i64>(18)? as usize;
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, Option<Vec<u8>>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<Vec<u8>>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, i64>(10)?,
                r.get::<_, bool>(11)?,
                (r.get::<_, i64>(12)?, r.get::<_, i64>(13)?, r.get::<_, i64>(14)?),
                (r.get::<_, i64>(15)?, r.get::<_, i64>(16)?, r.get::<_, i64>(17)?),
            ))
        })
        .unwrap();
    rows.count() + total
}

fn raw_overview(c: &Connection, practice: PracticeId) -> usize {
    let mut stmt = c
        .prepare_cached(
            "SELECT e.id, e.coach_id, co.name, e.client_id, cl.name, e.program_name, e.start_date, e.end_date, e.status,
                    e.unit, e.planned, e.no_show_counts, e.tally_completed, e.tally_completed_minutes, e.tally_no_show,
                    e.tally_no_show_minutes, e.tally_late_cancelled, e.tally_late_cancelled_minutes
             FROM engagements e
             LEFT JOIN coaches co INDEXED BY coaches_name ON co.id = e.coach_id
             LEFT JOIN clients cl INDEXED BY clients_name ON cl.id = e.client_id
             WHERE e.practice_id = ?1
             ORDER BY e.id",
        )
        .unwrap();
    let rows = stmt
        .query_map(params![practice.as_uuid().as_bytes()], |r| {
            Ok((
                (
                    r.get::<_, Vec<u8>>(0)?,
                    r.get::<_, Option<Vec<u8>>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<Vec<u8>>>(3)?,
                ),
                (
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ),
                (
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, i64>(10)?,
                    r.get::<_, bool>(11)?,
                ),
                (
                    r.get::<_, i64>(12)?,
                    r.get::<_, i64>(13)?,
                    r.get::<_, i64>(14)?,
                    r.get::<_, i64>(15)?,
                    r.get::<_, i64>(16)?,
                    r.get::<_, i64>(17)?,
                ),
            ))
        })
        .unwrap();
    rows.count()
}

fn raw_search(c: &Connection, practice: PracticeId, words: &str) -> usize {
    let query = words
        .split_whitespace()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut stmt = c
        .prepare_cached(
            // The file holds one practice: every match is the practice's, so the best query
            // ranks the matches alone (and skips the tie-break on last edit the library keeps).
            "WITH top AS (
                 SELECT rowid AS seq, -bm25(notes_fts, 10.0, 1.0) AS score
                 FROM notes_fts WHERE notes_fts MATCH ?1 AND ?2 IS NOT NULL
                 ORDER BY score DESC LIMIT 20)
             SELECT n.id, n.title, n.body_html, snippet(notes_fts, -1, '<mark>', '</mark>', '…', 16), top.score
             FROM top CROSS JOIN notes_fts ON notes_fts.rowid = top.seq JOIN notes n ON n.seq = top.seq
             WHERE notes_fts MATCH ?1 ORDER BY top.score DESC",
        )
        .unwrap();
    let rows = stmt
        .query_map(params![query, practice.as_uuid().as_bytes()], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, f64>(4)?,
            ))
        })
        .unwrap();
    rows.count()
}
