//! Forms on every backend: the to-do index kept by the SQL triggers through every change that
//! moves a form on or off a coach's Client To-Dos, a program sending its form, and the export
//! round trip carrying templates, program items and answered forms byte for byte.

use coaching_core::*;

use super::export::{export, fresh};
use super::forms::{question, scale, with_choices};
use super::*;

/// A template of three questions: a required short text, a multiple choice, a required scale.
fn template(w: &World, name: &str) -> FormTemplate {
    let areas = with_choices("Areas", QuestionKind::MultipleChoice, &["Health", "Work"], false);
    let energy = scale("Energy", 5, true);
    w.lib
        .create_form_template(
            w.owner(),
            w.practice.id,
            NewFormTemplate {
                name: name.into(),
                description: Some("Before we start".into()),
                questions: vec![question("Your goal", QuestionKind::ShortText, true), areas, energy],
            },
        )
        .unwrap()
}

fn answer(question: u32, text: &str) -> FormAnswer {
    FormAnswer {
        question,
        answer: Answer::Text(text.into()),
    }
}

/// The (kind, id) of `coach`'s to-dos that are forms.
fn form_todos(w: &World, coach: CoachId) -> Vec<uuid::Uuid> {
    w.lib
        .client_todos(w.owner(), coach, Page::default())
        .unwrap()
        .into_iter()
        .filter(|t| t.kind == TodoKind::Form)
        .map(|t| t.id)
        .collect()
}

pub fn open_forms_follow_the_client_todos(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let sam = w.add_coach("Sam Second");
    let t = template(&w, "Intake");
    let draft = w.draft();
    let in_draft = w.lib.send_form(me, draft.id, t.id, None).unwrap();
    // A form of a Draft engagement is on nobody's to-dos; activation puts it there.
    assert!(form_todos(&w, w.owner.id).is_empty());
    w.lib.activate(me, draft.id).unwrap();
    assert_eq!(form_todos(&w, w.owner.id), vec![*in_draft.id.as_uuid()]);
    // A second, dated form sorts before the undated one.
    let dated = w.lib.send_form(me, draft.id, t.id, Some(date(2026, 3, 10))).unwrap();
    assert_eq!(form_todos(&w, w.owner.id), vec![*dated.id.as_uuid(), *in_draft.id.as_uuid()]);
    let todo = w
        .lib
        .client_todos(me, w.owner.id, Page::default())
        .unwrap()
        .into_iter()
        .find(|x| x.id == *dated.id.as_uuid())
        .unwrap();
    assert_eq!((todo.name.as_str(), todo.due_date, todo.client_id), ("Intake", Some(date(2026, 3, 10)), w.client.id));
    // Due: the dated form falls due within the window, to the coach and the client.
    let due = w.lib.due(me, w.practice.id, t0(), t0() + chrono::Duration::days(30)).unwrap();
    let forms: Vec<&Reminder> = due.iter().filter(|r| r.kind == DueKind::Form).collect();
    assert_eq!(forms.len(), 2);
    assert!(forms.iter().all(|r| r.id == *dated.id.as_uuid() && r.due_date == Some(date(2026, 3, 10))));

    // Submitting takes it off; reopening puts it back.
    w.lib
        .save_form_answers(carla, dated.id, vec![answer(0, "Run a 10k"), answer(2, "3")])
        .unwrap();
    w.lib.submit_form(carla, dated.id).unwrap();
    assert_eq!(form_todos(&w, w.owner.id), vec![*in_draft.id.as_uuid()]);
    w.lib.reopen_form(me, dated.id).unwrap();
    assert_eq!(form_todos(&w, w.owner.id).len(), 2);
    // Reassigning moves them; deactivating takes them off; reactivating brings them back.
    w.lib.reassign(me, draft.id, sam.id).unwrap();
    assert!(form_todos(&w, w.owner.id).is_empty());
    assert_eq!(form_todos(&w, sam.id).len(), 2);
    w.lib.deactivate(me, draft.id).unwrap();
    assert!(form_todos(&w, sam.id).is_empty());
    w.lib.activate(me, draft.id).unwrap();
    assert_eq!(form_todos(&w, sam.id).len(), 2);
    // Withdrawing one removes it.
    w.lib.delete_form(me, in_draft.id).unwrap();
    assert_eq!(form_todos(&w, sam.id), vec![*dated.id.as_uuid()]);
    // Completing the engagement takes the last one off.
    w.lib.complete(me, draft.id, None).unwrap();
    assert!(form_todos(&w, sam.id).is_empty());
}

pub fn a_program_sends_its_form_and_the_export_keeps_every_form(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let t = template(&w, "Intake");
    let other = template(&w, "Check-in");
    let item = w
        .lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Form { template_id: t.id, due_after_days: Some(7) },
        )
        .unwrap();
    assert_eq!(
        w.lib.program_items(me, w.program.id).unwrap(),
        vec![item.clone()]
    );
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
    let sent = w.lib.forms(me, e.id).unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].template_id, Some(t.id));
    assert_eq!(sent[0].due_date, Some(date(2026, 3, 9)));
    assert_eq!(sent[0].questions, t.questions);
    assert!(w
        .lib
        .activity(me, e.id, Page::default())
        .unwrap()
        .iter()
        .any(|l| l.action == Action::FormSent && l.detail.as_deref() == Some("Intake")));
    w.lib.activate(me, e.id).unwrap();
    // An answered, submitted form; an open one with a draft; a form whose template is gone.
    w.lib
        .save_form_answers(carla, sent[0].id, vec![answer(2, "5"), answer(0, "Lead"), answer(1, "Work\nHealth")])
        .unwrap();
    let done = w.lib.submit_form(carla, sent[0].id).unwrap();
    assert_eq!(
        done.answers.iter().map(|a| a.answer.clone()).collect::<Vec<_>>(),
        vec![
            Answer::Text("Lead".into()),
            Answer::Choices(vec!["Health".into(), "Work".into()]),
            Answer::Scale(5)
        ]
    );
    let open = w.lib.send_form(me, e.id, other.id, None).unwrap();
    w.lib.save_form_answers(carla, open.id, vec![answer(0, "draft")]).unwrap();
    w.lib.delete_form_template(me, other.id).unwrap();
    assert_eq!(w.lib.form(carla, open.id).unwrap().template_id, None);
    // A program item of another practice's template is not found.
    let next = World::new(make, Plan::team(3));
    let theirs = template(&next, "Theirs");
    assert!(matches!(
        w.lib.add_program_item(me, w.program.id, ProgramItemKind::Form { template_id: theirs.id, due_after_days: None }),
        Err(Error::NotFound { kind: EntityKind::FormTemplate, .. })
    ));

    let doc = export(&w.lib, me, w.practice.id);
    let (lib2, _guard) = fresh(make);
    let imported = lib2.import_practice(&mut doc.as_slice()).unwrap();
    assert_eq!(imported.counts.form_templates, 1);
    assert_eq!(imported.counts.forms, 2);
    assert_eq!(export(&lib2, me, w.practice.id), doc);
    assert_eq!(lib2.forms(me, e.id).unwrap()[0].answers, done.answers);
    assert_eq!(lib2.form(carla, open.id).unwrap().answers.len(), 1);
    // The imported open form is on the coach's to-dos there too.
    assert_eq!(
        lib2.client_todos(me, w.owner.id, Page::default())
            .unwrap()
            .iter()
            .filter(|t| t.kind == TodoKind::Form)
            .count(),
        1
    );

    // A document whose answer breaks its question is refused whole.
    let mut v: serde_json::Value = serde_json::from_slice(&doc).unwrap();
    let forms = v["engagements"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r.get("forms").is_some())
        .unwrap();
    forms["forms"][0]["answers"][2]["answer"]["value"] = serde_json::json!(9);
    let bad = serde_json::to_vec(&v).unwrap();
    let (lib3, _guard3) = fresh(make);
    match lib3.import_practice(&mut bad.as_slice()) {
        Err(Error::Validation { field, .. }) => assert!(field.contains("forms[0].answers"), "{field}"),
        other => panic!("{other:?}"),
    }
}
