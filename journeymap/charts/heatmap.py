"""Touchpoint × location heatmap of NPS, with n in every cell; thin cells say so."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from journeymap.charts.diagram_text import FONT, INK, escape
from journeymap.charts.locale import localised
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt

THIN_N = 30


def nps_heatmap(
    nps: pd.DataFrame,
    counts: pd.DataFrame,
    touchpoint_names: Mapping[str, str],
    location_names: Mapping[str, str],
) -> go.Figure:
    """Rows are touchpoints (journey order), columns locations; red is low NPS."""
    rows = [escape(touchpoint_names.get(t, t)) for t in nps.index]
    columns = [escape(location_names.get(c, c)) for c in nps.columns]
    text, hover = [], []
    for touchpoint in nps.index:
        text_row, hover_row = [], []
        for location in nps.columns:
            value = nps.loc[touchpoint, location]
            n = int(counts.loc[touchpoint, location]) if location in counts.columns else 0
            if pd.isna(value):
                text_row.append("")
                hover_row.append(_("no answers"))
                continue
            thin = n < THIN_N
            score, count = fmt.signed(value), fmt.number(n)
            text_row.append(score + (f"<br>n={count}" if thin else ""))
            hover_row.append(
                (_("NPS {nps} (n={n}, small sample)") if thin else _("NPS {nps} (n={n})")).format(
                    nps=score, n=count
                )
            )
        text.append(text_row)
        hover.append(hover_row)
    figure = go.Figure(
        go.Heatmap(
            z=nps.to_numpy(dtype=float),
            x=columns,
            y=rows,
            zmin=-100,
            zmax=100,
            colorscale=[[0, "#c53030"], [0.5, "#f7f7f7"], [1, "#2f855a"]],
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            # Translators: a heatmap cell's hover: touchpoint at location; keep the %{…} parts.
            hovertemplate=_("%{y} at %{x}: %{customdata}") + "<extra></extra>",
            colorbar={"title": {"text": "NPS"}},
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        font={"family": FONT, "size": 15, "color": INK},
        height=max(320, 44 * len(rows) + 140),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"autorange": "reversed"},
        xaxis={"side": "top"},
        plot_bgcolor="white",
    )
    return localised(figure)
