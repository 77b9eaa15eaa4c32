//! Export and import of a whole practice: the lossless round trip on every backend, and
//! hostile or damaged documents refused whole with the place named and nothing changed.

use chrono::Duration;
use coaching_core::*;
use serde_json::{json, Value};

use super::sessions::book;
use super::*;

/// A practice with something of everything: coaches, clients (with and without a portal),
/// the library and a client's own library, programs with items, engagements in every status
/// with sessions of every status, notes shared and private, goals and milestones, assignments
/// with library files and uploads, uploads by both sides, comments, a reassignment, and a
/// deleted engagement whose history stays in the log.
pub fn rich_practice(w: &World) -> Vec<Engagement> {
    let me = w.owner();
    let lib = &w.lib;
    let pid = w.practice.id;
    let sam = w.add_coach("Sam Second");
    let dan = w.add_client("Dan Noportal", false);
    let carla = Actor::Client(w.client.id);
    let folder = lib
        .add_to_library(me, pid, None, NewResource::Folder { name: "Worksheets".into() })
        .unwrap();
    let sheet = lib
        .add_to_library(
            me,
            pid,
            Some(folder.id),
            NewResource::File(NewFile {
                name: "Values.pdf".into(),
                media_type: "application/pdf".into(),
                bytes: (0..=255u8).cycle().take(3000).collect(),
            }),
        )
        .unwrap();
    let sub = lib
        .add_to_library(me, pid, Some(folder.id), NewResource::Folder { name: "Extra".into() })
        .unwrap();
    lib.add_to_library(
        me,
        pid,
        Some(sub.id),
        NewResource::Link { name: "Reading".into(), url: "https://example.com/read?x=1".into() },
    )
    .unwrap();
    lib.add_to_library(
        me,
        pid,
        None,
        NewResource::File(NewFile {
            name: "template.html".into(),
            media_type: "text/html".into(),
            bytes: b"<p>Agenda</p>".to_vec(),
        }),
    )
    .unwrap();
    lib.add_to_client_library(
        carla,
        None,
        NewResource::Link { name: "My journal".into(), url: "https://example.com/me".into() },
    )
    .unwrap();
    let program = lib
        .create_program(
            me,
            pid,
            NewProgram {
                late_cancel_window_minutes: Some(24 * 60),
                ..NewProgram::sessions("Leadership", 6)
            },
        )
        .unwrap();
    lib.add_program_item(
        me,
        program.id,
        ProgramItemKind::Goal {
            name: "Find your values".into(),
            description: Some("Start here".into()),
            due_after_days: Some(14),
        },
    )
    .unwrap();
    lib.add_program_item(
        me,
        program.id,
        ProgramItemKind::Assignment { name: "Values sheet".into(), description: None, due_after_days: Some(7) },
    )
    .unwrap();
    lib.add_program_item(me, program.id, ProgramItemKind::Resource { resource_id: folder.id })
        .unwrap();
    // Forms: a template with a question of every kind, sent by the program; a second one sent
    // by hand; a third whose template is deleted once sent.
    let q = |prompt: &str, kind: QuestionKind, choices: &[&str], scale_max: Option<u32>, required: bool| Question {
        prompt: prompt.into(),
        help: None,
        kind,
        choices: choices.iter().map(|c| c.to_string()).collect(),
        scale_max,
        required,
    };
    let intake = lib
        .create_form_template(
            me,
            pid,
            NewFormTemplate {
                name: "Intake questionnaire".into(),
                description: Some("Before we start".into()),
                questions: vec![
                    Question { help: Some("As your team calls it".into()), ..q("Your role", QuestionKind::ShortText, &[], None, true) },
                    q("What do you want from coaching?", QuestionKind::LongText, &[], None, true),
                    q("How did you hear of us?", QuestionKind::SingleChoice, &["Friend", "Web"], None, false),
                    q("Which areas matter most?", QuestionKind::MultipleChoice, &["Career", "Health", "Money"], None, true),
                    q("How ready are you?", QuestionKind::Scale, &[], Some(7), true),
                    q("When would you like to start?", QuestionKind::Date, &[], None, false),
                ],
            },
        )
        .unwrap();
    let check_in = lib
        .create_form_template(
            me,
            pid,
            NewFormTemplate { name: "Check-in".into(), description: None, questions: vec![q("How was your week?", QuestionKind::LongText, &[], None, false)] },
        )
        .unwrap();
    let survey = lib
        .create_form_template(
            Actor::Coach(sam.id),
            pid,
            NewFormTemplate { name: "Old survey".into(), description: None, questions: vec![q("Rate us", QuestionKind::Scale, &[], Some(10), true)] },
        )
        .unwrap();
    lib.add_program_item(me, program.id, ProgramItemKind::Form { template_id: intake.id, due_after_days: Some(3) })
        .unwrap();
    let new = |program: Option<ProgramId>, coach: CoachId, client: ClientId| NewEngagement {
        program_id: program,
        coach_id: Some(coach),
        client_id: Some(client),
        program_name: program.is_none().then(|| "Career".to_string()),
        planned: program.is_none().then(|| Planned::sessions(4)),
        start_date: Some(date(2026, 3, 2)),
        ..Default::default()
    };
    let e = lib.create_engagement(me, pid, new(Some(program.id), w.owner.id, w.client.id)).unwrap();
    lib.activate(me, e.id).unwrap();
    let f = lib.create_engagement(me, pid, new(None, sam.id, dan.id)).unwrap();
    lib.activate(me, f.id).unwrap();
    let draft = lib.create_engagement(me, pid, new(None, w.owner.id, w.client.id)).unwrap();
    let gone = lib.create_engagement(me, pid, new(None, w.owner.id, dan.id)).unwrap();
    lib.create_goal(me, gone.id, NewGoal { name: "Lost".into(), ..Default::default() }).unwrap();
    lib.delete_engagement(me, gone.id).unwrap();
    // Sessions of every status.
    let s: Vec<Session> = (0..6)
        .map(|i| book(w, me, e.id, t0() + Duration::hours(24 * i + 1)).unwrap())
        .collect();
    w.clock.advance(Duration::hours(24 * 3));
    lib.complete_session(me, s[0].id).unwrap();
    lib.mark_no_show(me, s[1].id).unwrap();
    lib.cancel_session(me, s[2].id, Some("Coach ill")).unwrap();
    lib.cancel_session(carla, s[3].id, Some("Travel")).unwrap();
    lib.reschedule_session(me, s[4].id, t0() + Duration::days(10), None).unwrap();
    book(w, Actor::Coach(sam.id), f.id, t0() + Duration::days(5)).unwrap();
    // Notes, comments.
    let n1 = lib
        .create_note(me, e.id, NewNote { title: "First session".into(), body_html: "<p>Talked about <b>delegation</b> &amp; trust</p><script>x</script>".into(), ..Default::default() })
        .unwrap();
    lib.set_note_shared(me, n1.id, true).unwrap();
    let n2 = lib
        .create_note(me, e.id, NewNote { title: "Private".into(), body_html: "<p>Only for me</p>".into(), ..Default::default() })
        .unwrap();
    lib.move_note(me, n2.id, 0).unwrap();
    lib.add_comment(carla, CommentTarget::Note(n1.id), "<p>Thanks!</p>").unwrap();
    lib.add_comment(me, CommentTarget::Note(n2.id), "<p>Follow up</p>").unwrap();
    // Goals and milestones (the program's goal is there already).
    let g = lib
        .create_goal(carla, e.id, NewGoal { name: "Run 10k".into(), due_date: Some(date(2026, 6, 1)), horizon: Some(GoalHorizon::Mid), ..Default::default() })
        .unwrap();
    let m1 = lib.add_milestone(carla, g.id, "5k", Some(date(2026, 4, 1))).unwrap();
    lib.add_milestone(me, g.id, "8k", None).unwrap();
    lib.set_milestone_done(carla, m1.id, true).unwrap();
    lib.add_comment(me, CommentTarget::Goal(g.id), "<p>Go!</p>").unwrap();
    // Assignments with files.
    let a = lib
        .create_assignment(me, e.id, AssignmentInput { name: Some("Journal".into()), description: Some(Some("Daily".into())), due_date: Some(Some(date(2026, 3, 20))) })
        .unwrap();
    lib.add_assignment_file(me, a.id, AssignmentFileSource::Library(sheet.id), Some("Fill this in")).unwrap();
    lib.add_assignment_file(
        me,
        a.id,
        AssignmentFileSource::Upload(NewResource::File(NewFile { name: "extra.txt".into(), media_type: "text/plain".into(), bytes: b"more".to_vec() })),
        None,
    )
    .unwrap();
    lib.set_assignment_status(carla, a.id, AssignmentStatus::Completed).unwrap();
    let up = lib
        .upload_to_engagement(carla, e.id, NewResource::Link { name: "My notes".into(), url: "https://example.com/notes".into() })
        .unwrap();
    lib.share_with_coach(carla, up.id).unwrap();
    lib.upload_to_engagement(carla, e.id, NewResource::Link { name: "Unshared".into(), url: "https://example.com/u".into() })
        .unwrap();
    // A reassignment, a completion with a reason.
    // Carla's journal: a private entry and a shared, edited one.
    lib.create_journal_entry(
        carla,
        e.id,
        NewJournalEntry { title: "Private thoughts".into(), body_html: "<p>only mine</p>".into(), shared: false },
    )
    .unwrap();
    let shared = lib
        .create_journal_entry(carla, e.id, NewJournalEntry { title: "For my coach".into(), ..Default::default() })
        .unwrap();
    lib.set_journal_entry_shared(carla, shared.id, true).unwrap();
    lib.update_journal_entry(
        carla,
        shared.id,
        JournalEntryUpdate { body_html: Some("<p>read this</p>".into()), ..Default::default() },
    )
    .unwrap();
    // The program's form: answered, submitted, reopened and submitted again. A draft of the
    // form sent by hand. A form whose template is gone.
    let sent = lib.forms(me, e.id).unwrap()[0].clone();
    lib.save_form_answers(
        carla,
        sent.id,
        vec![
            FormAnswer { question: 3, answer: Answer::Choices(vec!["Money".into(), "Career".into()]) },
            FormAnswer { question: 0, answer: Answer::Text("Team lead".into()) },
            FormAnswer { question: 1, answer: Answer::Text("Confidence\nin meetings".into()) },
            FormAnswer { question: 2, answer: Answer::Choice("Web".into()) },
            FormAnswer { question: 4, answer: Answer::Scale(6) },
            FormAnswer { question: 5, answer: Answer::Text("2026-04-01".into()) },
        ],
    )
    .unwrap();
    lib.submit_form(carla, sent.id).unwrap();
    lib.reopen_form(me, sent.id).unwrap();
    lib.submit_form(carla, sent.id).unwrap();
    let weekly = lib.send_form(me, e.id, check_in.id, Some(date(2026, 3, 13))).unwrap();
    lib.save_form_answers(carla, weekly.id, vec![FormAnswer { question: 0, answer: Answer::Text("Busy".into()) }])
        .unwrap();
    lib.send_form(Actor::Coach(sam.id), f.id, survey.id, None).unwrap();
    lib.delete_form_template(me, survey.id).unwrap();
    lib.change_plan(me, pid, Plan::team(5)).unwrap();
    lib.reassign(me, f.id, w.owner.id).unwrap();
    lib.complete(me, f.id, Some("moved abroad")).unwrap();
    // Self-booking: the owner's hours with a day off, the program's rules and e's own.
    let nine_to_five = (0..5u8)
        .map(|d| WeeklyHours {
            weekday: chrono::Weekday::try_from(d).unwrap(),
            range: DayRange::hm(9, 0, 17, 0).unwrap(),
        })
        .collect::<Vec<_>>();
    lib.set_weekly_hours(me, w.owner.id, Some("Europe/Paris"), &nine_to_five).unwrap();
    lib.set_date_hours(me, w.owner.id, date(2026, 3, 20), &[]).unwrap();
    lib.set_program_booking_rules(
        me,
        w.program.id,
        Some(BookingRules { min_notice_minutes: 120, max_horizon_days: Some(60), ..Default::default() }),
    )
    .unwrap();
    lib.set_engagement_booking_rules(
        me,
        e.id,
        Some(BookingRules { buffer_after_minutes: 15, slot_step_minutes: 60, ..Default::default() }),
    )
    .unwrap();
    vec![e, f, draft]
}

pub(super) fn export(lib: &Coaching, owner: Actor, p: PracticeId) -> Vec<u8> {
    let mut out = Vec::new();
    lib.export_practice(owner, p, &mut out).unwrap();
    out
}

/// A fresh store of the same backend.
pub(super) fn fresh(make: MakeStore) -> (Coaching, Box<dyn std::any::Any>) {
    let (store, guard) = make();
    (Coaching::with_clock(store, ManualClock::new(t0())), guard)
}

pub fn export_then_import_is_lossless(make: MakeStore) {
    let w = World::new(make, Plan::team(5));
    let me = w.owner();
    let engagements = rich_practice(&w);
    let first = export(&w.lib, me, w.practice.id);
    let doc: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(doc["format"], "coaching-practice");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["engagements"].as_array().unwrap().len(), 3);
    let entries = doc["activity_log"].as_array().unwrap().len();
    assert!(entries > 50, "{entries} log entries");
    // The deleted engagement's history is in the log.
    assert!(doc["activity_log"].as_array().unwrap().iter().any(|l| l["action"] == "engagement_deleted"));
    // And whose it was, for an erasure of the client after a move.
    assert_eq!(doc["deleted_engagements"].as_array().unwrap().len(), 1);

    let (lib2, _guard) = fresh(make);
    let imported = lib2.import_practice(&mut first.as_slice()).unwrap();
    assert_eq!(imported.practice.id, w.practice.id);
    assert_eq!(imported.practice.plan, Plan::team(5));
    assert_eq!(imported.counts.engagements, 3);
    let second = export(&lib2, me, w.practice.id);
    assert_eq!(
        String::from_utf8(second.clone()).unwrap(),
        String::from_utf8(first.clone()).unwrap(),
        "export → import → export is byte-identical"
    );
    // The imported practice works as the original: overview (progress from the tallies),
    // to-dos, search, the client's view, the feed.
    assert_eq!(
        lib2.overview_for_practice(me, w.practice.id).unwrap(),
        w.lib.overview_for_practice(me, w.practice.id).unwrap()
    );
    assert_eq!(
        lib2.client_todos(me, w.owner.id, Page::first(100)).unwrap(),
        w.lib.client_todos(me, w.owner.id, Page::first(100)).unwrap()
    );
    let q = NoteQuery { keywords: Some("delegation".into()), ..Default::default() };
    let hits = lib2.search_notes(me, NoteScope::Practice(w.practice.id), q.clone()).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits, w.lib.search_notes(me, NoteScope::Practice(w.practice.id), q).unwrap());
    let carla = Actor::Client(w.client.id);
    assert_eq!(lib2.notes(carla, engagements[0].id).unwrap(), w.lib.notes(carla, engagements[0].id).unwrap());
    let journal = lib2.journal(carla, engagements[0].id).unwrap();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal, w.lib.journal(carla, engagements[0].id).unwrap());
    assert_eq!(lib2.journal(me, engagements[0].id).unwrap().len(), 1, "the owner reads the shared entry alone");
    assert_eq!(imported.counts.journal_entries, 2);
    // Forms: the library's templates, the program's form item, every engagement's forms with
    // their answers (the client's draft included), on the to-dos there as here.
    assert_eq!(doc["form_templates"].as_array().unwrap().len(), 2);
    let sent: usize = doc["engagements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["forms"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(sent, 3);
    assert!(serde_json::to_string(&doc["programs"]).unwrap().contains("\"template_id\""));
    assert_eq!((imported.counts.form_templates, imported.counts.forms), (2, 3));
    assert_eq!(lib2.form_templates(me, w.practice.id).unwrap(), w.lib.form_templates(me, w.practice.id).unwrap());
    for e in &engagements {
        assert_eq!(lib2.forms(me, e.id).unwrap(), w.lib.forms(me, e.id).unwrap());
    }
    let forms = lib2.forms(carla, engagements[0].id).unwrap();
    assert_eq!(forms, w.lib.forms(carla, engagements[0].id).unwrap());
    assert_eq!(
        forms.iter().map(|f| (f.status, f.answers.len())).collect::<Vec<_>>(),
        [(FormStatus::Submitted, 6), (FormStatus::Open, 1)]
    );
    assert_eq!(lib2.forms(me, engagements[0].id).unwrap()[1].answers.len(), 0, "a coach reads no draft");
    assert!(lib2.forms(me, engagements[1].id).unwrap()[0].template_id.is_none());
    assert_eq!(
        lib2.changes(me, w.practice.id, None, 1000).unwrap().changes,
        w.lib.changes(me, w.practice.id, None, 1000).unwrap().changes
    );
    // Hours, overrides and rules came across: the same free slots.
    assert_eq!(lib2.availability(me, w.owner.id).unwrap(), w.lib.availability(me, w.owner.id).unwrap());
    assert!(lib2.availability(me, w.owner.id).unwrap().is_some());
    assert_eq!(lib2.program_booking_rules(me, w.program.id).unwrap(), w.lib.program_booking_rules(me, w.program.id).unwrap());
    for e in &engagements {
        assert_eq!(lib2.booking_rules(me, e.id).unwrap(), w.lib.booking_rules(me, e.id).unwrap());
    }
    assert_eq!(lib2.booking_rules(me, engagements[0].id).unwrap().source, RulesSource::Engagement);
    w.clock.set(t0()); // the new store's clock
    let window = (t0(), t0() + chrono::Duration::days(28));
    assert_eq!(
        lib2.free_slots(me, engagements[0].id, window.0, window.1).unwrap(),
        w.lib.free_slots(me, engagements[0].id, window.0, window.1).unwrap()
    );
    // And it goes on: a new operation on the imported practice.
    lib2.create_goal(me, engagements[0].id, NewGoal { name: "After the move".into(), ..Default::default() })
        .unwrap();
    // Importing again into a store that holds the practice is refused, changing nothing.
    let before = export(&lib2, me, w.practice.id);
    let err = lib2.import_practice(&mut first.as_slice()).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err}");
    assert_eq!(export(&lib2, me, w.practice.id), before);
    // Only the owner exports; a refused export to a file leaves the file as it was.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("practice.json");
    export_to_path(&w.lib, me, w.practice.id, &file).unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), first);
    let sam = w.lib.coaches(me, w.practice.id).unwrap()[1].clone();
    for who in [Actor::Coach(sam.id), carla] {
        let err = w.lib.export_practice(who, w.practice.id, &mut Vec::new()).unwrap_err();
        assert!(matches!(err, Error::PermissionDenied { .. }), "{err}");
        let err = export_to_path(&w.lib, who, w.practice.id, &file).unwrap_err();
        assert!(matches!(err, Error::PermissionDenied { .. }), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), first, "the file was touched");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "a partial file was left");
    }
}

/// What the target store already holds (another practice's).
struct Target {
    client: ClientId,
    engagement: EngagementId,
    /// An engagement deleted there: its history stays in the log, its id in use.
    deleted: EngagementId,
}

/// One damaged or hostile document: how it is made from a good one, and the place (or
/// error) it must be refused with.
struct Hostile {
    what: &'static str,
    place: &'static str,
    make: fn(&mut Value, &Target),
}

fn eng(doc: &mut Value, i: usize) -> &mut Value {
    &mut doc["engagements"][i]
}

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

const HOSTILE: &[Hostile] = &[
    Hostile { what: "another coach's availability", place: "coaches[0].availability", make: |d, _t| d["coaches"][0]["availability"]["coach_id"] = json!(uuid()) },
    Hostile { what: "hours that end before they start", place: "coaches[0].availability", make: |d, _t| d["coaches"][0]["availability"]["weekly"][0]["range"] = json!({"start_minute": 600, "end_minute": 540}) },
    Hostile { what: "a booking step of one minute", place: "programs[0].booking_rules", make: |d, _t| d["programs"][0]["booking_rules"]["slot_step_minutes"] = json!(1) },
    Hostile { what: "a negative notice", place: "engagements[0]", make: |d, _t| eng(d, 0)["booking_rules"]["min_notice_minutes"] = json!(-5) },
    Hostile { what: "a newer format version", place: "format_version", make: |d, _t| d["format_version"] = json!(2) },
    Hostile { what: "another format", place: "format", make: |d, _t| d["format"] = json!("csv") },
    Hostile { what: "a number for a name", place: "practice", make: |d, _t| d["practice"]["name"] = json!(42) },
    Hostile { what: "an untrimmed name", place: "clients[0].name", make: |d, _t| d["clients"][0]["name"] = json!("  Carla  ") },
    Hostile { what: "a control character in a name", place: "coaches[0].name", make: |d, _t| d["coaches"][0]["name"] = json!("Olivia\u{7}") },
    Hostile { what: "a duplicate client id", place: "clients[1].id", make: |d, _t| { let id = d["clients"][0]["id"].clone(); d["clients"][1]["id"] = id; } },
    Hostile { what: "a script in a note", place: "engagements[0].notes[0].body_html", make: |d, _t| eng(d, 0)["notes"][0]["body_html"] = json!("<p>hi</p><script>alert(1)</script>") },
    Hostile { what: "an event handler in a comment", place: "engagements[0].comments[0].body_html", make: |d, _t| eng(d, 0)["comments"][0]["body_html"] = json!("<img src=x onerror=alert(1)>") },
    Hostile { what: "a note's text that is not its body's", place: "engagements[0].notes[1].body_text", make: |d, _t| eng(d, 0)["notes"][1]["body_text"] = json!("something else") },
    Hostile { what: "more Active engagements than a free plan allows", place: "engagements[1].engagement.status", make: |d, _t| { d["practice"]["plan"] = serde_json::to_value(Plan::free()).unwrap(); d["coaches"].as_array_mut().unwrap().truncate(1); let owner = d["practice"]["owner_id"].clone(); eng(d, 1)["engagement"]["coach_id"] = owner; eng(d, 1)["engagement"]["status"] = json!("active"); } },
    Hostile { what: "two Scheduled sessions of one coach at once", place: "engagements[0].sessions", make: |d, _t| { let s = eng(d, 0)["sessions"].as_array().unwrap().iter().find(|s| s["status"] == "scheduled").unwrap().clone(); let mut twin = s.clone(); twin["id"] = json!(uuid()); eng(d, 0)["sessions"].as_array_mut().unwrap().push(twin); } },
    Hostile { what: "an engagement of another practice's client", place: "engagements[0].engagement.client_id", make: |d, t| eng(d, 0)["engagement"]["client_id"] = json!(t.client.to_string()) },
    Hostile { what: "an engagement id that exists in the store", place: "engagements[0].id", make: |d, t| eng(d, 0)["engagement"]["id"] = json!(t.engagement.to_string()) },
    Hostile { what: "a record of another practice", place: "clients[0].practice_id", make: |d, _t| d["clients"][0]["practice_id"] = json!(uuid()) },
    Hostile { what: "keys out of order", place: "clients", make: |d, _t| { let old = std::mem::take(d.as_object_mut().unwrap()); let coaches = old["coaches"].clone(); let mut m = serde_json::Map::new(); for (k, v) in old { if k == "coaches" { continue; } m.insert(k.clone(), v); if k == "clients" { m.insert("coaches".into(), coaches.clone()); } } *d = Value::Object(m); } },
    Hostile { what: "an unknown key", place: "extra", make: |d, _t| { d.as_object_mut().unwrap().insert("extra".into(), json!(1)); } },
    Hostile { what: "a file whose bytes are not its digest", place: "resources[1].sha256", make: |d, _t| { let r = d["resources"].as_array_mut().unwrap().iter_mut().find(|r| r["resource"]["kind"] == "file").unwrap(); r["bytes"] = json!("aGVsbG8="); r["resource"]["size"] = json!(5); } },
    Hostile { what: "a file over the upload limit", place: "resources[1].bytes", make: |d, _t| { let big = vec![7u8; 26 * 1024 * 1024]; let r = d["resources"].as_array_mut().unwrap().iter_mut().find(|r| r["resource"]["kind"] == "file").unwrap(); r["bytes"] = json!(base64_of(&big)); } },
    Hostile { what: "a javascript: link", place: "resources", make: |d, _t| { let r = d["resources"].as_array_mut().unwrap().iter_mut().find(|r| r["resource"]["kind"] == "link").unwrap(); r["resource"]["url"] = json!("javascript:alert(1)"); } },
    Hostile { what: "a milestone of a goal of another engagement", place: "engagements[0].milestones[0].goal_id", make: |d, _t| eng(d, 0)["milestones"][0]["goal_id"] = json!(uuid()) },
    Hostile { what: "a comment by another client of the practice", place: "engagements[0].comments", make: |d, _t| { let dan = d["clients"].as_array().unwrap().iter().find(|c| c["has_portal"] == false).unwrap()["id"].clone(); let c = eng(d, 0)["comments"].as_array_mut().unwrap().iter_mut().find(|c| c["author"]["kind"] == "client").unwrap(); c["author"] = json!({"kind": "client", "id": dan}); } },
    Hostile { what: "a log entry shown to more people than the library shows it", place: "activity_log[0].audience", make: |d, _t| d["activity_log"][0]["audience"] = json!("coaches") },
    Hostile { what: "the id of another practice's deleted engagement", place: "engagements[0].id", make: |d, t| eng(d, 0)["engagement"]["id"] = json!(t.deleted.to_string()) },
    Hostile { what: "a goal by another client of the practice", place: "engagements[0].goals[0].created_by", make: |d, _t| { let dan = d["clients"].as_array().unwrap().iter().find(|c| c["has_portal"] == false).unwrap()["id"].clone(); eng(d, 0)["goals"][0]["created_by"] = json!({"kind": "client", "id": dan}); } },
    Hostile { what: "a note written by a client", place: "engagements[0].notes[0].created_by", make: |d, _t| { let carla = eng(d, 0)["engagement"]["client_id"].clone(); eng(d, 0)["notes"][0]["created_by"] = json!({"kind": "client", "id": carla}); } },
    Hostile { what: "a log entry by a stranger", place: "activity_log[0].actor", make: |d, _t| d["activity_log"][0]["actor"] = json!({"kind": "coach", "id": uuid()}) },
    Hostile { what: "a date in 9999", place: "engagements[0].goals", make: |d, _t| eng(d, 0)["goals"][0]["due_date"] = json!("9999-01-01") },
    Hostile { what: "an Active engagement without a coach", place: "engagements[0].engagement.status", make: |d, _t| eng(d, 0)["engagement"]["coach_id"] = Value::Null },
    Hostile { what: "an owner who is not a coach", place: "practice.owner_id", make: |d, _t| d["practice"]["owner_id"] = json!(uuid()) },
    Hostile { what: "a session that ends before it starts", place: "engagements[0].sessions[0].end", make: |d, _t| { let s = &mut eng(d, 0)["sessions"][0]; s["end"] = s["start"].clone(); } },
    Hostile { what: "a folder inside a file", place: "resources", make: |d, _t| { let file = d["resources"].as_array().unwrap().iter().find(|r| r["resource"]["kind"] == "file").unwrap()["resource"]["id"].clone(); let last = d["resources"].as_array_mut().unwrap().iter_mut().rev().find(|r| r["resource"]["place"]["kind"] == "library" && r["resource"]["kind"] == "link").unwrap(); last["resource"]["parent_id"] = file; } },
    Hostile { what: "a duplicate log entry", place: "activity_log", make: |d, _t| { let first = d["activity_log"][0].clone(); d["activity_log"].as_array_mut().unwrap().push(first); } },
];

fn base64_of(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn hostile_and_damaged_documents_are_refused_whole(make: MakeStore) {
    let w = World::new(make, Plan::team(5));
    let me = w.owner();
    rich_practice(&w);
    let good = export(&w.lib, me, w.practice.id);
    let doc: Value = serde_json::from_slice(&good).unwrap();
    // The target store holds another practice already.
    let (target, _guard) = fresh(make);
    let (other, other_owner) = target
        .create_practice(NewPractice {
            name: "Already here".into(),
            time_zone: "UTC".into(),
            plan: Plan::solo(),
            owner_name: "Hal Here".into(),
            owner_email: None,
        })
        .unwrap();
    let here = Actor::Coach(other_owner.id);
    let their_client = target
        .add_client(here, other.id, NewClient { name: "Ivy Here".into(), email: None, has_portal: true })
        .unwrap();
    let their_engagement = target
        .create_engagement(here, other.id, NewEngagement { client_id: Some(their_client.id), ..Default::default() })
        .unwrap();
    let gone = target
        .create_engagement(here, other.id, NewEngagement { client_id: Some(their_client.id), ..Default::default() })
        .unwrap();
    target.delete_engagement(here, gone.id).unwrap();
    let t = Target { client: their_client.id, engagement: their_engagement.id, deleted: gone.id };
    let snapshot = |lib: &Coaching| export(lib, here, other.id);
    let before = snapshot(&target);
    let check = |what: &str, bytes: &[u8], expect: &dyn Fn(&Error) -> bool| {
        let err = target.import_practice(&mut &bytes[..]).unwrap_err();
        assert!(expect(&err), "{what}: refused with {err:?}");
        assert_eq!(snapshot(&target), before, "{what}: the store changed");
        assert!(
            matches!(target.practice(me, w.practice.id), Err(Error::NotFound { .. })),
            "{what}: the practice was created"
        );
        err
    };
    let mut refused = 0;
    for h in HOSTILE {
        let mut d = doc.clone();
        (h.make)(&mut d, &t);
        let bytes = serde_json::to_vec(&d).unwrap();
        let err = check(h.what, &bytes, &|e| {
            matches!(e, Error::Validation { field, .. } if field.starts_with(h.place))
        });
        let _ = err;
        refused += 1;
    }
    // Damaged bytes: truncated anywhere, not JSON, empty, an empty object, a list.
    for cut in [1, good.len() / 3, good.len() / 2, good.len() - 3] {
        check("a truncated document", &good[..cut], &|e| {
            matches!(e, Error::Validation { reason, .. } if reason.contains("ends too early") || reason.contains("not valid JSON"))
        });
        refused += 1;
    }
    for junk in [&b""[..], b"\x00\xff garbage", b"{}", b"[1, 2]", b"{\"format\": \"coaching-practice\"}"] {
        check("junk", junk, &|e| matches!(e, Error::Validation { .. }));
        refused += 1;
    }
    assert!(refused >= 35, "{refused} documents");
    // The good document still imports into that store.
    target.import_practice(&mut good.as_slice()).unwrap();
    assert_eq!(export(&target, me, w.practice.id), good);
}
