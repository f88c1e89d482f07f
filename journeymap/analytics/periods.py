"""Reporting periods as people write them: 2026, 2026-Q3, 2026-09.

A period is a closed range of days in a time zone (the workspace's: JOURNEYMAP_TIMEZONE,
given by the caller). The previous period has the same length and ends the day before
(2026-Q3 → 2026-Q2, 2026-01 → 2025-12), which is what "compared with last quarter"
means on a dashboard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import pandas as pd

from journeymap.analytics.local_time import DEFAULT_ZONE, on_days
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt

PeriodKind = Literal["year", "quarter", "month"]
_PATTERNS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = (
    ("year", re.compile(r"^(?P<year>\d{4})$")),
    ("quarter", re.compile(r"^(?P<year>\d{4})-?[Qq](?P<part>[1-4])$")),
    ("month", re.compile(r"^(?P<year>\d{4})-(?P<part>\d{1,2})$")),
)


@dataclass(frozen=True)
class Period:
    label: str
    kind: PeriodKind
    start: date
    end: date  # inclusive
    zone: str = DEFAULT_ZONE  # the days are this zone's days

    @property
    def title(self) -> str:
        """The period as the reader writes it: "3. kvt. 2026", "september 2026", "Q3 2026",
        "2026" (its ``label`` is the form typed on the command line: "2026-Q3")."""
        return fmt.period(self.kind, self.start)

    def contains(self, moments: pd.Series) -> pd.Series:
        """True where a (UTC) timestamp falls on a day of the period in its zone."""
        return on_days(moments, self.start, self.end, self.zone)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def make_period(kind: PeriodKind, year: int, part: int = 1, zone: str = DEFAULT_ZONE) -> Period:
    if kind == "year":
        return Period(f"{year}", kind, date(year, 1, 1), date(year, 12, 31), zone)
    if kind == "quarter":
        first = 3 * (part - 1) + 1
        end = _month_end(year, first + 2)
        return Period(f"{year}-Q{part}", kind, date(year, first, 1), end, zone)
    return Period(f"{year}-{part:02d}", kind, date(year, part, 1), _month_end(year, part), zone)


def parse_period(text: str, zone: str = DEFAULT_ZONE) -> Period:
    """'2026', '2026-Q3' or '2026-09' as a Period; ValueError with the accepted forms."""
    cleaned = text.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if match:
            year = int(match["year"])
            part = int(match.groupdict().get("part") or 1)
            if kind == "month" and not 1 <= part <= 12:
                break
            return make_period(kind, year, part, zone)
    raise ValueError(
        _(
            "'{text}' is not a period: write a year (2026), a quarter (2026-Q3) or a month "
            "(2026-09)"
        ).format(text=text)
    )


def period_title(period: Period | str) -> str:
    """A period, or a label such as "2026-Q4" (a shopping round, a month in a table), as
    the reader writes it: 4. kvt. 2026, december 2026, 2026; any other text as it is."""
    if isinstance(period, Period):
        return period.title
    try:
        return parse_period(period).title
    except ValueError:
        return period


def previous_period(period: Period) -> Period:
    """The period of the same kind just before this one."""
    before = period.start - timedelta(days=1)
    if period.kind == "year":
        return make_period("year", before.year, zone=period.zone)
    if period.kind == "quarter":
        return make_period("quarter", before.year, (before.month - 1) // 3 + 1, period.zone)
    return make_period("month", before.year, before.month, period.zone)


def shared_days(a: Period, b: Period) -> tuple[date, date] | None:
    """The first and last day both periods cover, or None when they have no day in common."""
    first, last = max(a.start, b.start), min(a.end, b.end)
    return (first, last) if first <= last else None


def check_no_overlap(a: Period, b: Period) -> None:
    """ValueError naming both periods and the fix when they share a day.

    The comparison of two NPS is a z test of two independent samples; answers from the
    shared days would sit on both sides, and the test's assumption would not hold.
    """
    shared = shared_days(a, b)
    if shared is None:
        return
    first, last = shared
    # Suggest each period with the one just before it: the usual "vs last month" pair.
    pairs = dict.fromkeys(
        _("{before} vs {after}").format(before=previous_period(p).label, after=p.label)
        for p in (b, a)
    )
    raise ValueError(
        _(
            "periods {a} and {b} overlap ({first} to {last} is in both), so the same answers "
            "would be on both sides of the comparison: pick periods that do not overlap, "
            "e.g. {pairs}"
        ).format(
            a=a.label,
            b=b.label,
            first=first.isoformat(),
            last=last.isoformat(),
            pairs=_(", or ").join(pairs),
        )
    )
