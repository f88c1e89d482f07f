"""The few formats the report and the exports need beyond journeymap.i18n.formatting.

Each writes numbers and dates through the reader's locale; the English forms are the
ones the product has always printed (75 % with a space).
"""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_skeleton

from journeymap.i18n import current_language
from journeymap.i18n import formatting as fmt

DASH = "–"  # a figure there is no value for


def missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def number(value: float | None, decimals: int = 0) -> str:
    return DASH if missing(value) else fmt.number(value, decimals)  # type: ignore[arg-type]


def signed(value: float | None, decimals: int = 0) -> str:
    return DASH if missing(value) else fmt.signed(value, decimals)  # type: ignore[arg-type]


def points(value: float | None, decimals: int = 1) -> str:
    """A change in points always shows its sign, a zero too: +0.0 says "no change"."""
    if missing(value):
        return DASH
    assert value is not None
    text = fmt.number(abs(value), decimals)
    negative = value < 0 and any(digit in "123456789" for digit in text)
    return (fmt.MINUS if negative else "+") + text


def percent(value: float | None, decimals: int = 0) -> str:
    """A value in percent: 12,5 % in Danish, 12.5 % in English."""
    if missing(value):
        return DASH
    assert value is not None
    if current_language() == "en":
        return fmt.number(value, decimals) + " %"
    return fmt.percent(value, decimals)


def share(fraction: float | None, decimals: int = 0) -> str:
    return DASH if missing(fraction) else percent(100 * fraction, decimals)  # type: ignore[operator]


def day_month(value: date) -> str:
    """30. sep. (da), 30 Sept (en): a day within the year the text already names."""
    return format_skeleton("MMMd", value, locale=fmt.locale_of())


def big_number(value: int) -> str:
    """A limit such as 1 000 000 000: spaced in English, as the import messages have always
    written it (a comma would read as a list there), the locale's form elsewhere."""
    if current_language() == "en":
        return f"{value:,}".replace(",", " ")
    return fmt.number(value)
