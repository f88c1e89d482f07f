"""The value/effort matrix of improvement actions: impact up, effort across.

Several actions often share a cell (both scales are 1–5), so markers in a cell are
spread on a small circle around its centre instead of hiding each other. The quick-win
corner (impact ≥ 4, effort ≤ 2) is shaded. Titles are user text: HTML-escaped.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from journeymap.analytics.actions import QUICK_WIN_EFFORT, QUICK_WIN_IMPACT
from journeymap.charts.diagram_text import escape
from journeymap.charts.locale import localised
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.actions import ACTION_STATUSES, STATUS_LABELS

STATUS_COLOURS = {
    "idea": "#9aa5b1",
    "approved": "#486581",
    "in_progress": "#d69e2e",
    "done": "#2f855a",
    "dropped": "#cbd2d9",
}
SPREAD = 0.22


def cell_offsets(count: int) -> list[tuple[float, float]]:
    """Offsets for ``count`` markers sharing a cell: the centre for one, a ring for more."""
    if count <= 1:
        return [(0.0, 0.0)] * count
    return [
        (SPREAD * math.cos(2 * math.pi * i / count), SPREAD * math.sin(2 * math.pi * i / count))
        for i in range(count)
    ]


def value_effort_figure(actions: pd.DataFrame) -> go.Figure:
    """``actions`` as :func:`journeymap.analytics.actions.actions_frame` returns it."""
    frame = actions.copy()
    frame["x"], frame["y"] = frame["effort"].astype(float), frame["impact"].astype(float)
    for _cell, group in frame.groupby(["effort", "impact"]):
        for index, (dx, dy) in zip(group.index, cell_offsets(len(group)), strict=True):
            frame.loc[index, ["x", "y"]] = [frame.at[index, "x"] + dx, frame.at[index, "y"] + dy]
    figure = go.Figure()
    figure.add_shape(
        type="rect",
        x0=0.5,
        x1=QUICK_WIN_EFFORT + 0.5,
        y0=QUICK_WIN_IMPACT - 0.5,
        y1=5.5,
        fillcolor="rgba(47, 133, 90, 0.10)",
        line={"width": 0},
        layer="below",
    )
    figure.add_annotation(
        x=1.5,
        y=5.45,
        text=_("Quick wins"),
        showarrow=False,
        font={"color": "#2f855a"},
        yanchor="top",
    )
    for status in ACTION_STATUSES:
        rows = frame[frame["status"] == status]
        if rows.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=rows["x"],
                y=rows["y"],
                mode="markers+text",
                name=_(STATUS_LABELS[status]),
                marker={"size": 16, "color": STATUS_COLOURS[status], "line": {"width": 1}},
                text=[str(i) for i in rows["id"]],
                textfont={"size": 9, "color": "white"},
                hovertext=[
                    f"#{i} {escape(str(t))}<br>"
                    + _("impact {impact}, effort {effort}").format(
                        impact=fmt.number(imp), effort=fmt.number(eff)
                    )
                    for i, t, imp, eff in zip(
                        rows["id"], rows["title"], rows["impact"], rows["effort"], strict=True
                    )
                ],
                hoverinfo="text",
            )
        )
    axis = {"range": [0.5, 5.5], "tickvals": [1, 2, 3, 4, 5], "zeroline": False}
    figure.update_layout(
        xaxis={**axis, "title": _("Effort (1 = little, 5 = a lot)")},
        yaxis={**axis, "title": _("Impact (1 = little, 5 = a lot)")},
        height=460,
        margin={"l": 50, "r": 10, "t": 10, "b": 50},
        legend={"orientation": "h", "y": -0.18},
        plot_bgcolor="white",
    )
    figure.update_xaxes(showgrid=True, gridcolor="#e4e7eb")
    figure.update_yaxes(showgrid=True, gridcolor="#e4e7eb")
    return localised(figure)
