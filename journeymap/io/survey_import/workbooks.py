"""Spreadsheets (.xlsx, and legacy .xls) as rows of text cells, one sheet at a time.

A client's workbook often starts with a cover sheet, a pivot or a "read me", and the
answers are on the second sheet; the sheet is chosen by name or number, or else the
first one that holds what is being imported (see :func:`pick_sheet`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from journeymap.i18n import _
from journeymap.io.survey_import.sniffing import file_problem

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and .doc …) files
PROBE_ROWS = 200  # rows of each sheet looked at to choose one

Rows = list[list[str]]


def is_xls(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(8) == OLE2_MAGIC


def cell_text(value: object) -> str:
    """A cell as the person sees it: 9 not 9.0, a date in ISO form, nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _squared(rows: Rows) -> Rows:
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


class Workbook:
    """An open .xlsx or .xls file: its sheet names and each sheet's rows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.legacy = is_xls(path)
        self._book = _open_xls(path) if self.legacy else _open_xlsx(path)

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        if self.legacy:
            self._book.release_resources()
        else:
            self._book.close()

    @property
    def sheets(self) -> list[str]:
        return list(self._book.sheet_names() if self.legacy else self._book.sheetnames)

    def rows(self, name: str, limit: int | None = None) -> Rows:
        """The sheet's rows as text, trailing blank rows dropped, all as wide as the widest."""
        if self.legacy:
            return _squared(_xls_rows(self._book, name, limit))
        sheet = self._book[name]
        cells = sheet.iter_rows(values_only=True, max_row=limit)
        return _squared([[cell_text(v) for v in row] for row in cells])


def _open_xlsx(path: Path):  # type: ignore[no-untyped-def]  # openpyxl is untyped
    from openpyxl import load_workbook  # only workbook imports pay for it

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the same to a user
        raise file_problem(
            path,
            _("cannot open the workbook ({error}): save it again as .xlsx").format(
                error=type(error).__name__
            ),
        ) from None


def _open_xls(path: Path):  # type: ignore[no-untyped-def]  # xlrd is untyped
    try:
        import xlrd
    except ImportError:  # pragma: no cover - xlrd is a dependency; a trimmed install may lack it
        raise file_problem(
            path, _("legacy Excel (.xls) is not read here: save it as .xlsx or .csv")
        ) from None
    try:
        return xlrd.open_workbook(str(path), on_demand=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is the same to a user
        raise file_problem(
            path,
            _("cannot open the legacy Excel file ({error}): save it as .xlsx or .csv").format(
                error=type(error).__name__
            ),
        ) from None


def _xls_rows(book, name: str, limit: int | None) -> Rows:  # type: ignore[no-untyped-def]
    import xlrd

    sheet = book.sheet_by_name(name)
    count = sheet.nrows if limit is None else min(limit, sheet.nrows)
    rows = []
    for r in range(count):
        row = []
        for cell in sheet.row(r):
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value: object = xlrd.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError):
                    value = cell.value
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                value = None
            else:
                value = cell.value
            row.append(cell_text(value))
        rows.append(row)
    book.unload_sheet(name)
    return rows


def find_sheet(path: Path, sheets: list[str], wanted: str) -> str:
    """The sheet named ``wanted``, or the N-th (counted from 1) when it is a number."""
    if wanted in sheets:
        return wanted
    folded = {s.strip().casefold(): s for s in sheets}
    if wanted.strip().casefold() in folded:
        return folded[wanted.strip().casefold()]
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(sheets):
        return sheets[int(wanted) - 1]
    listed = ", ".join(f"'{s}'" for s in sheets)
    raise file_problem(
        path,
        _(
            "the workbook has no sheet '{sheet}': give one of {sheets}, or its number (1 to "
            "{count})"
        ).format(sheet=wanted, sheets=listed, count=len(sheets)),
        "--sheet",
    )


def pick_sheet(book: Workbook, wanted: str | None, rank: Callable[[Rows], int] | None) -> str:
    """The sheet asked for; else the first with the highest ``rank`` of its first rows
    (0: nothing of use); else the first sheet with anything on it."""
    sheets = book.sheets
    if not sheets:
        raise file_problem(book.path, _("the workbook has no sheets: put the export on one"))
    if wanted:
        return find_sheet(book.path, sheets, wanted)
    best, best_rank = None, 0
    filled = None
    for name in sheets:
        rows = book.rows(name, PROBE_ROWS)
        if not rows:
            continue
        filled = filled or name
        if rank is None:
            return name
        found = rank(rows)
        if found > best_rank:
            best, best_rank = name, found
    return best or filled or sheets[0]


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook, in order; [] for a CSV or a file that is no workbook."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
        if magic != OLE2_MAGIC and not magic.startswith(b"PK\x03\x04"):
            return []
        with Workbook(path) as book:
            return book.sheets
    except (OSError, ValueError):
        return []
