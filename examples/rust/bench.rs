//! The benchmark table: the realistic practice of `coaching-core/benches/generate.rs`
//! (5,000 engagements) in a SQLite file, each dashboard operation timed through the library and
//! as a hand-written rusqlite query on the same file returning the same rows.
//!
//!     cargo run --release --example bench [-- FILE]
//!
//! The file is generated on first use (and reused afterwards).

#[path = "../../coaching-core/benches/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::time::Instant;

use chrono::Duration;
use coaching_core::*;
use rusqlite::{params, Connection, OpenFlags};

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let median = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95) as usize).min(v.len() - 1)];
    (median, p95)
}

/// Runs `f` `n` times (after 3 warm-ups) and returns the timings in microseconds.
fn time<T>(n: usize, mut f: impl FnMut(usize) -> T) -> Vec<f64> {
    for i in 0..3 {
        std::hint::black_box(f(i));
    }
    (0..n)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(f(i));
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect()
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn fmt_us(us: f64) -> String {
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.0} µs")
    }
}

struct Row {
    op: &'static str,
    lib: (f64, f64),
    raw: Option<f64>,
    target: &'static str,
}

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
    let raw = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let now = generate::now();
    let mut rows = Vec::new();

    // A coach's Client To-Dos, first page of 50.
    let coaches = p.coaches.clone();
    let lib_t = time(300, |i| {
        lib.client_todos(me, coaches[i % coaches.len()], Page::first(50))
            .unwrap()
            .len()
    });
    let raw_t = time(300, |i| {
        raw_todos(&raw, &coaches[i % coaches.len()].to_string())
    });
    rows.push(Row {
        op: "Client To-Dos, first page of 50",
        lib: stats(lib_t),
        raw: Some(stats(raw_t).0),
        target: "≤ 1 ms, ≤ 2× raw",
    });

    // A coach's upcoming sessions, next 7 days.
    let lib_t = time(300, |i| {
        lib.upcoming_sessions_for_coach(
            me,
            coaches[i % coaches.len()],
            now,
            now + Duration::days(7),
        )
        .unwrap()
        .len()
    });
    let raw_t = time(300, |i| {
        raw_upcoming(
            &raw,
            &coaches[i % coaches.len()].to_string(),
            now.timestamp_micros(),
            (now + Duration::days(7)).timestamp_micros(),
        )
    });
    rows.push(Row {
        op: "upcoming sessions, next 7 days",
        lib: stats(lib_t),
        raw: Some(stats(raw_t).0),
        target: "≤ 0.5 ms",
    });

    // The overview of all 5,000 engagements with progress.
    let lib_t = time(30, |_| {
        lib.overview_for_practice(me, p.practice).unwrap().len()
    });
    let raw_t = time(30, |_| raw_overview(&raw, &p.practice.to_string()));
    rows.push(Row {
        op: "overview of 5,000 engagements",
        lib: stats(lib_t),
        raw: Some(stats(raw_t).0),
        target: "≤ 20 ms, ≤ 2× raw",
    });

    // Keyword search over the 100,000 notes, top 20.
    let words = [
        "delegation",
        "sabbatical",
        "burnout",
        "negotiation",
        "imposter",
    ];
    let lib_t = time(100, |i| {
        lib.search_notes(
            me,
            NoteScope::Practice(p.practice),
            NoteQuery {
                keywords: Some(words[i % words.len()].into()),
                page: Page::first(20),
                ..Default::default()
            },
        )
        .unwrap()
        .len()
    });
    let raw_t = time(100, |i| {
        raw_search(&raw, &p.practice.to_string(), words[i % words.len()])
    });
    rows.push(Row {
        op: "keyword search, common topic words (8–16% of 100,000 notes), top 20",
        lib: stats(lib_t),
        raw: Some(stats(raw_t).0),
        target: "≤ 5 ms",
    });
    // Specific words (a name, a rare topic): terms of the index found in 100–300 notes.
    raw.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, 'notes_fts', 'row')",
    )?;
    let rare: Vec<(String, i64)> = raw
        .prepare("SELECT term, doc FROM temp.vocab WHERE doc BETWEEN 100 AND 300 AND length(term) > 4 ORDER BY term LIMIT 6")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let lib_t = time(100, |i| {
        let q = NoteQuery {
            keywords: Some(rare[i % rare.len()].0.clone()),
            page: Page::first(20),
            ..Default::default()
        };
        lib.search_notes(me, NoteScope::Practice(p.practice), q)
            .unwrap()
            .len()
    });
    let raw_t = time(100, |i| {
        raw_search(&raw, &p.practice.to_string(), &rare[i % rare.len()].0)
    });
    rows.push(Row {
        op: "keyword search, specific words (100–300 of 100,000 notes), top 20",
        lib: stats(lib_t),
        raw: Some(stats(raw_t).0),
        target: "≤ 5 ms",
    });
    let total: i64 = raw.query_row("SELECT count(*) FROM notes", [], |r| r.get(0))?;
    let df: Vec<String> = words
        .iter()
        .map(|w| {
            let q = w
                .split_whitespace()
                .map(|t| format!("\"{t}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            let n: i64 = raw
                .query_row(
                    "SELECT count(*) FROM notes_fts WHERE notes_fts MATCH ?1",
                    [q],
                    |r| r.get(0),
                )
                .unwrap_or(0);
            format!("{w}: {n}")
        })
        .collect();

    // Book a session: overlap check, log entry, commit.
    let e = p.engagements[0];
    let far = generate::after_last_session(&path);
    let mut slot = 0i64;
    let lib_t = time(300, |_| {
        slot += 1;
        let start = far + Duration::minutes(90 * slot);
        lib.book_session(
            me,
            e,
            NewSession {
                start,
                end: None,
                time_zone: None,
                location: Location::Other {
                    text: "office".into(),
                },
            },
        )
        .unwrap()
    });
    rows.push(Row {
        op: "book a session",
        lib: stats(lib_t),
        raw: None,
        target: "≤ 200 µs",
    });

    // Open the 5,000-engagement file.
    let lib_t = time(20, |_| SqliteStore::open(&path).unwrap());
    rows.push(Row {
        op: "open the 5,000-engagement file",
        lib: stats(lib_t),
        raw: None,
        target: "≤ 50 ms",
    });

    println!();
    println!("| operation | median | p95 | raw SQL median | ratio | target |");
    println!("|---|---|---|---|---|---|");
    for r in &rows {
        let (raw_s, ratio) = match r.raw {
            Some(x) => (fmt_us(x), format!("{:.2}×", r.lib.0 / x)),
            None => ("–".into(), "–".into()),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            r.op,
            fmt_us(r.lib.0),
            fmt_us(r.lib.1),
            raw_s,
            ratio,
            r.target
        );
    }
    println!(
        "| peak memory of the process | {:.1} MB | | | | ≤ 100 MB |",
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
            "| generating the whole data set | {:.1} s | | | | ≤ 60 s |",
            d.as_secs_f64()
        ),
        None => println!(
            "| generating the whole data set | (reused {}) | | | | ≤ 60 s |",
            path.display()
        ),
    }
    Ok(())
}

/// The same to-dos by hand: the rows the library returns, read into tuples.
fn raw_todos(c: &Connection, coach: &str) -> usize {
    let coach = coach.parse::<CoachId>().unwrap();
    let mut stmt = c
        .prepare_cached(
            "SELECT kind, id, engagement_id, client_id, client_name, name, goal_name, due FROM (
             SELECT 'goal' AS kind, g.id AS id, e.id AS engagement_id, e.client_id AS client_id, cl.name AS client_name, g.name AS name, NULL AS goal_name, g.due_date AS due
             FROM engagements e JOIN clients cl ON cl.id = e.client_id JOIN goals g ON g.engagement_id = e.id
             WHERE e.coach_id = ?1 AND e.status = 'active' AND g.status = 'active'
             UNION ALL
             SELECT 'milestone', m.id, e.id, e.client_id, cl.name, m.name, g.name, m.due_date
             FROM engagements e JOIN clients cl ON cl.id = e.client_id JOIN milestones m ON m.engagement_id = e.id JOIN goals g ON g.id = m.goal_id
             WHERE e.coach_id = ?1 AND e.status = 'active' AND m.done = 0 AND g.status = 'active'
             UNION ALL
             SELECT 'assignment', a.id, e.id, e.client_id, cl.name, a.name, NULL, a.due_date
             FROM engagements e JOIN clients cl ON cl.id = e.client_id JOIN assignments a ON a.engagement_id = e.id
             WHERE e.coach_id = ?1 AND e.status = 'active' AND a.status = 'open')
             ORDER BY due IS NULL, due, name, id LIMIT 50",
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

fn raw_upcoming(c: &Connection, coach: &str, from: i64, to: i64) -> usize {
    let coach = coach.parse::<CoachId>().unwrap();
    let mut stmt = c
        .prepare_cached(
            "SELECT s.id, s.engagement_id, s.start_at, s.end_at, s.time_zone, s.location_kind, s.location_value, s.status,
                    co.name, cl.name, e.program_name
             FROM sessions s JOIN engagements e ON e.id = s.engagement_id JOIN coaches co ON co.id = s.coach_id
             JOIN clients cl ON cl.id = s.client_id
             WHERE s.coach_id = ?1 AND s.start_at >= ?2 AND s.start_at < ?3 AND s.status = 'scheduled'
             ORDER BY s.start_at, s.id",
        )
        .unwrap();
    let rows = stmt
        .query_map(params![coach.as_uuid().as_bytes(), from, to], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, Option<String>>(10)?,
            ))
        })
        .unwrap();
    rows.count()
}

fn raw_overview(c: &Connection, practice: &str) -> usize {
    let practice = practice.parse::<PracticeId>().unwrap();
    let mut stmt = c
        .prepare_cached(
            "SELECT e.id, e.coach_id, co.name, e.client_id, cl.name, e.program_name, e.start_date, e.end_date, e.status,
                    e.unit, e.planned, e.no_show_counts, e.tally_completed, e.tally_completed_minutes, e.tally_no_show,
                    e.tally_no_show_minutes, e.tally_late_cancelled, e.tally_late_cancelled_minutes
             FROM engagements e
             LEFT JOIN coaches co ON co.id = e.coach_id
             LEFT JOIN clients cl ON cl.id = e.client_id
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

fn raw_search(c: &Connection, practice: &str, words: &str) -> usize {
    let practice = practice.parse::<PracticeId>().unwrap();
    let query = words
        .split_whitespace()
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut stmt = c
        .prepare_cached(
            "WITH top AS (
                 SELECT n.seq AS seq, -bm25(notes_fts, 10.0, 1.0) AS score
                 FROM notes_fts JOIN notes n ON n.seq = notes_fts.rowid
                 WHERE notes_fts MATCH ?1 AND n.practice_id = ?2
                 ORDER BY score DESC LIMIT 20)
             SELECT n.id, n.title, n.body_html, snippet(notes_fts, -1, '<mark>', '</mark>', '…', 16), top.score
             FROM top JOIN notes_fts ON notes_fts.rowid = top.seq JOIN notes n ON n.seq = top.seq
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
