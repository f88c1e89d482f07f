"""The periods a leader reports on: last full month, quarter or year, and year to date.

A report is for a period that is over: the quarter that is still running would compare
half a quarter with a whole one. Year to date runs from 1 January of the period's
year to the period's end, so the yearly goal is measured at the same moment.
"""

from __future__ import annotations

from datetime import date, timedelta

from journeymap.analytics.local_time import DEFAULT_ZONE
from journeymap.analytics.periods import Period, PeriodKind, make_period, previous_period


def period_of(kind: PeriodKind, day: date, zone: str = DEFAULT_ZONE) -> Period:
    """The month, quarter or year that ``day`` (a day in ``zone``) falls in."""
    if kind == "year":
        return make_period("year", day.year, zone=zone)
    if kind == "quarter":
        return make_period("quarter", day.year, (day.month - 1) // 3 + 1, zone)
    return make_period("month", day.year, day.month, zone)


def last_full_period(kind: PeriodKind, today: date, zone: str = DEFAULT_ZONE) -> Period:
    """The last month, quarter or year that ended before ``today`` (in ``zone``)."""
    return previous_period(period_of(kind, today, zone))


def year_to_date(period: Period) -> Period:
    """1 January of the period's year to the period's end."""
    start = date(period.end.year, 1, 1)
    label = f"{period.end.year} to {period.end:%d %b}"
    return Period(label, period.kind, start, period.end, period.zone)


def recent_periods(
    kind: PeriodKind, today: date, count: int, zone: str = DEFAULT_ZONE
) -> list[Period]:
    """The last ``count`` full periods of a kind, newest first."""
    periods = [last_full_period(kind, today, zone)]
    while len(periods) < count:
        periods.append(previous_period(periods[-1]))
    return periods


def days_in(period: Period) -> int:
    return (period.end - period.start).days + 1


def is_over(period: Period, today: date) -> bool:
    return period.end < today


def window_before(day: date, days: int) -> tuple[date, date]:
    """The ``days`` days before ``day`` (not including it)."""
    return day - timedelta(days=days), day - timedelta(days=1)


def window_after(day: date, days: int) -> tuple[date, date]:
    """The ``days`` days after ``day`` (not including it): the change lands during it."""
    return day + timedelta(days=1), day + timedelta(days=days)


def year_so_far(today: date, zone: str = DEFAULT_ZONE) -> Period:
    """1 January to ``today``: where the yearly goal stands now."""
    return Period(f"{today.year} to date", "year", date(today.year, 1, 1), today, zone)
