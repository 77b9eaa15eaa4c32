//! Criterion benchmarks of the dashboard operations on the realistic practice (5,000
//! engagements, see `generate.rs`) in a SQLite file under `target/bench/` (generated on first
//! use, about a minute, then reused). The table with p95 and the raw-SQL ratios is printed by
//! `cargo run --release --example bench`.

mod generate;

use std::path::PathBuf;

use chrono::Duration;
use coaching_core::*;
use criterion::{criterion_group, criterion_main, Criterion};

fn practice() -> (Coaching, generate::Practice, PathBuf) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench/practice-seed42.db");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let (lib, p, _) = generate::open_or_generate(&path, 42, generate::ENGAGEMENTS).unwrap();
    (lib, p, path)
}

fn dashboard(c: &mut Criterion) {
    let (lib, p, path) = practice();
    let me = Actor::Coach(p.owner);
    let now = generate::now();
    let mut g = c.benchmark_group("dashboard");
    g.sample_size(30);
    let mut i = 0;
    g.bench_function("client_todos first page of 50", |b| {
        b.iter(|| {
            i += 1;
            lib.client_todos(me, p.coaches[i % p.coaches.len()], Page::first(50))
                .unwrap()
        })
    });
    g.bench_function("upcoming sessions of a coach, 7 days", |b| {
        b.iter(|| {
            i += 1;
            lib.upcoming_sessions_for_coach(
                me,
                p.coaches[i % p.coaches.len()],
                now,
                now + Duration::days(7),
            )
            .unwrap()
        })
    });
    g.bench_function("overview of 5,000 engagements", |b| {
        b.iter(|| lib.overview_for_practice(me, p.practice).unwrap())
    });
    let words = [
        "delegation",
        "sabbatical",
        "burnout",
        "negotiation",
        "imposter",
    ];
    g.bench_function("keyword search over 100,000 notes, top 20", |b| {
        b.iter(|| {
            i += 1;
            let q = NoteQuery {
                keywords: Some(words[i % words.len()].into()),
                page: Page::first(20),
                ..Default::default()
            };
            lib.search_notes(me, NoteScope::Practice(p.practice), q)
                .unwrap()
        })
    });
    let mut slot = 0i64;
    let far = generate::after_last_session(&path);
    g.bench_function("book a session", |b| {
        b.iter(|| {
            slot += 1;
            let start = far + Duration::minutes(90 * slot);
            lib.book_session(
                me,
                p.engagements[1],
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
        })
    });
    g.bench_function("open the 5,000-engagement file", |b| {
        b.iter(|| SqliteStore::open(&path).unwrap())
    });
    g.finish();
}

criterion_group!(benches, dashboard);
criterion_main!(benches);
