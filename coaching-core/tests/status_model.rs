//! Property test: the status machine, driven through the library, against a tiny reference
//! model of the table and the plan cap.

use coaching_core::*;
use proptest::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Ok,
    Invalid,
    Limit,
}

/// The reference: DOMAIN.md's table and "at most `cap` Active".
fn model(statuses: &[Status], i: usize, to: Status, cap: Option<usize>) -> Outcome {
    use Status::*;
    let allowed = matches!(
        (statuses[i], to),
        (Draft, Active)
            | (Inactive, Active)
            | (Completed, Active)
            | (Active, Inactive)
            | (Completed, Inactive)
            | (Active, Completed)
            | (Inactive, Completed)
    );
    if !allowed {
        return Outcome::Invalid;
    }
    let active = statuses.iter().filter(|s| **s == Active).count();
    if to == Active && cap.is_some_and(|c| active >= c) {
        return Outcome::Limit;
    }
    Outcome::Ok
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Draft),
        Just(Status::Active),
        Just(Status::Inactive),
        Just(Status::Completed)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn library_matches_the_reference(
        ops in prop::collection::vec((0usize..3, status()), 1..40),
        cap in prop_oneof![Just(None), Just(Some(1usize)), Just(Some(2usize))],
    ) {
        let lib = Coaching::in_memory();
        let plan = Plan { max_active_engagements: cap.map(|c| c as u32), ..Plan::solo() };
        let (p, o) = lib.create_practice(NewPractice {
            name: "P".into(), time_zone: "UTC".into(), plan, owner_name: "O".into(), owner_email: None,
        }).unwrap();
        let me = Actor::Coach(o.id);
        let c = lib.add_client(me, p.id, NewClient { name: "C".into(), ..Default::default() }).unwrap();
        let ids: Vec<_> = (0..3).map(|_| lib.create_engagement(me, p.id, NewEngagement {
            coach_id: Some(o.id), client_id: Some(c.id), program_name: Some("X".into()),
            planned: Some(Planned::sessions(4)), ..Default::default()
        }).unwrap().id).collect();
        let mut statuses = vec![Status::Draft; 3];
        for (i, to) in ops {
            let expected = model(&statuses, i, to, cap);
            let got = match lib.set_status(me, ids[i], to, None) {
                Ok(e) => { prop_assert_eq!(e.status, to); Outcome::Ok }
                Err(Error::InvalidTransition { from, to: t }) => {
                    prop_assert_eq!((from, t), (statuses[i], to));
                    Outcome::Invalid
                }
                Err(Error::PlanLimitReached { .. }) => Outcome::Limit,
                Err(other) => panic!("unexpected {other:?}"),
            };
            prop_assert_eq!(got, expected, "engagement {} {:?} -> {:?}", i, statuses[i], to);
            if got == Outcome::Ok { statuses[i] = to; }
            let stored: Vec<_> = lib.overview_for_practice(me, p.id).unwrap().into_iter().map(|l| l.engagement.status).collect();
            prop_assert_eq!(&stored, &statuses);
        }
    }
}
