//! The change feed: commit order, cursors that resume without a gap or a repeat, and the
//! permission matrix walked through the feed (who is told of each kind of change).

use coaching_core::*;

use super::sessions::book;
use super::*;

/// Reads the whole feed after `after` in pages of `limit`; the changes and the last cursor.
fn drain(
    w: &World,
    actor: Actor,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<(Vec<LogEntry>, Cursor)> {
    let mut out = Vec::new();
    let mut cursor = after.cloned();
    loop {
        let page = w.lib.changes(actor, w.practice.id, cursor.as_ref(), limit)?;
        assert!(page.changes.len() <= limit as usize);
        assert_eq!(page.more, page.changes.len() == limit as usize);
        let empty = page.changes.is_empty();
        if empty {
            assert_eq!(Some(&page.next), cursor.as_ref().or(Some(&Cursor::START)));
        }
        out.extend(page.changes);
        cursor = Some(page.next);
        if empty {
            return Ok((out, cursor.unwrap()));
        }
    }
}

pub fn feed_is_the_log_in_commit_order_and_resumes_without_gaps(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    for i in 0..7 {
        w.clock.advance(chrono::Duration::minutes(1));
        w.lib
            .create_goal(
                me,
                e.id,
                NewGoal {
                    name: format!("Goal {i}"),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    // The owner's feed is the practice log, oldest first.
    let mut log = w
        .lib
        .practice_activity(me, w.practice.id, Page::first(1000))
        .unwrap();
    log.reverse();
    let (all, end) = drain(&w, me, None, 1000).unwrap();
    assert_eq!(all, log);
    assert_eq!(all[0].action, Action::PracticeCreated);
    // Any page size gives the same changes, each once.
    for limit in [1, 2, 3, 5, 7] {
        assert_eq!(drain(&w, me, None, limit).unwrap().0, log, "pages of {limit}");
    }
    // Resuming from any change's cursor gives exactly the changes after it.
    let mut cursor = None;
    for i in 0..log.len() {
        let page = w.lib.changes(me, w.practice.id, cursor.as_ref(), 1).unwrap();
        assert_eq!(page.changes, vec![log[i].clone()]);
        let rest = drain(&w, me, Some(&page.next), 4).unwrap().0;
        assert_eq!(rest, log[i + 1..].to_vec());
        // The cursor travels as a string.
        cursor = Some(Cursor::parse(&page.next.to_string()).unwrap());
    }
    // At the end: empty, and the cursor stays.
    let page = w.lib.changes(me, w.practice.id, Some(&end), 10).unwrap();
    assert!(page.changes.is_empty() && !page.more);
    assert_eq!(page.next, end);
    // New changes arrive after the end cursor, and only they.
    let g = w
        .lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "Later".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let page = w.lib.changes(me, w.practice.id, Some(&end), 10).unwrap();
    assert_eq!(page.changes.len(), 1);
    let c = &page.changes[0];
    assert_eq!(
        (c.action, c.target, c.engagement_id, c.actor),
        (
            Action::GoalCreated,
            TargetRef::new(EntityKind::Goal, *g.id.as_uuid()),
            Some(e.id),
            me
        )
    );
    assert_eq!(c.audience, Audience::Client);
    // Another practice's changes are never in this one's feed.
    let (p2, o2, _, _) = w.neighbour();
    let theirs = w.lib.changes(Actor::Coach(o2.id), p2.id, None, 100).unwrap();
    assert!(!theirs.changes.is_empty());
    assert!(theirs.changes.iter().all(|c| c.practice_id == p2.id));
    assert!(drain(&w, me, Some(&page.next), 100).unwrap().0.is_empty());
    // Limits and cursors are checked.
    for limit in [0, Page::MAX_LIMIT + 1] {
        let err = w.lib.changes(me, w.practice.id, None, limit).unwrap_err();
        assert!(matches!(err, Error::Validation { ref field, .. } if field == "limit"), "{err}");
    }
    let err = Cursor::parse("42").unwrap_err();
    assert!(matches!(err, Error::Validation { ref field, .. } if field == "cursor"));
}

/// Who reads a change, as the columns of [`FEED_MATRIX`].
const OWNER: usize = 0;
const OTHER_COACH: usize = 1;
const CLIENT: usize = 2;
const CLIENT_NO_PORTAL: usize = 3;
const READERS: [&str; 4] = [
    "owner",
    "other coach",
    "client with portal",
    "client without portal",
];
const Y: bool = true;
const N: bool = false;

/// Each operation and who is told of it in the feed. The owner's engagement E belongs to the
/// client with a portal; the other coach's engagement F to the client without one; D is a
/// Draft engagement of the client with a portal.
const FEED_MATRIX: &[(&str, [bool; 4])] = &[
    ("add a client", [Y, Y, N, N]),
    ("update a client", [Y, Y, N, N]),
    ("create a program", [Y, Y, N, N]),
    ("add a coach", [Y, Y, N, N]),
    ("change the plan", [Y, N, N, N]),
    ("add to the library", [Y, Y, N, N]),
    ("create a private note in E", [Y, N, N, N]),
    ("edit a private note in E", [Y, N, N, N]),
    ("comment on a private note in E", [Y, N, N, N]),
    ("share a note in E", [Y, N, Y, N]),
    ("edit a shared note in E", [Y, N, Y, N]),
    ("client comments on a shared note in E", [Y, N, Y, N]),
    ("unshare a note in E", [Y, N, Y, N]),
    ("edit a note no longer shared in E", [Y, N, N, N]),
    ("create a goal in E", [Y, N, Y, N]),
    ("client adds a goal in E", [Y, N, Y, N]),
    ("create an assignment in E", [Y, N, Y, N]),
    ("book a session in E", [Y, N, Y, N]),
    ("share a library file into E", [Y, N, Y, N]),
    ("coach uploads into E", [Y, N, Y, N]),
    ("client uploads into E", [N, N, Y, N]),
    ("client shares the upload with the coach", [Y, N, Y, N]),
    ("client adds to their own library", [N, N, Y, N]),
    ("create a goal in draft D", [Y, N, N, N]),
    ("edit draft D", [Y, N, N, N]),
    ("book a session in F", [Y, Y, N, Y]),
    ("create a goal in F", [Y, Y, N, N]),
    ("create a private note in F", [Y, Y, N, N]),
    ("edit F", [Y, Y, N, Y]),
    ("complete E with a reason", [Y, N, Y, N]),
    ("delete draft D", [Y, N, N, N]),
];

pub fn feed_walks_the_permission_matrix(make: MakeStore) {
    let w = World::new(make, Plan::team(5));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let dan = w.add_client("Dan Noportal", false);
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let d = w.draft();
    let f = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(sam.id),
                client_id: Some(dan.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, f.id).unwrap();
    let readers = [me, Actor::Coach(sam.id), carla, Actor::Client(dan.id)];
    let (_, foreign_owner, foreign_client, _) = w.neighbour();
    let mut cursors: Vec<Option<Cursor>> = readers
        .iter()
        .map(|a| Some(drain(&w, *a, None, 1000).unwrap().1))
        .collect();
    let note = |title: &str, e: EngagementId| {
        w.lib
            .create_note(
                me,
                e,
                NewNote {
                    title: title.into(),
                    ..Default::default()
                },
            )
            .unwrap()
    };
    let mut shared = None;
    let mut upload = None;
    let mut hour = 24;
    let mut seen_reason = false;
    for (op, expected) in FEED_MATRIX {
        hour += 2;
        match *op {
            "add a client" => {
                w.add_client("Eve Extra", true);
            }
            "update a client" => {
                w.lib
                    .update_client(
                        me,
                        dan.id,
                        ClientUpdate {
                            email: Some(Some("dan@example.com".into())),
                            ..Default::default()
                        },
                    )
                    .unwrap();
            }
            "create a program" => {
                w.lib
                    .create_program(me, w.practice.id, NewProgram::sessions("Career", 6))
                    .unwrap();
            }
            "add a coach" => {
                w.add_coach("Tia Third");
            }
            "change the plan" => {
                w.lib.change_plan(me, w.practice.id, Plan::team(6)).unwrap();
            }
            "add to the library" => {
                w.lib
                    .add_to_library(
                        me,
                        w.practice.id,
                        None,
                        NewResource::Link {
                            name: "Reading".into(),
                            url: "https://example.com/reading".into(),
                        },
                    )
                    .unwrap();
            }
            "create a private note in E" => {
                note("Private thoughts", e.id);
            }
            "edit a private note in E" | "comment on a private note in E" => {
                let n = w.lib.notes(me, e.id).unwrap()[0].clone();
                if op.starts_with("edit") {
                    let update = NoteUpdate {
                        body_html: Some("<p>more</p>".into()),
                        ..Default::default()
                    };
                    w.lib.update_note(me, n.id, update).unwrap();
                } else {
                    w.lib
                        .add_comment(me, CommentTarget::Note(n.id), "<p>to self</p>")
                        .unwrap();
                }
            }
            "share a note in E" => {
                let n = note("For Carla", e.id);
                shared = Some(w.lib.set_note_shared(me, n.id, true).unwrap());
            }
            "edit a shared note in E" | "edit a note no longer shared in E" => {
                let update = NoteUpdate {
                    title: Some(format!("For Carla ({hour})")),
                    ..Default::default()
                };
                w.lib
                    .update_note(me, shared.as_ref().unwrap().id, update)
                    .unwrap();
            }
            "client comments on a shared note in E" => {
                let target = CommentTarget::Note(shared.as_ref().unwrap().id);
                w.lib.add_comment(carla, target, "<p>Thanks</p>").unwrap();
            }
            "unshare a note in E" => {
                w.lib
                    .set_note_shared(me, shared.as_ref().unwrap().id, false)
                    .unwrap();
            }
            "create a goal in E" | "client adds a goal in E" | "create a goal in draft D"
            | "create a goal in F" => {
                let (who, eid) = match *op {
                    "client adds a goal in E" => (carla, e.id),
                    "create a goal in draft D" => (me, d.id),
                    "create a goal in F" => (me, f.id),
                    _ => (me, e.id),
                };
                w.lib
                    .create_goal(
                        who,
                        eid,
                        NewGoal {
                            name: op.to_string(),
                            ..Default::default()
                        },
                    )
                    .unwrap();
            }
            "create an assignment in E" => {
                w.lib
                    .create_assignment(
                        me,
                        e.id,
                        AssignmentInput {
                            name: Some("Values exercise".into()),
                            ..Default::default()
                        },
                    )
                    .unwrap();
            }
            "book a session in E" => {
                book(&w, me, e.id, t0() + chrono::Duration::hours(hour)).unwrap();
            }
            "book a session in F" => {
                book(&w, Actor::Coach(sam.id), f.id, t0() + chrono::Duration::hours(hour))
                    .unwrap();
            }
            "share a library file into E" => {
                let r = w
                    .lib
                    .add_to_library(
                        me,
                        w.practice.id,
                        None,
                        NewResource::Link {
                            name: "Shared reading".into(),
                            url: "https://example.com/shared".into(),
                        },
                    )
                    .unwrap();
                // Seen through the cursor of the step before: read it past the library entry.
                advance(&w, &readers, &mut cursors);
                w.lib.share_resource(me, e.id, r.id).unwrap();
            }
            "coach uploads into E" | "client uploads into E" => {
                let who = if op.starts_with("coach") { me } else { carla };
                let r = w
                    .lib
                    .upload_to_engagement(
                        who,
                        e.id,
                        NewResource::Link {
                            name: op.to_string(),
                            url: "https://example.com/upload".into(),
                        },
                    )
                    .unwrap();
                if who == carla {
                    upload = Some(r);
                }
            }
            "client shares the upload with the coach" => {
                w.lib
                    .share_with_coach(carla, upload.as_ref().unwrap().id)
                    .unwrap();
            }
            "client adds to their own library" => {
                w.lib
                    .add_to_client_library(
                        carla,
                        None,
                        NewResource::Link {
                            name: "My notes".into(),
                            url: "https://example.com/mine".into(),
                        },
                    )
                    .unwrap();
            }
            "edit draft D" | "edit F" => {
                let eid = if *op == "edit F" { f.id } else { d.id };
                w.lib
                    .update_engagement(
                        me,
                        eid,
                        EngagementUpdate {
                            end_date: Some(Some(date(2026, 12, 1))),
                            ..Default::default()
                        },
                    )
                    .unwrap();
            }
            "create a private note in F" => {
                note("Sam's private note", f.id);
            }
            "complete E with a reason" => {
                w.lib
                    .complete(me, e.id, Some("stopped paying".into()))
                    .unwrap();
            }
            "delete draft D" => {
                w.lib.delete_engagement(me, d.id).unwrap();
            }
            other => panic!("no step for {other}"),
        }
        for (i, reader) in readers.iter().enumerate() {
            let (changes, next) = drain(&w, *reader, cursors[i].as_ref(), 3).unwrap();
            assert_eq!(
                !changes.is_empty(),
                expected[i],
                "{op}: the {} was {}told: {changes:?}",
                READERS[i],
                if changes.is_empty() { "not " } else { "" }
            );
            if i == CLIENT || i == CLIENT_NO_PORTAL {
                assert!(changes.iter().all(|c| c.detail.is_none()), "{op}: a detail reached a client");
            }
            if *op == "complete E with a reason" && i == OWNER {
                seen_reason = changes
                    .iter()
                    .any(|c| c.detail.as_deref() == Some("stopped paying"));
            }
            if i == OTHER_COACH {
                // Another coach reads nothing of the owner's engagements.
                assert!(changes.iter().all(|c| c.engagement_id.is_none() || c.engagement_id == Some(f.id)));
            }
            cursors[i] = Some(next);
        }
    }
    assert!(seen_reason, "the owner reads the completion reason");
    // Outsiders: the practice does not exist for them.
    for outsider in [
        Actor::Coach(foreign_owner.id),
        Actor::Client(foreign_client.id),
        Actor::System,
        Actor::Coach(CoachId::new()),
    ] {
        let err = w.lib.changes(outsider, w.practice.id, None, 10).unwrap_err();
        assert!(
            matches!(err, Error::NotFound { kind: EntityKind::Practice, .. }),
            "{outsider:?}: {err}"
        );
    }
    // Private notes never reach a client, whatever the cursor.
    let (all, _) = drain(&w, carla, None, 1000).unwrap();
    let private: Vec<_> = w
        .lib
        .notes(me, e.id)
        .unwrap()
        .into_iter()
        .filter(|n| n.title == "Private thoughts")
        .map(|n| *n.id.as_uuid())
        .collect();
    assert_eq!(private.len(), 1);
    assert!(all.iter().all(|c| !private.contains(&c.target.id)));
    assert!(all.iter().all(|c| c.engagement_id != Some(d.id)));
    let _ = OWNER;
}

/// Moves every reader's cursor to the end of their feed.
fn advance(w: &World, readers: &[Actor], cursors: &mut [Option<Cursor>]) {
    for (i, r) in readers.iter().enumerate() {
        cursors[i] = Some(drain(w, *r, cursors[i].as_ref(), 100).unwrap().1);
    }
}
