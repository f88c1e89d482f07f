"""Calendar numbers (year, month, day, hour, minute, second) → naive moments.

Both date readers (the fixed-width one and the regular expressions) end here, so that
they cannot disagree. pandas' own assembly (``to_datetime`` of a frame of parts) turns
the day into text and parses it again, a second per million rows; the ordinary rows are
computed here as arrays instead, to the same moments, and pandas assembles the rest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")


def assemble_moments(numbers: dict[str, np.ndarray], index: pd.Index) -> pd.Series:
    """Naive moments from arrays of year … second; NaT where there is no such day.

    Two-digit years are 1970–2069. Hours, minutes and seconds past their range carry
    over (25:00 is 01:00 the next day), as pandas assembles them.
    """
    numbers = {name: numbers[name].astype(np.float64) for name in DATE_PARTS}
    year = numbers["year"]
    numbers["year"] = np.where(year >= 100, year, year + np.where(year < 70, 2000, 1900))
    plain = _plain_rows(**numbers)
    if plain.all():
        return pd.Series(_plain_moments(**numbers), index=index)
    stamps = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    stamps[plain] = _plain_moments(**{name: value[plain] for name, value in numbers.items()})
    # Anything unusual (a year far off, a fraction, a 0th day): as pandas assembles it.
    unusual = pd.DataFrame({name: value[~plain] for name, value in numbers.items()})
    stamps[~plain] = pd.to_datetime(unusual, errors="coerce").to_numpy()
    return stamps


def _plain_rows(**numbers: np.ndarray) -> np.ndarray:
    """Rows of whole numbers naming a real day well inside pandas' range of moments."""
    year, month, day = numbers["year"], numbers["month"], numbers["day"]
    plain = (year >= 1700) & (year <= 2200) & (month >= 1) & (month <= 12) & (day >= 1)
    for name in ("hour", "minute", "second"):
        plain &= (numbers[name] >= 0) & (numbers[name] < 100)
    for values in numbers.values():
        plain &= values == np.floor(values)  # also False for NaN
    year, month = np.where(plain, year, 2000), np.where(plain, month, 1)
    month_days = _month_starts(year, month + 1) - _month_starts(year, month)
    return plain & (day <= month_days.astype(np.int64))


def _month_starts(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    months = (year.astype(np.int64) - 1970) * 12 + month.astype(np.int64) - 1
    return months.astype("datetime64[M]").astype("datetime64[D]")


def _plain_moments(**numbers: np.ndarray) -> np.ndarray:
    """pandas' assembly, computed as arrays: the day, then the time of day in seconds."""
    day = (numbers["day"].astype(np.int64) - 1).astype("timedelta64[D]")
    days = _month_starts(numbers["year"], numbers["month"]) + day
    seconds = numbers["hour"] * 3600 + numbers["minute"] * 60 + numbers["second"]
    return days.astype("datetime64[ns]") + seconds.astype(np.int64).astype("timedelta64[s]")
