"""Numbers written the way a workshop reads them."""

from __future__ import annotations


def signed(value: float) -> str:
    """+31, −12, 0: NPS is always shown with its sign."""
    rounded = round(value)
    if rounded > 0:
        return f"+{rounded}"
    if rounded < 0:
        return f"−{abs(rounded)}"
    return "0"


def unit_text(unit: str) -> str:
    """' min', ' %': a space before units, none before a bare percent sign."""
    if not unit:
        return ""
    return f" {unit}" if unit != "%" else " %"
