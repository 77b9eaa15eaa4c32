"""Batches, the host's clock, and the edits that only the core tested before: reassign,
reschedule, move note, comments, update goal / milestone, set session location."""

import datetime as dt

import pytest

import coaching
from coaching import Location, Plan

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def clocked():
    clock = coaching.ManualClock(T0)
    with coaching.in_memory(clock=clock) as lib:
        practice, owner = lib.create_practice("Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=Plan.team(3))
        carla = lib.add_client(owner, practice.id, "Carla", has_portal=True)
        program = lib.create_program(owner, practice.id, "Leadership", planned_sessions=4)
        e = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=owner.id, client_id=carla.id)
        lib.activate(owner, e.id)
        yield lib, clock, practice, owner, carla, e


def test_the_host_controls_the_clock(clocked, tmp_path):
    lib, clock, practice, owner, carla, e = clocked
    assert lib.now() == T0 and clock.now() == T0
    s = lib.book_session(owner, e.id, T0 + dt.timedelta(hours=1), Location.phone("+44 20 7946 0000"))
    assert lib.upcoming_sessions_for_coach(owner, owner.id, lib.now(), lib.now() + dt.timedelta(days=1))[0].session.id == s.id
    with pytest.raises(coaching.ValidationError):
        lib.complete_session(owner, s.id)  # it has not started yet
    clock.advance(dt.timedelta(hours=2))
    assert lib.now() == T0 + dt.timedelta(hours=2)
    done = lib.complete_session(owner, s.id)
    assert done.status == "completed" and done.updated_at == T0 + dt.timedelta(hours=2)
    clock.set(dt.datetime(2027, 1, 1, tzinfo=UTC))
    note = lib.create_note(owner, e.id, "New year")
    assert note.created_at == dt.datetime(2027, 1, 1, tzinfo=UTC)
    # A file store on the same clock.
    with coaching.open(tmp_path / "clock.db", clock=clock) as f:
        assert f.now() == dt.datetime(2027, 1, 1, tzinfo=UTC)
    with pytest.raises(TypeError):
        coaching.ManualClock(dt.datetime(2026, 1, 1))  # naive


def test_a_batch_commits_together_or_not_at_all(clocked):
    lib, clock, practice, owner, carla, e = clocked

    def body(b):
        assert b is lib
        made = [b.add_client(owner, practice.id, f"Batch {i}") for i in range(3)]
        # A refused call inside changes nothing, and the body carries on.
        with pytest.raises(coaching.ValidationError):
            b.add_client(owner, practice.id, "   ")
        return [c.id for c in made]

    ids = lib.batch(body)
    assert len(ids) == 3 and {c.id for c in lib.clients(owner, practice.id)} >= set(ids)
    before = len(lib.clients(owner, practice.id))

    class Stop(Exception):
        pass

    def failing(b):
        b.add_client(owner, practice.id, "Rolled back")
        raise Stop("no")

    with pytest.raises(Stop):
        lib.batch(failing)
    assert len(lib.clients(owner, practice.id)) == before
    # A library error that escapes the body rolls back too, and comes out as it is.
    def over_cap(b):
        b.add_client(owner, practice.id, "Also rolled back")
        b.activate(owner, e.id)  # already Active
    with pytest.raises(coaching.InvalidTransitionError):
        lib.batch(over_cap)
    assert len(lib.clients(owner, practice.id)) == before


def test_reassign_reschedule_and_set_location(clocked):
    lib, clock, practice, owner, carla, e = clocked
    sam = lib.add_coach(owner, practice.id, "Sam Second")
    s = lib.book_session(owner, e.id, T0 + dt.timedelta(days=1), Location.phone("+44 20 7946 0000"))
    moved = lib.reschedule_session(owner, s.id, T0 + dt.timedelta(days=2))
    assert moved.id == s.id and moved.start == T0 + dt.timedelta(days=2)
    assert moved.end - moved.start == dt.timedelta(hours=1)
    zoom = lib.set_session_location(owner, s.id, Location.zoom("https://zoom.us/j/123456789"))
    assert zoom.location.kind == "zoom" and zoom.location.value == "https://zoom.us/j/123456789"
    with pytest.raises(coaching.ValidationError):
        lib.set_session_location(owner, s.id, Location.zoom("https://evil.example/j/1"))
    again = lib.reassign(owner, e.id, sam.id)
    assert again.coach_id == sam.id
    assert lib.session(owner, s.id).coach_id == sam.id  # upcoming sessions move with it
    with pytest.raises(coaching.PermissionDeniedError):
        lib.reassign(coaching.Actor.coach(sam.id), e.id, owner.id)


def test_notes_move_and_comments(clocked):
    lib, clock, practice, owner, carla, e = clocked
    notes = [lib.create_note(owner, e.id, f"Note {i}") for i in range(3)]
    order = lib.move_note(owner, notes[2].id, 0)
    assert [n.id for n in order] == [notes[2].id, notes[0].id, notes[1].id]
    assert [n.position for n in lib.notes(owner, e.id)] == [0, 1, 2]
    lib.share_note(owner, notes[0].id)
    c1 = lib.add_comment(owner, "note", notes[0].id, "<p>Well done <script>x</script></p>")
    c2 = lib.add_comment(carla, "note", notes[0].id, "<p>Thanks</p>")
    assert "<script" not in c1.body_html
    assert [c.id for c in lib.comments(carla, "note", notes[0].id)] == [c1.id, c2.id]
    with pytest.raises(coaching.PermissionDeniedError):
        lib.comments(carla, "note", notes[1].id)  # private


def test_update_goal_and_milestone(clocked):
    lib, clock, practice, owner, carla, e = clocked
    g = lib.create_goal(carla, e.id, "Run 5k", due_date=dt.date(2026, 6, 1))
    g2 = lib.update_goal(owner, g.id, name="Run 10k", due_date=None, description="by summer")
    assert (g2.name, g2.due_date, g2.description) == ("Run 10k", None, "by summer")
    m = lib.add_milestone(carla, g.id, "First 2k", due_date=dt.date(2026, 4, 1))
    m2 = lib.update_milestone(carla, m.id, name="First 3k", due_date=dt.date(2026, 4, 15))
    assert (m2.name, m2.due_date) == ("First 3k", dt.date(2026, 4, 15))
    with pytest.raises(coaching.ValidationError):
        lib.update_milestone(carla, m.id, due_date=dt.date(9999, 1, 1))
    assert lib.goals(owner, e.id)[0].milestones[0].name == "First 3k"
