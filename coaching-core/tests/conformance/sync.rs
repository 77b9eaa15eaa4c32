//! Offline sync, the server's half: a device's queued operations run exactly once as the
//! actor the host authenticated, refusals come back typed and final, a request sent again
//! applies nothing, and the answer carries the actor's changes after the device's cursor.

use chrono::Duration;
use coaching_core::*;
use uuid::Uuid;

use super::sessions::phone;
use super::*;

fn request(w: &World, cursor: Option<&str>, ops: Vec<SyncOp>) -> (Vec<u8>, Vec<Uuid>) {
    let ops: Vec<PendingOp> = ops
        .into_iter()
        .map(|op| PendingOp {
            op_id: Uuid::now_v7(),
            op,
        })
        .collect();
    let ids = ops.iter().map(|p| p.op_id).collect();
    let req = SyncRequest {
        protocol: SYNC_PROTOCOL,
        library_version: "test".into(),
        practice_id: w.practice.id,
        cursor: cursor.map(str::to_string),
        held: Vec::new(),
        ops,
    };
    (serde_json::to_vec(&req).unwrap(), ids)
}

fn sync(w: &World, actor: Actor, bytes: &[u8]) -> SyncResponse {
    serde_json::from_slice(&w.lib.handle_sync(actor, bytes).unwrap()).unwrap()
}

fn outcomes(r: &SyncResponse) -> Vec<(OpOutcome, bool)> {
    r.results.iter().map(|x| (x.outcome.clone(), x.replayed)).collect()
}

/// The snapshot of engagement `e` in an answer, if any.
fn engagement_record(r: &SyncResponse, e: EngagementId) -> Option<&EngagementSnapshot> {
    r.records.iter().find_map(|x| match x {
        SyncRecord::Engagement(s) if s.engagement.engagement.id == e => Some(&**s),
        _ => None,
    })
}

fn gone(r: &SyncResponse) -> Vec<EngagementId> {
    r.records
        .iter()
        .filter_map(|x| match x {
            SyncRecord::EngagementGone { id } => Some(*id),
            _ => None,
        })
        .collect()
}

/// A request with no operations, from `cursor`, holding `held`.
fn pull(w: &World, cursor: Option<&str>, held: &[EngagementId]) -> Vec<u8> {
    let (bytes, _) = request(w, cursor, Vec::new());
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    v["held"] = serde_json::to_value(held).unwrap();
    serde_json::to_vec(&v).unwrap()
}

pub fn a_device_s_operations_run_once_and_a_replay_applies_nothing(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let (note, goal, milestone, session) = (NoteId::new(), GoalId::new(), MilestoneId::new(), SessionId::new());
    let start = t0() + Duration::days(2);
    let (bytes, ids) = request(
        &w,
        None,
        vec![
            SyncOp::CreateNote { id: note, engagement_id: e.id, title: "Offline".into(), body_html: "<p>on the train</p>".into() },
            SyncOp::UpdateNote { id: note, title: Some("Renamed offline".into()), body_html: None },
            SyncOp::CreateGoal { id: goal, engagement_id: e.id, name: "Run a 10k".into(), description: None, due_date: Some(date(2026, 6, 1)) },
            SyncOp::AddMilestone { id: milestone, goal_id: goal, name: "First 5k".into(), due_date: None },
            SyncOp::SetMilestoneDone { id: milestone, done: true },
            SyncOp::BookSession { id: session, engagement_id: e.id, start, end: None, time_zone: None, location: phone() },
            SyncOp::CancelSession { id: session, reason: Some("moved".into()) },
            SyncOp::SetGoalStatus { id: goal, status: GoalStatus::Completed },
        ],
    );
    let first = sync(&w, me, &bytes);
    assert_eq!(first.protocol, SYNC_PROTOCOL);
    assert_eq!(first.results.iter().map(|r| r.op_id).collect::<Vec<_>>(), ids);
    assert_eq!(outcomes(&first), vec![(OpOutcome::Applied, false); 8]);
    // Created with the device's ids, so its later operations found them.
    let n = w.lib.note(me, note).unwrap();
    assert_eq!((n.title.as_str(), n.body_text.as_str()), ("Renamed offline", "on the train"));
    let goals = w.lib.goals(me, e.id).unwrap();
    assert_eq!(goals.len(), 1);
    let g = &goals[0];
    assert_eq!((g.goal.id, g.goal.status), (goal, GoalStatus::Completed));
    assert_eq!(g.milestones.iter().map(|m| (m.id, m.done)).collect::<Vec<_>>(), vec![(milestone, true)]);
    let s = w.lib.session(me, session).unwrap();
    assert_eq!((s.start, s.status), (start, SessionStatus::Cancelled));
    // A first sync: the answer carries the actor's whole view, the device's own work included.
    let snap = engagement_record(&first, e.id).expect("the engagement's snapshot");
    assert_eq!(snap.notes.iter().map(|n| n.id).collect::<Vec<_>>(), vec![note]);
    assert_eq!(snap.sessions.iter().map(|s| (s.id, s.status)).collect::<Vec<_>>(), vec![(session, SessionStatus::Cancelled)]);
    assert!(snap.activity.iter().any(|l| l.action == Action::NoteCreated && l.target.id == *note.as_uuid()));
    assert!(first.records.iter().any(|r| matches!(r, SyncRecord::Directory(_))));

    // The answer was lost: the device sends the same bytes again. Nothing runs twice.
    let before = w.snapshot();
    let log = w.lib.activity(me, e.id, Page::first(500)).unwrap().len();
    let again = sync(&w, me, &bytes);
    assert_eq!(outcomes(&again), vec![(OpOutcome::Applied, true); 8]);
    assert_eq!(w.snapshot(), before);
    assert_eq!(w.lib.activity(me, e.id, Page::first(500)).unwrap().len(), log);
    assert_eq!(w.lib.notes(me, e.id).unwrap().len(), 1);
}

pub fn refusals_come_back_typed_and_final(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let existing = w
        .lib
        .create_note(me, e.id, NewNote { title: "Mine".into(), body_html: String::new(), template: None })
        .unwrap();
    let missing = NoteId::new();
    let before = w.snapshot();
    let (bytes, ids) = request(
        &w,
        None,
        vec![
            // A client writes no note; the actor is the host's, whatever the device meant.
            SyncOp::CreateNote { id: NoteId::new(), engagement_id: e.id, title: "Client's".into(), body_html: String::new() },
            SyncOp::UpdateNote { id: missing, title: Some("x".into()), body_html: None },
            SyncOp::CreateGoal { id: GoalId::new(), engagement_id: e.id, name: "  ".into(), description: None, due_date: None },
            // An id the server already holds is not taken again.
            SyncOp::CreateNote { id: existing.id, engagement_id: e.id, title: "Dup".into(), body_html: String::new() },
        ],
    );
    let r = sync(&w, carla, &bytes);
    let got = outcomes(&r);
    assert!(matches!(&got[0], (OpOutcome::Refused { error: Error::PermissionDenied { .. } }, false)), "{got:?}");
    assert!(matches!(&got[1], (OpOutcome::Refused { error: Error::NotFound { kind: EntityKind::Note, .. } }, false)), "{got:?}");
    assert!(matches!(&got[2], (OpOutcome::Refused { error: Error::Validation { field, .. } }, false) if field == "name"), "{got:?}");
    assert!(matches!(&got[3], (OpOutcome::Refused { error: Error::Conflict { .. } }, false)), "{got:?}");
    assert_eq!(w.snapshot(), before, "refused operations changed something");

    // Final: the same operation ids give the same refusals, even once the cause is gone.
    w.lib.delete_note(me, existing.id).unwrap();
    let again = sync(&w, carla, &bytes);
    assert_eq!(
        again.results.iter().map(|x| (x.op_id, x.outcome.clone())).collect::<Vec<_>>(),
        ids.iter().copied().zip(got.iter().map(|(o, _)| o.clone())).collect::<Vec<_>>()
    );
    assert!(again.results.iter().all(|x| x.replayed));

    // Another actor sending the client's operation ids learns nothing and runs nothing.
    let before = w.snapshot();
    let theirs = sync(&w, me, &bytes);
    for x in &theirs.results {
        assert!(!x.replayed);
        assert!(matches!(&x.outcome, OpOutcome::Refused { error: Error::Conflict { .. } }), "{x:?}");
    }
    assert_eq!(w.snapshot(), before);
    // The client's outcomes stay theirs.
    assert_eq!(outcomes(&sync(&w, carla, &bytes))[1].0, got[1].0);
}

pub fn bad_requests_are_refused_whole(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let create = |title: &str| SyncOp::CreateNote {
        id: NoteId::new(),
        engagement_id: e.id,
        title: title.into(),
        body_html: String::new(),
    };
    let before = w.snapshot();
    let field_of = |bytes: &[u8]| match w.lib.handle_sync(me, bytes) {
        Err(Error::Validation { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    // Not a request at all, and a request of a newer protocol.
    assert_eq!(field_of(b"\xff\x00 not json"), "request");
    let (bytes, _) = request(&w, None, vec![create("A")]);
    let mut newer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    newer["protocol"] = serde_json::json!(SYNC_PROTOCOL + 1);
    assert_eq!(field_of(&serde_json::to_vec(&newer).unwrap()), "protocol");
    // An operation this library does not know.
    newer["protocol"] = serde_json::json!(SYNC_PROTOCOL);
    newer["ops"][0]["op"]["op"] = serde_json::json!("drop_practice");
    assert_eq!(field_of(&serde_json::to_vec(&newer).unwrap()), "request");
    // Too many operations, a malformed cursor.
    let (many, _) = request(&w, None, (0..=MAX_SYNC_OPS).map(|i| create(&format!("N{i}"))).collect());
    assert_eq!(field_of(&many), "ops");
    let (bad_cursor, _) = request(&w, Some("c9.x"), vec![create("B")]);
    assert_eq!(field_of(&bad_cursor), "cursor");
    // Another practice's actor: the practice does not exist for them.
    let (_, their_owner, their_client, _) = w.neighbour();
    for outsider in [Actor::Coach(their_owner.id), Actor::Client(their_client.id)] {
        assert!(matches!(
            w.lib.handle_sync(outsider, &bytes),
            Err(Error::NotFound { kind: EntityKind::Practice, .. })
        ));
    }
    assert_eq!(w.snapshot(), before);
}

pub fn the_answer_carries_the_actors_changes_after_the_cursor(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let private = w
        .lib
        .create_note(me, e.id, NewNote { title: "Private".into(), body_html: String::new(), template: None })
        .unwrap();
    let first = sync(&w, carla, &pull(&w, None, &[]));
    assert!(first.changes.is_empty(), "a first sync brings snapshots, not the feed");
    let snap = engagement_record(&first, e.id).expect("the client's engagement");
    assert!(snap.notes.is_empty(), "a private note reached the client");
    assert!(snap.activity.iter().all(|l| l.target.id != *private.id.as_uuid()));
    // From the cursor: only what happened since, as the client may see it.
    let shared = w
        .lib
        .create_note(me, e.id, NewNote { title: "For you".into(), body_html: String::new(), template: None })
        .unwrap();
    w.lib.set_note_shared(me, shared.id, true).unwrap();
    let next = sync(&w, carla, &pull(&w, Some(&first.cursor), &[e.id]));
    assert_eq!(
        next.changes.iter().map(|c| (c.action, c.target.id)).collect::<Vec<_>>(),
        vec![(Action::NoteShared, *shared.id.as_uuid())]
    );
    assert!(next.changes.iter().all(|c| c.detail.is_none()), "a client is given no detail");
    let snap = engagement_record(&next, e.id).expect("the touched engagement again");
    assert_eq!(snap.notes.iter().map(|n| n.title.as_str()).collect::<Vec<_>>(), vec!["For you"]);
    assert!(!next.more);
    // Unsharing is a coach's entry, but it still takes the note off the client's device.
    w.lib.set_note_shared(me, shared.id, false).unwrap();
    let after = sync(&w, carla, &pull(&w, Some(&next.cursor), &[e.id]));
    assert_eq!(
        after.changes.iter().map(|c| (c.action, c.target.id)).collect::<Vec<_>>(),
        vec![(Action::NoteUnshared, *shared.id.as_uuid())]
    );
    assert!(engagement_record(&after, e.id).expect("re-sent").notes.is_empty());
    // Nothing new: no records and the same cursor.
    let idle = sync(&w, carla, &pull(&w, Some(&after.cursor), &[e.id]));
    assert!(idle.records.is_empty() && idle.changes.is_empty());
    assert_eq!(idle.cursor, after.cursor);
}

pub fn a_device_holds_only_what_its_actor_may_see(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let sam_a = Actor::Coach(sam.id);
    let dora = w.add_client("Dora", true);
    let mine = w.engagement_in(Status::Active);
    let theirs = w
        .lib
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
    w.lib.activate(me, theirs.id).unwrap();
    // Sam's device: his engagement, not the owner's; the directory as a coach reads it.
    let first = sync(&w, sam_a, &pull(&w, None, &[]));
    assert!(engagement_record(&first, theirs.id).is_some());
    assert!(engagement_record(&first, mine.id).is_none());
    let dir = first
        .records
        .iter()
        .find_map(|r| match r {
            SyncRecord::Directory(d) => Some(d),
            _ => None,
        })
        .expect("the directory");
    assert_eq!(dir.coaches.len(), 2);
    // A client's device: their own engagement only, and no client directory.
    let carla_first = sync(&w, Actor::Client(w.client.id), &pull(&w, None, &[]));
    assert!(engagement_record(&carla_first, mine.id).is_some());
    assert!(engagement_record(&carla_first, theirs.id).is_none());
    assert!(carla_first.records.iter().all(|r| match r {
        SyncRecord::Directory(d) => d.clients.is_empty(),
        _ => true,
    }));
    // The owner reassigns Sam's engagement: his device, holding it, is told it is gone.
    w.lib.reassign(me, theirs.id, w.owner.id).unwrap();
    let next = sync(&w, sam_a, &pull(&w, Some(&first.cursor), &[theirs.id]));
    assert_eq!(gone(&next), vec![theirs.id], "{} {:?}", first.cursor, next);
    assert!(engagement_record(&next, theirs.id).is_none());
    // A device that never held it hears nothing of it, even from the beginning.
    let other = sync(&w, sam_a, &pull(&w, Some(&first.cursor), &[]));
    assert!(gone(&other).is_empty() && engagement_record(&other, theirs.id).is_none());
    let fresh = sync(&w, sam_a, &pull(&w, None, &[]));
    assert!(engagement_record(&fresh, theirs.id).is_none() && gone(&fresh).is_empty());
    // A first sync of a device still holding it drops it.
    let reset = sync(&w, sam_a, &pull(&w, None, &[theirs.id]));
    assert_eq!(gone(&reset), vec![theirs.id]);
    // An engagement deleted: the devices holding it drop it.
    let dora_e = w.lib.engagement(me, theirs.id).unwrap();
    w.lib.complete(me, dora_e.engagement.id, None).unwrap();
    let before = sync(&w, me, &pull(&w, None, &[]));
    w.lib.delete_engagement(me, theirs.id).unwrap();
    let owner_next = sync(&w, me, &pull(&w, Some(&before.cursor), &[theirs.id, mine.id]));
    assert_eq!(gone(&owner_next), vec![theirs.id]);
}

pub fn a_clients_offline_day_lands_once(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let a = w
        .lib
        .create_assignment(me, e.id, AssignmentInput { name: Some("Values worksheet".into()), ..Default::default() })
        .unwrap();
    let t = w
        .lib
        .create_form_template(
            me,
            w.practice.id,
            NewFormTemplate {
                name: "Check-in".into(),
                description: None,
                questions: vec![Question {
                    prompt: "How was the week?".into(),
                    help: None,
                    kind: QuestionKind::ShortText,
                    choices: Vec::new(),
                    scale_max: None,
                    required: true,
                }],
            },
        )
        .unwrap();
    let f = w.lib.send_form(me, e.id, t.id, None).unwrap();
    let (entry, comment, goal) = (JournalEntryId::new(), CommentId::new(), GoalId::new());
    let (bytes, _) = request(
        &w,
        None,
        vec![
            SyncOp::CreateJournalEntry { id: entry, engagement_id: e.id, title: "Train thoughts".into(), body_html: "<p>calm</p>".into(), shared: false },
            SyncOp::CreateGoal { id: goal, engagement_id: e.id, name: "Sleep by 11".into(), description: None, due_date: None },
            SyncOp::AddComment { id: comment, target: CommentTarget::Goal(goal), body_html: "<p>started tonight</p>".into() },
            SyncOp::SetAssignmentStatus { id: a.id, status: AssignmentStatus::Completed },
            SyncOp::SaveFormAnswers { id: f.id, answers: vec![FormAnswer { question: 0, answer: Answer::Text("Good".into()) }] },
            SyncOp::SubmitForm { id: f.id },
        ],
    );
    let r = sync(&w, carla, &bytes);
    assert_eq!(outcomes(&r), vec![(OpOutcome::Applied, false); 6]);
    assert_eq!(w.lib.journal_entry(carla, entry).unwrap().title, "Train thoughts");
    assert_eq!(w.lib.comments(carla, CommentTarget::Goal(goal)).unwrap()[0].id, comment);
    assert_eq!(w.lib.form(me, f.id).unwrap().status, FormStatus::Submitted);
    // The client's device holds the day's work as the client sees it; the coach's does not hold
    // the private journal entry.
    let snap = engagement_record(&r, e.id).expect("the engagement");
    assert_eq!(snap.journal.iter().map(|j| j.id).collect::<Vec<_>>(), vec![entry]);
    assert_eq!(snap.forms[0].answers.len(), 1);
    let coach_view = sync(&w, me, &pull(&w, None, &[]));
    assert!(engagement_record(&coach_view, e.id).expect("the coach's copy").journal.is_empty());
    // Sent again: nothing runs twice.
    let before = w.snapshot();
    assert_eq!(outcomes(&sync(&w, carla, &bytes)), vec![(OpOutcome::Applied, true); 6]);
    assert_eq!(w.snapshot(), before);
}
