"""Times one dashboard call (the practice overview) from Python, and the same call from Rust
on the same file. A small measurement, not the benchmark suite.

    python examples/python/dashboard_timing.py [ENGAGEMENTS]
"""

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import coaching
from coaching import Location, Plan

UTC = dt.timezone.utc


def main(engagements: int) -> None:
    path = Path(tempfile.mkdtemp()) / "timing.db"
    with coaching.open(path) as lib:
        practice, owner = lib.create_practice("Timing", owner_name="Owner", plan=Plan.solo())
        base = dt.datetime(2026, 1, 5, 9, tzinfo=UTC)
        for i in range(engagements):
            c = lib.add_client(owner, practice.id, f"Client {i}")
            e = lib.create_engagement(owner, practice.id, coach_id=owner.id, client_id=c.id, program_name="Program", planned_sessions=16)
            lib.activate(owner, e.id)
            # 10-minute slots 11 minutes apart all fit in one week, so weekly series never clash.
            start = base + dt.timedelta(minutes=11 * i)
            end = start + dt.timedelta(minutes=10)
            for s in lib.book_series(owner, e.id, start, Location.other("office"), count=8, end=end):
                if s.start < dt.datetime(2026, 2, 1, tzinfo=UTC):
                    lib.complete_session(owner, s.id)
        runs = 200
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            rows = len(lib.overview_for_practice(owner, practice.id))
            times.append((time.perf_counter() - t) * 1e6)
        print(f"python overview_for_practice: {rows} rows, median {statistics.median(times):.0f} us over {runs} runs")
        owner_id, practice_id = owner.id, practice.id
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        ["cargo", "run", "--quiet", "--release", "--example", "dashboard_timing", "--", str(path), owner_id, practice_id, str(runs)],
        cwd=root,
        check=True,
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
