//! Offline sync, the server's half, on the 5,000-engagement benchmark practice (a scratch copy
//! of the file `bench` generates): the time and the bytes of a client's and a coach's first
//! sync, of a request carrying 100 queued operations, and of an answer to 1,000 changes.
//!
//!     cargo run --release --example bench_sync [-- FILE]

#[path = "../../coaching-core/benches/generate.rs"]
mod generate;
#[path = "timing.rs"]
mod timing;

use std::path::PathBuf;

use timing::*;

use coaching_core::*;

fn request(p: PracticeId, cursor: Option<String>, held: Vec<EngagementId>, ops: Vec<SyncOp>) -> Vec<u8> {
    let req = SyncRequest {
        protocol: SYNC_PROTOCOL,
        library_version: "bench".into(),
        practice_id: p,
        cursor,
        held,
        ops: ops
            .into_iter()
            .map(|op| PendingOp { op_id: uuid::Uuid::now_v7(), op })
            .collect(),
    };
    serde_json::to_vec(&req).unwrap()
}

fn answer(lib: &Coaching, actor: Actor, bytes: &[u8]) -> SyncResponse {
    serde_json::from_slice(&lib.handle_sync(actor, bytes).unwrap()).unwrap()
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1024.0)
}

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/practice-seed42.db"));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::Storage { message: e.to_string() })?;
    }
    let (lib, p, _) = generate::open_or_generate(&path, 42, generate::ENGAGEMENTS)?;
    drop(lib);
    let scratch = path.with_file_name("practice-seed42-sync.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    std::fs::copy(&path, &scratch).map_err(|e| Error::Storage { message: e.to_string() })?;
    let lib = Coaching::open(&scratch)?;
    let pid = p.practice;
    let client = Actor::Client(p.clients[0]);
    let coach_id = p.coaches[1];
    let coach = Actor::Coach(coach_id);
    let mine: Vec<EngagementId> = lib
        .overview_for_practice(coach, pid)?
        .into_iter()
        .map(|l| l.engagement.id)
        .collect();
    let mut rows: Vec<String> = Vec::new();
    let mut line = |op: &str, s: Summary, size: String| {
        rows.push(format!("| {op} | {} | {} | {size} |", fmt_us(s.median), fmt_us(s.p95)));
    };

    // First syncs: a client's whole view (one engagement), a coach's (100 engagements).
    let first = request(pid, None, Vec::new(), Vec::new());
    let client_bytes = lib.handle_sync(client, &first)?.len();
    line("a client's first sync (their 1 engagement, the directory)", alone(50, |_| lib.handle_sync(client, &first).unwrap()), kb(client_bytes));
    let coach_bytes = lib.handle_sync(coach, &first)?.len();
    line(
        &format!("a coach's first sync ({} engagements, the directory)", mine.len()),
        alone(5, |_| lib.handle_sync(coach, &first).unwrap()),
        kb(coach_bytes),
    );

    // 100 queued operations (notes created offline) in one request.
    let e = mine[0];
    let hundred = |i: usize| {
        request(
            pid,
            None,
            Vec::new(),
            (0..100)
                .map(|k| SyncOp::CreateNote {
                    id: NoteId::new(),
                    engagement_id: e,
                    title: format!("Offline note {i}.{k}"),
                    body_html: "<p>Written on the train, synced at the station.</p>".into(),
                })
                .collect(),
        )
    };
    let req_size = hundred(0).len();
    // Each request from the device's current cursor, so its answer is the operations' own
    // changes (the engagement's snapshot and the 100 feed entries); only `handle_sync` is timed.
    let mut cursor = answer(&lib, coach, &first).cursor;
    let mut times = Times::default();
    for i in 0..13 {
        let mut v: serde_json::Value = serde_json::from_slice(&hundred(i + 1)).unwrap();
        v["cursor"] = serde_json::json!(cursor);
        v["held"] = serde_json::json!([e]);
        let bytes = serde_json::to_vec(&v).unwrap();
        let mut got = Vec::new();
        if i < 3 {
            got = lib.handle_sync(coach, &bytes).unwrap(); // warm-up
        } else {
            times.once(|| got = lib.handle_sync(coach, &bytes).unwrap());
        }
        cursor = serde_json::from_slice::<SyncResponse>(&got).unwrap().cursor;
    }
    line("100 queued operations in one request (request size)", times.summary(), kb(req_size));
    let end = cursor;

    // 1,000 changes since the device's cursor, in 10 of the coach's engagements.
    let cursor = answer(&lib, coach, &request(pid, Some(end.clone()), Vec::new(), Vec::new())).cursor;
    lib.batch(|lib| {
        for k in 0..1000 {
            lib.create_note(
                coach,
                mine[1 + k % 10],
                NewNote { title: format!("Change {k}"), body_html: "<p>a change</p>".into(), template: None },
            )?;
        }
        Ok(())
    })?;
    let incoming = request(pid, Some(cursor), mine.clone(), Vec::new());
    let a = lib.handle_sync(coach, &incoming)?;
    let parsed: SyncResponse = serde_json::from_slice(&a).unwrap();
    line(
        &format!(
            "an answer to 1,000 changes ({} snapshots, {} feed entries; {:.0} bytes a change)",
            parsed.records.len(),
            parsed.changes.len(),
            a.len() as f64 / 1000.0
        ),
        alone(10, |_| lib.handle_sync(coach, &incoming).unwrap()),
        kb(a.len()),
    );
    println!("\n| sync (server side, SQLite) | median | p95 | bytes |\n|---|---|---|---|");
    for r in &rows {
        println!("{r}");
    }

    // The device's half: replicas in files of their own, each round trip timed whole (the
    // replica's request, the server's answer, the replica applying it).
    let dir = scratch.with_file_name("replicas");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::Storage { message: e.to_string() })?;
    let round = |r: &mut Replica, actor: Actor| -> SyncOutcome {
        let req = r.sync_request().unwrap();
        let ans = lib.handle_sync(actor, &req).unwrap();
        r.apply_sync_response(&ans).unwrap()
    };
    let mut device: Vec<String> = Vec::new();
    // A client's replica: its first sync, and its size on disk.
    let mut cr = Replica::open(dir.join("client.db"), pid, client)?;
    let t = std::time::Instant::now();
    round(&mut cr, client);
    let client_first = t.elapsed();
    drop(cr);
    let size: u64 = ["", "-wal", "-shm"]
        .iter()
        .filter_map(|x| std::fs::metadata(format!("{}{x}", dir.join("client.db").display())).ok())
        .map(|m| m.len())
        .sum();
    device.push(format!("| a client's replica, first sync (round trip) | {} | — | {} on disk |", fmt_us(client_first.as_secs_f64() * 1e6), kb(size as usize)));
    // A coach's replica (their 100 engagements).
    let mut co = Replica::open(dir.join("coach.db"), pid, coach)?;
    let t = std::time::Instant::now();
    round(&mut co, coach);
    let coach_first = t.elapsed();
    device.push(format!("| a coach's replica, first sync ({} engagements, round trip) | {} | — | |", mine.len(), fmt_us(coach_first.as_secs_f64() * 1e6)));
    // 100 operations queued offline, then one sync.
    let mut queue_t = Times::default();
    let mut sync_t = Times::default();
    for i in 0..8 {
        let mut write = || {
            for k in 0..100 {
                co.create_note(mine[0], &format!("Offline {i}.{k}"), "<p>on the train</p>").unwrap();
            }
        };
        if i >= 2 { queue_t.once(write) } else { write() }
        let mut sync = || assert_eq!(round(&mut co, coach).applied.len(), 100);
        if i >= 2 { sync_t.once(sync) } else { sync() }
    }
    let q = queue_t.summary();
    device.push(format!("| queueing 100 notes offline (the 100 writes on the replica) | {} | {} | |", fmt_us(q.median), fmt_us(q.p95)));
    let q = sync_t.summary();
    device.push(format!("| syncing 100 pending operations (round trip) | {} | {} | |", fmt_us(q.median), fmt_us(q.p95)));
    // 1,000 changes made on the server in 10 engagements (another 10 each time, so every
    // round is the same size), then one sync of the device.
    let mut in_t = Times::default();
    for i in 0..6 {
        lib.batch(|lib| {
            for k in 0..1000 {
                lib.create_note(
                    coach,
                    mine[11 + 10 * i + k % 10],
                    NewNote { title: format!("Incoming {i}.{k}"), body_html: "<p>a change</p>".into(), template: None },
                )?;
            }
            Ok(())
        })?;
        let mut pull = || {
            let mut o = round(&mut co, coach);
            while o.more {
                o = round(&mut co, coach);
            }
        };
        if i >= 1 { in_t.once(pull) } else { pull() }
    }
    let q = in_t.summary();
    device.push(format!("| receiving 1,000 changes (round trip) | {} | {} | |", fmt_us(q.median), fmt_us(q.p95)));
    println!("\n| sync (device side: a replica on SQLite, server on SQLite) | median | p95 | size |\n|---|---|---|---|");
    for r in &device {
        println!("{r}");
    }
    drop(co);
    let _ = std::fs::remove_dir_all(&dir);
    drop(lib);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", scratch.display()));
    }
    Ok(())
}
