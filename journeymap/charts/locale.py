"""Plotly's number separators in the reader's language.

Plotly formats the numbers of axes and hovertemplates (%{y:.1f}) itself; its layout's
``separators`` (decimal mark, then thousands mark) makes them read as the language
writes them: 12,5 and 1.500 in Danish, 12,5 and 1 500 in Norwegian and Swedish.
"""

from __future__ import annotations

import plotly.graph_objects as go

from journeymap.i18n import current_language

SEPARATORS = {"da": ",.", "nb": ", ", "sv": ", ", "en": ".,"}


def separators() -> str:
    return SEPARATORS.get(current_language(), ".,")


def localised(figure: go.Figure) -> go.Figure:
    """The figure with the reader's separators (call when the figure is built)."""
    figure.update_layout(separators=separators())
    return figure
