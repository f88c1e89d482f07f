"""A journey diff on screen: the lines of :func:`diff_journeys`, grouped by item.

The same words as ``journeymap diff`` prints, shown as text (names are user-typed).
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_diff import JourneyDiff
from journeymap.ui.widgets.text import plain

GROUPS = (
    ("journey", "Journey"),
    ("stage", "Stages"),
    ("touchpoint", "Touchpoints"),
    ("transition", "Transitions"),
    ("entry", "Entries"),
    ("metric", "Metrics"),
)


def show_diff(diff: JourneyDiff, empty: str = "No differences.") -> None:
    if diff.identical:
        st.caption(empty)
        return
    for item, title in GROUPS:
        changes = diff.of(item)  # type: ignore[arg-type]
        if not changes:
            continue
        st.markdown(f"**{title}** ({len(changes)})")
        st.markdown("\n".join(f"- {plain(str(change))}" for change in changes))
