//! Custom fields: the owner's definitions, the coaches' values. Mirrors
//! `coaching-core/src/service/fields.rs`. Values pass in their text form (`12.5`, `2026-03-02`,
//! a choice, `yes`/`no`, or free text), read by the field's kind.

use coaching_core as core;

use super::CoachingLibrary;
use crate::mobile::types::*;

fn target(kind: FieldEntity, target_id: &str) -> R<core::FieldTarget> {
    Ok(match kind {
        FieldEntity::Engagement => core::FieldTarget::Engagement(id(target_id)?),
        FieldEntity::Client => core::FieldTarget::Client(id(target_id)?),
    })
}

#[uniffi::export]
impl CoachingLibrary {
    pub fn define_field(
        &self, actor: Actor, practice_id: String, entity: FieldEntity, label: String,
        kind: FieldKind, choices: Vec<String>, required_for_activation: bool,
    ) -> R<FieldDefinition> {
        let new = core::NewField {
            entity: entity.into(),
            label,
            kind: kind.into(),
            choices,
            required_for_activation,
        };
        Ok(self.inner.define_field(actor.core()?, id(&practice_id)?, new)?.into())
    }

    pub fn update_field(
        &self, actor: Actor, field_id: String, changes: FieldChanges,
    ) -> R<FieldDefinition> {
        let u = core::FieldUpdate {
            label: changes.label,
            choices: changes.choices,
            required_for_activation: changes.required_for_activation,
            position: changes.position,
        };
        Ok(self.inner.update_field(actor.core()?, id(&field_id)?, u)?.into())
    }

    pub fn delete_field(&self, actor: Actor, field_id: String) -> R<()> {
        Ok(self.inner.delete_field(actor.core()?, id(&field_id)?)?)
    }

    pub fn fields(
        &self, actor: Actor, practice_id: String, entity: FieldEntity,
    ) -> R<Vec<FieldDefinition>> {
        Ok(list(self.inner.fields(actor.core()?, id(&practice_id)?, entity.into())?))
    }

    /// Sets a value in its text form; null clears it. Returns the stored text form.
    pub fn set_field_value(
        &self, actor: Actor, target_kind: FieldEntity, target_id: String, field_id: String,
        value: Option<String>,
    ) -> R<Option<String>> {
        let v = value.map(core::FieldValue::Text);
        Ok(self
            .inner
            .set_field_value(actor.core()?, target(target_kind, &target_id)?, id(&field_id)?, v)?
            .map(|v| v.to_text()))
    }

    pub fn field_values(
        &self, actor: Actor, target_kind: FieldEntity, target_id: String,
    ) -> R<Vec<FieldWithValue>> {
        Ok(list(self.inner.field_values(actor.core()?, target(target_kind, &target_id)?)?))
    }
}
