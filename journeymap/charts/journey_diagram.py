"""The journey map as a plotly figure: stages left to right, channels as lanes.

Used by the app and by the exporters, so it is sized in pixels (fonts, nodes, label
boxes) to match :func:`diagram_layout`; the figure's own width and height are the
layout's. Every user-typed string is HTML-escaped: plotly renders tags in text.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping
from typing import Literal

import plotly.graph_objects as go

from journeymap.analytics.flow import FlowResult
from journeymap.charts.canvas import arrow_note, pixel_canvas
from journeymap.charts.diagram_text import (
    BAND_FILLS,
    EDGE_COLOURS,
    GRID,
    INK,
    LABEL_BG,
    MOMENT_LINE,
    MUTED,
    NODE_GREY,
    NODE_LINE,
    EdgeHealth,
    NodeHealth,
    handoff_hover,
    hover_text,
    key_annotation,
)
from journeymap.charts.geometry import bezier_points, chars_fitting, wrap_label
from journeymap.charts.layout import DiagramLayout, DiagramStyle, diagram_layout
from journeymap.charts.routing import SAMPLES, EdgeRoute
from journeymap.i18n import _
from journeymap.model import Journey

__all__ = ["DiagramLayout", "DiagramStyle", "NodeHealth", "diagram_layout", "journey_figure"]

MARGIN = {"l": 8, "r": 8, "t": 8, "b": 44}
KEY_LINE_PX = 20  # the key's second line (health and handoffs) needs its own room
EdgeFilter = Literal["all", "main"]


def journey_figure(
    journey: Journey,
    flow: FlowResult,
    health: Mapping[str, NodeHealth] | None = None,
    layout: DiagramLayout | None = None,
    edges: EdgeFilter = "all",
    handoffs: Mapping[tuple[str, str], EdgeHealth] | None = None,
) -> go.Figure:
    """The journey graph; nodes are grey unless ``health`` gives them a colour.

    The main path's edges are drawn strong and the others light, so that a dense
    journey still reads as one route with side branches; ``edges="main"`` leaves the
    others out altogether. Flagged ``handoffs`` are drawn thick in their colour with
    the reason in the hover, and stay even with ``edges="main"``: they are evidence.
    """
    layout = layout or diagram_layout(journey, flow)
    health = health or {}
    handoffs = handoffs or {}
    figure = go.Figure()
    shapes: list[dict[str, object]] = _bands(layout)
    annotations: list[dict[str, object]] = _headers(layout)
    main = set(itertools.pairwise(flow.main_path))
    for edge in layout.edges:
        flagged = handoffs.get((edge.source, edge.target))
        on_main = (edge.source, edge.target) in main
        if edges == "main" and not on_main and flagged is None:
            continue
        if flagged is None:
            shapes.append(_edge_shape(edge, layout, emphasised=on_main or not main))
        else:
            _add_handoff(figure, edge, layout, flagged)
        annotations += _edge_annotations(
            edge, layout, emphasised=on_main or not main or flagged is not None, flagged=flagged
        )
    _add_nodes(figure, journey, flow, layout, health)
    annotations += _node_labels(journey, layout)
    two_line_key = bool(health or handoffs)
    annotations.append(key_annotation(health_legend=bool(health), handoff_legend=bool(handoffs)))
    style = layout.style
    return pixel_canvas(
        figure,
        layout.width,
        layout.height,
        MARGIN | {"b": MARGIN["b"] + KEY_LINE_PX} if two_line_key else MARGIN,
        style.label_font_px,
        shapes=shapes,
        annotations=annotations,
    )


def _bands(layout: DiagramLayout) -> list[dict[str, object]]:
    top = layout.lanes[0].start if layout.lanes else 0
    shapes: list[dict[str, object]] = []
    for i, column in enumerate(layout.columns):
        shapes.append(
            _rect(column.start - 4, 0, column.end + 4, layout.height, BAND_FILLS[i % 2], GRID)
        )
    for lane in layout.lanes[1:]:
        shapes.append(
            {
                "type": "line",
                "x0": 0,
                "x1": layout.width,
                "y0": lane.start,
                "y1": lane.start,
                "line": {"color": GRID, "width": 1, "dash": "dot"},
                "layer": "below",
            }
        )
    shapes.append(
        {
            "type": "line",
            "x0": 0,
            "x1": layout.width,
            "y0": top,
            "y1": top,
            "line": {"color": "#9fb3c8", "width": 1.5},
            "layer": "below",
        }
    )
    return shapes


def _rect(x0: float, y0: float, x1: float, y1: float, fill: str, line: str) -> dict[str, object]:
    return {
        "type": "rect",
        "x0": x0,
        "y0": y0,
        "x1": x1,
        "y1": y1,
        "fillcolor": fill,
        "line": {"color": line, "width": 1},
        "layer": "below",
    }


def _headers(layout: DiagramLayout) -> list[dict[str, object]]:
    style = layout.style
    top = layout.lanes[0].start if layout.lanes else 0
    notes: list[dict[str, object]] = []
    for column in layout.columns:
        text = "<br>".join(
            f"<b>{html.escape(line, quote=False)}</b>" for line in column.title_lines
        )
        notes.append(
            _note(text, (column.start + column.end) / 2, top / 2, style.header_font_px, INK)
        )
    # A translated lane title may be longer than the key it stands for ("Sociale medier"):
    # it wraps onto a second line rather than running off the picture's left edge.
    chars = chars_fitting(style.lane_label_width - 14, style.lane_font_px)
    for lane in layout.lanes:
        lines = wrap_label(lane.title, chars, 2)
        note = _note(
            "<br>".join(html.escape(line, quote=False) for line in lines),
            style.lane_label_width - 10,
            (lane.start + lane.end) / 2,
            style.lane_font_px,
            MUTED,
        )
        note["xanchor"] = "right"
        if " ".join(lines) != lane.title:  # cut short: the whole name on hover
            note["hovertext"] = html.escape(lane.title, quote=False)
        notes.append(note)
    return notes


def _note(text: str, x: float, y: float, size: float, colour: str) -> dict[str, object]:
    return {
        "text": text,
        "x": x,
        "y": y,
        "xref": "x",
        "yref": "y",
        "showarrow": False,
        "font": {"size": size, "color": colour},
    }


def _edge_width(edge: EdgeRoute, layout: DiagramLayout) -> float:
    busiest = max((e.customers_per_month for e in layout.edges), default=0.0) or 1.0
    return 1.5 + 3.5 * (edge.customers_per_month / busiest) ** 0.5


def _edge_shape(edge: EdgeRoute, layout: DiagramLayout, *, emphasised: bool) -> dict[str, object]:
    colour = EDGE_COLOURS.get(edge.kind, EDGE_COLOURS["normal"])
    width = _edge_width(edge, layout)
    return {
        "type": "path",
        "path": edge.svg_path(),
        "line": {
            "color": colour,
            "width": width + 1.5 if emphasised else max(1.2, width * 0.6),
            "dash": "dash" if edge.kind == "leave" else "solid",
        },
        "opacity": 0.95 if emphasised else 0.45,
        "layer": "below",
    }


def _add_handoff(
    figure: go.Figure, edge: EdgeRoute, layout: DiagramLayout, flagged: EdgeHealth
) -> None:
    """A flagged handoff as a line trace rather than a shape: a shape cannot carry a hover.

    Hover picks the nearest point, so the curve is sampled densely and the samples
    under the two nodes are left out (there the node's own hover should win).
    """
    points = bezier_points(edge.controls, SAMPLES)
    for end in (layout.nodes[edge.source], layout.nodes[edge.target]):
        points = points[((points - (end.x, end.y)) ** 2).sum(axis=1) > end.radius**2]
    figure.add_trace(
        go.Scatter(
            x=points[:, 0],
            y=points[:, 1],
            mode="lines",
            line={"color": flagged.colour, "width": _edge_width(edge, layout) + 3},
            hovertext=[handoff_hover(flagged)] * len(points),
            hoverinfo="text",
            showlegend=False,
            name=_("handoff friction"),
        )
    )


def _edge_annotations(
    edge: EdgeRoute, layout: DiagramLayout, *, emphasised: bool, flagged: EdgeHealth | None = None
) -> list[dict[str, object]]:
    """The arrowhead (a short annotation arrow along the edge's end) and the share."""
    colour = flagged.colour if flagged else EDGE_COLOURS.get(edge.kind, EDGE_COLOURS["normal"])
    target = layout.nodes[edge.target]
    head = edge.controls[-1]
    tail = edge.point_before_end(target.radius + 22)
    arrow = arrow_note(head, tail, colour, max(2.0, _edge_width(edge, layout) * 0.8))
    arrow.update(standoff=target.radius + 2, opacity=1.0 if emphasised else 0.55)
    x, y = edge.share_box.center
    share = _note(html.escape(edge.share_text), x, y, layout.style.share_font_px, colour)
    share.update(bgcolor="rgba(255,255,255,0.92)", borderpad=1, opacity=1.0 if emphasised else 0.7)
    return [arrow, share]


def _node_labels(journey: Journey, layout: DiagramLayout) -> list[dict[str, object]]:
    style = layout.style
    notes: list[dict[str, object]] = []
    for tp in journey.touchpoints:
        node = layout.nodes[tp.id]
        box = node.label_box
        text = "<br>".join(html.escape(line, quote=False) for line in node.label_lines)
        note = _note(text, box.center[0], box.y0, style.label_font_px, INK)
        note.update(
            yanchor="top",
            bgcolor=LABEL_BG,
            borderpad=style.box_padding,
            width=box.width - 2 * style.box_padding,
        )
        notes.append(note)
    return notes


def _add_nodes(
    figure: go.Figure,
    journey: Journey,
    flow: FlowResult,
    layout: DiagramLayout,
    health: Mapping[str, NodeHealth],
) -> None:
    flows = flow.by_id()
    stages = {s.id: s.name for s in journey.stages}
    tps = journey.touchpoints
    ends = [tp for tp in tps if tp.end]
    if ends:
        figure.add_trace(
            go.Scatter(
                x=[layout.nodes[tp.id].x for tp in ends],
                y=[layout.nodes[tp.id].y for tp in ends],
                mode="markers",
                marker={
                    "size": [2 * layout.nodes[tp.id].radius + 12 for tp in ends],
                    "color": "rgba(0,0,0,0)",
                    "line": {"color": NODE_LINE, "width": 2},
                },
                hoverinfo="skip",
                showlegend=False,
            )
        )
    hover = [hover_text(tp, stages, flows, health.get(tp.id)) for tp in tps]
    figure.add_trace(
        go.Scatter(
            x=[layout.nodes[tp.id].x for tp in tps],
            y=[layout.nodes[tp.id].y for tp in tps],
            mode="markers",
            marker={
                "size": [2 * layout.nodes[tp.id].radius for tp in tps],
                "color": [health[tp.id].colour if tp.id in health else NODE_GREY for tp in tps],
                "line": {
                    "color": [MOMENT_LINE if tp.moment_of_truth else NODE_LINE for tp in tps],
                    "width": [5 if tp.moment_of_truth else 1.5 for tp in tps],
                },
                "opacity": 1,
            },
            hovertext=hover,
            hoverinfo="text",
            customdata=[tp.id for tp in tps],
            showlegend=False,
            name=_("touchpoints"),
        )
    )
