"""The README's workflow in Python: a practice on the free plan, engagements, the plan limit,
sessions and progress, a note, and the coach's dashboard.

    pip install ./coaching-py
    python examples/python/quickstart.py [practice.db]
"""

import datetime as dt
import sys

import coaching
from coaching import Location, Plan


def main(path: str) -> None:
    with coaching.open(path) as lib:
        practice, owner = lib.create_practice(
            "Bright Path Coaching", owner_name="Olivia Owner", time_zone="Europe/London", plan=Plan.free()
        )
        carla = lib.add_client(owner, practice.id, "Carla Client", has_portal=True)
        dan = lib.add_client(owner, practice.id, "Dan Client")
        leadership = lib.create_program(owner, practice.id, "Leadership", planned_sessions=16)

        first = lib.create_engagement(
            owner, practice.id, program_id=leadership.id, coach_id=owner.id, client_id=carla.id, start_date=dt.date.today()
        )
        second = lib.create_engagement(
            owner, practice.id, coach_id=owner.id, client_id=dan.id, program_name="Career Transition", planned_sessions=6
        )
        lib.activate(owner, first.id)
        try:
            lib.activate(owner, second.id)
        except coaching.PlanLimitError as err:
            print(f"Refused: {err} (limit {err.limit}, current {err.current})")

        now = dt.datetime.now(dt.timezone.utc)
        series = lib.book_series(
            owner, first.id, now - dt.timedelta(weeks=2), Location.zoom("https://zoom.us/j/123456789"),
            every_weeks=1, count=4, time_zone="Europe/London",
        )
        lib.complete_session(owner, series[0].id)
        lib.mark_no_show(owner, series[1].id)
        note = lib.create_note(owner, first.id, "Session notes", body_html="<p>Carla wants to <b>delegate</b> more.</p>")
        lib.share_note(owner, note.id)

        print(f"{'Client':<14} {'Program':<18} {'Start':<10} {'Progress':<8} Status")
        for line in lib.overview_for_practice(owner, practice.id):
            start = line.start_date.isoformat() if line.start_date else "TBD"
            print(f"{line.client_name or '-':<14} {line.program_name or '-':<18} {start:<10} {line.progress.text:<8} {line.status.value} ({line.phase.value})")
        print("Upcoming sessions (7 days):")
        for s in lib.upcoming_sessions_for_coach(owner, owner.id, now, now + dt.timedelta(days=7)):
            print(f"  {s.session.start:%a %d %b %H:%M} UTC  {s.client_name}  {s.session.location.kind.value}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "coaching-demo-py.db")
