"""The change feed: what happened after a cursor, in commit order, filtered by who asks."""

import datetime as dt

import pytest

import coaching
from coaching import Plan

UTC = dt.timezone.utc


def drain(lib, actor, practice_id, after=None, limit=3):
    changes = []
    while True:
        page = lib.changes(actor, practice_id, after=after, limit=limit)
        assert isinstance(page, coaching.ChangePage)
        assert page.more == (len(page.changes) == limit)
        changes.extend(page.changes)
        after = page.next
        if not page.more:
            return changes, after


def test_the_feed_is_the_log_and_each_reader_sees_their_own(tmp_path):
    path = str(tmp_path / "feed.db")
    clock = coaching.ManualClock(dt.datetime(2026, 3, 2, 9, tzinfo=UTC))
    with coaching.open(path, clock=clock) as lib:
        practice, owner = lib.create_practice("Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=Plan.solo())
        carla = lib.add_client(owner, practice.id, "Carla", has_portal=True)
        program = lib.create_program(owner, practice.id, "Leadership", planned_sessions=4)
        e = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=owner.id, client_id=carla.id)
        lib.activate(owner, e.id)
        private = lib.create_note(owner, e.id, "Private thoughts")
        shared = lib.create_note(owner, e.id, "For Carla")
        lib.share_note(owner, shared.id)
        goal = lib.create_goal(owner, e.id, "Delegate more")

        everything, end = drain(lib, owner, practice.id)
        log = list(reversed(lib.practice_activity(owner, practice.id, limit=1000)))
        assert everything == log
        assert [c.action for c in everything][-4:] == ["note_created", "note_created", "note_shared", "goal_created"]
        assert everything[-1].target_id == goal.id and everything[-1].engagement_id == e.id
        assert everything[-1].audience == "client"

        theirs, their_end = drain(lib, carla, practice.id, limit=100)
        assert [c.action for c in theirs] == ["engagement_created", "engagement_activated", "note_shared", "goal_created"]
        assert all(c.detail is None for c in theirs)
        assert private.id not in {c.target_id for c in theirs}

    # The cursors are strings the host keeps: after reopening, only what is new.
    with coaching.open(path, clock=clock) as lib:
        assert lib.changes(owner, practice.id, after=end).changes == []
        lib.add_comment(carla, coaching.CommentOn.NOTE, shared.id, "<p>Thank you</p>")
        new_for_owner = lib.changes(owner, practice.id, after=end).changes
        new_for_carla = lib.changes(carla, practice.id, after=their_end).changes
        assert [c.action for c in new_for_owner] == ["comment_added"]
        assert new_for_owner[0].detail is not None and new_for_carla[0].detail is None
        assert [c.id for c in new_for_carla] == [c.id for c in new_for_owner]


def test_cursors_limits_and_outsiders_are_refused():
    with coaching.in_memory() as lib:
        practice, owner = lib.create_practice("Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=Plan.solo())
        other, stranger = lib.create_practice("Next Door", owner_name="Nina", time_zone="UTC", plan=Plan.solo())
        with pytest.raises(coaching.ValidationError) as err:
            lib.changes(owner, practice.id, after="c1.x")
        assert err.value.field == "cursor"
        with pytest.raises(coaching.ValidationError) as err:
            lib.changes(owner, practice.id, limit=0)
        assert err.value.field == "limit"
        with pytest.raises(coaching.NotFoundError):
            lib.changes(stranger, practice.id)
