//! Forms and questionnaires: templates in the practice library kept by any coach, sent into an
//! engagement as a copy by a coach who manages it (or by its program), answered by its client
//! (drafts, then one submission checked for the required questions), read by the coach once
//! submitted and reopened by them; open forms on the coach's Client To-Dos and in what falls
//! due; every step in the log, a draft's in the client's alone.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use coaching_core::*;

use super::journal::feed;
use super::*;

pub(super) fn question(prompt: &str, kind: QuestionKind, required: bool) -> Question {
    Question {
        prompt: prompt.into(),
        help: None,
        kind,
        choices: Vec::new(),
        scale_max: None,
        required,
    }
}

pub(super) fn with_choices(prompt: &str, kind: QuestionKind, choices: &[&str], required: bool) -> Question {
    Question {
        choices: choices.iter().map(|c| c.to_string()).collect(),
        ..question(prompt, kind, required)
    }
}

pub(super) fn scale(prompt: &str, max: u32, required: bool) -> Question {
    Question {
        scale_max: Some(max),
        ..question(prompt, QuestionKind::Scale, required)
    }
}

/// One question of each kind, as stored; 0, 1, 3 and 4 are required.
fn questions() -> Vec<Question> {
    vec![
        question("Your role", QuestionKind::ShortText, true),
        question(
            "What do you want from coaching?",
            QuestionKind::LongText,
            true,
        ),
        with_choices(
            "How did you hear of us?",
            QuestionKind::SingleChoice,
            &["Friend", "Web", "Event"],
            false,
        ),
        with_choices(
            "Which areas matter most?",
            QuestionKind::MultipleChoice,
            &["Career", "Health", "Family", "Money"],
            true,
        ),
        scale("How ready are you?", 5, true),
        question("When would you like to start?", QuestionKind::Date, false),
    ]
}

fn new_template(name: &str, questions: Vec<Question>) -> NewFormTemplate {
    NewFormTemplate {
        name: name.into(),
        description: Some("Before we start".into()),
        questions,
    }
}

/// A template of [`questions`], made by the owner.
fn template(w: &World, name: &str) -> FormTemplate {
    w.lib
        .create_form_template(w.owner(), w.practice.id, new_template(name, questions()))
        .unwrap()
}

fn answer(question: u32, answer: Answer) -> FormAnswer {
    FormAnswer { question, answer }
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

/// An answer to every question of [`questions`], as stored.
fn full_answers() -> Vec<FormAnswer> {
    vec![
        answer(0, text("Team lead")),
        answer(1, text("Confidence\nin meetings")),
        answer(2, Answer::Choice("Web".into())),
        answer(3, Answer::Choices(vec!["Career".into(), "Money".into()])),
        answer(4, Answer::Scale(4)),
        answer(5, Answer::Date(date(2026, 3, 16))),
    ]
}

/// A template of the practice next door.
fn their_template(w: &World, p2: &Practice, their_owner: &Coach) -> FormTemplate {
    w.lib
        .create_form_template(
            Actor::Coach(their_owner.id),
            p2.id,
            new_template("Theirs", questions()),
        )
        .unwrap()
}

fn rename(name: &str) -> FormTemplateUpdate {
    FormTemplateUpdate {
        name: Some(name.into()),
        ..Default::default()
    }
}

#[track_caller]
fn invalid(err: Error, field: &str) {
    match &err {
        Error::Validation { field: f, .. } if f == field => {}
        _ => panic!("expected an invalid {field}, got {err:?}"),
    }
}

#[track_caller]
fn denied(err: Error) {
    assert!(
        matches!(err, Error::PermissionDenied { .. }),
        "expected PermissionDenied, got {err:?}"
    );
}

#[track_caller]
fn not_found(err: Error, kind: EntityKind) {
    assert!(
        matches!(err, Error::NotFound { kind: k, .. } if k == kind),
        "expected {kind:?} not found, got {err:?}"
    );
}

fn names(templates: Vec<FormTemplate>) -> Vec<String> {
    templates.into_iter().map(|t| t.name).collect()
}

/// The forms on `coach`'s Client To-Dos, as the owner reads them.
fn form_todos(w: &World, coach: CoachId) -> Vec<TodoItem> {
    w.lib
        .client_todos(w.owner(), coach, Page::default())
        .unwrap()
        .into_iter()
        .filter(|t| t.kind == TodoKind::Form)
        .collect()
}

pub fn form_templates_are_kept_by_any_coach_of_the_practice(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let pid = w.practice.id;
    let sam = w.add_coach("Sam Second");
    let coach = Actor::Coach(sam.id);
    let carla = Actor::Client(w.client.id);
    let dan = Actor::Client(w.add_client("Dan Noportal", false).id);

    // Names, prompts, help and choices are trimmed; empty text is none.
    let mut given = questions();
    given[0].prompt = "  Your role  ".into();
    given[0].help = Some("  As your team calls it ".into());
    given[1].help = Some("   ".into());
    given[2].choices = vec![" Friend ".into(), "Web".into(), "Event ".into()];
    let intake = w
        .lib
        .create_form_template(
            me,
            pid,
            NewFormTemplate {
                name: "  Intake  ".into(),
                description: Some("  Before we start ".into()),
                questions: given,
            },
        )
        .unwrap();
    let mut expected = questions();
    expected[0].help = Some("As your team calls it".into());
    assert_eq!(
        (
            intake.practice_id,
            intake.name.as_str(),
            intake.description.as_deref(),
            &intake.questions,
            intake.created_at,
            intake.updated_at
        ),
        (
            pid,
            "Intake",
            Some("Before we start"),
            &expected,
            t0(),
            t0()
        )
    );

    // Any coach of the practice adds to the library; a scale goes up to 2 to 10.
    w.clock.advance(Duration::hours(1));
    let weekly = w
        .lib
        .create_form_template(
            coach,
            pid,
            NewFormTemplate {
                name: "Weekly reflection".into(),
                description: Some("".into()),
                questions: vec![
                    question("What went well?", QuestionKind::LongText, true),
                    scale("How was the week?", 2, false),
                ],
            },
        )
        .unwrap();
    assert_eq!(
        (weekly.description.clone(), weekly.created_at),
        (None, t0() + Duration::hours(1))
    );
    let mid = w
        .lib
        .create_form_template(
            coach,
            pid,
            new_template(
                "Mid-point review",
                vec![scale("How is it going?", 10, true)],
            ),
        )
        .unwrap();
    // Listed by name, read by every coach.
    for who in [me, coach] {
        assert_eq!(
            w.lib.form_templates(who, pid).unwrap(),
            vec![intake.clone(), mid.clone(), weekly.clone()]
        );
        assert_eq!(w.lib.form_template(who, intake.id).unwrap(), intake);
        assert_eq!(w.lib.form_template(who, weekly.id).unwrap(), weekly);
    }

    // Any coach changes any template: a part left out stays; an empty description clears it.
    w.clock.advance(Duration::hours(1));
    let renamed = w
        .lib
        .update_form_template(
            coach,
            intake.id,
            FormTemplateUpdate {
                name: Some(" Intake questionnaire ".into()),
                description: Some("".into()),
                questions: None,
            },
        )
        .unwrap();
    assert_eq!(
        renamed,
        FormTemplate {
            name: "Intake questionnaire".into(),
            description: None,
            updated_at: t0() + Duration::hours(2),
            ..intake.clone()
        }
    );
    // Changing only the case of its own name is no clash with itself.
    let recased = w
        .lib
        .update_form_template(me, intake.id, rename("Intake Questionnaire"))
        .unwrap();
    assert_eq!(recased.name, "Intake Questionnaire");
    // New questions replace the old ones, all of them.
    let replaced = w
        .lib
        .update_form_template(
            me,
            weekly.id,
            FormTemplateUpdate {
                questions: Some(vec![question(
                    "One word for the week",
                    QuestionKind::ShortText,
                    false,
                )]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        replaced,
        FormTemplate {
            questions: vec![question(
                "One word for the week",
                QuestionKind::ShortText,
                false
            )],
            updated_at: t0() + Duration::hours(2),
            ..weekly.clone()
        }
    );
    assert_eq!(w.lib.form_template(coach, weekly.id).unwrap(), replaced);

    // A name is required and unique in the library, whatever its case.
    let before = w.snapshot();
    for r in [
        w.lib.create_form_template(
            coach,
            pid,
            new_template("intake QUESTIONNAIRE", questions()),
        ),
        w.lib
            .create_form_template(me, pid, new_template(" Mid-Point Review ", questions())),
        w.lib
            .create_form_template(me, pid, new_template("   ", questions())),
        w.lib
            .update_form_template(me, weekly.id, rename("MID-POINT REVIEW")),
        w.lib.update_form_template(me, weekly.id, rename("")),
    ] {
        invalid(refused(&w, &before, r), "name");
    }

    // Questions: 1 to 100, each with a prompt; a choice question has 1 to 50 distinct
    // choices (whatever their case) and only it has choices; a scale has a scale_max of 2 to
    // 10 and only it has one.
    let ok = || question("Fine", QuestionKind::ShortText, true);
    let many_choices: Vec<String> = (0..=MAX_QUESTION_CHOICES)
        .map(|i| format!("Choice {i}"))
        .collect();
    let bad: Vec<(Vec<Question>, &str)> = vec![
        (Vec::new(), "questions"),
        (
            (0..=MAX_FORM_QUESTIONS)
                .map(|i| question(&format!("Question {i}"), QuestionKind::ShortText, false))
                .collect(),
            "questions",
        ),
        (
            vec![question("  ", QuestionKind::ShortText, true)],
            "questions[0].prompt",
        ),
        (
            vec![ok(), question("Pick one", QuestionKind::SingleChoice, true)],
            "questions[1].choices",
        ),
        (
            vec![
                ok(),
                question("Pick some", QuestionKind::MultipleChoice, true),
            ],
            "questions[1].choices",
        ),
        (
            vec![
                ok(),
                with_choices(
                    "Pick one",
                    QuestionKind::SingleChoice,
                    &["Yes", "No", "Yes"],
                    true,
                ),
            ],
            "questions[1].choices",
        ),
        (
            vec![
                ok(),
                ok(),
                with_choices(
                    "Pick some",
                    QuestionKind::MultipleChoice,
                    &["Yes", "No", "yes"],
                    true,
                ),
            ],
            "questions[2].choices",
        ),
        (
            vec![with_choices(
                "Pick one",
                QuestionKind::SingleChoice,
                &["Yes", "  "],
                true,
            )],
            "questions[0].choices",
        ),
        (
            vec![Question {
                choices: many_choices.clone(),
                ..question("Pick some", QuestionKind::MultipleChoice, true)
            }],
            "questions[0].choices",
        ),
        (
            vec![
                ok(),
                with_choices("Why?", QuestionKind::ShortText, &["Because"], true),
            ],
            "questions[1].choices",
        ),
        (
            vec![with_choices(
                "How ready?",
                QuestionKind::Scale,
                &["Very"],
                true,
            )],
            "questions[0].choices",
        ),
        (
            vec![question("How ready?", QuestionKind::Scale, true)],
            "questions[0].scale_max",
        ),
        (
            vec![ok(), scale("How ready?", 1, true)],
            "questions[1].scale_max",
        ),
        (
            vec![scale("How ready?", 11, true)],
            "questions[0].scale_max",
        ),
        (vec![scale("How ready?", 0, true)], "questions[0].scale_max"),
        (
            vec![
                ok(),
                Question {
                    scale_max: Some(5),
                    ..question("Why?", QuestionKind::LongText, true)
                },
            ],
            "questions[1].scale_max",
        ),
        (
            vec![Question {
                scale_max: Some(5),
                ..with_choices("Pick one", QuestionKind::SingleChoice, &["A", "B"], true)
            }],
            "questions[0].scale_max",
        ),
        (
            vec![Question {
                scale_max: Some(5),
                ..question("When?", QuestionKind::Date, true)
            }],
            "questions[0].scale_max",
        ),
    ];
    let before = w.snapshot();
    for (qs, field) in bad {
        let r = w
            .lib
            .create_form_template(me, pid, new_template("Broken", qs.clone()));
        invalid(refused(&w, &before, r), field);
        let r = w.lib.update_form_template(
            coach,
            weekly.id,
            FormTemplateUpdate {
                questions: Some(qs),
                ..Default::default()
            },
        );
        invalid(refused(&w, &before, r), field);
    }
    assert_eq!(w.lib.form_template(me, weekly.id).unwrap(), replaced);
    // At the limits: 100 questions, 50 choices.
    let long = w
        .lib
        .create_form_template(
            me,
            pid,
            new_template(
                "Long form",
                (0..MAX_FORM_QUESTIONS)
                    .map(|i| question(&format!("Question {i}"), QuestionKind::ShortText, false))
                    .collect(),
            ),
        )
        .unwrap();
    assert_eq!(long.questions.len(), MAX_FORM_QUESTIONS);
    let wide = w
        .lib
        .update_form_template(
            me,
            long.id,
            FormTemplateUpdate {
                questions: Some(vec![Question {
                    choices: many_choices[..MAX_QUESTION_CHOICES].to_vec(),
                    ..question("Pick some", QuestionKind::MultipleChoice, true)
                }]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(wide.questions[0].choices.len(), MAX_QUESTION_CHOICES);

    // Clients of the practice keep no templates and read none: refused, nothing changed.
    let before = w.snapshot();
    for who in [carla, dan] {
        for r in [
            w.lib
                .create_form_template(who, pid, new_template("Mine", questions()))
                .map(drop),
            w.lib.form_templates(who, pid).map(drop),
            w.lib.form_template(who, intake.id).map(drop),
            w.lib
                .update_form_template(who, intake.id, rename("Hijacked"))
                .map(drop),
            w.lib.delete_form_template(who, intake.id),
        ] {
            denied(refused(&w, &before, r));
        }
    }

    // Another practice does not see that the library exists; its own library may use the same
    // names, and this practice's coaches do not reach it either.
    let (p2, their_owner, their_client, _) = w.neighbour();
    let theirs = w
        .lib
        .create_form_template(
            Actor::Coach(their_owner.id),
            p2.id,
            new_template("Intake Questionnaire", questions()),
        )
        .unwrap();
    let before = w.snapshot();
    for who in [Actor::Coach(their_owner.id), Actor::Client(their_client.id)] {
        for r in [
            w.lib
                .create_form_template(who, pid, new_template("Theirs", questions()))
                .map(drop),
            w.lib.form_templates(who, pid).map(drop),
        ] {
            not_found(refused(&w, &before, r), EntityKind::Practice);
        }
        for r in [
            w.lib.form_template(who, intake.id).map(drop),
            w.lib
                .update_form_template(who, intake.id, rename("Hijacked"))
                .map(drop),
            w.lib.delete_form_template(who, intake.id),
        ] {
            not_found(refused(&w, &before, r), EntityKind::FormTemplate);
        }
    }
    for who in [me, coach] {
        for r in [
            w.lib.form_template(who, theirs.id).map(drop),
            w.lib
                .update_form_template(who, theirs.id, rename("Hijacked"))
                .map(drop),
            w.lib.delete_form_template(who, theirs.id),
            w.lib.form_template(who, FormTemplateId::new()).map(drop),
        ] {
            not_found(refused(&w, &before, r), EntityKind::FormTemplate);
        }
    }
    assert_eq!(
        w.lib
            .form_template(Actor::Coach(their_owner.id), theirs.id)
            .unwrap(),
        theirs
    );

    // Any coach deletes a template; its name is free again.
    w.lib.delete_form_template(coach, mid.id).unwrap();
    not_found(
        w.lib.form_template(me, mid.id).unwrap_err(),
        EntityKind::FormTemplate,
    );
    assert_eq!(
        names(w.lib.form_templates(coach, pid).unwrap()),
        ["Intake Questionnaire", "Long form", "Weekly reflection"]
    );
    let before = w.snapshot();
    not_found(
        refused(&w, &before, w.lib.delete_form_template(me, mid.id)),
        EntityKind::FormTemplate,
    );
    not_found(
        refused(
            &w,
            &before,
            w.lib.update_form_template(me, mid.id, rename("Back")),
        ),
        EntityKind::FormTemplate,
    );
    w.lib
        .create_form_template(coach, pid, new_template("Mid-point review", questions()))
        .unwrap();
}

pub fn a_sent_form_is_a_copy_of_its_template(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let t = template(&w, "Intake");
    let check_in = template(&w, "Check-in");

    // The form is the template's name, description and questions, open, with no answers.
    w.clock.advance(Duration::hours(1));
    let f = w
        .lib
        .send_form(me, e.id, t.id, Some(date(2026, 3, 20)))
        .unwrap();
    let now = t0() + Duration::hours(1);
    assert_eq!(
        f,
        Form {
            id: f.id,
            practice_id: w.practice.id,
            engagement_id: e.id,
            template_id: Some(t.id),
            name: "Intake".into(),
            description: Some("Before we start".into()),
            questions: questions(),
            answers: Vec::new(),
            status: FormStatus::Open,
            due_date: Some(date(2026, 3, 20)),
            sent_by: me,
            sent_at: now,
            submitted_at: None,
            updated_at: now,
        }
    );
    for who in [me, carla] {
        assert_eq!(w.lib.form(who, f.id).unwrap(), f);
        assert_eq!(w.lib.forms(who, e.id).unwrap(), vec![f.clone()]);
    }
    w.lib
        .save_form_answers(carla, f.id, full_answers())
        .unwrap();
    let f = w.lib.submit_form(carla, f.id).unwrap();

    // Editing the template later changes no form already sent.
    w.clock.advance(Duration::hours(1));
    let new_questions = vec![question("Anything else?", QuestionKind::LongText, false)];
    w.lib
        .update_form_template(
            me,
            t.id,
            FormTemplateUpdate {
                name: Some("Intake v2".into()),
                description: Some("".into()),
                questions: Some(new_questions.clone()),
            },
        )
        .unwrap();
    assert_eq!(w.lib.form(me, f.id).unwrap(), f);
    assert_eq!(w.lib.form(carla, f.id).unwrap(), f);
    // Sent now, a form is the template as it is now; forms are listed oldest first.
    w.clock.advance(Duration::hours(1));
    let g = w.lib.send_form(me, e.id, t.id, None).unwrap();
    assert_eq!(
        (
            g.template_id,
            g.name.as_str(),
            g.description.clone(),
            g.questions.clone(),
            g.due_date
        ),
        (Some(t.id), "Intake v2", None, new_questions.clone(), None)
    );
    assert_eq!(w.lib.forms(me, e.id).unwrap(), vec![f.clone(), g.clone()]);

    // Programs that send it, and one that sends another template.
    let goal_item = w
        .lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Goal {
                name: "Define success".into(),
                description: None,
                due_after_days: None,
            },
        )
        .unwrap();
    w.lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Form {
                template_id: t.id,
                due_after_days: Some(7),
            },
        )
        .unwrap();
    let other_item = w
        .lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Form {
                template_id: check_in.id,
                due_after_days: None,
            },
        )
        .unwrap();
    let other_program = w
        .lib
        .create_program(me, w.practice.id, NewProgram::sessions("Career", 6))
        .unwrap();
    w.lib
        .add_program_item(
            me,
            other_program.id,
            ProgramItemKind::Form {
                template_id: t.id,
                due_after_days: None,
            },
        )
        .unwrap();

    // Deleting the template: the forms sent stay, answers and all, no longer linked to it;
    // the program items that send it go with it.
    w.clock.advance(Duration::hours(1));
    w.lib.delete_form_template(me, t.id).unwrap();
    let unlinked = Form {
        template_id: None,
        ..f.clone()
    };
    for who in [me, carla] {
        assert_eq!(w.lib.form(who, f.id).unwrap(), unlinked);
    }
    assert_eq!(
        w.lib.forms(me, e.id).unwrap(),
        vec![
            unlinked.clone(),
            Form {
                template_id: None,
                ..g.clone()
            }
        ]
    );
    assert_eq!(
        w.lib
            .program_items(me, w.program.id)
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect::<Vec<_>>(),
        vec![goal_item.id, other_item.id]
    );
    assert!(w
        .lib
        .program_items(me, other_program.id)
        .unwrap()
        .is_empty());
    assert_eq!(w.lib.form_template(me, check_in.id).unwrap(), check_in);
    // It is sent no more.
    let before = w.snapshot();
    not_found(
        refused(&w, &before, w.lib.send_form(me, e.id, t.id, None)),
        EntityKind::FormTemplate,
    );

    // A due date out of the supported range is refused; so are another practice's template
    // and an engagement that does not exist.
    let (p2, their_owner, _, their_e) = w.neighbour();
    let theirs = their_template(&w, &p2, &their_owner);
    let before = w.snapshot();
    invalid(
        refused(
            &w,
            &before,
            w.lib
                .send_form(me, e.id, check_in.id, Some(date(9999, 1, 1))),
        ),
        "due_date",
    );
    not_found(
        refused(&w, &before, w.lib.send_form(me, e.id, theirs.id, None)),
        EntityKind::FormTemplate,
    );
    not_found(
        refused(
            &w,
            &before,
            w.lib.send_form(me, EngagementId::new(), check_in.id, None),
        ),
        EntityKind::Engagement,
    );
    not_found(
        refused(
            &w,
            &before,
            w.lib.send_form(me, their_e.id, check_in.id, None),
        ),
        EntityKind::Engagement,
    );
    // Their own coach does not send this practice's template into their engagement.
    not_found(
        w.lib
            .send_form(Actor::Coach(their_owner.id), their_e.id, check_in.id, None)
            .unwrap_err(),
        EntityKind::FormTemplate,
    );
    assert!(w
        .lib
        .forms(Actor::Coach(their_owner.id), their_e.id)
        .unwrap()
        .is_empty());
}

pub fn answers_are_checked_against_their_questions(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let t = template(&w, "Intake");
    let f = w.lib.send_form(me, e.id, t.id, None).unwrap();
    let save = |answers: Vec<FormAnswer>| w.lib.save_form_answers(carla, f.id, answers);

    // Each kind as stored: text trimmed (a long one keeps its lines), a choice, choices in
    // the question's order whatever the order picked, a scale, a date; by question.
    w.clock.advance(Duration::hours(1));
    let saved = save(vec![
        answer(4, Answer::Scale(5)),
        answer(0, text("  Team lead ")),
        answer(3, Answer::Choices(vec!["Money".into(), "Career".into()])),
        answer(1, text("  Confidence\nin meetings\n\nand at home\n")),
        answer(2, Answer::Choice("Web".into())),
        answer(5, Answer::Date(date(2026, 4, 1))),
    ])
    .unwrap();
    assert_eq!(
        saved.answers,
        vec![
            answer(0, text("Team lead")),
            answer(1, text("Confidence\nin meetings\n\nand at home")),
            answer(2, Answer::Choice("Web".into())),
            answer(3, Answer::Choices(vec!["Career".into(), "Money".into()])),
            answer(4, Answer::Scale(5)),
            answer(5, Answer::Date(date(2026, 4, 1))),
        ]
    );
    assert_eq!(
        (saved.status, saved.submitted_at, saved.updated_at),
        (FormStatus::Open, None, t0() + Duration::hours(1))
    );
    assert_eq!(w.lib.form(carla, f.id).unwrap(), saved);
    assert_eq!(w.stored_forms(e.id), vec![saved.clone()]);

    // Text stands for every kind: a choice, choices one per line, the scale's number, a date.
    // A save replaces the draft whole: what it leaves out is no longer answered.
    let saved = save(vec![
        answer(2, text(" Event ")),
        answer(3, text("Money\nHealth\n\n")),
        answer(4, text(" 2 ")),
        answer(5, text("2026-03-04")),
    ])
    .unwrap();
    assert_eq!(
        saved.answers,
        vec![
            answer(2, Answer::Choice("Event".into())),
            answer(3, Answer::Choices(vec!["Health".into(), "Money".into()])),
            answer(4, Answer::Scale(2)),
            answer(5, Answer::Date(date(2026, 3, 4))),
        ]
    );
    assert_eq!(w.lib.form(carla, f.id).unwrap().answers, saved.answers);

    // An empty answer is no answer.
    let saved = save(vec![
        answer(0, text("   ")),
        answer(1, text("")),
        answer(2, text(" ")),
        answer(3, text("\n\n")),
        answer(4, text("")),
        answer(5, text(" ")),
    ])
    .unwrap();
    assert!(saved.answers.is_empty(), "{saved:?}");
    let saved = save(vec![
        answer(3, Answer::Choices(Vec::new())),
        answer(1, text("Kept")),
    ])
    .unwrap();
    assert_eq!(saved.answers, vec![answer(1, text("Kept"))]);
    // A short text of 200 characters is fine.
    let longest = "x".repeat(MAX_SHORT_ANSWER_CHARS);
    let draft = save(vec![answer(0, text(&longest)), answer(1, text("Kept"))]).unwrap();
    assert_eq!(
        draft.answers,
        vec![answer(0, text(&longest)), answer(1, text("Kept"))]
    );

    // Whatever does not fit its question is refused, named by its place in the answers given,
    // and the draft stays as it was.
    let too_long = "x".repeat(MAX_SHORT_ANSWER_CHARS + 1);
    let much_too_long = "y".repeat(MAX_LONG_ANSWER_CHARS + 1);
    let cases: Vec<(Vec<FormAnswer>, &str)> = vec![
        // A short text over 200 characters, or of several lines; a long one over 10,000.
        (vec![answer(0, text(&too_long))], "answers[0]"),
        (
            vec![answer(1, text("fine")), answer(0, text("two\nlines"))],
            "answers[1]",
        ),
        (vec![answer(1, text(&much_too_long))], "answers[0]"),
        // Not one of the question's choices.
        (
            vec![
                answer(0, text("fine")),
                answer(2, Answer::Choice("Radio".into())),
            ],
            "answers[1]",
        ),
        (vec![answer(2, text("Friend\nWeb"))], "answers[0]"),
        (
            vec![answer(
                3,
                Answer::Choices(vec!["Career".into(), "Golf".into()]),
            )],
            "answers[0]",
        ),
        (vec![answer(3, text("Career\nGolf"))], "answers[0]"),
        // A choice picked twice.
        (
            vec![answer(
                3,
                Answer::Choices(vec!["Career".into(), "Health".into(), "Career".into()]),
            )],
            "answers[0]",
        ),
        (vec![answer(3, text("Health\nHealth"))], "answers[0]"),
        // Off the scale of 1 to 5.
        (vec![answer(4, Answer::Scale(0))], "answers[0]"),
        (
            vec![answer(0, text("fine")), answer(4, Answer::Scale(6))],
            "answers[1]",
        ),
        (vec![answer(4, text("6"))], "answers[0]"),
        (vec![answer(4, text("three"))], "answers[0]"),
        // Not a date, or one out of the supported range.
        (vec![answer(5, text("2026-02-30"))], "answers[0]"),
        (vec![answer(5, text("04/03/2026"))], "answers[0]"),
        (
            vec![answer(5, Answer::Date(date(9999, 1, 1)))],
            "answers[0]",
        ),
        // An answer of another kind.
        (vec![answer(0, Answer::Scale(3))], "answers[0]"),
        (vec![answer(4, Answer::Choice("Web".into()))], "answers[0]"),
        (
            vec![answer(2, Answer::Choices(vec!["Web".into()]))],
            "answers[0]",
        ),
        (vec![answer(5, Answer::Scale(3))], "answers[0]"),
        // No such question; a question answered twice.
        (vec![answer(6, text("extra"))], "answers[0].question"),
        (
            vec![answer(0, text("a")), answer(u32::MAX, text("b"))],
            "answers[1].question",
        ),
        (
            vec![answer(0, text("a")), answer(0, text("b"))],
            "answers[1].question",
        ),
    ];
    let before = w.snapshot();
    for (given, field) in cases {
        let what = format!("{given:?}");
        let err = refused(&w, &before, save(given));
        match &err {
            Error::Validation { field: f, .. } if f == field => {}
            _ => panic!("{what}: expected an invalid {field}, got {err:?}"),
        }
    }
    assert_eq!(w.lib.form(carla, f.id).unwrap(), draft);
}

pub fn coaches_read_the_answers_once_submitted(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let e = w.engagement_in(Status::Active);
    let t = template(&w, "Intake");
    let optional = w
        .lib
        .create_form_template(
            me,
            w.practice.id,
            new_template(
                "Check-in",
                vec![question("Anything to add?", QuestionKind::LongText, false)],
            ),
        )
        .unwrap();
    let f = w
        .lib
        .send_form(me, e.id, t.id, Some(date(2026, 3, 20)))
        .unwrap();
    w.clock.advance(Duration::minutes(1));
    let g = w.lib.send_form(me, e.id, optional.id, None).unwrap();

    // A draft is the client's: the coach reads the form without its answers.
    w.clock.advance(Duration::hours(1));
    let draft = w
        .lib
        .save_form_answers(
            carla,
            f.id,
            vec![answer(2, text("Web")), answer(0, text("Team lead"))],
        )
        .unwrap();
    assert_eq!(
        draft.answers,
        vec![
            answer(0, text("Team lead")),
            answer(2, Answer::Choice("Web".into()))
        ]
    );
    let blank = Form {
        answers: Vec::new(),
        ..draft.clone()
    };
    assert_eq!(w.lib.form(carla, f.id).unwrap(), draft);
    assert_eq!(w.lib.form(me, f.id).unwrap(), blank);
    assert_eq!(
        w.lib.forms(carla, e.id).unwrap(),
        vec![draft.clone(), g.clone()]
    );
    assert_eq!(
        w.lib.forms(me, e.id).unwrap(),
        vec![blank.clone(), g.clone()]
    );

    // Submitting needs every required question answered: all the missing ones are named.
    let before = w.snapshot();
    let err = refused(&w, &before, w.lib.submit_form(carla, f.id));
    assert_eq!(
        err,
        Error::MissingFields {
            fields: vec![
                "questions[1]".into(),
                "questions[3]".into(),
                "questions[4]".into()
            ]
        }
    );
    let required_only = vec![
        answer(0, text("Team lead")),
        answer(1, text("Confidence")),
        answer(3, Answer::Choices(vec!["Health".into()])),
        answer(4, Answer::Scale(3)),
    ];
    w.lib
        .save_form_answers(carla, f.id, required_only.clone())
        .unwrap();
    w.clock.advance(Duration::hours(1));
    let submitted_at = t0() + Duration::minutes(1) + Duration::hours(2);
    let submitted = w.lib.submit_form(carla, f.id).unwrap();
    assert_eq!(
        submitted,
        Form {
            answers: required_only.clone(),
            status: FormStatus::Submitted,
            submitted_at: Some(submitted_at),
            updated_at: submitted_at,
            ..draft.clone()
        }
    );
    // A form of optional questions only is submitted without answers.
    let g = w.lib.submit_form(carla, g.id).unwrap();
    assert_eq!(
        (g.status, g.answers.clone(), g.submitted_at),
        (FormStatus::Submitted, Vec::new(), Some(submitted_at))
    );

    // Submitted, its answers are the coach's to read too.
    for who in [me, carla] {
        assert_eq!(w.lib.form(who, f.id).unwrap(), submitted);
        assert_eq!(
            w.lib.forms(who, e.id).unwrap(),
            vec![submitted.clone(), g.clone()]
        );
    }

    // And read-only for the client: no more saving or submitting; reopening is the coach's.
    let before = w.snapshot();
    for r in [
        w.lib.save_form_answers(carla, f.id, full_answers()),
        w.lib.save_form_answers(carla, f.id, Vec::new()),
        w.lib.submit_form(carla, f.id),
    ] {
        let err = refused(&w, &before, r);
        assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    }
    denied(refused(&w, &before, w.lib.reopen_form(carla, f.id)));

    // The coach reopens it: open again, its answers kept as the client's draft (the coach no
    // longer reads them); it keeps when it was last submitted.
    w.clock.advance(Duration::hours(1));
    let reopened = w.lib.reopen_form(me, f.id).unwrap();
    let open_again = Form {
        status: FormStatus::Open,
        updated_at: submitted_at + Duration::hours(1),
        ..submitted.clone()
    };
    assert_eq!(
        reopened,
        Form {
            answers: Vec::new(),
            ..open_again.clone()
        }
    );
    assert_eq!(w.lib.form(carla, f.id).unwrap(), open_again);
    assert_eq!(w.lib.form(me, f.id).unwrap(), reopened);
    // An open form is not reopened.
    let before = w.snapshot();
    let err = refused(&w, &before, w.lib.reopen_form(me, f.id));
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");

    // The client changes it and submits it again.
    w.lib
        .save_form_answers(carla, f.id, full_answers())
        .unwrap();
    w.clock.advance(Duration::hours(1));
    let again = w.lib.submit_form(carla, f.id).unwrap();
    let resubmitted_at = submitted_at + Duration::hours(2);
    assert_eq!(
        (
            again.status,
            again.answers.clone(),
            again.submitted_at,
            again.updated_at
        ),
        (
            FormStatus::Submitted,
            full_answers(),
            Some(resubmitted_at),
            resubmitted_at
        )
    );
    assert_eq!(w.lib.form(me, f.id).unwrap(), again);
}

pub fn only_the_engagements_client_answers_while_it_is_active(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let pid = w.practice.id;
    let carla = Actor::Client(w.client.id);
    let sam = w.add_coach("Sam Second");
    let coach = Actor::Coach(sam.id);
    let dan = w.add_client("Dan Other", true);
    let nora = w.add_client("Nora Noportal", false);
    let (dan_a, nora_a) = (Actor::Client(dan.id), Actor::Client(nora.id));
    let t = template(&w, "Intake");
    let active_with = |client: ClientId| {
        let e = w
            .lib
            .create_engagement(
                me,
                pid,
                NewEngagement {
                    program_id: Some(w.program.id),
                    coach_id: Some(w.owner.id),
                    client_id: Some(client),
                    ..Default::default()
                },
            )
            .unwrap();
        w.lib.activate(me, e.id).unwrap()
    };
    let e = active_with(w.client.id);
    let e_dan = active_with(dan.id);
    let e_nora = active_with(nora.id);
    let d = w.draft();
    let f = w.lib.send_form(me, e.id, t.id, None).unwrap();
    let f_dan = w.lib.send_form(me, e_dan.id, t.id, None).unwrap();
    let f_nora = w.lib.send_form(me, e_nora.id, t.id, None).unwrap();
    let f_draft = w.lib.send_form(me, d.id, t.id, None).unwrap();
    w.lib
        .save_form_answers(carla, f.id, full_answers())
        .unwrap();

    // No one answers but the engagement's own client, with a portal, once it has started: not
    // its coach, not a coach it is not assigned to, not another client of the practice.
    let before = w.snapshot();
    for (who, form) in [
        (me, f.id),
        (coach, f.id),
        (dan_a, f.id),
        (nora_a, f.id),
        (carla, f_dan.id),
        (carla, f_nora.id),
        (nora_a, f_nora.id),
        (carla, f_draft.id),
    ] {
        for r in [
            w.lib
                .save_form_answers(who, form, vec![answer(0, text("Not theirs"))]),
            w.lib.submit_form(who, form),
        ] {
            denied(refused(&w, &before, r));
        }
    }
    // Nor do they read it: the coach it is not assigned to, another client, the client without
    // a portal, the client of a Draft engagement.
    for (who, form) in [
        (coach, f.id),
        (dan_a, f.id),
        (nora_a, f_nora.id),
        (carla, f_draft.id),
    ] {
        denied(w.lib.form(who, form).unwrap_err());
    }
    for (who, engagement) in [
        (coach, e.id),
        (dan_a, e.id),
        (nora_a, e_nora.id),
        (carla, d.id),
    ] {
        denied(w.lib.forms(who, engagement).unwrap_err());
    }
    // Sending, reopening and withdrawing are for a coach who manages the engagement.
    for who in [coach, carla, dan_a] {
        for r in [
            w.lib.send_form(who, e.id, t.id, None).map(drop),
            w.lib.reopen_form(who, f.id).map(drop),
            w.lib.delete_form(who, f.id),
        ] {
            denied(refused(&w, &before, r));
        }
    }
    assert_eq!(w.lib.form(carla, f.id).unwrap().answers, full_answers());

    // Another practice is told none of it exists.
    let (_, their_owner, their_client, their_e) = w.neighbour();
    let before = w.snapshot();
    for who in [Actor::Coach(their_owner.id), Actor::Client(their_client.id)] {
        for r in [
            w.lib.form(who, f.id).map(drop),
            w.lib.save_form_answers(who, f.id, full_answers()).map(drop),
            w.lib.submit_form(who, f.id).map(drop),
            w.lib.reopen_form(who, f.id).map(drop),
            w.lib.delete_form(who, f.id),
        ] {
            not_found(refused(&w, &before, r), EntityKind::Form);
        }
        for r in [
            w.lib.forms(who, e.id).map(drop),
            w.lib.send_form(who, e.id, t.id, None).map(drop),
        ] {
            not_found(refused(&w, &before, r), EntityKind::Engagement);
        }
    }
    // And this practice does not reach theirs; an unknown form is not found.
    for who in [me, carla] {
        not_found(
            refused(&w, &before, w.lib.forms(who, their_e.id)),
            EntityKind::Engagement,
        );
        not_found(
            refused(&w, &before, w.lib.form(who, FormId::new())),
            EntityKind::Form,
        );
    }

    // Assigned the engagement, the second coach reads its forms (not the open one's answers)
    // and sends more, but answers none.
    w.lib.reassign(me, e.id, sam.id).unwrap();
    assert!(w.lib.form(coach, f.id).unwrap().answers.is_empty());
    assert_eq!(w.lib.forms(coach, e.id).unwrap().len(), 1);
    let before = w.snapshot();
    denied(refused(
        &w,
        &before,
        w.lib.save_form_answers(coach, f.id, full_answers()),
    ));
    denied(refused(&w, &before, w.lib.submit_form(coach, f.id)));
    let sent = w.lib.send_form(coach, e.id, t.id, None).unwrap();
    assert_eq!(sent.sent_by, coach);
    assert_eq!(w.lib.forms(me, e.id).unwrap().len(), 2);

    // Once the engagement is not Active, the client answers nothing more, but still reads.
    w.lib.deactivate(me, e.id).unwrap();
    let before = w.snapshot();
    for r in [
        w.lib.save_form_answers(carla, f.id, Vec::new()),
        w.lib.submit_form(carla, f.id),
    ] {
        assert_eq!(
            refused(&w, &before, r),
            Error::EngagementNotActive {
                status: Status::Inactive
            }
        );
    }
    assert_eq!(w.lib.form(carla, f.id).unwrap().answers, full_answers());
    w.lib.activate(me, e.id).unwrap();
    w.lib.complete(me, e.id, None).unwrap();
    let before = w.snapshot();
    for r in [
        w.lib.save_form_answers(carla, f.id, Vec::new()),
        w.lib.submit_form(carla, f.id),
    ] {
        assert_eq!(
            refused(&w, &before, r),
            Error::EngagementNotActive {
                status: Status::Completed
            }
        );
    }
    assert_eq!(w.lib.forms(carla, e.id).unwrap().len(), 2);
    // Active again, the client submits.
    w.lib.activate(me, e.id).unwrap();
    assert_eq!(
        w.lib.submit_form(carla, f.id).unwrap().status,
        FormStatus::Submitted
    );
}

pub fn open_forms_are_on_the_coachs_todos_until_submitted(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let pid = w.practice.id;
    let carla = Actor::Client(w.client.id);
    let sam = w.add_coach("Sam Second");
    let coach = Actor::Coach(sam.id);
    let e = w.engagement_in(Status::Active);
    let t = template(&w, "Intake");
    let check_in = template(&w, "Check-in");
    // Today is Monday 2 March 2026 (London).
    let f = w
        .lib
        .send_form(me, e.id, t.id, Some(date(2026, 3, 6)))
        .unwrap();
    let undated = w.lib.send_form(me, e.id, check_in.id, None).unwrap();
    let line = |f: &Form, overdue: bool| TodoItem {
        kind: TodoKind::Form,
        id: *f.id.as_uuid(),
        engagement_id: e.id,
        client_id: w.client.id,
        client_name: "Carla Client".into(),
        name: f.name.clone(),
        goal_name: None,
        due_date: f.due_date,
        overdue,
    };
    // Dated ones first.
    let both = || vec![line(&f, false), line(&undated, false)];
    assert_eq!(form_todos(&w, w.owner.id), both());
    assert!(form_todos(&w, sam.id).is_empty());

    // What falls due: a reminder to the coach and one to the client (who has a portal).
    let reminders = |who: Actor, from: DateTime<Utc>, to: DateTime<Utc>| -> Vec<Reminder> {
        w.lib
            .due(who, pid, from, to)
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == DueKind::Form)
            .collect()
    };
    let reminder = |to: Actor, to_name: &str, overdue: bool| Reminder {
        to,
        to_name: to_name.into(),
        kind: DueKind::Form,
        id: *f.id.as_uuid(),
        engagement_id: e.id,
        title: "Intake".into(),
        starts_at: None,
        due_date: Some(date(2026, 3, 6)),
        overdue,
    };
    let week = (t0(), t0() + Duration::days(7));
    assert_eq!(
        reminders(me, week.0, week.1),
        vec![
            reminder(carla, "Carla Client", false),
            reminder(me, "Olivia Owner", false)
        ]
    );
    assert_eq!(
        reminders(carla, week.0, week.1),
        vec![reminder(carla, "Carla Client", false)]
    );
    // Not before the days it falls due in; an undated form never.
    assert!(reminders(me, t0(), t0() + Duration::days(2)).is_empty());

    // Submitted, it is off the list; reopened, it is back.
    w.lib
        .save_form_answers(carla, f.id, full_answers())
        .unwrap();
    w.lib.submit_form(carla, f.id).unwrap();
    assert_eq!(form_todos(&w, w.owner.id), vec![line(&undated, false)]);
    assert!(reminders(me, week.0, week.1).is_empty());
    w.lib.reopen_form(me, f.id).unwrap();
    assert_eq!(form_todos(&w, w.owner.id), both());
    assert_eq!(reminders(me, week.0, week.1).len(), 2);

    // Paused or completed, the engagement's forms are off the list; active again, back.
    w.lib.deactivate(me, e.id).unwrap();
    assert!(form_todos(&w, w.owner.id).is_empty());
    assert!(reminders(me, week.0, week.1).is_empty());
    w.lib.activate(me, e.id).unwrap();
    assert_eq!(form_todos(&w, w.owner.id), both());
    w.lib.complete(me, e.id, None).unwrap();
    assert!(form_todos(&w, w.owner.id).is_empty());
    assert!(reminders(me, week.0, week.1).is_empty());
    w.lib.activate(me, e.id).unwrap();
    assert_eq!(form_todos(&w, w.owner.id), both());

    // Reassigned, they move to the new coach's to-dos and reminders.
    w.lib.reassign(me, e.id, sam.id).unwrap();
    assert!(form_todos(&w, w.owner.id).is_empty());
    assert_eq!(form_todos(&w, sam.id), both());
    let sams: Vec<TodoItem> = w
        .lib
        .client_todos(coach, sam.id, Page::default())
        .unwrap()
        .into_iter()
        .filter(|t| t.kind == TodoKind::Form)
        .collect();
    assert_eq!(sams, both());
    assert_eq!(
        reminders(coach, week.0, week.1),
        vec![
            reminder(carla, "Carla Client", false),
            reminder(coach, "Sam Second", false)
        ]
    );
    assert_eq!(
        reminders(me, week.0, week.1),
        reminders(coach, week.0, week.1)
    );

    // A form sent into a Draft engagement is on no one's list until it is activated.
    let d = w.draft();
    let early = w.lib.send_form(me, d.id, check_in.id, None).unwrap();
    assert!(form_todos(&w, w.owner.id).is_empty());
    w.lib.activate(me, d.id).unwrap();
    assert_eq!(
        form_todos(&w, w.owner.id),
        vec![TodoItem {
            engagement_id: d.id,
            ..line(&early, false)
        }]
    );
    // Withdrawn, it is off.
    w.lib.delete_form(me, early.id).unwrap();
    assert!(form_todos(&w, w.owner.id).is_empty());

    // Past its day (London), it is overdue on the list and in the reminders.
    w.clock.advance(Duration::days(5));
    assert_eq!(
        form_todos(&w, sam.id),
        vec![line(&f, true), line(&undated, false)]
    );
    let now = t0() + Duration::days(5);
    assert_eq!(
        reminders(me, now, now + Duration::days(1)),
        vec![
            reminder(carla, "Carla Client", true),
            reminder(coach, "Sam Second", true)
        ]
    );
}

pub fn programs_send_their_forms_due_after_the_start(make: MakeStore) {
    let w = World::new(make, Plan::solo());
    let me = w.owner();
    let pid = w.practice.id;
    let carla = Actor::Client(w.client.id);
    let t = template(&w, "Intake");
    let kind = ProgramItemKind::Form {
        template_id: t.id,
        due_after_days: Some(7),
    };
    let item = w
        .lib
        .add_program_item(me, w.program.id, kind.clone())
        .unwrap();
    assert_eq!(
        (item.program_id, item.position, &item.item),
        (w.program.id, 0, &kind)
    );
    assert_eq!(
        w.lib.program_items(me, w.program.id).unwrap(),
        vec![item.clone()]
    );

    // Refused, changing nothing: a delay over ten years, another practice's template, a
    // template that does not exist.
    let (p2, their_owner, _, _) = w.neighbour();
    let theirs = their_template(&w, &p2, &their_owner);
    let before = w.snapshot();
    invalid(
        refused(
            &w,
            &before,
            w.lib.add_program_item(
                me,
                w.program.id,
                ProgramItemKind::Form {
                    template_id: t.id,
                    due_after_days: Some(MAX_DUE_AFTER_DAYS + 1),
                },
            ),
        ),
        "due_after_days",
    );
    for id in [theirs.id, FormTemplateId::new()] {
        not_found(
            refused(
                &w,
                &before,
                w.lib.add_program_item(
                    me,
                    w.program.id,
                    ProgramItemKind::Form {
                        template_id: id,
                        due_after_days: Some(7),
                    },
                ),
            ),
            EntityKind::FormTemplate,
        );
    }

    // Each engagement created from the program gets the template as it is then, due 7 days
    // after its start date (no due date without one), sent by whoever created it.
    w.clock.advance(Duration::hours(1));
    let t = w
        .lib
        .update_form_template(me, t.id, rename("Intake questionnaire"))
        .unwrap();
    let create = |start: Option<NaiveDate>| {
        w.lib
            .create_engagement(
                me,
                pid,
                NewEngagement {
                    program_id: Some(w.program.id),
                    coach_id: Some(w.owner.id),
                    client_id: Some(w.client.id),
                    start_date: start,
                    ..Default::default()
                },
            )
            .unwrap()
    };
    let sent = |e: &Engagement| -> Form {
        let forms = w.lib.forms(me, e.id).unwrap();
        assert_eq!(forms.len(), 1, "{forms:?}");
        forms[0].clone()
    };
    let march = create(Some(date(2026, 3, 2)));
    let april = create(Some(date(2026, 4, 1)));
    let undated = create(None);
    for (e, due) in [
        (&march, Some(date(2026, 3, 9))),
        (&april, Some(date(2026, 4, 8))),
        (&undated, None),
    ] {
        let f = sent(e);
        assert_eq!(
            f,
            Form {
                id: f.id,
                practice_id: pid,
                engagement_id: e.id,
                template_id: Some(t.id),
                name: "Intake questionnaire".into(),
                description: Some("Before we start".into()),
                questions: questions(),
                answers: Vec::new(),
                status: FormStatus::Open,
                due_date: due,
                sent_by: me,
                sent_at: t0() + Duration::hours(1),
                submitted_at: None,
                updated_at: t0() + Duration::hours(1),
            }
        );
        let log = w.lib.activity(me, e.id, Page::first(1000)).unwrap();
        assert!(
            log.iter().any(|l| l.action == Action::FormSent
                && l.actor == me
                && l.target == TargetRef::new(EntityKind::Form, *f.id.as_uuid())
                && l.detail.as_deref() == Some("Intake questionnaire")),
            "{log:?}"
        );
    }

    // The engagement is Draft: the client does not see the form yet, nor is it on the to-dos.
    let f = sent(&march);
    denied(w.lib.form(carla, f.id).unwrap_err());
    assert!(form_todos(&w, w.owner.id).is_empty());
    w.lib.activate(me, march.id).unwrap();
    assert_eq!(w.lib.form(carla, f.id).unwrap(), f);
    assert_eq!(
        form_todos(&w, w.owner.id)
            .into_iter()
            .map(|x| (x.id, x.engagement_id, x.due_date))
            .collect::<Vec<_>>(),
        vec![(*f.id.as_uuid(), march.id, Some(date(2026, 3, 9)))]
    );
    w.lib
        .save_form_answers(carla, f.id, full_answers())
        .unwrap();
    assert_eq!(
        w.lib.submit_form(carla, f.id).unwrap().answers,
        full_answers()
    );

    // Removing the item leaves the forms sent; engagements created afterwards get none.
    w.lib
        .remove_program_item(me, w.program.id, item.id)
        .unwrap();
    assert_eq!(sent(&april).template_id, Some(t.id));
    let later = create(Some(date(2026, 5, 1)));
    assert!(w.lib.forms(me, later.id).unwrap().is_empty());
    // A deleted template's items go with it: nothing is sent from it any more.
    w.lib
        .add_program_item(
            me,
            w.program.id,
            ProgramItemKind::Form {
                template_id: t.id,
                due_after_days: None,
            },
        )
        .unwrap();
    assert_eq!(w.lib.forms(me, create(None).id).unwrap().len(), 1);
    w.lib.delete_form_template(me, t.id).unwrap();
    assert!(w.lib.program_items(me, w.program.id).unwrap().is_empty());
    assert!(w.lib.forms(me, create(None).id).unwrap().is_empty());
    assert_eq!(sent(&april).template_id, None);
}

pub fn form_activity_is_logged_and_drafts_stay_the_clients(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let pid = w.practice.id;
    let carla = Actor::Client(w.client.id);
    let sam = w.add_coach("Sam Second");
    let coach = Actor::Coach(sam.id);
    let tia = Actor::Coach(w.add_coach("Tia Third").id);
    // Sam coaches Carla; Tia coaches no one.
    let e = w
        .lib
        .create_engagement(
            me,
            pid,
            NewEngagement {
                program_id: Some(w.program.id),
                coach_id: Some(sam.id),
                client_id: Some(w.client.id),
                ..Default::default()
            },
        )
        .unwrap();
    w.lib.activate(me, e.id).unwrap();
    let t = w
        .lib
        .create_form_template(coach, pid, new_template("Intake", questions()))
        .unwrap();
    let check_in = template(&w, "Check-in");
    w.lib
        .update_form_template(me, t.id, rename("Intake form"))
        .unwrap();
    let f = w.lib.send_form(coach, e.id, t.id, None).unwrap();
    let draft = w
        .lib
        .save_form_answers(carla, f.id, vec![answer(0, text("Team lead"))])
        .unwrap();
    // Saving the same draft again changes nothing and logs nothing.
    w.clock.advance(Duration::hours(1));
    assert_eq!(
        w.lib
            .save_form_answers(carla, f.id, vec![answer(0, text(" Team lead "))])
            .unwrap(),
        draft
    );
    w.lib
        .save_form_answers(carla, f.id, full_answers())
        .unwrap();
    w.lib.submit_form(carla, f.id).unwrap();
    w.lib.reopen_form(coach, f.id).unwrap();
    w.lib
        .save_form_answers(carla, f.id, vec![answer(0, text("Manager"))])
        .unwrap();
    w.lib.delete_form_template(coach, t.id).unwrap();
    let g = w.lib.send_form(me, e.id, check_in.id, None).unwrap();
    w.lib.delete_form(coach, g.id).unwrap();

    let about = |f: &Form| TargetRef::new(EntityKind::Form, *f.id.as_uuid());
    let steps = |log: &[LogEntry], target: TargetRef| -> Vec<(Action, Actor)> {
        log.iter()
            .filter(|l| l.target == target)
            .map(|l| (l.action, l.actor))
            .collect()
    };
    // The engagement's log, newest first, for the owner and its coach: sent, submitted,
    // reopened, withdrawn — never a draft. Each names the form and is the client's audience.
    for who in [me, coach] {
        let log = w.lib.activity(who, e.id, Page::first(1000)).unwrap();
        assert_eq!(
            steps(&log, about(&f)),
            vec![
                (Action::FormReopened, coach),
                (Action::FormSubmitted, carla),
                (Action::FormSent, coach)
            ],
            "{who:?}"
        );
        assert_eq!(
            steps(&log, about(&g)),
            vec![(Action::FormDeleted, coach), (Action::FormSent, me)],
            "{who:?}"
        );
        for l in log.iter().filter(|l| l.target.kind == EntityKind::Form) {
            let name = if l.target == about(&f) {
                "Intake form"
            } else {
                "Check-in"
            };
            assert_eq!(
                (l.engagement_id, l.audience, l.detail.as_deref()),
                (Some(e.id), Audience::Client, Some(name)),
                "{l:?}"
            );
        }
    }
    // No coach is told of a draft, through any log or feed.
    let coach_logs = [
        (
            "the owner's log of the engagement",
            w.lib.activity(me, e.id, Page::first(1000)).unwrap(),
        ),
        (
            "the coach's log of the engagement",
            w.lib.activity(coach, e.id, Page::first(1000)).unwrap(),
        ),
        (
            "the practice log",
            w.lib.practice_activity(me, pid, Page::first(1000)).unwrap(),
        ),
        ("the owner's feed", feed(&w, me)),
        ("the coach's feed", feed(&w, coach)),
        ("the other coach's feed", feed(&w, tia)),
    ];
    for (what, log) in &coach_logs {
        assert!(
            log.iter().all(|l| l.action != Action::FormAnswersSaved),
            "{what} tells of a draft: {log:?}"
        );
    }
    for (what, log) in &coach_logs[..5] {
        assert!(
            log.iter()
                .any(|l| l.action == Action::FormSubmitted && l.target == about(&f)),
            "{what} misses the submission: {log:?}"
        );
    }
    // The coach assigned no engagement reads nothing of the forms.
    assert!(coach_logs[5]
        .1
        .iter()
        .all(|l| l.target.kind != EntityKind::Form));

    // The client's own feed tells them of every step, their drafts included (as their own
    // entries), without details.
    let theirs = feed(&w, carla);
    assert_eq!(
        steps(&theirs, about(&f)),
        vec![
            (Action::FormSent, coach),
            (Action::FormAnswersSaved, carla),
            (Action::FormAnswersSaved, carla),
            (Action::FormSubmitted, carla),
            (Action::FormReopened, coach),
            (Action::FormAnswersSaved, carla),
        ]
    );
    for l in theirs.iter().filter(|l| l.target == about(&f)) {
        let audience = if l.action == Action::FormAnswersSaved {
            Audience::Own
        } else {
            Audience::Client
        };
        assert_eq!((l.audience, l.detail.as_deref()), (audience, None), "{l:?}");
    }

    // The library's entries: practice-level, for every coach, with the template's name; not
    // for clients.
    type Line = (
        Action,
        Actor,
        Option<EngagementId>,
        Audience,
        Option<String>,
    );
    let about_t = TargetRef::new(EntityKind::FormTemplate, *t.id.as_uuid());
    let library: Vec<Line> = w
        .lib
        .practice_activity(me, pid, Page::first(1000))
        .unwrap()
        .into_iter()
        .rev()
        .filter(|l| l.target == about_t)
        .map(|l| (l.action, l.actor, l.engagement_id, l.audience, l.detail))
        .collect();
    let entry = |action: Action, actor: Actor, name: &str| -> Line {
        (
            action,
            actor,
            None,
            Audience::Coaches,
            Some(name.to_string()),
        )
    };
    assert_eq!(
        library,
        vec![
            entry(Action::FormTemplateCreated, coach, "Intake"),
            entry(Action::FormTemplateUpdated, me, "Intake form"),
            entry(Action::FormTemplateDeleted, coach, "Intake form"),
        ]
    );
    for who in [coach, tia] {
        assert_eq!(
            steps(&feed(&w, who), about_t),
            vec![
                (Action::FormTemplateCreated, coach),
                (Action::FormTemplateUpdated, me),
                (Action::FormTemplateDeleted, coach)
            ],
            "{who:?}"
        );
    }
    assert!(theirs
        .iter()
        .all(|l| l.target.kind != EntityKind::FormTemplate));
    // A client reads no engagement log.
    denied(w.lib.activity(carla, e.id, Page::first(1000)).unwrap_err());
}

pub fn a_coach_withdraws_a_sent_form(make: MakeStore) {
    let w = World::new(make, Plan::team(3));
    let me = w.owner();
    let carla = Actor::Client(w.client.id);
    let sam = w.add_coach("Sam Second");
    let e = w.engagement_in(Status::Active);
    let t = template(&w, "Intake");
    let f = w
        .lib
        .send_form(me, e.id, t.id, Some(date(2026, 3, 20)))
        .unwrap();
    w.clock.advance(Duration::minutes(1));
    let kept = w.lib.send_form(me, e.id, t.id, None).unwrap();
    w.lib
        .save_form_answers(carla, f.id, full_answers())
        .unwrap();

    // Not by the client, not by a coach the engagement is not assigned to; another practice
    // is told it does not exist.
    let (_, their_owner, their_client, _) = w.neighbour();
    let before = w.snapshot();
    for who in [carla, Actor::Coach(sam.id)] {
        denied(refused(&w, &before, w.lib.delete_form(who, f.id)));
    }
    for who in [Actor::Coach(their_owner.id), Actor::Client(their_client.id)] {
        not_found(
            refused(&w, &before, w.lib.delete_form(who, f.id)),
            EntityKind::Form,
        );
    }

    // The engagement's coach withdraws it, answers and all.
    w.lib.delete_form(me, f.id).unwrap();
    for who in [me, carla] {
        not_found(w.lib.form(who, f.id).unwrap_err(), EntityKind::Form);
        assert_eq!(w.lib.forms(who, e.id).unwrap(), vec![kept.clone()]);
    }
    assert_eq!(w.stored_forms(e.id), vec![kept.clone()]);
    assert_eq!(
        form_todos(&w, w.owner.id)
            .into_iter()
            .map(|x| x.id)
            .collect::<Vec<_>>(),
        vec![*kept.id.as_uuid()]
    );
    assert!(w
        .lib
        .activity(me, e.id, Page::first(1000))
        .unwrap()
        .iter()
        .any(|l| l.action == Action::FormDeleted
            && l.target == TargetRef::new(EntityKind::Form, *f.id.as_uuid())));
    // Nothing more is done with it.
    let before = w.snapshot();
    for r in [
        w.lib
            .save_form_answers(carla, f.id, full_answers())
            .map(drop),
        w.lib.submit_form(carla, f.id).map(drop),
        w.lib.reopen_form(me, f.id).map(drop),
        w.lib.delete_form(me, f.id),
    ] {
        not_found(refused(&w, &before, r), EntityKind::Form);
    }
    // The template stays.
    assert_eq!(w.lib.form_template(me, t.id).unwrap(), t);

    // Deleting the engagement removes its forms.
    w.lib.delete_engagement(me, e.id).unwrap();
    not_found(w.lib.form(me, kept.id).unwrap_err(), EntityKind::Form);
    assert!(w.stored_forms(e.id).is_empty());
    assert!(form_todos(&w, w.owner.id).is_empty());
}
