"""Numbers, percentages, dates, months, quarters and p-values as the reader writes them.

1.500 and 12,5 % in Danish, 1 500 and 12,5 % in Norwegian and Swedish, 1,500 and 12.5%
in English; dates such as 7. dec. 2026. Every function formats in the current language
(`journeymap.i18n.current_language`) unless a language is given.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

from journeymap.i18n.languages import LOCALES, Language
from journeymap.i18n.translate import current_language

MINUS = "−"  # U+2212: a sign that reads as minus in every font, never as a hyphen


def locale_of(language: Language | None = None) -> str:
    return LOCALES[language or current_language()]


def _pattern(decimals: int, *, grouping: bool = True) -> str:
    whole = "#,##0" if grouping else "0"
    return whole + ("." + "0" * decimals if decimals > 0 else "")


def number(
    value: float, decimals: int = 0, *, language: Language | None = None, grouping: bool = True
) -> str:
    """1.500 (da), 1 500 (nb, sv), 1,500 (en); a minus sign, never a hyphen."""
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    text = format_decimal(value, _pattern(decimals, grouping=grouping), locale=locale_of(language))
    return text.replace("-", MINUS)


def signed(value: float, decimals: int = 0, *, language: Language | None = None) -> str:
    """+23,6 and −12: a score such as NPS always shows its sign; 0 has none."""
    text = number(abs(value), decimals, language=language)
    if not any(digit in "123456789" for digit in text):
        return text
    return ("+" if value > 0 else MINUS) + text


def percent(value: float, decimals: int = 0, *, language: Language | None = None) -> str:
    """A share given in percent (12.5 → 12,5 % in Danish, 12.5% in English)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    locale = Locale.parse(locale_of(language))
    base = locale.percent_formats[None].pattern
    pattern = base.replace("#,##0", _pattern(decimals), 1)
    return format_percent(value / 100, pattern, locale=locale).replace("-", MINUS)


def share(fraction: float, decimals: int = 0, *, language: Language | None = None) -> str:
    """A share given as a fraction (0.125 → 12,5 %)."""
    return percent(fraction * 100, decimals, language=language)


def p_value(p: float, *, language: Language | None = None) -> str:
    """ "p < 0,001" below a thousandth, else p to two significant digits ("p = 0,032")."""
    digits = p_digits(p, language=language)
    return f"p {digits}" if digits.startswith("<") else f"p = {digits}"


def p_digits(p: float, *, language: Language | None = None) -> str:
    """p as a table cell under the heading p: "< 0,001", "0,032", "0,75"; never 0,000."""
    if p < 0.001:
        return "< " + number(0.001, 3, language=language)
    return number(p, 2 if p >= 0.1 else 3, language=language)


def day(value: date, *, language: Language | None = None) -> str:
    """7. dec. 2026 (da), 7 Dec 2026 (en)."""
    return format_date(value, "medium", locale=locale_of(language))


def long_day(value: date, *, language: Language | None = None) -> str:
    """7. december 2026 (da), 7 December 2026 (en)."""
    return format_date(value, "long", locale=locale_of(language))


def time_of_day(value: datetime, *, language: Language | None = None) -> str:
    """14.30 (da), 14:30 (nb, sv, en): a 24-hour clock everywhere."""
    return format_time(value, "short", locale=locale_of(language))


def moment(value: datetime, *, language: Language | None = None) -> str:
    """A day and a time of day: 7. dec. 2026 14.30."""
    return f"{day(value.date(), language=language)} {time_of_day(value, language=language)}"


def month(value: date, *, language: Language | None = None) -> str:
    """december 2026 (da), December 2026 (en): the month as a title reads it."""
    return format_date(value, "LLLL y", locale=locale_of(language))


def short_month(value: date, *, language: Language | None = None) -> str:
    """dec. 2026 (da), Dec 2026 (en): an axis label."""
    return format_date(value, "LLL y", locale=locale_of(language))


def quarter(year: int, quarter_number: int, *, language: Language | None = None) -> str:
    """4. kvt. 2026 (da), K4 2026 (nb, sv), Q4 2026 (en)."""
    first_month = 3 * (quarter_number - 1) + 1
    return format_date(date(year, first_month, 1), "QQQ y", locale=locale_of(language))


def year(value: int) -> str:
    """A year is written without grouping in every language: 2026, never 2.026."""
    return str(value)


def period(kind: str, start: date, *, language: Language | None = None) -> str:
    """A period by its kind (month, quarter, year) and first day, in the reader's words."""
    if kind == "month":
        return month(start, language=language)
    if kind == "quarter":
        return quarter(start.year, (start.month - 1) // 3 + 1, language=language)
    if kind == "year":
        return year(start.year)
    raise ValueError(f"'{kind}' is not a period: use month, quarter or year")


def span(
    low: float,
    high: float,
    decimals: int = 1,
    *,
    separator: str = " … ",
    language: Language | None = None,
) -> str:
    """Both ends of an interval of percentages: 62,0 … 88,5; — where there is none (one
    visit says nothing of the spread). A cell of a chart has room for 62–89 only."""
    if math.isnan(low) or math.isnan(high):
        return "—"
    ends = (number(low, decimals, language=language), number(high, decimals, language=language))
    return separator.join(ends)


def interval(
    low: float, high: float, decimals: int = 0, *, language: Language | None = None
) -> str:
    """An interval's two ends, signed as scores are: −4 to +18 → "−4 … +18"."""
    return (
        f"{signed(low, decimals, language=language)} … {signed(high, decimals, language=language)}"
    )
