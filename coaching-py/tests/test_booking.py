"""Self-booking from Python: a coach's hours and date overrides, booking rules, free slots,
a client booking a listed slot, and each refusal as its exception with its figures."""

import datetime as dt

import pytest

import coaching
from coaching import BookingRules, Location, Plan

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # Monday, 09:00 in London (GMT)
OFFICE = Location.other("office")


@pytest.fixture
def booked():
    clock = coaching.ManualClock(T0)
    with coaching.in_memory(clock=clock) as lib:
        practice, owner = lib.create_practice("Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=Plan.solo())
        carla = lib.add_client(owner, practice.id, "Carla", has_portal=True)
        program = lib.create_program(owner, practice.id, "Two", planned_sessions=2)
        e = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=owner.id, client_id=carla.id)
        lib.activate(owner, e.id)
        yield lib, owner, carla, program, e


def test_hours_rules_slots_and_a_client_booking(booked):
    lib, owner, carla, program, e = booked
    assert lib.availability(owner, owner.id) is None
    a = lib.set_weekly_hours(owner, owner.id, [(d, 9 * 60, 12 * 60) for d in range(1, 6)])
    assert a.time_zone == "Europe/London"
    assert [(w.weekday, w.start_minute, w.end_minute) for w in a.weekly][:2] == [(1, 540, 720), (2, 540, 720)]
    a = lib.set_date_hours(owner, owner.id, dt.date(2026, 3, 4), [])
    assert a.overrides[0].date == dt.date(2026, 3, 4) and a.overrides[0].hours == []
    assert lib.availability(owner, owner.id) == a

    assert lib.program_booking_rules(owner, program.id) is None
    rules = BookingRules(min_notice_minutes=24 * 60, max_horizon_days=7, slot_step_minutes=60)
    assert lib.set_program_booking_rules(owner, program.id, rules) == rules
    got = lib.booking_rules(carla, e.id)
    assert got.source == "program" and got.rules == rules

    slots = lib.free_slots(carla, e.id, T0, T0 + dt.timedelta(days=7))
    # Tuesday, Thursday, Friday at 09:00, 10:00 and 11:00 (Monday inside the notice, Wednesday off).
    assert len(slots) == 9
    assert slots[0] == dt.datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    assert all(s.tzinfo is not None for s in slots)
    s = lib.book_session(carla, e.id, slots[0], OFFICE)
    assert s.start == slots[0]
    assert slots[0] not in lib.free_slots(carla, e.id, T0, T0 + dt.timedelta(days=7))
    # Where that session could move: its own time is listed (it is out of its own way).
    assert slots[0] in lib.reschedule_slots(carla, s.id, T0, T0 + dt.timedelta(days=7))

    # Back to the program's rules' absence: the defaults.
    own = lib.set_engagement_booking_rules(owner, e.id, BookingRules(slot_step_minutes=15))
    assert own.source == "engagement" and own.rules.slot_step_minutes == 15
    assert lib.set_engagement_booking_rules(owner, e.id, None).source == "program"
    assert lib.set_program_booking_rules(owner, program.id, None) is None
    assert lib.booking_rules(owner, e.id).source == "default"
    a = lib.clear_date_hours(owner, owner.id, dt.date(2026, 3, 4))
    assert a.overrides == []


def test_each_refusal_with_its_figures(booked):
    lib, owner, carla, program, e = booked
    lib.set_weekly_hours(owner, owner.id, [(d, 9 * 60, 12 * 60) for d in range(1, 6)])
    lib.set_engagement_booking_rules(owner, e.id, BookingRules(min_notice_minutes=60, max_horizon_days=7))
    with pytest.raises(coaching.NoticeTooShortError) as err:
        lib.book_session(carla, e.id, T0 + dt.timedelta(minutes=30), OFFICE)
    assert (err.value.notice_minutes, err.value.minutes_ahead) == (60, 30)
    with pytest.raises(coaching.BeyondHorizonError) as err:
        lib.book_session(carla, e.id, T0 + dt.timedelta(days=8), OFFICE)
    assert (err.value.horizon_days, err.value.days_ahead) == (7, 8)
    sunday = dt.datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
    with pytest.raises(coaching.OutsideAvailabilityError) as err:
        lib.book_session(carla, e.id, sunday, OFFICE)
    assert err.value.start == sunday
    with pytest.raises(coaching.OutsideAvailabilityError):
        lib.book_session(carla, e.id, T0 + dt.timedelta(hours=1, minutes=10), OFFICE)
    lib.book_session(carla, e.id, T0 + dt.timedelta(days=1), OFFICE)
    lib.book_session(carla, e.id, T0 + dt.timedelta(days=2), OFFICE)
    with pytest.raises(coaching.AllocationUsedUpError) as err:
        lib.book_session(carla, e.id, T0 + dt.timedelta(days=3), OFFICE)
    assert err.value.unit == coaching.ProgressUnit.SESSIONS
    assert (err.value.planned, err.value.used, err.value.scheduled) == (2, 0, 2)
    with pytest.raises(coaching.AllocationUsedUpError):
        lib.free_slots(carla, e.id, T0, T0 + dt.timedelta(days=1))
    # The coach is not held to the hours or the allocation.
    lib.book_session(owner, e.id, sunday, OFFICE)
    # Malformed input: typed, nothing changed.
    with pytest.raises(coaching.ValidationError) as err:
        lib.set_weekly_hours(owner, owner.id, [(8, 0, 60)])
    assert err.value.field == "weekly.weekday"
    with pytest.raises(coaching.ValidationError):
        lib.set_date_hours(owner, owner.id, dt.date(2026, 3, 9), [(600, 540)])
    with pytest.raises(coaching.ValidationError) as err:
        lib.set_engagement_booking_rules(owner, e.id, BookingRules(slot_step_minutes=1))
    assert err.value.field == "slot_step_minutes"
    with pytest.raises(coaching.PermissionDeniedError):
        lib.set_weekly_hours(carla, owner.id, [])
    with pytest.raises(ValueError):
        BookingRules(min_notice_minutes=-1)
