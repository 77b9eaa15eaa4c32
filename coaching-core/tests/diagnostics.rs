//! The library's diagnostics through `tracing` (coaching_core::diagnostics): the events a host
//! receives once it installs a subscriber — migrations, slow statements, storage errors — on
//! SQLite, and on PostgreSQL with the feature. One test binary of its own: the slow-statement
//! threshold is a process-wide setting, and the tests here take turns with it.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use coaching_core::diagnostics::{self, set_slow_statement_threshold};
use coaching_core::storage::sqlite::CURRENT_VERSION;
use coaching_core::*;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// One event as a host's subscriber sees it.
#[derive(Debug, Clone)]
struct Seen {
    target: String,
    level: Level,
    message: String,
    fields: Vec<(String, String)>,
}

impl Seen {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Default)]
struct Collect(Arc<Mutex<Vec<Seen>>>);

struct Fields<'a>(&'a mut Seen);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let v = format!("{value:?}");
        if field.name() == "message" {
            self.0.message = v;
        } else {
            self.0
                .fields
                .push((field.name().to_owned(), v.trim_matches('"').to_owned()));
        }
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0.message = value.to_owned();
        } else {
            self.0
                .fields
                .push((field.name().to_owned(), value.to_owned()));
        }
    }
}

impl<S: Subscriber> Layer<S> for Collect {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut seen = Seen {
            target: event.metadata().target().to_owned(),
            level: *event.metadata().level(),
            message: String::new(),
            fields: Vec::new(),
        };
        event.record(&mut Fields(&mut seen));
        self.0.lock().unwrap().push(seen);
    }
}

/// Runs `f` with a collecting subscriber as the thread's default; returns what it saw.
fn collect<T>(f: impl FnOnce() -> T) -> (T, Vec<Seen>) {
    let c = Collect::default();
    let subscriber = tracing_subscriber::registry().with(c.clone());
    let out = tracing::subscriber::with_default(subscriber, f);
    let seen = c.0.lock().unwrap().clone();
    (out, seen)
}

/// The tests take turns with the process-wide threshold, and leave it at its default.
fn threshold_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|p| p.into_inner())
}

struct Restore;
impl Drop for Restore {
    fn drop(&mut self) {
        set_slow_statement_threshold(diagnostics::DEFAULT_SLOW_STATEMENT);
    }
}

fn practice(lib: &Coaching) -> (Practice, Coach) {
    lib.create_practice(NewPractice {
        name: "Traced Practice".into(),
        time_zone: "Europe/Paris".into(),
        plan: Plan::team(3),
        owner_name: "Tess Owner".into(),
        owner_email: None,
    })
    .unwrap()
}

fn migrations(seen: &[Seen]) -> Vec<&Seen> {
    seen.iter()
        .filter(|e| e.message == "schema migrated")
        .collect()
}

fn slow(seen: &[Seen]) -> Vec<&Seen> {
    seen.iter()
        .filter(|e| e.message == "slow statement")
        .collect()
}

#[test]
fn a_new_file_reports_its_migration_and_a_current_one_none() {
    let _t = threshold_lock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("traced.db");
    let (lib, seen) = collect(|| Coaching::open(&path).unwrap());
    drop(lib);
    let m = migrations(&seen);
    assert_eq!(m.len(), 1, "{seen:#?}");
    assert_eq!(m[0].target, diagnostics::STORAGE);
    assert_eq!(m[0].level, Level::INFO);
    assert_eq!(m[0].field("backend"), Some("sqlite"));
    assert_eq!(m[0].field("from"), Some("0"));
    assert_eq!(m[0].field("to"), Some(CURRENT_VERSION.to_string().as_str()));
    assert!(m[0].field("elapsed_ms").is_some());

    let (_lib, seen) = collect(|| Coaching::open(&path).unwrap());
    assert!(
        migrations(&seen).is_empty(),
        "a current file migrates nothing: {seen:#?}"
    );
}

#[test]
fn slow_statements_are_reported_from_the_threshold_with_their_sql() {
    let _t = threshold_lock();
    let _restore = Restore;
    let dir = tempfile::tempdir().unwrap();
    let lib = Coaching::open(dir.path().join("slow.db")).unwrap();

    // Every statement is "slow" from a zero threshold: each is reported, with its SQL text
    // (placeholders, never the values bound to them).
    set_slow_statement_threshold(Duration::ZERO);
    let ((p, o), seen) = collect(|| practice(&lib));
    let s = slow(&seen);
    assert!(!s.is_empty(), "{seen:#?}");
    assert!(s
        .iter()
        .all(|e| e.target == diagnostics::SLOW && e.level == Level::WARN));
    assert!(s.iter().all(|e| e.field("backend") == Some("sqlite")));
    let insert = s
        .iter()
        .find(|e| {
            e.field("sql")
                .is_some_and(|q| q.starts_with("INSERT INTO practices"))
        })
        .unwrap_or_else(|| panic!("no INSERT INTO practices among {s:#?}"));
    assert!(
        !insert.field("sql").unwrap().contains("Traced Practice"),
        "values stay out"
    );
    assert!(insert.field("elapsed_ms").is_some());

    // The default (100 ms) reports none of this small practice's statements, and no
    // threshold at all (Duration::MAX) none either.
    set_slow_statement_threshold(diagnostics::DEFAULT_SLOW_STATEMENT);
    assert_eq!(
        diagnostics::slow_statement_threshold(),
        Duration::from_millis(100)
    );
    let (_, seen) = collect(|| lib.overview_for_practice(Actor::Coach(o.id), p.id).unwrap());
    assert!(slow(&seen).is_empty(), "{seen:#?}");
    set_slow_statement_threshold(Duration::MAX);
    let (_, seen) = collect(|| practice(&lib));
    assert!(slow(&seen).is_empty(), "{seen:#?}");
}

#[test]
fn a_storage_error_is_reported_with_the_message_the_host_receives() {
    let _t = threshold_lock();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("practice.db");
    let (result, seen) = collect(|| Coaching::open(&missing));
    let err = result
        .err()
        .expect("a file in a missing folder cannot be opened");
    let Error::Storage { message } = &err else {
        panic!("expected a storage error, got {err:?}");
    };
    let events: Vec<_> = seen
        .iter()
        .filter(|e| e.message == "storage error")
        .collect();
    assert_eq!(events.len(), 1, "{seen:#?}");
    assert_eq!(events[0].target, diagnostics::STORAGE);
    assert_eq!(events[0].level, Level::ERROR);
    assert_eq!(events[0].field("error"), Some(message.as_str()));

    // A refusal is the host's business, not a diagnostic: no event.
    let lib = Coaching::in_memory();
    let (p, _) = practice(&lib);
    let (refused, seen) = collect(|| lib.practice(Actor::Coach(CoachId::new()), p.id));
    assert!(refused.is_err());
    assert!(seen.is_empty(), "{seen:#?}");
}

#[cfg(feature = "postgres")]
#[path = "pg/mod.rs"]
#[allow(dead_code)]
mod pg;

#[cfg(feature = "postgres")]
#[test]
fn postgresql_reports_its_migration_and_slow_statements() {
    let _t = threshold_lock();
    let _restore = Restore;
    // A schema of its own, so that this store migrates from nothing.
    let schema = pg::TestSchema::new();
    let (lib, seen) = collect(|| Coaching::open(&schema.url).unwrap());
    let m = migrations(&seen);
    assert_eq!(m.len(), 1, "{seen:#?}");
    assert_eq!(m[0].field("backend"), Some("postgresql"));
    assert_eq!(m[0].field("from"), Some("0"));

    set_slow_statement_threshold(Duration::ZERO);
    let (_, seen) = collect(|| practice(&lib));
    let s = slow(&seen);
    assert!(
        s.iter().any(|e| e.field("backend") == Some("postgresql")
            && e.field("sql")
                .is_some_and(|q| q.contains("INSERT INTO practices"))),
        "{s:#?}"
    );
    set_slow_statement_threshold(Duration::MAX);
    let (_, seen) = collect(|| practice(&lib));
    assert!(slow(&seen).is_empty(), "{seen:#?}");
}
