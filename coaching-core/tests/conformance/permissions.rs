//! Who may do what: owner, other coach, client, another practice, the system, strangers.

use coaching_core::*;

use super::*;

fn dbg<T: std::fmt::Debug>(r: Result<T>) -> Result<String> {
    r.map(|v| format!("{v:?}"))
}

type Op<'a> = (&'static str, Box<dyn Fn(Actor) -> Result<String> + 'a>);

/// Every coach-only operation, aimed at the world's things (an Active engagement `e`).
fn coach_only_ops<'a>(w: &'a World, e: &'a Engagement) -> Vec<Op<'a>> {
    let lib = &w.lib;
    let pid = w.practice.id;
    macro_rules! op {
        ($name:literal, |$a:ident| $body:expr) => {
            (
                $name,
                Box::new(move |$a: Actor| dbg($body)) as Box<dyn Fn(Actor) -> Result<String> + 'a>,
            )
        };
    }
    vec![
        op!("change_plan", |a| lib.change_plan(a, pid, Plan::team(5))),
        op!("add_coach", |a| lib.add_coach(
            a,
            pid,
            NewCoach {
                name: "X".into(),
                email: None
            }
        )),
        op!("coaches", |a| lib.coaches(a, pid)),
        op!("add_client", |a| lib.add_client(
            a,
            pid,
            NewClient {
                name: "X".into(),
                ..Default::default()
            }
        )),
        op!("update_client", |a| lib.update_client(
            a,
            w.client.id,
            ClientUpdate {
                has_portal: Some(false),
                ..Default::default()
            }
        )),
        op!("clients", |a| lib.clients(a, pid)),
        op!("create_program", |a| lib.create_program(
            a,
            pid,
            NewProgram::sessions("X", 3)
        )),
        op!("update_program", |a| lib.update_program(
            a,
            w.program.id,
            ProgramUpdate {
                name: Some("X".into()),
                ..Default::default()
            }
        )),
        op!("program", |a| lib.program(a, w.program.id)),
        op!("programs", |a| lib.programs(a, pid)),
        op!("create_engagement", |a| lib.create_engagement(
            a,
            pid,
            NewEngagement::default()
        )),
        op!("update_engagement", |a| lib.update_engagement(
            a,
            e.id,
            EngagementUpdate {
                program_name: Some(Some("X".into())),
                ..Default::default()
            }
        )),
        op!("set_planned", |a| lib.set_planned(
            a,
            e.id,
            Planned::sessions(20)
        )),
        op!("set_status inactive", |a| lib.set_status(
            a,
            e.id,
            Status::Inactive,
            None
        )),
        op!("deactivate", |a| lib.deactivate(a, e.id)),
        op!("complete", |a| lib.complete(a, e.id, Some("done"))),
        op!("reassign", |a| lib.reassign(a, e.id, w.owner.id)),
        op!("delete_engagement", |a| lib.delete_engagement(a, e.id)),
        op!("overview_for_coach", |a| lib
            .overview_for_coach(a, w.owner.id)),
        op!("overview_for_practice", |a| lib
            .overview_for_practice(a, pid)),
        op!("activity", |a| lib.activity(a, e.id, Page::default())),
        op!("practice_activity", |a| lib.practice_activity(
            a,
            pid,
            Page::default()
        )),
    ]
}

fn assert_all_denied(w: &World, e: &Engagement, actor: Actor, who: &str) {
    assert_all_refused(w, e, actor, who, |err| {
        matches!(err, Error::PermissionDenied { .. })
    });
}

/// Someone outside the practice: every operation answers `NotFound`, as for an id that
/// exists nowhere — never `PermissionDenied`, which would confirm the id is real.
fn assert_all_hidden(w: &World, e: &Engagement, actor: Actor, who: &str) {
    assert_all_refused(w, e, actor, who, |err| {
        matches!(err, Error::NotFound { .. })
    });
    // The answer names what was asked for, never the practice behind it.
    let err = w.lib.engagement(actor, e.id).unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { kind: EntityKind::Engagement, id } if *id == e.id.to_string()),
        "{who}: {err:?}"
    );
    assert!(!err.to_string().contains(&w.practice.id.to_string()));
}

fn assert_all_refused(
    w: &World,
    e: &Engagement,
    actor: Actor,
    who: &str,
    expected: impl Fn(&Error) -> bool,
) {
    let before = w.snapshot();
    for (name, op) in coach_only_ops(w, e) {
        let err = op(actor).expect_err(&format!("{who} was allowed {name}"));
        assert!(expected(&err), "{who} / {name}: {err:?}");
        assert_eq!(w.snapshot(), before, "{who} / {name} changed the store");
    }
}

pub fn client_refused_every_coach_only_operation(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let e = w.engagement_in(Status::Active);
    let me = Actor::Client(w.client.id);
    assert_all_denied(&w, &e, me, "the engagement's own client");
    // What a client may do: read the practice, themself, and their own engagement.
    assert_eq!(w.lib.practice(me, w.practice.id).unwrap().id, w.practice.id);
    assert_eq!(w.lib.client(me, w.client.id).unwrap().id, w.client.id);
    assert_eq!(w.lib.engagement(me, e.id).unwrap().engagement.id, e.id);
    // The owner, for contrast, is allowed every one of them.
    let count = coach_only_ops(&w, &e).len();
    for i in 0..count {
        let fresh = w.engagement_in(Status::Active);
        let (name, op) = coach_only_ops(&w, &fresh).swap_remove(i);
        op(w.owner()).unwrap_or_else(|err| panic!("the owner was refused {name}: {err}"));
    }
}

pub fn other_coach_sees_only_their_own(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let sam = w.add_coach("Sam Second");
    let me = Actor::Coach(sam.id);
    let owners = w.engagement_in(Status::Active);
    // Sam creates an engagement: it is Sam's, even unasked.
    let mine = w
        .lib
        .create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                client_id: Some(w.client.id),
                program_id: Some(w.program.id),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(mine.coach_id, Some(sam.id));
    w.lib.activate(me, mine.id).unwrap();
    // … and may not create one for someone else.
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        w.lib.create_engagement(
            me,
            w.practice.id,
            NewEngagement {
                coach_id: Some(w.owner.id),
                ..Default::default()
            },
        ),
    );
    assert!(matches!(err, Error::PermissionDenied { .. }));
    // Lists show Sam's only; the owner's engagement is out of reach.
    let ids =
        |v: Vec<EngagementOverview>| v.into_iter().map(|l| l.engagement.id).collect::<Vec<_>>();
    assert_eq!(
        ids(w.lib.overview_for_practice(me, w.practice.id).unwrap()),
        [mine.id]
    );
    assert_eq!(
        ids(w.lib.overview_for_client(me, w.client.id).unwrap()),
        [mine.id]
    );
    assert_eq!(
        ids(w.lib.overview_for_coach(me, sam.id).unwrap()),
        [mine.id]
    );
    assert_eq!(
        ids(w
            .lib
            .overview_for_practice(w.owner(), w.practice.id)
            .unwrap()),
        [owners.id, mine.id]
    );
    let before = w.snapshot();
    for result in [
        w.lib.engagement(me, owners.id).map(|_| ()),
        w.lib.deactivate(me, owners.id).map(|_| ()),
        w.lib.delete_engagement(me, owners.id),
        w.lib.activity(me, owners.id, Page::default()).map(|_| ()),
        w.lib.overview_for_coach(me, w.owner.id).map(|_| ()),
        w.lib
            .practice_activity(me, w.practice.id, Page::default())
            .map(|_| ()),
        w.lib
            .change_plan(me, w.practice.id, Plan::team(10))
            .map(|_| ()),
        w.lib
            .add_coach(
                me,
                w.practice.id,
                NewCoach {
                    name: "Z".into(),
                    email: None,
                },
            )
            .map(|_| ()),
        w.lib.reassign(me, owners.id, sam.id).map(|_| ()),
    ] {
        let err = refused(&w, &before, result);
        assert!(matches!(err, Error::PermissionDenied { .. }), "{err:?}");
    }
    // Sam manages Sam's: the owner sees it too.
    w.lib.complete(me, mine.id, None).unwrap();
    assert_eq!(
        w.lib
            .engagement(w.owner(), mine.id)
            .unwrap()
            .engagement
            .status,
        Status::Completed
    );
}

pub fn client_sees_own_non_draft_engagements_only(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = Actor::Client(w.client.id);
    let draft = w.draft();
    let active = w.engagement_in(Status::Active);
    let done = w.engagement_in(Status::Completed);
    let other_client = w.add_client("Dana Other", true);
    let theirs = w
        .lib
        .create_engagement(
            w.owner(),
            w.practice.id,
            NewEngagement {
                client_id: Some(other_client.id),
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(w.owner(), theirs.id).unwrap();
    let ids: Vec<_> = w
        .lib
        .overview_for_client(me, w.client.id)
        .unwrap()
        .into_iter()
        .map(|l| l.engagement.id)
        .collect();
    assert_eq!(ids, [active.id, done.id]);
    assert!(matches!(
        w.lib.engagement(me, draft.id),
        Err(Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        w.lib.engagement(me, theirs.id),
        Err(Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        w.lib.overview_for_client(me, other_client.id),
        Err(Error::PermissionDenied { .. })
    ));
    assert!(matches!(
        w.lib.client(me, other_client.id),
        Err(Error::PermissionDenied { .. })
    ));
    // A Completed engagement stays readable.
    assert_eq!(
        w.lib.engagement(me, done.id).unwrap().phase,
        Phase::Completed
    );
}

pub fn another_practice_is_refused_everything(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let e = w.engagement_in(Status::Active);
    let (their_practice, their_owner, their_client, their_e) = w.neighbour();
    assert_all_hidden(
        &w,
        &e,
        Actor::Coach(their_owner.id),
        "another practice's owner",
    );
    assert_all_hidden(
        &w,
        &e,
        Actor::Client(their_client.id),
        "another practice's client",
    );
    for result in [
        w.lib
            .engagement(Actor::Coach(their_owner.id), e.id)
            .map(|_| ()),
        w.lib
            .engagement(Actor::Client(their_client.id), e.id)
            .map(|_| ()),
        w.lib
            .practice(Actor::Coach(their_owner.id), w.practice.id)
            .map(|_| ()),
        w.lib
            .client(Actor::Coach(their_owner.id), w.client.id)
            .map(|_| ()),
        w.lib
            .overview_for_client(Actor::Coach(their_owner.id), w.client.id)
            .map(|_| ()),
        // And the other way round.
        w.lib.engagement(w.owner(), their_e.id).map(|_| ()),
        w.lib
            .overview_for_practice(w.owner(), their_practice.id)
            .map(|_| ()),
    ] {
        assert!(matches!(result, Err(Error::NotFound { .. })), "{result:?}");
    }
    // Our owner cannot pull their client, coach or program into our practice: they do not
    // exist for it.
    let their_program = w
        .lib
        .create_program(
            Actor::Coach(their_owner.id),
            their_practice.id,
            NewProgram::sessions("Theirs", 3),
        )
        .unwrap();
    let before = w.snapshot();
    for new in [
        NewEngagement {
            client_id: Some(their_client.id),
            ..Default::default()
        },
        NewEngagement {
            coach_id: Some(their_owner.id),
            ..Default::default()
        },
        NewEngagement {
            program_id: Some(their_program.id),
            ..Default::default()
        },
    ] {
        let err = refused(
            &w,
            &before,
            w.lib.create_engagement(w.owner(), w.practice.id, new),
        );
        assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    }
    let err = refused(&w, &before, w.lib.reassign(w.owner(), e.id, their_owner.id));
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

pub fn system_actor_is_reserved(make: MakeStore) {
    // A host naming the system actor is outside every practice: nothing exists for it.
    let w = World::new(make, Plan::team(3));
    let e = w.engagement_in(Status::Active);
    assert_all_hidden(&w, &e, Actor::System, "the system actor");
    assert!(matches!(
        w.lib.engagement(Actor::System, e.id),
        Err(Error::NotFound { .. })
    ));
}

pub fn unknown_actors_are_refused(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let e = w.engagement_in(Status::Active);
    assert_all_hidden(&w, &e, Actor::Coach(CoachId::new()), "an unknown coach");
    assert_all_hidden(&w, &e, Actor::Client(ClientId::new()), "an unknown client");
}
