//! Custom fields: typed fields a practice defines for its engagements and its clients (text,
//! number, date, choice, yes/no), each optionally required for activation.
//!
//! What happens to existing values when a definition changes:
//! - renaming it, reordering it, or making it required or not keeps every value;
//! - its kind never changes ([`FieldUpdate`] has none: define another field instead);
//! - removing a choice clears the values that held it (they are then empty: a required field
//!   blocks the next activation again), in the same transaction;
//! - deleting the definition deletes its values.
//!
//! A required field is checked when an engagement is activated (Draft → Active): the
//! engagement's own required fields and its client's must have values, or the activation is
//! refused with [`Error::MissingFields`] naming them as
//! `field:<label>`, beside the built-in ones. Engagements already Active are not touched when a
//! field becomes required.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{ClientId, EngagementId, FieldId, PracticeId};

crate::content::named_enum!(
    /// What a custom field belongs to.
    FieldEntity {
        /// An engagement.
        Engagement = "engagement",
        /// A client.
        Client = "client",
    }
);

crate::content::named_enum!(
    /// The type of a custom field's values.
    FieldKind {
        /// Free text (one line or more, at most [`crate::MAX_TEXT_CHARS`] characters).
        Text = "text",
        /// A finite number.
        Number = "number",
        /// A calendar date.
        Date = "date",
        /// One of the definition's choices.
        Choice = "choice",
        /// Yes or no.
        YesNo = "yes_no",
    }
);

/// Most choices a choice field offers.
pub const MAX_FIELD_CHOICES: usize = 100;

/// A custom field's definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDefinition {
    /// This definition's id.
    pub id: FieldId,
    /// The practice that defined it.
    pub practice_id: PracticeId,
    /// What it belongs to: engagements or clients.
    pub entity: FieldEntity,
    /// Its label, unique among the practice's fields of the same entity (case-insensitively).
    pub label: String,
    /// The type of its values (never changes).
    pub kind: FieldKind,
    /// The choices of a choice field, in order (empty for other kinds).
    pub choices: Vec<String>,
    /// Whether an engagement may be activated only with a value (an engagement field: its
    /// own; a client field: its client's).
    pub required_for_activation: bool,
    /// Its place in the practice's list of fields of the entity, from 0.
    pub position: u32,
    /// When it was defined (UTC).
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new custom field.
#[derive(Debug, Clone)]
pub struct NewField {
    /// What it belongs to.
    pub entity: FieldEntity,
    /// Its label (not empty; unique among the entity's fields).
    pub label: String,
    /// The type of its values.
    pub kind: FieldKind,
    /// The choices of a choice field (at least one, distinct, at most [`MAX_FIELD_CHOICES`]);
    /// empty for the other kinds.
    pub choices: Vec<String>,
    /// Required for activation.
    pub required_for_activation: bool,
}

/// Changes to a definition; `None` leaves a field as it is. The kind never changes.
#[derive(Debug, Clone, Default)]
pub struct FieldUpdate {
    /// A new label.
    pub label: Option<String>,
    /// The new list of choices (a choice field only): values holding a removed choice are
    /// cleared.
    pub choices: Option<Vec<String>>,
    /// Required for activation or not.
    pub required_for_activation: Option<bool>,
    /// A new place in the list (clamped to the end).
    pub position: Option<u32>,
}

/// A custom field's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    /// A text field's value; given for another kind, it is read as that kind's text form
    /// (`12.5`, `2026-03-02`, a choice, `yes`/`no`/`true`/`false`).
    Text(String),
    /// A number field's value (finite).
    Number(f64),
    /// A date field's value.
    Date(NaiveDate),
    /// A choice field's value: one of its choices.
    Choice(String),
    /// A yes/no field's value.
    YesNo(bool),
}

impl FieldValue {
    /// The value's text form: what [`FieldValue::Text`] gives for its kind.
    pub fn to_text(&self) -> String {
        match self {
            FieldValue::Text(s) | FieldValue::Choice(s) => s.clone(),
            FieldValue::Number(n) => n.to_string(),
            FieldValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            FieldValue::YesNo(b) => if *b { "yes" } else { "no" }.to_string(),
        }
    }

    /// The value as `def` stores it: of its kind, checked. Text is read as the kind's text form.
    pub(crate) fn checked(self, def: &FieldDefinition) -> Result<FieldValue> {
        let bad = |why: String| Error::invalid("value", why);
        let v = match (def.kind, self) {
            (FieldKind::Text, FieldValue::Text(s)) => {
                let t = crate::validate::optional_text("value", Some(&s))?
                    .ok_or_else(|| bad("empty: clear the value instead".into()))?;
                FieldValue::Text(t)
            }
            (FieldKind::Number, FieldValue::Text(s)) => FieldValue::Number(
                s.trim()
                    .parse::<f64>()
                    .map_err(|_| bad(format!("{:?} is not a number", s)))?,
            ),
            (FieldKind::Number, v @ FieldValue::Number(_)) => v,
            (FieldKind::Date, FieldValue::Text(s)) => FieldValue::Date(
                NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                    .map_err(|_| bad(format!("{:?} is not a date (YYYY-MM-DD)", s)))?,
            ),
            (FieldKind::Date, v @ FieldValue::Date(_)) => v,
            (FieldKind::Choice, FieldValue::Text(s)) => FieldValue::Choice(s.trim().to_string()),
            (FieldKind::Choice, v @ FieldValue::Choice(_)) => v,
            (FieldKind::YesNo, FieldValue::Text(s)) => {
                FieldValue::YesNo(match s.trim().to_lowercase().as_str() {
                    "yes" | "true" => true,
                    "no" | "false" => false,
                    _ => return Err(bad(format!("{:?} is not yes or no", s))),
                })
            }
            (FieldKind::YesNo, v @ FieldValue::YesNo(_)) => v,
            (kind, v) => {
                return Err(bad(format!(
                    "a {} field does not take {}",
                    kind.as_str().replace('_', "/"),
                    v.to_text()
                )))
            }
        };
        match &v {
            FieldValue::Number(n) if !n.is_finite() => Err(bad("not a finite number".into())),
            FieldValue::Date(d) => crate::validate::date("value", *d).map(FieldValue::Date),
            FieldValue::Choice(c) if !def.choices.contains(c) => {
                Err(bad(format!("{c:?} is not one of the field's choices")))
            }
            _ => Ok(v),
        }
    }
}

/// What a field value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldTarget {
    /// An engagement's fields.
    Engagement(EngagementId),
    /// A client's fields.
    Client(ClientId),
}

impl FieldTarget {
    /// The entity of the fields this target has.
    pub fn entity(self) -> FieldEntity {
        match self {
            FieldTarget::Engagement(_) => FieldEntity::Engagement,
            FieldTarget::Client(_) => FieldEntity::Client,
        }
    }
    pub(crate) fn entity_kind(self) -> crate::ids::EntityKind {
        match self {
            FieldTarget::Engagement(_) => crate::ids::EntityKind::Engagement,
            FieldTarget::Client(_) => crate::ids::EntityKind::Client,
        }
    }
    /// The target's id, as a UUID.
    pub fn uuid(self) -> uuid::Uuid {
        match self {
            FieldTarget::Engagement(id) => *id.as_uuid(),
            FieldTarget::Client(id) => *id.as_uuid(),
        }
    }
}

/// One stored value: of which field, on what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFieldValue {
    /// The field.
    pub field_id: FieldId,
    /// The engagement or client it is set on (by its UUID; the field's entity says which).
    pub target_id: uuid::Uuid,
    /// The value.
    pub value: FieldValue,
    /// When it was last set (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A field with its value on one target (`None`: empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldWithValue {
    /// The definition.
    pub field: FieldDefinition,
    /// The value; `None`: not set.
    pub value: Option<FieldValue>,
}
