import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import coaching
from coaching import Location, Plan

UTC = dt.timezone.utc


def test_threads_share_a_file_store(tmp_path):
    with coaching.open(tmp_path / "shared.db") as lib:
        practice, owner = lib.create_practice("P", owner_name="O", plan=Plan.solo())

        def work(i: int) -> str:
            c = lib.add_client(owner, practice.id, f"Client {i}", has_portal=True)
            e = lib.create_engagement(owner, practice.id, coach_id=owner.id, client_id=c.id, program_name="X", planned_sessions=3)
            lib.activate(owner, e.id)
            start = dt.datetime(2030, 1, 1, tzinfo=UTC) + dt.timedelta(hours=2 * i)
            lib.book_session(owner, e.id, start, Location.other("office"))
            assert lib.engagement(owner, e.id).status == "active"
            return e.id

        with ThreadPoolExecutor(max_workers=8) as pool:
            ids = list(pool.map(work, range(40)))
        assert len(set(ids)) == 40
        overview = lib.overview_for_practice(owner, practice.id)
        assert len(overview) == 40 and all(o.status == "active" for o in overview)
        week = lib.upcoming_sessions_for_coach(owner, owner.id, dt.datetime(2030, 1, 1, tzinfo=UTC), dt.datetime(2030, 1, 8, tzinfo=UTC))
        assert len(week) == 40


def test_concurrent_activations_respect_the_free_plan():
    with coaching.in_memory() as lib:
        practice, owner = lib.create_practice("P", owner_name="O", plan=Plan.free())
        drafts = [
            lib.create_engagement(owner, practice.id, coach_id=owner.id, program_name="X", planned_sessions=3,
                                  client_id=lib.add_client(owner, practice.id, f"C{i}").id)
            for i in range(8)
        ]
        barrier = threading.Barrier(len(drafts))
        outcomes: list[str] = []

        def activate(e: coaching.Engagement) -> None:
            barrier.wait()
            try:
                lib.activate(owner, e.id)
                outcomes.append("ok")
            except coaching.PlanLimitError:
                outcomes.append("limit")

        threads = [threading.Thread(target=activate, args=(e,)) for e in drafts]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["limit"] * 7 + ["ok"]


def test_the_gil_is_released_during_storage_calls(tmp_path):
    """While one thread runs library calls in a loop, another keeps running Python code."""
    with coaching.open(tmp_path / "gil.db") as lib:
        practice, owner = lib.create_practice("P", owner_name="O", plan=Plan.solo())
        for i in range(50):
            lib.add_client(owner, practice.id, f"C{i}")
        stop = threading.Event()
        ticks = 0

        def spin() -> None:
            nonlocal ticks
            while not stop.is_set():
                ticks += 1

        t = threading.Thread(target=spin)
        t.start()
        for _ in range(200):
            lib.clients(owner, practice.id)
        stop.set()
        t.join()
        assert ticks > 0
