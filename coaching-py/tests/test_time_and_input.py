import datetime as dt
import zoneinfo

import pytest

import coaching
from coaching import Location

UTC = dt.timezone.utc


def test_dates_round_trip(world):
    e = world.lib.create_engagement(world.owner, world.practice.id, start_date=dt.date(2026, 2, 28), end_date=dt.date(2026, 12, 31))
    again = world.lib.engagement(world.owner, e.id)
    assert (again.start_date, again.end_date) == (dt.date(2026, 2, 28), dt.date(2026, 12, 31))
    assert isinstance(again.start_date, dt.date)


def test_aware_datetimes_in_any_zone_round_trip_as_utc(world):
    e = world.engagement()
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    start = dt.datetime(2026, 3, 30, 10, 0, tzinfo=paris)  # after the change to summer time: UTC+2
    s = world.lib.book_session(world.owner, e.id, start, Location.phone("+33 1 23 45 67 89"), time_zone="Europe/Paris")
    assert s.start == start and s.start.tzinfo == UTC and s.start.hour == 8
    assert s.end - s.start == dt.timedelta(hours=1)
    assert s.time_zone == "Europe/Paris"
    assert world.lib.session(world.owner, s.id).start == start


def test_series_keeps_wall_clock_time_across_dst(world):
    e = world.engagement()
    london = zoneinfo.ZoneInfo("Europe/London")
    first = dt.datetime(2026, 3, 23, 9, 0, tzinfo=london)
    series = world.lib.book_series(world.owner, e.id, first, Location.other("office"), count=2, time_zone="Europe/London")
    assert [s.start.astimezone(london).hour for s in series] == [9, 9]
    assert [s.start.hour for s in series] == [9, 8]


def test_naive_datetimes_are_refused(world):
    e = world.engagement()
    with pytest.raises(TypeError, match="naive datetime"):
        world.lib.book_session(world.owner, e.id, dt.datetime(2026, 3, 2, 9), Location.other("x"))
    with pytest.raises(TypeError, match="naive datetime"):
        world.lib.upcoming_sessions_for_coach(world.owner, world.owner.id, dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 9, tzinfo=UTC))


def test_bad_input_raises_python_exceptions(world):
    lib, me = world.lib, world.owner
    with pytest.raises(TypeError):
        lib.engagement(me, 12345)  # an id must be a str
    with pytest.raises(TypeError, match="actor"):
        lib.coaches("not an actor", world.practice.id)
    with pytest.raises(coaching.ValidationError) as err:
        lib.engagement(me, "not-a-uuid")
    assert err.value.field == "EngagementId"
    with pytest.raises(coaching.NotFoundError):
        lib.note(me, "0192f0c4-0000-7000-8000-000000000000")
    # A client id where a coach id is expected: no such coach, so the practice does not exist
    # for it; not a crash.
    with pytest.raises(coaching.NotFoundError):
        lib.coaches(coaching.Actor.coach(world.client.id), world.practice.id)
    with pytest.raises(coaching.ValidationError, match="status"):
        lib.set_status(me, world.engagement(activate=False).id, "paused")
    with pytest.raises(TypeError, match="unexpected change"):
        lib.update_client(me, world.client.id, nickname="C")
    with pytest.raises(TypeError):
        lib.update_client(me, world.client.id, has_portal="yes")
    with pytest.raises(coaching.ValidationError):
        lib.add_client(me, world.practice.id, "x" * 1_000_000)
    with pytest.raises(TypeError):
        lib.book_session(me, world.engagement().id, "2026-03-02T09:00Z", Location.other("x"))
    with pytest.raises(coaching.ValidationError):
        lib.create_program(me, world.practice.id, "P", planned_sessions=3, planned_hours=2.0)
    with pytest.raises(ValueError, match="out of range"):
        lib.activity(me, world.engagement().id, limit=-1)
    with pytest.raises(ValueError, match="out of range"):
        lib.create_program(me, world.practice.id, "P", planned_sessions=2**40)
