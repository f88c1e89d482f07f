"""Two periods compared as independent samples must not share a day."""

from __future__ import annotations

from datetime import date

import pytest

from journeymap.analytics.periods import check_no_overlap, parse_period, shared_days


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        ("2026", "2026-09", (date(2026, 9, 1), date(2026, 9, 30))),
        ("2026-09", "2026", (date(2026, 9, 1), date(2026, 9, 30))),
        ("2026-Q3", "2026-08", (date(2026, 8, 1), date(2026, 8, 31))),
        ("2026-Q3", "2026-Q3", (date(2026, 7, 1), date(2026, 9, 30))),
        ("2026-Q1", "2026", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2026-08", "2026-09", None),
        ("2025", "2026", None),
        ("2026-Q2", "2026-07", None),  # Q2 ends on 30 June, the day before
        ("2025-12", "2026-Q1", None),
    ],
)
def test_shared_days(a: str, b: str, shared: tuple[date, date] | None) -> None:
    assert shared_days(parse_period(a), parse_period(b)) == shared


def test_overlapping_periods_are_refused_with_both_names_and_the_fix() -> None:
    with pytest.raises(ValueError, match="overlap") as refused:
        check_no_overlap(parse_period("2026"), parse_period("2026-09"))
    assert str(refused.value) == (
        "periods 2026 and 2026-09 overlap (2026-09-01 to 2026-09-30 is in both), so the same "
        "answers would be on both sides of the comparison: pick periods that do not overlap, "
        "e.g. 2026-08 vs 2026-09, or 2025 vs 2026"
    )


def test_the_same_period_twice_suggests_one_pair() -> None:
    with pytest.raises(ValueError, match=r"e\.g\. 2026-Q2 vs 2026-Q3$"):
        check_no_overlap(parse_period("2026-Q3"), parse_period("2026-Q3"))


def test_adjacent_periods_pass() -> None:
    check_no_overlap(parse_period("2026-08"), parse_period("2026-09"))
    check_no_overlap(parse_period("2026-Q3"), parse_period("2025-Q3"))  # either order
