"""Moments as SQLite stores them, written for a whole column at once.

SQLAlchemy's SQLite DATETIME stores a datetime as the text of its wall-clock time to
the microsecond, ``2026-03-04 10:22:11.000000``, whatever its time zone. Formatting
millions of them one by one (or with numpy's datetime_as_string) takes seconds; here
the digits are computed as arrays and the texts are split from one block of text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WIDTH = len("2026-03-04 10:22:11.000000")
# (first character, digits) of each number in the text; the rest are the separators.
FIELDS = {
    "year": (0, 4),
    "month": (5, 2),
    "day": (8, 2),
    "hour": (11, 2),
    "minute": (14, 2),
    "second": (17, 2),
    "microsecond": (20, 6),
}
SEPARATORS = {4: "-", 7: "-", 10: " ", 13: ":", 16: ":", 19: "."}
# Years of four digits: wider ones would not fit the text (and no import has them).
FIRST_YEAR, LAST_YEAR = 1000, 9999


def sqlite_datetime_texts(values: pd.Series) -> list[str | None] | None:
    """The stored text of each moment (None where NaT), or None if a year falls outside
    1000–9999, where the caller must let SQLAlchemy format the values one by one."""
    wall = values.dt.tz_localize(None) if values.dt.tz is not None else values
    # Down to the microsecond as Python's datetime gets it: rounded towards the past.
    micros = wall.dt.floor("us").to_numpy(dtype="datetime64[us]")
    missing = np.isnat(micros)
    present = micros[~missing]
    years = present.astype("datetime64[Y]")
    year = years.astype(np.int64) + 1970
    if len(year) and (year.min() < FIRST_YEAR or year.max() > LAST_YEAR):
        return None
    months = present.astype("datetime64[M]")
    days = present.astype("datetime64[D]")
    of_day = (present - days).astype(np.int64)
    numbers = {
        "year": year,
        "month": (months - years).astype(np.int64) + 1,
        "day": (days - months).astype(np.int64) + 1,
        "hour": of_day // 3_600_000_000,
        "minute": of_day // 60_000_000 % 60,
        "second": of_day // 1_000_000 % 60,
        "microsecond": of_day % 1_000_000,
    }
    # One line per moment in one block of ASCII: splitting a str makes the millions of
    # small strings faster than any per-element conversion numpy offers.
    lines = np.empty((len(present), WIDTH + 1), dtype=np.uint8)
    lines[:, WIDTH] = ord("\n")
    for position, separator in SEPARATORS.items():
        lines[:, position] = ord(separator)
    for name, (start, digits) in FIELDS.items():
        number = numbers[name].astype(np.int32)
        for place in reversed(range(start, start + digits)):
            lines[:, place] = number % 10 + ord("0")
            number //= 10
    texts: list[str | None] = lines.tobytes().decode("ascii").split("\n")[:-1]  # type: ignore[assignment]
    if not missing.any():
        return texts
    out: list[str | None] = [None] * len(micros)
    for position, value in zip(np.flatnonzero(~missing).tolist(), texts, strict=True):
        out[position] = value
    return out
