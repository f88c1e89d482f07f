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

import numpy as np
import pandas as pd

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


def infer_dayfirst(values: pd.Series) -> bool | None:
    """True/False when the values settle the order; None when none are day/month style.

    Raises AmbiguousDates when every such value could be either, or when some can only be
    day-first and others only month-first (two conventions in one column).
    """
    parts = values.str.extract(DAY_MONTH).dropna(subset=["a"])
    if parts.empty:
        return None
    if (parts["sep"] == ".").all():
        return True
    first, second = parts["a"].astype(int), parts["b"].astype(int)
    day_first, month_first = bool((first > 12).any()), bool((second > 12).any())
    if day_first and month_first:
        raise AmbiguousDates(
            f"dates mix day-first ({values.loc[first.index[first > 12][0]]}) and month-first "
            f"({values.loc[second.index[second > 12][0]]}) order: correct the column so it uses one"
        )
    if day_first or month_first:
        return day_first
    sample = str(values.loc[parts.index[0]])
    a, b = int(parts["a"].iloc[0]), int(parts["b"].iloc[0])
    sep = parts["sep"].iloc[0]
    year = "%Y" if len(parts["year"].iloc[0]) == 4 else "%y"
    raise AmbiguousDates(
        f"dates such as {sample.strip()} could be {_day_name(a, b)} or {_day_name(b, a)}: "
        f"give --dayfirst or --date-format %m{sep}%d{sep}{year}"
    )


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _day_name(day: int, month: int) -> str:
    return f"{day} {MONTHS[month - 1]}" if 1 <= month <= 12 else f"day {day} of month {month}"


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
