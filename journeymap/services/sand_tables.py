"""The sand ranking as a table for screens and files."""

from __future__ import annotations

import pandas as pd

from journeymap.charts.health import HEALTH_LABELS
from journeymap.services.sand import SandReport

# Light fills behind the health label: readable on a projector, and the label says it too.
HEALTH_FILLS = {"sand": "#fed7d7", "watch": "#feebc8", "good": "#c6f6d5", "no_data": "#edf2f7"}


def ranking_table(report: SandReport) -> pd.DataFrame:
    rows = [
        {
            "rank": item.rank,
            "touchpoint": item.name,
            "health": HEALTH_LABELS[item.health],
            "friction": item.friction,
            "customers_per_month": round(item.customers_affected),
            "impact": round(item.impact),
            "main_reason": item.reasons[0] if item.reasons else "",
            "id": item.touchpoint,
        }
        for item in report.items
    ]
    return pd.DataFrame(rows)


def health_fill(label: str) -> str:
    """CSS for a health label's cell in a styled table."""
    state = next((key for key, text in HEALTH_LABELS.items() if text == label), "no_data")
    return f"background-color: {HEALTH_FILLS[state]}"


def health_counts(report: SandReport) -> dict[str, int]:
    counts = {state: 0 for state in HEALTH_LABELS}
    for item in report.items:
        counts[item.health] += 1
    return counts
