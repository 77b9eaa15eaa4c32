//! Custom fields: the owner's definitions, the coaches' values. Mirrors
//! `coaching-core/src/service/fields.rs`.

use coaching_core as core;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_stub_gen::derive::*;

use super::Coaching;
use crate::convert::*;
use crate::types::*;

fn target(entity: core::FieldEntity, target_id: &str) -> PyResult<core::FieldTarget> {
    Ok(match entity {
        core::FieldEntity::Engagement => core::FieldTarget::Engagement(id(target_id)?),
        core::FieldEntity::Client => core::FieldTarget::Client(id(target_id)?),
    })
}

#[gen_stub_pymethods]
#[pymethods]
impl Coaching {
    /// Defines a custom field for engagements or clients (`entity`: a `FieldEntity` or its
    /// value; `kind`: a `FieldKind` or its value; `choices` for a choice field). The owner.
    #[pyo3(signature = (actor, practice_id, entity, label, kind, *, choices=Vec::new(), required_for_activation=false))]
    #[pyo3(
        text_signature = "($self, actor, practice_id, entity, label, kind, *, choices=(), required_for_activation=False)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn define_field(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
        entity: Pick<core::FieldEntity>, label: &str, kind: Pick<core::FieldKind>,
        choices: Vec<String>, required_for_activation: bool,
    ) -> PyResult<FieldDefinition> {
        let new = core::NewField {
            entity: entity.get("entity")?,
            label: label.into(),
            kind: kind.get("kind")?,
            choices,
            required_for_activation,
        };
        self.one(py, move |l| l.define_field(actor.0, practice_id.0, new))
    }

    /// Changes a custom field (the owner): `label`, `choices` (values of a removed choice are
    /// cleared), `required_for_activation`, `position`. The kind never changes.
    #[pyo3(signature = (actor, field_id, **changes))]
    fn update_field(
        &self, py: Python<'_>, actor: Who, field_id: Id<core::FieldId>,
        changes: Option<Bound<'_, PyDict>>,
    ) -> PyResult<FieldDefinition> {
        let c = Changes::new(changes, &["label", "choices", "required_for_activation", "position"])?;
        let u = core::FieldUpdate {
            label: c.set("label")?,
            choices: c.set("choices")?,
            required_for_activation: c.set("required_for_activation")?,
            position: c.set::<Count<u32>>("position")?.map(|p| p.0),
        };
        self.one(py, move |l| l.update_field(actor.0, field_id.0, u))
    }

    /// Deletes a custom field with its values (the owner).
    fn delete_field(&self, py: Python<'_>, actor: Who, field_id: Id<core::FieldId>) -> PyResult<()> {
        self.run(py, move |l| l.delete_field(actor.0, field_id.0))
    }

    /// The practice's custom fields of `entity`, in order (any coach).
    fn fields(
        &self, py: Python<'_>, actor: Who, practice_id: Id<core::PracticeId>,
        entity: Pick<core::FieldEntity>,
    ) -> PyResult<Vec<FieldDefinition>> {
        let e = entity.get("entity")?;
        self.many(py, move |l| l.fields(actor.0, practice_id.0, e))
    }

    /// Sets a custom field's value on an engagement or a client (`target`: a `FieldEntity` or
    /// its value, with `target_id`): a `str` (text, a choice, or any kind's text form), an
    /// `int` or `float`, a `bool`, a `datetime.date`; None clears it. Returns the value stored.
    #[pyo3(signature = (actor, target, target_id, field_id, value))]
    fn set_field_value(
        &self, py: Python<'_>, actor: Who, target: Pick<core::FieldEntity>, target_id: &str,
        field_id: Id<core::FieldId>, value: Option<FieldVal>,
    ) -> PyResult<Option<FieldVal>> {
        let t = self::target(target.get("target")?, target_id)?;
        let v = value.map(|v| v.0);
        Ok(self.run(py, move |l| l.set_field_value(actor.0, t, field_id.0, v))?.map(FieldVal))
    }

    /// Every custom field of an engagement or a client in order, each with its value.
    fn field_values(
        &self, py: Python<'_>, actor: Who, target: Pick<core::FieldEntity>, target_id: &str,
    ) -> PyResult<Vec<FieldWithValue>> {
        let t = self::target(target.get("target")?, target_id)?;
        self.many(py, move |l| l.field_values(actor.0, t))
    }
}
