//! Forms and questionnaires (see [`crate::content::Form`] for the rules): templates in the
//! practice library (any coach of the practice keeps them), sent into an engagement by a coach
//! who manages it, answered by its client, reopened by the coach.

use chrono::NaiveDate;

use crate::activity::{Action, TargetRef};
use crate::actor::Actor;
use crate::auth::{self, Viewer};
use crate::content::*;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::ids::{EngagementId, EntityKind, FormId, FormTemplateId, PracticeId};
use crate::storage::Reader;
use crate::validate;

use super::engagement::{fetch, load};
use super::{Coaching, Tx};

fn template_target(t: &FormTemplate) -> TargetRef {
    TargetRef::new(EntityKind::FormTemplate, *t.id.as_uuid())
}

fn target(f: &Form) -> TargetRef {
    TargetRef::new(EntityKind::Form, *f.id.as_uuid())
}

/// The template `id`, once the actor is known to be of its practice (else `NotFound`).
pub(crate) fn load_template(
    r: &dyn Reader,
    actor: Actor,
    id: FormTemplateId,
) -> Result<FormTemplate> {
    let t = r
        .form_template(id)?
        .ok_or_else(|| Error::not_found(EntityKind::FormTemplate, id))?;
    auth::hide_foreign(r, actor, t.practice_id, EntityKind::FormTemplate, id)?;
    Ok(t)
}

fn load_form(r: &dyn Reader, actor: Actor, id: FormId) -> Result<(Form, Engagement)> {
    let f = r
        .form(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Form, id))?;
    auth::hide_foreign(r, actor, f.practice_id, EntityKind::Form, id)?;
    let e = fetch(r, f.engagement_id)?;
    Ok((f, e))
}

fn unique_name(r: &dyn Reader, t: &FormTemplate) -> Result<()> {
    let taken = r
        .form_templates(t.practice_id)?
        .iter()
        .any(|o| o.id != t.id && o.name.to_lowercase() == t.name.to_lowercase());
    if taken {
        return Err(Error::invalid(
            "name",
            format!("the library has a form named {:?}", t.name),
        ));
    }
    Ok(())
}

/// The answers as a form stores them: each checked against its question, empty ones dropped,
/// at most one per question, in question order.
pub(crate) fn check_answers(questions: &[Question], given: Vec<FormAnswer>) -> Result<Vec<FormAnswer>> {
    let mut out: Vec<FormAnswer> = Vec::with_capacity(given.len());
    let mut seen = vec![false; questions.len()];
    for (i, a) in given.into_iter().enumerate() {
        let place = format!("answers[{i}]");
        let q = questions.get(a.question as usize).ok_or_else(|| {
            Error::invalid(
                format!("{place}.question"),
                format!("the form has {} questions (0 to {})", questions.len(), questions.len().saturating_sub(1)),
            )
        })?;
        if std::mem::replace(&mut seen[a.question as usize], true) {
            return Err(Error::invalid(
                format!("{place}.question"),
                format!("question {} is answered twice", a.question),
            ));
        }
        if let Some(answer) = a.answer.checked(&place, q)? {
            out.push(FormAnswer {
                question: a.question,
                answer,
            });
        }
    }
    out.sort_by_key(|a| a.question);
    Ok(out)
}

/// The required questions without an answer, named `questions[<index>]`.
pub(crate) fn unanswered(f: &Form) -> Vec<String> {
    f.questions
        .iter()
        .enumerate()
        .filter(|(i, q)| q.required && !f.answers.iter().any(|a| a.question as usize == *i))
        .map(|(i, _)| format!("questions[{i}]"))
        .collect()
}

/// A form as `viewer` sees it: a coach gets no answers while it is open (drafts are the
/// client's).
fn as_seen(mut f: Form, viewer: &Viewer) -> Form {
    if matches!(viewer, Viewer::Coach) && f.status == FormStatus::Open {
        f.answers.clear();
    }
    f
}

/// Makes and logs a form from `t` in engagement `e` (a coach's sending, or a program's).
pub(crate) fn send(
    tx: &mut Tx<'_>,
    actor: Actor,
    e: &Engagement,
    t: &FormTemplate,
    due_date: Option<NaiveDate>,
) -> Result<Form> {
    let f = Form {
        id: FormId::new(),
        practice_id: e.practice_id,
        engagement_id: e.id,
        template_id: Some(t.id),
        name: t.name.clone(),
        description: t.description.clone(),
        questions: t.questions.clone(),
        answers: Vec::new(),
        status: FormStatus::Open,
        due_date,
        sent_by: actor,
        sent_at: tx.now,
        submitted_at: None,
        updated_at: tx.now,
    };
    tx.w.save_form(&f)?;
    tx.log(
        e.practice_id,
        Some(e.id),
        actor,
        Action::FormSent,
        target(&f),
        Some(f.name.clone()),
    )?;
    Ok(f)
}

/// The client answering `f`: the engagement's own client, with a portal, while it is Active,
/// and the form open.
fn answering(r: &dyn Reader, actor: Actor, e: &Engagement, f: &Form) -> Result<()> {
    match auth::write_in(r, actor, e)? {
        Viewer::Coach => Err(Error::denied("only the engagement's client answers a form")),
        Viewer::Client(_) if f.status == FormStatus::Submitted => Err(Error::conflict(
            "the form is submitted: it can be changed only once the coach reopens it",
        )),
        Viewer::Client(_) => Ok(()),
    }
}

impl Coaching {
    /// Adds a form template to the practice library (any coach of the practice).
    pub fn create_form_template(
        &self,
        actor: Actor,
        practice: PracticeId,
        new: NewFormTemplate,
    ) -> Result<FormTemplate> {
        let name = validate::name("name", &new.name)?;
        let description = validate::optional_text("description", new.description.as_deref())?;
        let questions = check_questions(new.questions)?;
        self.write(|tx| {
            auth::practice(tx.r(), practice)?;
            auth::coach_in(tx.r(), actor, practice)?;
            let t = FormTemplate {
                id: FormTemplateId::new(),
                practice_id: practice,
                name: name.clone(),
                description: description.clone(),
                questions: questions.clone(),
                created_at: tx.now,
                updated_at: tx.now,
            };
            unique_name(tx.r(), &t)?;
            tx.w.save_form_template(&t)?;
            tx.log(practice, None, actor, Action::FormTemplateCreated, template_target(&t), Some(t.name.clone()))?;
            Ok(t)
        })
    }

    /// Changes a form template's name, description or questions (any coach of the practice).
    /// Forms already sent keep the copy they were sent with.
    pub fn update_form_template(
        &self,
        actor: Actor,
        id: FormTemplateId,
        update: FormTemplateUpdate,
    ) -> Result<FormTemplate> {
        let name = update.name.as_deref().map(|n| validate::name("name", n)).transpose()?;
        let description = update
            .description
            .as_deref()
            .map(|d| validate::optional_text("description", Some(d)))
            .transpose()?;
        let questions = update.questions.map(check_questions).transpose()?;
        self.write(|tx| {
            let mut t = load_template(tx.r(), actor, id)?;
            auth::coach_in(tx.r(), actor, t.practice_id)?;
            if let Some(n) = &name {
                t.name = n.clone();
                unique_name(tx.r(), &t)?;
            }
            if let Some(d) = &description {
                t.description = d.clone();
            }
            if let Some(q) = &questions {
                t.questions = q.clone();
            }
            t.updated_at = tx.now;
            tx.w.save_form_template(&t)?;
            tx.log(t.practice_id, None, actor, Action::FormTemplateUpdated, template_target(&t), Some(t.name.clone()))?;
            Ok(t)
        })
    }

    /// Deletes a form template and the program items that send it (any coach of the
    /// practice). Forms already sent keep their copy, answers included.
    pub fn delete_form_template(&self, actor: Actor, id: FormTemplateId) -> Result<()> {
        self.write(|tx| {
            let t = load_template(tx.r(), actor, id)?;
            auth::coach_in(tx.r(), actor, t.practice_id)?;
            tx.w.delete_form_template(id)?;
            tx.log(t.practice_id, None, actor, Action::FormTemplateDeleted, template_target(&t), Some(t.name.clone()))
        })
    }

    /// One form template (any coach of the practice).
    pub fn form_template(&self, actor: Actor, id: FormTemplateId) -> Result<FormTemplate> {
        self.read(|r| {
            let t = load_template(r, actor, id)?;
            auth::coach_in(r, actor, t.practice_id)?;
            Ok(t)
        })
    }

    /// The practice library's form templates, by name (any coach of the practice).
    pub fn form_templates(&self, actor: Actor, practice: PracticeId) -> Result<Vec<FormTemplate>> {
        self.read(|r| {
            auth::practice(r, practice)?;
            auth::coach_in(r, actor, practice)?;
            r.form_templates(practice)
        })
    }

    /// Sends a copy of a library form into an engagement for its client to answer (a coach who
    /// manages it), due on `due_date` if given.
    pub fn send_form(
        &self,
        actor: Actor,
        engagement: EngagementId,
        template: FormTemplateId,
        due_date: Option<NaiveDate>,
    ) -> Result<Form> {
        let due_date = validate::optional_date("due_date", due_date)?;
        self.write(|tx| {
            let e = load(tx.r(), actor, engagement)?;
            auth::manage(tx.r(), actor, &e)?;
            let t = load_template(tx.r(), actor, template)?;
            send(tx, actor, &e, &t, due_date)
        })
    }

    /// Saves the client's draft answers to an open form (the engagement's client, while it is
    /// Active): they replace the answers saved before. Each answer is checked against its
    /// question; required questions may still be empty. The coach does not see drafts.
    pub fn save_form_answers(
        &self,
        actor: Actor,
        id: FormId,
        answers: Vec<FormAnswer>,
    ) -> Result<Form> {
        self.write(|tx| {
            let (mut f, e) = load_form(tx.r(), actor, id)?;
            answering(tx.r(), actor, &e, &f)?;
            let answers = check_answers(&f.questions, answers.clone())?;
            if answers == f.answers {
                return Ok(f);
            }
            f.answers = answers;
            f.updated_at = tx.now;
            tx.w.save_form(&f)?;
            // A draft is the client's alone: so is its log entry (audience `own`).
            tx.log(e.practice_id, Some(e.id), actor, Action::FormAnswersSaved, target(&f), Some(f.name.clone()))?;
            Ok(f)
        })
    }

    /// Submits an open form (the engagement's client, while it is Active): every required
    /// question must be answered ([`Error::MissingFields`] names the others, as
    /// `questions[<index>]`). The form is then read-only and its answers are the coach's to read.
    pub fn submit_form(&self, actor: Actor, id: FormId) -> Result<Form> {
        self.write(|tx| {
            let (mut f, e) = load_form(tx.r(), actor, id)?;
            answering(tx.r(), actor, &e, &f)?;
            let missing = unanswered(&f);
            if !missing.is_empty() {
                return Err(Error::MissingFields { fields: missing });
            }
            f.status = FormStatus::Submitted;
            f.submitted_at = Some(tx.now);
            f.updated_at = tx.now;
            tx.w.save_form(&f)?;
            tx.log(e.practice_id, Some(e.id), actor, Action::FormSubmitted, target(&f), Some(f.name.clone()))?;
            Ok(f)
        })
    }

    /// Reopens a submitted form for the client to change (a coach who manages the engagement).
    /// Its answers stay, as the client's draft.
    pub fn reopen_form(&self, actor: Actor, id: FormId) -> Result<Form> {
        self.write(|tx| {
            let (mut f, e) = load_form(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            if f.status != FormStatus::Submitted {
                return Err(Error::conflict("the form is open already"));
            }
            f.status = FormStatus::Open;
            f.updated_at = tx.now;
            tx.w.save_form(&f)?;
            tx.log(e.practice_id, Some(e.id), actor, Action::FormReopened, target(&f), Some(f.name.clone()))?;
            Ok(as_seen(f, &Viewer::Coach))
        })
    }

    /// Withdraws a form from the engagement, with its answers (a coach who manages it).
    pub fn delete_form(&self, actor: Actor, id: FormId) -> Result<()> {
        self.write(|tx| {
            let (f, e) = load_form(tx.r(), actor, id)?;
            auth::manage(tx.r(), actor, &e)?;
            tx.w.delete_form(id)?;
            tx.log(e.practice_id, Some(e.id), actor, Action::FormDeleted, target(&f), Some(f.name.clone()))
        })
    }

    /// One form: for the engagement's client (with a portal, once it is not Draft) with their
    /// answers; for a coach who manages it, with the answers once it is submitted.
    pub fn form(&self, actor: Actor, id: FormId) -> Result<Form> {
        self.read(|r| {
            let (f, e) = load_form(r, actor, id)?;
            let viewer = auth::view_contents(r, actor, &e)?;
            Ok(as_seen(f, &viewer))
        })
    }

    /// The forms sent into an engagement, oldest first, as [`Coaching::form`] shows each.
    pub fn forms(&self, actor: Actor, engagement: EngagementId) -> Result<Vec<Form>> {
        self.read(|r| {
            let e = load(r, actor, engagement)?;
            let viewer = auth::view_contents(r, actor, &e)?;
            Ok(r.forms(e.id)?.into_iter().map(|f| as_seen(f, &viewer)).collect())
        })
    }
}
