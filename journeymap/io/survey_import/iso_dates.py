"""The date shapes nearly every survey tool writes, read from their characters.

``2026-03-04``, ``2026-03-04 10:22`` and ``2026-03-04 10:22:11`` (or with a T) have
their parts at fixed places, so a whole column of them is read with a few array
operations instead of a regular expression per cell, which costs seconds on a file of
millions of rows. Only cells of exactly these shapes (every part two digits, a four-
digit year, no zone) are read here; :func:`journeymap.io.survey_import.dates.parse_dates`
reads every other cell, and would read these to the same parts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Where each part sits, as in the year-first pattern of dates.py.
PART_SPANS = {
    "year": (0, 4),
    "month": (5, 7),
    "day": (8, 10),
    "hour": (11, 13),
    "minute": (14, 16),
    "second": (17, 19),
}
SEPARATORS = {4: "-/.", 7: "-/.", 10: " T", 13: ":", 16: ":"}
WIDTH_PARTS = {
    10: ("year", "month", "day"),
    16: ("year", "month", "day", "hour", "minute"),
    19: ("year", "month", "day", "hour", "minute", "second"),
}


def common_shape_parts(text: pd.Series) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Which cells (a mask by position) have a common shape, and their parts as integers.

    The parts are arrays with an element per such cell, in order: year, month, day,
    hour, minute and second (0 where the shape has none). Every cell must be a str.
    """
    cells = text.to_numpy(dtype=object)
    widths = np.fromiter(map(len, cells), np.int64, len(cells))
    matched = np.zeros(len(cells), dtype=bool)
    parts = {name: np.zeros(len(cells), dtype=np.int64) for name in PART_SPANS}
    for width, names in WIDTH_PARTS.items():
        rows = np.flatnonzero(widths == width)
        # The cells of one width as a block of bytes, a row each. Any other character
        # becomes "?", one byte for one character, so every part stays in its place.
        block = "".join(cells[rows]).encode("ascii", errors="replace")
        chars = np.frombuffer(block, dtype=np.uint8).reshape(len(rows), width)
        fits = _has_shape(chars, width)
        rows, chars = rows[fits], chars[fits]
        matched[rows] = True
        for name in names:
            parts[name][rows] = _number(chars, *PART_SPANS[name])
    return matched, {name: values[matched] for name, values in parts.items()}


def _has_shape(chars: np.ndarray, width: int) -> np.ndarray:
    fits = np.ones(len(chars), dtype=bool)
    for position in range(width):
        column = chars[:, position]
        if position in SEPARATORS:
            allowed = np.zeros(len(chars), dtype=bool)
            for separator in SEPARATORS[position]:
                allowed |= column == ord(separator)
            fits &= allowed
        else:
            # Unsigned: a character below "0" wraps round to a large number and fails too.
            fits &= column - np.uint8(ord("0")) <= 9
    return fits


def _number(chars: np.ndarray, start: int, end: int) -> np.ndarray:
    value = np.zeros(len(chars), dtype=np.int64)
    for position in range(start, end):
        value = value * 10 + (chars[:, position].astype(np.int64) - ord("0"))
    return value
