"""The benchmark scripts work end to end at a tiny scale: figures only, no timing asserted."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import run
from benchmarks.generate import generate, paths
from benchmarks.scale import TINY

# The steps that need neither Chromium nor AppTest: those have their own test tiers.
QUICK_STEPS = [
    "import",
    "import-floor",
    "nps-cli",
    "nps-inprocess",
    "shopper",
    "friction",
    "figures",
    "tablets",
]


def test_generator_is_idempotent(tmp_path: Path) -> None:
    where = generate(TINY, tmp_path)
    written = {k: where[k].stat().st_mtime_ns for k in ("csv", "base")}
    assert generate(TINY, tmp_path) == where
    assert {k: where[k].stat().st_mtime_ns for k in ("csv", "base")} == written
    assert sum(1 for _ in where["csv"].open()) == TINY.responses + 1


def test_runner_prints_the_table_and_checks_against_the_references(tmp_path: Path) -> None:
    assert run.main(["--scale", "tiny", "--data", str(tmp_path), "--only", *QUICK_STEPS]) == 0
    folder = paths(tmp_path, TINY)["folder"]
    results = json.loads((folder / "results.json").read_text())
    assert list(results) == QUICK_STEPS
    assert results["import-floor"]["check"].startswith("without the covering index ")
    assert results["nps-cli"]["check"] == "equal to the reference"
    assert results["nps-inprocess"]["check"] == "equal to the reference"
    assert results["shopper"]["check"] == "equal to the reference"
    assert results["tablets"]["check"].startswith(f"{TINY.tablets * TINY.questions} of ")
    table = (folder / "results.md").read_text()
    assert "DuckDB" in table
    assert "peak RSS MiB" in table
