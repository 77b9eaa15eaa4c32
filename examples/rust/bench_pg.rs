//! The benchmark table on PostgreSQL: the realistic practice of
//! `coaching-core/benches/generate.rs` (5,000 engagements) loaded into a PostgreSQL database
//! by importing the SQLite benchmark file's export (both generated through the library), each dashboard operation timed through the library and against a
//! baseline — the best hand-written query for the same rows on the same database (prepared
//! once, read into tuples) — alternating call by call; then writes per second with 1, 2 and 4
//! processes, each writing in a practice of its own.
//!
//!     scripts/bench-postgres.sh            # a throwaway server (durable settings), then this
//!     cargo run --release -p coaching-core --features postgres --example bench_pg -- URL
//!
//! The practice is generated into an empty database on first use and reused afterwards.

#[path = "../../coaching-core/benches/generate.rs"]
mod generate;
#[path = "timing.rs"]
mod timing;

use std::process::{Command, Stdio};
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use coaching_core::*;
use postgres::{Client, NoTls, Statement};
use timing::*;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--writer") {
        writer(&args[2], args[3].parse().unwrap(), args[4].parse().unwrap());
        return Ok(());
    }
    let url = args
        .get(1)
        .cloned()
        .or_else(|| std::env::var("COACHING_BENCH_DATABASE_URL").ok())
        .expect("a PostgreSQL URL: the first argument or COACHING_BENCH_DATABASE_URL");
    let (lib, p, generated) = open_or_generate(&url)?;
    let me = Actor::Coach(p.owner);
    let mut raw = Raw::new(&url);
    let now = generate::now();
    let (coaches, engagements) = (p.coaches.clone(), p.engagements.clone());
    let mut rows = Vec::new();

    rows.push(row(
        "one engagement with progress",
        compare(
            1000,
            |i| {
                lib.engagement(me, engagements[(i * 7919) % engagements.len()])
                    .unwrap()
            },
            |i| raw.engagement(p.practice, engagements[(i * 7919) % engagements.len()]),
        ),
        "–",
    ));
    rows.push(row(
        "Client To-Dos, first page of 50 (a coach with 100 engagements)",
        compare(
            300,
            |i| {
                lib.client_todos(me, coaches[i % coaches.len()], Page::first(50))
                    .unwrap()
                    .len()
            },
            |i| raw.todos(p.practice, coaches[i % coaches.len()]),
        ),
        "≤ 2 ms",
    ));
    let week = now + Duration::days(7);
    rows.push(row(
        "upcoming sessions, next 7 days",
        compare(
            300,
            |i| {
                lib.upcoming_sessions_for_coach(me, coaches[i % coaches.len()], now, week)
                    .unwrap()
                    .len()
            },
            |i| raw.upcoming(p.practice, coaches[i % coaches.len()], now, week),
        ),
        "–",
    ));
    rows.push(row(
        "overview of 5,000 engagements",
        compare(
            30,
            |_| lib.overview_for_practice(me, p.practice).unwrap().len(),
            |_| raw.overview(p.practice),
        ),
        "≤ 2× baseline",
    ));
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
            30,
            |i| {
                lib.search_notes(
                    me,
                    NoteScope::Practice(p.practice),
                    search(words[i % words.len()]),
                )
                .unwrap()
                .len()
            },
            |i| raw.search(p.practice, words[i % words.len()]),
        ),
        "–",
    ));
    let rare = raw.rare_words(p.practice);
    rows.push(row(
        "keyword search, specific words (100–300 of 100,000 notes), top 20",
        compare(
            100,
            |i| {
                lib.search_notes(
                    me,
                    NoteScope::Practice(p.practice),
                    search(&rare[i % rare.len()]),
                )
                .unwrap()
                .len()
            },
            |i| raw.search(p.practice, &rare[i % rare.len()]),
        ),
        "–",
    ));
    // The change feed: 100 changes after a cursor anywhere in the log, for the owner, a coach
    // with 100 engagements, and a client (cursors among their own changes).
    let max_seq: i64 = raw
        .c
        .query_one("SELECT max(seq) FROM activity_log WHERE practice_id = $1", &[p.practice.as_uuid()])
        .unwrap()
        .get(0);
    let client = p.clients[0];
    let client_seqs: Vec<i64> = raw
        .c
        .query(
            "SELECT l.seq FROM activity_log l JOIN engagements e ON e.practice_id = l.practice_id AND e.id = l.engagement_id
             WHERE l.practice_id = $1 AND e.client_id = $2 ORDER BY l.seq",
            &[p.practice.as_uuid(), client.as_uuid()],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let min_seq: i64 = raw
        .c
        .query_one("SELECT min(seq) FROM activity_log WHERE practice_id = $1", &[p.practice.as_uuid()])
        .unwrap()
        .get(0);
    let cursor = |seq: i64| Cursor::parse(&format!("c1.{seq}")).unwrap();
    let anywhere = |i: usize, last: i64| min_seq + (i as i64 * 7_919_993) % (last - min_seq).max(1);
    let feeds: [(&str, Actor, &str, Option<uuid::Uuid>, i64); 3] = [
        ("the owner", me, FEED_OWNER, None, max_seq - 100),
        ("a coach with 100 engagements", Actor::Coach(coaches[1]), FEED_COACH, Some(*coaches[1].as_uuid()), max_seq - 5_000),
        ("a client", Actor::Client(client), FEED_CLIENT, Some(*client.as_uuid()), 0),
    ];
    for (who, actor, sql, key, last) in feeds {
        let stmt = raw.c.prepare(sql).unwrap();
        let pos = |i: usize| match who {
            "a client" => client_seqs[(i * 31) % (client_seqs.len() / 2).max(1)],
            _ => anywhere(i, last),
        };
        // The log's pages read once before timing: otherwise whichever variant runs first at
        // a position pays the disk.
        for i in 0..500 {
            raw.feed(&stmt, p.practice, pos(i), key);
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
                |i| raw.feed(&stmt, p.practice, pos(i), key),
            ),
            "≤ 1 ms",
        ));
    }
    // Free slots: a 4-week window of a coach with 100 engagements (as in the SQLite table);
    // the baseline reads the coach's Scheduled sessions near the window and runs the same slot
    // computation (hours and rules read once, outside the timing).
    let coach = coaches[1];
    let ce: EngagementId = raw
        .c
        .query_one(
            "SELECT id FROM engagements WHERE practice_id = $1 AND coach_id = $2 AND status = 'active'
             ORDER BY id LIMIT 1",
            &[p.practice.as_uuid(), coach.as_uuid()],
        )
        .unwrap()
        .get::<_, uuid::Uuid>(0)
        .to_string()
        .parse()?;
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
    let busy_stmt = raw
        .c
        .prepare(
            "SELECT start_at, end_at FROM sessions
             WHERE practice_id = $1 AND coach_id = $2 AND status = 'scheduled'
               AND start_at > $3 AND start_at < $4 AND end_at > $5 ORDER BY start_at",
        )
        .unwrap();
    let margin = Duration::days(2);
    let (lo, hi, after) = (from - margin - Duration::days(1), to + margin, from - margin);
    let raw_slots = |raw: &mut Raw| {
        let busy: Vec<(DateTime<Utc>, DateTime<Utc>)> = raw
            .c
            .query(&busy_stmt, &[p.practice.as_uuid(), coach.as_uuid(), &lo, &hi, &after])
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let ctx = booking::SlotContext {
            availability: Some(&avail),
            rules,
            length: Duration::minutes(minutes as i64),
            busy: &busy,
            now,
            zone: chrono_tz::Europe::London,
        };
        booking::slots(&ctx, from, to).len()
    };
    let listed = lib.free_slots(cme, ce, from, to)?.len();
    assert_eq!(listed, raw_slots(&mut raw), "the baseline lists what the library lists");
    rows.push(row(
        format!("free slots, 4 weeks of a coach with 100 engagements ({listed} slots)"),
        compare(
            500,
            |_| lib.free_slots(cme, ce, from, to).unwrap().len(),
            |_| raw_slots(&mut raw),
        ),
        "≤ 1 ms",
    ));
    let e = p.engagements[0];
    let far = raw.after_last_session(p.practice);
    let mut slot = 0i64;
    rows.push(Row {
        op: "book a session (overlap check, log entry, commit)".into(),
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
        target: "≤ 1 ms",
    });
    rows.push(Row {
        op: "open the store (connect, check the schema)".into(),
        lib: alone(20, |_| PostgresStore::open(&url).unwrap()),
        raw: None,
        target: "–",
    });
    print_table(&rows);
    match generated {
        Some(d) => println!(
            "\nLoading the practice (the SQLite benchmark file exported and imported here, one transaction): {:.1} s",
            d.as_secs_f64()
        ),
        None => println!("\nThe practice was already loaded (reused)."),
    }

    // Writes per second, 1, 2 and 4 processes, each in a practice of its own.
    println!("\n| writer processes (a practice each) | writes/s | × one process |\n|---|---|---|");
    let seconds = 5;
    let mut one = 0.0;
    for n in [1, 2, 4] {
        let children: Vec<_> = (0..n)
            .map(|i| {
                Command::new(std::env::current_exe().unwrap())
                    .args(["--writer", &url, &seconds.to_string(), &i.to_string()])
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("spawn a writer")
            })
            .collect();
        let total: f64 = children
            .into_iter()
            .map(|c| {
                let out = c.wait_with_output().unwrap();
                assert!(out.status.success(), "a writer failed");
                String::from_utf8_lossy(&out.stdout)
                    .trim()
                    .parse::<f64>()
                    .unwrap()
            })
            .sum();
        if n == 1 {
            one = total;
        }
        println!("| {n} | {total:.0} | {:.2}× |", total / one);
    }
    Ok(())
}

/// A writer process: its own practice and engagement, then notes and bookings for `seconds`;
/// prints its writes per second.
fn writer(url: &str, seconds: u64, index: usize) {
    let lib = Coaching::open(url).unwrap();
    let (practice, owner) = lib
        .create_practice(NewPractice {
            name: format!("Writer {index}"),
            time_zone: "Europe/London".into(),
            plan: Plan::solo(),
            owner_name: "Owner".into(),
            owner_email: None,
        })
        .unwrap();
    let me = Actor::Coach(owner.id);
    let client = lib
        .add_client(
            me,
            practice.id,
            NewClient {
                name: "Client".into(),
                email: None,
                has_portal: true,
            },
        )
        .unwrap();
    let e = lib
        .create_engagement(
            me,
            practice.id,
            NewEngagement {
                coach_id: Some(owner.id),
                client_id: Some(client.id),
                program_name: Some("Throughput".into()),
                planned: Some(Planned::sessions(1000)),
                ..Default::default()
            },
        )
        .unwrap();
    lib.activate(me, e.id).unwrap();
    let start = generate::now() + Duration::days(400);
    let (t, mut n) = (Instant::now(), 0u64);
    while t.elapsed() < StdDuration::from_secs(seconds) {
        if n % 2 == 0 {
            lib.book_session(
                me,
                e.id,
                NewSession {
                    start: start + Duration::hours(n as i64),
                    end: None,
                    time_zone: None,
                    location: Location::Other {
                        text: "office".into(),
                    },
                },
            )
            .unwrap();
        } else {
            lib.create_note(
                me,
                e.id,
                NewNote {
                    title: format!("Note {n}"),
                    body_html: "<p>Progress on delegation and feedback.</p>".into(),
                    template: None,
                },
            )
            .unwrap();
        }
        n += 1;
    }
    println!("{}", n as f64 / t.elapsed().as_secs_f64());
}

/// The benchmark practice in the database at `url`: generated through the library into an
/// empty database (its ids kept in a table beside the library's), or found there.
fn open_or_generate(url: &str) -> Result<(Coaching, generate::Practice, Option<StdDuration>)> {
    let lib = Coaching::with_clock(PostgresStore::open(url)?, ManualClock::new(generate::now()));
    let mut c = Client::connect(url, NoTls).expect("connect");
    c.batch_execute("CREATE TABLE IF NOT EXISTS coaching_bench_ids (ids text NOT NULL)")
        .unwrap();
    let stored: Option<String> = c
        .query_opt("SELECT ids FROM coaching_bench_ids", &[])
        .unwrap()
        .map(|r| r.get(0));
    if let Some(text) = stored {
        let mut lines = text.lines();
        let mut next = || lines.next().unwrap_or_default().to_string();
        let practice = next().parse()?;
        let owner = next().parse()?;
        let coaches = ids(&next())?;
        let clients = ids(&next())?;
        let engagements = ids(&next())?;
        return Ok((
            lib,
            generate::Practice {
                practice,
                owner,
                coaches,
                clients,
                engagements,
            },
            None,
        ));
    }
    // The SQLite benchmark file (generated through the library on first use), imported: its
    // export streamed through a pipe into this database's import, one transaction.
    let file = std::path::PathBuf::from("target/bench/practice-seed42.db");
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).expect("target/bench");
    }
    let (src, p, _) = generate::open_or_generate(&file, 42, generate::ENGAGEMENTS)?;
    let t = Instant::now();
    let (mut reader, writer) = std::io::pipe().expect("a pipe");
    let owner = Actor::Coach(p.owner);
    let practice = p.practice;
    std::thread::scope(|s| {
        let exporting = s.spawn(move || {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, writer);
            src.export_practice(owner, practice, &mut w)
        });
        let imported = lib.import_practice(&mut reader);
        drop(reader);
        let exported = exporting.join().expect("the exporter");
        imported.and(exported.map(|_| ()))
    })?;
    let took = t.elapsed();
    let join = |v: Vec<String>| v.join(",");
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n",
        p.practice,
        p.owner,
        join(p.coaches.iter().map(|c| c.to_string()).collect()),
        join(p.clients.iter().map(|c| c.to_string()).collect()),
        join(p.engagements.iter().map(|c| c.to_string()).collect()),
    );
    c.execute("INSERT INTO coaching_bench_ids (ids) VALUES ($1)", &[&text])
        .unwrap();
    c.batch_execute("VACUUM ANALYZE").unwrap();
    Ok((lib, p, Some(took)))
}

/// A comma-separated list of ids.
fn ids<T: std::str::FromStr<Err = Error>>(s: &str) -> Result<Vec<T>> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::parse)
        .collect()
}

/// The feed's baselines: the statements the library runs, as a competent engineer would
/// write them for each reader (the owner's log forwards; a coach's engagements' entries; a
/// client's engagements' entries through the engagement index).
const FEED_OWNER: &str = "SELECT id, practice_id, engagement_id, at, actor_kind, actor_id, action, target_kind,
        target_id, detail, audience, seq FROM activity_log
     WHERE practice_id = $1 AND seq > $2 AND audience <> 'own' ORDER BY seq LIMIT 100";
const FEED_COACH: &str = "SELECT id, practice_id, engagement_id, at, actor_kind, actor_id, action, target_kind,
        target_id, detail, audience, seq FROM activity_log
     WHERE practice_id = $1 AND seq > $2 AND (audience = 'coaches' OR (audience IN ('coach', 'client')
        AND engagement_id IN (SELECT id FROM engagements WHERE practice_id = $1 AND coach_id = $3)))
     ORDER BY seq LIMIT 100";
const FEED_CLIENT: &str = "SELECT id, practice_id, engagement_id, at, actor_kind, actor_id, action, target_kind,
        target_id, detail, audience, seq FROM activity_log
     WHERE practice_id = $1 AND seq > $2 AND audience = 'client' AND engagement_id IN
        (SELECT id FROM engagements WHERE practice_id = $1 AND client_id = $3 AND status <> 'draft')
     ORDER BY seq LIMIT 100";

/// The baselines: one connection, each query prepared once, rows read into tuples.
struct Raw {
    c: Client,
    engagement: Statement,
    todos: Statement,
    upcoming: Statement,
    overview: Statement,
    search: Statement,
}

impl Raw {
    fn new(url: &str) -> Raw {
        let mut c = Client::connect(url, NoTls).expect("connect");
        c.batch_execute("SET plan_cache_mode = force_generic_plan; SET jit = off; SET max_parallel_workers_per_gather = 0")
            .unwrap();
        let engagement = c
            .prepare(
                "SELECT e.id, e.coach_id, co.name, e.client_id, cl.name, e.program_name, e.start_date, e.end_date,
                        e.status, e.unit, e.planned, e.no_show_counts, e.tally_completed, e.tally_completed_minutes,
                        e.tally_no_show, e.tally_no_show_minutes, e.tally_late_cancelled, e.tally_late_cancelled_minutes
                 FROM engagements e
                 LEFT JOIN coaches co ON co.practice_id = e.practice_id AND co.id = e.coach_id
                 LEFT JOIN clients cl ON cl.practice_id = e.practice_id AND cl.id = e.client_id
                 WHERE e.practice_id = $1 AND e.id = $2",
            )
            .unwrap();
        let todos = c
            .prepare(
                "SELECT t.kind, t.id, t.engagement_id, c.client_id, c.name, t.name, gg.name, t.due FROM (
                     (SELECT 'goal' AS kind, id, engagement_id, name, NULL::uuid AS goal_id, due_date AS due
                      FROM goals WHERE practice_id = $1 AND todo_coach = $2)
                     UNION ALL
                     (SELECT 'milestone', id, engagement_id, name, goal_id, due_date FROM milestones
                      WHERE practice_id = $1 AND todo_coach = $2)
                     UNION ALL
                     (SELECT 'assignment', id, engagement_id, name, NULL::uuid, due_date FROM assignments
                      WHERE practice_id = $1 AND todo_coach = $2)
                     UNION ALL
                     (SELECT 'form', id, engagement_id, name, NULL::uuid, due_date FROM forms
                      WHERE practice_id = $1 AND todo_coach = $2)
                     ORDER BY due NULLS LAST, name, id LIMIT 50) t
                 CROSS JOIN LATERAL (SELECT e.client_id, cl.name FROM engagements e
                     JOIN clients cl ON cl.practice_id = e.practice_id AND cl.id = e.client_id
                     WHERE e.practice_id = $1 AND e.id = t.engagement_id LIMIT 1) c
                 LEFT JOIN LATERAL (SELECT g.name FROM goals g WHERE g.practice_id = $1 AND g.id = t.goal_id LIMIT 1) gg
                     ON true
                 ORDER BY t.due NULLS LAST, t.name, t.id",
            )
            .unwrap();
        let upcoming = c
            .prepare(
                "SELECT s.id, s.practice_id, s.engagement_id, s.coach_id, s.client_id, s.start_at, s.end_at,
                        s.time_zone, s.location_kind, s.location_value, s.status, s.cancelled_by_kind,
                        s.cancelled_by_id, s.cancelled_at, s.cancel_reason, s.created_by_kind, s.created_by_id,
                        s.created_at, s.updated_at, co.name, cl.name, e.program_name
                 FROM sessions s
                 JOIN engagements e ON e.practice_id = s.practice_id AND e.id = s.engagement_id
                 JOIN coaches co ON co.practice_id = s.practice_id AND co.id = s.coach_id
                 JOIN clients cl ON cl.practice_id = s.practice_id AND cl.id = s.client_id
                 WHERE s.practice_id = $1 AND s.coach_id = $2 AND s.start_at >= $3 AND s.start_at < $4
                   AND s.status = 'scheduled'
                 ORDER BY s.start_at, s.id",
            )
            .unwrap();
        let overview = c
            .prepare(
                "SELECT e.id, e.coach_id, co.name, e.client_id, cl.name, e.program_name, e.start_date, e.end_date,
                        e.status, e.unit, e.planned, e.no_show_counts, e.tally_completed, e.tally_completed_minutes,
                        e.tally_no_show, e.tally_no_show_minutes, e.tally_late_cancelled, e.tally_late_cancelled_minutes
                 FROM engagements e
                 LEFT JOIN coaches co ON co.practice_id = e.practice_id AND co.id = e.coach_id
                 LEFT JOIN clients cl ON cl.practice_id = e.practice_id AND cl.id = e.client_id
                 WHERE e.practice_id = $1
                 ORDER BY e.id",
            )
            .unwrap();
        let search = c
            .prepare(
                "WITH q AS (SELECT to_tsquery('coaching_search', $2) AS q),
                 top AS (SELECT n.id, ts_rank('{0, 0, 0.1, 1}', n.search, q.q) AS rank FROM notes n, q
                         WHERE n.practice_id = $1 AND n.search @@ q.q ORDER BY rank DESC LIMIT 20)
                 SELECT n.id, n.title, n.body_html,
                        ts_headline('coaching_search', n.body_text, q.q, 'MaxWords=16, MinWords=6, MaxFragments=1'),
                        top.rank
                 FROM top JOIN notes n ON n.practice_id = $1 AND n.id = top.id, q ORDER BY top.rank DESC",
            )
            .unwrap();
        Raw {
            c,
            engagement,
            todos,
            upcoming,
            overview,
            search,
        }
    }

    fn engagement(&mut self, p: PracticeId, e: EngagementId) -> usize {
        let rows = self
            .c
            .query(&self.engagement, &[p.as_uuid(), e.as_uuid()])
            .unwrap();
        rows.iter()
            .map(|r| {
                (
                    r.get::<_, uuid::Uuid>(0),
                    r.get::<_, Option<String>>(2),
                    r.get::<_, Option<String>>(4),
                    r.get::<_, Option<String>>(5),
                    r.get::<_, String>(8),
                    r.get::<_, i32>(10),
                    r.get::<_, i32>(12),
                    r.get::<_, i32>(14),
                )
            })
            .collect::<Vec<_>>()
            .len()
    }

    fn feed(&mut self, stmt: &Statement, p: PracticeId, after: i64, key: Option<uuid::Uuid>) -> usize {
        let rows = match key {
            Some(k) => self.c.query(stmt, &[p.as_uuid(), &after, &k]),
            None => self.c.query(stmt, &[p.as_uuid(), &after]),
        }
        .unwrap();
        rows.iter()
            .map(|r| {
                (
                    r.get::<_, uuid::Uuid>(0),
                    r.get::<_, Option<uuid::Uuid>>(2),
                    r.get::<_, DateTime<Utc>>(3),
                    r.get::<_, String>(4),
                    r.get::<_, Option<uuid::Uuid>>(5),
                    r.get::<_, String>(6),
                    r.get::<_, String>(7),
                    r.get::<_, uuid::Uuid>(8),
                    r.get::<_, Option<String>>(9),
                    r.get::<_, String>(10),
                    r.get::<_, i64>(11),
                )
            })
            .count()
    }

    fn todos(&mut self, p: PracticeId, coach: CoachId) -> usize {
        let rows = self
            .c
            .query(&self.todos, &[p.as_uuid(), coach.as_uuid()])
            .unwrap();
        rows.iter()
            .map(|r| {
                (
                    r.get::<_, String>(0),
                    r.get::<_, uuid::Uuid>(1),
                    r.get::<_, uuid::Uuid>(2),
                    r.get::<_, uuid::Uuid>(3),
                    r.get::<_, String>(4),
                    r.get::<_, String>(5),
                    r.get::<_, Option<String>>(6),
                    r.get::<_, Option<chrono::NaiveDate>>(7),
                )
            })
            .collect::<Vec<_>>()
            .len()
    }

    fn upcoming(
        &mut self,
        p: PracticeId,
        coach: CoachId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> usize {
        let rows = self
            .c
            .query(&self.upcoming, &[p.as_uuid(), coach.as_uuid(), &from, &to])
            .unwrap();
        rows.iter()
            .map(|r| {
                (
                    (
                        r.get::<_, uuid::Uuid>(0),
                        r.get::<_, uuid::Uuid>(1),
                        r.get::<_, uuid::Uuid>(2),
                        r.get::<_, uuid::Uuid>(3),
                        r.get::<_, uuid::Uuid>(4),
                        r.get::<_, DateTime<Utc>>(5),
                        r.get::<_, DateTime<Utc>>(6),
                        r.get::<_, String>(7),
                    ),
                    (
                        r.get::<_, String>(8),
                        r.get::<_, String>(9),
                        r.get::<_, String>(10),
                        r.get::<_, Option<String>>(11),
                        r.get::<_, Option<uuid::Uuid>>(12),
                        r.get::<_, Option<DateTime<Utc>>>(13),
                        r.get::<_, Option<String>>(14),
                    ),
                    (
                        r.get::<_, String>(15),
                        r.get::<_, Option<uuid::Uuid>>(16),
                        r.get::<_, DateTime<Utc>>(17),
                        r.get::<_, DateTime<Utc>>(18),
                        r.get::<_, String>(19),
                        r.get::<_, String>(20),
                        r.get::<_, Option<String>>(21),
                    ),
                )
            })
            .collect::<Vec<_>>()
            .len()
    }

    fn overview(&mut self, p: PracticeId) -> usize {
        let rows = self.c.query(&self.overview, &[p.as_uuid()]).unwrap();
        rows.iter()
            .map(|r| {
                (
                    (
                        r.get::<_, uuid::Uuid>(0),
                        r.get::<_, Option<uuid::Uuid>>(1),
                        r.get::<_, Option<String>>(2),
                        r.get::<_, Option<uuid::Uuid>>(3),
                    ),
                    (
                        r.get::<_, Option<String>>(4),
                        r.get::<_, Option<String>>(5),
                        r.get::<_, Option<chrono::NaiveDate>>(6),
                        r.get::<_, Option<chrono::NaiveDate>>(7),
                    ),
                    (
                        r.get::<_, String>(8),
                        r.get::<_, String>(9),
                        r.get::<_, i32>(10),
                        r.get::<_, bool>(11),
                    ),
                    (
                        r.get::<_, i32>(12),
                        r.get::<_, i64>(13),
                        r.get::<_, i32>(14),
                        r.get::<_, i64>(15),
                        r.get::<_, i32>(16),
                        r.get::<_, i64>(17),
                    ),
                )
            })
            .collect::<Vec<_>>()
            .len()
    }

    fn search(&mut self, p: PracticeId, word: &str) -> usize {
        let q = format!("'{word}':*");
        let rows = self.c.query(&self.search, &[p.as_uuid(), &q]).unwrap();
        rows.iter()
            .map(|r| {
                (
                    r.get::<_, uuid::Uuid>(0),
                    r.get::<_, String>(1),
                    r.get::<_, String>(2),
                    r.get::<_, String>(3),
                    r.get::<_, f32>(4),
                )
            })
            .collect::<Vec<_>>()
            .len()
    }

    /// Words of the notes found in 100 to 300 of them.
    fn rare_words(&mut self, p: PracticeId) -> Vec<String> {
        self.c
            .query(
                "SELECT word FROM ts_stat(format('SELECT search FROM notes WHERE practice_id = %L', $1::text))
                 WHERE ndoc BETWEEN 100 AND 300 AND length(word) > 4 ORDER BY word LIMIT 6",
                &[&p.to_string()],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect()
    }

    /// A start after every session of the practice (bookings on a reused database).
    fn after_last_session(&mut self, p: PracticeId) -> DateTime<Utc> {
        let last: Option<DateTime<Utc>> = self
            .c
            .query_one(
                "SELECT max(end_at) FROM sessions WHERE practice_id = $1",
                &[p.as_uuid()],
            )
            .unwrap()
            .get(0);
        last.map_or(generate::now(), |t| t + Duration::days(1))
    }
}
