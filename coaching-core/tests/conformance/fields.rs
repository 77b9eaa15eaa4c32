//! Custom fields: the owner defines typed fields for engagements and clients; coaches set their
//! values, checked by kind (or read from their text form); a required field blocks an
//! engagement's activation until it has a value. A definition's changes keep or clear values as
//! the library documents; the values travel with an export, and go with an erased client.

use std::collections::BTreeMap;

use coaching_core::*;
use serde_json::{json, Value};

use super::export::{export, fresh};
use super::*;

fn new_field(
    entity: FieldEntity,
    label: &str,
    kind: FieldKind,
    choices: &[&str],
    required: bool,
) -> NewField {
    NewField {
        entity,
        label: label.into(),
        kind,
        choices: choices.iter().map(|c| c.to_string()).collect(),
        required_for_activation: required,
    }
}

/// A field the owner defines.
fn define(
    w: &World,
    entity: FieldEntity,
    label: &str,
    kind: FieldKind,
    choices: &[&str],
    required: bool,
) -> FieldDefinition {
    w.lib
        .define_field(
            w.owner(),
            w.practice.id,
            new_field(entity, label, kind, choices, required),
        )
        .unwrap()
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

fn choice(s: &str) -> FieldValue {
    FieldValue::Choice(s.into())
}

/// The fields of `on` as the owner reads them, in order: label and value.
fn values(w: &World, on: FieldTarget) -> Vec<(String, Option<FieldValue>)> {
    w.lib
        .field_values(w.owner(), on)
        .unwrap()
        .into_iter()
        .map(|f| (f.field.label, f.value))
        .collect()
}

/// The same, by field id (whatever the order).
fn by_id(w: &World, on: FieldTarget) -> BTreeMap<FieldId, Option<FieldValue>> {
    w.lib
        .field_values(w.owner(), on)
        .unwrap()
        .into_iter()
        .map(|f| (f.field.id, f.value))
        .collect()
}

fn expect(pairs: &[(&str, Option<FieldValue>)]) -> Vec<(String, Option<FieldValue>)> {
    pairs
        .iter()
        .map(|(l, v)| (l.to_string(), v.clone()))
        .collect()
}

/// The practice's fields of `entity` as `label@position`, in order.
fn listed(w: &World, entity: FieldEntity) -> Vec<String> {
    w.lib
        .fields(w.owner(), w.practice.id, entity)
        .unwrap()
        .into_iter()
        .map(|f| format!("{}@{}", f.label, f.position))
        .collect()
}

fn missing(names: &[&str]) -> Error {
    Error::MissingFields {
        fields: names.iter().map(|s| s.to_string()).collect(),
    }
}

#[track_caller]
fn assert_invalid(err: &Error, on: &str) {
    assert!(
        matches!(err, Error::Validation { field, .. } if field == on),
        "expected a validation error of `{on}`, got {err:?}"
    );
}

pub fn custom_fields_are_typed_and_required_for_activation(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let lib = &w.lib;
    let pid = w.practice.id;
    let goal = define(
        &w,
        FieldEntity::Engagement,
        "Goal statement",
        FieldKind::Text,
        &[],
        false,
    );
    let budget = define(
        &w,
        FieldEntity::Engagement,
        "Budget",
        FieldKind::Number,
        &[],
        false,
    );
    let review = define(
        &w,
        FieldEntity::Engagement,
        "Review date",
        FieldKind::Date,
        &[],
        false,
    );
    let tier = define(
        &w,
        FieldEntity::Engagement,
        "Tier",
        FieldKind::Choice,
        &["Bronze", "Silver", "Gold"],
        false,
    );
    let signed = define(
        &w,
        FieldEntity::Engagement,
        "Contract signed",
        FieldKind::YesNo,
        &[],
        true,
    );
    let source = define(
        &w,
        FieldEntity::Client,
        "Referral source",
        FieldKind::Text,
        &[],
        false,
    );
    let born = define(
        &w,
        FieldEntity::Client,
        "Date of birth",
        FieldKind::Date,
        &[],
        true,
    );
    // Each entity has its own list, in the order of definition.
    let engagement_fields = vec![
        goal.clone(),
        budget.clone(),
        review.clone(),
        tier.clone(),
        signed.clone(),
    ];
    assert_eq!(
        lib.fields(me, pid, FieldEntity::Engagement).unwrap(),
        engagement_fields
    );
    assert_eq!(
        lib.fields(me, pid, FieldEntity::Client).unwrap(),
        vec![source.clone(), born.clone()]
    );
    assert_eq!(
        engagement_fields
            .iter()
            .map(|f| f.position)
            .collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert_eq!((source.position, born.position), (0, 1));
    assert_eq!(tier.choices, ["Bronze", "Silver", "Gold"]);
    assert!(goal.choices.is_empty());
    assert!(signed.required_for_activation && born.required_for_activation);
    assert!(!goal.required_for_activation);

    // A Draft engagement with its built-in fields set lacks exactly the required custom ones:
    // its own, then its client's.
    let e = w.draft();
    let before = w.snapshot();
    let err = refused(&w, &before, lib.activate(me, e.id));
    assert_eq!(
        err,
        missing(&["field:Contract signed", "field:Date of birth"])
    );
    assert!(err.to_string().contains("field:Contract signed"), "{err}");
    // They are named beside the built-in ones; without a client, no client's field is asked.
    let no_coach = lib
        .create_engagement(
            me,
            pid,
            NewEngagement {
                program_id: Some(w.program.id),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    let no_client = lib
        .create_engagement(
            me,
            pid,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                ..Default::default()
            },
        )
        .unwrap();
    let before = w.snapshot();
    assert_eq!(
        refused(&w, &before, lib.activate(me, no_coach.id)),
        missing(&["coach", "field:Contract signed", "field:Date of birth"])
    );
    assert_eq!(
        refused(&w, &before, lib.activate(me, no_client.id)),
        missing(&["client", "field:Contract signed"])
    );

    // Nothing set yet: every field, in order, empty.
    let on = FieldTarget::Engagement(e.id);
    let set = |f: &FieldDefinition, v: Option<FieldValue>| lib.set_field_value(me, on, f.id, v);
    assert_eq!(
        values(&w, on),
        expect(&[
            ("Goal statement", None),
            ("Budget", None),
            ("Review date", None),
            ("Tier", None),
            ("Contract signed", None),
        ])
    );
    // Values of each kind, as typed; text is stored trimmed.
    let typed = [
        (
            &goal,
            text("  Lead the new team  "),
            text("Lead the new team"),
        ),
        (
            &budget,
            FieldValue::Number(1200.5),
            FieldValue::Number(1200.5),
        ),
        (
            &review,
            FieldValue::Date(date(2026, 6, 1)),
            FieldValue::Date(date(2026, 6, 1)),
        ),
        (&tier, choice("Silver"), choice("Silver")),
        (&signed, FieldValue::YesNo(false), FieldValue::YesNo(false)),
    ];
    for (f, given, stored) in typed {
        assert_eq!(set(f, Some(given)).unwrap(), Some(stored), "{}", f.label);
    }
    assert_eq!(
        values(&w, on),
        expect(&[
            ("Goal statement", Some(text("Lead the new team"))),
            ("Budget", Some(FieldValue::Number(1200.5))),
            ("Review date", Some(FieldValue::Date(date(2026, 6, 1)))),
            ("Tier", Some(choice("Silver"))),
            ("Contract signed", Some(FieldValue::YesNo(false))),
        ])
    );
    // And as their text form, stored as the field's kind.
    let forms = [
        (&budget, " 12.5 ", FieldValue::Number(12.5)),
        (&budget, "-3", FieldValue::Number(-3.0)),
        (&review, "2026-03-02", FieldValue::Date(date(2026, 3, 2))),
        (&tier, "Gold", choice("Gold")),
        (&signed, "yes", FieldValue::YesNo(true)),
        (&signed, "no", FieldValue::YesNo(false)),
        (&signed, "true", FieldValue::YesNo(true)),
        (&signed, "FALSE", FieldValue::YesNo(false)),
    ];
    for (f, form, stored) in forms {
        assert_eq!(
            set(f, Some(text(form))).unwrap(),
            Some(stored.clone()),
            "{} {form:?}",
            f.label
        );
        let read = values(&w, on)
            .into_iter()
            .find(|(l, _)| *l == f.label)
            .unwrap()
            .1;
        assert_eq!(read, Some(stored.clone()), "{} {form:?}", f.label);
        // A value's text form gives it back.
        assert_eq!(
            set(f, Some(text(&stored.to_text()))).unwrap(),
            Some(stored.clone()),
            "{} {:?}",
            f.label,
            stored.to_text()
        );
    }
    assert_eq!(
        values(&w, on),
        expect(&[
            ("Goal statement", Some(text("Lead the new team"))),
            ("Budget", Some(FieldValue::Number(-3.0))),
            ("Review date", Some(FieldValue::Date(date(2026, 3, 2)))),
            ("Tier", Some(choice("Gold"))),
            ("Contract signed", Some(FieldValue::YesNo(false))),
        ])
    );

    // A value of another kind, or not a value of the kind, is refused on `value`, changing
    // nothing.
    let held = values(&w, on);
    let before = w.snapshot();
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let bad = [
        (&goal, FieldValue::Number(3.0)),
        (&goal, FieldValue::YesNo(true)),
        (&goal, choice("Gold")),
        (&goal, text("   ")),
        (&goal, text("")),
        (&goal, text(&long)),
        (&goal, text("bell\u{7}")),
        (&budget, text("twelve")),
        (&budget, text("")),
        (&budget, text("NaN")),
        (&budget, text("inf")),
        (&budget, FieldValue::Number(f64::NAN)),
        (&budget, FieldValue::Number(f64::INFINITY)),
        (&budget, FieldValue::Number(f64::NEG_INFINITY)),
        (&budget, FieldValue::YesNo(true)),
        (&budget, FieldValue::Date(date(2026, 3, 2))),
        (&review, text("02/03/2026")),
        (&review, text("2026-02-30")),
        (&review, text("soon")),
        (&review, FieldValue::Date(date(9999, 1, 1))),
        (&review, FieldValue::Number(20260302.0)),
        (&tier, text("Platinum")),
        (&tier, choice("Platinum")),
        (&tier, choice("gold")),
        (&tier, FieldValue::YesNo(true)),
        (&tier, FieldValue::Number(1.0)),
        (&signed, text("maybe")),
        (&signed, text("")),
        (&signed, FieldValue::Number(1.0)),
        (&signed, choice("yes")),
        (&signed, FieldValue::Date(date(2026, 3, 2))),
    ];
    for (f, v) in bad {
        let err = refused(&w, &before, set(f, Some(v.clone())));
        assert!(
            matches!(&err, Error::Validation { field, .. } if field == "value"),
            "{} given {v:?}: {err:?}",
            f.label
        );
    }
    assert_eq!(values(&w, on), held);

    // None clears a value; clearing an empty one is no error either.
    assert_eq!(set(&goal, None).unwrap(), None);
    assert_eq!(values(&w, on)[0], ("Goal statement".to_string(), None));
    assert_eq!(set(&goal, None).unwrap(), None);
    assert_eq!(values(&w, on)[1..], held[1..]);

    // A field of clients is not set on an engagement, nor an engagement's on a client.
    let client = FieldTarget::Client(w.client.id);
    let before = w.snapshot();
    for (target, f, v) in [
        (on, &source, Some(text("Web"))),
        (on, &born, None),
        (client, &budget, Some(FieldValue::Number(1.0))),
        (client, &signed, None),
    ] {
        let err = refused(&w, &before, lib.set_field_value(me, target, f.id, v));
        assert_invalid(&err, "field");
    }

    // Contract signed holds "no", a value: the client's date of birth is all that is missing.
    let before = w.snapshot();
    assert_eq!(
        refused(&w, &before, lib.activate(me, e.id)),
        missing(&["field:Date of birth"])
    );
    // Any coach of the practice lists the fields and sets a client's (not the fields of an
    // engagement they do not manage).
    let sam = Actor::Coach(w.add_coach("Sam Second").id);
    assert_eq!(
        lib.fields(sam, pid, FieldEntity::Client).unwrap(),
        vec![source.clone(), born.clone()]
    );
    assert_eq!(
        lib.fields(sam, pid, FieldEntity::Engagement).unwrap(),
        engagement_fields
    );
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        lib.set_field_value(sam, on, signed.id, Some(FieldValue::YesNo(true))),
    );
    assert!(matches!(err, Error::PermissionDenied { .. }), "{err}");
    let err = refused(&w, &before, lib.field_values(sam, on));
    assert!(matches!(err, Error::PermissionDenied { .. }), "{err}");
    // A client sees none of them, their own included.
    let carla = Actor::Client(w.client.id);
    for r in [
        lib.field_values(carla, client).map(drop),
        lib.field_values(carla, on).map(drop),
        lib.fields(carla, pid, FieldEntity::Client).map(drop),
        lib.set_field_value(carla, client, source.id, Some(text("Me")))
            .map(drop),
    ] {
        let err = refused(&w, &before, r);
        assert!(matches!(err, Error::PermissionDenied { .. }), "{err}");
    }
    assert_eq!(
        lib.set_field_value(sam, client, born.id, Some(text("1980-05-17")))
            .unwrap(),
        Some(FieldValue::Date(date(1980, 5, 17)))
    );
    lib.set_field_value(me, client, source.id, Some(text("A friend")))
        .unwrap();
    assert_eq!(
        values(&w, client),
        expect(&[
            ("Referral source", Some(text("A friend"))),
            ("Date of birth", Some(FieldValue::Date(date(1980, 5, 17)))),
        ])
    );
    assert_eq!(
        lib.field_values(sam, client).unwrap(),
        lib.field_values(me, client).unwrap()
    );
    // The client's value counts for each of their engagements.
    let before = w.snapshot();
    assert_eq!(
        refused(&w, &before, lib.activate(me, no_coach.id)),
        missing(&["coach", "field:Contract signed"])
    );
    // A required value cleared blocks the activation again; set, it is activated.
    assert_eq!(set(&signed, None).unwrap(), None);
    let before = w.snapshot();
    assert_eq!(
        refused(&w, &before, lib.activate(me, e.id)),
        missing(&["field:Contract signed"])
    );
    set(&signed, Some(text("no"))).unwrap();
    assert_eq!(lib.activate(me, e.id).unwrap().status, Status::Active);

    // Another practice's fields, engagements and clients are not found, either way round.
    let (np, their_owner, their_client, their_e) = w.neighbour();
    let them = Actor::Coach(their_owner.id);
    // A label is unique within a practice only.
    let theirs = lib
        .define_field(
            them,
            np.id,
            new_field(
                FieldEntity::Engagement,
                "Goal statement",
                FieldKind::Text,
                &[],
                false,
            ),
        )
        .unwrap();
    let their_on = FieldTarget::Engagement(their_e.id);
    lib.set_field_value(them, their_on, theirs.id, Some(text("Theirs")))
        .unwrap();
    let their_values = lib.field_values(them, their_on).unwrap();
    let before = w.snapshot();
    let attempts: Vec<(&str, Result<()>)> = vec![
        (
            "their field on our engagement",
            lib.set_field_value(me, on, theirs.id, Some(text("x")))
                .map(drop),
        ),
        (
            "our field on their engagement",
            lib.set_field_value(me, their_on, goal.id, Some(text("x")))
                .map(drop),
        ),
        (
            "their field on their engagement",
            lib.set_field_value(me, their_on, theirs.id, Some(text("x")))
                .map(drop),
        ),
        (
            "our field on our engagement, by them",
            lib.set_field_value(them, on, goal.id, Some(text("x")))
                .map(drop),
        ),
        (
            "our client's field, by them",
            lib.set_field_value(them, client, source.id, None).map(drop),
        ),
        (
            "their engagement's values",
            lib.field_values(me, their_on).map(drop),
        ),
        (
            "their client's values",
            lib.field_values(me, FieldTarget::Client(their_client.id))
                .map(drop),
        ),
        (
            "our client's values, by them",
            lib.field_values(them, client).map(drop),
        ),
        (
            "their fields",
            lib.fields(me, np.id, FieldEntity::Engagement).map(drop),
        ),
        (
            "our fields, by them",
            lib.fields(them, pid, FieldEntity::Client).map(drop),
        ),
        (
            "a field in their practice",
            lib.define_field(
                me,
                np.id,
                new_field(FieldEntity::Client, "Mine", FieldKind::Text, &[], false),
            )
            .map(drop),
        ),
        (
            "a field that exists nowhere",
            lib.set_field_value(me, on, FieldId::new(), Some(text("x")))
                .map(drop),
        ),
        (
            "renaming their field",
            lib.update_field(
                me,
                theirs.id,
                FieldUpdate {
                    label: Some("Mine".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        ),
        (
            "renaming our field, by them",
            lib.update_field(
                them,
                goal.id,
                FieldUpdate {
                    label: Some("Theirs".into()),
                    ..Default::default()
                },
            )
            .map(drop),
        ),
        ("deleting their field", lib.delete_field(me, theirs.id)),
        (
            "deleting our field, by them",
            lib.delete_field(them, goal.id),
        ),
    ];
    for (what, r) in attempts {
        let err = refused(&w, &before, r);
        assert!(matches!(err, Error::NotFound { .. }), "{what}: {err:?}");
    }
    assert_eq!(lib.field_values(them, their_on).unwrap(), their_values);
    assert_eq!(
        lib.fields(them, np.id, FieldEntity::Engagement).unwrap(),
        vec![theirs]
    );
}

pub fn definition_changes_and_existing_values(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let lib = &w.lib;
    let pid = w.practice.id;
    let focus = define(
        &w,
        FieldEntity::Engagement,
        "Focus",
        FieldKind::Text,
        &[],
        false,
    );
    let level = define(
        &w,
        FieldEntity::Engagement,
        "Level",
        FieldKind::Choice,
        &["Junior", "Senior", "Lead"],
        false,
    );
    let left = define(
        &w,
        FieldEntity::Engagement,
        "Sessions left",
        FieldKind::Number,
        &[],
        false,
    );
    let company = define(
        &w,
        FieldEntity::Client,
        "Company",
        FieldKind::Text,
        &[],
        false,
    );
    let (a, b, c, d) = (w.draft(), w.draft(), w.draft(), w.draft());
    let set = |e: &Engagement, f: &FieldDefinition, v: FieldValue| {
        lib.set_field_value(me, FieldTarget::Engagement(e.id), f.id, Some(v))
            .unwrap();
    };
    set(&a, &focus, text("Delegation drills"));
    set(&a, &level, choice("Senior"));
    set(&b, &focus, text("Hiring plan"));
    set(&b, &level, choice("Lead"));
    set(&c, &level, choice("Junior"));
    set(&c, &left, FieldValue::Number(7.0));
    set(&d, &level, choice("Lead"));
    lib.set_field_value(
        me,
        FieldTarget::Client(w.client.id),
        company.id,
        Some(text("Acme")),
    )
    .unwrap();
    // Every value of the four engagements and of the client, by field.
    let held = || {
        let mut out: Vec<_> = [&a, &b, &c, &d]
            .iter()
            .map(|e| by_id(&w, FieldTarget::Engagement(e.id)))
            .collect();
        out.push(by_id(&w, FieldTarget::Client(w.client.id)));
        out
    };
    let start = held();

    // Renaming keeps every value (a new case of its own label is no clash).
    let renamed = lib
        .update_field(
            me,
            focus.id,
            FieldUpdate {
                label: Some("  Main focus ".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(renamed.label, "Main focus");
    assert_eq!(
        (renamed.id, renamed.kind, renamed.position),
        (focus.id, FieldKind::Text, 0)
    );
    for label in ["LEVEL", "Level"] {
        let u = lib
            .update_field(
                me,
                level.id,
                FieldUpdate {
                    label: Some(label.into()),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(u.label, label);
        assert_eq!(u.choices, level.choices);
    }
    assert_eq!(held(), start);
    assert_eq!(
        values(&w, FieldTarget::Engagement(a.id))[0],
        ("Main focus".to_string(), Some(text("Delegation drills")))
    );

    // Reordering by position keeps every value; a place past the end is the end.
    let moved = lib
        .update_field(
            me,
            left.id,
            FieldUpdate {
                position: Some(0),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(moved.position, 0);
    assert_eq!(
        listed(&w, FieldEntity::Engagement),
        ["Sessions left@0", "Main focus@1", "Level@2"]
    );
    assert_eq!(
        values(&w, FieldTarget::Engagement(c.id)),
        expect(&[
            ("Sessions left", Some(FieldValue::Number(7.0))),
            ("Main focus", None),
            ("Level", Some(choice("Junior"))),
        ])
    );
    let moved = lib
        .update_field(
            me,
            left.id,
            FieldUpdate {
                position: Some(99),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(moved.position, 2);
    assert_eq!(
        listed(&w, FieldEntity::Engagement),
        ["Main focus@0", "Level@1", "Sessions left@2"]
    );
    assert_eq!(listed(&w, FieldEntity::Client), ["Company@0"]);
    assert_eq!(held(), start);

    // Making fields required touches no Active engagement: `a` stays Active with its values,
    // and (not activated from Draft) is reactivated without them.
    lib.activate(me, a.id).unwrap();
    for f in [&level, &left] {
        let u = lib
            .update_field(
                me,
                f.id,
                FieldUpdate {
                    required_for_activation: Some(true),
                    ..Default::default()
                },
            )
            .unwrap();
        assert!(u.required_for_activation, "{}", u.label);
    }
    assert_eq!(
        lib.engagement(me, a.id).unwrap().engagement.status,
        Status::Active
    );
    assert_eq!(held(), start);
    lib.deactivate(me, a.id).unwrap();
    assert_eq!(lib.activate(me, a.id).unwrap().status, Status::Active);
    // But the next activation of a Draft engagement needs them.
    let before = w.snapshot();
    assert_eq!(
        refused(&w, &before, lib.activate(me, b.id)),
        missing(&["field:Sessions left"])
    );

    // Removing a choice (Lead) clears exactly the values that held it; a new one is offered.
    let u = lib
        .update_field(
            me,
            level.id,
            FieldUpdate {
                choices: Some(vec!["Junior".into(), "Senior".into(), "Principal".into()]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(u.choices, ["Junior", "Senior", "Principal"]);
    let mut expected = start.clone();
    expected[1].insert(level.id, None);
    expected[3].insert(level.id, None);
    assert_eq!(held(), expected);
    assert_eq!(
        by_id(&w, FieldTarget::Engagement(a.id))[&level.id],
        Some(choice("Senior"))
    );
    assert_eq!(
        by_id(&w, FieldTarget::Engagement(c.id))[&level.id],
        Some(choice("Junior"))
    );
    // The removed choice is refused now, and the required field, empty again, blocks `b`.
    let before = w.snapshot();
    let err = refused(
        &w,
        &before,
        lib.set_field_value(
            me,
            FieldTarget::Engagement(b.id),
            level.id,
            Some(choice("Lead")),
        ),
    );
    assert_invalid(&err, "value");
    assert_eq!(
        refused(&w, &before, lib.activate(me, b.id)),
        missing(&["field:Level", "field:Sessions left"])
    );
    set(&b, &level, text("Principal"));
    set(&b, &left, text("4"));
    assert_eq!(lib.activate(me, b.id).unwrap().status, Status::Active);

    // Refused changes change nothing: choices of a field that has none, no choices, a choice
    // twice or empty; a label another field of the entity has (whatever its case), or none.
    let update = |f: &FieldDefinition, u: FieldUpdate| lib.update_field(me, f.id, u);
    let choices = |c: &[&str]| FieldUpdate {
        choices: Some(c.iter().map(|c| c.to_string()).collect()),
        ..Default::default()
    };
    let label = |l: &str| FieldUpdate {
        label: Some(l.into()),
        ..Default::default()
    };
    let before = w.snapshot();
    let refusals: Vec<(&str, &str, Result<FieldDefinition>)> = vec![
        (
            "choices on a text field",
            "choices",
            update(&focus, choices(&["A"])),
        ),
        (
            "no choices on a number field",
            "choices",
            update(&left, choices(&[])),
        ),
        (
            "choices on a client's text field",
            "choices",
            update(&company, choices(&["Acme"])),
        ),
        ("no choices left", "choices", update(&level, choices(&[]))),
        (
            "a choice twice",
            "choices",
            update(&level, choices(&["Senior", "senior"])),
        ),
        (
            "an empty choice",
            "choices",
            update(&level, choices(&["Senior", "  "])),
        ),
        (
            "another field's label",
            "label",
            update(&level, label("main FOCUS")),
        ),
        ("an empty label", "label", update(&level, label("   "))),
        (
            "a label taken, for a new field",
            "label",
            lib.define_field(
                me,
                pid,
                new_field(
                    FieldEntity::Engagement,
                    "SESSIONS LEFT",
                    FieldKind::Text,
                    &[],
                    false,
                ),
            ),
        ),
        (
            "a text field with choices",
            "choices",
            lib.define_field(
                me,
                pid,
                new_field(
                    FieldEntity::Engagement,
                    "Notes",
                    FieldKind::Text,
                    &["a"],
                    false,
                ),
            ),
        ),
        (
            "a choice field without choices",
            "choices",
            lib.define_field(
                me,
                pid,
                new_field(
                    FieldEntity::Engagement,
                    "Grade",
                    FieldKind::Choice,
                    &[],
                    false,
                ),
            ),
        ),
    ];
    for (what, field, r) in refusals {
        let err = refused(&w, &before, r);
        assert!(
            matches!(&err, Error::Validation { field: f, .. } if f == field),
            "{what}: {err:?}"
        );
    }
    // A label is unique among the entity's fields only.
    let also = define(
        &w,
        FieldEntity::Client,
        "Main focus",
        FieldKind::Text,
        &[],
        false,
    );
    assert_eq!(also.position, 1);

    // Deleting a field deletes its values, and the others move up.
    let a_values = by_id(&w, FieldTarget::Engagement(a.id));
    lib.delete_field(me, focus.id).unwrap();
    assert_eq!(
        listed(&w, FieldEntity::Engagement),
        ["Level@0", "Sessions left@1"]
    );
    assert_eq!(
        listed(&w, FieldEntity::Client),
        ["Company@0", "Main focus@1"]
    );
    let mut remaining = vec![level.id, left.id];
    remaining.sort();
    for e in [&a, &b, &c, &d] {
        let v = by_id(&w, FieldTarget::Engagement(e.id));
        assert_eq!(v.keys().copied().collect::<Vec<_>>(), remaining);
    }
    let mut kept = a_values.clone();
    kept.remove(&focus.id);
    assert_eq!(by_id(&w, FieldTarget::Engagement(a.id)), kept);
    let doc = String::from_utf8(export(lib, me, pid)).unwrap();
    for gone in ["Delegation drills", "Hiring plan"] {
        assert!(
            !doc.contains(gone),
            "a deleted field's value is exported: {gone}"
        );
    }
    // The deleted field is not found any more.
    let before = w.snapshot();
    for r in [
        lib.set_field_value(me, FieldTarget::Engagement(a.id), focus.id, Some(text("x")))
            .map(drop),
        lib.update_field(me, focus.id, label("Again")).map(drop),
        lib.delete_field(me, focus.id),
    ] {
        let err = refused(&w, &before, r);
        assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    }

    // Deleting an engagement deletes its values: none is left behind in the export, and the
    // export imports.
    assert!(by_id(&w, FieldTarget::Engagement(c.id))
        .values()
        .any(Option::is_some));
    lib.delete_engagement(me, c.id).unwrap();
    let err = lib
        .field_values(me, FieldTarget::Engagement(c.id))
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let first = export(lib, me, pid);
    let doc: Value = serde_json::from_slice(&first).unwrap();
    let targets: Vec<Value> = doc["fields"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["values"].as_array().unwrap().clone())
        .map(|v| v["target_id"].clone())
        .collect();
    assert!(
        !targets.contains(&json!(c.id.as_uuid().to_string())),
        "{targets:?}"
    );
    assert!(
        targets.contains(&json!(a.id.as_uuid().to_string())),
        "{targets:?}"
    );
    let (lib2, _guard) = fresh(make);
    lib2.import_practice(&mut first.as_slice()).unwrap();
    assert_eq!(export(&lib2, me, pid), first);
    for e in [&a, &b, &d] {
        let on = FieldTarget::Engagement(e.id);
        assert_eq!(
            lib2.field_values(me, on).unwrap(),
            lib.field_values(me, on).unwrap()
        );
    }
}

pub fn custom_fields_survive_export_and_import(make: MakeStore) {
    let w = World::new(make, Plan::team(5));
    let me = w.owner();
    let lib = &w.lib;
    let pid = w.practice.id;
    let engagements = super::export::rich_practice(&w);
    let (e, f, draft) = (&engagements[0], &engagements[1], &engagements[2]);
    let dan = lib
        .clients(me, pid)
        .unwrap()
        .into_iter()
        .find(|c| c.id != w.client.id)
        .unwrap();
    // Fields of every kind for both entities; one deleted and two moved (the others renumbered).
    let gone = define(
        &w,
        FieldEntity::Engagement,
        "Temporary",
        FieldKind::Text,
        &[],
        false,
    );
    let notes = define(
        &w,
        FieldEntity::Engagement,
        "Intake notes",
        FieldKind::Text,
        &[],
        false,
    );
    let fee = define(
        &w,
        FieldEntity::Engagement,
        "Fee",
        FieldKind::Number,
        &[],
        true,
    );
    let renewal = define(
        &w,
        FieldEntity::Engagement,
        "Renewal",
        FieldKind::Date,
        &[],
        false,
    );
    let format = define(
        &w,
        FieldEntity::Engagement,
        "Format",
        FieldKind::Choice,
        &["In person", "Video", "Phone"],
        false,
    );
    let paid = define(
        &w,
        FieldEntity::Engagement,
        "Paid upfront",
        FieldKind::YesNo,
        &[],
        false,
    );
    let industry = define(
        &w,
        FieldEntity::Client,
        "Industry",
        FieldKind::Choice,
        &["Tech", "Health"],
        false,
    );
    let birthday = define(
        &w,
        FieldEntity::Client,
        "Birthday",
        FieldKind::Date,
        &[],
        false,
    );
    let vip = define(&w, FieldEntity::Client, "VIP", FieldKind::YesNo, &[], false);
    let size = define(
        &w,
        FieldEntity::Client,
        "Team size",
        FieldKind::Number,
        &[],
        false,
    );
    let about = define(
        &w,
        FieldEntity::Client,
        "About",
        FieldKind::Text,
        &[],
        false,
    );
    let put = |on: FieldTarget, field: &FieldDefinition, v: FieldValue| {
        lib.set_field_value(me, on, field.id, Some(v)).unwrap();
    };
    let eng = |e: &Engagement| FieldTarget::Engagement(e.id);
    put(eng(e), &gone, text("soon forgotten"));
    lib.delete_field(me, gone.id).unwrap();
    lib.update_field(
        me,
        paid.id,
        FieldUpdate {
            label: Some("Paid in advance".into()),
            position: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    lib.update_field(
        me,
        about.id,
        FieldUpdate {
            position: Some(1),
            ..Default::default()
        },
    )
    .unwrap();
    put(
        eng(e),
        &notes,
        text("Prefers \"direct\" feedback —\nmornings only, café nearby"),
    );
    put(eng(e), &fee, FieldValue::Number(1234567.125));
    put(eng(e), &renewal, FieldValue::Date(date(2027, 1, 31)));
    put(eng(e), &format, choice("Video"));
    put(eng(e), &paid, FieldValue::YesNo(true));
    put(eng(f), &fee, FieldValue::Number(-3.75));
    put(eng(f), &format, text("Phone"));
    put(eng(f), &paid, text("no"));
    put(eng(draft), &fee, FieldValue::Number(0.1));
    let carla = FieldTarget::Client(w.client.id);
    put(carla, &industry, choice("Tech"));
    put(carla, &birthday, text("1980-05-17"));
    put(carla, &vip, FieldValue::YesNo(true));
    put(carla, &size, FieldValue::Number(12.0));
    put(carla, &about, text("Runs a <b>small</b> & growing team"));
    put(FieldTarget::Client(dan.id), &size, text("3"));
    let targets: Vec<FieldTarget> = engagements
        .iter()
        .map(eng)
        .chain([carla, FieldTarget::Client(dan.id)])
        .collect();

    let first = export(lib, me, pid);
    let doc: Value = serde_json::from_slice(&first).unwrap();
    // The engagements' fields, then the clients', each in order, with their values.
    let records = doc["fields"].as_array().unwrap();
    let order: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                "{}:{}@{}",
                r["field"]["entity"].as_str().unwrap(),
                r["field"]["label"].as_str().unwrap(),
                r["field"]["position"]
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            "engagement:Paid in advance@0",
            "engagement:Intake notes@1",
            "engagement:Fee@2",
            "engagement:Renewal@3",
            "engagement:Format@4",
            "client:Industry@0",
            "client:About@1",
            "client:Birthday@2",
            "client:VIP@3",
            "client:Team size@4",
        ]
    );
    let exported: usize = records
        .iter()
        .map(|r| r["values"].as_array().unwrap().len())
        .sum();
    assert_eq!(exported, 15);
    assert!(!String::from_utf8_lossy(&first).contains("soon forgotten"));

    let (lib2, _guard) = fresh(make);
    let imported = lib2.import_practice(&mut first.as_slice()).unwrap();
    assert_eq!(imported.counts.fields, 10);
    for entity in FieldEntity::ALL {
        assert_eq!(
            lib2.fields(me, pid, *entity).unwrap(),
            lib.fields(me, pid, *entity).unwrap(),
            "{entity}"
        );
    }
    for &t in &targets {
        assert_eq!(
            lib2.field_values(me, t).unwrap(),
            lib.field_values(me, t).unwrap(),
            "{t:?}"
        );
    }
    let second = export(&lib2, me, pid);
    assert_eq!(
        String::from_utf8(second).unwrap(),
        String::from_utf8(first.clone()).unwrap(),
        "export → import → export is byte-identical"
    );
    // The imported practice works as the original: a required field blocks an activation,
    // labels are taken.
    let next = lib2
        .create_engagement(
            me,
            pid,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        lib2.activate(me, next.id).unwrap_err(),
        missing(&["field:Fee"])
    );
    lib2.set_field_value(
        me,
        FieldTarget::Engagement(next.id),
        fee.id,
        Some(text("250")),
    )
    .unwrap();
    assert_eq!(lib2.activate(me, next.id).unwrap().status, Status::Active);
    let err = lib2
        .define_field(
            me,
            pid,
            new_field(FieldEntity::Client, "vip", FieldKind::Text, &[], false),
        )
        .unwrap_err();
    assert_invalid(&err, "label");

    // A document whose fields the library would not have written is refused whole, the place
    // named.
    let at = |label: &str| {
        records
            .iter()
            .position(|r| r["field"]["label"] == label)
            .unwrap()
    };
    let (target, _target_guard) = fresh(make);
    let refuse = |what: &str, place: String, change: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        change(&mut d);
        let bytes = serde_json::to_vec(&d).unwrap();
        let err = target.import_practice(&mut bytes.as_slice()).unwrap_err();
        assert!(
            matches!(&err, Error::Validation { field, .. } if *field == place),
            "{what}: expected a refusal at {place}, got {err:?}"
        );
        assert!(
            matches!(target.practice(me, pid), Err(Error::NotFound { .. })),
            "{what}: the practice was created"
        );
    };
    let (i, j) = (at("Format"), at("Fee"));
    refuse(
        "a choice the field does not offer",
        format!("fields[{i}].values[0].value"),
        &|d| {
            d["fields"][i]["values"][0]["value"] =
                json!({"kind": "choice", "value": "Carrier pigeon"})
        },
    );
    refuse(
        "a number as text",
        format!("fields[{j}].values[0].value"),
        &|d| d["fields"][j]["values"][0]["value"] = json!({"kind": "text", "value": "12.5"}),
    );
    refuse(
        "a number of another kind",
        format!("fields[{j}].values[0].value"),
        &|d| d["fields"][j]["values"][0]["value"] = json!({"kind": "yes_no", "value": true}),
    );
    let k = at("Renewal");
    refuse(
        "a date in 9999",
        format!("fields[{k}].values[0].value"),
        &|d| d["fields"][k]["values"][0]["value"] = json!({"kind": "date", "value": "9999-01-01"}),
    );
    refuse(
        "a value on an engagement not in the document",
        format!("fields[{j}].values[0].target_id"),
        &|d| d["fields"][j]["values"][0]["target_id"] = json!(uuid::Uuid::now_v7().to_string()),
    );
    refuse(
        "two values on one engagement",
        format!("fields[{j}].values[1].target_id"),
        &|d| {
            let v = d["fields"][j]["values"][0].clone();
            d["fields"][j]["values"][1] = v;
        },
    );
    let m = at("Industry");
    refuse(
        "a client's field on an engagement",
        format!("fields[{m}].values[0].target_id"),
        &|d| d["fields"][m]["values"][0]["target_id"] = json!(e.id.as_uuid().to_string()),
    );
    refuse(
        "two fields of an entity with one label",
        "fields[1].label".into(),
        &|d| d["fields"][1]["field"]["label"] = json!("PAID IN ADVANCE"),
    );
    refuse("a gap in the places", "fields[1].position".into(), &|d| {
        d["fields"][1]["field"]["position"] = json!(2)
    });
    refuse("an untrimmed label", "fields[0].label".into(), &|d| {
        d["fields"][0]["field"]["label"] = json!(" Paid in advance ")
    });
    refuse(
        "choices of a yes/no field",
        "fields[0].choices".into(),
        &|d| d["fields"][0]["field"]["choices"] = json!(["yes"]),
    );
    refuse(
        "a field of another practice",
        "fields[0].practice_id".into(),
        &|d| d["fields"][0]["field"]["practice_id"] = json!(uuid::Uuid::now_v7().to_string()),
    );
    refuse("a field id used twice", "fields[1].id".into(), &|d| {
        let id = d["fields"][0]["field"]["id"].clone();
        d["fields"][1]["field"]["id"] = id;
    });
    // The document itself imports there.
    target.import_practice(&mut first.as_slice()).unwrap();
    assert_eq!(export(&target, me, pid), first);
}

/// The word an erased client's field values hold, looked for afterwards.
const WORD: &str = "thistlewhisk";

/// An erasure removes the client's field values and their engagements' (the definitions
/// stay); another client's are kept.
pub fn erasure_removes_custom_field_values(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let lib = &w.lib;
    let pid = w.practice.id;
    let story = define(
        &w,
        FieldEntity::Engagement,
        "Story",
        FieldKind::Text,
        &[],
        false,
    );
    let hobby = define(
        &w,
        FieldEntity::Client,
        "Hobby",
        FieldKind::Text,
        &[],
        false,
    );
    let size = define(
        &w,
        FieldEntity::Client,
        "Team size",
        FieldKind::Number,
        &[],
        false,
    );
    let erin = w.add_client("Erin Erased", true);
    let engagement = || {
        lib.create_engagement(
            me,
            pid,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(w.owner.id),
                client_id: Some(erin.id),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let (done, draft) = (engagement(), engagement());
    let put = |on: FieldTarget, field: &FieldDefinition, v: FieldValue| {
        lib.set_field_value(me, on, field.id, Some(v)).unwrap();
    };
    put(
        FieldTarget::Engagement(done.id),
        &story,
        text(&format!("A {WORD} in the garden")),
    );
    put(FieldTarget::Engagement(draft.id), &story, text(WORD));
    put(
        FieldTarget::Client(erin.id),
        &hobby,
        text(&format!("Collecting {WORD}s")),
    );
    put(FieldTarget::Client(erin.id), &size, FieldValue::Number(8.0));
    lib.activate(me, done.id).unwrap();
    lib.complete(me, done.id, None).unwrap();
    // Carla's are kept.
    let kept_e = w.draft();
    put(
        FieldTarget::Engagement(kept_e.id),
        &story,
        text("Kept story"),
    );
    put(FieldTarget::Client(w.client.id), &hobby, text("Kept hobby"));
    let kept = (
        values(&w, FieldTarget::Engagement(kept_e.id)),
        values(&w, FieldTarget::Client(w.client.id)),
    );
    let doc = String::from_utf8(export(lib, me, pid)).unwrap();
    assert!(doc.contains(WORD));

    lib.erase_client(me, erin.id).unwrap();
    let doc = String::from_utf8(export(lib, me, pid)).unwrap();
    assert!(
        !doc.to_lowercase().contains(WORD),
        "an erased client's field value is exported"
    );
    assert!(!w.snapshot().to_lowercase().contains(WORD));
    // Her engagements' fields are empty; the definitions stay.
    for e in [&done, &draft] {
        assert_eq!(
            values(&w, FieldTarget::Engagement(e.id)),
            expect(&[("Story", None)])
        );
    }
    assert_eq!(listed(&w, FieldEntity::Client), ["Hobby@0", "Team size@1"]);
    // Hers are gone for good: not read, not set again, not cleared.
    let before = w.snapshot();
    let erased = FieldTarget::Client(erin.id);
    for r in [
        lib.field_values(me, erased).map(drop),
        lib.set_field_value(me, erased, hobby.id, Some(text("again")))
            .map(drop),
        lib.set_field_value(me, erased, size.id, None).map(drop),
    ] {
        let err = refused(&w, &before, r);
        assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    }
    assert_eq!(
        (
            values(&w, FieldTarget::Engagement(kept_e.id)),
            values(&w, FieldTarget::Client(w.client.id)),
        ),
        kept
    );
    // The export imports; a document giving an erased client a value or a name back does not.
    let first = export(lib, me, pid);
    let (lib2, _guard) = fresh(make);
    let doc: Value = serde_json::from_slice(&first).unwrap();
    let erin_at = doc["clients"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["id"] == json!(erin.id.to_string()))
        .unwrap();
    let hobby_at = doc["fields"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["field"]["label"] == "Hobby")
        .unwrap();
    let mut with_value = doc.clone();
    with_value["fields"][hobby_at]["values"] = json!([{
        "target_id": erin.id.to_string(),
        "value": {"kind": "text", "value": WORD},
        "updated_at": doc["clients"][erin_at]["updated_at"].clone(),
    }]);
    let mut named = doc.clone();
    named["clients"][erin_at]["name"] = json!("Erin Again");
    for (what, bad) in [("a value", with_value), ("a name", named)] {
        let bytes = serde_json::to_vec(&bad).unwrap();
        assert!(
            matches!(lib2.import_practice(&mut bytes.as_slice()), Err(Error::Validation { .. })),
            "an erased client given {what} back was imported"
        );
        assert!(matches!(lib2.practice(me, pid), Err(Error::NotFound { .. })));
    }
    lib2.import_practice(&mut first.as_slice()).unwrap();
    assert_eq!(export(&lib2, me, pid), first);
}
