//! Custom fields: the owner's definitions, the coaches' values. Mirrors
//! `coaching-core/src/service/fields.rs`. Values pass in their text form (`12.5`, `2026-03-02`,
//! a choice, `yes`/`no`, or free text), read by the field's kind.

use std::ffi::c_char;

use coaching_core::*;

use super::CoachingLib;
use crate::c::call::*;
use crate::c::convert::*;
use crate::c::views::*;
use crate::c::CoachingResult;

fn entity(v: i32, name: &str) -> Result<FieldEntity, crate::c::FfiError> {
    choice(v, &[FieldEntity::Engagement, FieldEntity::Client], name)
}

fn kind(v: i32) -> Result<FieldKind, crate::c::FfiError> {
    choice(
        v,
        &[FieldKind::Text, FieldKind::Number, FieldKind::Date, FieldKind::Choice, FieldKind::YesNo],
        "kind",
    )
}

/// Choices given one a line; NULL is none.
unsafe fn lines(p: *const c_char) -> Result<Option<Vec<String>>, crate::c::FfiError> {
    Ok(opt_text(p, "choices")?.map(|s| s.lines().map(str::to_string).collect()))
}

unsafe fn target(kind_v: i32, target_id: *const c_char) -> Result<FieldTarget, crate::c::FfiError> {
    Ok(match entity(kind_v, "target_kind")? {
        FieldEntity::Engagement => FieldTarget::Engagement(id(target_id, "target_id")?),
        FieldEntity::Client => FieldTarget::Client(id(target_id, "target_id")?),
    })
}

c_ops! {
    /// Defines a custom field (the owner). `entity` a `COACHING_FIELD_ENTITY_*` value, `kind` a
    /// `COACHING_FIELD_KIND_*` value; `choices` one a line for a choice field, NULL otherwise.
    fn coaching_define_field(
        practice_id: *const c_char, entity_v: i32, label: *const c_char, kind_v: i32,
        choices: *const c_char, required_for_activation: bool
    ) -> one CoachingField =
        |l, a| {
            Ok(l.define_field(
                a,
                id(practice_id, "practice_id")?,
                NewField {
                    entity: entity(entity_v, "entity")?,
                    label: text(label, "label")?.into(),
                    kind: kind(kind_v)?,
                    choices: lines(choices)?.unwrap_or_default(),
                    required_for_activation,
                },
            )?)
        };

    /// Changes a custom field (the owner): `label` NULL leaves it; `choices` (one a line) NULL
    /// leaves them, and values of a removed choice are cleared; `required_for_activation` -1
    /// leaves it, 0 or 1 sets it; `position` -1 leaves it. `out` may be NULL.
    fn coaching_update_field(
        field_id: *const c_char, label: *const c_char, choices: *const c_char,
        required_for_activation: i32, position: i64
    ) -> maybe CoachingField =
        |l, a| {
            let position = match position {
                -1 => None,
                p if (0..=u32::MAX as i64).contains(&p) => Some(p as u32),
                p => return Err(invalid("position", format!("{p} is out of range"))),
            };
            Ok(l.update_field(
                a,
                id(field_id, "field_id")?,
                FieldUpdate {
                    label: opt_text(label, "label")?.map(Into::into),
                    choices: lines(choices)?,
                    required_for_activation: tri_bool(required_for_activation, "required_for_activation")?,
                    position,
                },
            )?)
        };

    /// Deletes a custom field with its values (the owner).
    fn coaching_delete_field(field_id: *const c_char) -> done =
        |l, a| Ok(l.delete_field(a, id(field_id, "field_id")?)?);

    /// The practice's custom fields of `entity` in order (a list of `CoachingField`).
    fn coaching_fields(practice_id: *const c_char, entity_v: i32) -> list CoachingField =
        |l, a| Ok(l.fields(a, id(practice_id, "practice_id")?, entity(entity_v, "entity")?)?);

    /// Sets a custom field's value on an engagement or a client (`target_kind` a
    /// `COACHING_FIELD_ENTITY_*` value), in its text form; NULL clears it.
    fn coaching_set_field_value(
        target_kind: i32, target_id: *const c_char, field_id: *const c_char, value: *const c_char
    ) -> done =
        |l, a| {
            let v = opt_text(value, "value")?.map(|s| FieldValue::Text(s.into()));
            l.set_field_value(a, target(target_kind, target_id)?, id(field_id, "field_id")?, v)?;
            Ok(())
        };

    /// Every custom field of an engagement or a client in order, each with its value (a list of
    /// `CoachingFieldWithValue`).
    fn coaching_field_values(target_kind: i32, target_id: *const c_char) -> list CoachingFieldWithValue =
        |l, a| Ok(l.field_values(a, target(target_kind, target_id)?)?);
}
