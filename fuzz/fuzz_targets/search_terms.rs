//! `Coaching::search_notes` with arbitrary keywords, on SQLite (FTS5) and in memory.
//!
//! One library per backend is built once per process: a practice, a client with a portal, an
//! active engagement with a few notes (some shared). Each input is searched as the owner in
//! the engagement and practice scopes and as the client in the client scope. Every search
//! must return `Ok` or `Error::Validation` — never `Error::Storage` (e.g. an FTS5 query
//! syntax error leaking through), never anything else, never a panic — and every snippet must
//! be escaped text with only `<mark>`/`</mark>` as markup.
//!
//! With `COACHING_FUZZ_STRICT=1`, both backends must also find the same notes (differential
//! check; tokeniser differences — diacritics, exotic Unicode — may show up there).
//!
//! The SQLite file lives in a per-process directory under the system temp dir, removed at
//! normal exit (a crash leaves it behind; it is named `coaching-fuzz-search-<pid>`).

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use coaching_core::*;
use libfuzzer_sys::fuzz_target;

struct World {
    lib: Coaching,
    owner: Actor,
    client: Actor,
    client_id: ClientId,
    practice: PracticeId,
    engagement: EngagementId,
}

struct Fixture {
    sqlite: World,
    memory: World,
}

const NOTES: &[(&str, &str, bool)] = &[
    ("Delegation plan", "<p>Steps for the quarter.</p>", true),
    (
        "Weekly check-in",
        "<p>We talked about <b>delegation</b> and about hiring a deputy.</p>",
        true,
    ),
    (
        "Private thoughts",
        "<p>Delegation is hard for Carla &lt;script&gt; honestly. \"quoted\" AND OR NOT NEAR(a b) col:umn ^start *</p>",
        false,
    ),
    ("Budget", "<p>Numbers: 42, 3.14, 1e9, ½, ⅔.</p>", false),
    (
        "Café résumé naïve",
        "<p>Ünïcödé: Straße, İstanbul, ﬁne, ǅ, Ω, 東京, русский, עברית, العربية, 🙂.</p>",
        true,
    ),
    ("Empty-ish", "<p> </p>", false),
];

fn build(lib: Coaching) -> World {
    let (practice, owner) = lib
        .create_practice(NewPractice {
            name: "Bright Path Coaching".into(),
            time_zone: "Europe/London".into(),
            plan: Plan::solo(),
            owner_name: "Olivia Owner".into(),
            owner_email: Some("olivia@brightpath.example".into()),
        })
        .expect("create_practice");
    let me = Actor::Coach(owner.id);
    let client = lib
        .add_client(
            me,
            practice.id,
            NewClient {
                name: "Carla Client".into(),
                email: Some("carla@example.com".into()),
                has_portal: true,
            },
        )
        .expect("add_client");
    let program = lib
        .create_program(me, practice.id, NewProgram::sessions("Leadership", 16))
        .expect("create_program");
    let e = lib
        .create_engagement(
            me,
            practice.id,
            NewEngagement {
                program_id: Some(program.id),
                coach_id: Some(owner.id),
                client_id: Some(client.id),
                ..Default::default()
            },
        )
        .expect("create_engagement");
    lib.activate(me, e.id).expect("activate");
    for (title, body, shared) in NOTES {
        let n = lib
            .create_note(
                me,
                e.id,
                NewNote {
                    title: (*title).into(),
                    body_html: (*body).into(),
                    template: None,
                },
            )
            .expect("create_note");
        if *shared {
            lib.set_note_shared(me, n.id, true)
                .expect("set_note_shared");
        }
    }
    World {
        lib,
        owner: me,
        client: Actor::Client(client.id),
        client_id: client.id,
        practice: practice.id,
        engagement: e.id,
    }
}

fn db_dir() -> PathBuf {
    std::env::temp_dir().join(format!("coaching-fuzz-search-{}", std::process::id()))
}

extern "C" {
    fn atexit(cb: extern "C" fn()) -> std::ffi::c_int;
}

extern "C" fn remove_db_dir() {
    let _ = std::fs::remove_dir_all(db_dir());
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = db_dir();
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the temp dir");
        // SAFETY: registering a plain function with the C runtime.
        unsafe { atexit(remove_db_dir) };
        let sqlite = Coaching::open(dir.join("search.db")).expect("open the SQLite library");
        Fixture {
            sqlite: build(sqlite),
            memory: build(Coaching::in_memory()),
        }
    })
}

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("COACHING_FUZZ_STRICT").is_some_and(|v| v != "0"))
}

/// The searches of one input on one backend: per scope, the found note titles or `None` for
/// a validation refusal.
fn searches(w: &World, backend: &str, keywords: &str) -> Vec<Option<Vec<String>>> {
    let scopes = [
        (w.owner, NoteScope::Engagement(w.engagement)),
        (w.owner, NoteScope::Practice(w.practice)),
        (w.client, NoteScope::Client(w.client_id)),
    ];
    scopes
        .into_iter()
        .map(|(actor, scope)| {
            let query = NoteQuery {
                keywords: Some(keywords.to_string()),
                ..Default::default()
            };
            match w.lib.search_notes(actor, scope, query) {
                Ok(hits) => {
                    for h in &hits {
                        if let Some(snip) = &h.snippet_html {
                            let bare = snip.replace("<mark>", "").replace("</mark>", "");
                            assert!(
                                !bare.contains(['<', '>']),
                                "[{backend}] unescaped markup in snippet {snip:?} for {keywords:?}"
                            );
                        }
                        assert!(
                            h.rank.is_finite(),
                            "[{backend}] rank {} for {keywords:?}",
                            h.rank
                        );
                    }
                    let mut titles: Vec<String> = hits.into_iter().map(|h| h.note.title).collect();
                    titles.sort();
                    Some(titles)
                }
                Err(Error::Validation { .. }) => None,
                Err(e) => panic!(
                    "[{backend}] search_notes({actor:?}, {scope:?}, {keywords:?}) failed with {e:?}"
                ),
            }
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let keywords = String::from_utf8_lossy(data);
    let f = fixture();
    let on_sqlite = searches(&f.sqlite, "sqlite", &keywords);
    let in_memory = searches(&f.memory, "memory", &keywords);
    // Whether the input is refused does not depend on the backend.
    assert_eq!(
        on_sqlite.iter().map(Option::is_some).collect::<Vec<_>>(),
        in_memory.iter().map(Option::is_some).collect::<Vec<_>>(),
        "backends disagree on refusing {keywords:?}"
    );
    if strict() {
        assert_eq!(
            on_sqlite, in_memory,
            "backends find different notes for {keywords:?}"
        );
    }
});
