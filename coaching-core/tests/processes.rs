//! Rules across processes, on one SQLite file: real OS processes (this test binary run again
//! as a child, see [`child`]) writing, reading, opening and being killed.
//!
//! - **Crash**: a child runs a stream of real operations and is SIGKILLed at a random moment,
//!   `COACHING_KILLS` times (30 by default; `COACHING_KILLS=1000 cargo test -p coaching-core
//!   --release --test processes crash` for the long run). After each kill the file opens,
//!   `PRAGMA integrity_check` and the FTS index's integrity check pass, and the invariants hold:
//!   each stored session tally equals a recount, every operation the child saw committed has
//!   its log entry (and every stored object its creation entry), the Active count never
//!   exceeds the plan's cap, and no coach has two overlapping Scheduled sessions.
//! - **Writers**: 2 and 4 processes × 200 operations on one practice, with a reader process
//!   watching: no error, no lost write, counts that never go backwards.
//! - **Opening a new file at once**: 4 processes open the same new path at the same moment,
//!   40 times.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use coaching_core::*;
use rusqlite::Connection;

const CAP: u32 = 4;

// ---------------------------------------------------------------- children

#[path = "children/mod.rs"]
mod children;
use children::{finish, spawn, var};

/// The entry point of child processes; ignored in an ordinary run.
#[test]
#[ignore = "run by the other tests as a child process"]
fn child() {
    match var("COACHING_CHILD").as_str() {
        "stream" => stream(),
        "writer" => writer(),
        "reader" => reader(),
        "opener" => opener(),
        "client_booker" => client_booker(),
        "form_racer" => form_racer(),
        "sync_sender" => sync_sender(),
        other => panic!("no such child role: {other}"),
    }
}

/// A small deterministic generator (xorshift64*), seeded per child.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        ^ (std::process::id() as u64) << 32
}

/// A record of what a child saw committed: `action target` lines, appended after each commit.
struct Record(std::fs::File);

impl Record {
    fn open(path: &str) -> Self {
        Record(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .unwrap(),
        )
    }
    fn done(&mut self, action: Action, target: impl std::fmt::Display) {
        // One write call per line: a kill leaves at most a partial last line.
        self.0
            .write_all(format!("{} {target}\n", action.as_str()).as_bytes())
            .unwrap();
    }
}

fn read_records(path: &Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let complete = match text.rfind('\n') {
        Some(i) => &text[..=i],
        None => "",
    };
    complete
        .lines()
        .map(|l| {
            let (a, t) = l.split_once(' ').unwrap();
            (a.to_string(), t.to_string())
        })
        .collect()
}

const WORDS: &[&str] = &[
    "goal",
    "habit",
    "leadership",
    "feedback",
    "delegation",
    "confidence",
    "burnout",
    "team",
    "strategy",
    "reflection",
    "journal",
    "boundaries",
    "promotion",
    "conflict",
    "listening",
];

/// The crash child: a stream of real operations until it is killed.
fn stream() {
    let lib = Coaching::open(var("COACHING_DB")).unwrap();
    let practice: PracticeId = var("COACHING_PRACTICE").parse().unwrap();
    let owner: CoachId = var("COACHING_OWNER").parse().unwrap();
    let me = Actor::Coach(owner);
    let mut record = Record::open(&var("COACHING_RECORD"));
    let mut rng = Rng::new(seed());
    let clients = lib.clients(me, practice).unwrap();
    // Sessions in the past, so that they can be held, missed or cancelled right away.
    let base = Utc.with_ymd_and_hms(2020, 1, 1, 8, 0, 0).unwrap();
    loop {
        let lines = lib.overview_for_practice(me, practice).unwrap();
        let pick = |rng: &mut Rng| -> Option<EngagementOverview> {
            (!lines.is_empty()).then(|| lines[rng.below(lines.len() as u64) as usize].clone())
        };
        match rng.below(12) {
            0 | 1 => {
                let c = &clients[rng.below(clients.len() as u64) as usize];
                let e = lib
                    .create_engagement(
                        me,
                        practice,
                        NewEngagement {
                            coach_id: Some(owner),
                            client_id: Some(c.id),
                            program_name: Some("Stream".into()),
                            planned: Some(Planned::sessions(1 + rng.below(3) as u32)),
                            ..Default::default()
                        },
                    )
                    .unwrap();
                record.done(Action::EngagementCreated, e.id);
            }
            2 => {
                if let Some(l) = pick(&mut rng) {
                    match lib.activate(me, l.engagement.id) {
                        Ok(_) => record.done(Action::EngagementActivated, l.engagement.id),
                        Err(Error::PlanLimitReached { .. })
                        | Err(Error::InvalidTransition { .. }) => {}
                        Err(e) => panic!("activate: {e}"),
                    }
                }
            }
            3 | 4 => {
                if let Some(l) = pick(&mut rng) {
                    let start = base + chrono::Duration::minutes(30 * rng.below(20_000) as i64);
                    match lib.book_session(
                        me,
                        l.engagement.id,
                        NewSession {
                            start,
                            end: None,
                            time_zone: None,
                            location: Location::Phone {
                                number: "+44 20 7946 0000".into(),
                            },
                        },
                    ) {
                        Ok(s) => record.done(Action::SessionBooked, s.id),
                        Err(Error::EngagementNotActive { .. }) | Err(Error::Conflict { .. }) => {}
                        Err(e) => panic!("book: {e}"),
                    }
                }
            }
            5 | 6 => {
                if let Some(l) = pick(&mut rng) {
                    let past = lib
                        .sessions(me, l.engagement.id, SessionRange::Past, Page::default())
                        .unwrap();
                    if let Some(s) = past.iter().find(|s| s.status == SessionStatus::Scheduled) {
                        let (r, action) = match rng.below(3) {
                            0 => (lib.complete_session(me, s.id), Action::SessionCompleted),
                            1 => (lib.mark_no_show(me, s.id), Action::SessionNoShow),
                            _ => (
                                lib.cancel_session(me, s.id, Some("moved")),
                                Action::SessionCancelled,
                            ),
                        };
                        match r {
                            Ok(_) => record.done(action, s.id),
                            Err(Error::EngagementNotActive { .. })
                            | Err(Error::InvalidSessionTransition { .. }) => {}
                            Err(e) => panic!("close session: {e}"),
                        }
                    }
                }
            }
            7 | 8 => {
                if let Some(l) = pick(&mut rng) {
                    let words: Vec<&str> = (0..40)
                        .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
                        .collect();
                    let n = lib
                        .create_note(
                            me,
                            l.engagement.id,
                            NewNote {
                                title: format!("Note {}", rng.below(1000)),
                                body_html: format!("<p>{}</p>", words.join(" ")),
                                template: None,
                            },
                        )
                        .unwrap();
                    record.done(Action::NoteCreated, n.id);
                }
            }
            9 => {
                if let Some(l) = pick(&mut rng) {
                    let g = lib
                        .create_goal(
                            me,
                            l.engagement.id,
                            NewGoal {
                                name: "Goal".into(),
                                ..Default::default()
                            },
                        )
                        .unwrap();
                    record.done(Action::GoalCreated, g.id);
                }
            }
            10 => {
                if let Some(l) = pick(&mut rng) {
                    match lib.deactivate(me, l.engagement.id) {
                        Ok(_) => record.done(Action::EngagementDeactivated, l.engagement.id),
                        Err(Error::InvalidTransition { .. }) => {}
                        Err(e) => panic!("deactivate: {e}"),
                    }
                }
            }
            _ => {
                if lines.len() > 30 {
                    let l = pick(&mut rng).unwrap();
                    lib.delete_engagement(me, l.engagement.id).unwrap();
                    record.done(Action::EngagementDeleted, l.engagement.id);
                }
            }
        }
    }
}

// ---------------------------------------------------------------- the crash test

fn new_practice(lib: &Coaching, plan: Plan) -> (Practice, Coach) {
    lib.create_practice(NewPractice {
        name: "Torture Test Coaching".into(),
        time_zone: "Europe/London".into(),
        plan,
        owner_name: "Olivia Owner".into(),
        owner_email: None,
    })
    .unwrap()
}

fn capped() -> Plan {
    Plan {
        name: "capped".into(),
        max_active_engagements: Some(CAP),
        max_coaches: None,
        can_reassign: true,
    }
}

/// Checks the file after a kill; returns the number of log entries.
fn check_invariants(path: &Path, record: &Path) -> i64 {
    // The library opens it (recovering the WAL) and answers.
    drop(Coaching::open(path).expect("the file opens after a kill"));
    let conn = Connection::open(path).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "integrity_check");
    conn.execute(
        "INSERT INTO notes_fts(notes_fts) VALUES ('integrity-check')",
        [],
    )
    .expect("the FTS index is consistent with the notes");
    // The stored tally equals a recount.
    let drift: i64 = conn
        .query_row(
            "SELECT count(*) FROM engagements e WHERE
                e.tally_completed != (SELECT count(*) FROM sessions s WHERE s.engagement_id = e.id AND s.status = 'completed')
             OR e.tally_no_show != (SELECT count(*) FROM sessions s WHERE s.engagement_id = e.id AND s.status = 'no_show')
             OR e.tally_late_cancelled != (SELECT count(*) FROM sessions s WHERE s.engagement_id = e.id AND s.status = 'late_cancelled')
             OR e.tally_completed_minutes != (SELECT coalesce(sum((end_at - start_at) / 60000000), 0) FROM sessions s WHERE s.engagement_id = e.id AND s.status = 'completed')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        drift, 0,
        "engagements whose stored tally differs from a recount"
    );
    // The plan's cap.
    let active: i64 = conn
        .query_row(
            "SELECT count(*) FROM engagements WHERE status = 'active'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        active <= CAP as i64,
        "{active} Active engagements, cap {CAP}"
    );
    // No coach double-booked.
    // (Each Scheduled session against the latest end before it, in the coach's start order:
    // linear in the sessions, where a self-join grew with their square over 1,000 rounds.)
    let overlaps: i64 = conn
        .query_row(
            "SELECT count(*) FROM (
                 SELECT start_at, max(end_at) OVER (PARTITION BY coach_id ORDER BY start_at, id
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end
                 FROM sessions WHERE status = 'scheduled')
             WHERE start_at < before_end",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(overlaps, 0, "overlapping Scheduled sessions of one coach");
    // The log's (action, target) pairs, read once: the checks below look each object and
    // each recorded operation up in this set (the log has no index on its target).
    let log: std::collections::HashSet<(String, Vec<u8>)> = conn
        .prepare("SELECT action, target_id FROM activity_log")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // Every stored object has its creation entry (nothing half-done).
    for (table, action) in [
        ("engagements", "engagement_created"),
        ("sessions", "session_booked"),
        ("notes", "note_created"),
        ("goals", "goal_created"),
    ] {
        let orphans = conn
            .prepare(&format!("SELECT id FROM {table}"))
            .unwrap()
            .query_map([], |r| r.get::<_, Vec<u8>>(0))
            .unwrap()
            .filter(|id| !log.contains(&(action.to_string(), id.as_ref().unwrap().clone())))
            .count();
        assert_eq!(orphans, 0, "{table} without their {action} entry");
    }
    // Every operation the child saw committed is in the log.
    for (action, target) in read_records(record) {
        let id = uuid::Uuid::parse_str(&target).unwrap();
        assert!(
            log.contains(&(action.clone(), id.as_bytes().to_vec())),
            "committed but not logged: {action} {target}"
        );
    }
    conn.query_row("SELECT count(*) FROM activity_log", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn crash_at_random_moments_leaves_a_consistent_file() {
    let kills: u32 = std::env::var("COACHING_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let record = dir.path().join("committed.txt");
    let (practice, owner) = {
        let lib = Coaching::open(&path).unwrap();
        let (p, o) = new_practice(&lib, capped());
        for name in ["Ada", "Ben", "Cleo", "Dev", "Eve", "Finn"] {
            lib.add_client(
                Actor::Coach(o.id),
                p.id,
                NewClient {
                    name: name.into(),
                    has_portal: true,
                    ..Default::default()
                },
            )
            .unwrap();
        }
        (p, o)
    };
    let mut rng = Rng::new(seed());
    let mut entries = Vec::new();
    for round in 0..kills {
        let mut child = spawn(
            "stream",
            &[
                ("COACHING_DB", path.display().to_string()),
                ("COACHING_PRACTICE", practice.id.to_string()),
                ("COACHING_OWNER", owner.id.to_string()),
                ("COACHING_RECORD", record.display().to_string()),
            ],
        );
        std::thread::sleep(Duration::from_millis(40 + rng.below(400)));
        if let Ok(Some(status)) = child.try_wait() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "round {round}: the child stopped by itself ({status}): {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        entries.push(check_invariants(&path, &record));
    }
    let committed = read_records(&record).len();
    eprintln!(
        "{kills} kills; {committed} operations committed and checked; log entries after each kill: {:?}",
        entries
    );
    assert!(
        committed > kills as usize,
        "the children did too little work to test"
    );
    assert!(
        entries.windows(2).all(|w| w[0] <= w[1]),
        "the log shrank: {entries:?}"
    );
}

// ---------------------------------------------------------------- writers and a reader

/// A writer child: `COACHING_OPS` operations in its own engagements (its own coach, so its
/// bookings never clash with another writer's), recording every created id.
fn writer() {
    let lib = Coaching::open(var("COACHING_DB")).unwrap();
    let practice: PracticeId = var("COACHING_PRACTICE").parse().unwrap();
    let coach: CoachId = var("COACHING_COACH").parse().unwrap();
    let ops: u32 = var("COACHING_OPS").parse().unwrap();
    let me = Actor::Coach(coach);
    let mut record = Record::open(&var("COACHING_RECORD"));
    let client = lib
        .add_client(
            me,
            practice,
            NewClient {
                name: format!("Client of {coach}"),
                has_portal: true,
                ..Default::default()
            },
        )
        .unwrap();
    record.done(Action::ClientAdded, client.id);
    let mut engagement = None;
    let base = Utc.with_ymd_and_hms(2031, 1, 1, 8, 0, 0).unwrap();
    for i in 1..ops {
        match (i % 4, engagement) {
            (0, _) | (_, None) => {
                let e = lib
                    .create_engagement(
                        me,
                        practice,
                        NewEngagement {
                            coach_id: Some(coach),
                            client_id: Some(client.id),
                            program_name: Some("Writers".into()),
                            planned: Some(Planned::sessions(100)),
                            ..Default::default()
                        },
                    )
                    .unwrap();
                lib.activate(me, e.id).unwrap();
                record.done(Action::EngagementCreated, e.id);
                engagement = Some(e.id);
            }
            (1, Some(e)) => {
                let s = lib
                    .book_session(
                        me,
                        e,
                        NewSession {
                            start: base + chrono::Duration::hours(i as i64),
                            end: None,
                            time_zone: None,
                            location: Location::Other {
                                text: "office".into(),
                            },
                        },
                    )
                    .unwrap();
                record.done(Action::SessionBooked, s.id);
            }
            (2, Some(e)) => {
                let n = lib
                    .create_note(
                        me,
                        e,
                        NewNote {
                            title: format!("Note {i}"),
                            body_html: "<p>progress and reflection</p>".into(),
                            template: None,
                        },
                    )
                    .unwrap();
                record.done(Action::NoteCreated, n.id);
            }
            (_, Some(e)) => {
                let g = lib
                    .create_goal(
                        me,
                        e,
                        NewGoal {
                            name: format!("Goal {i}"),
                            ..Default::default()
                        },
                    )
                    .unwrap();
                record.done(Action::GoalCreated, g.id);
            }
        }
    }
}

/// The reader child: reads counts until the stop file appears; counts must never go back.
fn reader() {
    let lib = Coaching::open(var("COACHING_DB")).unwrap();
    let practice: PracticeId = var("COACHING_PRACTICE").parse().unwrap();
    let owner = Actor::Coach(var("COACHING_OWNER").parse().unwrap());
    let stop = PathBuf::from(var("COACHING_STOP"));
    let conn = Connection::open_with_flags(
        var("COACHING_DB"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut last = (0usize, 0usize);
    let mut reads = 0u64;
    // It also follows the change feed, in small pages, from the beginning.
    let mut cursor: Option<Cursor> = None;
    let mut fed: Vec<String> = Vec::new();
    loop {
        let stopping = stop.exists();
        loop {
            let page = lib.changes(owner, practice, cursor.as_ref(), 7).unwrap();
            fed.extend(page.changes.iter().map(|c| c.id.to_string()));
            cursor = Some(page.next);
            if !page.more {
                break;
            }
        }
        let engagements = lib.overview_for_practice(owner, practice).unwrap().len();
        let log = log_count(&conn);
        assert!(
            engagements >= last.0 && log >= last.1,
            "counts went back: {last:?} -> {:?}",
            (engagements, log)
        );
        last = (engagements, log);
        reads += 1;
        if stopping {
            break;
        }
    }
    std::fs::write(var("COACHING_RECORD"), format!("{reads}\n{}\n", fed.join("\n"))).unwrap();
}

fn log_count(conn: &Connection) -> usize {
    conn.query_row("SELECT count(*) FROM activity_log", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap() as usize
}

fn writers_and_a_reader(writers: usize, ops: u32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let stop = dir.path().join("stop");
    let lib = Coaching::open(&path).unwrap();
    let (practice, owner) = new_practice(&lib, Plan::team(writers as u32 + 1));
    let coaches: Vec<Coach> = (0..writers)
        .map(|i| {
            lib.add_coach(
                Actor::Coach(owner.id),
                practice.id,
                NewCoach {
                    name: format!("Writer {i}"),
                    email: None,
                },
            )
            .unwrap()
        })
        .collect();
    let log_before = log_count(&Connection::open(&path).unwrap());
    let reader_out = dir.path().join("reads.txt");
    let reader = spawn(
        "reader",
        &[
            ("COACHING_DB", path.display().to_string()),
            ("COACHING_PRACTICE", practice.id.to_string()),
            ("COACHING_OWNER", owner.id.to_string()),
            ("COACHING_STOP", stop.display().to_string()),
            ("COACHING_RECORD", reader_out.display().to_string()),
        ],
    );
    let started = Instant::now();
    let children: Vec<(Child, PathBuf)> = coaches
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let rec = dir.path().join(format!("writer-{i}.txt"));
            let child = spawn(
                "writer",
                &[
                    ("COACHING_DB", path.display().to_string()),
                    ("COACHING_PRACTICE", practice.id.to_string()),
                    ("COACHING_COACH", c.id.to_string()),
                    ("COACHING_OPS", ops.to_string()),
                    ("COACHING_RECORD", rec.display().to_string()),
                ],
            );
            (child, rec)
        })
        .collect();
    let mut records = Vec::new();
    for (i, (child, rec)) in children.into_iter().enumerate() {
        finish(child, &format!("writer {i}"));
        records.push(rec);
    }
    let elapsed = started.elapsed();
    std::fs::write(&stop, "").unwrap();
    finish(reader, "the reader");
    // Nothing lost: every recorded write is there, and the log grew by exactly one entry per
    // operation plus one per activation.
    let me = Actor::Coach(owner.id);
    let mut written = 0;
    let mut activations = 0;
    for rec in &records {
        let lines = read_records(rec);
        assert_eq!(lines.len(), ops as usize, "{rec:?}");
        for (action, id) in lines {
            written += 1;
            match action.as_str() {
                "client_added" => drop(lib.client(me, id.parse().unwrap()).unwrap()),
                "engagement_created" => {
                    activations += 1;
                    drop(lib.engagement(me, id.parse().unwrap()).unwrap())
                }
                "session_booked" => drop(lib.session(me, id.parse().unwrap()).unwrap()),
                "note_created" => drop(lib.note(me, id.parse().unwrap()).unwrap()),
                "goal_created" => {
                    let id = uuid::Uuid::parse_str(&id).unwrap();
                    let conn = Connection::open(&path).unwrap();
                    assert!(conn
                        .prepare("SELECT 1 FROM goals WHERE id = ?1")
                        .unwrap()
                        .exists([id.as_bytes().to_vec()])
                        .unwrap());
                }
                other => panic!("unexpected record {other}"),
            }
        }
    }
    let log_after = log_count(&Connection::open(&path).unwrap());
    assert_eq!(log_after - log_before, written + activations);
    let record = std::fs::read_to_string(&reader_out).unwrap();
    let mut lines = record.lines();
    let reads: u64 = lines.next().unwrap().parse().unwrap();
    // The reader, following the feed while the writers wrote, was given the whole log once,
    // in order.
    let fed: Vec<&str> = lines.collect();
    let mut log = Vec::new();
    loop {
        let page = Page::new(log.len() as u32, 1000);
        let more = lib.practice_activity(me, practice.id, page).unwrap();
        if more.is_empty() {
            break;
        }
        log.extend(more);
    }
    let log: Vec<String> = log.iter().rev().map(|l| l.id.to_string()).collect();
    assert_eq!(fed, log, "the feed the reader followed is the log");
    eprintln!(
        "{writers} writers × {ops} operations in {:.2} s, {reads} consistent reads meanwhile",
        elapsed.as_secs_f64()
    );
}

#[test]
fn two_writers_and_a_reader_lose_nothing() {
    writers_and_a_reader(2, 200);
}

#[test]
fn four_writers_and_a_reader_lose_nothing() {
    writers_and_a_reader(4, 200);
}

// ---------------------------------------------------------------- a client's allocation

/// Starts four children together: each writes its file in `COACHING_DIR`, then waits for the
/// others'.
fn start_together(me: i64) {
    let dir = PathBuf::from(var("COACHING_DIR"));
    std::fs::write(dir.join(format!("ready-{me}")), b"").unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while (0..4).any(|i| !dir.join(format!("ready-{i}")).exists()) {
        assert!(Instant::now() < deadline, "the other children never started");
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// A practice whose owner has an Active engagement of `planned` sessions with Carla, a client
/// with a portal.
fn portal_engagement(lib: &Coaching, planned: u32) -> (Practice, Coach, Client, Engagement) {
    let (practice, owner) = new_practice(lib, Plan::solo());
    let me = Actor::Coach(owner.id);
    let carla = lib
        .add_client(me, practice.id, NewClient { name: "Carla".into(), has_portal: true, ..Default::default() })
        .unwrap();
    let e = lib
        .create_engagement(
            me,
            practice.id,
            NewEngagement {
                coach_id: Some(owner.id),
                client_id: Some(carla.id),
                program_name: Some("Allocation".into()),
                planned: Some(Planned::sessions(planned)),
                ..Default::default()
            },
        )
        .unwrap();
    let e = lib.activate(me, e.id).unwrap();
    (practice, owner, carla, e)
}

/// The client booker child: the engagement's client books session after session at times of
/// its own (no clash with the other processes) until the allocation is used up; writes how many
/// it booked.
fn client_booker() {
    let lib = Coaching::open(var("COACHING_DB")).unwrap();
    let client: ClientId = var("COACHING_CLIENT").parse().unwrap();
    let engagement: EngagementId = var("COACHING_ENGAGEMENT").parse().unwrap();
    let me: i64 = var("COACHING_INDEX").parse().unwrap();
    let base = Utc.with_ymd_and_hms(2031, 3, 3, 0, 0, 0).unwrap();
    start_together(me);
    let mut booked = 0;
    for i in 0..40i64 {
        let start = base + chrono::Duration::hours(me * 100 + 2 * i);
        match lib.book_session(
            Actor::Client(client),
            engagement,
            NewSession {
                start,
                end: None,
                time_zone: None,
                location: Location::Other { text: "office".into() },
            },
        ) {
            Ok(_) => {
                booked += 1;
                // Let the others in between: the bookings interleave across processes.
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(Error::AllocationUsedUp { .. }) => break,
            Err(e) => panic!("unexpected refusal: {e}"),
        }
    }
    std::fs::write(var("COACHING_RECORD"), booked.to_string()).unwrap();
}

/// Four processes, each the same client booking as fast as it can: together they book exactly
/// the allocation (planned − used − scheduled), never one more.
#[test]
fn clients_booking_from_four_processes_never_pass_the_allocation() {
    let mut winners = Vec::new();
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.db");
        let lib = Coaching::open(&path).unwrap();
        let planned = 7 + round;
        let (_, owner, carla, e) = portal_engagement(&lib, planned);
        let me = Actor::Coach(owner.id);
        let children: Vec<(Child, PathBuf)> = (0..4)
            .map(|i| {
                let rec = dir.path().join(format!("booker-{i}.txt"));
                let child = spawn(
                    "client_booker",
                    &[
                        ("COACHING_DB", path.display().to_string()),
                        ("COACHING_CLIENT", carla.id.to_string()),
                        ("COACHING_ENGAGEMENT", e.id.to_string()),
                        ("COACHING_INDEX", i.to_string()),
                        ("COACHING_RECORD", rec.display().to_string()),
                        ("COACHING_DIR", dir.path().display().to_string()),
                    ],
                );
                (child, rec)
            })
            .collect();
        let mut total = 0;
        for (i, (child, rec)) in children.into_iter().enumerate() {
            finish(child, &format!("booker {i}"));
            total += std::fs::read_to_string(rec).unwrap().parse::<u32>().unwrap();
        }
        let upcoming = lib
            .sessions(me, e.id, SessionRange::Upcoming, Page::first(100))
            .unwrap();
        assert_eq!(total, planned, "the processes booked exactly the allocation");
        winners.push(
            (0..4)
                .filter(|i| std::fs::read_to_string(dir.path().join(format!("booker-{i}.txt"))).unwrap() != "0")
                .count(),
        );
        assert_eq!(upcoming.len() as u32, planned, "and the store holds exactly that");
    }
    eprintln!("processes that booked something, by round: {winners:?}");
}

// ---------------------------------------------------------------- a form submitted once

/// The form racer child: as the client (`COACHING_SIDE` "client"), saves an answer and submits
/// the form, again and again; as the coach, reopens it. Each attempt the form's state refuses
/// is a `Conflict`; writes how many of its attempts succeeded.
fn form_racer() {
    let lib = Coaching::open(var("COACHING_DB")).unwrap();
    let form: FormId = var("COACHING_FORM").parse().unwrap();
    let me: i64 = var("COACHING_INDEX").parse().unwrap();
    let client = Actor::Client(var("COACHING_CLIENT").parse().unwrap());
    let coach = Actor::Coach(var("COACHING_COACH").parse().unwrap());
    start_together(me);
    let client_side = var("COACHING_SIDE") == "client";
    let mut won = 0;
    for i in 0..60 {
        let done = if client_side {
            let answer = FormAnswer { question: 0, answer: Answer::Text(format!("{me}-{i}")) };
            match lib.save_form_answers(client, form, vec![answer]) {
                Ok(_) | Err(Error::Conflict { .. }) => {}
                Err(e) => panic!("unexpected refusal: {e}"),
            }
            lib.submit_form(client, form).map(drop)
        } else {
            lib.reopen_form(coach, form).map(drop)
        };
        match done {
            Ok(()) => won += 1,
            Err(Error::Conflict { .. }) => {}
            Err(e) => panic!("unexpected refusal: {e}"),
        }
        std::thread::sleep(Duration::from_micros(300));
    }
    std::fs::write(var("COACHING_RECORD"), won.to_string()).unwrap();
}

/// Two processes submitting one form as its client and two reopening it as the coach: every
/// submission and reopening that succeeded is in the log once, they alternate (never two
/// submissions without a reopening between), and the form ends as the last of them left it.
#[test]
fn a_form_raced_from_four_processes_is_submitted_once_per_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let lib = Coaching::open(&path).unwrap();
    let (practice, owner, carla, e) = portal_engagement(&lib, 4);
    let me = Actor::Coach(owner.id);
    let t = lib
        .create_form_template(
            me,
            practice.id,
            NewFormTemplate {
                name: "Check-in".into(),
                description: None,
                questions: vec![Question {
                    prompt: "How was the week?".into(),
                    help: None,
                    kind: QuestionKind::ShortText,
                    choices: Vec::new(),
                    scale_max: None,
                    required: true,
                }],
            },
        )
        .unwrap();
    let form = lib.send_form(me, e.id, t.id, None).unwrap();
    let children: Vec<(Child, PathBuf, bool)> = (0..4)
        .map(|i| {
            let rec = dir.path().join(format!("racer-{i}.txt"));
            let client_side = i % 2 == 0;
            let child = spawn(
                "form_racer",
                &[
                    ("COACHING_DB", path.display().to_string()),
                    ("COACHING_FORM", form.id.to_string()),
                    ("COACHING_CLIENT", carla.id.to_string()),
                    ("COACHING_COACH", owner.id.to_string()),
                    ("COACHING_SIDE", if client_side { "client" } else { "coach" }.to_string()),
                    ("COACHING_INDEX", i.to_string()),
                    ("COACHING_RECORD", rec.display().to_string()),
                    ("COACHING_DIR", dir.path().display().to_string()),
                ],
            );
            (child, rec, client_side)
        })
        .collect();
    let (mut submitted, mut reopened) = (0, 0);
    for (i, (child, rec, client_side)) in children.into_iter().enumerate() {
        finish(child, &format!("racer {i}"));
        let n: usize = std::fs::read_to_string(rec).unwrap().parse().unwrap();
        if client_side {
            submitted += n;
        } else {
            reopened += n;
        }
    }
    let mut log = lib.activity(me, e.id, Page::first(1000)).unwrap();
    log.reverse();
    let moves: Vec<Action> = log
        .iter()
        .map(|l| l.action)
        .filter(|a| matches!(a, Action::FormSubmitted | Action::FormReopened))
        .collect();
    assert!(submitted > 0 && reopened > 0, "the race never happened: {submitted} / {reopened}");
    assert_eq!(moves.iter().filter(|a| **a == Action::FormSubmitted).count(), submitted);
    assert_eq!(moves.iter().filter(|a| **a == Action::FormReopened).count(), reopened);
    for (i, a) in moves.iter().enumerate() {
        let expected = if i % 2 == 0 { Action::FormSubmitted } else { Action::FormReopened };
        assert_eq!(*a, expected, "move {i} of {moves:?}");
    }
    let last = lib.form(me, form.id).unwrap();
    assert_eq!(
        last.status == FormStatus::Submitted,
        moves.last() == Some(&Action::FormSubmitted)
    );
    eprintln!("{submitted} submissions and {reopened} reopenings, alternating");
}

// ---------------------------------------------------------------- one sync request, four servers

/// The sync sender child: hands the same request bytes to its own library on the shared file
/// (a server among four), and writes the answer.
fn sync_sender() {
    let lib = Coaching::open(var("COACHING_DB")).unwrap();
    let actor = Actor::Coach(var("COACHING_COACH").parse().unwrap());
    let request = std::fs::read(var("COACHING_REQUEST")).unwrap();
    start_together(var("COACHING_INDEX").parse().unwrap());
    let answer = lib.handle_sync(actor, &request).unwrap();
    std::fs::write(var("COACHING_RECORD"), answer).unwrap();
}

/// A device's request that reached four servers at once (a retry racing the original): every
/// operation runs once — one answer says it ran, the others that they only repeated it — and
/// the store holds one of each thing it created.
#[test]
fn one_sync_request_handled_by_four_processes_runs_each_operation_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let lib = Coaching::open(&path).unwrap();
    let (practice, owner, _, e) = portal_engagement(&lib, 8);
    let me = Actor::Coach(owner.id);
    let ops: Vec<PendingOp> = (0..20)
        .map(|i| PendingOp {
            op_id: uuid::Uuid::now_v7(),
            op: SyncOp::CreateNote {
                id: NoteId::new(),
                engagement_id: e.id,
                title: format!("Offline note {i}"),
                body_html: String::new(),
            },
        })
        .collect();
    let request = SyncRequest {
        protocol: SYNC_PROTOCOL,
        library_version: "test".into(),
        practice_id: practice.id,
        cursor: None,
        held: Vec::new(),
        ops,
    };
    let req_path = dir.path().join("request.json");
    std::fs::write(&req_path, serde_json::to_vec(&request).unwrap()).unwrap();
    let children: Vec<(Child, PathBuf)> = (0..4)
        .map(|i| {
            let rec = dir.path().join(format!("answer-{i}.json"));
            let child = spawn(
                "sync_sender",
                &[
                    ("COACHING_DB", path.display().to_string()),
                    ("COACHING_COACH", owner.id.to_string()),
                    ("COACHING_REQUEST", req_path.display().to_string()),
                    ("COACHING_INDEX", i.to_string()),
                    ("COACHING_RECORD", rec.display().to_string()),
                    ("COACHING_DIR", dir.path().display().to_string()),
                ],
            );
            (child, rec)
        })
        .collect();
    let mut ran = vec![0; 20];
    for (i, (child, rec)) in children.into_iter().enumerate() {
        finish(child, &format!("server {i}"));
        let answer: SyncResponse = serde_json::from_slice(&std::fs::read(rec).unwrap()).unwrap();
        for (k, r) in answer.results.iter().enumerate() {
            assert_eq!(r.outcome, OpOutcome::Applied, "server {i}, op {k}");
            if !r.replayed {
                ran[k] += 1;
            }
        }
    }
    assert_eq!(ran, vec![1; 20], "each operation ran exactly once");
    assert_eq!(lib.notes(me, e.id).unwrap().len(), 20);
}

// ---------------------------------------------------------------- opening a new file at once

/// The opener child: for each round, waits for the round's instant, opens the round's new
/// file and writes to it.
fn opener() {
    let dir = PathBuf::from(var("COACHING_DIR"));
    let rounds: u32 = var("COACHING_ROUNDS").parse().unwrap();
    let t0: i64 = var("COACHING_T0").parse().unwrap();
    let me: u32 = var("COACHING_ME").parse().unwrap();
    let mut failures = Vec::new();
    for round in 0..rounds {
        let at = DateTime::<Utc>::from_timestamp_millis(t0 + 150 * round as i64).unwrap();
        while Utc::now() < at {
            std::hint::spin_loop();
        }
        let path = dir.join(format!("round-{round}.db"));
        let result = Coaching::open(&path).and_then(|lib| {
            lib.create_practice(NewPractice {
                name: format!("Opener {me} round {round}"),
                time_zone: "UTC".into(),
                plan: Plan::solo(),
                owner_name: "O".into(),
                owner_email: None,
            })
        });
        if let Err(e) = result {
            failures.push(format!("round {round}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed opens:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn processes_opening_one_new_file_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let rounds = 40;
    let t0 = Utc::now().timestamp_millis() + 1_500; // time for every child to start
    let children: Vec<Child> = (0..4)
        .map(|me| {
            spawn(
                "opener",
                &[
                    ("COACHING_DIR", dir.path().display().to_string()),
                    ("COACHING_ROUNDS", rounds.to_string()),
                    ("COACHING_T0", t0.to_string()),
                    ("COACHING_ME", me.to_string()),
                ],
            )
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        finish(c, &format!("opener {i}"));
    }
    // Each file holds the four practices, and nothing else was left beside them.
    for round in 0..rounds {
        let conn = Connection::open(dir.path().join(format!("round-{round}.db"))).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM practices", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 4, "round {round}");
    }
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".creating"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}
