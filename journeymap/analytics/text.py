"""Numbers written the way a workshop reads them."""

from __future__ import annotations

from journeymap.analytics.estimates import ProportionEstimate, wilson
from journeymap.i18n import formatting as fmt


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


def plain_number(value: float) -> str:
    """A target as it was typed: 8, 7.5, 0.25 (no trailing zeros), in the reader's digits."""
    text = f"{value:g}"
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return fmt.number(value, min(decimals, 3), grouping=False)


def share_with_interval(count: int, n: int) -> str:
    """A share of the answers with its 95 % (Wilson) interval: 50 % (40 % … 60 %)."""
    share = wilson(count, n)
    if share is None:
        return "–"
    return f"{fmt.share(share.share)} ({share_span(share)})"


def share_span(estimate: ProportionEstimate) -> str:
    """Both ends of a share's 95 % interval: 40 % … 60 %."""
    return f"{fmt.share(estimate.ci_low)} … {fmt.share(estimate.ci_high)}"
