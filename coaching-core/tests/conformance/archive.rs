//! Archive and erasure of clients: any coach archives a client out of the directory (everything
//! kept, restorable; no new engagement meanwhile); the owner erases one for good, and then
//! nothing of them is left anywhere a read reaches — an anonymous row, their engagements'
//! shells with their counts, and log entries without their detail.

use chrono::{DateTime, Duration, Utc};
use coaching_core::*;
use serde_json::Value;

use super::export::{export, fresh};
use super::journal::feed;
use super::*;

/// The word written everywhere the erased client's data goes, and looked for afterwards.
const WORD: &str = "zygomorphic";

fn has_word(s: &str) -> bool {
    s.to_lowercase().contains(WORD)
}

/// Where the word occurs in `s` (lower-cased), with some text either side; at most eight.
fn excerpts(s: &str) -> Vec<String> {
    let lower = s.to_lowercase();
    lower
        .match_indices(WORD)
        .take(8)
        .map(|(at, _)| {
            let start = lower[..at]
                .char_indices()
                .rev()
                .nth(100)
                .map_or(0, |(i, _)| i);
            let end = lower[at..]
                .char_indices()
                .nth(100)
                .map_or(lower.len(), |(i, _)| at + i);
            format!("…{}…", &lower[start..end])
        })
        .collect()
}

/// Everything the store holds for the practice: the world's snapshot and the owner's export
/// (every record, a client's private ones and the whole log included).
fn everything(w: &World) -> String {
    let doc = export(&w.lib, w.owner(), w.practice.id);
    format!("{}{}", w.snapshot(), String::from_utf8(doc).unwrap())
}

/// Asserts that `result` failed and that nothing of the practice changed.
#[track_caller]
fn refused_whole<T: std::fmt::Debug>(w: &World, before: &str, result: Result<T>) -> Error {
    let err = result.expect_err("the operation should have been refused");
    assert!(
        everything(w) == before,
        "a refused operation changed the store ({err})"
    );
    err
}

/// Records what a read gave, its value or its refusal, as text.
fn put<T: std::fmt::Debug>(out: &mut Vec<(String, String)>, what: impl Into<String>, r: T) {
    out.push((what.into(), format!("{r:?}")));
}

/// An iCalendar document with its folded lines joined again.
fn unfolded(r: Result<String>) -> Result<String> {
    r.map(|s| s.replace("\r\n ", "").replace("\r\n\t", ""))
}

/// Decodes standard base64 (the export's file bytes).
fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => (c - b'A') as u32,
            b'a'..=b'z' => (c - b'a') as u32 + 26,
            b'0'..=b'9' => (c - b'0') as u32 + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {:?}", c as char),
        }
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | value(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// The bytes of every file of an export document, as text.
fn exported_files(doc: &[u8]) -> String {
    fn walk(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        Value::String(s) if k == "bytes" => {
                            out.push_str(&String::from_utf8_lossy(&base64_decode(s)));
                            out.push('\n');
                        }
                        _ => walk(v, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    walk(&serde_json::from_slice(doc).unwrap(), &mut out);
    out
}

fn book_at(
    w: &World,
    actor: Actor,
    e: EngagementId,
    start: DateTime<Utc>,
    location: Location,
) -> Session {
    w.lib
        .book_session(
            actor,
            e,
            NewSession {
                start,
                end: None,
                time_zone: None,
                location,
            },
        )
        .unwrap()
}

pub fn archiving_hides_a_client_and_restoring_brings_them_back(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let lib = &w.lib;
    let pid = w.practice.id;
    let sam = w.add_coach("Sam Second");
    let coach = Actor::Coach(sam.id);
    // Carla is in an Active engagement (and has a Draft one). Dan's are not Active: one
    // Completed, with its contents, and one Draft.
    w.engagement_in(Status::Active);
    let carlas_draft = w.draft();
    let dan = w.add_client("Dan Done", true);
    let for_dan = || NewEngagement {
        program_id: Some(w.program.id),
        coach_id: Some(w.owner.id),
        client_id: Some(dan.id),
        ..Default::default()
    };
    let done = lib.create_engagement(me, pid, for_dan()).unwrap();
    lib.activate(me, done.id).unwrap();
    lib.create_note(
        me,
        done.id,
        NewNote {
            title: "Wrap-up".into(),
            body_html: "<p>Went well</p>".into(),
            ..Default::default()
        },
    )
    .unwrap();
    lib.create_goal(
        Actor::Client(dan.id),
        done.id,
        NewGoal {
            name: "Speak up".into(),
            ..Default::default()
        },
    )
    .unwrap();
    super::sessions::book(&w, me, done.id, t0() + Duration::days(1)).unwrap();
    lib.complete(me, done.id, Some("goals met")).unwrap();
    let dans_draft = lib.create_engagement(me, pid, for_dan()).unwrap();
    // Dan's page as the owner reads it: his engagements and what is in them.
    let page = || {
        let mut out = format!("{:?}\n", lib.overview_for_client(me, dan.id).unwrap());
        for id in [done.id, dans_draft.id] {
            out += &format!("{:?}\n", lib.notes(me, id).unwrap());
            out += &format!("{:?}\n", lib.goals(me, id).unwrap());
            for range in SessionRange::ALL {
                let sessions = lib.sessions(me, id, *range, Page::first(1000)).unwrap();
                out += &format!("{sessions:?}\n");
            }
        }
        out
    };
    let dans_page = page();

    // A client with an Active engagement is not archived, by any coach: nothing changes.
    let before = w.snapshot();
    for a in [me, coach] {
        let err = refused(&w, &before, lib.set_client_archived(a, w.client.id, true));
        assert!(matches!(err, Error::Conflict { .. }), "{a:?}: {err}");
    }
    assert!(!lib.client(me, w.client.id).unwrap().archived);

    // Archived, Dan leaves the directory and is listed with the archived clients; he is still
    // read by id, and his engagements and everything in them stay.
    w.clock.advance(Duration::minutes(1));
    let archived = lib.set_client_archived(me, dan.id, true).unwrap();
    assert_eq!(
        archived,
        Client {
            archived: true,
            updated_at: archived.updated_at,
            ..dan.clone()
        }
    );
    assert!(!archived.erased);
    for a in [me, coach] {
        let directory = lib.clients(a, pid).unwrap();
        assert!(
            directory.iter().all(|c| c.id != dan.id),
            "{a:?}: {directory:?}"
        );
        assert!(
            directory.iter().any(|c| c.id == w.client.id),
            "{a:?}: {directory:?}"
        );
        assert_eq!(
            lib.archived_clients(a, pid).unwrap(),
            vec![archived.clone()]
        );
        assert_eq!(lib.client(a, dan.id).unwrap(), archived);
    }
    assert_eq!(page(), dans_page, "archiving keeps everything");

    // Archiving him again changes nothing.
    let before = w.snapshot();
    assert_eq!(
        lib.set_client_archived(coach, dan.id, true).unwrap(),
        archived
    );
    assert_eq!(
        w.snapshot(),
        before,
        "archiving an archived client changed the store"
    );

    // An archived client is given no engagement, new or changed, until restored.
    for r in [
        lib.create_engagement(me, pid, for_dan()).map(drop),
        lib.create_engagement(
            coach,
            pid,
            NewEngagement {
                client_id: Some(dan.id),
                ..Default::default()
            },
        )
        .map(drop),
        lib.update_engagement(
            me,
            carlas_draft.id,
            EngagementUpdate {
                client_id: Some(dan.id),
                ..Default::default()
            },
        )
        .map(drop),
    ] {
        let err = refused(&w, &before, r);
        assert!(matches!(err, Error::Conflict { .. }), "{err}");
    }

    // Clients do not manage the directory (Dan himself included); another practice does not
    // see it exists.
    let (_, foreign_owner, foreign_client, _) = w.neighbour();
    let before = w.snapshot();
    for (a, outsider) in [
        (Actor::Client(w.client.id), false),
        (Actor::Client(dan.id), false),
        (Actor::Coach(foreign_owner.id), true),
        (Actor::Client(foreign_client.id), true),
    ] {
        for r in [
            lib.set_client_archived(a, dan.id, false).map(drop),
            lib.set_client_archived(a, w.client.id, true).map(drop),
            lib.archived_clients(a, pid).map(drop),
        ] {
            let err = refused(&w, &before, r);
            if outsider {
                assert!(matches!(err, Error::NotFound { .. }), "{a:?}: {err}");
            } else {
                assert!(
                    matches!(err, Error::PermissionDenied { .. }),
                    "{a:?}: {err}"
                );
            }
        }
    }

    // Restored, he is back in the directory with everything as it was.
    w.clock.advance(Duration::minutes(1));
    let restored = lib.set_client_archived(me, dan.id, false).unwrap();
    assert_eq!(
        restored,
        Client {
            archived: false,
            updated_at: restored.updated_at,
            ..dan.clone()
        }
    );
    assert!(lib.clients(me, pid).unwrap().contains(&restored));
    assert!(lib.archived_clients(me, pid).unwrap().is_empty());
    assert_eq!(page(), dans_page, "restoring keeps everything");

    // Another coach archives and restores too.
    w.clock.advance(Duration::minutes(1));
    assert!(
        lib.set_client_archived(coach, dan.id, true)
            .unwrap()
            .archived
    );
    assert_eq!(
        lib.archived_clients(me, pid)
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [dan.id]
    );
    assert!(lib
        .clients(coach, pid)
        .unwrap()
        .iter()
        .all(|c| c.id != dan.id));
    w.clock.advance(Duration::minutes(1));
    assert!(
        !lib.set_client_archived(coach, dan.id, false)
            .unwrap()
            .archived
    );
    assert!(lib
        .clients(coach, pid)
        .unwrap()
        .iter()
        .any(|c| c.id == dan.id));

    // The practice log tells of each archive and restore, by whom; every coach is told.
    let about_dan = TargetRef::new(EntityKind::Client, *dan.id.as_uuid());
    let entries: Vec<LogEntry> = lib
        .practice_activity(me, pid, Page::first(1000))
        .unwrap()
        .into_iter()
        .filter(|l| {
            l.target == about_dan
                && matches!(l.action, Action::ClientArchived | Action::ClientRestored)
        })
        .collect();
    assert_eq!(
        entries
            .iter()
            .map(|l| (l.action, l.actor))
            .collect::<Vec<_>>(),
        [
            (Action::ClientRestored, coach),
            (Action::ClientArchived, coach),
            (Action::ClientRestored, me),
            (Action::ClientArchived, me),
        ]
    );
    assert!(
        entries
            .iter()
            .all(|l| l.engagement_id.is_none() && l.audience == Audience::Coaches),
        "{entries:?}"
    );
    let told: Vec<Action> = feed(&w, coach)
        .into_iter()
        .filter(|l| l.target == about_dan)
        .map(|l| l.action)
        .collect();
    assert!(
        told.contains(&Action::ClientArchived) && told.contains(&Action::ClientRestored),
        "{told:?}"
    );

    // Restored, he is given engagements again.
    let again = lib
        .create_engagement(
            coach,
            pid,
            NewEngagement {
                client_id: Some(dan.id),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(again.client_id, Some(dan.id));
}

/// The client's name and e-mail, a coach's notes about them (shared and private), their
/// comments, goal and milestone, an assignment's file and their uploads, their own library,
/// their journal, their sessions' places and a cancellation reason, a completion reason, a
/// deleted engagement's history: all hold one word, and after the erasure no read of anyone
/// (the owner, the coach, the client, the change feeds, the calendars, the export and its
/// files) shows it. What stays are their engagements with the same status and counts, and
/// their sessions with the same times and statuses.
pub fn erasure_leaves_nothing_of_the_client(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let lib = &w.lib;
    let pid = w.practice.id;
    let sam = w.add_coach("Sam Second");
    let coach = Actor::Coach(sam.id);
    let text = |name: &str, body: &str| {
        NewResource::File(NewFile {
            name: name.into(),
            media_type: "text/plain".into(),
            bytes: body.as_bytes().to_vec(),
        })
    };

    // A bystander: the world's client, in an engagement of their own that must not change.
    let other = w.engagement_in(Status::Active);
    lib.create_note(
        me,
        other.id,
        NewNote {
            title: "Bystander note".into(),
            body_html: "<p>about Carla Client</p>".into(),
            ..Default::default()
        },
    )
    .unwrap();
    lib.create_goal(
        Actor::Client(w.client.id),
        other.id,
        NewGoal {
            name: "Bystander goal".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // The practice library, a folder of which is shared into the client's engagement.
    let worksheets = lib
        .add_to_library(
            me,
            pid,
            None,
            NewResource::Folder {
                name: "Worksheets".into(),
            },
        )
        .unwrap();
    lib.add_to_library(me, pid, Some(worksheets.id), text("Values.txt", "values"))
        .unwrap();

    // The client, with an e-mail, renamed since.
    let zoe = lib
        .add_client(
            me,
            pid,
            NewClient {
                name: "Carla Zygomorphic".into(),
                email: Some("zygomorphic@example.com".into()),
                has_portal: true,
            },
        )
        .unwrap();
    let z = Actor::Client(zoe.id);
    lib.update_client(
        me,
        zoe.id,
        ClientUpdate {
            name: Some("Carla Zygomorphic-Smith".into()),
            email: Some(Some("carla.zygomorphic@example.com".into())),
            ..Default::default()
        },
    )
    .unwrap();
    let new = |coach_id: CoachId| NewEngagement {
        program_id: Some(w.program.id),
        coach_id: Some(coach_id),
        client_id: Some(zoe.id),
        ..Default::default()
    };

    // A Draft engagement of theirs with a note about them, deleted: its history (and the
    // deletion's entry, which names them) stays in the log.
    let gone = lib.create_engagement(me, pid, new(w.owner.id)).unwrap();
    lib.create_note(
        me,
        gone.id,
        NewNote {
            title: "Zygomorphic intake".into(),
            body_html: "<p>first call with the zygomorphic client</p>".into(),
            ..Default::default()
        },
    )
    .unwrap();
    lib.delete_engagement(me, gone.id).unwrap();

    // Their engagement with Sam.
    let e = lib.create_engagement(me, pid, new(sam.id)).unwrap();
    lib.activate(me, e.id).unwrap();
    lib.share_resource(coach, e.id, worksheets.id).unwrap();
    // The coach's notes, shared and private, with comments (the client's on the shared one).
    let shared_note = lib
        .create_note(
            coach,
            e.id,
            NewNote {
                title: "Zygomorphic progress".into(),
                body_html: "<p>Carla is zygomorphic about her goals</p>".into(),
                ..Default::default()
            },
        )
        .unwrap();
    lib.set_note_shared(coach, shared_note.id, true).unwrap();
    let private_note = lib
        .create_note(
            coach,
            e.id,
            NewNote {
                title: "Private view".into(),
                body_html: "<p>a zygomorphic hunch</p>".into(),
                ..Default::default()
            },
        )
        .unwrap();
    lib.add_comment(
        z,
        CommentTarget::Note(shared_note.id),
        "<p>zygomorphic thanks</p>",
    )
    .unwrap();
    lib.add_comment(
        coach,
        CommentTarget::Note(private_note.id),
        "<p>zygomorphic follow-up</p>",
    )
    .unwrap();
    // The client's goal and milestone, and their comment on it.
    let goal = lib
        .create_goal(
            z,
            e.id,
            NewGoal {
                name: "Zygomorphic goal".into(),
                description: Some("be zygomorphic".into()),
                due_date: Some(date(2026, 3, 20)),
                ..Default::default()
            },
        )
        .unwrap();
    lib.add_milestone(z, goal.id, "Zygomorphic milestone", Some(date(2026, 3, 15)))
        .unwrap();
    lib.add_comment(
        z,
        CommentTarget::Goal(goal.id),
        "<p>my zygomorphic plan</p>",
    )
    .unwrap();
    // An assignment with an uploaded file, and the client's comment on it.
    let assignment = lib
        .create_assignment(
            coach,
            e.id,
            AssignmentInput {
                name: Some("Zygomorphic worksheet".into()),
                description: Some(Some("write about zygomorphic days".into())),
                due_date: Some(Some(date(2026, 3, 25))),
            },
        )
        .unwrap();
    let sheet = lib
        .add_assignment_file(
            coach,
            assignment.id,
            AssignmentFileSource::Upload(text("zygomorphic-sheet.txt", "a zygomorphic sheet")),
            Some("fill in the zygomorphic parts"),
        )
        .unwrap();
    lib.add_comment(
        z,
        CommentTarget::Assignment(assignment.id),
        "<p>zygomorphic answer</p>",
    )
    .unwrap();
    // The client's uploads: a file shared with the coach, a link kept to themself.
    let upload = lib
        .upload_to_engagement(z, e.id, text("zygomorphic.txt", "my zygomorphic notes"))
        .unwrap();
    lib.share_with_coach(z, upload.id).unwrap();
    lib.upload_to_engagement(
        z,
        e.id,
        NewResource::Link {
            name: "Zygomorphic link".into(),
            url: "https://example.com/zygomorphic".into(),
        },
    )
    .unwrap();
    // Their own library: a folder with a file in it.
    let folder = lib
        .add_to_client_library(
            z,
            None,
            NewResource::Folder {
                name: "Zygomorphic folder".into(),
            },
        )
        .unwrap();
    let diary = lib
        .add_to_client_library(
            z,
            Some(folder.id),
            text("zygomorphic-diary.txt", "dear zygomorphic diary"),
        )
        .unwrap();
    // Their journal: a private entry and a shared one.
    let private_entry = lib
        .create_journal_entry(
            z,
            e.id,
            NewJournalEntry {
                title: "Zygomorphic private".into(),
                body_html: "<p>only mine, zygomorphic</p>".into(),
                shared: false,
            },
        )
        .unwrap();
    let shared_entry = lib
        .create_journal_entry(
            z,
            e.id,
            NewJournalEntry {
                title: "Zygomorphic shared".into(),
                body_html: "<p>for my coach, zygomorphic</p>".into(),
                shared: true,
            },
        )
        .unwrap();
    // A form of the library (its template, and its name, are the practice's: they stay), sent
    // into the bystander's engagement too; in theirs, answered and submitted: the coach reads
    // the answers.
    let intake = lib
        .create_form_template(
            coach,
            pid,
            NewFormTemplate {
                name: "Intake questionnaire".into(),
                description: Some("Before we start".into()),
                questions: vec![Question {
                    prompt: "What brings you here?".into(),
                    help: None,
                    kind: QuestionKind::LongText,
                    choices: Vec::new(),
                    scale_max: None,
                    required: true,
                }],
            },
        )
        .unwrap();
    lib.send_form(me, other.id, intake.id, None).unwrap();
    let submitted_form = lib
        .send_form(coach, e.id, intake.id, Some(date(2026, 3, 27)))
        .unwrap();
    lib.save_form_answers(
        z,
        submitted_form.id,
        vec![FormAnswer {
            question: 0,
            answer: Answer::Text("a zygomorphic career change".into()),
        }],
    )
    .unwrap();
    lib.submit_form(z, submitted_form.id).unwrap();
    // Where they meet: one session held, one cancelled by the client with a reason, one to
    // come.
    let held = book_at(
        &w,
        coach,
        e.id,
        t0() + Duration::hours(1),
        Location::InPerson {
            address: "1 Zygomorphic Street".into(),
        },
    );
    let called_off = book_at(
        &w,
        coach,
        e.id,
        t0() + Duration::hours(26),
        Location::Other {
            text: "zygomorphic cafe".into(),
        },
    );
    let to_come = book_at(
        &w,
        coach,
        e.id,
        t0() + Duration::days(7),
        Location::Other {
            text: "zygomorphic park".into(),
        },
    );
    w.clock.advance(Duration::hours(2));
    lib.complete_session(coach, held.id).unwrap();
    lib.cancel_session(z, called_off.id, Some("zygomorphic flu"))
        .unwrap();
    // A second engagement of theirs, with the owner.
    let f = lib.create_engagement(me, pid, new(w.owner.id)).unwrap();
    lib.activate(me, f.id).unwrap();
    lib.create_note(
        me,
        f.id,
        NewNote {
            title: "Second round".into(),
            body_html: "<p>zygomorphic again</p>".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // And a form of it they have a draft for: only they read the answers.
    let draft_form = lib.send_form(me, f.id, intake.id, None).unwrap();
    lib.save_form_answers(
        z,
        draft_form.id,
        vec![FormAnswer {
            question: 0,
            answer: Answer::Text("a zygomorphic draft".into()),
        }],
    )
    .unwrap();

    // While an engagement of theirs is Active, the client is not erased: nothing changes.
    let before = everything(&w);
    let err = refused_whole(&w, &before, lib.erase_client(me, zoe.id));
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    lib.complete(coach, e.id, Some("Carla moved away, zygomorphic reasons"))
        .unwrap();
    let before = everything(&w);
    let err = refused_whole(&w, &before, lib.erase_client(me, zoe.id));
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    lib.deactivate(me, f.id).unwrap();

    // Everything anyone reads that could hold the client's data, by where it was read.
    let engagements = [
        ("e", e.id),
        ("f", f.id),
        ("the deleted engagement", gone.id),
    ];
    let month = (t0(), t0() + Duration::days(30));
    let reads = || {
        let mut out: Vec<(String, String)> = Vec::new();
        let o = &mut out;
        let mut scopes = vec![
            ("the practice", NoteScope::Practice(pid)),
            ("the client", NoteScope::Client(zoe.id)),
        ];
        scopes.extend(engagements.map(|(name, id)| (name, NoteScope::Engagement(id))));
        let searches = [("for the word", Some(WORD)), ("without keywords", None)];
        for (who, a) in [("owner", me), ("coach", coach)] {
            put(o, format!("{who}: clients"), lib.clients(a, pid));
            put(
                o,
                format!("{who}: archived clients"),
                lib.archived_clients(a, pid),
            );
            put(o, format!("{who}: client"), lib.client(a, zoe.id));
            put(
                o,
                format!("{who}: practice overview"),
                lib.overview_for_practice(a, pid),
            );
            for sort in OverviewSort::ALL {
                let q = OverviewQuery {
                    sort: *sort,
                    ..Default::default()
                };
                put(
                    o,
                    format!("{who}: overview page by {}", sort.as_str()),
                    lib.overview_page(a, pid, q),
                );
            }
            put(
                o,
                format!("{who}: client overview"),
                lib.overview_for_client(a, zoe.id),
            );
            for (name, id) in engagements {
                put(
                    o,
                    format!("{who}: engagement {name}"),
                    lib.engagement(a, id),
                );
                put(o, format!("{who}: notes of {name}"), lib.notes(a, id));
                put(o, format!("{who}: goals of {name}"), lib.goals(a, id));
                put(
                    o,
                    format!("{who}: assignments of {name}"),
                    lib.assignments(a, id),
                );
                put(
                    o,
                    format!("{who}: resources of {name}"),
                    lib.engagement_resources(a, id),
                );
                put(o, format!("{who}: journal of {name}"), lib.journal(a, id));
                put(o, format!("{who}: forms of {name}"), lib.forms(a, id));
                put(
                    o,
                    format!("{who}: log of {name}"),
                    lib.activity(a, id, Page::first(1000)),
                );
                for range in SessionRange::ALL {
                    put(
                        o,
                        format!("{who}: {} sessions of {name}", range.as_str()),
                        lib.sessions(a, id, *range, Page::first(1000)),
                    );
                }
                put(
                    o,
                    format!("{who}: calendar of {name}"),
                    unfolded(lib.export_ics_for_engagement(a, id)),
                );
            }
            for (name, scope) in &scopes {
                for (how, keywords) in searches {
                    let query = NoteQuery {
                        keywords: keywords.map(String::from),
                        ..Default::default()
                    };
                    put(
                        o,
                        format!("{who}: note search in {name} {how}"),
                        lib.search_notes(a, *scope, query),
                    );
                }
            }
            put(
                o,
                format!("{who}: client notes"),
                lib.client_notes(a, zoe.id, Page::first(1000)),
            );
            put(
                o,
                format!("{who}: practice log"),
                lib.practice_activity(a, pid, Page::first(1000)),
            );
            put(o, format!("{who}: change feed"), feed(&w, a));
            put(
                o,
                format!("{who}: reminders"),
                lib.due(a, pid, month.0, month.1),
            );
            put(
                o,
                format!("{who}: the client's upcoming sessions"),
                lib.upcoming_sessions_for_client(a, zoe.id, month.0, month.1),
            );
            for (name, c) in [("the owner", w.owner.id), ("Sam", sam.id)] {
                put(
                    o,
                    format!("{who}: overview of {name}"),
                    lib.overview_for_coach(a, c),
                );
                put(
                    o,
                    format!("{who}: client to-dos of {name}"),
                    lib.client_todos(a, c, Page::first(1000)),
                );
                put(
                    o,
                    format!("{who}: upcoming sessions of {name}"),
                    lib.upcoming_sessions_for_coach(a, c, month.0, month.1),
                );
                put(
                    o,
                    format!("{who}: calendar of {name}"),
                    unfolded(lib.export_ics_for_coach(a, c, month.0, month.1)),
                );
            }
            // What was theirs, named by its id.
            put(
                o,
                format!("{who}: the shared note"),
                lib.note(a, shared_note.id),
            );
            put(
                o,
                format!("{who}: the private note"),
                lib.note(a, private_note.id),
            );
            for (name, t) in [
                ("the shared note", CommentTarget::Note(shared_note.id)),
                ("the private note", CommentTarget::Note(private_note.id)),
                ("the goal", CommentTarget::Goal(goal.id)),
                ("the assignment", CommentTarget::Assignment(assignment.id)),
            ] {
                put(o, format!("{who}: comments on {name}"), lib.comments(a, t));
            }
            put(
                o,
                format!("{who}: the shared journal entry"),
                lib.journal_entry(a, shared_entry.id),
            );
            for (name, id) in [
                ("the submitted form", submitted_form.id),
                ("the draft form", draft_form.id),
            ] {
                put(o, format!("{who}: {name}"), lib.form(a, id));
            }
            for (name, id) in [
                ("upload", upload.id),
                ("assignment's file", sheet.resource_id),
            ] {
                put(
                    o,
                    format!("{who}: download of the {name}"),
                    lib.download(a, id, Some(e.id))
                        .map(|(r, b)| (r, String::from_utf8_lossy(&b).into_owned())),
                );
            }
            for s in [held.id, called_off.id, to_come.id] {
                put(o, format!("{who}: session {s}"), lib.session(a, s));
            }
            put(o, format!("{who}: library"), lib.library(a, pid, None));
            put(
                o,
                format!("{who}: the shared folder"),
                lib.engagement_folder(a, e.id, worksheets.id),
            );
        }
        // The client themself.
        put(o, "client: themself", lib.client(z, zoe.id));
        put(
            o,
            "client: their overview",
            lib.overview_for_client(z, zoe.id),
        );
        for (name, id) in engagements {
            put(
                o,
                format!("client: engagement {name}"),
                lib.engagement(z, id),
            );
            put(o, format!("client: notes of {name}"), lib.notes(z, id));
            put(o, format!("client: goals of {name}"), lib.goals(z, id));
            put(
                o,
                format!("client: assignments of {name}"),
                lib.assignments(z, id),
            );
            put(
                o,
                format!("client: resources of {name}"),
                lib.engagement_resources(z, id),
            );
            put(o, format!("client: journal of {name}"), lib.journal(z, id));
            put(o, format!("client: forms of {name}"), lib.forms(z, id));
            for range in SessionRange::ALL {
                put(
                    o,
                    format!("client: {} sessions of {name}", range.as_str()),
                    lib.sessions(z, id, *range, Page::first(1000)),
                );
            }
        }
        for (how, keywords) in searches {
            let query = NoteQuery {
                keywords: keywords.map(String::from),
                ..Default::default()
            };
            put(
                o,
                format!("client: note search {how}"),
                lib.search_notes(z, NoteScope::Client(zoe.id), query),
            );
        }
        put(o, "client: their library", lib.client_library(z, None));
        put(
            o,
            "client: the folder of their library",
            lib.client_library(z, Some(folder.id)),
        );
        put(
            o,
            "client: download from their library",
            lib.download(z, diary.id, None)
                .map(|(r, b)| (r, String::from_utf8_lossy(&b).into_owned())),
        );
        put(
            o,
            "client: the private journal entry",
            lib.journal_entry(z, private_entry.id),
        );
        for (name, id) in [
            ("the submitted form", submitted_form.id),
            ("the draft form", draft_form.id),
        ] {
            put(o, format!("client: {name}"), lib.form(z, id));
        }
        put(o, "client: change feed", feed(&w, z));
        put(o, "client: reminders", lib.due(z, pid, month.0, month.1));
        put(
            o,
            "client: upcoming sessions",
            lib.upcoming_sessions_for_client(z, zoe.id, month.0, month.1),
        );
        // The practice's export, and the files in it.
        let doc = export(lib, me, pid);
        out.push(("the export's files".into(), exported_files(&doc)));
        out.push(("the export".into(), String::from_utf8(doc).unwrap()));
        out
    };

    // Before the erasure the word is there, in the places the reads look.
    let seen = reads();
    for label in [
        "owner: clients",
        "owner: client",
        "owner: practice overview",
        "owner: engagement e",
        "owner: notes of e",
        "owner: goals of e",
        "owner: assignments of e",
        "owner: resources of e",
        "owner: journal of e",
        "owner: log of e",
        "owner: past sessions of e",
        "owner: upcoming sessions of e",
        "owner: note search in the client for the word",
        "owner: practice log",
        "owner: change feed",
        "owner: upcoming sessions of Sam",
        "owner: calendar of Sam",
        "owner: forms of e",
        "owner: the submitted form",
        "coach: notes of e",
        "coach: forms of e",
        "client: journal of e",
        "client: forms of e",
        "client: forms of f",
        "client: the draft form",
        "client: their library",
        "client: download from their library",
        "the export",
        "the export's files",
    ] {
        let (_, s) = seen
            .iter()
            .find(|(l, _)| l == label)
            .unwrap_or_else(|| panic!("no read is named {label}"));
        assert!(
            has_word(s),
            "before the erasure, {label} shows nothing of the client: {s}"
        );
    }

    // What must stay as it is.
    let line = |id: EngagementId| lib.engagement(me, id).unwrap();
    let shell = |l: &EngagementOverview| {
        (
            l.engagement.status,
            l.engagement.planned,
            l.engagement.client_id,
            l.engagement.coach_id,
            l.engagement.program_name.clone(),
            (l.engagement.start_date, l.engagement.end_date),
            l.progress,
            l.phase,
            l.coach_name.clone(),
        )
    };
    let sessions_of = |id: EngagementId| {
        SessionRange::ALL
            .iter()
            .flat_map(|&range| lib.sessions(me, id, range, Page::first(1000)).unwrap())
            .collect::<Vec<_>>()
    };
    let times = |sessions: Vec<Session>| {
        sessions
            .into_iter()
            .map(|s| {
                (
                    s.id,
                    (s.start, s.end, s.status),
                    (s.cancelled_by, s.cancelled_at),
                    (s.coach_id, s.client_id, s.created_by),
                )
            })
            .collect::<Vec<_>>()
    };
    let shells_before = [e.id, f.id].map(|id| shell(&line(id)));
    let times_before = [e.id, f.id].map(|id| times(sessions_of(id)));
    assert_eq!(shells_before[0].6.used, 1, "{:?}", shells_before[0]);
    assert_eq!(times_before[0].len(), 3);
    let log_before = lib.practice_activity(me, pid, Page::first(1000)).unwrap();
    let library_before = lib.library(me, pid, None).unwrap();
    let bystander = || {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            lib.client(me, w.client.id).unwrap(),
            lib.engagement(me, other.id).unwrap(),
            lib.notes(me, other.id).unwrap(),
            lib.goals(me, other.id).unwrap(),
            lib.activity(me, other.id, Page::first(1000)).unwrap(),
            w.stored_forms(other.id)
        )
    };
    let bystander_before = bystander();

    // The owner erases the client: an anonymous row, archived, stays.
    let erased = lib.erase_client(me, zoe.id).unwrap();
    assert_eq!(
        (
            erased.id,
            erased.practice_id,
            erased.name.as_str(),
            erased.email.as_deref(),
            erased.has_portal,
            (erased.archived, erased.erased),
            erased.created_at
        ),
        (
            zoe.id,
            pid,
            ERASED_CLIENT_NAME,
            None,
            false,
            (true, true),
            zoe.created_at
        )
    );
    assert_eq!(lib.client(me, zoe.id).unwrap(), erased);
    assert!(lib.clients(me, pid).unwrap().iter().all(|c| c.id != zoe.id));
    assert_eq!(lib.archived_clients(me, pid).unwrap(), vec![erased.clone()]);

    // Every place the word is still found, and anything of theirs still there, is a problem;
    // all of them are listed at the end.
    let mut problems = Vec::new();
    for (label, s) in reads() {
        if has_word(&s) {
            problems.push(format!(
                "{label} still shows it: {}",
                excerpts(&s).join(" | ")
            ));
        }
    }
    if line(e.id)
        .engagement
        .completion_reason
        .as_deref()
        .is_some_and(has_word)
    {
        problems.push("engagement e keeps its completion reason".to_string());
    }
    for (name, id) in [("e", e.id), ("f", f.id)] {
        let left = [
            ("notes", lib.notes(me, id).unwrap().len()),
            ("goals", lib.goals(me, id).unwrap().len()),
            ("assignments", lib.assignments(me, id).unwrap().len()),
            ("resources", lib.engagement_resources(me, id).unwrap().len()),
            ("shared journal entries", lib.journal(me, id).unwrap().len()),
            ("forms", w.stored_forms(id).len()),
        ];
        for (what, n) in left {
            if n > 0 {
                problems.push(format!("engagement {name} keeps {n} {what}"));
            }
        }
        for s in sessions_of(id) {
            if s.cancel_reason.is_some() {
                problems.push(format!("session {} keeps its cancel reason", s.id));
            }
        }
    }
    for (what, left) in [
        ("the shared note", lib.note(me, shared_note.id).is_ok()),
        ("the private note", lib.note(me, private_note.id).is_ok()),
        (
            "the goal's comments",
            lib.comments(me, CommentTarget::Goal(goal.id)).is_ok(),
        ),
        (
            "the shared journal entry",
            lib.journal_entry(me, shared_entry.id).is_ok(),
        ),
        (
            "the private journal entry",
            lib.journal_entry(z, private_entry.id).is_ok(),
        ),
        (
            "the submitted form",
            lib.form(me, submitted_form.id).is_ok(),
        ),
        ("the draft form", lib.form(me, draft_form.id).is_ok()),
        (
            "the uploaded file",
            lib.download(me, upload.id, Some(e.id)).is_ok(),
        ),
        (
            "the assignment's file",
            lib.download(me, sheet.resource_id, Some(e.id)).is_ok(),
        ),
        (
            "the file of their library",
            lib.download(z, diary.id, None).is_ok(),
        ),
        (
            "their library",
            lib.client_library(z, None).is_ok_and(|v| !v.is_empty()),
        ),
    ] {
        if left {
            problems.push(format!("{what} is still there"));
        }
    }

    // The log: one entry added (the erasure), none removed; every entry keeps its action,
    // time, actor, target and ids. Those made by or about the client, or in an engagement of
    // theirs (the deleted one included), lose their detail; every other keeps it.
    let log_after = lib.practice_activity(me, pid, Page::first(1000)).unwrap();
    assert_eq!(log_after.len(), log_before.len() + 1, "{log_after:?}");
    let erasure = &log_after[0];
    assert_eq!(
        (
            erasure.action,
            erasure.actor,
            erasure.target,
            erasure.engagement_id,
            erasure.audience
        ),
        (
            Action::ClientErased,
            me,
            TargetRef::new(EntityKind::Client, *zoe.id.as_uuid()),
            None,
            Audience::Coaches
        )
    );
    let ours = [e.id, f.id, gone.id];
    let theirs = |l: &LogEntry| {
        l.actor == z
            || l.target.id == *zoe.id.as_uuid()
            || l.target.id == *gone.id.as_uuid()
            || l.engagement_id.is_some_and(|x| ours.contains(&x))
    };
    for (after, before) in log_after[1..].iter().zip(&log_before) {
        assert_eq!(
            LogEntry {
                detail: before.detail.clone(),
                ..after.clone()
            },
            *before,
            "an erasure changes nothing of an entry but its detail"
        );
        if !theirs(before) {
            assert_eq!(after.detail, before.detail, "{before:?}");
        } else if after.detail.is_some() {
            problems.push(format!(
                "the log entry {:?} ({:?} by {:?}) keeps its detail {:?}",
                after.id, after.action, after.actor, after.detail
            ));
        }
    }
    if !problems.is_empty() {
        eprintln!("left after the erasure:\n{}", problems.join("\n"));
    }

    // Their engagements stay as shells with the same status and counts; their sessions with
    // the same times and statuses.
    for (i, id) in [e.id, f.id].into_iter().enumerate() {
        let after = line(id);
        assert_eq!(shell(&after), shells_before[i]);
        assert_eq!(after.client_name.as_deref(), Some(ERASED_CLIENT_NAME));
        assert_eq!(times(sessions_of(id)), times_before[i]);
    }
    // Nobody else's things changed: the bystander's, the practice library.
    assert_eq!(bystander(), bystander_before);
    assert_eq!(lib.library(me, pid, None).unwrap(), library_before);
    assert!(lib
        .clients(me, pid)
        .unwrap()
        .iter()
        .any(|c| c.id == w.client.id));

    // An erasure is never undone, and an erased client is given no engagement; erasing again
    // changes nothing.
    let before = everything(&w);
    for r in [
        lib.set_client_archived(me, zoe.id, false).map(drop),
        lib.create_engagement(me, pid, new(w.owner.id)).map(drop),
    ] {
        let err = refused_whole(&w, &before, r);
        assert!(matches!(err, Error::Conflict { .. }), "{err}");
    }
    assert_eq!(lib.erase_client(me, zoe.id).unwrap(), erased);
    assert!(everything(&w) == before, "erasing again changed the store");

    // The erased practice still moves: export → import into a fresh store → export is
    // byte-identical, and the client is erased there too.
    let doc = export(lib, me, pid);
    let (lib2, _guard) = fresh(make);
    let imported = lib2.import_practice(&mut doc.as_slice()).unwrap();
    assert_eq!(imported.practice.id, pid);
    assert_eq!(
        String::from_utf8(export(&lib2, me, pid)).unwrap(),
        String::from_utf8(doc).unwrap(),
        "export → import → export is byte-identical"
    );
    assert_eq!(lib2.client(me, zoe.id).unwrap(), erased);
    assert_eq!(
        lib2.archived_clients(me, pid).unwrap(),
        vec![erased.clone()]
    );
    for id in [e.id, f.id] {
        assert_eq!(lib2.engagement(me, id).unwrap(), line(id));
    }

    assert!(
        problems.is_empty(),
        "the erased client's data is still there ({} places):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

pub fn erasure_is_owner_only(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let lib = &w.lib;
    let sam = w.add_coach("Sam Second");
    // Dora's engagement with Sam is Completed: she may be erased, but by the owner alone.
    let dora = w.add_client("Dora Done", true);
    let e = lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(sam.id),
                client_id: Some(dora.id),
                ..Default::default()
            },
        )
        .unwrap();
    lib.activate(me, e.id).unwrap();
    lib.create_note(
        Actor::Coach(sam.id),
        e.id,
        NewNote {
            title: "Kept until erased".into(),
            ..Default::default()
        },
    )
    .unwrap();
    lib.create_goal(
        Actor::Client(dora.id),
        e.id,
        NewGoal {
            name: "Mine".into(),
            ..Default::default()
        },
    )
    .unwrap();
    lib.complete(me, e.id, None).unwrap();
    let (_, foreign_owner, foreign_client, _) = w.neighbour();
    // Her engagement's coach, Dora herself and another client are refused; another practice
    // is told she does not exist. Nothing changes.
    let check = |before: &str| {
        for a in [
            Actor::Coach(sam.id),
            Actor::Client(dora.id),
            Actor::Client(w.client.id),
        ] {
            let err = refused_whole(&w, before, lib.erase_client(a, dora.id));
            assert!(
                matches!(err, Error::PermissionDenied { .. }),
                "{a:?}: {err}"
            );
        }
        for a in [
            Actor::Coach(foreign_owner.id),
            Actor::Client(foreign_client.id),
        ] {
            let err = refused_whole(&w, before, lib.erase_client(a, dora.id));
            assert!(matches!(err, Error::NotFound { .. }), "{a:?}: {err}");
        }
    };
    let before = everything(&w);
    check(&before);
    // An id that exists nowhere is not found, for the owner too.
    let err = refused_whole(&w, &before, lib.erase_client(me, ClientId::new()));
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    assert!(!lib.client(me, dora.id).unwrap().erased);

    // The owner erases her; the others are still refused, and erasing again changes nothing.
    let erased = lib.erase_client(me, dora.id).unwrap();
    assert!(erased.erased && erased.archived, "{erased:?}");
    assert_eq!(erased.name, ERASED_CLIENT_NAME);
    let before = everything(&w);
    check(&before);
    assert_eq!(lib.erase_client(me, dora.id).unwrap(), erased);
    assert!(everything(&w) == before, "erasing again changed the store");
}
