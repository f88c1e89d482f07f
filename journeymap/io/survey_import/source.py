"""A survey export as a table of text cells, whether CSV or XLSX, read in chunks.

Each chunk's index is the spreadsheet row number (the first header row is row 1), so
that a rejected row is reported where a person finds it when they open the file.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from journeymap.i18n import _
from journeymap.io.file_checks import workbook_problem
from journeymap.io.survey_import.columns import score_candidates
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
from journeymap.io.survey_import.workbooks import Rows, Workbook, is_xls, pick_sheet
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
    sheet: str | None = None  # of a workbook: the sheet read
    sheets: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.dialect:
            how = self.dialect.describe()
        else:
            kind = _("legacy Excel workbook (.xls)") if is_xls(self.path) else _("Excel workbook")
            if self.sheet in self.sheets and len(self.sheets) > 1:
                where = _("sheet '{sheet}' ({number} of {count})").format(
                    sheet=self.sheet,
                    number=self.sheets.index(self.sheet) + 1,
                    count=len(self.sheets),
                )
            else:
                where = _("sheet '{sheet}'").format(sheet=self.sheet)
            how = f"{kind}, {where}"
        if self.format.name == "generic" and not self.dialect:
            return _("table, {how}").format(how=how)
        if self.format.name == "generic":
            return _("generic CSV export, {how}").format(how=how)
        return _("{tool} export, {how}").format(tool=self.format.title, how=how)

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
                    _(
                        "{file}: {problem} (a row with more cells than the header was skipped: "
                        "check for an unquoted delimiter in that row)"
                    ).format(file=self.path.name, problem=str(warning.message).strip())
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
            for frame, _fraction in chunks:
                return frame
        finally:
            chunks.close()
        return pd.DataFrame(columns=self.format.columns)


def _all_text(chunk: pd.DataFrame) -> pd.DataFrame:
    """Missing cells (a row shorter than the header) as ""; the parser gives all else as text."""
    short = [column for column in chunk.columns if chunk[column].hasnans]
    return chunk.fillna(dict.fromkeys(short, "")) if short else chunk


def recommend_rank(rows: Rows) -> int:
    """How surely a sheet holds survey answers: 3 a column the tool marks as its NPS
    question, 2 one worded as the recommend question, 1 one of 0–10 values, 0 none."""
    fmt = detect_format(rows[:3])
    body = [(r + [""] * len(fmt.columns))[: len(fmt.columns)] for r in rows[fmt.header_rows :]]
    frame = pd.DataFrame(body, columns=fmt.columns, dtype=object).astype(str)
    found = score_candidates(frame, fmt.labels, fmt.excluded, fmt.score_hints)
    if not found:
        return 0
    return 3 if found[0].marked else 2 if found[0].worded else 1


def open_table(
    path: Path, sheet: str | None = None, rank: Callable[[Rows], int] | None = recommend_rank
) -> TableSource:
    """Sniff a CSV or workbook and recognise the survey tool that wrote it.

    ``sheet``: of a workbook, its name or number (from 1); by default the first sheet
    with the highest ``rank`` (for survey answers: a recommend column).
    """
    path = Path(path)
    check_size(path)
    # Before the zip check: .ods and .numbers are zip files too, but no workbooks.
    if path.suffix.lower() in {".ods", ".numbers"}:
        raise file_problem(path, _("this spreadsheet format is not read: save it as .xlsx or .csv"))
    if is_xlsx(path) or is_xls(path):
        if not is_xls(path):
            problem = workbook_problem(path)
            if problem:
                raise file_problem(path, problem)
        with Workbook(path) as book:
            chosen = pick_sheet(book, sheet, rank)
            rows = book.rows(chosen)
            sheets = book.sheets
        if not rows:
            raise file_problem(
                path,
                _(
                    "the sheet '{sheet}' of the workbook is empty: choose the sheet with the "
                    "answers"
                ).format(sheet=chosen),
            )
        fmt = detect_format(rows[:3])
        source = TableSource(
            path,
            fmt,
            detect_decimal(rows[:40], ";"),
            xlsx_rows=rows,
            sheet=chosen,
            sheets=sheets,
        )
    elif path.suffix.lower() == ".xls":
        raise file_problem(
            path, _("the file is named .xls but is no Excel workbook: save it as .xlsx or .csv")
        )
    else:
        try:
            dialect = sniff(path)
        except InvalidInput:
            # A CSV named .xlsx is read as CSV; anything else named .xlsx is a broken workbook.
            if path.suffix.lower() in WORKBOOK_SUFFIXES:
                raise file_problem(path, workbook_problem(path) or _("not a workbook")) from None
            raise
        rows = head_rows(path, dialect, limit=3)
        if not rows:
            raise file_problem(path, _("the file has no header row: export the survey again"))
        source = TableSource(path, detect_format(rows), dialect.decimal, dialect=dialect)
    source.warnings += _repeated_columns(path, source.format.columns)
    return source


def _repeated_columns(path: Path, columns: list[str]) -> list[str]:
    """A note per header written twice: the first is what a name in the mapping means."""
    repeated = sorted(
        {m.group("name") for c in columns if (m := _REPEAT.match(c)) and m.group("name") in columns}
    )
    return [
        _(
            "{file}: the header has the column '{name}' more than once; the repeats are called "
            "'{name} (2)' and so on: check that the right one is chosen, or rename them in the "
            "file"
        ).format(file=path.name, name=name)
        for name in repeated
    ]
