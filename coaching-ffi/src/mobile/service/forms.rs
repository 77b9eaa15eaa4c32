//! Forms and questionnaires: templates in the practice library, sent into engagements,
//! answered by the client. Mirrors `coaching-core/src/service/forms.rs`. Answers pass in their
//! text form (a choice, several choices one a line, a scale's number, `YYYY-MM-DD`, or text).

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

fn questions(q: Vec<Question>) -> Vec<core::Question> {
    q.into_iter().map(Into::into).collect()
}

#[uniffi::export]
impl CoachingLibrary {
    pub fn create_form_template(
        &self, actor: Actor, practice_id: String, name: String, description: Option<String>,
        questions_in: Vec<Question>,
    ) -> R<FormTemplate> {
        let new = core::NewFormTemplate {
            name,
            description,
            questions: questions(questions_in),
        };
        Ok(self
            .inner
            .create_form_template(actor.core()?, id(&practice_id)?, new)?
            .into())
    }

    /// `None` leaves a part; `description` `Some("")` clears it; `questions_in` replaces them.
    pub fn update_form_template(
        &self, actor: Actor, template_id: String, name: Option<String>,
        description: Option<String>, questions_in: Option<Vec<Question>>,
    ) -> R<FormTemplate> {
        let update = core::FormTemplateUpdate {
            name,
            description,
            questions: questions_in.map(questions),
        };
        Ok(self
            .inner
            .update_form_template(actor.core()?, id(&template_id)?, update)?
            .into())
    }

    pub fn delete_form_template(&self, actor: Actor, template_id: String) -> R<()> {
        Ok(self
            .inner
            .delete_form_template(actor.core()?, id(&template_id)?)?)
    }

    pub fn form_template(&self, actor: Actor, template_id: String) -> R<FormTemplate> {
        Ok(self
            .inner
            .form_template(actor.core()?, id(&template_id)?)?
            .into())
    }

    pub fn form_templates(&self, actor: Actor, practice_id: String) -> R<Vec<FormTemplate>> {
        Ok(list(
            self.inner.form_templates(actor.core()?, id(&practice_id)?)?,
        ))
    }

    pub fn send_form(
        &self, actor: Actor, engagement_id: String, template_id: String,
        due_date: Option<CalendarDate>,
    ) -> R<Form> {
        Ok(self
            .inner
            .send_form(
                actor.core()?,
                id(&engagement_id)?,
                id(&template_id)?,
                opt_date(due_date)?,
            )?
            .into())
    }

    pub fn save_form_answers(
        &self, actor: Actor, form_id: String, answers: Vec<FormAnswer>,
    ) -> R<Form> {
        let answers = answers
            .into_iter()
            .map(|a| core::FormAnswer {
                question: a.question,
                answer: core::Answer::Text(a.value),
            })
            .collect();
        Ok(self
            .inner
            .save_form_answers(actor.core()?, id(&form_id)?, answers)?
            .into())
    }

    pub fn submit_form(&self, actor: Actor, form_id: String) -> R<Form> {
        Ok(self.inner.submit_form(actor.core()?, id(&form_id)?)?.into())
    }

    pub fn reopen_form(&self, actor: Actor, form_id: String) -> R<Form> {
        Ok(self.inner.reopen_form(actor.core()?, id(&form_id)?)?.into())
    }

    pub fn delete_form(&self, actor: Actor, form_id: String) -> R<()> {
        Ok(self.inner.delete_form(actor.core()?, id(&form_id)?)?)
    }

    pub fn form(&self, actor: Actor, form_id: String) -> R<Form> {
        Ok(self.inner.form(actor.core()?, id(&form_id)?)?.into())
    }

    pub fn forms(&self, actor: Actor, engagement_id: String) -> R<Vec<Form>> {
        Ok(list(self.inner.forms(actor.core()?, id(&engagement_id)?)?))
    }
}
