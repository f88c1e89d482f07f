"""Dates as survey tools write them, without guessing day and month.

"03/04/2026" is 3 April in Copenhagen and 4 March in Chicago. A wrong guess silently
moves responses between months and breaks every trend, so such a column is refused
until the person says which it is, unless a value with a day above 12 settles it
("25/04/2026" can only be day-first). Dotted dates (03.04.2026) are day-first: nobody
writes month.day.year with dots. Times without an offset are read in the mapping's
time zone and stored in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from babel.dates import format_skeleton

from journeymap.i18n import _
from journeymap.i18n.formatting import locale_of
from journeymap.io.survey_import.columns import blank
from journeymap.io.survey_import.iso_dates import common_shape_parts
from journeymap.io.survey_import.moments import assemble_moments

_TIME = (
    r"(?:[ T]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
_ZONE = r"\s*(?P<zone>Z|UTC|GMT|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?)?\s*$"
DAY_MONTH = re.compile(
    r"^\s*(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})" + _TIME + _ZONE
)
YEAR_FIRST = re.compile(
    r"^\s*(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})" + _TIME + _ZONE
)


class AmbiguousDates(ValueError):
    """Day and month cannot be told apart; the message says how to decide."""


@dataclass(frozen=True)
class ParsedDates:
    """UTC timestamps (NaT where blank or unreadable) and which cells were blank."""

    moments: pd.Series
    blank: pd.Series
    dayfirst: bool | None


# A column is read one way throughout. When values of both orders occur, the order of
# nearly all of them wins and the rest are rejected row by row (a typo, one pasted row);
# a column that is really split between the two conventions is refused.
MAJORITY = 0.9


@dataclass
class OrderEvidence:
    """What the day/month dates of a column say about their order, added up over chunks.

    Only values that are a real calendar day one way and not the other tell:
    "25/03/2026" says day-first, "03/25/2026" month-first, "13/45/2026" nothing (it is
    no date either way and is rejected as such), "03/04/2026" nothing.
    """

    day_first: int = 0
    month_first: int = 0
    either: int = 0  # a real day both ways: 03/04/2026
    dotted: bool = True  # every day/month value so far written with dots
    seen: bool = False
    first_day_first: str = ""
    first_month_first: str = ""
    first_either: str = ""
    first_either_parts: tuple[int, int, str, str] | None = None

    def add(self, values: pd.Series) -> None:
        parts = values.str.extract(DAY_MONTH).dropna(subset=["a"])
        if parts.empty:
            return
        self.seen = True
        self.dotted = self.dotted and bool((parts["sep"] == ".").all())
        a, b = parts["a"].astype(int), parts["b"].astype(int)
        year = parts["year"].astype(int)
        year = year.where(year >= 100, year + 2000)
        as_day_first, as_month_first = _real_day(year, b, a), _real_day(year, a, b)
        only_day = as_day_first & ~as_month_first
        only_month = as_month_first & ~as_day_first
        both = as_day_first & as_month_first
        self.day_first += int(only_day.sum())
        self.month_first += int(only_month.sum())
        self.either += int(both.sum())
        if only_day.any() and not self.first_day_first:
            self.first_day_first = str(values.loc[only_day.idxmax()]).strip()
        if only_month.any() and not self.first_month_first:
            self.first_month_first = str(values.loc[only_month.idxmax()]).strip()
        if both.any() and self.first_either_parts is None:
            row = both.idxmax()
            self.first_either = str(values.loc[row]).strip()
            self.first_either_parts = (
                int(a[row]),
                int(b[row]),
                str(parts.at[row, "sep"]),
                "%Y" if len(str(parts.at[row, "year"])) == 4 else "%y",
            )

    @property
    def settled(self) -> bool:
        return self.dotted and self.seen or bool(self.day_first or self.month_first)

    def decide(self) -> bool | None:
        """True/False for the column; None when it has no day/month dates at all.

        Raises AmbiguousDates when nothing tells the order, or when both orders are
        common (two conventions in one column).
        """
        if not self.seen:
            return None
        if self.dotted:
            return True  # nobody writes month.day.year with dots
        told = self.day_first + self.month_first
        if told:
            majority = max(self.day_first, self.month_first)
            if min(self.day_first, self.month_first) == 0 or majority >= MAJORITY * told:
                return self.day_first > self.month_first
            raise AmbiguousDates(
                _(
                    "dates mix day-first ({day_first}) and month-first ({month_first}) order: "
                    "correct the column so it uses one"
                ).format(day_first=self.first_day_first, month_first=self.first_month_first)
            )
        if self.first_either_parts is None:
            return None  # no value is a real day either way: each is rejected as a bad date
        a, b, sep, year = self.first_either_parts
        raise AmbiguousDates(
            _(
                "dates such as {example} could be {one} or {other}: give --dayfirst or "
                "--date-format {date_format}"
            ).format(
                example=self.first_either,
                one=day_name(a, b),
                other=day_name(b, a),
                date_format=f"%m{sep}%d{sep}{year}",
            )
        )


def _real_day(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    """True where (year, month, day) is a day of the calendar."""
    ok = month.between(1, 12) & day.between(1, 31)
    moments = pd.to_datetime(
        pd.DataFrame({"year": year.where(ok, 2000), "month": month.where(ok, 1), "day": 1}),
        errors="coerce",
    )
    length = moments.dt.days_in_month
    return ok & (day <= length)


def infer_dayfirst(values: pd.Series) -> bool | None:
    """True/False when the values settle the order; None when none are day/month style.

    Raises AmbiguousDates when no value can tell, or when the column is split between
    day-first and month-first dates (see :class:`OrderEvidence`).
    """
    evidence = OrderEvidence()
    evidence.add(values)
    return evidence.decide()


def day_name(day: int, month: int) -> str:
    """3 April (en), 3. april (da): a day of a month in a year that has every day."""
    try:
        return format_skeleton("MMMMd", date(2000, month, day), locale=locale_of())
    except ValueError:
        return _("day {day} of month {month}").format(day=day, month=month)


def _assemble(parts: pd.DataFrame, year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    hour = pd.to_numeric(parts["hour"], errors="coerce").fillna(0)
    ampm = parts["ampm"].fillna("").str.lower().str[0]
    hour = hour.where(~((ampm == "p") & (hour < 12)), hour + 12)
    hour = hour.where(~((ampm == "a") & (hour == 12)), 0)
    numbers = {
        "year": pd.to_numeric(year, errors="coerce"),
        "month": pd.to_numeric(month, errors="coerce"),
        "day": pd.to_numeric(day, errors="coerce"),
        "hour": hour,
        "minute": pd.to_numeric(parts["minute"], errors="coerce").fillna(0),
        "second": pd.to_numeric(parts["second"], errors="coerce").fillna(0),
    }
    arrays = {name: values.to_numpy() for name, values in numbers.items()}
    return assemble_moments(arrays, parts.index)


def _offset_minutes(zone: pd.Series) -> pd.Series:
    """Minutes east of UTC for 'Z', 'UTC', '+02:00', 'GMT+1'; NaN where none is written."""
    text = zone.fillna("").str.upper().str.replace(r"^(UTC|GMT)", "", regex=True).str.strip()
    sign = np.where(text.str.startswith("-"), -1, 1)
    digits = text.str.lstrip("+-").str.replace(":", "", regex=False)
    hours = pd.to_numeric(digits.str[:-2].where(digits.str.len() > 2, digits), errors="coerce")
    minutes = pd.to_numeric(digits.str[-2:].where(digits.str.len() > 2, "0"), errors="coerce")
    offset = sign * (hours.fillna(0) * 60 + minutes.fillna(0))
    return offset.where(zone.notna())


def _to_utc(naive: pd.Series, offset: pd.Series, timezone: str) -> pd.Series:
    has_offset = offset.notna()
    local = naive.where(~has_offset) if has_offset.any() else naive
    localised = local.dt.tz_localize(
        timezone, ambiguous=np.zeros(len(local), dtype=bool), nonexistent="shift_forward"
    ).dt.tz_convert("UTC")
    if not has_offset.any():
        return localised
    shifted = (naive - pd.to_timedelta(offset.fillna(0), unit="m")).dt.tz_localize("UTC")
    return localised.where(~has_offset, shifted)


def parse_dates(
    values: pd.Series,
    *,
    date_format: str | None = None,
    dayfirst: bool | None = None,
    timezone: str = "UTC",
) -> ParsedDates:
    """Timestamps in UTC for a column of dates; AmbiguousDates when the order is unknown.

    ``dayfirst`` is inferred from the values when not given; pass the inferred value of
    the first chunk to later chunks so that a file is read one way throughout.
    """
    cells = values.astype(str)
    if date_format:
        text = cells.str.strip()
        empty = blank(text)
        moments = pd.to_datetime(text.where(~empty), format=date_format, errors="coerce")
        if moments.dt.tz is None:
            offset = pd.Series(np.nan, index=text.index)
            return ParsedDates(_to_utc(moments, offset, timezone), empty, dayfirst)
        return ParsedDates(moments.dt.tz_convert("UTC"), empty, dayfirst)
    # A cell of a common shape has digits at both ends, so it is neither padded nor blank.
    common, common_parts = common_shape_parts(cells)
    text = cells[~common].str.strip()
    text_blank = blank(text)
    empty = pd.Series(False, index=cells.index)
    empty[text.index] = text_blank
    general = text[~text_blank]
    if dayfirst is None:
        dayfirst = infer_dayfirst(general)
    naive = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[ns]")
    offset = pd.Series(np.nan, index=cells.index)
    if common.any():
        naive[common] = assemble_moments(common_parts, cells.index[common]).to_numpy()
    dm = general.str.extract(DAY_MONTH)
    dm_rows = dm["a"].notna()
    if dm_rows.any():
        day, month = (dm["a"], dm["b"]) if dayfirst else (dm["b"], dm["a"])
        part = dm[dm_rows]
        naive[part.index] = _assemble(part, part["year"], month[dm_rows], day[dm_rows])
        offset[part.index] = _offset_minutes(part["zone"])
    yf = general[~dm_rows].str.extract(YEAR_FIRST)
    yf_rows = yf["year"].notna()
    if yf_rows.any():
        part = yf[yf_rows]
        naive[part.index] = _assemble(part, part["year"], part["month"], part["day"])
        offset[part.index] = _offset_minutes(part["zone"])
    rest = general[~dm_rows][~yf_rows]
    if not rest.empty:
        # Month names and other spelled-out forms: no day/month ambiguity is left.
        parsed = pd.to_datetime(rest, format="mixed", errors="coerce", utc=True)
        naive[rest.index] = parsed.dt.tz_localize(None)
        offset[rest.index] = 0.0
    return ParsedDates(_to_utc(naive, offset, timezone), empty, dayfirst)
