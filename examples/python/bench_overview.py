"""Times the practice overview (5,000 engagements) from Python on the benchmark file.

    python examples/python/bench_overview.py target/bench/practice-seed42.db
"""

import statistics
import sys
import time
from pathlib import Path

import coaching

path = Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench/practice-seed42.db")
practice, owner = path.with_suffix(".ids").read_text().split("\n")[:2]
with coaching.open(path) as lib:
    actor = coaching.Actor.coach(owner)
    times = []
    for i in range(33):
        t = time.perf_counter()
        rows = len(lib.overview_for_practice(actor, practice))
        if i >= 3:
            times.append((time.perf_counter() - t) * 1e3)
    print(f"Python overview_for_practice: {rows} rows, median {statistics.median(times):.2f} ms over {len(times)} runs")
