"""Text from people, made safe to open in a spreadsheet.

A cell that starts with = + - or @ (or a tab or carriage return, which some
spreadsheets skip before such a sign) is read as a formula when a CSV or workbook is
opened, so a comment like ``=HYPERLINK(...)`` would run. A leading apostrophe makes the
spreadsheet show the text as typed and run nothing (the OWASP advice on CSV injection).
Every export that writes user text to CSV or Excel goes through :func:`neutralise_cell`.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """The value, with a leading ' when a spreadsheet would read it as a formula.

    Only strings change: numbers (including negative ones) are data, not formulas.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text for a spreadsheet, every text cell through neutralise_cell.

    CRLF, as RFC 4180 and Excel want: a text holding a lone carriage return is then
    quoted instead of splitting its row.
    """
    safe = frame.astype(object).map(neutralise_cell)
    return safe.to_csv(index=False, lineterminator="\r\n")
