//! Custom fields: the owner defines typed fields for engagements and clients (see
//! [`crate::fields`] for what a definition change does to existing values); coaches set and
//! read their values. Clients see none of them.

use std::collections::HashSet;

use crate::activity::{Action, Audience, TargetRef};
use crate::actor::Actor;
use crate::auth;
use crate::engagement::Engagement;
use crate::error::{Error, Result};
use crate::fields::*;
use crate::ids::{EntityKind, FieldId, PracticeId};
use crate::storage::Reader;
use crate::validate;

use super::engagement::load;
use super::{Coaching, Tx};

fn target(f: &FieldDefinition) -> TargetRef {
    TargetRef::new(EntityKind::Field, *f.id.as_uuid())
}

/// Checked choices: for a choice field at least one, distinct, each a name; none otherwise.
pub(crate) fn choices(kind: FieldKind, given: &[String]) -> Result<Vec<String>> {
    if kind != FieldKind::Choice {
        if !given.is_empty() {
            return Err(Error::invalid("choices", "only a choice field has choices"));
        }
        return Ok(Vec::new());
    }
    if given.is_empty() || given.len() > MAX_FIELD_CHOICES {
        return Err(Error::invalid(
            "choices",
            format!("a choice field has 1 to {MAX_FIELD_CHOICES} choices"),
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(given.len());
    for c in given {
        let c = validate::name("choices", c)?;
        if !seen.insert(c.to_lowercase()) {
            return Err(Error::invalid("choices", format!("{c:?} is given twice")));
        }
        out.push(c);
    }
    Ok(out)
}

fn load_field(r: &dyn Reader, actor: Actor, id: FieldId) -> Result<FieldDefinition> {
    let f = r
        .field(id)?
        .ok_or_else(|| Error::not_found(EntityKind::Field, id))?;
    auth::hide_foreign(r, actor, f.practice_id, EntityKind::Field, id)?;
    Ok(f)
}

fn unique_label(r: &dyn Reader, f: &FieldDefinition) -> Result<()> {
    let taken = r
        .fields(f.practice_id, f.entity)?
        .iter()
        .any(|o| o.id != f.id && o.label.to_lowercase() == f.label.to_lowercase());
    if taken {
        return Err(Error::invalid(
            "label",
            format!("the practice has a {} field named {:?}", f.entity, f.label),
        ));
    }
    Ok(())
}

fn renumber(tx: &mut Tx<'_>, fields: Vec<FieldDefinition>) -> Result<()> {
    for (i, mut f) in fields.into_iter().enumerate() {
        if f.position != i as u32 {
            f.position = i as u32;
            tx.w.save_field(&f)?;
        }
    }
    Ok(())
}

/// The required fields an engagement lacks to be activated: its own and its client's, named
/// `field:<label>`.
pub(crate) fn missing_required(r: &dyn Reader, e: &Engagement) -> Result<Vec<String>> {
    let mut missing = Vec::new();
    let mut check = |entity: FieldEntity, id: uuid::Uuid| -> Result<()> {
        let required: Vec<FieldDefinition> = r
            .fields(e.practice_id, entity)?
            .into_iter()
            .filter(|f| f.required_for_activation)
            .collect();
        if required.is_empty() {
            return Ok(());
        }
        let set: HashSet<FieldId> = r
            .field_values(e.practice_id, Some(id))?
            .into_iter()
            .map(|v| v.field_id)
            .collect();
        missing.extend(
            required
                .into_iter()
                .filter(|f| !set.contains(&f.id))
                .map(|f| format!("field:{}", f.label)),
        );
        Ok(())
    };
    check(FieldEntity::Engagement, *e.id.as_uuid())?;
    if let Some(c) = e.client_id {
        check(FieldEntity::Client, *c.as_uuid())?;
    }
    Ok(missing)
}

impl Coaching {
    /// Defines a custom field for the practice's engagements or clients (the owner), at the end
    /// of the entity's list.
    pub fn define_field(
        &self,
        actor: Actor,
        practice: PracticeId,
        new: NewField,
    ) -> Result<FieldDefinition> {
        let label = validate::name("label", &new.label)?;
        let choices = choices(new.kind, &new.choices)?;
        self.write(|tx| {
            let p = auth::practice(tx.r(), practice)?;
            auth::owner_of(tx.r(), actor, &p)?;
            let f = FieldDefinition {
                id: FieldId::new(),
                practice_id: practice,
                entity: new.entity,
                label: label.clone(),
                kind: new.kind,
                choices: choices.clone(),
                required_for_activation: new.required_for_activation,
                position: tx.r().fields(practice, new.entity)?.len() as u32,
                created_at: tx.now,
                updated_at: tx.now,
            };
            unique_label(tx.r(), &f)?;
            tx.w.save_field(&f)?;
            tx.log(practice, None, actor, Action::FieldDefined, target(&f), Some(f.label.clone()))?;
            Ok(f)
        })
    }

    /// Changes a custom field's label, choices, requirement or place (the owner). Removing a
    /// choice clears the values that held it; the kind never changes.
    pub fn update_field(
        &self,
        actor: Actor,
        id: FieldId,
        update: FieldUpdate,
    ) -> Result<FieldDefinition> {
        let label = update
            .label
            .as_deref()
            .map(|l| validate::name("label", l))
            .transpose()?;
        self.write(|tx| {
            let mut f = load_field(tx.r(), actor, id)?;
            let p = auth::practice(tx.r(), f.practice_id)?;
            auth::owner_of(tx.r(), actor, &p)?;
            if let Some(l) = &label {
                f.label = l.clone();
                unique_label(tx.r(), &f)?;
            }
            if let Some(c) = &update.choices {
                if f.kind != FieldKind::Choice {
                    return Err(Error::invalid("choices", "only a choice field has choices"));
                }
                let kept = choices(f.kind, c)?;
                for v in tx.r().field_values(f.practice_id, None)? {
                    if v.field_id == f.id
                        && !matches!(&v.value, FieldValue::Choice(x) if kept.contains(x))
                    {
                        tx.w.delete_field_value(f.id, v.target_id)?;
                    }
                }
                f.choices = kept;
            }
            if let Some(r) = update.required_for_activation {
                f.required_for_activation = r;
            }
            f.updated_at = tx.now;
            tx.w.save_field(&f)?;
            if let Some(to) = update.position {
                let mut list = tx.r().fields(f.practice_id, f.entity)?;
                if let Some(from) = list.iter().position(|x| x.id == f.id) {
                    let moving = list.remove(from);
                    list.insert((to as usize).min(list.len()), moving);
                    renumber(tx, list)?;
                }
            }
            tx.log(f.practice_id, None, actor, Action::FieldUpdated, target(&f), Some(f.label.clone()))?;
            tx.r()
                .field(id)?
                .ok_or_else(|| Error::not_found(EntityKind::Field, id))
        })
    }

    /// Deletes a custom field with every value it holds (the owner).
    pub fn delete_field(&self, actor: Actor, id: FieldId) -> Result<()> {
        self.write(|tx| {
            let f = load_field(tx.r(), actor, id)?;
            let p = auth::practice(tx.r(), f.practice_id)?;
            auth::owner_of(tx.r(), actor, &p)?;
            tx.w.delete_field(id)?;
            renumber(tx, tx.r().fields(f.practice_id, f.entity)?)?;
            tx.log(f.practice_id, None, actor, Action::FieldDeleted, target(&f), Some(f.label.clone()))
        })
    }

    /// The practice's custom fields of `entity`, in order (any coach of the practice).
    pub fn fields(
        &self,
        actor: Actor,
        practice: PracticeId,
        entity: FieldEntity,
    ) -> Result<Vec<FieldDefinition>> {
        self.read(|r| {
            auth::practice(r, practice)?;
            auth::coach_in(r, actor, practice)?;
            r.fields(practice, entity)
        })
    }

    /// Sets a custom field's value on an engagement (a coach who manages it) or a client (any
    /// coach of the practice), or clears it with `None`. The value must be of the field's kind
    /// (or its text form); a choice one of its choices.
    pub fn set_field_value(
        &self,
        actor: Actor,
        on: FieldTarget,
        field: FieldId,
        value: Option<FieldValue>,
    ) -> Result<Option<FieldValue>> {
        self.write(|tx| {
            let f = load_field(tx.r(), actor, field)?;
            let (engagement, practice) = self.field_target(tx.r(), actor, on)?;
            if f.practice_id != practice {
                return Err(Error::not_found(EntityKind::Field, field));
            }
            if f.entity != on.entity() {
                return Err(Error::invalid(
                    "field",
                    format!("{:?} is a field of {}s", f.label, f.entity),
                ));
            }
            let checked = value.map(|v| v.checked(&f)).transpose()?;
            let current = tx
                .r()
                .field_values(practice, Some(on.uuid()))?
                .into_iter()
                .find(|v| v.field_id == f.id)
                .map(|v| v.value);
            if current == checked {
                // Nothing changes: nothing is written or logged.
                return Ok(checked);
            }
            match &checked {
                Some(v) => tx.w.save_field_value(
                    practice,
                    &StoredFieldValue {
                        field_id: f.id,
                        target_id: on.uuid(),
                        value: v.clone(),
                        updated_at: tx.now,
                    },
                )?,
                None => tx.w.delete_field_value(f.id, on.uuid())?,
            }
            let (audience, subject) = match engagement {
                Some(e) => (Audience::Coach, Some(e)),
                None => (Audience::Coaches, None),
            };
            tx.log_to(
                audience,
                practice,
                subject,
                actor,
                Action::FieldValueSet,
                TargetRef::new(on.entity_kind(), on.uuid()),
                Some(f.label.clone()),
            )?;
            Ok(checked)
        })
    }

    /// Every custom field of an engagement (a coach who manages it) or of a client (any coach of
    /// the practice), in order, each with its value (`None`: empty).
    pub fn field_values(&self, actor: Actor, on: FieldTarget) -> Result<Vec<FieldWithValue>> {
        self.read(|r| {
            let (_, practice) = self.field_target(r, actor, on)?;
            let mut values: std::collections::HashMap<FieldId, FieldValue> = r
                .field_values(practice, Some(on.uuid()))?
                .into_iter()
                .map(|v| (v.field_id, v.value))
                .collect();
            Ok(r.fields(practice, on.entity())?
                .into_iter()
                .map(|f| FieldWithValue {
                    value: values.remove(&f.id),
                    field: f,
                })
                .collect())
        })
    }

    /// The target's engagement (if it is one) and practice, once the actor may work on its
    /// fields: a coach who manages the engagement, or any coach of the client's practice.
    fn field_target(
        &self,
        r: &dyn Reader,
        actor: Actor,
        on: FieldTarget,
    ) -> Result<(Option<crate::ids::EngagementId>, PracticeId)> {
        match on {
            FieldTarget::Engagement(id) => {
                let e = load(r, actor, id)?;
                auth::manage(r, actor, &e)?;
                Ok((Some(e.id), e.practice_id))
            }
            FieldTarget::Client(id) => {
                let c = r
                    .client(id)?
                    .ok_or_else(|| Error::not_found(EntityKind::Client, id))?;
                auth::hide_foreign(r, actor, c.practice_id, EntityKind::Client, id)?;
                auth::coach_in(r, actor, c.practice_id)?;
                super::archive::not_erased(&c)?;
                Ok((None, c.practice_id))
            }
        }
    }
}
