//! The `coaching` command run as an operator runs it: its output, its messages and its exit
//! codes (0 done, 1 problems found, 2 usage, 3 failed), on SQLite files and on PostgreSQL.

#[path = "../../coaching-core/tests/pg/mod.rs"]
mod pg;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use coaching_core::*;

fn coaching(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_coaching"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run coaching")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("an exit code")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A practice with a bit of everything in `path`; its id.
fn practice_in(path: &Path, plan: Plan, name: &str) -> (Coaching, Practice, Actor) {
    let lib = Coaching::open(path).unwrap();
    let (p, owner) = lib
        .create_practice(NewPractice {
            name: name.into(),
            time_zone: "Europe/Paris".into(),
            plan,
            owner_name: "Olivia Owner".into(),
            owner_email: None,
        })
        .unwrap();
    let me = Actor::Coach(owner.id);
    let c = lib
        .add_client(me, p.id, NewClient { name: "Carla".into(), email: None, has_portal: true })
        .unwrap();
    let e = lib
        .create_engagement(
            me,
            p.id,
            NewEngagement {
                coach_id: Some(owner.id),
                client_id: Some(c.id),
                program_name: Some("Leadership".into()),
                planned: Some(Planned::sessions(4)),
                ..Default::default()
            },
        )
        .unwrap();
    lib.activate(me, e.id).unwrap();
    let n = lib
        .create_note(me, e.id, NewNote { title: "Kick-off".into(), body_html: "<p>Goals <b>first</b></p>".into(), ..Default::default() })
        .unwrap();
    lib.set_note_shared(me, n.id, true).unwrap();
    lib.create_goal(me, e.id, NewGoal { name: "Delegate".into(), ..Default::default() }).unwrap();
    lib.create_engagement(
        me,
        p.id,
        NewEngagement { coach_id: Some(owner.id), client_id: Some(c.id), program_name: Some("Next".into()), planned: Some(Planned::sessions(2)), ..Default::default() },
    )
    .unwrap();
    (lib, p, me)
}

#[test]
fn export_import_round_trip_and_refusals_with_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("practice.db");
    let (_lib, p, _) = practice_in(&db, Plan::free(), "Bright Path");
    let db = db.to_str().unwrap();

    // Export to standard output: the document, and a summary on standard error.
    let out = coaching(&["export", db]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format"], "coaching-practice");
    assert_eq!(doc["practice"]["id"], p.id.to_string());
    assert!(stderr(&out).contains("exported practice") && stderr(&out).contains("2 engagements"), "{}", stderr(&out));

    // To a file, then imported into a new store, then exported again: the same bytes.
    let file = dir.path().join("export.json");
    let file = file.to_str().unwrap();
    assert_eq!(code(&coaching(&["export", db, "--output", file])), 0);
    assert_eq!(std::fs::read(file).unwrap(), out.stdout);
    let copy = dir.path().join("copy.db");
    let copy = copy.to_str().unwrap();
    let imported = coaching(&["import", file, copy]);
    assert_eq!(code(&imported), 0, "{}", stderr(&imported));
    assert!(stderr(&imported).contains("imported practice"));
    assert_eq!(coaching(&["export", copy]).stdout, out.stdout);

    // Importing it again: the store holds it already.
    let again = coaching(&["import", file, copy]);
    assert_eq!(code(&again), 3);
    assert!(stderr(&again).contains("already holds practice"), "{}", stderr(&again));

    // A hostile document: refused, the place named, nothing written.
    let mut bad = doc.clone();
    bad["engagements"][0]["notes"][0]["body_html"] = serde_json::json!("<p>hi</p><script>steal()</script>");
    let bad_file = dir.path().join("bad.json");
    std::fs::write(&bad_file, serde_json::to_vec(&bad).unwrap()).unwrap();
    let fresh = dir.path().join("fresh.db");
    let refused = coaching(&["import", bad_file.to_str().unwrap(), fresh.to_str().unwrap()]);
    assert_eq!(code(&refused), 3);
    assert!(
        stderr(&refused).contains("refused at engagements[0].notes[0].body_html"),
        "{}",
        stderr(&refused)
    );
    let empty = coaching(&["export", fresh.to_str().unwrap()]);
    assert_eq!(code(&empty), 3);
    assert!(stderr(&empty).contains("holds no practice"), "{}", stderr(&empty));

    // A truncated document, a missing file.
    let cut = dir.path().join("cut.json");
    std::fs::write(&cut, &out.stdout[..out.stdout.len() / 2]).unwrap();
    let truncated = coaching(&["import", cut.to_str().unwrap(), fresh.to_str().unwrap()]);
    assert_eq!(code(&truncated), 3);
    assert!(stderr(&truncated).contains("truncated"), "{}", stderr(&truncated));
    let missing = coaching(&["import", "/no/such/file.json", fresh.to_str().unwrap()]);
    assert_eq!(code(&missing), 3);
    assert!(stderr(&missing).contains("cannot read /no/such/file.json"));

    // Usage errors.
    assert_eq!(code(&coaching(&["frobnicate"])), 2);
    assert_eq!(code(&coaching(&["export"])), 2);
    let help = coaching(&["--help"]);
    assert_eq!(code(&help), 0);
    for word in ["export", "import", "copy", "check"] {
        assert!(String::from_utf8_lossy(&help.stdout).contains(word));
    }
}

#[test]
fn several_practices_need_a_name_and_copy_moves_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("two.db");
    let (lib, a, _) = practice_in(&db, Plan::solo(), "Alpha");
    drop(lib);
    let (_lib, b, _) = practice_in(&db, Plan::solo(), "Beta");
    let db = db.to_str().unwrap();
    let unnamed = coaching(&["export", db]);
    assert_eq!(code(&unnamed), 3);
    let msg = stderr(&unnamed);
    assert!(msg.contains("2 practices") && msg.contains(&a.id.to_string()) && msg.contains("Beta"), "{msg}");
    let named = coaching(&["export", db, "--practice", &b.id.to_string()]);
    assert_eq!(code(&named), 0, "{}", stderr(&named));
    let bad_id = coaching(&["export", db, "--practice", "not-an-id"]);
    assert_eq!(code(&bad_id), 3);

    let copy = dir.path().join("copy.db");
    let copy = copy.to_str().unwrap();
    let copied = coaching(&["copy", db, copy]);
    assert_eq!(code(&copied), 0, "{}", stderr(&copied));
    assert_eq!(stderr(&copied).matches("copied practice").count(), 2);
    for p in [&a, &b] {
        let id = p.id.to_string();
        assert_eq!(
            coaching(&["export", db, "--practice", &id]).stdout,
            coaching(&["export", copy, "--practice", &id]).stdout
        );
    }
}

#[test]
fn check_reports_a_broken_rule_with_exit_code_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("check.db");
    let (lib, _p, _) = practice_in(&db, Plan::free(), "Checked");
    drop(lib);
    let db = db.to_str().unwrap();
    let ok = coaching(&["check", db]);
    let text = String::from_utf8_lossy(&ok.stdout).into_owned();
    assert_eq!(code(&ok), 0, "{text}{}", stderr(&ok));
    assert!(text.contains("integrity_check: ok") && text.contains("no problems found"), "{text}");
    // Something the API would never do: a second Active engagement on the free plan, written
    // into the file behind the library's back.
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute("UPDATE engagements SET status = 'active' WHERE status = 'draft'", []).unwrap();
    drop(conn);
    let broken = coaching(&["check", db]);
    let text = String::from_utf8_lossy(&broken.stdout).into_owned();
    assert_eq!(code(&broken), 1, "{text}");
    assert!(text.contains("PROBLEM") && text.contains("more Active engagements than the plan allows"), "{text}");
    assert!(text.contains("1 problem(s) found"), "{text}");
    // A file that is not a coaching store.
    let other = dir.path().join("other.db");
    std::fs::write(&other, b"not a database at all, just text").unwrap();
    let foreign = coaching(&["check", other.to_str().unwrap()]);
    assert_eq!(code(&foreign), 3);
    assert!(stderr(&foreign).contains("cannot open"), "{}", stderr(&foreign));
}

#[test]
fn copy_an_sqlite_file_into_postgresql_and_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("src.db");
    let (_lib, p, _) = practice_in(&db, Plan::solo(), "Moving");
    let db = db.to_str().unwrap();
    let target = pg::TestDb::new("cli");
    let mut u = url::Url::parse(&pg::url()).unwrap();
    u.set_path(&format!("/{}", target.name));
    let url = u.to_string();
    let copied = coaching(&["copy", db, &url]);
    assert_eq!(code(&copied), 0, "{}", stderr(&copied));
    let from_file = coaching(&["export", db]).stdout;
    let from_pg = coaching(&["export", &url]);
    assert_eq!(code(&from_pg), 0, "{}", stderr(&from_pg));
    assert_eq!(from_pg.stdout, from_file, "SQLite → PostgreSQL → export is the same document");
    let checked = coaching(&["check", &url]);
    assert_eq!(code(&checked), 0, "{}", String::from_utf8_lossy(&checked.stdout));
    // And back into a new file.
    let back = dir.path().join("back.db");
    let back = back.to_str().unwrap();
    assert_eq!(code(&coaching(&["copy", &url, back, "--practice", &p.id.to_string()])), 0);
    assert_eq!(coaching(&["export", back]).stdout, from_file);
    // A server that refuses: the reason, exit code 3, no password shown.
    let refused = coaching(&["export", "postgresql://coaching:secret@127.0.0.1:1/nothing?connect_timeout=2"]);
    assert_eq!(code(&refused), 3);
    let msg = stderr(&refused);
    assert!(msg.contains("cannot open") && !msg.contains("secret"), "{msg}");
}
