import datetime as dt

import coaching
from coaching import Location, Phase, Plan, SessionStatus, Status

UTC = dt.timezone.utc


def test_the_workflow_on_a_file(tmp_path):
    path = tmp_path / "practice.db"
    with coaching.open(path) as lib:
        practice, owner = lib.create_practice("Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=Plan.free())
        carla = lib.add_client(owner, practice.id, "Carla", has_portal=True)
        program = lib.create_program(owner, practice.id, "Leadership", planned_sessions=2)
        e = lib.create_engagement(owner, practice.id, program_id=program.id, coach_id=owner.id, client_id=carla.id, start_date=dt.date(2026, 3, 2))
        assert e.status is Status.DRAFT and e.phase is Phase.NOT_STARTED
        assert (e.start_date, e.end_date, e.progress.text) == (dt.date(2026, 3, 2), None, "0/2")
        e = lib.activate(owner, e.id)
        assert e.status == "active"
        past = dt.datetime.now(UTC) - dt.timedelta(days=7)
        sessions = lib.book_series(owner, e.id, past, Location.zoom("https://zoom.us/j/99"), every_weeks=1, count=2, time_zone="Europe/London")
        assert [s.status for s in sessions] == [SessionStatus.SCHEDULED] * 2
        lib.complete_session(owner, sessions[0].id)
        line = lib.engagement(owner, e.id)
        assert (line.progress.used, line.progress.planned, line.progress.percent, line.phase) == (1, 2, 50.0, Phase.IN_PROGRESS)
        note = lib.create_note(owner, e.id, "Session 1", body_html="<p>Delegation <script>x()</script></p>")
        assert note.body_html == "<p>Delegation </p>"
        lib.share_note(owner, note.id)
        hits = lib.search_notes(carla, "engagement", e.id, "delegation")
        assert len(hits) == 1 and "<mark>Delegation</mark>" in hits[0].snippet_html
        goal = lib.create_goal(carla, e.id, "Delegate more", due_date=dt.date(2026, 1, 1))
        lib.add_milestone(carla, goal.id, "Pick a deputy")
        todos = lib.client_todos(owner, owner.id)
        assert [t.name for t in todos] == ["Delegate more", "Pick a deputy"] and todos[0].overdue
        overview = lib.overview_for_practice(owner, practice.id)
        assert [o.client_name for o in overview] == ["Carla"]
        log = lib.activity(owner, e.id, limit=100)
        assert log[0].action == "milestone_added" and log[0].actor == coaching.Actor.client(carla.id)
        eid, owner_id = e.id, owner.id
    # Closed: further use says so.
    try:
        lib.engagement(owner, eid)
    except coaching.StorageError as err:
        assert "closed" in str(err)
    else:
        raise AssertionError("a closed store answered")
    with coaching.open(path) as again:
        assert again.engagement(coaching.Actor.coach(owner_id), eid).progress.text == "1/2"


def test_records_have_repr_equality_and_hash(world):
    e = world.engagement()
    a = world.lib.engagement(world.owner, e.id)
    b = world.lib.engagement(world.owner, e.id)
    assert a == b and hash(a) == hash(b) and a is not b
    assert a != world.lib.activate(world.owner, world.engagement(activate=False).id)
    assert repr(a).startswith("Engagement(id=") and "status=<Status.ACTIVE: 'active'>" in repr(a)
    assert repr(Plan.team(3)) == "Plan(name='team', max_active_engagements=None, max_coaches=3, can_reassign=True)"
    assert Location.phone("123") == Location.phone("123")
    assert {a, b} == {a}


def test_hours_programs_and_updates(world):
    lib, me = world.lib, world.owner
    p = lib.create_program(me, world.practice.id, "Executive", planned_hours=7.5, session_minutes=90)
    assert (p.unit, p.planned) == ("hours", 450)
    e = lib.create_engagement(me, world.practice.id, program_id=p.id, coach_id=me.id, client_id=world.client.id, end_date=dt.date(2026, 6, 30))
    assert e.progress.text == "0/7.5 h"
    e = lib.update_engagement(me, e.id, end_date=None, program_name="Exec for Carla")
    assert (e.end_date, e.program_name) == (None, "Exec for Carla")
    c = lib.update_client(me, world.client.id, email="carla@example.com")
    assert c.email == "carla@example.com"
    assert lib.update_client(me, world.client.id, email=None).email is None


def test_resources_and_downloads(world):
    lib, me = world.lib, world.owner
    e = world.engagement()
    folder = lib.add_to_library(me, world.practice.id, "Welcome packet")
    guide = lib.add_to_library(me, world.practice.id, "Guide.pdf", data=b"%PDF guide", media_type="application/pdf", parent_id=folder.id)
    assert (guide.kind, guide.size, len(guide.sha256)) == ("file", 10, 64)
    lib.share_resource(me, e.id, folder.id)
    res, data = lib.download(world.client, guide.id, e.id)
    assert (res.name, data) == ("Guide.pdf", b"%PDF guide")
    assert [r.resource.name for r in lib.engagement_resources(world.client, e.id)] == ["Welcome packet"]
