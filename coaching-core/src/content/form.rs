//! Forms and questionnaires: templates in the practice library (ordered questions), sent into
//! an engagement by its coach (or by its program when the engagement is created), answered by
//! the client in the portal.
//!
//! - A sent form is a copy: its name, description and questions are the template's when it
//!   was sent, so editing or deleting the template later changes no form already sent.
//! - The client saves drafts (each save replaces the answers), then submits once: every
//!   required question must be answered. A submitted form is read-only until the engagement's
//!   coach reopens it; the answers are kept as the client's draft.
//! - The coach reads the answers of a submitted form; while a form is open its draft answers
//!   are the client's alone (the coach's copy has none).
//! - An open form of an Active engagement is on its coach's Client To-Dos (and, with a due
//!   date, in what falls due) until it is submitted.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::named_enum;
use crate::actor::Actor;
use crate::error::{Error, Result};
use crate::ids::{EngagementId, FormId, FormTemplateId, PracticeId};

named_enum!(
    /// What a question asks for.
    QuestionKind {
        /// One line of text.
        ShortText = "short_text",
        /// Text of several lines or paragraphs.
        LongText = "long_text",
        /// One of the question's choices.
        SingleChoice = "single_choice",
        /// Any number of the question's choices (at least one when answered).
        MultipleChoice = "multiple_choice",
        /// A whole number from 1 to the question's `scale_max`.
        Scale = "scale",
        /// A calendar date.
        Date = "date",
    }
);

named_enum!(
    /// Where a sent form stands.
    FormStatus {
        /// Sent, not submitted (or reopened): the client answers it.
        Open = "open",
        /// Submitted: read-only until the coach reopens it.
        Submitted = "submitted",
    }
);

/// Most questions a form has.
pub const MAX_FORM_QUESTIONS: usize = 100;
/// Most choices a choice question offers.
pub const MAX_QUESTION_CHOICES: usize = 50;
/// The largest `scale_max` (a scale is 1 to N, N from 2 to this).
pub const MAX_SCALE: u32 = 10;
/// Longest short-text answer, in characters.
pub const MAX_SHORT_ANSWER_CHARS: usize = crate::validate::MAX_NAME_CHARS;
/// Longest long-text answer, in characters.
pub const MAX_LONG_ANSWER_CHARS: usize = 10_000;

/// One question of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// What is asked (one line, not empty).
    pub prompt: String,
    /// Optional guidance shown under the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// The choices of a single- or multiple-choice question, in order (1 to
    /// [`MAX_QUESTION_CHOICES`], distinct); empty for the other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// For a scale: its top (2 to [`MAX_SCALE`]); `None` for the other kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_max: Option<u32>,
    /// Whether the form can be submitted without an answer to it.
    pub required: bool,
}

impl Question {
    /// The question as stored: prompt and help cleaned, choices and scale fitting the kind.
    /// `place` names it in errors (`questions[2]`).
    pub(crate) fn checked(self, place: &str) -> Result<Question> {
        let field = |f: &str| format!("{place}.{f}");
        let prompt = crate::validate::name(&field("prompt"), &self.prompt)?;
        let help = crate::validate::optional_text(&field("help"), self.help.as_deref())?;
        let choice = matches!(
            self.kind,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice
        );
        let choices = if choice {
            if self.choices.is_empty() || self.choices.len() > MAX_QUESTION_CHOICES {
                return Err(Error::invalid(
                    field("choices"),
                    format!("a choice question has 1 to {MAX_QUESTION_CHOICES} choices"),
                ));
            }
            let mut out: Vec<String> = Vec::with_capacity(self.choices.len());
            for c in &self.choices {
                let c = crate::validate::name(&field("choices"), c)?;
                if out.iter().any(|o| o.to_lowercase() == c.to_lowercase()) {
                    return Err(Error::invalid(
                        field("choices"),
                        format!("{c:?} is given twice"),
                    ));
                }
                out.push(c);
            }
            out
        } else if !self.choices.is_empty() {
            return Err(Error::invalid(
                field("choices"),
                "only a choice question has choices",
            ));
        } else {
            Vec::new()
        };
        let scale_max = match (self.kind, self.scale_max) {
            (QuestionKind::Scale, Some(n)) if (2..=MAX_SCALE).contains(&n) => Some(n),
            (QuestionKind::Scale, _) => {
                return Err(Error::invalid(
                    field("scale_max"),
                    format!("a scale goes from 1 to 2..={MAX_SCALE}"),
                ))
            }
            (_, None) => None,
            (_, Some(_)) => {
                return Err(Error::invalid(
                    field("scale_max"),
                    "only a scale question has a scale_max",
                ))
            }
        };
        Ok(Question {
            prompt,
            help,
            kind: self.kind,
            choices,
            scale_max,
            required: self.required,
        })
    }
}

/// Checks a whole list of questions (1 to [`MAX_FORM_QUESTIONS`]).
pub(crate) fn check_questions(questions: Vec<Question>) -> Result<Vec<Question>> {
    if questions.is_empty() || questions.len() > MAX_FORM_QUESTIONS {
        return Err(Error::invalid(
            "questions",
            format!("a form has 1 to {MAX_FORM_QUESTIONS} questions"),
        ));
    }
    questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| q.checked(&format!("questions[{i}]")))
        .collect()
}

/// A form template of the practice library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormTemplate {
    /// This template's id.
    pub id: FormTemplateId,
    /// The practice whose library holds it.
    pub practice_id: PracticeId,
    /// Its name (what a sent form is called), unique in the library (case-insensitively).
    pub name: String,
    /// What it is for, shown to the client above the questions.
    pub description: Option<String>,
    /// The questions, in order.
    pub questions: Vec<Question>,
    /// When it was made (UTC).
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new form template.
#[derive(Debug, Clone, Default)]
pub struct NewFormTemplate {
    /// Its name (not empty; unique in the library).
    pub name: String,
    /// What it is for; `None` or empty: nothing.
    pub description: Option<String>,
    /// The questions, in order (1 to [`MAX_FORM_QUESTIONS`]).
    pub questions: Vec<Question>,
}

/// Changes to a template; `None` leaves a part as it is. Forms already sent keep their copy.
#[derive(Debug, Clone, Default)]
pub struct FormTemplateUpdate {
    /// A new name.
    pub name: Option<String>,
    /// A new description (`Some("")` clears it).
    pub description: Option<String>,
    /// The new list of questions, replacing the old one.
    pub questions: Option<Vec<Question>>,
}

/// An answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// A text answer; given for another kind, it is read as that kind's text form (a choice,
    /// choices one per line, the scale's number, `YYYY-MM-DD`).
    Text(String),
    /// A single-choice answer: one of the question's choices.
    Choice(String),
    /// A multiple-choice answer: some of the question's choices (at least one), in the
    /// question's order.
    Choices(Vec<String>),
    /// A scale answer, from 1 to the question's `scale_max`.
    Scale(u32),
    /// A date answer.
    Date(NaiveDate),
}

impl Answer {
    /// The answer's text form (what [`Answer::Text`] gives for its kind): choices one per line.
    pub fn to_text(&self) -> String {
        match self {
            Answer::Text(s) | Answer::Choice(s) => s.clone(),
            Answer::Choices(c) => c.join("\n"),
            Answer::Scale(n) => n.to_string(),
            Answer::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// The answer as stored for `q`: of its kind, checked. `None`: empty text (no answer).
    pub(crate) fn checked(self, field: &str, q: &Question) -> Result<Option<Answer>> {
        let bad = |why: String| Error::invalid(field, why);
        let text_limit = |s: &str, max: usize, lines: bool| -> Result<Option<String>> {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            if t.chars().count() > max {
                return Err(bad(format!("longer than {max} characters")));
            }
            if t
                .chars()
                .any(|c| c.is_control() && !(lines && matches!(c, '\n' | '\t' | '\r')))
            {
                return Err(bad("contains control characters".into()));
            }
            Ok(Some(t.to_string()))
        };
        let choice = |s: &str| -> Result<String> {
            let t = s.trim();
            q.choices
                .iter()
                .find(|c| c.as_str() == t)
                .cloned()
                .ok_or_else(|| bad(format!("{t:?} is not one of the question's choices")))
        };
        let a = match (q.kind, self) {
            (QuestionKind::ShortText, Answer::Text(s)) => {
                text_limit(&s, MAX_SHORT_ANSWER_CHARS, false)?.map(Answer::Text)
            }
            (QuestionKind::LongText, Answer::Text(s)) => {
                text_limit(&s, MAX_LONG_ANSWER_CHARS, true)?.map(Answer::Text)
            }
            (QuestionKind::SingleChoice, Answer::Text(s) | Answer::Choice(s)) => {
                if s.trim().is_empty() {
                    None
                } else {
                    Some(Answer::Choice(choice(&s)?))
                }
            }
            (QuestionKind::MultipleChoice, Answer::Text(s)) => {
                let picked: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
                if picked.is_empty() {
                    None
                } else {
                    Some(Answer::Choices(picked.iter().map(|c| c.to_string()).collect()))
                        .map(|a| a.checked(field, q))
                        .transpose()?
                        .flatten()
                }
            }
            (QuestionKind::MultipleChoice, Answer::Choices(given)) => {
                let mut picked = Vec::with_capacity(given.len());
                for c in &given {
                    let c = choice(c)?;
                    if picked.contains(&c) {
                        return Err(bad(format!("{c:?} is picked twice")));
                    }
                    picked.push(c);
                }
                if picked.is_empty() {
                    None
                } else {
                    // In the question's order, whatever order they were picked in.
                    picked.sort_by_key(|c| q.choices.iter().position(|x| x == c));
                    Some(Answer::Choices(picked))
                }
            }
            (QuestionKind::Scale, Answer::Text(s)) => {
                let t = s.trim();
                if t.is_empty() {
                    None
                } else {
                    let n = t
                        .parse::<u32>()
                        .map_err(|_| bad(format!("{t:?} is not a whole number")))?;
                    Answer::Scale(n).checked(field, q)?
                }
            }
            (QuestionKind::Scale, Answer::Scale(n)) => {
                let max = q.scale_max.unwrap_or(MAX_SCALE);
                if !(1..=max).contains(&n) {
                    return Err(bad(format!("{n} is not on the scale of 1 to {max}")));
                }
                Some(Answer::Scale(n))
            }
            (QuestionKind::Date, Answer::Text(s)) => {
                let t = s.trim();
                if t.is_empty() {
                    None
                } else {
                    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d")
                        .map_err(|_| bad(format!("{t:?} is not a date (YYYY-MM-DD)")))?;
                    Some(Answer::Date(crate::validate::date(field, d)?))
                }
            }
            (QuestionKind::Date, Answer::Date(d)) => {
                Some(Answer::Date(crate::validate::date(field, d)?))
            }
            (kind, a) => {
                return Err(bad(format!(
                    "a {} question does not take {:?}",
                    kind.as_str().replace('_', " "),
                    a.to_text()
                )))
            }
        };
        Ok(a)
    }
}

/// The answer to one question of a form, by the question's place (from 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormAnswer {
    /// The question's index in the form's `questions`.
    pub question: u32,
    /// The answer.
    pub answer: Answer,
}

/// A form sent into an engagement: a copy of a template's questions, with the client's
/// answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// This form's id.
    pub id: FormId,
    /// The practice it belongs to.
    pub practice_id: PracticeId,
    /// The engagement it was sent into; its client answers it.
    pub engagement_id: EngagementId,
    /// The template it was copied from (`None` once that template is deleted).
    pub template_id: Option<FormTemplateId>,
    /// The template's name when it was sent.
    pub name: String,
    /// The template's description when it was sent.
    pub description: Option<String>,
    /// The template's questions when it was sent, in order.
    pub questions: Vec<Question>,
    /// The answers, by question (at most one each, in question order; unanswered questions
    /// have none). A coach reading an open form gets none: drafts are the client's.
    pub answers: Vec<FormAnswer>,
    /// Open (being answered) or Submitted.
    pub status: FormStatus,
    /// When the client should submit it (a calendar date); `None`: no due date.
    pub due_date: Option<NaiveDate>,
    /// Who sent it: a coach (a program's form: the coach who created the engagement).
    pub sent_by: Actor,
    /// When it was sent (UTC).
    pub sent_at: DateTime<Utc>,
    /// When it was last submitted; `None`: never.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Last changed (sent, answers saved, submitted, reopened).
    pub updated_at: DateTime<Utc>,
}
