"""A survey export as a table of text cells, whether CSV or XLSX, read in chunks.

Each chunk's index is the spreadsheet row number (the first header row is row 1), so
that a rejected row is reported where a person finds it when they open the file.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from journeymap.io.file_checks import workbook_problem
from journeymap.io.survey_import.formats import SurveyFormat, detect_format
from journeymap.io.survey_import.sniffing import (
    CHUNK_ROWS,
    CsvDialect,
    check_size,
    detect_decimal,
    file_problem,
    head_rows,
    is_xlsx,
    parser_problem,
    read_chunks,
    sniff,
)
from journeymap.model import InvalidInput

HEAD_ROWS = 2_000  # rows looked at to propose a mapping
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
_REPEAT = re.compile(r"^(?P<name>.+) \(\d+\)$")


@dataclass
class TableSource:
    path: Path
    format: SurveyFormat
    decimal: str
    dialect: CsvDialect | None = None
    xlsx_rows: list[list[str]] | None = None
    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        how = self.dialect.describe() if self.dialect else "Excel workbook (first sheet)"
        return f"{self.format.title} export, {how}"

    @property
    def first_data_row(self) -> int:
        return self.format.header_rows + 1

    def chunks(self, chunk_rows: int = CHUNK_ROWS) -> Iterator[tuple[pd.DataFrame, float]]:
        """All-text frames of the data rows (blank = "") and the share of the file read."""
        columns = self.format.columns
        start = self.first_data_row
        if self.xlsx_rows is not None:
            body = self.xlsx_rows[self.format.header_rows :]
            for i in range(0, max(len(body), 1), chunk_rows):
                part = [
                    (row + [""] * len(columns))[: len(columns)] for row in body[i : i + chunk_rows]
                ]
                frame = pd.DataFrame(part, columns=columns, dtype=object).astype(str)
                frame.index = range(start + i, start + i + len(frame))
                yield frame, min(1.0, (i + len(part)) / max(len(body), 1))
            return
        assert self.dialect is not None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            try:
                for chunk, fraction in read_chunks(
                    self.path, self.dialect, columns, self.format.header_rows, chunk_rows
                ):
                    chunk = _all_text(chunk)
                    chunk.index = range(start, start + len(chunk))
                    start += len(chunk)
                    yield chunk, fraction
            except pd.errors.ParserError as error:
                raise parser_problem(self.path, error) from None
            finally:
                # Also when only the head was read: the preview shows the skipped rows too.
                self.warnings += [
                    f"{self.path.name}: {str(warning.message).strip()} (a row with more cells "
                    "than the header was skipped: check for an unquoted delimiter in that row)"
                    for warning in caught
                    if issubclass(warning.category, pd.errors.ParserWarning)
                ]

    def has_rows(self) -> bool:
        """Whether any row with a value follows the header rows."""
        if self.xlsx_rows is not None:
            return len(self.xlsx_rows) > self.format.header_rows
        assert self.dialect is not None
        rows = head_rows(self.path, self.dialect, self.format.header_rows + 1)
        filled = [r for r in rows if any(cell.strip() for cell in r)]
        return len(filled) > self.format.header_rows

    def head(self, rows: int = HEAD_ROWS) -> pd.DataFrame:
        chunks = self.chunks(rows)
        try:
            for frame, _ in chunks:
                return frame
        finally:
            chunks.close()
        return pd.DataFrame(columns=self.format.columns)


def _all_text(chunk: pd.DataFrame) -> pd.DataFrame:
    """Missing cells (a row shorter than the header) as ""; the parser gives all else as text."""
    short = [column for column in chunk.columns if chunk[column].hasnans]
    return chunk.fillna(dict.fromkeys(short, "")) if short else chunk


def open_table(path: Path) -> TableSource:
    """Sniff a CSV or XLSX file and recognise the survey tool that wrote it."""
    path = Path(path)
    check_size(path)
    # Before the zip check: .ods and .numbers are zip files too, but no workbooks.
    if path.suffix.lower() in {".xls", ".ods", ".numbers"}:
        raise file_problem(path, "this spreadsheet format is not read: save it as .xlsx or .csv")
    if is_xlsx(path):
        problem = workbook_problem(path)
        if problem:
            raise file_problem(path, problem)
        rows = _xlsx_rows(path)
        fmt = detect_format(rows[:3])
        source = TableSource(path, fmt, detect_decimal(rows[:40], ";"), xlsx_rows=rows)
    else:
        try:
            dialect = sniff(path)
        except InvalidInput:
            # A CSV named .xlsx is read as CSV; anything else named .xlsx is a broken workbook.
            if path.suffix.lower() in WORKBOOK_SUFFIXES:
                raise file_problem(path, workbook_problem(path) or "not a workbook") from None
            raise
        rows = head_rows(path, dialect, limit=3)
        if not rows:
            raise file_problem(path, "the file has no header row: export the survey again")
        source = TableSource(path, detect_format(rows), dialect.decimal, dialect=dialect)
    source.warnings += _repeated_columns(path, source.format.columns)
    return source


def _repeated_columns(path: Path, columns: list[str]) -> list[str]:
    """A note per header written twice: the first is what a name in the mapping means."""
    repeated = sorted(
        {m.group("name") for c in columns if (m := _REPEAT.match(c)) and m.group("name") in columns}
    )
    return [
        f"{path.name}: the header has the column '{name}' more than once; the repeats are "
        f"called '{name} (2)' and so on: check that the right one is chosen, or rename them "
        "in the file"
        for name in repeated
    ]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # only XLSX imports pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the same to a user
        raise file_problem(
            path, f"cannot open the workbook ({type(error).__name__}): save it again as .xlsx"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise file_problem(path, "the first sheet of the workbook is empty: put the export there")
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]
