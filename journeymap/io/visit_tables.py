"""A visit table read from CSV or XLSX: its rows as text cells, or one sentence that
names the file and the fix (too big, empty, unreadable, a column missing or repeated).

What the rows mean is :mod:`journeymap.io.visit_import`'s concern.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pandas as pd

from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.io.file_checks import (
    VISIT_TABLE_MAX_BYTES,
    decode_utf8,
    read_limited,
    too_large,
    workbook_problem,
)
from journeymap.io.survey_import.sniffing import SAMPLE_BYTES, detect_delimiter, parser_message
from journeymap.model import InvalidInput

REQUIRED_COLUMNS = ("visit", "location", "shopper")
MAX_ROWS = 20_000


class VisitFileError(ValueError):
    """The file as a whole cannot be read; the message names the file and the fix."""


def _oversize(size: str | None, limit: str) -> str:
    if size is None:
        text = _(
            "the file is more than the {limit} a visit table may be: split it into files of "
            "at most {rows} visits"
        )
    else:
        text = _(
            "the file is {size}, more than the {limit} a visit table may be: split it into "
            "files of at most {rows} visits"
        )
    return text.format(size=size, limit=limit, rows=MAX_ROWS)


def read_table_file(path: Path) -> pd.DataFrame:
    """The rows of a visit table on disk; VisitFileError when it cannot be read."""
    try:
        data = read_limited(Path(path), VISIT_TABLE_MAX_BYTES, _oversize, Path(path).name)
    except InvalidInput as error:
        raise VisitFileError(str(error)) from None
    return read_table(Path(path).name, data)


def read_table(name: str, data: bytes) -> pd.DataFrame:
    """The file's rows as text cells; VisitFileError when it cannot be read."""
    if len(data) > VISIT_TABLE_MAX_BYTES:
        raise VisitFileError(f"{name}: {too_large(len(data), VISIT_TABLE_MAX_BYTES, _oversize)}")
    if not data.strip():
        raise VisitFileError(_file_is_empty(name))
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        frame = _read_workbook(name, data)
    elif suffix in (".csv", ".txt"):
        frame = _read_csv(name, data)
    else:
        raise VisitFileError(_("{file}: use a .csv or .xlsx file").format(file=name))
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_header(name, list(frame.columns))
    if frame.empty:
        raise VisitFileError(
            _("{file}: the file has a header but no visits: add one row per visit").format(
                file=name
            )
        )
    if len(frame) > MAX_ROWS:
        raise VisitFileError(
            _("{file}: more than {rows} rows: split the file").format(
                file=name, rows=fmt.number(MAX_ROWS)
            )
        )
    return frame


def _read_workbook(name: str, data: bytes) -> pd.DataFrame:
    problem = workbook_problem(data)
    if problem:
        raise VisitFileError(f"{name}: {problem}")
    try:
        return pd.read_excel(
            io.BytesIO(data), dtype=object, engine="openpyxl", keep_default_na=False
        )
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the same to a user
        raise VisitFileError(
            _("{file}: cannot open the workbook ({error}): save it again as .xlsx").format(
                file=name, error=type(error).__name__
            )
        ) from None


def _read_csv(name: str, data: bytes) -> pd.DataFrame:
    try:
        text = decode_utf8(data)
    except InvalidInput as error:
        raise VisitFileError(f"{name}: {error}") from None
    delimiter = detect_delimiter(text[:SAMPLE_BYTES])
    try:
        header = next(csv.reader(io.StringIO(text[:SAMPLE_BYTES]), delimiter=delimiter), [])
    except csv.Error:
        header = []  # a broken first row: the table reader below says where
    # pandas would rename a second 'greeted' to 'greeted.1' and keep both: which is meant?
    repeated = [c for c, n in Counter(c.strip() for c in header).items() if n > 1 and c]
    if repeated:
        raise VisitFileError(
            _("{file}: the column '{column}' is in the header more than once: keep one").format(
                file=name, column=repeated[0]
            )
        )
    try:
        # "n/a" is an answer here, not a missing cell.
        return pd.read_csv(
            io.StringIO(text), dtype=str, sep=delimiter, engine="c", keep_default_na=False
        )
    except pd.errors.EmptyDataError:
        raise VisitFileError(_file_is_empty(name)) from None
    except pd.errors.ParserError as error:
        location, message = parser_message(error)
        raise VisitFileError(f"{name}: {location + ': ' if location else ''}{message}") from None


def _file_is_empty(name: str) -> str:
    return _("{file}: the file is empty: export the visits again").format(file=name)


def _check_header(name: str, columns: list[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise VisitFileError(
            _(
                "{file}: missing column(s) {columns}: the first row must name the columns "
                "visit, location and shopper, then one column per question id"
            ).format(file=name, columns=", ".join(missing))
        )
