"""The alerts benchmark works end to end at a tiny scale: figures only, no timing asserted."""

from __future__ import annotations

import pytest

from benchmarks import alerts


def test_the_alerts_benchmark_prints_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert alerts.main(["--rows", "40", "--runs", "1", "--pg", ""]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("| database | import | alerts off | alerts on |")
    (sqlite,) = [line for line in lines if line.startswith("| sqlite |")]
    detractors = int(sqlite.split(" responses, ")[1].split(" new detractors")[0])
    assert f"{3 * detractors:,} alerts queued" in sqlite
    assert f"{3 * detractors:,} sent in" in sqlite
