//! Forms and questionnaires: templates in the practice library, sent into engagements,
//! answered by the client. Mirrors `coaching-core/src/service/forms.rs`.

use std::collections::BTreeMap;

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

fn questions(q: Vec<QuestionIn>) -> Vec<core::Question> {
    q.into_iter().map(|q| q.0).collect()
}

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Adds a form template to the practice library (any coach): `questions` in order, each a
    /// `Question` or a dict with `prompt`, `kind` (a `QuestionKind` or its value) and
    /// optionally `required`, `help`, `choices` (choice questions), `scale_max` (a scale).
    #[pyo3(signature = (actor, practice_id, name, questions, *, description=None))]
    fn create_form_template(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>, name: &str,
        questions: Vec<QuestionIn>, description: Option<String>,
    ) -> PyResult<FormTemplate> {
        let new = core::NewFormTemplate {
            name: name.into(),
            description,
            questions: self::questions(questions),
        };
        self.one(py, move |l| l.create_form_template(actor.0, practice_id.0, new))
    }

    /// Changes a form template (any coach): `name`, `description` ("" clears it), `questions`
    /// (replacing them). Forms already sent keep their copy.
    #[pyo3(signature = (actor, template_id, **changes))]
    fn update_form_template(
        &self, py: Python<'_>, actor: Who, template_id: Id<core::FormTemplateId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<FormTemplate> {
        let c = Changes::new(changes, &["name", "description", "questions"])?;
        let u = core::FormTemplateUpdate {
            name: c.set("name")?,
            description: c.set("description")?,
            questions: c.set::<Vec<QuestionIn>>("questions")?.map(questions),
        };
        self.one(py, move |l| l.update_form_template(actor.0, template_id.0, u))
    }

    /// Deletes a form template and the program items sending it (any coach); forms already
    /// sent keep their copy.
    fn delete_form_template(
        &self, py: Python<'_>, actor: Who, template_id: Id<core::FormTemplateId>,
    ) -> PyResult<()> {
        self.run(py, move |l| l.delete_form_template(actor.0, template_id.0))
    }

    /// One form template (any coach of the practice).
    fn form_template(
        &self, py: Python<'_>, actor: Who, template_id: Id<core::FormTemplateId>,
    ) -> PyResult<FormTemplate> {
        self.one(py, move |l| l.form_template(actor.0, template_id.0))
    }

    /// The practice library's form templates, by name (any coach).
    fn form_templates(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
    ) -> PyResult<Vec<FormTemplate>> {
        self.many(py, move |l| l.form_templates(actor.0, practice_id.0))
    }

    /// Sends a copy of a form template into an engagement for its client to answer (a coach
    /// who manages it), due on `due_date` if given.
    #[pyo3(signature = (actor, engagement_id, template_id, *, due_date=None))]
    fn send_form(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
        template_id: Id<core::FormTemplateId>, due_date: Option<chrono::NaiveDate>,
    ) -> PyResult<Form> {
        self.one(py, move |l| l.send_form(actor.0, engagement_id.0, template_id.0, due_date))
    }

    /// Saves the client's draft answers to an open form (the engagement's client, while it is
    /// Active): `answers` maps question indexes to answers (`str`; `list[str]` for multiple
    /// choices; `int` for a scale; `datetime.date`) and replaces the saved ones.
    fn save_form_answers(
        &self, py: Python<'_>, actor: Who, form_id: Id<core::FormId>,
        answers: BTreeMap<u32, AnswerVal>,
    ) -> PyResult<Form> {
        let answers = answers
            .into_iter()
            .map(|(question, a)| core::FormAnswer { question, answer: a.0 })
            .collect();
        self.one(py, move |l| l.save_form_answers(actor.0, form_id.0, answers))
    }

    /// Submits an open form (the engagement's client): every required question must be
    /// answered (`MissingFieldsError` names the others as `questions[<index>]`).
    fn submit_form(&self, py: Python<'_>, actor: Who, form_id: Id<core::FormId>) -> PyResult<Form> {
        self.one(py, move |l| l.submit_form(actor.0, form_id.0))
    }

    /// Reopens a submitted form for the client to change (a coach who manages the
    /// engagement); its answers stay as the client's draft.
    fn reopen_form(&self, py: Python<'_>, actor: Who, form_id: Id<core::FormId>) -> PyResult<Form> {
        self.one(py, move |l| l.reopen_form(actor.0, form_id.0))
    }

    /// Withdraws a form with its answers (a coach who manages the engagement).
    fn delete_form(&self, py: Python<'_>, actor: Who, form_id: Id<core::FormId>) -> PyResult<()> {
        self.run(py, move |l| l.delete_form(actor.0, form_id.0))
    }

    /// One form: the client's with their answers; a coach's with the answers once submitted.
    fn form(&self, py: Python<'_>, actor: Who, form_id: Id<core::FormId>) -> PyResult<Form> {
        self.one(py, move |l| l.form(actor.0, form_id.0))
    }

    /// The forms sent into an engagement, oldest first.
    fn forms(
        &self, py: Python<'_>, actor: Who, engagement_id: Id<core::EngagementId>,
    ) -> PyResult<Vec<Form>> {
        self.many(py, move |l| l.forms(actor.0, engagement_id.0))
    }
}
