"""Touchpoint × location heatmap of NPS: every cell with its 95 % interval and its n;
cells of fewer than 30 answers say they are few."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from journeymap.analytics.cell_grid import CellGrid
from journeymap.analytics.nps import SMALL_SAMPLE
from journeymap.charts.diagram_text import FONT, INK, escape
from journeymap.charts.locale import localised
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt

THIN_N = SMALL_SAMPLE  # the n below which NPS is a small sample everywhere
ROW_PX = 60  # three lines a cell: NPS, interval, n


def nps_heatmap(
    cells: CellGrid,
    touchpoint_names: Mapping[str, str],
    location_names: Mapping[str, str],
) -> go.Figure:
    """Rows are touchpoints (journey order), columns locations; red is low NPS."""
    nps = cells.values
    rows = [escape(touchpoint_names.get(t, t)) for t in nps.index]
    columns = [escape(location_names.get(c, c)) for c in nps.columns]
    text, hover = [], []
    for touchpoint in nps.index:
        text_row, hover_row = [], []
        for location in nps.columns:
            value = nps.loc[touchpoint, location]
            if pd.isna(value):
                text_row.append("")
                hover_row.append(_("no answers"))
                continue
            n = int(cells.counts.loc[touchpoint, location])
            thin = n < THIN_N
            score, count = fmt.signed(value), fmt.number(n)
            low, high = cells.low.loc[touchpoint, location], cells.high.loc[touchpoint, location]
            interval = fmt.interval(low, high)
            count_line = (_("n={n}, few") if thin else "n={n}").format(n=count)
            text_row.append(f"{score}<br>{interval}<br>{count_line}")
            hover_row.append(
                (
                    _("NPS {nps} (95 % {low_high}), n={n}: small sample, read with care")
                    if thin
                    else _("NPS {nps} (95 % {low_high}), n={n}")
                ).format(nps=score, low_high=interval, n=count)
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
        height=max(320, ROW_PX * len(rows) + 140),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"autorange": "reversed"},
        xaxis={"side": "top"},
        plot_bgcolor="white",
    )
    return localised(figure)
