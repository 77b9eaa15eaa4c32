//! The client journal: entries a client writes in their engagement, private to them until
//! they share one with the engagement's coach (who, with the owner, then reads it). Only the
//! author changes an entry, and a private entry's log entries reach no coach.

use chrono::Duration;
use coaching_core::*;

use super::*;

/// Writes a journal entry in `e` as `who`.
fn write(
    w: &World,
    who: Actor,
    e: EngagementId,
    title: &str,
    body: &str,
    shared: bool,
) -> Result<JournalEntry> {
    w.lib.create_journal_entry(
        who,
        e,
        NewJournalEntry {
            title: title.into(),
            body_html: body.into(),
            shared,
        },
    )
}

fn titles(v: Vec<JournalEntry>) -> Vec<String> {
    v.into_iter().map(|j| j.title).collect()
}

/// The log entries about `j`.
fn target(j: &JournalEntry) -> TargetRef {
    TargetRef::new(EntityKind::JournalEntry, *j.id.as_uuid())
}

/// Everything of the practice's change feed `actor` is given, oldest first.
pub(super) fn feed(w: &World, actor: Actor) -> Vec<LogEntry> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = w
            .lib
            .changes(actor, w.practice.id, cursor.as_ref(), 1000)
            .unwrap();
        out.extend(page.changes);
        if !page.more {
            return out;
        }
        cursor = Some(page.next);
    }
}

pub fn client_journal_is_private_until_shared(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let sam = w.add_coach("Sam Second");
    let coach = Actor::Coach(sam.id);
    let carla = Actor::Client(w.client.id);
    let dan = Actor::Client(w.add_client("Dan Other", true).id);
    // Sam coaches Carla; the owner reads the engagement as the owner.
    let e = w
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
    let e = w.lib.activate(me, e.id).unwrap();

    // A private entry: sanitised, read by its author alone.
    let private = write(
        &w,
        carla,
        e.id,
        "Doubts about my manager",
        "<p>Felt <b>stuck</b><script>alert(1)</script></p>",
        false,
    )
    .unwrap();
    assert_eq!(private.body_html, "<p>Felt <b>stuck</b></p>");
    assert_eq!(private.body_text, "Felt stuck");
    assert!(!private.shared);
    assert_eq!(
        (
            private.practice_id,
            private.engagement_id,
            private.client_id
        ),
        (w.practice.id, e.id, w.client.id)
    );
    assert_eq!((private.created_at, private.updated_at), (t0(), t0()));
    assert_eq!(w.lib.journal_entry(carla, private.id).unwrap(), private);
    assert_eq!(w.lib.journal(carla, e.id).unwrap(), vec![private.clone()]);
    for reader in [me, coach] {
        assert!(
            w.lib.journal(reader, e.id).unwrap().is_empty(),
            "{reader:?}"
        );
        assert!(
            matches!(
                w.lib.journal_entry(reader, private.id),
                Err(Error::PermissionDenied { .. })
            ),
            "{reader:?}"
        );
    }

    // Written shared, an entry is read by the coach and the owner. Newest first for everyone.
    w.clock.advance(Duration::hours(1));
    let wins = write(
        &w,
        carla,
        e.id,
        "Wins this week",
        "<p>Led the meeting</p>",
        true,
    )
    .unwrap();
    assert!(wins.shared);
    w.clock.advance(Duration::hours(1));
    let plans = write(
        &w,
        carla,
        e.id,
        "Plans for May",
        "<p>Ask for the project</p>",
        false,
    )
    .unwrap();
    assert_eq!(
        titles(w.lib.journal(carla, e.id).unwrap()),
        ["Plans for May", "Wins this week", "Doubts about my manager"]
    );
    for reader in [me, coach] {
        assert_eq!(w.lib.journal(reader, e.id).unwrap(), vec![wins.clone()]);
        assert_eq!(w.lib.journal_entry(reader, wins.id).unwrap(), wins);
    }
    // Sharing it again changes nothing.
    assert_eq!(
        w.lib
            .set_journal_entry_shared(carla, wins.id, true)
            .unwrap(),
        wins
    );

    // Sharing shows an entry to them, in its place (by when it was written); unsharing hides
    // it again.
    w.clock.advance(Duration::hours(1));
    let shared = w
        .lib
        .set_journal_entry_shared(carla, plans.id, true)
        .unwrap();
    assert!(shared.shared);
    assert_eq!(
        (shared.created_at, shared.updated_at),
        (t0() + Duration::hours(2), t0() + Duration::hours(3))
    );
    for reader in [me, coach] {
        assert_eq!(
            titles(w.lib.journal(reader, e.id).unwrap()),
            ["Plans for May", "Wins this week"]
        );
        assert_eq!(w.lib.journal_entry(reader, plans.id).unwrap(), shared);
    }
    w.clock.advance(Duration::hours(1));
    let unshared = w
        .lib
        .set_journal_entry_shared(carla, plans.id, false)
        .unwrap();
    assert!(!unshared.shared);
    assert_eq!(unshared.updated_at, t0() + Duration::hours(4));
    for reader in [me, coach] {
        assert_eq!(w.lib.journal(reader, e.id).unwrap(), vec![wins.clone()]);
        assert!(
            matches!(
                w.lib.journal_entry(reader, plans.id),
                Err(Error::PermissionDenied { .. })
            ),
            "{reader:?}"
        );
    }
    assert_eq!(w.lib.journal_entry(carla, plans.id).unwrap(), unshared);

    // The author edits title and body (sanitised); the entry records when.
    w.clock.advance(Duration::hours(1));
    let edited = w
        .lib
        .update_journal_entry(
            carla,
            private.id,
            JournalEntryUpdate {
                title: Some("Doubts about my manager, again".into()),
                body_html: Some("<p>Still <i>unsure</i><script>alert(2)</script></p>".into()),
            },
        )
        .unwrap();
    assert_eq!(
        (
            edited.title.as_str(),
            edited.body_html.as_str(),
            edited.body_text.as_str()
        ),
        (
            "Doubts about my manager, again",
            "<p>Still <i>unsure</i></p>",
            "Still unsure"
        )
    );
    assert_eq!(
        (edited.created_at, edited.updated_at, edited.shared),
        (t0(), t0() + Duration::hours(5), false)
    );
    assert_eq!(w.lib.journal_entry(carla, private.id).unwrap(), edited);

    // No one else writes in it: the coach and the owner read the shared entries but change
    // none, and another client of the practice touches nothing.
    let before = w.snapshot();
    let mine = format!("{:?}", w.lib.journal(carla, e.id).unwrap());
    for other in [me, coach, dan] {
        let retitle = || JournalEntryUpdate {
            title: Some("Edited by someone else".into()),
            ..Default::default()
        };
        for r in [
            write(&w, other, e.id, "Not theirs", "<p>x</p>", false).map(drop),
            w.lib
                .update_journal_entry(other, wins.id, retitle())
                .map(drop),
            w.lib
                .update_journal_entry(other, private.id, retitle())
                .map(drop),
            w.lib
                .set_journal_entry_shared(other, private.id, true)
                .map(drop),
            w.lib
                .set_journal_entry_shared(other, wins.id, false)
                .map(drop),
            w.lib.delete_journal_entry(other, wins.id),
            w.lib.delete_journal_entry(other, private.id),
        ] {
            let err = refused(&w, &before, r);
            assert!(
                matches!(err, Error::PermissionDenied { .. }),
                "{other:?}: {err}"
            );
        }
    }
    for r in [
        w.lib.journal(dan, e.id).map(drop),
        w.lib.journal_entry(dan, wins.id).map(drop),
    ] {
        assert!(matches!(r, Err(Error::PermissionDenied { .. })), "{r:?}");
    }
    assert_eq!(format!("{:?}", w.lib.journal(carla, e.id).unwrap()), mine);

    // An empty title is refused, and changes nothing.
    let err = refused(&w, &before, write(&w, carla, e.id, "  ", "<p>x</p>", false));
    assert!(
        matches!(err, Error::Validation { ref field, .. } if field == "title"),
        "{err}"
    );
    let err = refused(
        &w,
        &before,
        w.lib.update_journal_entry(
            carla,
            wins.id,
            JournalEntryUpdate {
                title: Some("".into()),
                ..Default::default()
            },
        ),
    );
    assert!(
        matches!(err, Error::Validation { ref field, .. } if field == "title"),
        "{err}"
    );
    assert_eq!(format!("{:?}", w.lib.journal(carla, e.id).unwrap()), mine);

    // Another practice does not see that the entries exist.
    let (_, foreign_owner, foreign_client, _) = w.neighbour();
    for outsider in [
        Actor::Coach(foreign_owner.id),
        Actor::Client(foreign_client.id),
    ] {
        for r in [
            w.lib.journal(outsider, e.id).map(drop),
            w.lib.journal_entry(outsider, wins.id).map(drop),
            w.lib.journal_entry(outsider, private.id).map(drop),
            w.lib.delete_journal_entry(outsider, wins.id),
        ] {
            assert!(
                matches!(r, Err(Error::NotFound { .. })),
                "{outsider:?}: {r:?}"
            );
        }
    }

    // Nothing is written in a Draft engagement: the client does not see it yet.
    let draft = w.draft();
    assert!(matches!(
        write(&w, carla, draft.id, "Too early", "", false),
        Err(Error::PermissionDenied { .. })
    ));

    // Once the engagement is not Active, the client writes nothing more (edits and shares
    // included) but may still withdraw: unshare and delete.
    w.lib.deactivate(me, e.id).unwrap();
    let before = w.snapshot();
    for r in [
        write(&w, carla, e.id, "Late", "<p>x</p>", false).map(drop),
        w.lib
            .update_journal_entry(
                carla,
                private.id,
                JournalEntryUpdate {
                    title: Some("Late".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        w.lib
            .set_journal_entry_shared(carla, plans.id, true)
            .map(drop),
    ] {
        let err = refused(&w, &before, r);
        assert_eq!(
            err,
            Error::EngagementNotActive {
                status: Status::Inactive
            }
        );
    }
    assert_eq!(format!("{:?}", w.lib.journal(carla, e.id).unwrap()), mine);
    assert!(
        !w.lib
            .set_journal_entry_shared(carla, wins.id, false)
            .unwrap()
            .shared
    );
    assert!(w.lib.journal(me, e.id).unwrap().is_empty());
    assert!(matches!(
        w.lib.journal_entry(me, wins.id),
        Err(Error::PermissionDenied { .. })
    ));
    w.lib.delete_journal_entry(carla, plans.id).unwrap();
    assert!(matches!(
        w.lib.journal_entry(carla, plans.id),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        titles(w.lib.journal(carla, e.id).unwrap()),
        ["Wins this week", "Doubts about my manager, again"]
    );

    // The coaches' logs and feeds tell of the shared entries, never of the private one (not
    // even its title); every journal entry they read is the client's audience.
    let hidden = target(&private);
    let logs = [
        (
            "the engagement's log (owner)",
            w.lib.activity(me, e.id, Page::first(1000)).unwrap(),
        ),
        (
            "the engagement's log (coach)",
            w.lib.activity(coach, e.id, Page::first(1000)).unwrap(),
        ),
        (
            "the practice log",
            w.lib
                .practice_activity(me, w.practice.id, Page::first(1000))
                .unwrap(),
        ),
        ("the owner's feed", feed(&w, me)),
        ("the coach's feed", feed(&w, coach)),
    ];
    for (what, log) in &logs {
        assert!(
            log.iter().all(|l| l.target != hidden),
            "{what} tells of the private entry: {log:?}"
        );
        assert!(
            !format!("{log:?}").to_lowercase().contains("doubts"),
            "{what} shows the private entry's title: {log:?}"
        );
        assert!(
            log.iter()
                .any(|l| l.target == target(&wins) && l.action == Action::JournalEntryCreated),
            "{what} misses the shared entry: {log:?}"
        );
        assert!(
            log.iter()
                .filter(|l| l.target.kind == EntityKind::JournalEntry)
                .all(|l| l.audience == Audience::Client),
            "{what}: {log:?}"
        );
    }
    // The client's own feed tells them of their private entry, without its detail.
    let theirs: Vec<LogEntry> = feed(&w, carla)
        .into_iter()
        .filter(|l| l.target == hidden)
        .collect();
    assert_eq!(
        theirs.iter().map(|l| l.action).collect::<Vec<_>>(),
        [Action::JournalEntryCreated, Action::JournalEntryUpdated]
    );
    assert!(
        theirs
            .iter()
            .all(|l| l.audience == Audience::Own && l.actor == carla && l.detail.is_none()),
        "{theirs:?}"
    );

    // Deleting the engagement removes its journal.
    w.lib.delete_engagement(me, e.id).unwrap();
    for (who, id) in [(carla, private.id), (carla, wins.id), (me, wins.id)] {
        assert!(
            matches!(w.lib.journal_entry(who, id), Err(Error::NotFound { .. })),
            "{who:?} {id}"
        );
    }
    assert!(matches!(
        w.lib.journal(carla, e.id),
        Err(Error::NotFound { .. })
    ));
}
