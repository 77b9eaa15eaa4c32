"""Custom fields from Python: typed values by Python type, required fields blocking
activation, definition changes, refusals that change nothing."""

import datetime as dt

import pytest

import coaching
from coaching import FieldEntity, FieldKind


def test_typed_values_and_required_fields(world):
    lib, owner, carla = world.lib, world.owner, world.client
    pid = world.practice.id
    company = lib.define_field(owner, pid, FieldEntity.CLIENT, "Company", "text", required_for_activation=True)
    budget = lib.define_field(owner, pid, "engagement", "Budget", FieldKind.NUMBER)
    kickoff = lib.define_field(owner, pid, "engagement", "Kick-off", "date")
    tier = lib.define_field(owner, pid, "engagement", "Tier", "choice", choices=["Bronze", "Gold"], required_for_activation=True)
    signed = lib.define_field(owner, pid, "engagement", "Signed", "yes_no")
    assert isinstance(tier, coaching.FieldDefinition) and tier.kind is FieldKind.CHOICE and tier.choices == ["Bronze", "Gold"]
    assert [f.label for f in lib.fields(owner, pid, "engagement")] == ["Budget", "Kick-off", "Tier", "Signed"]

    e = world.engagement(activate=False)
    with pytest.raises(coaching.MissingFieldsError) as missing:
        lib.activate(owner, e.id)
    assert sorted(missing.value.missing) == ["field:Company", "field:Tier"]

    assert lib.set_field_value(owner, "engagement", e.id, budget.id, 1200) == 1200.0
    assert lib.set_field_value(owner, "engagement", e.id, kickoff.id, dt.date(2026, 3, 9)) == dt.date(2026, 3, 9)
    assert lib.set_field_value(owner, "engagement", e.id, signed.id, True) is True
    assert lib.set_field_value(owner, "engagement", e.id, tier.id, "Gold") == "Gold"
    assert lib.set_field_value(owner, "client", carla.id, company.id, "Acme") == "Acme"
    assert lib.set_field_value(owner, "engagement", e.id, budget.id, "12.5") == 12.5  # text form
    values = {w.field.label: w.value for w in lib.field_values(owner, "engagement", e.id)}
    assert values == {"Budget": 12.5, "Kick-off": dt.date(2026, 3, 9), "Tier": "Gold", "Signed": True}
    assert lib.activate(owner, e.id).status == coaching.Status.ACTIVE

    with pytest.raises(coaching.ValidationError) as bad:
        lib.set_field_value(owner, "engagement", e.id, tier.id, "Platinum")
    assert bad.value.field == "value"
    with pytest.raises(coaching.ValidationError):
        lib.set_field_value(owner, "engagement", e.id, kickoff.id, 5)
    with pytest.raises(TypeError):
        lib.set_field_value(owner, "engagement", e.id, kickoff.id, dt.datetime(2026, 3, 9, tzinfo=dt.timezone.utc))
    with pytest.raises(coaching.PermissionDeniedError):
        lib.set_field_value(carla, "engagement", e.id, budget.id, 1)
    assert {w.field.label: w.value for w in lib.field_values(owner, "engagement", e.id)} == values
    assert lib.set_field_value(owner, "engagement", e.id, signed.id, None) is None


def test_definition_changes(world):
    lib, owner = world.lib, world.owner
    pid = world.practice.id
    tier = lib.define_field(owner, pid, "engagement", "Tier", "choice", choices=["Bronze", "Silver", "Gold"])
    e, f = world.engagement(), world.engagement()
    lib.set_field_value(owner, "engagement", e.id, tier.id, "Silver")
    lib.set_field_value(owner, "engagement", f.id, tier.id, "Gold")
    renamed = lib.update_field(owner, tier.id, label="Level", choices=["Bronze", "Gold"])
    assert renamed.label == "Level" and renamed.choices == ["Bronze", "Gold"]
    assert [w.value for w in lib.field_values(owner, "engagement", e.id)] == [None]  # Silver went
    assert [w.value for w in lib.field_values(owner, "engagement", f.id)] == ["Gold"]
    with pytest.raises(TypeError):
        lib.update_field(owner, tier.id, kind="text")
    with pytest.raises(coaching.ValidationError) as dup:
        lib.define_field(owner, pid, "engagement", "level", "text")
    assert dup.value.field == "label"
    lib.delete_field(owner, tier.id)
    assert lib.field_values(owner, "engagement", f.id) == []
