"""Goal horizons from Python: set by member or value, moved, cleared with None, kept by other
edits, filtered; a bad value is refused and changes nothing."""

import pytest

import coaching
from coaching import GoalHorizon


def test_horizons_set_moved_cleared_and_filtered(world):
    lib, owner = world.lib, world.owner
    carla = world.client
    e = world.engagement()
    plain = lib.create_goal(owner, e.id, "Read more")
    assert plain.horizon is None
    long = lib.create_goal(carla, e.id, "Change careers", horizon=GoalHorizon.LONG)
    short = lib.create_goal(owner, e.id, "Sleep by 11", horizon="short")
    assert long.horizon is GoalHorizon.LONG and short.horizon is GoalHorizon.SHORT
    assert isinstance(short.horizon, GoalHorizon)

    assert [g.name for g in lib.goals_by_horizon(carla, e.id, GoalHorizon.LONG)] == ["Change careers"]
    assert [g.name for g in lib.goals_by_horizon(owner, e.id, None)] == ["Read more"]
    assert lib.goals_by_horizon(owner, e.id, "mid") == []

    assert lib.update_goal(carla, plain.id, horizon=GoalHorizon.MID).horizon is GoalHorizon.MID
    assert lib.update_goal(owner, plain.id, name="Read 12 books").horizon is GoalHorizon.MID
    assert lib.update_goal(owner, short.id, horizon=None).horizon is None
    assert [g.name for g in lib.goals_by_horizon(owner, e.id, "mid")] == ["Read 12 books"]
    by_name = {g.name: g.horizon for g in lib.goals(owner, e.id)}
    assert by_name == {"Read 12 books": GoalHorizon.MID, "Change careers": GoalHorizon.LONG, "Sleep by 11": None}


def test_a_bad_horizon_is_refused_and_changes_nothing(world):
    lib, owner = world.lib, world.owner
    e = world.engagement()
    g = lib.create_goal(owner, e.id, "Run 10k", horizon="long")
    with pytest.raises(coaching.ValidationError) as err:
        lib.update_goal(owner, g.id, horizon="someday", name="Renamed")
    assert err.value.field == "horizon"
    with pytest.raises(coaching.ValidationError):
        lib.create_goal(owner, e.id, "X", horizon="soon")
    with pytest.raises(coaching.ValidationError):
        lib.goals_by_horizon(owner, e.id, "later")
    assert [(x.name, x.horizon) for x in lib.goals(owner, e.id)] == [("Run 10k", GoalHorizon.LONG)]


def test_who_may_not_read_goals_may_not_filter_them(world):
    lib, owner = world.lib, world.owner
    e = world.engagement()
    lib.create_goal(owner, e.id, "Private plan", horizon="short")
    other, stranger = lib.create_practice("Elsewhere", owner_name="Oscar", time_zone="UTC", plan=coaching.Plan.solo())
    with pytest.raises(coaching.NotFoundError):
        lib.goals_by_horizon(stranger, e.id, "short")
