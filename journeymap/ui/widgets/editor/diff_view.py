"""A journey diff on screen: the lines of :func:`diff_journeys`, grouped by item.

The same words as ``journeymap diff`` prints, shown as text (names are user-typed).
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_diff import JourneyDiff
from journeymap.i18n import N_, _
from journeymap.ui.widgets.text import plain

GROUPS = (
    ("journey", N_("Journey")),
    ("stage", N_("Stages")),
    ("touchpoint", N_("Touchpoints")),
    ("transition", N_("Transitions")),
    ("entry", N_("Entries")),
    ("metric", N_("Metrics")),
)


def show_diff(diff: JourneyDiff, empty: str | None = None) -> None:
    if diff.identical:
        st.caption(empty or _("No differences."))
        return
    for item, title in GROUPS:
        changes = diff.of(item)  # type: ignore[arg-type]
        if not changes:
            continue
        st.markdown(f"**{_(title)}** ({len(changes)})")
        st.markdown("\n".join(f"- {plain(str(change))}" for change in changes))
