"""The visited_on column of a visit table: day and month told apart, never guessed.

"03/04/2026" is 3 April in Copenhagen and 4 March in Chicago. The order is decided for
the whole column from the values that can only be read one way ("25/04/2026" is
day-first); when none can tell, the file is refused until the person says which it
is, as the survey importer does. Dotted dates (03.04.2026) are day-first. A value that
is no date in that order is a problem of its row alone.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from journeymap.i18n import _
from journeymap.io.survey_import.dates import DAY_MONTH, YEAR_FIRST, day_name

COLUMN = "visited_on"


class AmbiguousVisitDates(ValueError):
    """The column's day/month order cannot be told; the message names the fix."""


@dataclass(frozen=True)
class DateOrder:
    """How the column is read: a strptime format, else day-first or month-first."""

    dayfirst: bool | None = None
    date_format: str | None = None


def column_order(cells: list[str], order: DateOrder, source: str, how_to_choose: str) -> DateOrder:
    """The order to read every cell with; AmbiguousVisitDates when it cannot be told."""
    if order.date_format or order.dayfirst is not None:
        return order
    day_first: tuple[int, str] | None = None
    month_first: tuple[int, str] | None = None
    ambiguous: tuple[int, str] | None = None
    for number, cell in enumerate(cells, start=2):
        parts = _day_month(cell)
        if parts is None:
            continue
        a, b, year, dotted = parts
        as_day_first, as_month_first = _valid(year, b, a), _valid(year, a, b)
        if dotted or (as_day_first and not as_month_first):
            day_first = day_first or (number, cell)
        elif as_month_first and not as_day_first:
            month_first = month_first or (number, cell)
        elif as_day_first and as_month_first and a != b:
            ambiguous = ambiguous or (number, cell)
    if day_first and month_first:
        raise AmbiguousVisitDates(
            _(
                "{source}: column {column} mixes day-first dates ({day_first}, row "
                "{day_first_row}) and month-first dates ({month_first}, row {month_first_row}): "
                "correct the column so that it uses one order"
            ).format(
                source=_(source),  # "the file" when no file name is known
                column=COLUMN,
                day_first=day_first[1],
                day_first_row=day_first[0],
                month_first=month_first[1],
                month_first_row=month_first[0],
            )
        )
    if day_first or month_first:
        return DateOrder(dayfirst=day_first is not None)
    if ambiguous:
        number, cell = ambiguous
        a, b, year, _dotted = _day_month(cell) or (0, 0, 0, False)
        raise AmbiguousVisitDates(
            _(
                "{source}: column {column}: {cell} (row {row}) could be {one} or {other}, and "
                "no date in the column tells which: {how_to_choose}"
            ).format(
                source=_(source),
                column=COLUMN,
                cell=cell,
                row=number,
                one=_name(a, b),
                other=_name(b, a),
                how_to_choose=_(how_to_choose),
            )
        )
    return order


def read_day(cell: str, order: DateOrder) -> date | str:
    """The day a cell names, or the sentence that says why it names none."""
    if order.date_format:
        try:
            return datetime.strptime(cell, order.date_format).date()  # noqa: DTZ007 - a day
        except ValueError:
            return _("'{cell}' is not a date in the format {format}").format(
                cell=cell, format=order.date_format
            )
    parts = _day_month(cell)
    if parts is not None:
        a, b, year, dotted = parts
        day, month = (a, b) if (order.dayfirst or dotted) else (b, a)
        if _valid(year, month, day):
            return date(year, month, day)
        if order.dayfirst or dotted:
            return _(
                "'{cell}' is not a date read as day/month/year, as the rest of the column is"
            ).format(cell=cell)
        return _(
            "'{cell}' is not a date read as month/day/year, as the rest of the column is"
        ).format(cell=cell)
    match = YEAR_FIRST.match(cell)
    if match:
        year, month, day = (int(match[name]) for name in ("year", "month", "day"))
        if _valid(year, month, day):
            return date(year, month, day)
        return _("'{cell}' is not a date: use YYYY-MM-DD").format(cell=cell)
    # Month names and other spelled-out forms leave no day/month question.
    parsed = pd.to_datetime(cell, errors="coerce", format="mixed")
    if pd.isna(parsed):
        return _("'{cell}' is not a date: use YYYY-MM-DD").format(cell=cell)
    return parsed.date()


def _day_month(cell: str) -> tuple[int, int, int, bool] | None:
    match = DAY_MONTH.match(cell)
    if match is None:
        return None
    year = int(match["year"])
    year = year + 2000 if year < 100 else year
    return int(match["a"]), int(match["b"]), year, match["sep"] == "."


def _valid(year: int, month: int, day: int) -> bool:
    return year >= 1 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _name(day: int, month: int) -> str:
    return day_name(day, month)
