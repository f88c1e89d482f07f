"""A node's hover shows each health reason whole: reasons were cut at 110 characters,
and a long one lost its n or interval, which come last."""

from __future__ import annotations

from journeymap.charts.diagram_text import HOVER_CHARS, escape, reason_lines

LONG = (
    "NPS −30 ±15 (n=100) vs target +10; rest of journey +40 ±7 (n=500); detractors 50% (40% … 60%)"
)


def test_a_long_reason_is_wrapped_not_cut() -> None:
    lines = reason_lines([LONG, "<b>typed</b> by a user"], escape)
    assert lines[0].startswith("· NPS −30")
    assert " ".join(line.removeprefix("· ") for line in lines[:-1]) == LONG
    assert all(len(line) <= HOVER_CHARS + 2 for line in lines)
    assert lines[-2].endswith("detractors 50% (40% … 60%)")
    assert lines[-1] == "· &lt;b&gt;typed&lt;/b&gt; by a user"


def test_at_most_four_reasons_are_shown() -> None:
    assert len(reason_lines([f"reason {i}" for i in range(6)], escape)) == 4
