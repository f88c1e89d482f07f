"""Text from people, made safe to open in a spreadsheet.

A cell that starts with = + - or @ (or a tab or carriage return, which some
spreadsheets skip before such a sign) is read as a formula when a CSV or workbook is
opened, so a comment like ``=HYPERLINK(...)`` would run. In a CSV file a leading
apostrophe makes the spreadsheet show the text and run nothing (the OWASP advice on CSV
injection): every CSV export goes through :func:`neutralise_cell`. A workbook can say
"this is text" itself (a string cell with the quote-prefix style): the workbook export
asks :func:`runs_as_formula` and keeps such text exactly as typed.
"""

from __future__ import annotations

from typing import TypeGuard

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def runs_as_formula(value: object) -> TypeGuard[str]:
    """Whether a spreadsheet would read the value as a formula if it were stored as is.

    Only strings: numbers (including negative ones) are data, not formulas.
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise_cell(value: object) -> object:
    """The value, with a leading ' when a spreadsheet would read it as a formula."""
    return "'" + value if runs_as_formula(value) else value


def neutralised_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text for a spreadsheet, every text cell through neutralise_cell.

    CRLF, as RFC 4180 and Excel want: a text holding a lone carriage return is then
    quoted instead of splitting its row.
    """
    safe = frame.astype(object).map(neutralise_cell)
    return safe.to_csv(index=False, lineterminator="\r\n")
