//! Files the library must not open: each refused with a clear typed error, each left
//! byte-identical, with no journal or WAL file left beside it.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use coaching_core::storage::sqlite::CURRENT_VERSION;
use coaching_core::*;
use rusqlite::Connection;

fn practice(lib: &Coaching) {
    let (p, o) = lib
        .create_practice(NewPractice {
            name: "Bright Path".into(),
            time_zone: "UTC".into(),
            plan: Plan::solo(),
            owner_name: "Olivia".into(),
            owner_email: None,
        })
        .unwrap();
    for i in 0..200 {
        lib.add_client(
            Actor::Coach(o.id),
            p.id,
            NewClient {
                name: format!("Client {i} with a longer name to fill pages"),
                ..Default::default()
            },
        )
        .unwrap();
    }
}

fn siblings(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .collect()
}

/// Opens `path`, expects `check` to accept the error, and the file to be unchanged.
fn refused(path: &Path, what: &str, check: impl Fn(&Error) -> bool) -> Error {
    let before = std::fs::read(path).ok();
    let err = Coaching::open(path).expect_err(&format!("{what}: opened"));
    assert!(check(&err), "{what}: {err:?}");
    assert_eq!(std::fs::read(path).ok(), before, "{what}: the file changed");
    for s in siblings(path) {
        assert!(!s.exists(), "{what}: {} was left", s.display());
    }
    eprintln!("{what}: {err}");
    err
}

fn is_not_ours(e: &Error) -> bool {
    matches!(e, Error::NotCoachingFile { .. })
}

fn is_storage(e: &Error) -> bool {
    matches!(e, Error::Storage { .. })
}

#[test]
fn an_empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    refused(&path, "empty file", is_not_ours);
}

#[test]
fn random_bytes_and_text_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for size in [1usize, 100, 4096, 100_000] {
        let bytes: Vec<u8> = (0..size)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let path = dir.path().join(format!("random-{size}.bin"));
        std::fs::write(&path, &bytes).unwrap();
        refused(&path, &format!("{size} random bytes"), is_not_ours);
    }
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "these are not the tables you are looking for\n".repeat(100),
    )
    .unwrap();
    refused(&path, "a text file", is_not_ours);
}

#[test]
fn a_truncated_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.db");
    practice(&Coaching::open(&whole).unwrap());
    let bytes = std::fs::read(&whole).unwrap();
    assert!(
        bytes.len() > 16 * 4096,
        "the practice fills {} bytes",
        bytes.len()
    );
    for keep in [bytes.len() / 2, 8192, 100] {
        let path = dir.path().join(format!("truncated-{keep}.db"));
        std::fs::write(&path, &bytes[..keep]).unwrap();
        refused(&path, &format!("truncated to {keep} bytes"), |e| {
            is_storage(e) || is_not_ours(e)
        });
    }
}

#[test]
fn a_directory_and_a_missing_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Coaching::open(dir.path()).unwrap_err();
    assert!(is_storage(&err), "{err:?}");
    assert!(err.to_string().contains("directory"), "{err}");
    let err = Coaching::open(dir.path().join("no/such/dir/p.db")).unwrap_err();
    assert!(is_storage(&err), "{err:?}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing was created"
    );
}

#[test]
fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // An application with its own tables, in rollback-journal mode, with user_version 3 (the
    // case that once failed half-way after rewriting header bytes).
    for (name, setup) in [
        ("tables.db", "CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO songs VALUES (1, 'a');"),
        ("version3.db", "CREATE TABLE songs (id INTEGER PRIMARY KEY); PRAGMA user_version = 3;"),
        ("appid.db", "PRAGMA application_id = 1234; CREATE TABLE t (x);"),
        ("appid-empty.db", "PRAGMA application_id = 1234; PRAGMA user_version = 1;"),
        ("our-names.db", "CREATE TABLE practices (x); CREATE TABLE engagements (x); PRAGMA user_version = 9;"),
    ] {
        let path = dir.path().join(name);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(setup).unwrap();
        }
        let err = refused(&path, name, is_not_ours);
        assert!(err.to_string().contains(name), "the error names the file: {err}");
        let conn = Connection::open(&path).unwrap();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "{name}: the journal mode was changed");
    }
    // The same application's database in WAL mode stays in WAL mode, and untouched.
    let path = dir.path().join("wal-app.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        )
        .unwrap();
    }
    refused(&path, "another application's WAL database", is_not_ours);
    // …and one whose write-ahead log still holds frames (it crashed, or was copied with its
    // log): refused without a checkpoint, the database and its log both untouched.
    let path = dir.path().join("wal-frames.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA user_version = 2; CREATE TABLE t (x);",
        )
        .unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.execute_batch("INSERT INTO t VALUES (1), (2), (3);")
            .unwrap();
    }
    let wal = dir.path().join("wal-frames.db-wal");
    let (db_before, wal_before) = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    assert!(!wal_before.is_empty());
    let err = Coaching::open(&path).unwrap_err();
    assert!(is_not_ours(&err), "{err:?}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        db_before,
        "the database changed"
    );
    assert_eq!(std::fs::read(&wal).unwrap(), wal_before, "its log changed");
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    practice(&Coaching::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
    }
    let err = refused(&path, "a newer schema", |e| {
        matches!(e, Error::SchemaTooNew { .. })
    });
    assert_eq!(
        err,
        Error::SchemaTooNew {
            found: CURRENT_VERSION + 1,
            supported: CURRENT_VERSION
        }
    );
}

#[test]
fn an_empty_sqlite_database_and_files_of_earlier_versions_are_ours() {
    let dir = tempfile::tempdir().unwrap();
    // A valid SQLite file with nothing in it: nothing to lose, the library takes it.
    let path = dir.path().join("blank.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
            .unwrap();
    }
    practice(&Coaching::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, coaching_core::storage::sqlite::schema::APPLICATION_ID);
}

/// The entry point of the child run as an unprivileged user.
#[test]
#[ignore = "run by no_permission_is_refused as another user"]
fn child_open() {
    let path = std::env::var("COACHING_DB").unwrap();
    match Coaching::open(&path) {
        Err(Error::Storage { message }) => println!("storage error: {message}"),
        other => panic!("expected a storage error, got {other:?}"),
    }
}

#[test]
fn no_permission_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("locked.db");
    practice(&Coaching::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { geteuid() } == 0;
    if !root {
        refused(&path, "no permission", is_storage);
    } else {
        // Root ignores file permissions: run the check as `nobody`, from a copy of this test
        // binary that `nobody` may execute.
        let exe = dir.path().join("bad_files-test");
        std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        use std::os::unix::process::CommandExt;
        let out = Command::new(&exe)
            .args(["child_open", "--exact", "--ignored", "--nocapture"])
            .env("COACHING_DB", &path)
            .uid(65534)
            .gid(65534)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "as nobody: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("storage error"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), before);
        for s in siblings(&path) {
            assert!(!s.exists(), "{} was left", s.display());
        }
    }
}

extern "C" {
    fn geteuid() -> u32;
}
