//! Forms and questionnaires: templates in the practice library, sent into engagements,
//! answered by the client. Mirrors `coaching-core/src/service/forms.rs`. Answers pass in their
//! text form (a choice, several choices one a line, a scale's number, "YYYY-MM-DD", or text).

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::{CoachingResult, FfiError};

/// A question passed in: `kind` a `COACHING_QUESTION_KIND_*` value; `help` may be NULL;
/// `choices` one a line for a choice question (NULL otherwise); `scale_max` the top of a scale
/// (0 for the other kinds).
#[repr(C)]
pub struct CoachingQuestionInput {
    pub prompt: *const c_char,
    pub help: *const c_char,
    pub kind: i32,
    pub choices: *const c_char,
    pub scale_max: u32,
    pub required: bool,
}

/// An answer passed in: the question's index and the answer's text form (NULL or "": no
/// answer).
#[repr(C)]
pub struct CoachingAnswerInput {
    pub question: u32,
    pub value: *const c_char,
}

fn question_kind(v: i32, name: &str) -> Result<QuestionKind, FfiError> {
    choice(v, QuestionKind::ALL, name)
}


unsafe fn questions(p: *const CoachingQuestionInput, count: usize) -> Result<Vec<Question>, FfiError> {
    items(p, count, "questions")?
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let place = |f: &str| format!("questions[{i}].{f}");
            Ok(Question {
                prompt: text(q.prompt, &place("prompt"))?.into(),
                help: opt_text(q.help, &place("help"))?.map(Into::into),
                kind: question_kind(q.kind, &place("kind"))?,
                choices: opt_text(q.choices, &place("choices"))?
                    .map(|s| s.lines().map(str::to_string).collect())
                    .unwrap_or_default(),
                scale_max: (q.scale_max != 0).then_some(q.scale_max),
                required: q.required,
            })
        })
        .collect()
}

pub(crate) unsafe fn answers(p: *const CoachingAnswerInput, count: usize) -> Result<Vec<FormAnswer>, FfiError> {
    items(p, count, "answers")?
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Ok(FormAnswer {
                question: a.question,
                answer: Answer::Text(
                    opt_text(a.value, &format!("answers[{i}].value"))?.unwrap_or_default().into(),
                ),
            })
        })
        .collect()
}

c_ops! {
    /// Adds a form template to the practice library (any coach): `question_count` questions at
    /// `questions`; `description` may be NULL.
    fn coaching_create_form_template(
        practice_id: *const c_char, name: *const c_char, description: *const c_char,
        questions_p: *const CoachingQuestionInput, question_count: usize
    ) -> one CoachingFormTemplate =
        |l, a| {
            Ok(l.create_form_template(
                a,
                id(practice_id, "practice_id")?,
                NewFormTemplate {
                    name: text(name, "name")?.into(),
                    description: opt_text(description, "description")?.map(Into::into),
                    questions: questions(questions_p, question_count)?,
                },
            )?)
        };

    /// Changes a form template (any coach): `name` NULL leaves it; `description` NULL leaves
    /// it, "" clears it; `questions_p` NULL leaves the questions, else `question_count`
    /// questions replace them. Forms already sent keep their copy. `out` may be NULL.
    fn coaching_update_form_template(
        template_id: *const c_char, name: *const c_char, description: *const c_char,
        questions_p: *const CoachingQuestionInput, question_count: usize
    ) -> maybe CoachingFormTemplate =
        |l, a| {
            let questions = if questions_p.is_null() {
                None
            } else {
                Some(questions(questions_p, question_count)?)
            };
            Ok(l.update_form_template(
                a,
                id(template_id, "template_id")?,
                FormTemplateUpdate {
                    name: opt_text(name, "name")?.map(Into::into),
                    description: opt_text(description, "description")?.map(Into::into),
                    questions,
                },
            )?)
        };

    /// Deletes a form template and the program items sending it (any coach); sent forms keep
    /// their copy.
    fn coaching_delete_form_template(template_id: *const c_char) -> done =
        |l, a| Ok(l.delete_form_template(a, id(template_id, "template_id")?)?);

    /// One form template (any coach of the practice).
    fn coaching_form_template(template_id: *const c_char) -> one CoachingFormTemplate =
        |l, a| Ok(l.form_template(a, id(template_id, "template_id")?)?);

    /// The practice library's form templates by name (a list of `CoachingFormTemplate`).
    fn coaching_form_templates(practice_id: *const c_char) -> list CoachingFormTemplate =
        |l, a| Ok(l.form_templates(a, id(practice_id, "practice_id")?)?);

    /// Sends a copy of a form template into an engagement (a coach who manages it); `due_date`
    /// "YYYY-MM-DD" or NULL.
    fn coaching_send_form(
        engagement_id: *const c_char, template_id: *const c_char, due_date: *const c_char
    ) -> one CoachingForm =
        |l, a| {
            Ok(l.send_form(
                a,
                id(engagement_id, "engagement_id")?,
                id(template_id, "template_id")?,
                opt_date(due_date, "due_date")?,
            )?)
        };

    /// Saves the client's draft answers to an open form (the engagement's client, while it is
    /// Active): `answer_count` answers at `answers_p` replace the saved ones. `out` may be NULL.
    fn coaching_save_form_answers(
        form_id: *const c_char, answers_p: *const CoachingAnswerInput, answer_count: usize
    ) -> maybe CoachingForm =
        |l, a| Ok(l.save_form_answers(a, id(form_id, "form_id")?, answers(answers_p, answer_count)?)?);

    /// Submits an open form (the engagement's client): every required question must be
    /// answered (`COACHING_ERR_MISSING_FIELDS` names the others as `questions[<index>]`).
    /// `out` may be NULL.
    fn coaching_submit_form(form_id: *const c_char) -> maybe CoachingForm =
        |l, a| Ok(l.submit_form(a, id(form_id, "form_id")?)?);

    /// Reopens a submitted form for the client (a coach who manages the engagement). `out` may
    /// be NULL.
    fn coaching_reopen_form(form_id: *const c_char) -> maybe CoachingForm =
        |l, a| Ok(l.reopen_form(a, id(form_id, "form_id")?)?);

    /// Withdraws a form with its answers (a coach who manages the engagement).
    fn coaching_delete_form(form_id: *const c_char) -> done =
        |l, a| Ok(l.delete_form(a, id(form_id, "form_id")?)?);

    /// One form: the client's with their answers; a coach's with the answers once submitted.
    fn coaching_form(form_id: *const c_char) -> one CoachingForm =
        |l, a| Ok(l.form(a, id(form_id, "form_id")?)?);

    /// The forms sent into an engagement, oldest first (a list of `CoachingForm`).
    fn coaching_forms(engagement_id: *const c_char) -> list CoachingForm =
        |l, a| Ok(l.forms(a, id(engagement_id, "engagement_id")?)?);

    /// Adds a form item to a program (any coach): engagements created from it afterwards get
    /// the form, due `due_after_days` after their start date (-1: no due date).
    fn coaching_add_program_form(
        program_id: *const c_char, template_id: *const c_char, due_after_days: i64
    ) -> one CoachingProgramItem =
        |l, a| {
            let due = match due_after_days {
                -1 => None,
                d => Some(u32::try_from(d).map_err(|_| invalid("due_after_days", "out of range"))?),
            };
            Ok(l.add_program_item(
                a,
                id(program_id, "program_id")?,
                ProgramItemKind::Form { template_id: id(template_id, "template_id")?, due_after_days: due },
            )?)
        };
}
