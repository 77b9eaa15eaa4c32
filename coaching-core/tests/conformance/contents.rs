//! Engagement contents: notes and search, goals, assignments, resources, comments, program
//! items, Client To-Dos, deletion.

use chrono::Duration;
use coaching_core::*;

use super::*;

fn note(w: &World, e: EngagementId, title: &str, body: &str) -> Note {
    w.lib
        .create_note(
            w.owner(),
            e,
            NewNote {
                title: title.into(),
                body_html: body.into(),
                template: None,
            },
        )
        .unwrap()
}

fn file(name: &str, media: &str, bytes: &[u8]) -> NewResource {
    NewResource::File(NewFile {
        name: name.into(),
        media_type: media.into(),
        bytes: bytes.to_vec(),
    })
}

pub fn notes_private_by_default_shared_only_with_a_portal(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let n = note(
        &w,
        e.id,
        "Session #1 notes, 2 Mar",
        "<p>Talked about <b>delegation</b><script>alert(1)</script></p>",
    );
    assert_eq!(n.body_html, "<p>Talked about <b>delegation</b></p>");
    assert_eq!(n.body_text, "Talked about delegation");
    assert!(!n.shared);
    assert!(w.lib.notes(carla, e.id).unwrap().is_empty());
    assert!(matches!(
        w.lib.note(carla, n.id),
        Err(Error::PermissionDenied { .. })
    ));
    let shared = w.lib.set_note_shared(me, n.id, true).unwrap();
    assert!(shared.shared);
    assert_eq!(w.lib.notes(carla, e.id).unwrap().len(), 1);
    assert_eq!(
        w.lib.note(carla, n.id).unwrap().title,
        "Session #1 notes, 2 Mar"
    );
    w.lib.set_note_shared(me, n.id, false).unwrap();
    assert!(w.lib.notes(carla, e.id).unwrap().is_empty());
    // A client without a portal: sharing is refused with its own error, nothing changes.
    let dan = w.add_client("Dan NoPortal", false);
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                client_id: Some(dan.id),
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                ..Default::default()
            },
        )
        .unwrap();
    let n2 = note(&w, e2.id, "Private", "<p>x</p>");
    let before = w.snapshot();
    let err = refused(&w, &before, w.lib.set_note_shared(me, n2.id, true));
    assert_eq!(
        err,
        Error::NoPortal {
            client: dan.id.to_string()
        }
    );
    let log = w.lib.activity(me, e.id, Page::first(3)).unwrap();
    assert_eq!(
        log.iter().map(|l| l.action).collect::<Vec<_>>(),
        [
            Action::NoteUnshared,
            Action::NoteShared,
            Action::NoteCreated
        ]
    );
    assert!(log
        .iter()
        .all(|l| l.target == TargetRef::new(EntityKind::Note, *n.id.as_uuid())));
}

pub fn notes_move_edit_delete_and_templates(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let a = note(&w, e.id, "A", "");
    let b = note(&w, e.id, "B", "");
    let c = note(&w, e.id, "C", "");
    let titles = |v: Vec<Note>| v.into_iter().map(|n| n.title).collect::<Vec<_>>();
    assert_eq!(
        titles(w.lib.move_note(me, c.id, 0).unwrap()),
        ["C", "A", "B"]
    );
    assert_eq!(
        titles(w.lib.move_note(me, c.id, 99).unwrap()),
        ["A", "B", "C"]
    );
    assert_eq!(titles(w.lib.notes(me, e.id).unwrap()), ["A", "B", "C"]);
    assert_eq!(
        w.lib
            .notes(me, e.id)
            .unwrap()
            .iter()
            .map(|n| n.position)
            .collect::<Vec<_>>(),
        [0, 1, 2]
    );
    w.clock.advance(Duration::hours(1));
    let edited = w
        .lib
        .update_note(
            me,
            b.id,
            NoteUpdate {
                title: Some("B2".into()),
                body_html: Some("<p>new <i>text</i></p>".into()),
            },
        )
        .unwrap();
    assert_eq!(
        (
            edited.title.as_str(),
            edited.body_text.as_str(),
            edited.updated_at
        ),
        ("B2", "new text", t0() + Duration::hours(1))
    );
    w.lib.delete_note(me, a.id).unwrap();
    assert_eq!(titles(w.lib.notes(me, e.id).unwrap()), ["B2", "C"]);
    assert_eq!(w.lib.notes(me, e.id).unwrap()[0].position, 0);
    assert!(matches!(w.lib.note(me, a.id), Err(Error::NotFound { .. })));
    // From a template in the library.
    let t = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            file(
                "Session notes.html",
                "text/html",
                b"<h2>Wins</h2><p onclick=\"x()\">...</p>",
            ),
        )
        .unwrap();
    let from_t = w
        .lib
        .create_note(
            me,
            e.id,
            NewNote {
                title: "".into(),
                body_html: "".into(),
                template: Some(t.id),
            },
        )
        .unwrap();
    assert_eq!(
        (from_t.title.as_str(), from_t.body_html.as_str()),
        ("Session notes", "<h2>Wins</h2><p>...</p>")
    );
    let pdf = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            file("x.pdf", "application/pdf", b"%PDF"),
        )
        .unwrap();
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib.create_note(
            me,
            e.id,
            NewNote {
                title: "T".into(),
                body_html: "".into(),
                template: Some(pdf.id),
            },
        ),
    );
    assert!(matches!(err, Error::Validation { ref field, .. } if field == "template"));
    let err = refused(
        &w,
        &before,
        w.lib.create_note(
            me,
            e.id,
            NewNote {
                title: "  ".into(),
                body_html: "<p>x</p>".into(),
                template: None,
            },
        ),
    );
    assert!(matches!(err, Error::Validation { ref field, .. } if field == "title"));
}

pub fn note_search_keywords_ranking_dates_and_privacy(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let in_title = note(&w, e.id, "Delegation plan", "<p>Steps for the quarter.</p>");
    w.clock.advance(Duration::days(1));
    let in_body = note(
        &w,
        e.id,
        "Weekly check-in",
        "<p>We talked about delegation and about hiring a deputy.</p>",
    );
    w.clock.advance(Duration::days(1));
    let private = note(
        &w,
        e.id,
        "Private thoughts",
        "<p>Delegation is hard for Carla &lt;script&gt; honestly.</p>",
    );
    let unrelated = note(&w, e.id, "Budget", "<p>Numbers.</p>");
    w.lib.set_note_shared(me, in_title.id, true).unwrap();
    w.lib.set_note_shared(me, in_body.id, true).unwrap();
    let search = |actor, kw: &str| {
        w.lib
            .search_notes(
                actor,
                NoteScope::Engagement(e.id),
                NoteQuery {
                    keywords: Some(kw.into()),
                    ..Default::default()
                },
            )
            .unwrap()
    };
    // Found in title and body; the title match ranks first.
    let hits = search(me, "delegation");
    let ids: Vec<_> = hits.iter().map(|h| h.note.id).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], in_title.id, "a title match ranks first: {hits:?}");
    assert!(ids.contains(&in_body.id) && ids.contains(&private.id) && !ids.contains(&unrelated.id));
    assert!(hits.windows(2).all(|p| p[0].rank >= p[1].rank));
    let body_hit = hits.iter().find(|h| h.note.id == in_body.id).unwrap();
    assert!(
        body_hit
            .snippet_html
            .as_deref()
            .unwrap()
            .contains("<mark>delegation</mark>"),
        "{body_hit:?}"
    );
    // Snippets are safe HTML: text that looks like markup is escaped.
    let private_hit = hits.iter().find(|h| h.note.id == private.id).unwrap();
    let snip = private_hit.snippet_html.as_deref().unwrap();
    assert!(
        snip.contains("&lt;script&gt;") && !snip.contains("<script>"),
        "{snip}"
    );
    // Every word must match; words match by prefix; case does not matter.
    assert_eq!(
        search(me, "DELEGATION deputy")
            .iter()
            .map(|h| h.note.id)
            .collect::<Vec<_>>(),
        [in_body.id]
    );
    assert_eq!(search(me, "deleg").len(), 3);
    assert!(search(me, "nonexistentword").is_empty());
    // Query syntax in the input is just text.
    assert!(search(me, "\"delegation\"*)(^")
        .iter()
        .any(|h| h.note.id == in_title.id));
    // The client finds only shared notes, never the private one.
    let client_ids: Vec<_> = search(carla, "delegation")
        .into_iter()
        .map(|h| h.note.id)
        .collect();
    assert_eq!(client_ids.len(), 2);
    assert!(!client_ids.contains(&private.id));
    let by_client_scope = w
        .lib
        .search_notes(
            carla,
            NoteScope::Client(w.client.id),
            NoteQuery {
                keywords: Some("delegation".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(by_client_scope.iter().all(|h| h.note.shared));
    // Last-edited range: only the first day.
    let range = w
        .lib
        .search_notes(
            me,
            NoteScope::Engagement(e.id),
            NoteQuery {
                edited_from: Some(t0()),
                edited_to: Some(t0() + Duration::hours(12)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        range.iter().map(|h| h.note.id).collect::<Vec<_>>(),
        [in_title.id]
    );
    // Keywords and range together.
    let both = w
        .lib
        .search_notes(
            me,
            NoteScope::Engagement(e.id),
            NoteQuery {
                keywords: Some("delegation".into()),
                edited_from: Some(t0() + Duration::hours(12)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(both.len(), 2);
    // Practice scope for the owner; an empty search is refused.
    assert_eq!(
        w.lib
            .search_notes(
                me,
                NoteScope::Practice(w.practice.id),
                NoteQuery {
                    keywords: Some("budget".into()),
                    ..Default::default()
                }
            )
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        w.lib.search_notes(
            me,
            NoteScope::Engagement(e.id),
            NoteQuery {
                keywords: Some("!!! ??".into()),
                ..Default::default()
            }
        ),
        Err(Error::Validation { .. })
    ));
    // An edited note is found by its new words and no longer by its old ones.
    w.lib
        .update_note(
            me,
            unrelated.id,
            NoteUpdate {
                body_html: Some("<p>Forecast</p>".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(search(me, "forecast").len(), 1);
    assert!(search(me, "numbers").is_empty());
    // Deleted notes leave the index.
    w.lib.delete_note(me, in_title.id).unwrap();
    assert_eq!(search(me, "delegation").len(), 2);
}

pub fn client_notes_across_engagements(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let e1 = w.engagement_in(Status::Active);
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                coach_id: Some(sam.id),
                client_id: Some(w.client.id),
                program_id: Some(w.program.id),
                ..Default::default()
            },
        )
        .unwrap();
    let n1 = note(&w, e1.id, "Owner's note", "");
    w.clock.advance(Duration::minutes(1));
    let n2 = w
        .lib
        .create_note(
            Actor::Coach(sam.id),
            e2.id,
            NewNote {
                title: "Sam's note".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let ids = |v: Vec<Note>| v.into_iter().map(|n| n.id).collect::<Vec<_>>();
    assert_eq!(
        ids(w
            .lib
            .client_notes(me, w.client.id, Page::default())
            .unwrap()),
        [n2.id, n1.id]
    );
    assert_eq!(
        ids(w
            .lib
            .client_notes(Actor::Coach(sam.id), w.client.id, Page::default())
            .unwrap()),
        [n2.id]
    );
    w.lib
        .set_note_shared(Actor::Coach(sam.id), n2.id, true)
        .unwrap();
    // The client: shared notes of non-Draft engagements only (e2 is still Draft).
    assert!(w
        .lib
        .client_notes(Actor::Client(w.client.id), w.client.id, Page::default())
        .unwrap()
        .is_empty());
    w.lib.activate(Actor::Coach(sam.id), e2.id).unwrap();
    assert_eq!(
        ids(w
            .lib
            .client_notes(Actor::Client(w.client.id), w.client.id, Page::default())
            .unwrap()),
        [n2.id]
    );
}

/// A goal's horizon: set at creation, changed and cleared by an edit, kept by a store across
/// reads, and the filter returns exactly the goals of one horizon (or of none), milestones
/// included, to whoever may read the goals.
pub fn goal_horizons_set_cleared_and_filtered(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let new = |name: &str, horizon| NewGoal {
        name: name.into(),
        horizon,
        ..Default::default()
    };
    let short = w.lib.create_goal(w.owner(), e.id, new("Sleep by 11", Some(GoalHorizon::Short))).unwrap();
    let long = w.lib.create_goal(carla, e.id, new("Change careers", Some(GoalHorizon::Long))).unwrap();
    let none = w.lib.create_goal(w.owner(), e.id, new("Read more", None)).unwrap();
    assert_eq!((short.horizon, long.horizon, none.horizon), (Some(GoalHorizon::Short), Some(GoalHorizon::Long), None));
    w.lib.add_milestone(carla, long.id, "Talk to a mentor", None).unwrap();
    let names = |h: Option<GoalHorizon>, who: Actor| {
        w.lib
            .goals_by_horizon(who, e.id, h)
            .unwrap()
            .into_iter()
            .map(|g| (g.goal.name, g.milestones.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(Some(GoalHorizon::Long), carla), [("Change careers".to_string(), 1)]);
    assert_eq!(names(Some(GoalHorizon::Mid), w.owner()), []);
    assert_eq!(names(None, w.owner()), [("Read more".to_string(), 0)]);

    // An edit moves a goal between horizons or clears it; other edits leave it.
    let edit = |id, horizon| {
        w.lib
            .update_goal(carla, id, GoalInput { horizon, ..Default::default() })
            .unwrap()
    };
    assert_eq!(edit(none.id, Some(Some(GoalHorizon::Mid))).horizon, Some(GoalHorizon::Mid));
    assert_eq!(edit(short.id, Some(None)).horizon, None);
    let renamed = w
        .lib
        .update_goal(w.owner(), long.id, GoalInput { name: Some("Change fields".into()), ..Default::default() })
        .unwrap();
    assert_eq!(renamed.horizon, Some(GoalHorizon::Long));
    assert_eq!(names(Some(GoalHorizon::Mid), carla), [("Read more".to_string(), 0)]);
    assert_eq!(names(None, carla), [("Sleep by 11".to_string(), 0)]);
    let all = w.lib.goals(w.owner(), e.id).unwrap();
    assert_eq!(
        all.iter().map(|g| g.goal.horizon).collect::<Vec<_>>(),
        [None, Some(GoalHorizon::Long), Some(GoalHorizon::Mid)]
    );

    // Someone who may not read the goals may not filter them either, and learns nothing.
    let (_, other_coach, other_client, _) = w.neighbour();
    for who in [Actor::Coach(other_coach.id), Actor::Client(other_client.id)] {
        assert!(matches!(
            w.lib.goals_by_horizon(who, e.id, Some(GoalHorizon::Long)),
            Err(Error::NotFound { .. })
        ));
    }
}

pub fn goals_and_milestones_by_coach_and_client(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let g = w
        .lib
        .create_goal(
            carla,
            e.id,
            NewGoal {
                name: "Run a 10k".into(),
                description: Some("by summer".into()),
                due_date: Some(date(2026, 6, 1)),
                horizon: None,
            },
        )
        .unwrap();
    assert_eq!((g.created_by, g.status), (carla, GoalStatus::Active));
    let m1 = w
        .lib
        .add_milestone(carla, g.id, "5k", Some(date(2026, 4, 1)))
        .unwrap();
    let m2 = w
        .lib
        .add_milestone(w.owner(), g.id, "8k", Some(date(2026, 5, 1)))
        .unwrap();
    let m3 = w.lib.add_milestone(carla, g.id, "Sign up", None).unwrap();
    let order = w.lib.move_milestone(carla, m3.id, 0).unwrap();
    assert_eq!(
        order.iter().map(|m| m.id).collect::<Vec<_>>(),
        [m3.id, m1.id, m2.id]
    );
    w.lib.set_milestone_done(carla, m3.id, true).unwrap();
    w.lib
        .update_goal(
            carla,
            g.id,
            GoalInput {
                name: Some("Run a half marathon".into()),
                due_date: Some(None),
                ..Default::default()
            },
        )
        .unwrap();
    let goals = w.lib.goals(w.owner(), e.id).unwrap();
    assert_eq!(goals.len(), 1);
    assert_eq!(
        (goals[0].goal.name.as_str(), goals[0].goal.due_date),
        ("Run a half marathon", None)
    );
    assert_eq!(
        goals[0]
            .milestones
            .iter()
            .map(|m| (m.name.as_str(), m.done, m.position))
            .collect::<Vec<_>>(),
        [("Sign up", true, 0), ("5k", false, 1), ("8k", false, 2)]
    );
    w.lib
        .set_goal_status(carla, g.id, GoalStatus::Completed)
        .unwrap();
    w.lib.delete_milestone(carla, m1.id).unwrap();
    assert_eq!(
        w.lib.goals(carla, e.id).unwrap()[0]
            .milestones
            .iter()
            .map(|m| m.position)
            .collect::<Vec<_>>(),
        [0, 1]
    );
    // Once the engagement is Completed the client still reads but no longer writes.
    w.lib.complete(w.owner(), e.id, None).unwrap();
    let before = w.snapshot();
    assert!(matches!(
        refused(
            &w,
            &before,
            w.lib.create_goal(
                carla,
                e.id,
                NewGoal {
                    name: "More".into(),
                    ..Default::default()
                }
            )
        ),
        Error::EngagementNotActive {
            status: Status::Completed
        }
    ));
    assert!(matches!(
        refused(&w, &before, w.lib.delete_goal(carla, g.id)),
        Error::EngagementNotActive {
            status: Status::Completed
        }
    ));
    assert_eq!(w.lib.goals(carla, e.id).unwrap().len(), 1);
    // The coach still may.
    w.lib.delete_goal(w.owner(), g.id).unwrap();
    assert!(w.lib.goals(w.owner(), e.id).unwrap().is_empty());
}

pub fn assignments_with_files_and_messages(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let worksheet = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            file(
                "Values worksheet.pdf",
                "application/pdf",
                b"%PDF-1.7 worksheet",
            ),
        )
        .unwrap();
    let a = w
        .lib
        .create_assignment(
            me,
            e.id,
            AssignmentInput {
                name: Some("Values exercise".into()),
                due_date: Some(Some(date(2026, 3, 9))),
                ..Default::default()
            },
        )
        .unwrap();
    let f1 = w
        .lib
        .add_assignment_file(
            me,
            a.id,
            AssignmentFileSource::Library(worksheet.id),
            Some("Enjoy working with the template"),
        )
        .unwrap();
    let f2 = w
        .lib
        .add_assignment_file(
            me,
            a.id,
            AssignmentFileSource::Upload(file("extract.txt", "text/plain", b"chapter 3")),
            None,
        )
        .unwrap();
    let list = w.lib.assignments(carla, e.id).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0]
            .files
            .iter()
            .map(|f| (f.id, f.message.as_deref()))
            .collect::<Vec<_>>(),
        [
            (f1.id, Some("Enjoy working with the template")),
            (f2.id, None)
        ]
    );
    // The client downloads both through the engagement; not the library file on its own.
    let (res, bytes) = w.lib.download(carla, worksheet.id, Some(e.id)).unwrap();
    assert_eq!(
        (res.name.as_str(), bytes.as_slice()),
        ("Values worksheet.pdf", b"%PDF-1.7 worksheet".as_slice())
    );
    assert_eq!(
        w.lib.download(carla, f2.resource_id, Some(e.id)).unwrap().1,
        b"chapter 3"
    );
    assert!(matches!(
        w.lib.download(carla, worksheet.id, None),
        Err(Error::PermissionDenied { .. })
    ));
    // The client completes it; the coach may reopen; the client may not create or delete.
    assert_eq!(
        w.lib
            .set_assignment_status(carla, a.id, AssignmentStatus::Completed)
            .unwrap()
            .status,
        AssignmentStatus::Completed
    );
    w.lib
        .set_assignment_status(me, a.id, AssignmentStatus::Open)
        .unwrap();
    let before = w.snapshot();
    assert!(matches!(
        refused(
            &w,
            &before,
            w.lib.create_assignment(
                carla,
                e.id,
                AssignmentInput {
                    name: Some("x".into()),
                    ..Default::default()
                }
            )
        ),
        Error::PermissionDenied { .. }
    ));
    assert!(matches!(
        refused(&w, &before, w.lib.delete_assignment(carla, a.id)),
        Error::PermissionDenied { .. }
    ));
    w.lib.remove_assignment_file(me, f1.id).unwrap();
    assert_eq!(w.lib.assignments(me, e.id).unwrap()[0].files.len(), 1);
    assert_eq!(
        w.lib.library(me, w.practice.id, None).unwrap().len(),
        1,
        "the library file stays"
    );
    w.lib.delete_assignment(me, a.id).unwrap();
    assert!(w.lib.assignments(me, e.id).unwrap().is_empty());
}

pub fn resources_library_sharing_uploads_and_limits(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let welcome = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            NewResource::Folder {
                name: "Welcome packet".into(),
            },
        )
        .unwrap();
    let guide = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            Some(welcome.id),
            file("Guide.pdf", "application/pdf", b"guide bytes"),
        )
        .unwrap();
    assert_eq!(guide.size, Some(11));
    assert_eq!(
        guide.sha256.as_deref(),
        Some("522bf72d354d879ec20abb7001aca0fba90b25d10ffa021aed380cd3d742454e")
    );
    assert_eq!(guide.media_type.as_deref(), Some("application/pdf"));
    let link = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            NewResource::Link {
                name: "Intro video".into(),
                url: "https://video.example/intro".into(),
            },
        )
        .unwrap();
    let secret = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            file("Pricing.xlsx", "", b"numbers"),
        )
        .unwrap();
    assert_eq!(
        secret.media_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(
        w.lib
            .library(me, w.practice.id, None)
            .unwrap()
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Welcome packet", "Intro video", "Pricing.xlsx"]
    );
    // Share the whole folder and the link: the client sees them, and the folder's contents.
    w.lib.share_resource(me, e.id, welcome.id).unwrap();
    w.lib.share_resource(me, e.id, link.id).unwrap();
    let names =
        |v: Vec<EngagementResource>| v.into_iter().map(|r| r.resource.name).collect::<Vec<_>>();
    assert_eq!(
        names(w.lib.engagement_resources(carla, e.id).unwrap()),
        ["Welcome packet", "Intro video"]
    );
    assert_eq!(
        w.lib
            .engagement_folder(carla, e.id, welcome.id)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>(),
        [guide.id]
    );
    assert_eq!(
        w.lib.download(carla, guide.id, Some(e.id)).unwrap().1,
        b"guide bytes"
    );
    assert!(matches!(
        w.lib.download(carla, secret.id, Some(e.id)),
        Err(Error::PermissionDenied { .. })
    ));
    // Uploads: the coach's are seen by the client; the client's by the coach once shared.
    w.lib
        .upload_to_engagement(
            me,
            e.id,
            file(
                "Plan.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                b"plan",
            ),
        )
        .unwrap();
    let mine = w
        .lib
        .upload_to_engagement(
            carla,
            e.id,
            file("My reflections.txt", "text/plain", b"reflections"),
        )
        .unwrap();
    assert_eq!(
        names(w.lib.engagement_resources(carla, e.id).unwrap()),
        [
            "Welcome packet",
            "Intro video",
            "Plan.docx",
            "My reflections.txt"
        ]
    );
    assert_eq!(
        names(w.lib.engagement_resources(me, e.id).unwrap()),
        ["Welcome packet", "Intro video", "Plan.docx"]
    );
    assert!(matches!(
        w.lib.download(me, mine.id, Some(e.id)),
        Err(Error::PermissionDenied { .. })
    ));
    w.lib.share_with_coach(carla, mine.id).unwrap();
    assert_eq!(
        w.lib.download(me, mine.id, Some(e.id)).unwrap().1,
        b"reflections"
    );
    // The client's own library never shows engagement resources.
    w.lib
        .add_to_client_library(carla, None, file("Journal.txt", "text/plain", b"journal"))
        .unwrap();
    assert_eq!(
        w.lib
            .client_library(carla, None)
            .unwrap()
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Journal.txt"]
    );
    // The size limit: over it, refused and nothing stored.
    w.lib.set_max_file_bytes(16);
    let before = w.snapshot();
    let library_before = w.lib.library(me, w.practice.id, None).unwrap();
    let err = refused(
        &w,
        &before,
        w.lib.add_to_library(
            me,
            w.practice.id,
            None,
            file("Big.bin", "application/octet-stream", &[7u8; 17]),
        ),
    );
    assert_eq!(
        err,
        Error::FileTooLarge {
            size: 17,
            limit: 16
        }
    );
    let err = refused(
        &w,
        &before,
        w.lib
            .upload_to_engagement(carla, e.id, file("Big.bin", "", &[7u8; 100])),
    );
    assert_eq!(
        err,
        Error::FileTooLarge {
            size: 100,
            limit: 16
        }
    );
    assert_eq!(
        w.lib.library(me, w.practice.id, None).unwrap(),
        library_before
    );
    w.lib
        .add_to_library(me, w.practice.id, None, file("Exactly.bin", "", &[1u8; 16]))
        .unwrap();
    // Bad inputs.
    for bad in [
        NewResource::Link {
            name: "x".into(),
            url: "javascript:alert(1)".into(),
        },
        NewResource::Link {
            name: "x".into(),
            url: "not a url".into(),
        },
        file("x", "not a media type", b"1"),
        NewResource::Folder { name: "".into() },
    ] {
        let before = w.snapshot();
        assert!(matches!(
            refused(
                &w,
                &before,
                w.lib.add_to_library(me, w.practice.id, None, bad)
            ),
            Error::Validation { .. }
        ));
    }
    // Sharing with a client without a portal is refused.
    let dan = w.add_client("Dan NoPortal", false);
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                client_id: Some(dan.id),
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                ..Default::default()
            },
        )
        .unwrap();
    let before = w.snapshot();
    assert!(matches!(
        refused(&w, &before, w.lib.share_resource(me, e2.id, link.id)),
        Error::NoPortal { .. }
    ));
    // Unsharing and deleting a folder with its contents.
    w.lib.unshare_resource(me, e.id, link.id).unwrap();
    w.lib.delete_resource(me, welcome.id).unwrap();
    assert!(matches!(
        w.lib.download(me, guide.id, None),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        names(w.lib.engagement_resources(carla, e.id).unwrap()),
        ["Plan.docx", "My reflections.txt"]
    );
}

pub fn comments_follow_note_visibility(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let shared = note(&w, e.id, "Shared", "");
    let private = note(&w, e.id, "Private", "");
    w.lib.set_note_shared(me, shared.id, true).unwrap();
    let c1 = w
        .lib
        .add_comment(
            me,
            CommentTarget::Note(shared.id),
            "<p>Great <b>session</b><img src=x onerror=alert(1)></p>",
        )
        .unwrap();
    assert_eq!(c1.body_html, "<p>Great <b>session</b><img src=\"x\"></p>");
    let c2 = w
        .lib
        .add_comment(carla, CommentTarget::Note(shared.id), "Thanks!")
        .unwrap();
    w.lib
        .add_comment(me, CommentTarget::Note(private.id), "coach-only thought")
        .unwrap();
    assert_eq!(
        w.lib
            .comments(carla, CommentTarget::Note(shared.id))
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [c1.id, c2.id]
    );
    let before = w.snapshot();
    assert!(matches!(
        refused(
            &w,
            &before,
            w.lib.comments(carla, CommentTarget::Note(private.id))
        ),
        Error::PermissionDenied { .. }
    ));
    assert!(matches!(
        refused(
            &w,
            &before,
            w.lib
                .add_comment(carla, CommentTarget::Note(private.id), "hi")
        ),
        Error::PermissionDenied { .. }
    ));
    assert!(matches!(
        refused(&w, &before, w.lib.delete_comment(carla, c1.id)),
        Error::PermissionDenied { .. }
    ));
    assert!(matches!(
        refused(
            &w,
            &before,
            w.lib
                .add_comment(me, CommentTarget::Note(shared.id), "<script>x</script>")
        ),
        Error::Validation { .. }
    ));
    // Unsharing hides the comments again.
    w.lib.set_note_shared(me, shared.id, false).unwrap();
    assert!(matches!(
        w.lib.comments(carla, CommentTarget::Note(shared.id)),
        Err(Error::PermissionDenied { .. })
    ));
    // Goals and assignments: both sides comment.
    let g = w
        .lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "G".into(),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib
        .add_comment(carla, CommentTarget::Goal(g.id), "On it")
        .unwrap();
    let a = w
        .lib
        .create_assignment(
            me,
            e.id,
            AssignmentInput {
                name: Some("A".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let mine = w
        .lib
        .add_comment(carla, CommentTarget::Assignment(a.id), "Done?")
        .unwrap();
    w.lib.delete_comment(carla, mine.id).unwrap();
    assert!(w
        .lib
        .comments(me, CommentTarget::Assignment(a.id))
        .unwrap()
        .is_empty());
    // Deleting a note removes its comments.
    w.lib.delete_note(me, shared.id).unwrap();
    assert!(matches!(
        w.lib.comments(me, CommentTarget::Note(shared.id)),
        Err(Error::NotFound { .. })
    ));
}

pub fn program_items_are_copied_into_new_engagements(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let packet = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            NewResource::Folder {
                name: "Welcome packet".into(),
            },
        )
        .unwrap();
    w.lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Goal {
                name: "Define success".into(),
                description: None,
                due_after_days: Some(14),
            },
        )
        .unwrap();
    w.lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Assignment {
                name: "Values worksheet".into(),
                description: Some("Fill it in".into()),
                due_after_days: None,
            },
        )
        .unwrap();
    let item = w
        .lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Resource {
                resource_id: packet.id,
            },
        )
        .unwrap();
    assert_eq!(w.lib.program_items(me, w.program.id).unwrap().len(), 3);
    let e = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                client_id: Some(w.client.id),
                start_date: Some(date(2026, 3, 2)),
                ..Default::default()
            },
        )
        .unwrap();
    let goals = w.lib.goals(me, e.id).unwrap();
    assert_eq!(
        (goals[0].goal.name.as_str(), goals[0].goal.due_date),
        ("Define success", Some(date(2026, 3, 16)))
    );
    assert_eq!(
        w.lib.assignments(me, e.id).unwrap()[0].assignment.name,
        "Values worksheet"
    );
    assert_eq!(
        w.lib.engagement_resources(me, e.id).unwrap()[0].resource.id,
        packet.id
    );
    // Visible to the client only once the engagement is not Draft.
    assert!(matches!(
        w.lib.goals(carla, e.id),
        Err(Error::PermissionDenied { .. })
    ));
    w.lib.activate(me, e.id).unwrap();
    assert_eq!(w.lib.goals(carla, e.id).unwrap().len(), 1);
    assert_eq!(w.lib.engagement_resources(carla, e.id).unwrap().len(), 1);
    // Removing an item leaves existing engagements as they are.
    w.lib
        .remove_program_item(me, w.program.id, item.id)
        .unwrap();
    assert_eq!(w.lib.program_items(me, w.program.id).unwrap().len(), 2);
    assert_eq!(w.lib.engagement_resources(me, e.id).unwrap().len(), 1);
}

pub fn client_todos_by_due_date_with_overdue(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let dana = w.add_client("Dana Other", true);
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                coach_id: Some(w.owner.id),
                client_id: Some(dana.id),
                program_id: Some(w.program.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e2.id).unwrap();
    let paused = w.engagement_in(Status::Active);
    // Today is 2 March 2026 (London).
    let g = w
        .lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "Goal late".into(),
                due_date: Some(date(2026, 3, 1)),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib
        .add_milestone(me, g.id, "Milestone soon", Some(date(2026, 3, 5)))
        .unwrap();
    let done_m = w
        .lib
        .add_milestone(me, g.id, "Milestone done", Some(date(2026, 3, 3)))
        .unwrap();
    w.lib.set_milestone_done(me, done_m.id, true).unwrap();
    w.lib
        .create_assignment(
            Actor::Coach(w.owner.id),
            e2.id,
            AssignmentInput {
                name: Some("Assignment today".into()),
                due_date: Some(Some(date(2026, 3, 2))),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib
        .create_goal(
            me,
            e2.id,
            NewGoal {
                name: "Goal undated".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let closed = w
        .lib
        .create_assignment(
            me,
            e2.id,
            AssignmentInput {
                name: Some("Closed".into()),
                due_date: Some(Some(date(2026, 2, 1))),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib
        .set_assignment_status(me, closed.id, AssignmentStatus::Completed)
        .unwrap();
    w.lib
        .create_goal(
            me,
            paused.id,
            NewGoal {
                name: "In a paused engagement".into(),
                due_date: Some(date(2026, 1, 1)),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.deactivate(me, paused.id).unwrap();
    let todos = w.lib.client_todos(me, w.owner.id, Page::default()).unwrap();
    let got: Vec<_> = todos
        .iter()
        .map(|t| (t.kind, t.name.as_str(), t.overdue))
        .collect();
    assert_eq!(
        got,
        [
            (TodoKind::Goal, "Goal late", true),
            (TodoKind::Assignment, "Assignment today", false),
            (TodoKind::Milestone, "Milestone soon", false),
            (TodoKind::Goal, "Goal undated", false),
        ]
    );
    assert_eq!(todos[2].goal_name.as_deref(), Some("Goal late"));
    assert_eq!(
        (todos[1].client_name.as_str(), todos[1].engagement_id),
        ("Dana Other", e2.id)
    );
    // Paged.
    let page2 = w.lib.client_todos(me, w.owner.id, Page::new(2, 2)).unwrap();
    assert_eq!(page2, todos[2..4].to_vec());
    // A completed goal takes its milestones off the list.
    w.lib
        .set_goal_status(me, g.id, GoalStatus::Completed)
        .unwrap();
    assert_eq!(
        w.lib
            .client_todos(me, w.owner.id, Page::default())
            .unwrap()
            .len(),
        2
    );
    // The client may not read a coach's to-dos; another coach only their own.
    assert!(matches!(
        w.lib
            .client_todos(Actor::Client(w.client.id), w.owner.id, Page::default()),
        Err(Error::PermissionDenied { .. })
    ));
    let sam = w.add_coach("Sam");
    assert!(w
        .lib
        .client_todos(Actor::Coach(sam.id), sam.id, Page::default())
        .unwrap()
        .is_empty());
    assert!(matches!(
        w.lib
            .client_todos(Actor::Coach(sam.id), w.owner.id, Page::default()),
        Err(Error::PermissionDenied { .. })
    ));
}

pub fn deleting_an_engagement_removes_all_contents(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    let lib_file = w
        .lib
        .add_to_library(
            me,
            w.practice.id,
            None,
            file("Keep.pdf", "application/pdf", b"keep"),
        )
        .unwrap();
    let n = note(&w, e.id, "Notes about deletion", "<p>unique-word-zebra</p>");
    w.lib
        .add_comment(me, CommentTarget::Note(n.id), "c")
        .unwrap();
    let g = w
        .lib
        .create_goal(
            me,
            e.id,
            NewGoal {
                name: "G".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let m = w.lib.add_milestone(me, g.id, "M", None).unwrap();
    let a = w
        .lib
        .create_assignment(
            me,
            e.id,
            AssignmentInput {
                name: Some("A".into()),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib
        .add_assignment_file(me, a.id, AssignmentFileSource::Library(lib_file.id), None)
        .unwrap();
    let up = w
        .lib
        .upload_to_engagement(me, e.id, file("Up.txt", "text/plain", b"up"))
        .unwrap();
    w.lib.share_resource(me, e.id, lib_file.id).unwrap();
    w.lib.delete_engagement(me, e.id).unwrap();
    assert!(matches!(w.lib.note(me, n.id), Err(Error::NotFound { .. })));
    assert!(w
        .lib
        .search_notes(
            me,
            NoteScope::Practice(w.practice.id),
            NoteQuery {
                keywords: Some("zebra".into()),
                ..Default::default()
            }
        )
        .unwrap()
        .is_empty());
    assert!(matches!(
        w.lib.add_milestone(me, g.id, "x", None),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        w.lib.set_milestone_done(me, m.id, true),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        w.lib.download(me, up.id, None),
        Err(Error::NotFound { .. }) | Err(Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        w.lib.comments(me, CommentTarget::Note(n.id)),
        Err(Error::NotFound { .. })
    ));
    assert!(w
        .lib
        .client_todos(me, w.owner.id, Page::default())
        .unwrap()
        .is_empty());
    assert_eq!(
        w.lib.download(me, lib_file.id, None).unwrap().1,
        b"keep",
        "the library keeps its file"
    );
}

/// A practice-wide keyword search gives the same pages, in the same order, as the same search
/// narrowed by an always-true date filter (which takes the general plan): ties in rank broken
/// by last edit then id, across page boundaries; and once the store holds a second practice,
/// that practice's notes never appear.
pub fn practice_search_pages_match_the_general_plan(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let e = w.engagement_in(Status::Active);
    // Identical notes rank equal: their order is the tie-break alone.
    for i in 0..12 {
        note(&w, e.id, "Delegation", "<p>Delegation again.</p>");
        if i % 3 == 0 {
            note(
                &w,
                e.id,
                &format!("Other {i}"),
                "<p>Delegation, delegation and more delegation.</p>",
            );
        }
        w.clock
            .advance(Duration::minutes(if i % 2 == 0 { 0 } else { 5 }));
    }
    let search = |w: &World, filtered: bool, offset: u32, limit: u32| {
        w.lib
            .search_notes(
                me,
                NoteScope::Practice(w.practice.id),
                NoteQuery {
                    keywords: Some("delegation".into()),
                    edited_from: filtered.then(|| t0() - Duration::days(365)),
                    page: Page { offset, limit },
                    ..Default::default()
                },
            )
            .unwrap()
            .into_iter()
            .map(|h| (h.note.id, h.rank, h.snippet_html))
            .collect::<Vec<_>>()
    };
    for (offset, limit) in [(0, 5), (5, 5), (3, 7), (10, 10), (0, 100), (15, 2), (40, 5)] {
        assert_eq!(
            search(&w, false, offset, limit),
            search(&w, true, offset, limit),
            "page {offset}+{limit}"
        );
    }
    let all = search(&w, false, 0, 100);
    assert_eq!(all.len(), 16);
    let (other, other_owner) = w
        .lib
        .create_practice(NewPractice {
            name: "Elsewhere".into(),
            time_zone: "UTC".into(),
            plan: Plan::solo(),
            owner_name: "Other Owner".into(),
            owner_email: None,
        })
        .unwrap();
    let them = Actor::Coach(other_owner.id);
    let client = w
        .lib
        .add_client(
            them,
            other.id,
            NewClient {
                name: "Zed".into(),
                email: None,
                has_portal: false,
            },
        )
        .unwrap();
    let theirs = w
        .lib
        .create_engagement(
            them,
            other.id,
            NewEngagement {
                client_id: Some(client.id),
                coach_id: Some(other_owner.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib
        .create_note(
            them,
            theirs.id,
            NewNote {
                title: "Delegation".into(),
                body_html: "<p>Delegation delegation delegation.</p>".into(),
                template: None,
            },
        )
        .unwrap();
    assert_eq!(
        search(&w, false, 0, 100),
        all,
        "another practice's note is not found"
    );
    for (offset, limit) in [(0, 5), (5, 5), (12, 10)] {
        assert_eq!(
            search(&w, false, offset, limit),
            search(&w, true, offset, limit)
        );
    }
}

/// `due`: the reminders of a window — sessions to both sides, open items due by the window's
/// last day (overdue included) to the coach and to a client with a portal — scoped by actor.
pub fn due_reminders_per_person_scoped_by_actor(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    // Today is Monday 2 March 2026, 09:00 London; the window is this week.
    let (from, to) = (t0(), t0() + Duration::days(7));
    let e = w.engagement_in(Status::Active);
    let book = |e: EngagementId, start| super::sessions::book(&w, me, e, start).unwrap();
    let soon = book(e.id, t0() + Duration::days(1));
    let _later = book(e.id, t0() + Duration::days(9)); // after the window
    let goal = |e: EngagementId, name: &str, due: Option<NaiveDate>| {
        w.lib
            .create_goal(
                me,
                e,
                NewGoal {
                    name: name.into(),
                    due_date: due,
                    ..Default::default()
                },
            )
            .unwrap()
    };
    let late = goal(e.id, "Goal late", Some(date(2026, 2, 27)));
    let this_week = goal(e.id, "Goal this week", Some(date(2026, 3, 8)));
    goal(e.id, "Goal next month", Some(date(2026, 4, 1)));
    goal(e.id, "Goal undated", None);
    let done = goal(e.id, "Goal done", Some(date(2026, 3, 4)));
    w.lib
        .set_goal_status(me, done.id, GoalStatus::Completed)
        .unwrap();
    let m = w
        .lib
        .add_milestone(
            me,
            this_week.id,
            "Milestone Wednesday",
            Some(date(2026, 3, 4)),
        )
        .unwrap();
    let a = w
        .lib
        .create_assignment(
            me,
            e.id,
            AssignmentInput {
                name: Some("Read chapter 3".into()),
                due_date: Some(Some(date(2026, 3, 6))),
                ..Default::default()
            },
        )
        .unwrap();
    // Not due: a Draft engagement's goal; an Inactive one's.
    let draft = w.draft();
    goal(draft.id, "Draft goal", Some(date(2026, 3, 3)));
    // Another coach's engagement, with a client without a portal.
    let bo = w.add_coach("Bo Coach");
    let dan = w.add_client("Dan Noportal", false);
    let e2 = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                coach_id: Some(bo.id),
                client_id: Some(dan.id),
                program_name: Some("Career".into()),
                planned: Some(Planned::sessions(4)),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e2.id).unwrap();
    let dan_session = book(e2.id, t0() + Duration::days(2));
    let dan_goal = goal(e2.id, "Dan's goal", Some(date(2026, 3, 5)));

    let all = w.lib.due(me, w.practice.id, from, to).unwrap();
    let seen = |rs: &[Reminder]| -> Vec<(String, DueKind, String, bool)> {
        rs.iter()
            .map(|r| (r.to_name.clone(), r.kind, r.title.clone(), r.overdue))
            .collect()
    };
    let s =
        |who: &str, kind, title: &str, overdue| (who.to_string(), kind, title.to_string(), overdue);
    assert_eq!(
        seen(&all),
        vec![
            // Per person (by name), then by time: sessions by start, items by due date.
            s("Bo Coach", DueKind::Session, "Career", false),
            s("Bo Coach", DueKind::Goal, "Dan's goal", false),
            s("Carla Client", DueKind::Goal, "Goal late", true),
            s("Carla Client", DueKind::Session, "Leadership", false),
            s(
                "Carla Client",
                DueKind::Milestone,
                "Milestone Wednesday",
                false
            ),
            s("Carla Client", DueKind::Assignment, "Read chapter 3", false),
            s("Carla Client", DueKind::Goal, "Goal this week", false),
            // Dan has no portal: his session, not his goal.
            s("Dan Noportal", DueKind::Session, "Career", false),
            s("Olivia Owner", DueKind::Goal, "Goal late", true),
            s("Olivia Owner", DueKind::Session, "Leadership", false),
            s(
                "Olivia Owner",
                DueKind::Milestone,
                "Milestone Wednesday",
                false
            ),
            s("Olivia Owner", DueKind::Assignment, "Read chapter 3", false),
            s("Olivia Owner", DueKind::Goal, "Goal this week", false),
        ],
        "{all:#?}"
    );
    let carla_session = all
        .iter()
        .find(|r| r.to == carla && r.kind == DueKind::Session)
        .unwrap();
    assert_eq!(carla_session.id, *soon.id.as_uuid());
    assert_eq!(carla_session.starts_at, Some(soon.start));
    assert_eq!(carla_session.engagement_id, e.id);
    let ids: Vec<uuid::Uuid> = all.iter().map(|r| r.id).collect();
    for id in [
        late.id.as_uuid(),
        this_week.id.as_uuid(),
        m.id.as_uuid(),
        a.id.as_uuid(),
    ] {
        assert!(ids.contains(id));
    }
    assert!(ids.contains(dan_session.id.as_uuid()) && ids.contains(dan_goal.id.as_uuid()));
    // Another coach: their own engagements only (their reminders and their client's).
    let bos = w
        .lib
        .due(Actor::Coach(bo.id), w.practice.id, from, to)
        .unwrap();
    assert_eq!(
        seen(&bos),
        vec![
            s("Bo Coach", DueKind::Session, "Career", false),
            s("Bo Coach", DueKind::Goal, "Dan's goal", false),
            s("Dan Noportal", DueKind::Session, "Career", false),
        ]
    );
    // A client: their own reminders only.
    let carlas = w.lib.due(carla, w.practice.id, from, to).unwrap();
    assert!(
        carlas.len() == 5 && carlas.iter().all(|r| r.to == carla),
        "{carlas:#?}"
    );
    // Outsiders learn nothing; a bad window is refused.
    let (p2, o2, c2, _) = w.neighbour();
    for outsider in [Actor::Coach(o2.id), Actor::Client(c2.id), Actor::System] {
        assert!(matches!(
            w.lib.due(outsider, w.practice.id, from, to),
            Err(Error::NotFound { .. })
        ));
    }
    assert!(w.lib.due(me, p2.id, from, to).is_err());
    assert!(matches!(
        w.lib.due(me, w.practice.id, to, from),
        Err(Error::Validation { .. })
    ));
}
