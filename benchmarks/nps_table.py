"""How long nps_table takes on 2 million responses, per grouping. Prints figures only.

Run: .venv/bin/python -m benchmarks.nps_table
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from journeymap.analytics.nps_tables import nps_table

ROWS = 2_000_000
GROUPINGS = ((), ("touchpoint",), ("touchpoint", "month"), ("quarter", "location", "segment"))


def synthetic(rows: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-01-01", tz="UTC")
    return pd.DataFrame(
        {
            "score": rng.integers(0, 11, rows),
            "touchpoint_id": rng.choice([f"tp-{i}" for i in range(20)], rows),
            "responded_at": start + pd.to_timedelta(rng.integers(0, 700 * 86400, rows), unit="s"),
            "survey_kind": "transactional",
            "location": rng.choice([f"branch {i}" for i in range(30)], rows),
            "segment": rng.choice(["private", "business"], rows),
        }
    )


def main() -> None:
    frame = synthetic(ROWS)
    for by in GROUPINGS:
        began = time.perf_counter()
        table = nps_table(frame, by)
        seconds = time.perf_counter() - began
        print(f"by {', '.join(by) or 'nothing':<28} {len(table):>6} groups  {seconds:6.3f} s")


if __name__ == "__main__":
    main()
