"""Two journeys' emotion curves on one chart: as-is against to-be.

Both curves are placed on the same stage columns (the to-be's stages, then any only
the as-is has), each touchpoint at its place inside its stage as on the journey map.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from journeymap.analytics.emotion import map_steps
from journeymap.charts.diagram_text import FONT, GRID, INK, MUTED
from journeymap.charts.locale import localised
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey

CURVES = (("#9aa5b1", "dash"), ("#7b4fb8", "solid"))


def emotion_compare_figure(as_is: Journey, to_be: Journey) -> go.Figure:
    stage_names = {s.id: s.name for s in as_is.stages} | {s.id: s.name for s in to_be.stages}
    stages = list(dict.fromkeys([s.id for s in to_be.stages] + [s.id for s in as_is.stages]))
    column = {stage_id: i for i, stage_id in enumerate(stages)}
    figure = go.Figure()
    for (colour, dash), (label, journey) in zip(
        CURVES, ((_("As-is"), as_is), (_("To-be"), to_be)), strict=True
    ):
        points = [s for s in map_steps(journey) if s.feels is not None and s.stage in column]
        figure.add_trace(
            go.Scatter(
                x=[column[s.stage] + (s.slot + 0.5) / s.slots for s in points],
                y=[s.feels for s in points],
                mode="lines+markers",
                name=_("{version}: {journey}").format(
                    version=label, journey=html.escape(journey.name, quote=False)
                ),
                line={"color": colour, "width": 3, "dash": dash, "shape": "linear"},
                marker={"size": 11, "color": colour},
                hovertext=[
                    _("{touchpoint}: feels {feels}").format(
                        touchpoint=html.escape(s.name, quote=False), feels=fmt.signed(s.feels)
                    )
                    for s in points
                ],
                hoverinfo="text",
            )
        )
    figure.update_layout(
        height=440,
        margin={"l": 60, "r": 20, "t": 20, "b": 90},
        font={"family": FONT, "size": 16, "color": INK},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.28, "x": 0, "font": {"size": 16}},
        hoverlabel={"font": {"size": 15, "family": FONT}},
        xaxis={
            "range": [0, max(len(stages), 1)],
            "tickvals": [i + 0.5 for i in range(len(stages))],
            "ticktext": [html.escape(stage_names[s], quote=False) for s in stages],
            "showgrid": False,
            "fixedrange": True,
            "tickfont": {"size": 15, "color": MUTED},
        },
        yaxis={
            "range": [-2.5, 2.5],
            "tickvals": [-2, -1, 0, 1, 2],
            "ticktext": ["−2", "−1", "0", "+1", "+2"],
            "title": {"text": _("Feels")},
            "gridcolor": GRID,
            "zerolinecolor": "#b8a3d9",
            "fixedrange": True,
        },
        shapes=[
            {
                "type": "line",
                "x0": i,
                "x1": i,
                "y0": -2.5,
                "y1": 2.5,
                "line": {"color": GRID, "width": 1},
                "layer": "below",
            }
            for i in range(1, len(stages))
        ],
    )
    return localised(figure)
