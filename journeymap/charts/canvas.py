"""The plotly canvas both journey views draw on: pixel coordinates, no axes, no zoom."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from journeymap.charts.diagram_text import FONT, INK
from journeymap.charts.geometry import Point
from journeymap.charts.locale import separators


def pixel_canvas(
    figure: go.Figure,
    width: float,
    height: float,
    margin: dict[str, int],
    font_px: float,
    **layout: Any,
) -> go.Figure:
    """Size the figure to ``width`` × ``height`` pixels with y growing downwards, as the
    layout functions compute positions, and switch off plotly's axes and dragging."""
    figure.update_layout(
        separators=separators(),
        width=width + margin["l"] + margin["r"],
        height=height + margin["t"] + margin["b"],
        margin=margin,
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        font={"family": FONT, "size": font_px, "color": INK},
        xaxis={"range": [0, width], "visible": False, "fixedrange": True},
        yaxis={"range": [height, 0], "visible": False, "fixedrange": True},
        hoverlabel={"font": {"size": 15, "family": FONT}, "align": "left"},
        showlegend=False,
        dragmode=False,
        **layout,
    )
    return figure


def arrow_note(head: Point, tail: Point, colour: str, width: float) -> dict[str, object]:
    """An arrowhead at ``head`` pointing away from ``tail``, in diagram units.

    Edges are drawn as shapes, which have no heads; a short annotation arrow along an
    edge's last stretch gives it one.
    """
    return {
        "x": head[0],
        "y": head[1],
        "ax": tail[0],
        "ay": tail[1],
        "xref": "x",
        "yref": "y",
        "axref": "x",
        "ayref": "y",
        "text": "",
        "showarrow": True,
        "arrowhead": 2,
        "arrowsize": 1.1,
        "arrowwidth": width,
        "arrowcolor": colour,
    }
