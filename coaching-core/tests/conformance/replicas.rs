//! Offline sync end to end: one server (the backend under test) and several replicas — a
//! coach's phone and laptop, a client's phone — each a file of its own, exchanging bytes only.
//! Offline writes on all, syncs in every order, every refusal case, lost and replayed
//! messages, permission changes; after a final sync each replica reads exactly what its
//! actor reads on the server.

use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};
use coaching_core::*;

use super::sessions::phone;
use super::*;

/// A device: a replica in a file of its own.
pub struct Device {
    pub replica: Replica,
    pub path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Device {
    pub fn new(w: &World, actor: Actor) -> Device {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("replica.db");
        let replica =
            Replica::open_with_clock(&path, w.practice.id, actor, Arc::new(w.clock.clone())).unwrap();
        Device {
            replica,
            path,
            _dir: dir,
        }
    }

    /// The device reopened from its file (an app restart).
    pub fn restart(&mut self, w: &World) {
        let actor = self.replica.actor();
        self.replica =
            Replica::open_with_clock(&self.path, w.practice.id, actor, Arc::new(w.clock.clone())).unwrap();
    }

    /// One round trip through the server as the actor the host authenticated.
    pub fn sync(&mut self, w: &World) -> SyncOutcome {
        let req = self.replica.sync_request().unwrap();
        let resp = w.lib.handle_sync(self.replica.actor(), &req).unwrap();
        self.replica.apply_sync_response(&resp).unwrap()
    }

    /// Syncs until the server has nothing more, returning every refusal met.
    pub fn sync_all(&mut self, w: &World) -> Vec<Refusal> {
        let mut refused = Vec::new();
        loop {
            let o = self.sync(w);
            refused.extend(o.refused);
            if !o.more && self.replica.pending().is_empty() {
                return refused;
            }
        }
    }

    pub fn actor(&self) -> Actor {
        self.replica.actor()
    }

    pub fn view(&self) -> &Coaching {
        self.replica.view()
    }
}

fn all<T>(r: Result<Vec<T>>) -> Vec<T> {
    match r {
        Err(Error::PermissionDenied { .. }) => Vec::new(),
        other => other.unwrap(),
    }
}

/// Everything `actor` reads of the practice through the public read calls, as text: the
/// engagements they may see with every list in them, and the directory.
pub fn seen(lib: &Coaching, actor: Actor, practice: PracticeId) -> Vec<String> {
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
        out.push(format!("{:?}", lib.engagement(actor, e).unwrap()));
        for range in [SessionRange::Upcoming, SessionRange::Past] {
            out.push(format!("{:?}", lib.sessions(actor, e, range, page).unwrap()));
        }
        let notes = all(lib.notes(actor, e));
        let goals = all(lib.goals(actor, e));
        let assignments = all(lib.assignments(actor, e));
        for t in notes
            .iter()
            .map(|n| CommentTarget::Note(n.id))
            .chain(goals.iter().map(|g| CommentTarget::Goal(g.goal.id)))
            .chain(assignments.iter().map(|a| CommentTarget::Assignment(a.assignment.id)))
        {
            out.push(format!("{t:?} {:?}", all(lib.comments(actor, t))));
        }
        out.push(format!("{notes:?}"));
        out.push(format!("{goals:?}"));
        out.push(format!("{assignments:?}"));
        out.push(format!("{:?}", all(lib.forms(actor, e))));
        out.push(format!("{:?}", all(lib.journal(actor, e))));
        out.push(format!("{:?}", all(lib.engagement_resources(actor, e))));
        out.push(format!("{:?}", all(lib.activity(actor, e, page))));
    }
    out.push(format!("{:?}", lib.practice(actor, practice).unwrap()));
    out.push(format!("{:?}", all(lib.coaches(actor, practice))));
    out.push(format!("{:?}", all(lib.clients(actor, practice))));
    out.push(format!("{:?}", all(lib.programs(actor, practice))));
    out.push(format!("{:?}", all(lib.archived_clients(actor, practice))));
    out.push(format!("{:?}", all(lib.form_templates(actor, practice))));
    if let Actor::Client(c) = actor {
        out.push(format!("{:?}", lib.client(actor, c).unwrap()));
    }
    out
}

/// Asserts that the device reads exactly what its actor reads on the server.
#[track_caller]
pub fn converged(w: &World, d: &Device) {
    let server = seen(&w.lib, d.actor(), w.practice.id);
    let device = seen(d.view(), d.actor(), w.practice.id);
    for (i, (s, r)) in server.iter().zip(&device).enumerate() {
        assert_eq!(s, r, "line {i} of what {:?} sees differs", d.actor());
    }
    assert_eq!(server.len(), device.len(), "{:?} sees another number of things", d.actor());
}

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
}

pub fn three_devices_work_offline_and_converge(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let shared = w
        .lib
        .create_note(me, e.id, NewNote { title: "Welcome".into(), body_html: "<p>hello</p>".into(), template: None })
        .unwrap();
    w.lib.set_note_shared(me, shared.id, true).unwrap();
    // Everything an engagement holds, so each kind travels: a file from a library folder
    // shared in, an upload, an assignment with files, a form.
    let folder = w
        .lib
        .add_to_library(me, w.practice.id, None, NewResource::Folder { name: "Worksheets".into() })
        .unwrap();
    let file = |name: &str| NewResource::File(NewFile { name: name.into(), media_type: "application/pdf".into(), bytes: b"%PDF-1.4".to_vec() });
    let sheet = w.lib.add_to_library(me, w.practice.id, Some(folder.id), file("values.pdf")).unwrap();
    w.lib.share_resource(me, e.id, sheet.id).unwrap();
    w.lib.upload_to_engagement(me, e.id, NewResource::Link { name: "Reading".into(), url: "https://example.com/read".into() }).unwrap();
    let a = w
        .lib
        .create_assignment(me, e.id, AssignmentInput { name: Some("Values worksheet".into()), ..Default::default() })
        .unwrap();
    w.lib.add_assignment_file(me, a.id, AssignmentFileSource::Library(sheet.id), Some("fill it in")).unwrap();
    w.lib.add_assignment_file(me, a.id, AssignmentFileSource::Upload(file("mine.pdf")), None).unwrap();
    let t = w
        .lib
        .create_form_template(
            me,
            w.practice.id,
            NewFormTemplate {
                name: "Check-in".into(),
                description: None,
                questions: vec![Question { prompt: "How was the week?".into(), help: None, kind: QuestionKind::ShortText, choices: Vec::new(), scale_max: None, required: true }],
            },
        )
        .unwrap();
    let form = w.lib.send_form(me, e.id, t.id, Some(date(2026, 3, 20))).unwrap();
    let (mut phone_, mut laptop, mut carla) = (
        Device::new(&w, me),
        Device::new(&w, me),
        Device::new(&w, Actor::Client(w.client.id)),
    );
    // Before the first sync a replica holds nothing and refuses writes as the library would.
    assert!(!phone_.replica.has_synced());
    assert!(matches!(
        phone_.replica.create_note(e.id, "x", "y").unwrap_err(),
        Error::NotFound { .. }
    ));
    for d in [&mut phone_, &mut laptop, &mut carla] {
        assert!(d.sync_all(&w).is_empty());
        converged(&w, d);
    }
    assert_eq!(carla.view().notes(carla.actor(), e.id).unwrap().len(), 1);
    // Offline on all three.
    let n = phone_.replica.create_note(e.id, "Phone note", "<p>on the train</p>").unwrap();
    phone_.replica.update_note(n.id, Some("Phone note, edited"), None).unwrap();
    let s = phone_
        .replica
        .book_session(e.id, at(10, 9), None, None, phone())
        .unwrap();
    let g = laptop.replica.create_goal(e.id, "Delegate more", None, Some(date(2026, 6, 1))).unwrap();
    let m = laptop.replica.add_milestone(g.id, "List tasks", None).unwrap();
    laptop.replica.set_milestone_done(m.id, true).unwrap();
    let j = carla.replica.create_journal_entry(e.id, "Thoughts", "<p>calm</p>", true).unwrap();
    let c = carla.replica.add_comment(CommentTarget::Note(shared.id), "<p>thanks!</p>").unwrap();
    carla.replica.set_assignment_status(a.id, AssignmentStatus::Completed).unwrap();
    carla
        .replica
        .save_form_answers(form.id, vec![FormAnswer { question: 0, answer: Answer::Text("Good".into()) }])
        .unwrap();
    carla.replica.submit_form(form.id).unwrap();
    // The coach's devices never held the open form's answers.
    assert!(phone_.view().form(me, form.id).unwrap().answers.is_empty());
    // Each device reads its own writes at once, with the library's rules applied (sanitised,
    // logged, counted).
    assert_eq!(phone_.view().note(me, n.id).unwrap().title, "Phone note, edited");
    assert_eq!(phone_.view().engagement(me, e.id).unwrap().progress.to_string(), "0/16");
    assert_eq!(phone_.view().session(me, s.id).unwrap().start, at(10, 9));
    assert!(laptop.view().goals(me, e.id).unwrap()[0].milestones[0].done);
    assert_eq!(carla.view().journal_entry(carla.actor(), j.id).unwrap().title, "Thoughts");
    assert_eq!(phone_.replica.pending().len(), 3);
    // Nothing reached the server yet.
    assert!(w.lib.note(me, n.id).is_err());
    // A restart keeps the queue and the optimistic view.
    phone_.restart(&w);
    assert_eq!(phone_.replica.pending().len(), 3);
    assert_eq!(phone_.view().note(me, n.id).unwrap().title, "Phone note, edited");
    // Syncs in a mixed order: the client first, then the laptop, then the phone.
    assert!(carla.sync_all(&w).is_empty());
    assert!(laptop.sync_all(&w).is_empty());
    assert!(phone_.sync_all(&w).is_empty());
    // The server holds every write once, with the devices' ids.
    assert_eq!(w.lib.note(me, n.id).unwrap().title, "Phone note, edited");
    assert_eq!(w.lib.session(me, s.id).unwrap().start, at(10, 9));
    assert!(w.lib.goals(me, e.id).unwrap()[0].milestones[0].done);
    assert_eq!(w.lib.comments(me, CommentTarget::Note(shared.id)).unwrap()[0].id, c.id);
    assert_eq!(w.lib.form(me, form.id).unwrap().status, FormStatus::Submitted);
    // Everyone pulls again: each replica reads what its actor reads on the server.
    for d in [&mut phone_, &mut laptop, &mut carla] {
        d.sync_all(&w);
        converged(&w, d);
    }
    assert_eq!(phone_.view().form(me, form.id).unwrap().answers.len(), 1);
    assert_eq!(laptop.view().assignments(me, e.id).unwrap()[0].files.len(), 2);
    // The client's device never holds the coach's private note.
    assert!(carla.view().note(carla.actor(), n.id).is_err());
    assert!(carla.view().notes(carla.actor(), e.id).unwrap().iter().all(|x| x.id != n.id));
    // A restarted device reads the same.
    laptop.restart(&w);
    converged(&w, &laptop);
}

pub fn refusals_reach_the_device_and_their_effect_leaves_it(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let carla_a = Actor::Client(w.client.id);
    // An engagement of two sessions, so a client's offline booking can meet a used-up plan.
    let program = w
        .lib
        .create_program(me, w.practice.id, NewProgram::sessions("Two", 2))
        .unwrap();
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(program.id),
                coach_id: Some(w.owner.id),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e.id).unwrap();
    let mut phone_ = Device::new(&w, me);
    let mut laptop = Device::new(&w, me);
    let mut carla = Device::new(&w, carla_a);
    for d in [&mut phone_, &mut laptop, &mut carla] {
        d.sync_all(&w);
    }
    // 1. The plan used up by another device: the client books one offline, the coach books
    // both sessions from the laptop meanwhile.
    let mine = carla.replica.book_session(e.id, at(20, 10), None, None, phone()).unwrap();
    laptop.replica.book_session(e.id, at(12, 10), None, None, phone()).unwrap();
    laptop.replica.book_session(e.id, at(13, 10), None, None, phone()).unwrap();
    assert!(laptop.sync_all(&w).is_empty());
    // 2. A slot taken: the phone books 12 March 10:00 too, offline.
    let clash = phone_.replica.book_session(e.id, at(12, 10), None, None, phone()).unwrap();
    let fine = phone_.replica.create_note(e.id, "Kept", "<p>x</p>").unwrap();
    // The client's booking comes back refused, typed, and leaves the client's view.
    let refused = carla.sync_all(&w);
    assert_eq!(refused.len(), 1);
    assert!(matches!(refused[0].op, SyncOp::BookSession { id, .. } if id == mine.id));
    assert!(matches!(refused[0].error, Error::AllocationUsedUp { planned: 2, .. }), "{:?}", refused[0].error);
    assert!(carla.view().session(carla_a, mine.id).is_err());
    assert!(carla.replica.pending().is_empty());
    converged(&w, &carla);
    // The phone's clash comes back a Conflict; its note, queued after it, lands.
    let refused = phone_.sync_all(&w);
    assert_eq!(refused.len(), 1);
    assert!(matches!(refused[0].error, Error::Conflict { .. }), "{:?}", refused[0].error);
    assert!(phone_.view().session(me, clash.id).is_err());
    assert_eq!(w.lib.note(me, fine.id).unwrap().title, "Kept");
    converged(&w, &phone_);
    // 3. The engagement completed meanwhile: the client's offline journal entry is refused.
    let j = carla.replica.create_journal_entry(e.id, "Late", "<p>x</p>", false).unwrap();
    w.lib.complete(me, e.id, None).unwrap();
    let refused = carla.sync_all(&w);
    assert!(matches!(refused[..], [Refusal { error: Error::EngagementNotActive { .. }, .. }]), "{refused:?}");
    assert!(carla.view().journal_entry(carla_a, j.id).is_err());
    converged(&w, &carla);
    // 4. Permission withdrawn: Sam writes in his engagement offline while the owner
    // reassigns it; his note is refused and the engagement leaves his device.
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(sam.id),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e2.id).unwrap();
    let mut sams = Device::new(&w, Actor::Coach(sam.id));
    sams.sync_all(&w);
    assert!(sams.replica.engagement_ids().contains(&e2.id));
    let offline = sams.replica.create_note(e2.id, "Sam's plan", "<p>x</p>").unwrap();
    w.lib.reassign(me, e2.id, w.owner.id).unwrap();
    let refused = sams.sync_all(&w);
    assert!(matches!(refused[..], [Refusal { error: Error::PermissionDenied { .. } | Error::NotFound { .. }, .. }]), "{refused:?}");
    // The engagement left Sam's device with everything in it.
    assert!(!sams.replica.engagement_ids().contains(&e2.id));
    assert!(sams.view().engagement(Actor::Coach(sam.id), e2.id).is_err());
    assert!(sams.view().note(Actor::Coach(sam.id), offline.id).is_err());
    assert!(w.lib.note(me, offline.id).is_err());
    converged(&w, &sams);
}

pub fn lost_and_replayed_messages_apply_nothing_twice(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let mut d = Device::new(&w, me);
    d.sync_all(&w);
    let g = d.replica.create_goal(e.id, "Walk daily", None, None).unwrap();
    // The request is lost on the way: nothing happened on the server; the device still holds
    // its goal and sends it again.
    let _lost = d.replica.sync_request().unwrap();
    assert!(w.lib.goals(me, e.id).unwrap().is_empty());
    // The request arrives, the answer is lost.
    let req = d.replica.sync_request().unwrap();
    let lost_answer = w.lib.handle_sync(me, &req).unwrap();
    assert_eq!(w.lib.goals(me, e.id).unwrap().len(), 1);
    assert_eq!(d.replica.pending().len(), 1);
    // The device adds a milestone and sends everything again: the goal is not created twice.
    d.replica.add_milestone(g.id, "Buy shoes", None).unwrap();
    let o = d.sync(&w);
    assert_eq!(o.applied.len(), 2);
    assert!(o.refused.is_empty());
    let goals = w.lib.goals(me, e.id).unwrap();
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].milestones.len(), 1);
    // The lost answer turns up late: it is older than what the device holds, and changes
    // nothing.
    let before = seen(d.view(), me, w.practice.id);
    assert!(matches!(
        d.replica.apply_sync_response(&lost_answer).unwrap_err(),
        Error::Conflict { .. }
    ));
    assert_eq!(seen(d.view(), me, w.practice.id), before);
    // The same request replayed by the host (a retry): recorded outcomes, nothing applied.
    let snapshot = w.snapshot();
    let again: SyncResponse = serde_json::from_slice(&w.lib.handle_sync(me, &req).unwrap()).unwrap();
    assert!(again.results.iter().all(|r| r.replayed && r.outcome == OpOutcome::Applied));
    assert_eq!(w.snapshot(), snapshot);
    d.sync_all(&w);
    converged(&w, &d);
    // Damaged or foreign bytes change nothing on the device.
    for bad in [&b"not json"[..], b"{}", br#"{"protocol":1}"#] {
        assert!(matches!(
            d.replica.apply_sync_response(bad).unwrap_err(),
            Error::Validation { .. }
        ));
    }
    let mut newer: serde_json::Value =
        serde_json::from_slice(&w.lib.handle_sync(me, &d.replica.sync_request().unwrap()).unwrap()).unwrap();
    newer["protocol"] = serde_json::json!(SYNC_PROTOCOL + 1);
    let err = d
        .replica
        .apply_sync_response(&serde_json::to_vec(&newer).unwrap())
        .unwrap_err();
    assert!(matches!(&err, Error::Validation { field, .. } if field == "protocol"), "{err:?}");
    assert_eq!(seen(d.view(), me, w.practice.id), seen(&w.lib, me, w.practice.id));
}

pub fn permission_changes_take_things_off_a_device(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let carla_a = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let n = w
        .lib
        .create_note(me, e.id, NewNote { title: "Shared plan".into(), body_html: "<p>x</p>".into(), template: None })
        .unwrap();
    w.lib.set_note_shared(me, n.id, true).unwrap();
    let mut carla = Device::new(&w, carla_a);
    let mut owner = Device::new(&w, me);
    carla.sync_all(&w);
    owner.sync_all(&w);
    assert_eq!(carla.view().note(carla_a, n.id).unwrap().title, "Shared plan");
    // Unshared on the server: gone from the client's device at its next sync.
    w.lib.set_note_shared(me, n.id, false).unwrap();
    carla.sync_all(&w);
    assert!(carla.view().note(carla_a, n.id).is_err());
    converged(&w, &carla);
    // Reassigned to Sam: Sam's device gets it, and loses it when it moves back.
    let mut sams = Device::new(&w, Actor::Coach(sam.id));
    sams.sync_all(&w);
    assert!(sams.replica.engagement_ids().is_empty());
    w.lib.reassign(me, e.id, sam.id).unwrap();
    sams.sync_all(&w);
    // A coach's device is told of an engagement newly theirs by the reassignment's entry.
    assert_eq!(sams.replica.engagement_ids(), vec![e.id]);
    converged(&w, &sams);
    w.lib.reassign(me, e.id, w.owner.id).unwrap();
    sams.sync_all(&w);
    assert!(sams.replica.engagement_ids().is_empty());
    converged(&w, &sams);
    // The engagement deleted: gone from every device.
    w.lib.complete(me, e.id, None).unwrap();
    w.lib.delete_engagement(me, e.id).unwrap();
    for d in [&mut carla, &mut owner, &mut sams] {
        d.sync_all(&w);
        assert!(d.replica.engagement_ids().is_empty(), "{:?}", d.actor());
        converged(&w, d);
    }
    // One file per actor: another actor's replica is refused on the same file.
    let err = Replica::open(&carla.path, w.practice.id, me).unwrap_err();
    assert!(matches!(&err, Error::Validation { field, .. } if field == "replica"), "{err:?}");
}

pub fn a_replicas_view_is_written_only_through_the_replica(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let mut d = Device::new(&w, me);
    d.sync_all(&w);
    let err = d
        .view()
        .create_note(me, e.id, NewNote { title: "x".into(), body_html: String::new(), template: None })
        .unwrap_err();
    assert!(matches!(&err, Error::Validation { field, .. } if field == "replica"), "{err:?}");
    let err = d.view().batch(|_| Ok(())).unwrap_err();
    assert!(matches!(&err, Error::Validation { field, .. } if field == "replica"), "{err:?}");
    assert!(d.replica.pending().is_empty());
    // A write the library refuses is refused offline the same way, and nothing is queued.
    let err = d.replica.create_note(e.id, "", "").unwrap_err();
    assert!(matches!(err, Error::Validation { .. }), "{err:?}");
    assert!(d.replica.pending().is_empty());
    let _ = Duration::zero();
}

pub fn a_client_or_coach_changed_reaches_the_devices_holding_their_engagements(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let carla_a = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let n = w
        .lib
        .create_note(me, e.id, NewNote { title: "Shared plan".into(), body_html: "<p>x</p>".into(), template: None })
        .unwrap();
    w.lib.set_note_shared(me, n.id, true).unwrap();
    let mut carla = Device::new(&w, carla_a);
    let mut owner = Device::new(&w, me);
    carla.sync_all(&w);
    owner.sync_all(&w);
    assert_eq!(carla.view().notes(carla_a, e.id).unwrap().len(), 1);
    // The client renamed: the coach's device shows the new name on the engagement's line.
    w.lib
        .update_client(me, w.client.id, ClientUpdate { name: Some("Carla Renamed".into()), ..Default::default() })
        .unwrap();
    owner.sync_all(&w);
    assert_eq!(owner.view().engagement(me, e.id).unwrap().client_name.as_deref(), Some("Carla Renamed"));
    converged(&w, &owner);
    // Her portal withdrawn: her device keeps what she may still read (the engagement and its
    // sessions) and loses the rest.
    w.lib
        .update_client(me, w.client.id, ClientUpdate { has_portal: Some(false), ..Default::default() })
        .unwrap();
    let outcome = carla.sync(&w);
    assert!(outcome.updated.contains(&e.id), "{outcome:?}");
    assert!(all(carla.view().notes(carla_a, e.id)).is_empty());
    converged(&w, &carla);
    // Given back: her device gets the shared note again.
    w.lib
        .update_client(me, w.client.id, ClientUpdate { has_portal: Some(true), ..Default::default() })
        .unwrap();
    carla.sync_all(&w);
    assert_eq!(carla.view().notes(carla_a, e.id).unwrap().len(), 1);
    converged(&w, &carla);
}
