"""The width of the page's column as the browser measures it.

Plotly keeps its text at its size when Streamlit shrinks a figure to its column, so a
map laid out for a wider screen than the one it is shown on puts its cards on top of
each other. The map is laid out for the measured width instead; until the browser has
answered (and in AppTest, which has no browser) the caller's default stands.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

_probe = components.declare_component("column_width", path=str(Path(__file__).parent))

# Widths are rounded down to this step, so a window dragged wider does not lay the
# map out again for every pixel (each width is a cached figure).
STEP = 40
NARROWEST = 600


def measure_column(key: str) -> None:
    """Ask the browser for the column's width. Call it below the figure: the probe is an
    element of its own, and above the diagram it would push it down the screen."""
    _probe(key=key, default=None)


def column_width(key: str) -> int | None:
    """The width last measured under ``key``, in pixels rounded down to a step; None
    before the browser has said."""
    measured = st.session_state.get(key)
    if not isinstance(measured, int | float) or measured <= 0:
        return None
    return max(NARROWEST, int(measured) // STEP * STEP)
