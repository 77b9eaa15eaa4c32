//! The PostgreSQL backend beyond the conformance suite (which runs on it in `backends.rs`):
//! the test server itself, opening by URL and its errors, the schema's readiness for
//! distribution by practice, a newer schema refused, and the rules across OS processes —
//! this test binary run again as children (see [`child`]) against one database:
//!
//! - 8 processes race 20 rounds to activate different engagements of one free-plan practice:
//!   exactly one is Active each round;
//! - 8 processes race 10 rounds to book overlapping sessions for one coach: exactly one booked;
//! - 4 processes × 500 mixed operations on 4 practices: nothing lost, no error;
//! - a server restarted during a stream of writes: each call fails with a clear error or
//!   succeeds whole, and the store works again once the server is back;
//! - the change feed read while 4 processes hold write transactions open in two practices:
//!   the reader is given every change of its practice once, in commit order, never skipping
//!   one that commits later with an earlier sequence number.
//!
//!     cargo test -p coaching-core --features postgres --test postgres   # with the variable set

#[path = "children/mod.rs"]
mod children;
mod pg;
use children::{finish, spawn, var};

use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use coaching_core::*;

// ---------------------------------------------------------------- the test server

#[test]
fn the_test_server_gives_each_test_its_own_database_and_drops_it() {
    let a = pg::TestDb::new("a");
    let b = pg::TestDb::new("b");
    a.client()
        .batch_execute("CREATE TABLE t (x int); INSERT INTO t VALUES (1)")
        .unwrap();
    let x: i32 = a.client().query_one("SELECT x FROM t", &[]).unwrap().get(0);
    assert_eq!(x, 1);
    assert!(
        b.client().query("SELECT x FROM t", &[]).is_err(),
        "another test's database does not see the table"
    );
    let name = a.name.clone();
    drop(a);
    let left: i64 = pg::admin()
        .query_one(
            "SELECT count(*) FROM pg_database WHERE datname = $1",
            &[&name],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "the database of a finished test is dropped");
}

#[test]
fn the_test_server_speaks_a_supported_version() {
    let v: i32 = pg::admin()
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .unwrap()
        .get(0);
    assert!(
        v >= 130000,
        "PostgreSQL 13 or later (DROP DATABASE … WITH (FORCE)): {v}"
    );
}

// ---------------------------------------------------------------- opening

fn url_of(db: &pg::TestDb) -> String {
    let mut u = url::Url::parse(&pg::url()).unwrap();
    u.set_path(&format!("/{}", db.name));
    u.to_string()
}

fn practice_in(lib: &Coaching, plan: Plan) -> (Practice, Coach) {
    lib.create_practice(NewPractice {
        name: "Northwind Coaching".into(),
        time_zone: "Europe/Berlin".into(),
        plan,
        owner_name: "Olivia Owner".into(),
        owner_email: None,
    })
    .unwrap()
}

#[test]
fn open_by_url_in_rust_and_the_store_is_shared_by_every_handle() {
    let db = pg::TestDb::new("open");
    let url = url_of(&db);
    let a = Coaching::open(&url).unwrap();
    let b = Coaching::connect(&url).unwrap();
    let (p, owner) = practice_in(&a, Plan::solo());
    let seen = b.practice(Actor::Coach(owner.id), p.id).unwrap();
    assert_eq!(seen.name, "Northwind Coaching");
    // Opening again migrates nothing: the version stays.
    drop(Coaching::open(&url).unwrap());
    let v: i32 = db
        .client()
        .query_one("SELECT version FROM coaching_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(v as u32, coaching_core::storage::pg::CURRENT_VERSION);
}

#[test]
fn wrong_urls_refused_servers_and_bad_credentials_are_typed_errors_naming_the_server() {
    // Not a URL the client reads.
    match Coaching::open("postgresql://user@host:notaport/db") {
        Err(Error::Validation { field, .. }) => assert_eq!(field, "url"),
        other => panic!("a malformed URL: {other:?}"),
    }
    // Nobody listening (a socket directory without a server).
    let empty = tempfile::tempdir().unwrap();
    let dir: String =
        url::form_urlencoded::byte_serialize(empty.path().to_str().unwrap().as_bytes()).collect();
    let started = Instant::now();
    match Coaching::open(format!("postgresql://coaching@{dir}/postgres")) {
        Err(Error::Connection { server, reason }) => {
            assert!(server.contains(empty.path().to_str().unwrap()), "{server}");
            assert!(!reason.is_empty());
        }
        other => panic!("no server: {other:?}"),
    }
    // A host that does not answer gives up at the connect timeout the URL sets.
    match Coaching::open("postgresql://coaching@10.255.255.1:5432/postgres?connect_timeout=2") {
        Err(Error::Connection { server, .. }) => assert!(server.contains("10.255.255.1:5432")),
        other => panic!("an unreachable host: {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    // A database that does not exist, on the test server.
    let mut u = url::Url::parse(&pg::url()).unwrap();
    u.set_path("/no_such_database_here");
    match Coaching::open(u.as_str()) {
        Err(Error::Connection { server, reason }) => {
            assert!(server.ends_with("/no_such_database_here"), "{server}");
            assert!(reason.contains("does not exist"), "{reason}");
        }
        other => panic!("a missing database: {other:?}"),
    }
    // Bad credentials, on a server of the test's own that requires a password; the message
    // never shows the password.
    let own = pg::OwnServer::start();
    match Coaching::open(own.url_with("not-the-password")) {
        Err(e @ Error::Connection { .. }) => {
            let text = e.to_string();
            assert!(text.contains("password authentication failed"), "{text}");
            assert!(
                text.contains("coaching@") && !text.contains("not-the-password"),
                "{text}"
            );
        }
        other => panic!("a wrong password: {other:?}"),
    }
    let lib = Coaching::open(own.url()).unwrap();
    practice_in(&lib, Plan::free());
    assert!(!shown_location(own.url()).contains(&own.password));
}

#[test]
fn a_database_of_a_newer_schema_is_refused_untouched() {
    let db = pg::TestDb::new("newer");
    let url = url_of(&db);
    drop(Coaching::open(&url).unwrap());
    db.client()
        .batch_execute("UPDATE coaching_schema SET version = 99")
        .unwrap();
    let tables = |db: &pg::TestDb| -> i64 {
        db.client()
            .query_one(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                &[],
            )
            .unwrap()
            .get(0)
    };
    let before = tables(&db);
    match Coaching::open(&url) {
        Err(Error::SchemaTooNew { found, supported }) => {
            assert_eq!(found, 99);
            assert_eq!(supported, coaching_core::storage::pg::CURRENT_VERSION);
        }
        other => panic!("a newer database: {other:?}"),
    }
    assert_eq!(tables(&db), before);
    let v: i32 = db
        .client()
        .query_one("SELECT version FROM coaching_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(v, 99);
}

#[test]
fn the_log_is_append_only_in_the_database_but_for_an_erasure_blanking_a_detail() {
    let db = pg::TestDb::new("append_only");
    let url = url_of(&db);
    let lib = Coaching::open(&url).unwrap();
    practice_in(&lib, Plan::solo());
    let mut c = db.client();
    for sql in [
        "UPDATE activity_log SET detail = 'rewritten'",
        "UPDATE activity_log SET action = 'note_created'",
        "UPDATE activity_log SET audience = 'coaches', detail = NULL",
        "DELETE FROM activity_log",
    ] {
        let n: i64 = c.query_one("SELECT count(*) FROM activity_log", &[]).unwrap().get(0);
        let err = c.batch_execute(sql).err().unwrap_or_else(|| panic!("{sql} went through ({n} entries)"));
        assert!(format!("{err:?}").contains("append-only"), "{sql}: {err:?}");
    }
    c.batch_execute("UPDATE activity_log SET detail = NULL").unwrap();
    let left: i64 = c
        .query_one("SELECT count(*) FROM activity_log WHERE detail IS NOT NULL", &[])
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

// ---------------------------------------------------------------- distribution by practice

#[test]
fn every_table_is_keyed_by_its_practice_for_a_sharded_cluster() {
    let db = pg::TestDb::new("citus");
    drop(Coaching::open(url_of(&db)).unwrap());
    let mut c = db.client();
    let tables: Vec<String> = c
        .query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'coaching_schema'
             ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(tables.len() >= 16, "{tables:?}");
    for t in &tables {
        // The distribution column: `practice_id`, or the practices table's own `id`.
        let key = if t == "practices" {
            "id"
        } else {
            "practice_id"
        };
        let has: bool = c
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2 AND is_nullable = 'NO')",
                &[t, &key],
            )
            .unwrap()
            .get(0);
        assert!(has, "{t} has a NOT NULL {key}");
        // Every primary key, unique key and foreign key includes it (Citus requires it of
        // distributed tables), and every foreign key matches it to the referenced practice.
        for row in c
            .query(
                "SELECT con.conname, con.contype::text,
                        ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k JOIN pg_attribute a
                              ON a.attrelid = con.conrelid AND a.attnum = k),
                        coalesce(ARRAY(SELECT a.attname::text FROM unnest(con.confkey) k JOIN pg_attribute a
                              ON a.attrelid = con.confrelid AND a.attnum = k), '{}'),
                        coalesce(con.confrelid::regclass::text, '')
                 FROM pg_constraint con
                 WHERE con.conrelid = ('public.' || $1)::regclass AND con.contype IN ('p', 'u', 'f')",
                &[t],
            )
            .unwrap()
        {
            let (name, kind): (String, String) = (row.get(0), row.get(1));
            let cols: Vec<String> = row.get(2);
            let ref_cols: Vec<String> = row.get(3);
            let ref_table: String = row.get(4);
            let at = cols.iter().position(|c| c == key);
            assert!(at.is_some(), "{t}.{name} ({kind}) {cols:?} includes {key}");
            if kind == "f" {
                let ref_key = if ref_table.ends_with("practices") { "id" } else { "practice_id" };
                assert_eq!(
                    ref_cols[at.unwrap()], ref_key,
                    "{t}.{name} references the same practice"
                );
            }
        }
        // Indexes that are unique include it too.
        let unique_without: i64 = c
            .query_one(
                "SELECT count(*) FROM pg_index i
                 WHERE i.indrelid = ('public.' || $1)::regclass AND i.indisunique
                   AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey) k JOIN pg_attribute a
                                   ON a.attrelid = i.indrelid AND a.attnum = k WHERE a.attname = $2)",
                &[t, &key],
            )
            .unwrap()
            .get(0);
        assert_eq!(unique_without, 0, "{t}: a unique index without {key}");
    }
}

// ---------------------------------------------------------------- children

/// The entry point of child processes; ignored in an ordinary run.
#[test]
#[ignore = "run by the other tests as a child process"]
fn child() {
    match var("COACHING_CHILD").as_str() {
        "activate" => race_child(|lib, owner, target, _| {
            lib.activate(owner, target.parse().unwrap()).map(|_| ())
        }),
        "book" => race_child(|lib, owner, target, i| {
            let start = Utc.with_ymd_and_hms(2030, 5, 6, 9, 0, 0).unwrap()
                + chrono::Duration::minutes(7 * i as i64);
            lib.book_session(
                owner,
                target.parse().unwrap(),
                NewSession {
                    start,
                    end: None,
                    time_zone: None,
                    location: Location::Phone {
                        number: "+49 30 901820".into(),
                    },
                },
            )
            .map(|_| ())
        }),
        "client_book" => race_child(|lib, _owner, target, i| {
            // target: the client and the engagement; each process its own time (no clash).
            let (client, engagement) = target.split_once('/').unwrap();
            let start = Utc.with_ymd_and_hms(2030, 5, 6, 9, 0, 0).unwrap()
                + chrono::Duration::hours(2 * i as i64);
            lib.book_session(
                Actor::Client(client.parse().unwrap()),
                engagement.parse().unwrap(),
                NewSession {
                    start,
                    end: None,
                    time_zone: None,
                    location: Location::Other { text: "office".into() },
                },
            )
            .map(|_| ())
        }),
        "mixed" => mixed_child(),
        "feed_writer" => feed_writer_child(),
        other => panic!("no such child role: {other}"),
    }
}

/// Waits until every one of `n` processes has reached barrier `name` in `dir`.
fn barrier(dir: &Path, name: &str, me: usize, n: usize) {
    std::fs::write(dir.join(format!("{name}-{me}")), b"").unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while (0..n).any(|i| !dir.join(format!("{name}-{i}")).exists()) {
        assert!(
            Instant::now() < deadline,
            "the other processes never came to {name}"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// A racing child: for each round (a line of `COACHING_ROUNDS`: the owner, then one target per
/// process), waits for the others, then runs `op` on its own target, and writes what happened.
fn race_child(op: impl Fn(&Coaching, Actor, &str, usize) -> Result<()>) {
    let lib = Coaching::open(var("COACHING_URL")).unwrap();
    let dir = PathBuf::from(var("COACHING_DIR"));
    let me: usize = var("COACHING_INDEX").parse().unwrap();
    let n: usize = var("COACHING_PROCS").parse().unwrap();
    let rounds = std::fs::read_to_string(dir.join("rounds")).unwrap();
    for (r, line) in rounds.lines().enumerate() {
        let fields: Vec<&str> = line.split(' ').collect();
        let owner = Actor::Coach(fields[0].parse().unwrap());
        barrier(&dir, &format!("ready-{r}"), me, n);
        let outcome = match op(&lib, owner, fields[1 + me], me) {
            Ok(()) => "ok".to_string(),
            Err(e) => e.kind_name().to_string(),
        };
        std::fs::write(dir.join(format!("result-{r}-{me}")), outcome).unwrap();
    }
}

/// Runs `procs` racing children of `role` over `rounds`, and returns each round's outcomes.
fn race(url: &str, role: &str, procs: usize, rounds: &[String]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rounds"), rounds.join("\n")).unwrap();
    let children: Vec<Child> = (0..procs)
        .map(|i| {
            spawn(
                role,
                &[
                    ("COACHING_URL", url.to_string()),
                    ("COACHING_DIR", dir.path().display().to_string()),
                    ("COACHING_INDEX", i.to_string()),
                    ("COACHING_PROCS", procs.to_string()),
                ],
            )
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        finish(c, &format!("{role} child {i}"));
    }
    (0..rounds.len())
        .map(|r| {
            (0..procs)
                .map(|i| {
                    std::fs::read_to_string(dir.path().join(format!("result-{r}-{i}"))).unwrap()
                })
                .collect()
        })
        .collect()
}

fn client_in(lib: &Coaching, me: Actor, p: PracticeId, name: &str) -> Client {
    lib.add_client(
        me,
        p,
        NewClient {
            name: name.into(),
            email: None,
            has_portal: true,
        },
    )
    .unwrap()
}

fn ready_engagement(
    lib: &Coaching,
    me: Actor,
    p: PracticeId,
    coach: CoachId,
    client: ClientId,
) -> Engagement {
    lib.create_engagement(
        me,
        p,
        NewEngagement {
            coach_id: Some(coach),
            client_id: Some(client),
            program_name: Some("Leadership".into()),
            planned: Some(Planned::sessions(8)),
            ..Default::default()
        },
    )
    .unwrap()
}

/// Eight processes, each the engagement's client booking the one session left of its
/// allocation at its own time, at the same moment: one wins each round, the others are told
/// the allocation is used up.
#[test]
fn eight_client_processes_race_for_the_last_session_of_an_allocation() {
    let db = pg::TestDb::new("allocation");
    let url = url_of(&db);
    let lib = Coaching::open(&url).unwrap();
    let mut lines = Vec::new();
    let mut engagements = Vec::new();
    for r in 0..12 {
        let (p, owner) = practice_in(&lib, Plan::solo());
        let me = Actor::Coach(owner.id);
        let carla = client_in(&lib, me, p.id, "Carla");
        let e = ready_engagement(&lib, me, p.id, owner.id, carla.id);
        lib.activate(me, e.id).unwrap();
        // 8 planned; 7 already booked by the coach: one left.
        for k in 0..7 {
            lib.book_session(
                me,
                e.id,
                NewSession {
                    start: Utc.with_ymd_and_hms(2030, 1, 7, 9, 0, 0).unwrap() + chrono::Duration::days(k),
                    end: None,
                    time_zone: None,
                    location: Location::Other { text: "office".into() },
                },
            )
            .unwrap();
        }
        let target = format!("{}/{}", carla.id, e.id);
        let mut line = vec![owner.id.to_string()];
        line.extend(std::iter::repeat(target).take(8));
        lines.push(line.join(" "));
        engagements.push((me, e.id, r));
    }
    let outcomes = race(&url, "client_book", 8, &lines);
    for ((me, e, r), round) in engagements.iter().zip(&outcomes) {
        let ok = round.iter().filter(|o| *o == "ok").count();
        assert_eq!(ok, 1, "round {r}: {round:?}");
        assert!(
            round.iter().all(|o| o == "ok" || o == "allocation_used_up"),
            "round {r}: {round:?}"
        );
        let upcoming = lib
            .sessions(*me, *e, SessionRange::Upcoming, Page::first(100))
            .unwrap();
        assert_eq!(upcoming.len(), 8, "round {r}: exactly the allocation is booked");
    }
}

#[test]
fn eight_processes_race_to_activate_on_a_free_plan_and_one_wins_each_round() {
    let db = pg::TestDb::new("activate");
    let url = url_of(&db);
    let lib = Coaching::open(&url).unwrap();
    let mut lines = Vec::new();
    let mut practices = Vec::new();
    for r in 0..20 {
        let (p, owner) = practice_in(&lib, Plan::free());
        let me = Actor::Coach(owner.id);
        let client = client_in(&lib, me, p.id, &format!("Client {r}"));
        let ids: Vec<String> = (0..8)
            .map(|_| {
                ready_engagement(&lib, me, p.id, owner.id, client.id)
                    .id
                    .to_string()
            })
            .collect();
        lines.push(format!("{} {}", owner.id, ids.join(" ")));
        practices.push((p.id, me));
    }
    let outcomes = race(&url, "activate", 8, &lines);
    for (r, (outcome, (p, me))) in outcomes.iter().zip(&practices).enumerate() {
        let won = outcome.iter().filter(|o| *o == "ok").count();
        let capped = outcome
            .iter()
            .filter(|o| *o == "plan_limit_reached")
            .count();
        assert_eq!((won, capped), (1, 7), "round {r}: {outcome:?}");
        let active = lib
            .overview_for_practice(*me, *p)
            .unwrap()
            .iter()
            .filter(|l| l.engagement.status == Status::Active)
            .count();
        assert_eq!(
            active, 1,
            "round {r}: one Active engagement in the database"
        );
    }
}

#[test]
fn eight_processes_race_to_book_one_coach_and_one_booking_wins_each_round() {
    let db = pg::TestDb::new("book");
    let url = url_of(&db);
    let lib = Coaching::open(&url).unwrap();
    let (p, owner) = practice_in(&lib, Plan::team(20));
    let me = Actor::Coach(owner.id);
    let mut lines = Vec::new();
    let mut coaches = Vec::new();
    for r in 0..10 {
        // Each round, a coach of its own (sessions of different rounds never overlap) with 8
        // clients, each in an Active engagement.
        let coach = lib
            .add_coach(
                me,
                p.id,
                NewCoach {
                    name: format!("Coach {r}"),
                    email: None,
                },
            )
            .unwrap();
        coaches.push(coach.id);
        let ids: Vec<String> = (0..8)
            .map(|i| {
                let client = client_in(&lib, me, p.id, &format!("Client {r}.{i}"));
                let e = ready_engagement(&lib, me, p.id, coach.id, client.id);
                lib.activate(me, e.id).unwrap();
                e.id.to_string()
            })
            .collect();
        lines.push(format!("{} {}", owner.id, ids.join(" ")));
    }
    let outcomes = race(&url, "book", 8, &lines);
    for (r, outcome) in outcomes.iter().enumerate() {
        let won = outcome.iter().filter(|o| *o == "ok").count();
        let refused = outcome.iter().filter(|o| *o == "conflict").count();
        assert_eq!((won, refused), (1, 7), "round {r}: {outcome:?}");
    }
    let from = Utc.with_ymd_and_hms(2030, 5, 6, 0, 0, 0).unwrap();
    for (r, coach) in coaches.iter().enumerate() {
        let booked = lib
            .upcoming_sessions_for_coach(me, *coach, from, from + chrono::Duration::days(1))
            .unwrap();
        assert_eq!(
            booked.len(),
            1,
            "round {r}: one session of the coach in the database"
        );
    }
}

/// A mixed child: 500 operations in its own practice, every one expected to succeed; writes
/// what it did as `clients engagements activations sessions notes goals writes`.
fn mixed_child() {
    let lib = Coaching::open(var("COACHING_URL")).unwrap();
    let p: PracticeId = var("COACHING_PRACTICE").parse().unwrap();
    let owner: CoachId = var("COACHING_OWNER").parse().unwrap();
    let me = Actor::Coach(owner);
    let base = Utc.with_ymd_and_hms(2031, 1, 6, 8, 0, 0).unwrap();
    let (mut clients, mut active) = (Vec::new(), Vec::new());
    let mut c = [0usize; 7];
    for i in 0..500usize {
        match i % 6 {
            0 => {
                clients.push(client_in(&lib, me, p, &format!("Client {i}")).id);
                c[0] += 1;
                c[6] += 1;
            }
            1 => {
                let e = ready_engagement(&lib, me, p, owner, *clients.last().unwrap());
                lib.activate(me, e.id).unwrap();
                active.push(e.id);
                c[1] += 1;
                c[2] += 1;
                c[6] += 2;
            }
            2 => {
                lib.book_session(
                    me,
                    active[i % active.len()],
                    NewSession {
                        start: base + chrono::Duration::hours(i as i64),
                        end: None,
                        time_zone: None,
                        location: Location::Zoom {
                            join_url: "https://us02web.zoom.us/j/81234567890".into(),
                        },
                    },
                )
                .unwrap();
                c[3] += 1;
                c[6] += 1;
            }
            3 => {
                lib.create_note(
                    me,
                    active[i % active.len()],
                    NewNote {
                        title: format!("Note {i}"),
                        body_html: "<p>Delegation and feedback.</p>".into(),
                        template: None,
                    },
                )
                .unwrap();
                c[4] += 1;
                c[6] += 1;
            }
            4 => {
                lib.create_goal(
                    me,
                    active[i % active.len()],
                    NewGoal {
                        name: format!("Goal {i}"),
                        description: None,
                        due_date: None,
                        horizon: None,
                    },
                )
                .unwrap();
                c[5] += 1;
                c[6] += 1;
            }
            _ => {
                let lines = lib.overview_for_practice(me, p).unwrap();
                assert_eq!(lines.len(), active.len());
            }
        }
    }
    let text: Vec<String> = c.iter().map(|n| n.to_string()).collect();
    std::fs::write(var("COACHING_RESULT"), text.join(" ")).unwrap();
}

#[test]
fn four_processes_write_500_mixed_operations_each_in_four_practices_and_nothing_is_lost() {
    let db = pg::TestDb::new("mixed");
    let url = url_of(&db);
    let lib = Coaching::open(&url).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let practices: Vec<(Practice, Coach)> =
        (0..4).map(|_| practice_in(&lib, Plan::solo())).collect();
    let mut c = db.client();
    let count = |c: &mut postgres::Client, sql: &str, p: &PracticeId| -> usize {
        c.query_one(sql, &[p.as_uuid()]).unwrap().get::<_, i64>(0) as usize
    };
    let log_before: Vec<usize> = practices
        .iter()
        .map(|(p, _)| {
            count(
                &mut c,
                "SELECT count(*) FROM activity_log WHERE practice_id = $1",
                &p.id,
            )
        })
        .collect();
    let children: Vec<Child> = practices
        .iter()
        .enumerate()
        .map(|(i, (p, owner))| {
            spawn(
                "mixed",
                &[
                    ("COACHING_URL", url.clone()),
                    ("COACHING_PRACTICE", p.id.to_string()),
                    ("COACHING_OWNER", owner.id.to_string()),
                    (
                        "COACHING_RESULT",
                        dir.path().join(format!("mixed-{i}")).display().to_string(),
                    ),
                ],
            )
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        finish(child, &format!("mixed child {i}"));
    }
    for (i, (p, _)) in practices.iter().enumerate() {
        let did: Vec<usize> = std::fs::read_to_string(dir.path().join(format!("mixed-{i}")))
            .unwrap()
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let stored = [
            count(
                &mut c,
                "SELECT count(*) FROM clients WHERE practice_id = $1",
                &p.id,
            ),
            count(
                &mut c,
                "SELECT count(*) FROM engagements WHERE practice_id = $1",
                &p.id,
            ),
            count(
                &mut c,
                "SELECT count(*) FROM engagements WHERE practice_id = $1 AND status = 'active'",
                &p.id,
            ),
            count(
                &mut c,
                "SELECT count(*) FROM sessions WHERE practice_id = $1",
                &p.id,
            ),
            count(
                &mut c,
                "SELECT count(*) FROM notes WHERE practice_id = $1",
                &p.id,
            ),
            count(
                &mut c,
                "SELECT count(*) FROM goals WHERE practice_id = $1",
                &p.id,
            ),
            count(
                &mut c,
                "SELECT count(*) FROM activity_log WHERE practice_id = $1",
                &p.id,
            ) - log_before[i],
        ];
        assert_eq!(stored.as_slice(), did.as_slice(), "practice {i}: stored = done (clients, engagements, active, sessions, notes, goals, log entries)");
        assert!(did[6] > 400, "{did:?}");
    }
}

// ---------------------------------------------------------------- a server restart

#[test]
fn a_server_restart_during_writes_fails_calls_whole_and_the_store_recovers() {
    let server = pg::OwnServer::start();
    let lib = Coaching::open(server.url()).unwrap();
    let (p, owner) = practice_in(&lib, Plan::solo());
    let me = Actor::Coach(owner.id);
    let client = client_in(&lib, me, p.id, "Carla Client");
    let e = ready_engagement(&lib, me, p.id, owner.id, client.id);
    lib.activate(me, e.id).unwrap();

    // A writer creating notes as fast as it can; each call's outcome is kept.
    let stop = Arc::new(AtomicBool::new(false));
    let outcomes: Arc<Mutex<Vec<Outcome>>> = Arc::default();
    let writer = {
        let (lib, stop, outcomes) = (lib.clone(), stop.clone(), outcomes.clone());
        std::thread::spawn(move || {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let title = format!("Note {i}");
                let started = Instant::now();
                let r = lib
                    .create_note(
                        me,
                        e.id,
                        NewNote {
                            title: title.clone(),
                            body_html: "<p>Written while the server restarts.</p>".into(),
                            template: None,
                        },
                    )
                    .map(|n| n.id);
                outcomes.lock().unwrap().push((title, r, started.elapsed()));
                i += 1;
            }
        })
    };
    let oks = |o: &Mutex<Vec<Outcome>>| o.lock().unwrap().iter().filter(|x| x.1.is_ok()).count();
    while oks(&outcomes) < 50 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let started_before: String = postgres_start_time(&server);
    server.restart("fast");
    assert_ne!(
        postgres_start_time(&server),
        started_before,
        "the server restarted"
    );
    let after = oks(&outcomes);
    while oks(&outcomes) < after + 50 {
        std::thread::sleep(Duration::from_millis(5));
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();

    let outcomes = outcomes.lock().unwrap();
    let failed: Vec<&Error> = outcomes.iter().filter_map(|o| o.1.as_ref().err()).collect();
    assert!(
        !failed.is_empty(),
        "the calls in flight during the restart failed"
    );
    for e in &failed {
        match e {
            Error::Connection { server: s, reason } => {
                assert!(
                    s.starts_with("coaching@"),
                    "the error names the server: {e:?}"
                );
                assert!(!reason.is_empty(), "a connection error says why: {e:?}");
            }
            other => panic!("a call during the restart failed with {other:?}"),
        }
    }
    // No call waited past the connect timeout.
    assert!(outcomes.iter().all(|o| o.2 < Duration::from_secs(11)));
    // The calls after the restart succeed again: the last 50 all did.
    assert!(outcomes.iter().rev().take(50).all(|o| o.1.is_ok()));
    // Every call that succeeded is stored whole — the note and its log entry; a call that
    // failed left nothing or everything (a commit whose answer was lost), never half.
    let notes = lib.notes(me, e.id).unwrap();
    let stored: std::collections::HashSet<&str> = notes.iter().map(|n| n.title.as_str()).collect();
    for (title, r, _) in outcomes.iter() {
        if r.is_ok() {
            assert!(
                stored.contains(title.as_str()),
                "{title} succeeded and is stored"
            );
        }
    }
    assert!(notes
        .iter()
        .all(|n| outcomes.iter().any(|o| o.0 == n.title)));
    let mut c = postgres::Client::connect(&server.url(), postgres::NoTls).unwrap();
    let logged: i64 = c
        .query_one(
            "SELECT count(*) FROM activity_log WHERE practice_id = $1 AND action = 'note_created'",
            &[p.id.as_uuid()],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        logged as usize,
        notes.len(),
        "one log entry per stored note"
    );
}

/// One call of the restart test's writer: the note's title, what the call returned, how long it took.
type Outcome = (String, std::result::Result<NoteId, Error>, Duration);

fn postgres_start_time(server: &pg::OwnServer) -> String {
    let mut c = postgres::Client::connect(&server.url(), postgres::NoTls).unwrap();
    c.query_one("SELECT pg_postmaster_start_time()::text", &[])
        .unwrap()
        .get(0)
}

// ---------------------------------------------------------------- per-practice serialisation

#[test]
fn writes_of_one_practice_wait_for_each_other_and_other_practices_never_wait() {
    let db = pg::TestDb::new("wait");
    let url = url_of(&db);
    let lib = Coaching::open(&url).unwrap();
    let (p1, o1) = practice_in(&lib, Plan::solo());
    let (p2, o2) = practice_in(&lib, Plan::solo());
    let (me1, me2) = (Actor::Coach(o1.id), Actor::Coach(o2.id));
    // Another handle (its own connections), as another app server would have.
    let other = Coaching::open(&url).unwrap();
    let hold = Duration::from_millis(800);
    let holder = {
        let lib = lib.clone();
        std::thread::spawn(move || {
            lib.batch(|b| {
                client_in(b, me1, p1.id, "Held Client");
                std::thread::sleep(hold);
                Ok(())
            })
            .unwrap();
        })
    };
    std::thread::sleep(Duration::from_millis(150));
    let started = Instant::now();
    client_in(&other, me2, p2.id, "Other Practice Client");
    let other_practice = started.elapsed();
    client_in(&other, me1, p1.id, "Same Practice Client");
    let same_practice = started.elapsed();
    holder.join().unwrap();
    assert!(
        other_practice < Duration::from_millis(400),
        "a write in another practice did not wait: {other_practice:?}"
    );
    assert!(
        same_practice >= Duration::from_millis(500),
        "a write in the same practice waited for the one in progress: {same_practice:?}"
    );
    // And it saw what the first committed: both clients are there.
    assert_eq!(other.clients(me1, p1.id).unwrap().len(), 2);
}

// ---------------------------------------------------------------- the change feed

/// A writer of the feed test: `COACHING_ROUNDS` batches in its practice, each holding its
/// transaction open for a while between two writes (so that other practices' transactions
/// take later sequence numbers and commit first).
fn feed_writer_child() {
    let lib = Coaching::open(var("COACHING_URL")).unwrap();
    let me = Actor::Coach(var("COACHING_OWNER").parse().unwrap());
    let e: EngagementId = var("COACHING_ENGAGEMENT").parse().unwrap();
    let index: u64 = var("COACHING_INDEX").parse().unwrap();
    let rounds: u64 = var("COACHING_ROUNDS").parse().unwrap();
    for r in 0..rounds {
        lib.batch(|l| {
            let goal = |name: String| NewGoal {
                name,
                ..Default::default()
            };
            l.create_goal(me, e, goal(format!("w{index} r{r} first")))?;
            // 0–24 ms, varying by writer and round.
            std::thread::sleep(Duration::from_millis((index * 7 + r * 13) % 25));
            l.create_goal(me, e, goal(format!("w{index} r{r} second")))?;
            Ok(())
        })
        .unwrap();
    }
}

#[test]
fn the_feed_never_skips_a_change_while_writers_hold_transactions_open() {
    let db = pg::TestDb::new("feed");
    let url = url_of(&db);
    let lib = Coaching::open(&url).unwrap();
    // Practice A (read) and practice B (its writers take sequence numbers in between).
    let mut setups = Vec::new();
    for _ in 0..2 {
        let (p, owner) = practice_in(&lib, Plan::solo());
        let me = Actor::Coach(owner.id);
        let client = client_in(&lib, me, p.id, "Fay Feed");
        let e = ready_engagement(&lib, me, p.id, owner.id, client.id);
        lib.activate(me, e.id).unwrap();
        setups.push((p, owner, e));
    }
    let (a, a_owner, _) = &setups[0];
    let reader = Actor::Coach(a_owner.id);
    let start = lib.changes(reader, a.id, None, 1000).unwrap().next;
    let before = lib
        .practice_activity(reader, a.id, Page::first(1000))
        .unwrap()
        .len();
    let rounds = 12;
    let children: Vec<Child> = (0..4)
        .map(|i| {
            let (_, owner, e) = &setups[i % 2];
            spawn(
                "feed_writer",
                &[
                    ("COACHING_URL", url.clone()),
                    ("COACHING_OWNER", owner.id.to_string()),
                    ("COACHING_ENGAGEMENT", e.id.to_string()),
                    ("COACHING_INDEX", i.to_string()),
                    ("COACHING_ROUNDS", rounds.to_string()),
                ],
            )
        })
        .collect();
    // Read A's feed in small pages while the writers run, then once more after they finish.
    let mut seen: Vec<LogEntry> = Vec::new();
    let mut cursor = start;
    let mut polls = 0;
    let read = |cursor: &mut Cursor, seen: &mut Vec<LogEntry>| loop {
        let page = lib.changes(reader, a.id, Some(cursor), 5).unwrap();
        seen.extend(page.changes);
        *cursor = page.next;
        if !page.more {
            break;
        }
    };
    let mut running: Vec<(usize, Child)> = children.into_iter().enumerate().collect();
    while !running.is_empty() {
        read(&mut cursor, &mut seen);
        polls += 1;
        let mut still = Vec::new();
        for (i, mut c) in running {
            if c.try_wait().unwrap().is_some() {
                finish(c, &format!("feed writer {i}"));
            } else {
                still.push((i, c));
            }
        }
        running = still;
    }
    read(&mut cursor, &mut seen);
    // Every change of A after the start, each once, in the order the log committed them.
    let mut log = lib
        .practice_activity(reader, a.id, Page::first(1000))
        .unwrap();
    log.reverse();
    let expected = &log[before..];
    assert_eq!(expected.len(), 2 * 2 * rounds, "two writers × rounds × two goals in A");
    let ids = |v: &[LogEntry]| v.iter().map(|l| l.id).collect::<Vec<_>>();
    assert_eq!(ids(&seen), ids(expected), "the feed read during the writes");
    assert!(seen.iter().all(|l| l.practice_id == a.id));
    // Each batch's two goals arrive together: no other writer's change between them.
    for pair in seen.chunks(2) {
        let names: Vec<_> = pair.iter().map(|l| l.detail.clone().unwrap()).collect();
        assert_eq!(
            names[0].replace("first", ""),
            names[1].replace("second", ""),
            "{names:?}"
        );
    }
    assert!(polls > 3, "the feed was read while the writers ran ({polls} polls)");
}
