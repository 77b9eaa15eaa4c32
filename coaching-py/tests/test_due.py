"""What is due: reminders per person, scoped by the actor."""

import datetime as dt

import coaching
from coaching import DueKind, Location, Plan

UTC = dt.timezone.utc


def test_due_gives_each_person_their_reminders():
    clock = coaching.ManualClock(dt.datetime(2026, 3, 2, 9, tzinfo=UTC))
    with coaching.in_memory(clock=clock) as lib:
        practice, owner = lib.create_practice("Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=Plan.solo())
        carla = lib.add_client(owner, practice.id, "Carla", has_portal=True)
        program = lib.create_program(owner, practice.id, "Leadership", planned_sessions=4)
        e = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=owner.id, client_id=carla.id)
        lib.activate(owner, e.id)
        session = lib.book_session(owner, e.id, dt.datetime(2026, 3, 3, 10, tzinfo=UTC), Location.phone("+44 20 7946 0000"))
        late = lib.create_goal(owner, e.id, "Late goal", due_date=dt.date(2026, 2, 27))
        lib.create_goal(owner, e.id, "Next month", due_date=dt.date(2026, 4, 2))
        week = (dt.datetime(2026, 3, 2, 9, tzinfo=UTC), dt.datetime(2026, 3, 9, 9, tzinfo=UTC))

        due = lib.due(owner, practice.id, *week)
        assert [(r.to_name, r.kind, r.title, r.overdue) for r in due] == [
            ("Carla", DueKind.GOAL, "Late goal", True),
            ("Carla", DueKind.SESSION, "Leadership", False),
            ("Olivia", DueKind.GOAL, "Late goal", True),
            ("Olivia", DueKind.SESSION, "Leadership", False),
        ]
        reminder = due[1]
        assert isinstance(reminder, coaching.Reminder)
        assert reminder.id == session.id and reminder.starts_at == session.start and reminder.due_date is None
        assert reminder.to.kind == coaching.ActorKind.CLIENT and reminder.to.id == carla.id
        assert due[0].id == late.id and due[0].due_date == dt.date(2026, 2, 27) and due[0].starts_at is None

        # The client: their own reminders only.
        assert [(r.to_name, r.kind) for r in lib.due(carla, practice.id, *week)] == [
            ("Carla", DueKind.GOAL),
            ("Carla", DueKind.SESSION),
        ]
        try:
            lib.due(owner, practice.id, week[1], week[0])
        except coaching.ValidationError as err:
            assert err.field == "to"
        else:
            raise AssertionError("a window that ends before it starts is refused")
