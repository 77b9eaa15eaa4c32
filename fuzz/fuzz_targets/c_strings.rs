//! The C ABI's string-taking functions with arbitrary bytes as NUL-terminated C strings.
//!
//! The input is split at NUL bytes into fields (cycled when there are fewer fields than
//! arguments), each passed as a C string, so the bytes a C caller could pass — including
//! invalid UTF-8 — reach: `coaching_create_practice` (name, time zone, plan name, owner name
//! and email), `coaching_add_coach`, `coaching_add_client`, `coaching_create_engagement`
//! (program name), `coaching_update_engagement` (dates), `coaching_create_note`,
//! `coaching_update_note`, `coaching_search_notes` (keywords, two scopes), and `coaching_note`
//! / `coaching_practice` with the field as an id.
//!
//! Each input runs on a fresh `coaching_open_in_memory` library (no files). Every call must:
//! - return a `CoachingResult`, never `COACHING_RESULT_PANIC` (a caught panic is a bug),
//!   never `STORAGE` (the in-memory store cannot fail), never `NULL_POINTER` (none is
//!   passed where one is required), and `INVALID_ARGUMENT` only where a fuzzed id/date is;
//! - return `INVALID_UTF8` exactly when one of its fuzzed strings is not UTF-8 (or
//!   `INVALID_ARGUMENT` for a malformed id/date read before it);
//! - on failure, leave the out-parameter NULL and set the thread's last error (same code, a
//!   message);
//! - on success, hand out objects whose strings are valid UTF-8 C strings; a created note's
//!   `body_html` must be `coaching_core::html::sanitize` of the body passed in.
//!
//! When a call with a fuzzed argument is refused, it is redone with a valid default so the
//! later calls still run. Every object and list is freed with its `_free` function (the
//! fuzzer runs under LeakSanitizer).

#![no_main]

use std::ffi::{c_char, CStr, CString};
use std::ptr::{null, null_mut};

use coaching::c::*;
use libfuzzer_sys::fuzz_target;

use CoachingResult as R;

/// The fuzzed fields, cycled.
struct Fields(Vec<CString>);

impl Fields {
    fn new(data: &[u8]) -> Self {
        Fields(
            data.split(|&b| b == 0)
                .map(|part| CString::new(part).expect("no NUL inside a part"))
                .collect(),
        )
    }
    fn get(&self, i: usize) -> &CStr {
        &self.0[i % self.0.len()]
    }
}

fn is_utf8(s: &CStr) -> bool {
    s.to_str().is_ok()
}

/// A string the library handed out: NULL, or valid UTF-8.
unsafe fn out_str(p: *const c_char, what: &str) -> Option<String> {
    if p.is_null() {
        return None;
    }
    let s = CStr::from_ptr(p);
    Some(
        s.to_str()
            .unwrap_or_else(|_| panic!("{what} handed out as invalid UTF-8: {s:?}"))
            .to_string(),
    )
}

/// Checks the code of one call. `fuzzed` are the fuzzed strings it was given;
/// `may_be_invalid_argument` says whether a fuzzed id/date/enum was among them.
fn check(call: &str, rc: R, fuzzed: &[&CStr], may_be_invalid_argument: bool) {
    let bad_utf8 = fuzzed.iter().any(|s| !is_utf8(s));
    let show = || {
        fuzzed
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let message = unsafe { out_str(coaching_last_error_message(), "the last error message") };
    assert!(
        !matches!(rc, R::Panic | R::Storage | R::NullPointer),
        "{call}({}) -> {rc:?}: {message:?}",
        show()
    );
    if rc == R::InvalidArgument {
        assert!(
            may_be_invalid_argument,
            "{call}({}) -> InvalidArgument: {message:?}",
            show()
        );
    }
    if bad_utf8 {
        // Arguments are read in order: a malformed id or date before the non-UTF-8 string
        // is reported first.
        let expected =
            rc == R::InvalidUtf8 || (may_be_invalid_argument && rc == R::InvalidArgument);
        assert!(
            expected,
            "{call}({}) with a non-UTF-8 string -> {rc:?}: {message:?}",
            show()
        );
    } else {
        assert_ne!(
            rc,
            R::InvalidUtf8,
            "{call}({}) -> InvalidUtf8 on UTF-8 strings: {message:?}",
            show()
        );
    }
    if rc != R::Ok {
        assert_eq!(coaching_last_error_code(), rc, "{call}: last error code");
        assert!(
            message.is_some(),
            "{call} -> {rc:?} without a last error message"
        );
    }
}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fuzz_target!(|data: &[u8]| {
    let f = Fields::new(data);
    unsafe { run(&f) };
});

unsafe fn run(f: &Fields) {
    let mut lib = null_mut();
    assert_eq!(coaching_open_in_memory(&mut lib), R::Ok);

    // ------------------------------------------------------------------ the practice
    let (name, tz, plan_name, owner_name, owner_email) =
        (f.get(0), f.get(1), f.get(2), f.get(3), f.get(4));
    let plan = CoachingPlanInput {
        name: plan_name.as_ptr(),
        max_active_engagements: -1,
        max_coaches: -1,
        can_reassign: true,
    };
    let (mut practice, mut owner) = (null_mut(), null_mut());
    let rc = coaching_create_practice(
        lib,
        name.as_ptr(),
        tz.as_ptr(),
        &plan,
        owner_name.as_ptr(),
        owner_email.as_ptr(),
        &mut practice,
        &mut owner,
    );
    check(
        "coaching_create_practice",
        rc,
        &[name, tz, plan_name, owner_name, owner_email],
        false,
    );
    if rc != R::Ok {
        assert!(
            practice.is_null() && owner.is_null(),
            "out-parameters written on failure"
        );
        let (n, t, p, o) = (
            c("Bright Path"),
            c("Europe/London"),
            c("solo"),
            c("Olivia Owner"),
        );
        let plan = CoachingPlanInput {
            name: p.as_ptr(),
            ..plan
        };
        let rc = coaching_create_practice(
            lib,
            n.as_ptr(),
            t.as_ptr(),
            &plan,
            o.as_ptr(),
            null(),
            &mut practice,
            &mut owner,
        );
        assert_eq!(rc, R::Ok, "default practice");
    }
    out_str((*practice).name, "practice.name");
    out_str((*practice).time_zone, "practice.time_zone");
    out_str((*practice).plan_name, "practice.plan_name");
    out_str((*owner).name, "owner.name");
    out_str((*owner).email, "owner.email");
    let practice_id = c(&out_str((*practice).id, "practice.id").unwrap());
    let owner_id = c(&out_str((*owner).id, "owner.id").unwrap());
    coaching_practice_free(practice);
    coaching_coach_free(owner);

    // ------------------------------------------------------------------ a coach
    let (cname, cemail) = (f.get(12), f.get(13));
    let mut coach = null_mut();
    let rc = coaching_add_coach(
        lib,
        0,
        owner_id.as_ptr(),
        practice_id.as_ptr(),
        cname.as_ptr(),
        cemail.as_ptr(),
        &mut coach,
    );
    check("coaching_add_coach", rc, &[cname, cemail], false);
    if rc == R::Ok {
        out_str((*coach).name, "coach.name");
        out_str((*coach).email, "coach.email");
        coaching_coach_free(coach);
    } else {
        assert!(coach.is_null(), "out-parameter written on failure");
    }

    // ------------------------------------------------------------------ a client
    let (client_name, client_email) = (f.get(5), f.get(6));
    let mut client = null_mut();
    let rc = coaching_add_client(
        lib,
        0,
        owner_id.as_ptr(),
        practice_id.as_ptr(),
        client_name.as_ptr(),
        client_email.as_ptr(),
        true,
        &mut client,
    );
    check(
        "coaching_add_client",
        rc,
        &[client_name, client_email],
        false,
    );
    if rc != R::Ok {
        assert!(client.is_null(), "out-parameter written on failure");
        let n = c("Carla Client");
        let rc = coaching_add_client(
            lib,
            0,
            owner_id.as_ptr(),
            practice_id.as_ptr(),
            n.as_ptr(),
            null(),
            true,
            &mut client,
        );
        assert_eq!(rc, R::Ok, "default client");
    }
    out_str((*client).name, "client.name");
    out_str((*client).email, "client.email");
    let client_id = c(&out_str((*client).id, "client.id").unwrap());
    coaching_client_free(client);

    // ------------------------------------------------------------------ an engagement
    let program_name = f.get(7);
    let mut engagement = null_mut();
    let create_engagement = |program_name: *const c_char, out: &mut *mut CoachingEngagement| {
        coaching_create_engagement(
            lib,
            0,
            owner_id.as_ptr(),
            practice_id.as_ptr(),
            null(),
            owner_id.as_ptr(),
            client_id.as_ptr(),
            program_name,
            -1,
            0,
            null(),
            null(),
            out,
        )
    };
    let rc = create_engagement(program_name.as_ptr(), &mut engagement);
    check("coaching_create_engagement", rc, &[program_name], false);
    if rc != R::Ok {
        assert!(engagement.is_null(), "out-parameter written on failure");
        assert_eq!(
            create_engagement(null(), &mut engagement),
            R::Ok,
            "default engagement"
        );
    }
    out_str((*engagement).program_name, "engagement.program_name");
    let engagement_id = c(&out_str((*engagement).id, "engagement.id").unwrap());
    coaching_engagement_free(engagement);

    let (start, end) = (f.get(14), f.get(15));
    let mut updated = null_mut();
    let rc = coaching_update_engagement(
        lib,
        0,
        owner_id.as_ptr(),
        engagement_id.as_ptr(),
        null(),
        null(),
        start.as_ptr(),
        end.as_ptr(),
        0,
        -1,
        -2,
        &mut updated,
    );
    check("coaching_update_engagement", rc, &[start, end], true);
    if rc == R::Ok {
        out_str((*updated).start_date, "engagement.start_date");
        out_str((*updated).end_date, "engagement.end_date");
        coaching_engagement_free(updated);
    } else {
        assert!(updated.is_null(), "out-parameter written on failure");
    }

    // ------------------------------------------------------------------ a note
    let (title, body) = (f.get(8), f.get(9));
    let mut note = null_mut();
    let rc = coaching_create_note(
        lib,
        0,
        owner_id.as_ptr(),
        engagement_id.as_ptr(),
        title.as_ptr(),
        body.as_ptr(),
        null(),
        &mut note,
    );
    check("coaching_create_note", rc, &[title, body], false);
    if rc == R::Ok {
        let stored = out_str((*note).body_html, "note.body_html").unwrap_or_default();
        let expected = coaching_core::html::sanitize(body.to_str().unwrap());
        assert_eq!(
            stored, expected,
            "the stored body is not the sanitised body"
        );
        out_str((*note).body_text, "note.body_text");
        out_str((*note).title, "note.title");
    } else {
        assert!(note.is_null(), "out-parameter written on failure");
        let (t, b) = (c("Note"), c("<p>delegation</p>"));
        let rc = coaching_create_note(
            lib,
            0,
            owner_id.as_ptr(),
            engagement_id.as_ptr(),
            t.as_ptr(),
            b.as_ptr(),
            null(),
            &mut note,
        );
        assert_eq!(rc, R::Ok, "default note");
    }
    let note_id = c(&out_str((*note).id, "note.id").unwrap());
    coaching_note_free(note);

    // Edit it with the fields the other way round.
    let mut edited = null_mut();
    let rc = coaching_update_note(
        lib,
        0,
        owner_id.as_ptr(),
        note_id.as_ptr(),
        body.as_ptr(),
        title.as_ptr(),
        &mut edited,
    );
    check("coaching_update_note", rc, &[body, title], false);
    if rc == R::Ok {
        let stored = out_str((*edited).body_html, "note.body_html").unwrap_or_default();
        let expected = coaching_core::html::sanitize(title.to_str().unwrap());
        assert_eq!(
            stored, expected,
            "the updated body is not the sanitised body"
        );
        out_str((*edited).title, "note.title");
        out_str((*edited).body_text, "note.body_text");
        coaching_note_free(edited);
    } else {
        assert!(edited.is_null(), "out-parameter written on failure");
    }

    // ------------------------------------------------------------------ search
    let keywords = f.get(10);
    for (scope_kind, scope_id) in [(0, &engagement_id), (1, &client_id), (2, &practice_id)] {
        let mut list = null_mut();
        let rc = coaching_search_notes(
            lib,
            0,
            owner_id.as_ptr(),
            scope_kind,
            scope_id.as_ptr(),
            keywords.as_ptr(),
            0,
            0,
            0,
            50,
            &mut list,
        );
        check("coaching_search_notes", rc, &[keywords], false);
        if rc == R::Ok {
            for i in 0..coaching_list_len(list) {
                let hit = coaching_list_note_hit(list, i);
                assert!(!hit.is_null(), "list item {i} is not a note hit");
                out_str((*hit).note.title, "hit.note.title");
                if let Some(snip) = out_str((*hit).snippet_html, "hit.snippet_html") {
                    let bare = snip.replace("<mark>", "").replace("</mark>", "");
                    assert!(!bare.contains(['<', '>']), "unescaped snippet {snip:?}");
                }
            }
            coaching_list_free(list);
        } else {
            assert!(list.is_null(), "out-parameter written on failure");
        }
    }

    // ------------------------------------------------------------------ fuzzed ids
    let some_id = f.get(11);
    let mut n = null_mut();
    let rc = coaching_note(lib, 0, owner_id.as_ptr(), some_id.as_ptr(), &mut n);
    check("coaching_note", rc, &[some_id], true);
    coaching_note_free(n); // NULL unless the fuzzer guessed the note's id
    for actor_kind in [0, 1, 2] {
        let mut p = null_mut();
        let rc = coaching_practice(
            lib,
            actor_kind,
            some_id.as_ptr(),
            practice_id.as_ptr(),
            &mut p,
        );
        if actor_kind == 2 {
            // The system actor ignores the id.
            check("coaching_practice(system)", rc, &[], true);
        } else {
            check("coaching_practice", rc, &[some_id], true);
        }
        coaching_practice_free(p);
    }

    coaching_free(lib);
}
