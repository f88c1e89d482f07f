"""Period arithmetic for the report: months, quarters, years, the one before, year to date."""

from __future__ import annotations

from datetime import date

import pytest

from journeymap.analytics.periods import parse_period, previous_period
from journeymap.analytics.report_periods import (
    days_in,
    last_full_period,
    period_of,
    recent_periods,
    window_after,
    window_before,
    year_so_far,
    year_to_date,
)


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2026-09", date(2026, 9, 1), date(2026, 9, 30), "2026-08"),
        ("2026-01", date(2026, 1, 1), date(2026, 1, 31), "2025-12"),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31), "2026-11"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-01"),  # leap year
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "2026-Q2"),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "2025-Q4"),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "2026-Q3"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2025"),
    ],
)
def test_periods_and_the_one_before(text: str, start: date, end: date, previous: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert previous_period(period).label == previous
    assert previous_period(period).end == date.fromordinal(start.toordinal() - 1)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-09", date(2026, 1, 1), date(2026, 9, 30)),
        ("2026-01", date(2026, 1, 1), date(2026, 1, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q3", date(2026, 1, 1), date(2026, 9, 30)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_year_to_date_runs_from_1_january_to_the_periods_end(
    text: str, start: date, end: date
) -> None:
    ytd = year_to_date(parse_period(text))
    assert (ytd.start, ytd.end) == (start, end)


@pytest.mark.parametrize(
    ("kind", "today", "label"),
    [
        ("quarter", date(2026, 10, 1), "2026-Q3"),
        ("quarter", date(2026, 9, 30), "2026-Q2"),  # Q3 is not over yet
        ("quarter", date(2026, 2, 14), "2025-Q4"),
        ("month", date(2026, 1, 15), "2025-12"),
        ("month", date(2026, 3, 1), "2026-02"),
        ("year", date(2026, 6, 1), "2025"),
        ("year", date(2026, 1, 1), "2025"),
    ],
)
def test_last_full_period(kind: str, today: date, label: str) -> None:
    assert last_full_period(kind, today).label == label  # type: ignore[arg-type]


def test_period_of_a_day_and_recent_periods_newest_first() -> None:
    assert period_of("quarter", date(2026, 8, 31)).label == "2026-Q3"
    assert period_of("month", date(2026, 12, 31)).label == "2026-12"
    labels = [p.label for p in recent_periods("quarter", date(2026, 2, 1), 4)]
    assert labels == ["2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1"]
    assert days_in(parse_period("2024")) == 366
    assert days_in(parse_period("2026-Q1")) == 90


def test_year_so_far_and_the_effect_windows_exclude_the_done_day() -> None:
    so_far = year_so_far(date(2026, 3, 5))
    assert (so_far.start, so_far.end) == (date(2026, 1, 1), date(2026, 3, 5))
    assert window_before(date(2026, 3, 1), 90) == (date(2025, 12, 1), date(2026, 2, 28))
    assert window_after(date(2026, 3, 1), 90) == (date(2026, 3, 2), date(2026, 5, 30))


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26", "last quarter", ""])
def test_a_bad_period_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="2026-Q3"):
        parse_period(text)
