//! Offline sync across processes: three devices (the owner's phone, a second coach's laptop, a
//! client's phone), each a separate OS process with its replica in a file of its own, and two
//! server processes on one SQLite file. They exchange nothing but bytes through files in a
//! shared directory: a device writes its request, one of the servers claims it (an atomic
//! rename), answers it as the actor the host authenticated for that device, and writes the
//! answer back. Devices lose some of their requests, drop some answers (so the same operations
//! reach the server again) and apply some answers twice, while the test itself changes
//! permissions on the server (a note unshared, an engagement reassigned). At the end every
//! device reads, through its replica, exactly what its actor reads on the server, and each
//! operation a device created landed once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use coaching_core::*;

#[path = "children/mod.rs"]
mod children;
use children::{finish, spawn, var};

/// The entry point of child processes; ignored in an ordinary run.
#[test]
#[ignore = "run by the other tests as a child process"]
fn child() {
    match var("COACHING_CHILD").as_str() {
        "device" => device(),
        "server" => server(),
        other => panic!("no such child role: {other}"),
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
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

fn all<T>(r: Result<Vec<T>>) -> Vec<T> {
    match r {
        Err(Error::PermissionDenied { .. }) => Vec::new(),
        other => other.unwrap(),
    }
}

/// What `actor` reads of the practice through the public read calls, as lines of text.
fn seen(lib: &Coaching, actor: Actor, practice: PracticeId) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = match actor {
        Actor::Client(c) => lib.overview_for_client(actor, c).unwrap(),
        _ => lib.overview_for_practice(actor, practice).unwrap(),
    };
    lines.sort_by_key(|l| l.engagement.id);
    let page = Page {
        offset: 0,
        limit: Page::MAX_LIMIT,
    };
    for l in lines {
        let e = l.engagement.id;
        out.push(format!("{l:?}"));
        for range in [SessionRange::Upcoming, SessionRange::Past] {
            out.push(format!("{:?}", lib.sessions(actor, e, range, page).unwrap()));
        }
        let notes = all(lib.notes(actor, e));
        let goals = all(lib.goals(actor, e));
        for t in notes
            .iter()
            .map(|n| CommentTarget::Note(n.id))
            .chain(goals.iter().map(|g| CommentTarget::Goal(g.goal.id)))
        {
            out.push(format!("{t:?} {:?}", all(lib.comments(actor, t))));
        }
        out.push(format!("{notes:?}"));
        out.push(format!("{goals:?}"));
        out.push(format!("{:?}", all(lib.assignments(actor, e))));
        out.push(format!("{:?}", all(lib.journal(actor, e))));
        out.push(format!("{:?}", all(lib.activity(actor, e, page))));
    }
    out.push(format!("{:?}", lib.practice(actor, practice).unwrap()));
    out.push(format!("{:?}", all(lib.coaches(actor, practice))));
    out.push(format!("{:?}", all(lib.clients(actor, practice))));
    out
}

fn wait_for(path: &Path, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !path.exists() {
        assert!(Instant::now() < deadline, "{what} never came ({})", path.display());
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Writes `bytes` to `path` at once (a temporary name, then a rename).
fn put(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

const DEVICES: usize = 3;
const ROUNDS: u32 = 25;

/// A server process: claims request files (`req-<device>-<n>`) by renaming them, answers each
/// as the actor the host authenticated for that device, until told to stop.
fn server() {
    let dir = PathBuf::from(var("COACHING_DIR"));
    let lib = Coaching::open(var("COACHING_DB")).unwrap();
    let me = var("COACHING_INDEX");
    // The host's own table of who each device is: never read from the bytes.
    let actors: Vec<Actor> = var("COACHING_ACTORS")
        .split('|')
        .map(|s| serde_json::from_str(s).unwrap())
        .collect();
    loop {
        let stop = dir.join("stop").exists();
        let mut found = false;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let Some(rest) = name.strip_prefix("req-").and_then(|r| r.strip_suffix(".bin")) else {
                continue;
            };
            let claimed = dir.join(format!("work-{rest}-{me}"));
            if std::fs::rename(dir.join(&name), &claimed).is_err() {
                continue; // the other server took it
            }
            found = true;
            let device: usize = rest.split('-').next().unwrap().parse().unwrap();
            let request = std::fs::read(&claimed).unwrap();
            let answer = lib.handle_sync(actors[device], &request).unwrap();
            put(&dir.join(format!("ans-{rest}.bin")), &answer);
        }
        if stop && !found {
            return;
        }
        if !found {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// A device process: offline writes, syncs through the files with lost and repeated messages,
/// then, once every device is done, a last pull; writes what it reads and what it created.
fn device() {
    let dir = PathBuf::from(var("COACHING_DIR"));
    let index: usize = var("COACHING_INDEX").parse().unwrap();
    let practice: PracticeId = var("COACHING_PRACTICE").parse().unwrap();
    let actor: Actor = serde_json::from_str(&var("COACHING_ACTOR")).unwrap();
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let mut r = Replica::open_with_clock(
        dir.join(format!("device-{index}.db")),
        practice,
        actor,
        std::sync::Arc::new(clock),
    )
    .unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (index as u64 + 1).wrapping_mul(0x1234_5678_9ABC));
    let mut n = 0u32;
    let mut created: BTreeMap<String, String> = BTreeMap::new(); // op id -> what
    let mut applied: Vec<String> = Vec::new();
    let mut round = |r: &mut Replica, rng: &mut Rng, lossy: bool| -> SyncOutcome {
        n += 1;
        let request = r.sync_request().unwrap();
        if lossy && rng.below(6) == 0 {
            return SyncOutcome::default(); // the request is lost on the way
        }
        let name = format!("{index}-{n}");
        put(&dir.join(format!("req-{name}.bin")), &request);
        let answer_path = dir.join(format!("ans-{name}.bin"));
        wait_for(&answer_path, "an answer");
        let answer = std::fs::read(&answer_path).unwrap();
        if lossy && rng.below(6) == 0 {
            return SyncOutcome::default(); // the answer is lost on the way back
        }
        let out = r.apply_sync_response(&answer).unwrap();
        if lossy && rng.below(6) == 0 {
            // Delivered twice: harmless, or refused as stale.
            match r.apply_sync_response(&answer) {
                Ok(_) | Err(Error::Conflict { .. }) => {}
                Err(e) => panic!("a repeated answer: {e}"),
            }
        }
        out
    };
    let first = round(&mut r, &mut rng, false);
    assert!(first.refused.is_empty());
    for _ in 0..ROUNDS {
        for _ in 0..rng.below(4) {
            let view = r.view().clone();
            let engagements: Vec<EngagementId> = r.engagement_ids();
            if engagements.is_empty() {
                break;
            }
            let e = engagements[rng.below(engagements.len() as u64) as usize];
            let hour = 9 + rng.below(3) as u32;
            let day = 10 + rng.below(3) as u32;
            let start = Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap();
            let before = r.pending().len();
            let what = match (actor, rng.below(4)) {
                (Actor::Client(_), 0) => r.create_journal_entry(e, "On the bus", "<p>x</p>", rng.below(2) == 0).map(|_| "journal"),
                (Actor::Client(_), 1) => match view.notes(actor, e).unwrap_or_default().first() {
                    Some(note) => r.add_comment(CommentTarget::Note(note.id), "<p>thanks</p>").map(|_| "comment"),
                    None => continue,
                },
                (_, 2) => r
                    .book_session(e, start, None, None, Location::Other { text: "office".into() })
                    .map(|_| "session"),
                (Actor::Client(_), _) => continue,
                (_, 0) => r.create_note(e, "Offline", "<p>x</p>").map(|_| "note"),
                (_, 1) => r.create_goal(e, "A goal", None, None).map(|_| "goal"),
                _ => match view.goals(actor, e).unwrap_or_default().first() {
                    Some(g) => r.add_milestone(g.goal.id, "A step", None).map(|_| "milestone"),
                    None => continue,
                },
            };
            if let Ok(what) = what {
                assert_eq!(r.pending().len(), before + 1);
                let op = r.pending().last().unwrap();
                created.insert(op.op_id.to_string(), what.to_string());
            }
        }
        let out = round(&mut r, &mut rng, true);
        applied.extend(out.applied.iter().map(|u| u.to_string()));
    }
    // Everything still queued goes through, without loss.
    for _ in 0..20 {
        if r.pending().is_empty() {
            break;
        }
        let out = round(&mut r, &mut rng, false);
        applied.extend(out.applied.iter().map(|u| u.to_string()));
    }
    assert!(r.pending().is_empty(), "device {index} could not empty its queue");
    put(&dir.join(format!("done-{index}")), b"");
    for i in 0..DEVICES {
        wait_for(&dir.join(format!("done-{i}")), "the other devices");
    }
    wait_for(&dir.join("settled"), "the server's last change");
    // The last pull: everything the others (and the server) did.
    loop {
        let out = round(&mut r, &mut rng, false);
        if !out.more {
            break;
        }
    }
    let report = serde_json::json!({
        "seen": seen(r.view(), actor, practice),
        "created": created,
        "applied": applied,
    });
    put(&dir.join(format!("seen-{index}.json")), report.to_string().as_bytes());
}

#[test]
fn devices_in_separate_processes_converge_through_bytes_in_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("server.db");
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let lib = Coaching::with_clock(SqliteStore::open(&db).unwrap(), clock);
    let (practice, owner) = lib
        .create_practice(NewPractice {
            name: "Bright Path".into(),
            time_zone: "Europe/London".into(),
            plan: Plan::team(3),
            owner_name: "Olivia".into(),
            owner_email: None,
        })
        .unwrap();
    let me = Actor::Coach(owner.id);
    let sam = lib
        .add_coach(me, practice.id, NewCoach { name: "Sam".into(), email: None })
        .unwrap();
    let tess = lib
        .add_coach(me, practice.id, NewCoach { name: "Tess".into(), email: None })
        .unwrap();
    let carla = lib
        .add_client(me, practice.id, NewClient { name: "Carla".into(), email: None, has_portal: true })
        .unwrap();
    let program = lib
        .create_program(me, practice.id, NewProgram::sessions("Twelve", 12))
        .unwrap();
    let engagement = |coach: CoachId| {
        let e = lib
            .create_engagement(
                me,
                practice.id,
                NewEngagement {
                    program_id: Some(program.id),
                    coach_id: Some(coach),
                    client_id: Some(carla.id),
                    ..Default::default()
                },
            )
            .unwrap();
        lib.activate(me, e.id).unwrap()
    };
    let (e_owner, e_sam) = (engagement(owner.id), engagement(sam.id));
    let shared = lib
        .create_note(me, e_owner.id, NewNote { title: "Welcome".into(), body_html: "<p>hi</p>".into(), template: None })
        .unwrap();
    lib.set_note_shared(me, shared.id, true).unwrap();
    let actors = [me, Actor::Coach(sam.id), Actor::Client(carla.id)];
    let actor_list = actors
        .iter()
        .map(|a| serde_json::to_string(a).unwrap())
        .collect::<Vec<_>>()
        .join("|");
    let servers: Vec<Child> = (0..2)
        .map(|i| {
            spawn(
                "server",
                &[
                    ("COACHING_DIR", dir.path().display().to_string()),
                    ("COACHING_DB", db.display().to_string()),
                    ("COACHING_INDEX", i.to_string()),
                    ("COACHING_ACTORS", actor_list.clone()),
                ],
            )
        })
        .collect();
    let mut devices: Vec<Child> = (0..DEVICES)
        .map(|i| {
            spawn(
                "device",
                &[
                    ("COACHING_DIR", dir.path().display().to_string()),
                    ("COACHING_INDEX", i.to_string()),
                    ("COACHING_PRACTICE", practice.id.to_string()),
                    ("COACHING_ACTOR", serde_json::to_string(&actors[i]).unwrap()),
                ],
            )
        })
        .collect();
    // Permissions change on the server while the devices work: the welcome note unshared, and
    // Sam's engagement moved to Tess, who has no device (Sam's laptop must drop it, and its
    // queued writes in it are refused).
    let answers = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|f| f.as_ref().unwrap().file_name().to_string_lossy().starts_with("ans-"))
            .count()
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while answers() < 15 {
        assert!(Instant::now() < deadline, "the devices never got going");
        std::thread::sleep(Duration::from_millis(1));
    }
    lib.set_note_shared(me, shared.id, false).unwrap();
    while answers() < 35 {
        assert!(Instant::now() < deadline, "the devices stopped");
        std::thread::sleep(Duration::from_millis(1));
    }
    lib.reassign(me, e_sam.id, tess.id).unwrap();
    let during = answers();
    assert!(during < 3 * ROUNDS as usize, "the changes came after the devices' work ({during} answers)");
    // Waits for every device's work, failing at once (with its message) if one fails.
    let deadline = Instant::now() + Duration::from_secs(180);
    while (0..DEVICES).any(|i| !dir.path().join(format!("done-{i}")).exists()) {
        for (i, d) in devices.iter_mut().enumerate() {
            if let Some(status) = d.try_wait().unwrap() {
                assert!(status.success(), "device {i} failed: {}", {
                    let mut s = String::new();
                    std::io::Read::read_to_string(d.stderr.as_mut().unwrap(), &mut s).unwrap();
                    s
                });
            }
        }
        assert!(Instant::now() < deadline, "the devices never finished their work");
        std::thread::sleep(Duration::from_millis(5));
    }
    std::fs::write(dir.path().join("settled"), b"").unwrap();
    for (i, d) in devices.into_iter().enumerate() {
        finish(d, &format!("device {i}"));
    }
    std::fs::write(dir.path().join("stop"), b"").unwrap();
    for (i, s) in servers.into_iter().enumerate() {
        finish(s, &format!("server {i}"));
    }
    // Each device reads what its actor reads on the server.
    let mut created_total = 0;
    for (i, actor) in actors.iter().enumerate() {
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join(format!("seen-{i}.json"))).unwrap()).unwrap();
        let device: Vec<String> = serde_json::from_value(report["seen"].clone()).unwrap();
        let server = seen(&lib, *actor, practice.id);
        for (k, (s, d)) in server.iter().zip(&device).enumerate() {
            assert_eq!(s, d, "device {i} ({actor:?}), line {k}");
        }
        assert_eq!(server.len(), device.len(), "device {i} ({actor:?})");
        // Every operation the device queued was reported once; each applied one is on the
        // server once (ids are the device's: counted below).
        let applied: Vec<String> = serde_json::from_value(report["applied"].clone()).unwrap();
        let mut unique = applied.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), applied.len(), "device {i}: an operation reported applied twice");
        created_total += report["created"].as_object().unwrap().len();
    }
    assert!(created_total > 20, "the devices made {created_total} writes");
    // Sam's laptop no longer holds the engagement moved away from him.
    assert!(seen(&lib, actors[1], practice.id).iter().all(|l| !l.contains(&e_sam.id.to_string())));
    // Nothing was applied twice: each note, goal, milestone and session on the server exists once
    // per operation that created it (their ids are the devices').
    let notes = lib.notes(me, e_owner.id).unwrap().len() + lib.notes(me, e_sam.id).unwrap().len();
    let mut applied_notes = 0;
    for i in 0..DEVICES {
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join(format!("seen-{i}.json"))).unwrap()).unwrap();
        let created = report["created"].as_object().unwrap();
        for op in report["applied"].as_array().unwrap() {
            if created.get(op.as_str().unwrap()).and_then(|w| w.as_str()) == Some("note") {
                applied_notes += 1;
            }
        }
    }
    assert_eq!(notes, applied_notes + 1, "one note per applied creation, plus the welcome note");
}
