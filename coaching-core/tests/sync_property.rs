//! Property test of offline sync: random writes on five replicas (the owner's phone and
//! laptop, a second coach, two clients) and online changes on the server (sharing and
//! unsharing notes, reassigning, completing and reopening engagements, bookings), synced in a
//! random order with random message loss — a request lost, an answer lost, an answer
//! delivered twice — always converge. Once every replica has synced with nothing lost, each
//! reads exactly what its actor reads on the server; every operation a device queued was
//! reported to it exactly once (applied or refused); and the server holds what the setup made
//! plus what it reported applied, each exactly once.
//!
//! The hand-written cases are in `conformance/replicas.rs`; this binary keeps its own copy of
//! that file's `seen` (what an actor reads through the public read calls).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use coaching_core::*;
use proptest::prelude::*;

/// The devices: the owner's phone and laptop, Sam's, Carla's and Dora's.
const DEVICES: usize = 5;

const PAGE: Page = Page {
    offset: 0,
    limit: Page::MAX_LIMIT,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// A start in the small window every booking aims at (10 to 12 March, 9:00 to 11:30 every half
/// hour, an hour long), so bookings clash.
fn at(day: u32, slot: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap() + Duration::minutes(30 * i64::from(slot))
}

fn phone() -> Location {
    Location::Phone {
        number: "+44 20 7946 0000".into(),
    }
}

fn due() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
}

/// The `i`th of `xs`, wrapping; none of an empty list.
fn pick<T: Clone>(xs: &[T], i: usize) -> Option<T> {
    (!xs.is_empty()).then(|| xs[i % xs.len()].clone())
}

// ---- what a case does ----

/// A write a device makes offline; its target is picked, by index, from what the device's view
/// reads.
#[derive(Debug, Clone, Copy)]
enum Write {
    CreateNote { e: usize },
    UpdateNote { n: usize, body: bool },
    CreateGoal { e: usize, due: bool },
    AddMilestone { g: usize },
    SetMilestoneDone { m: usize, done: bool },
    SetGoalStatus { g: usize, completed: bool },
    BookSession { e: usize, day: u32, slot: u32 },
    CancelSession { s: usize },
    Comment { t: usize },
    Journal { e: usize, shared: bool },
}

/// A change the owner makes online, on the server.
#[derive(Debug, Clone, Copy)]
enum Online {
    ShareNote { n: usize, shared: bool },
    Reassign { e: usize, to_sam: bool },
    CompleteOrReopen { e: usize },
    Book { e: usize, day: u32, slot: u32 },
}

/// What happens to one round trip.
#[derive(Debug, Clone, Copy)]
enum Delivery {
    /// Both ways.
    Delivered,
    /// The request never reaches the server.
    RequestLost,
    /// The server handles the request; its answer never reaches the device.
    AnswerLost,
    /// The answer reaches the device twice.
    AnswerTwice,
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Offline(usize, Write),
    Sync(usize, Delivery),
    Online(Online),
    Tick(i64),
}

fn write() -> impl Strategy<Value = Write> {
    let i = || 0usize..16;
    prop_oneof![
        2 => i().prop_map(|e| Write::CreateNote { e }),
        1 => (i(), any::<bool>()).prop_map(|(n, body)| Write::UpdateNote { n, body }),
        2 => (i(), any::<bool>()).prop_map(|(e, due)| Write::CreateGoal { e, due }),
        2 => i().prop_map(|g| Write::AddMilestone { g }),
        1 => (i(), any::<bool>()).prop_map(|(m, done)| Write::SetMilestoneDone { m, done }),
        1 => (i(), any::<bool>()).prop_map(|(g, completed)| Write::SetGoalStatus { g, completed }),
        3 => (i(), 10u32..13, 0u32..6).prop_map(|(e, day, slot)| Write::BookSession { e, day, slot }),
        1 => i().prop_map(|s| Write::CancelSession { s }),
        2 => i().prop_map(|t| Write::Comment { t }),
        2 => (i(), any::<bool>()).prop_map(|(e, shared)| Write::Journal { e, shared }),
    ]
}

fn online() -> impl Strategy<Value = Online> {
    let i = || 0usize..16;
    prop_oneof![
        (i(), any::<bool>()).prop_map(|(n, shared)| Online::ShareNote { n, shared }),
        (i(), any::<bool>()).prop_map(|(e, to_sam)| Online::Reassign { e, to_sam }),
        i().prop_map(|e| Online::CompleteOrReopen { e }),
        (i(), 10u32..13, 0u32..6).prop_map(|(e, day, slot)| Online::Book { e, day, slot }),
    ]
}

fn delivery() -> impl Strategy<Value = Delivery> {
    prop_oneof![
        3 => Just(Delivery::Delivered),
        1 => Just(Delivery::RequestLost),
        1 => Just(Delivery::AnswerLost),
        1 => Just(Delivery::AnswerTwice),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0..DEVICES, write()).prop_map(|(d, w)| Step::Offline(d, w)),
        4 => (0..DEVICES, delivery()).prop_map(|(d, m)| Step::Sync(d, m)),
        2 => online().prop_map(Step::Online),
        1 => (1i64..15).prop_map(Step::Tick),
    ]
}

// ---- the server ----

/// The server and its practice: the owner, Sam, Carla and Dora (both with a portal), three
/// Active engagements of six sessions (owner and Carla, Sam and Dora, owner and Dora), each
/// with a shared note and a goal.
struct World {
    lib: Coaching,
    clock: ManualClock,
    practice: PracticeId,
    owner: CoachId,
    sam: CoachId,
    carla: ClientId,
    dora: ClientId,
    /// Each engagement with its client.
    engagements: Vec<(EngagementId, ClientId)>,
    base_notes: BTreeSet<NoteId>,
    base_goals: BTreeSet<GoalId>,
}

impl World {
    fn new() -> World {
        let clock = ManualClock::new(t0());
        let lib = Coaching::with_clock(MemoryStore::new(), clock.clone());
        let (practice, owner) = lib
            .create_practice(NewPractice {
                name: "Bright Path Coaching".into(),
                time_zone: "Europe/London".into(),
                plan: Plan::team(3),
                owner_name: "Olivia Owner".into(),
                owner_email: None,
            })
            .unwrap();
        let me = Actor::Coach(owner.id);
        let sam = lib
            .add_coach(
                me,
                practice.id,
                NewCoach {
                    name: "Sam Second".into(),
                    email: None,
                },
            )
            .unwrap();
        let client = |name: &str| {
            lib.add_client(
                me,
                practice.id,
                NewClient {
                    name: name.into(),
                    email: None,
                    has_portal: true,
                },
            )
            .unwrap()
        };
        let (carla, dora) = (client("Carla Client"), client("Dora Client"));
        let program = lib
            .create_program(me, practice.id, NewProgram::sessions("Six sessions", 6))
            .unwrap();
        let mut engagements = Vec::new();
        let (mut base_notes, mut base_goals) = (BTreeSet::new(), BTreeSet::new());
        for (coach, client) in [(owner.id, carla.id), (sam.id, dora.id), (owner.id, dora.id)] {
            let e = lib
                .create_engagement(
                    me,
                    practice.id,
                    NewEngagement {
                        program_id: Some(program.id),
                        coach_id: Some(coach),
                        client_id: Some(client),
                        ..Default::default()
                    },
                )
                .unwrap();
            lib.activate(me, e.id).unwrap();
            let n = lib
                .create_note(
                    me,
                    e.id,
                    NewNote {
                        title: "Shared plan".into(),
                        body_html: "<p>the plan</p>".into(),
                        template: None,
                    },
                )
                .unwrap();
            lib.set_note_shared(me, n.id, true).unwrap();
            let g = lib
                .create_goal(
                    me,
                    e.id,
                    NewGoal {
                        name: "Speak up in meetings".into(),
                        description: None,
                        due_date: None,
                        horizon: None,
                    },
                )
                .unwrap();
            base_notes.insert(n.id);
            base_goals.insert(g.id);
            engagements.push((e.id, client));
        }
        World {
            lib,
            clock,
            practice: practice.id,
            owner: owner.id,
            sam: sam.id,
            carla: carla.id,
            dora: dora.id,
            engagements,
            base_notes,
            base_goals,
        }
    }

    /// The actor of each device.
    fn actors(&self) -> [Actor; DEVICES] {
        let me = Actor::Coach(self.owner);
        [
            me,
            me,
            Actor::Coach(self.sam),
            Actor::Client(self.carla),
            Actor::Client(self.dora),
        ]
    }

    fn engagement(&self, i: usize) -> EngagementId {
        self.engagements[i % self.engagements.len()].0
    }

    /// The owner's change online; a refusal is part of the game.
    fn change(&self, change: Online, booked: &mut BTreeSet<SessionId>) {
        let me = Actor::Coach(self.owner);
        match change {
            Online::ShareNote { n, shared } => {
                let notes: Vec<NoteId> = self
                    .engagements
                    .iter()
                    .flat_map(|&(e, _)| self.lib.notes(me, e).unwrap())
                    .map(|n| n.id)
                    .collect();
                if let Some(id) = pick(&notes, n) {
                    let _ = self.lib.set_note_shared(me, id, shared);
                }
            }
            Online::Reassign { e, to_sam } => {
                let to = if to_sam { self.sam } else { self.owner };
                let _ = self.lib.reassign(me, self.engagement(e), to);
            }
            Online::CompleteOrReopen { e } => {
                let e = self.engagement(e);
                let _ = match self.lib.engagement(me, e).unwrap().engagement.status {
                    Status::Active => self.lib.complete(me, e, Some("finished early")),
                    _ => self.lib.activate(me, e),
                };
            }
            Online::Book { e, day, slot } => {
                let new = NewSession {
                    start: at(day, slot),
                    end: None,
                    time_zone: None,
                    location: phone(),
                };
                if let Ok(s) = self.lib.book_session(me, self.engagement(e), new) {
                    booked.insert(s.id);
                }
            }
        }
    }
}

// ---- the devices ----

/// Every outcome the server reported to a device, across the run.
#[derive(Default)]
struct Ledger {
    applied: HashMap<uuid::Uuid, SyncOp>,
    refused: HashSet<uuid::Uuid>,
}

/// A device: a replica in a file of its own.
struct Device {
    replica: Replica,
    /// Writes the replica queued.
    queued: usize,
    /// Outcomes the server reported for them.
    reported: usize,
    _dir: tempfile::TempDir,
}

/// What a device's view holds, for picking targets.
#[derive(Default)]
struct Held {
    engagements: Vec<EngagementId>,
    notes: Vec<NoteId>,
    goals: Vec<GoalId>,
    milestones: Vec<MilestoneId>,
    sessions: Vec<SessionId>,
    targets: Vec<CommentTarget>,
}

fn held(r: &Replica) -> Held {
    let (actor, v) = (r.actor(), r.view());
    let mut h = Held::default();
    for e in r.engagement_ids() {
        h.engagements.push(e);
        for n in v.notes(actor, e).unwrap_or_default() {
            h.notes.push(n.id);
            h.targets.push(CommentTarget::Note(n.id));
        }
        for g in v.goals(actor, e).unwrap_or_default() {
            h.goals.push(g.goal.id);
            h.targets.push(CommentTarget::Goal(g.goal.id));
            h.milestones.extend(g.milestones.iter().map(|m| m.id));
        }
        let upcoming = v.sessions(actor, e, SessionRange::Upcoming, PAGE);
        h.sessions
            .extend(upcoming.unwrap_or_default().into_iter().map(|s| s.id));
    }
    h
}

impl Device {
    fn new(w: &World, actor: Actor) -> Device {
        let dir = tempfile::tempdir().unwrap();
        let replica = Replica::open_with_clock(
            dir.path().join("replica.db"),
            w.practice,
            actor,
            Arc::new(w.clock.clone()),
        )
        .unwrap();
        Device {
            replica,
            queued: 0,
            reported: 0,
            _dir: dir,
        }
    }

    /// One offline write; the replica's own refusal is part of the game (nothing is queued).
    fn write(&mut self, write: Write, k: usize) {
        let h = held(&self.replica);
        let before = self.replica.pending().len();
        let r = &mut self.replica;
        let queued = match write {
            Write::CreateNote { e } => pick(&h.engagements, e).is_some_and(|e| {
                r.create_note(e, &format!("Offline note {k}"), "<p>written offline</p>")
                    .is_ok()
            }),
            Write::UpdateNote { n, body } => pick(&h.notes, n).is_some_and(|n| {
                if body {
                    r.update_note(n, None, Some(format!("<p>edit {k}</p>").as_str()))
                        .is_ok()
                } else {
                    r.update_note(n, Some(format!("Edited {k}").as_str()), None)
                        .is_ok()
                }
            }),
            Write::CreateGoal { e, due: with_due } => pick(&h.engagements, e).is_some_and(|e| {
                r.create_goal(e, &format!("Goal {k}"), None, with_due.then(due))
                    .is_ok()
            }),
            Write::AddMilestone { g } => pick(&h.goals, g)
                .is_some_and(|g| r.add_milestone(g, &format!("Step {k}"), None).is_ok()),
            Write::SetMilestoneDone { m, done } => {
                pick(&h.milestones, m).is_some_and(|m| r.set_milestone_done(m, done).is_ok())
            }
            Write::SetGoalStatus { g, completed } => pick(&h.goals, g).is_some_and(|g| {
                let status = if completed {
                    GoalStatus::Completed
                } else {
                    GoalStatus::Active
                };
                r.set_goal_status(g, status).is_ok()
            }),
            Write::BookSession { e, day, slot } => pick(&h.engagements, e).is_some_and(|e| {
                r.book_session(e, at(day, slot), None, None, phone())
                    .is_ok()
            }),
            Write::CancelSession { s } => pick(&h.sessions, s)
                .is_some_and(|s| r.cancel_session(s, Some("something came up")).is_ok()),
            Write::Comment { t } => pick(&h.targets, t)
                .is_some_and(|t| r.add_comment(t, &format!("<p>comment {k}</p>")).is_ok()),
            Write::Journal { e, shared } => pick(&h.engagements, e).is_some_and(|e| {
                r.create_journal_entry(e, &format!("Entry {k}"), "<p>how it went</p>", shared)
                    .is_ok()
            }),
        };
        // A write queues exactly one operation, a refused one none.
        assert_eq!(
            self.replica.pending().len(),
            before + usize::from(queued),
            "{write:?} on {:?}",
            self.replica.actor()
        );
        self.queued += usize::from(queued);
    }

    /// Applies a fresh answer and books its outcomes in the ledger.
    fn accept(&mut self, answer: &[u8], ledger: &mut Ledger) -> SyncOutcome {
        let actor = self.replica.actor();
        let queued: HashMap<uuid::Uuid, SyncOp> = self
            .replica
            .pending()
            .iter()
            .map(|p| (p.op_id, p.op.clone()))
            .collect();
        let outcome = self.replica.apply_sync_response(answer).unwrap();
        for id in &outcome.applied {
            let op = queued
                .get(id)
                .unwrap_or_else(|| panic!("operation {id} reported applied was not queued"));
            assert!(
                !ledger.refused.contains(id),
                "operation {id} refused, then applied"
            );
            assert!(
                ledger.applied.insert(*id, op.clone()).is_none(),
                "operation {id} reported applied twice"
            );
        }
        for r in &outcome.refused {
            assert_eq!(
                queued.get(&r.op_id),
                Some(&r.op),
                "a refusal of another operation"
            );
            assert!(
                !ledger.applied.contains_key(&r.op_id),
                "operation {} applied, then refused",
                r.op_id
            );
            assert!(
                ledger.refused.insert(r.op_id),
                "operation {} reported refused twice",
                r.op_id
            );
            // Its effect left the view.
            let v = self.replica.view();
            match &r.op {
                SyncOp::CreateNote { id, .. } => assert!(v.note(actor, *id).is_err()),
                SyncOp::BookSession { id, .. } => assert!(v.session(actor, *id).is_err()),
                SyncOp::CreateJournalEntry { id, .. } => {
                    assert!(v.journal_entry(actor, *id).is_err())
                }
                _ => {}
            }
        }
        self.reported += outcome.applied.len() + outcome.refused.len();
        // The answer reported every operation of the request, which carried the whole queue.
        assert!(
            self.replica.pending().is_empty(),
            "{actor:?}: operations left unreported: {:?}",
            self.replica.pending()
        );
        outcome
    }

    /// One round trip with nothing lost.
    fn sync(&mut self, w: &World, ledger: &mut Ledger) -> SyncOutcome {
        let request = self.replica.sync_request().unwrap();
        let answer = w.lib.handle_sync(self.replica.actor(), &request).unwrap();
        self.accept(&answer, ledger)
    }

    /// Syncs until nothing is queued and the server has nothing more.
    fn sync_all(&mut self, w: &World, ledger: &mut Ledger) {
        for _ in 0..10 {
            let o = self.sync(w, ledger);
            if !o.more && self.replica.pending().is_empty() {
                return;
            }
        }
        panic!(
            "{:?} still syncing after 10 round trips",
            self.replica.actor()
        );
    }

    /// One round trip, as the network treats it.
    fn sync_with_loss(&mut self, w: &World, delivery: Delivery, ledger: &mut Ledger) {
        let actor = self.replica.actor();
        match delivery {
            Delivery::Delivered => {
                self.sync(w, ledger);
            }
            Delivery::RequestLost => {
                self.replica.sync_request().unwrap();
            }
            Delivery::AnswerLost => {
                let request = self.replica.sync_request().unwrap();
                w.lib.handle_sync(actor, &request).unwrap();
            }
            Delivery::AnswerTwice => {
                let request = self.replica.sync_request().unwrap();
                let answer = w.lib.handle_sync(actor, &request).unwrap();
                self.accept(&answer, ledger);
                let before = seen(self.replica.view(), actor, w.practice);
                let pending = self.replica.pending().to_vec();
                match self.replica.apply_sync_response(&answer) {
                    Ok(o) => assert!(
                        o.applied.is_empty() && o.refused.is_empty(),
                        "a second copy of an answer reported operations again: {o:?}"
                    ),
                    Err(Error::Conflict { .. }) => {}
                    Err(e) => panic!("a second copy of an answer: {e:?}"),
                }
                assert_eq!(
                    seen(self.replica.view(), actor, w.practice),
                    before,
                    "a second copy of an answer changed what {actor:?} reads"
                );
                assert_eq!(self.replica.pending(), &pending[..]);
            }
        }
    }
}

// ---- what an actor reads (a copy of `conformance/replicas.rs`) ----

fn all<T>(r: Result<Vec<T>>) -> Vec<T> {
    match r {
        Err(Error::PermissionDenied { .. }) => Vec::new(),
        other => other.unwrap(),
    }
}

/// Everything `actor` reads of the practice through the public read calls, as text: the
/// engagements they may see with every list in them, and the directory.
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
        out.push(format!("{:?}", lib.engagement(actor, e).unwrap()));
        for range in [SessionRange::Upcoming, SessionRange::Past] {
            out.push(format!(
                "{:?}",
                lib.sessions(actor, e, range, page).unwrap()
            ));
        }
        let notes = all(lib.notes(actor, e));
        let goals = all(lib.goals(actor, e));
        let assignments = all(lib.assignments(actor, e));
        for t in notes
            .iter()
            .map(|n| CommentTarget::Note(n.id))
            .chain(goals.iter().map(|g| CommentTarget::Goal(g.goal.id)))
            .chain(
                assignments
                    .iter()
                    .map(|a| CommentTarget::Assignment(a.assignment.id)),
            )
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
fn converged(w: &World, d: &Device) {
    let actor = d.replica.actor();
    let server = seen(&w.lib, actor, w.practice);
    let device = seen(d.replica.view(), actor, w.practice);
    for (i, (s, r)) in server.iter().zip(&device).enumerate() {
        assert_eq!(s, r, "line {i} of what {actor:?} sees differs");
    }
    assert_eq!(
        server.len(),
        device.len(),
        "{actor:?} sees another number of things"
    );
}

// ---- exactly once ----

/// `held` (what the server lists) has no id twice and is exactly `expected`.
#[track_caller]
fn exactly<T: Ord + Copy + std::fmt::Debug>(what: &str, held: Vec<T>, expected: BTreeSet<T>) {
    let set: BTreeSet<T> = held.iter().copied().collect();
    assert_eq!(
        set.len(),
        held.len(),
        "the server holds a {what} twice: {held:?}"
    );
    assert_eq!(
        set, expected,
        "the server's {what}s are not the setup's plus the applied ones"
    );
}

/// What the server holds is what the setup and the owner online made plus the creations it
/// reported applied, each once; nothing a device's refused or lost operations made.
fn server_holds_each_applied_creation_once(
    w: &World,
    ledger: &Ledger,
    booked_online: &BTreeSet<SessionId>,
) {
    let mut notes = w.base_notes.clone();
    let mut goals = w.base_goals.clone();
    let mut milestones = BTreeSet::new();
    let mut sessions = booked_online.clone();
    let mut comments = BTreeSet::new();
    let mut journal = BTreeSet::new();
    for op in ledger.applied.values() {
        let fresh = match op {
            SyncOp::CreateNote { id, .. } => notes.insert(*id),
            SyncOp::CreateGoal { id, .. } => goals.insert(*id),
            SyncOp::AddMilestone { id, .. } => milestones.insert(*id),
            SyncOp::BookSession { id, .. } => sessions.insert(*id),
            SyncOp::AddComment { id, .. } => comments.insert(*id),
            SyncOp::CreateJournalEntry { id, .. } => journal.insert(*id),
            _ => true,
        };
        assert!(fresh, "two applied operations created the same id: {op:?}");
    }
    let me = Actor::Coach(w.owner);
    let (mut n, mut g, mut m, mut s, mut c, mut j) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for &(e, client) in &w.engagements {
        for note in w.lib.notes(me, e).unwrap() {
            n.push(note.id);
            let on = w.lib.comments(me, CommentTarget::Note(note.id)).unwrap();
            c.extend(on.into_iter().map(|x| x.id));
        }
        for goal in w.lib.goals(me, e).unwrap() {
            g.push(goal.goal.id);
            m.extend(goal.milestones.iter().map(|x| x.id));
            let on = w
                .lib
                .comments(me, CommentTarget::Goal(goal.goal.id))
                .unwrap();
            c.extend(on.into_iter().map(|x| x.id));
        }
        for range in [SessionRange::Upcoming, SessionRange::Past] {
            let listed = w.lib.sessions(me, e, range, PAGE).unwrap();
            s.extend(listed.into_iter().map(|x| x.id));
        }
        // The client reads every entry they wrote, shared or not.
        let entries = w.lib.journal(Actor::Client(client), e).unwrap();
        j.extend(entries.into_iter().map(|x| x.id));
    }
    exactly("note", n, notes);
    exactly("goal", g, goals);
    exactly("milestone", m, milestones);
    exactly("session", s, sessions);
    exactly("comment", c, comments);
    exactly("journal entry", j, journal);
}

// ---- the property ----

fn run(steps: &[Step]) {
    let w = World::new();
    let mut ledger = Ledger::default();
    let mut devices: Vec<Device> = w.actors().into_iter().map(|a| Device::new(&w, a)).collect();
    for d in &mut devices {
        d.sync_all(&w, &mut ledger);
        converged(&w, d);
    }
    let mut booked_online = BTreeSet::new();
    for (k, step) in steps.iter().enumerate() {
        match *step {
            Step::Offline(i, write) => devices[i].write(write, k),
            Step::Sync(i, delivery) => devices[i].sync_with_loss(&w, delivery, &mut ledger),
            Step::Online(change) => w.change(change, &mut booked_online),
            Step::Tick(minutes) => w.clock.advance(Duration::minutes(minutes)),
        }
    }
    // The network heals: every device syncs until done, then once more so each has the
    // others' last writes.
    for _ in 0..2 {
        for d in &mut devices {
            d.sync_all(&w, &mut ledger);
        }
    }
    for d in &devices {
        converged(&w, d);
        assert_eq!(
            d.queued,
            d.reported,
            "{:?}: every queued operation is reported exactly once",
            d.replica.actor()
        );
    }
    server_holds_each_applied_creation_once(&w, &ledger, &booked_online);
}

proptest! {
    // 48 cases; `PROPTEST_CASES` overrides it (proptest reads it over the given config).
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn replicas_converge_to_what_each_actor_sees_on_the_server(
        steps in prop::collection::vec(step(), 1..40),
    ) {
        run(&steps);
    }
}
