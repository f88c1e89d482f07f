"""The pushes benchmark works end to end at a tiny size: figures only, no timing asserted."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import api_pushes


def test_the_push_benchmark_stores_every_response_once(tmp_path: Path) -> None:
    out = tmp_path / "pushes.json"
    args = ["--pushes", "6", "--clients", "3", "--batch", "4", "--pg-url", "", "--json", str(out)]
    assert api_pushes.main(args) == 0
    results = json.loads(out.read_text())
    assert [(r["database"], r["pushes"], r["batch"]) for r in results] == [
        ("SQLite", 6, 1),
        ("SQLite", 1, 4),
        ("SQLite", 6, 1),
        ("SQLite", 1, 4),
    ]
    assert [r["check"] for r in results] == [
        "6 of 6 responses stored once",
        "4 of 4 responses stored once",
    ] * 2
    # Scores 0–5 and 0–3, contact details on those under 3: three alerts each time.
    assert [r["alerts"].split(", the last")[0] for r in results] == [
        "off",
        "off",
        "3 of 3 sent",
        "3 of 3 sent",
    ]
