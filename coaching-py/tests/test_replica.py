"""Offline sync from Python, the device's half: two replicas (the coach's, the client's) in
files of their own and a server, exchanging only bytes. Offline writes, a restart, syncs in
turn, a refusal that comes back as the typed exception and leaves the device, a permission
change, and a view that cannot be written."""

import datetime as dt

import pytest

import coaching

UTC = dt.timezone.utc


def test_an_offline_day_converges(tmp_path):
    clock = coaching.ManualClock(dt.datetime(2026, 3, 2, 8, tzinfo=UTC))
    with coaching.in_memory(clock=clock) as server:
        practice, owner = server.create_practice(
            "Bright Path", owner_name="Olivia", time_zone="Europe/London", plan=coaching.Plan.solo()
        )
        carla = server.add_client(owner, practice.id, "Carla", has_portal=True)
        program = server.create_program(owner, practice.id, "Six", planned_sessions=6)
        e = server.create_engagement(owner, practice.id, program_id=program.id, coach_id=owner.id, client_id=carla.id)
        server.activate(owner, e.id)
        welcome = server.create_note(owner, e.id, "Welcome", body_html="<p>hello</p>")
        server.share_note(owner, welcome.id)

        phone = coaching.Replica(tmp_path / "coach.db", practice.id, owner, clock=clock)
        carla_phone = coaching.Replica(tmp_path / "carla.db", practice.id, carla, clock=clock)

        def sync(replica, actor):
            return replica.apply_sync_response(server.handle_sync(actor, replica.sync_request()))

        assert not phone.has_synced and phone.engagement_ids() == []
        sync(phone, owner)
        sync(carla_phone, carla)
        assert phone.engagement_ids() == [e.id] == carla_phone.engagement_ids()

        # Offline on both.
        ten = dt.datetime(2026, 3, 3, 10, tzinfo=UTC)
        booked = phone.book_session(e.id, ten, coaching.Location.phone("+44 20 7946 0000"))
        note = phone.create_note(e.id, "Prep", body_html="<p>ask<script>x()</script></p>")
        goal = phone.create_goal(e.id, "Delegate more", due_date=dt.date(2026, 6, 1))
        phone.add_milestone(goal.id, "List the tasks")
        assert note.body_html == "<p>ask</p>"
        assert phone.pending_count == 4
        assert [s.id for s in phone.view.sessions(owner, e.id, "upcoming")] == [booked.id]
        clash = carla_phone.book_session(e.id, ten + dt.timedelta(minutes=30), coaching.Location.phone("+44 20 7946 0001"))
        entry = carla_phone.create_journal_entry(e.id, "Before", body_html="<p>nervous</p>", shared=True)
        with pytest.raises(coaching.ValidationError):
            carla_phone.view.create_journal_entry(carla, e.id, "x")
        with pytest.raises(coaching.PermissionDeniedError):
            carla_phone.create_note(e.id, "x")
        assert carla_phone.pending_count == 2
        assert server.sessions(owner, e.id, "upcoming") == []

        # A restart keeps the queue.
        again = coaching.Replica(tmp_path / "coach.db", practice.id, owner, clock=clock)
        assert again.pending_count == 4 and again.view.note(owner, note.id).title == "Prep"
        with pytest.raises(coaching.ValidationError):
            coaching.Replica(tmp_path / "coach.db", practice.id, carla, clock=clock)

        out = sync(phone, owner)
        assert len(out.applied) == 4 and out.refused == []
        assert server.session(owner, booked.id).start == ten
        out = sync(carla_phone, carla)
        assert len(out.applied) == 1 and len(out.refused) == 1
        refusal = out.refused[0]
        assert refusal.operation == "book_session"
        assert isinstance(refusal.error, coaching.ConflictError)
        assert [s.id for s in carla_phone.view.sessions(carla, e.id, "upcoming")] == [booked.id]
        assert clash.id not in [s.id for s in server.sessions(owner, e.id, "upcoming")]

        sync(phone, owner)
        assert [j.id for j in phone.view.journal(owner, e.id)] == [entry.id]
        assert phone.view.activity(owner, e.id) == server.activity(owner, e.id)
        assert carla_phone.view.engagement(carla, e.id) == server.engagement(carla, e.id)
        assert note.id not in [n.id for n in carla_phone.view.notes(carla, e.id)]

        # Unshared on the server: gone from the client's phone at its next sync.
        server.unshare_note(owner, welcome.id)
        sync(carla_phone, carla)
        assert carla_phone.view.notes(carla, e.id) == []

        # Bytes that are no answer change nothing.
        with pytest.raises(coaching.ValidationError):
            carla_phone.apply_sync_response(b"nope")
