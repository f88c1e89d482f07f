"""Mystery-shopper figures: section × location heatmap, profiles, trends, own vs rival.

Every value carries its n in the label, and every name is escaped: location and
section names are user text and plotly renders HTML in labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from journeymap.charts.diagram_text import escape
from journeymap.charts.locale import separators
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt

DIMENSION_NAMES = {
    "professional_knowledge": N_("Professional knowledge"),
    "communication": N_("Communication"),
    "personal_service": N_("Personal service"),
}


def dimension_names() -> dict[str, str]:
    """DIMENSION_NAMES in the reader's language."""
    return {key: _(name) for key, name in DIMENSION_NAMES.items()}


OWN_COLOUR, RIVAL_COLOUR = "#2f5d8a", "#b0703c"
SCALE = [[0, "#b2182b"], [0.5, "#f7f7f7"], [0.8, "#92c5de"], [1, "#2166ac"]]


def _layout(figure: go.Figure, height: int) -> go.Figure:
    """Room for every label at any width.

    Margins grow with the tick labels (``automargin``) and the axis titles keep their
    distance from them. Both are set here rather than left to a template: inside the
    app the default template is Streamlit's, which sets neither, and with the small
    margins below the labels of section and location names were cut off, at some
    widths the y axis's numbers too.
    """
    figure.update_xaxes(automargin=True, title_standoff=12)
    figure.update_yaxes(automargin=True, title_standoff=12)
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10, "pad": 4},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"size": 14},
        # Above the plot, anchored by its foot: it never covers the bars' labels.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        separators=separators(),
    )
    return figure


def section_heatmap(scores: pd.DataFrame, counts: pd.DataFrame) -> go.Figure:
    """Rows: sections; columns: locations; cells: score % with its n."""
    text = [
        [
            ""
            if pd.isna(scores.iat[i, j])
            else f"{fmt.number(scores.iat[i, j])}<br>n={fmt.number(counts.iat[i, j])}"
            for j in range(scores.shape[1])
        ]
        for i in range(scores.shape[0])
    ]
    figure = go.Figure(
        go.Heatmap(
            z=scores.to_numpy(),
            x=[escape(str(c)) for c in scores.columns],
            y=[escape(str(r)) for r in scores.index],
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=100,
            colorscale=SCALE,
            colorbar={"title": "%"},
            # Translators: a cell's hover, section at location; keep the %{…} parts.
            hovertemplate=_("%{y} at %{x}: %{z:.1f} %") + "<extra></extra>",
        )
    )
    figure.update_xaxes(tickangle=-35)
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, 200 + 48 * len(scores.index))


def grouped_bars(
    table: pd.DataFrame, category: str, names: dict[str, str] | None = None
) -> go.Figure:
    """Own vs competitor bars per category, labelled with score and n."""
    figure = go.Figure()
    for competitor, colour, label in (
        (False, OWN_COLOUR, _("Own")),
        (True, RIVAL_COLOUR, _("Competitors")),
    ):
        part = table[table["competitor"].astype(bool) == competitor]
        if part.empty:
            continue
        figure.add_bar(
            x=[escape((names or {}).get(str(c), str(c))) for c in part[category]],
            y=part["score_pct"],
            name=label,
            marker_color=colour,
            text=[
                _("{score} % (n={n})").format(score=fmt.number(s), n=fmt.number(n))
                for s, n in zip(part["score_pct"], part["n_visits"], strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
        )
    figure.update_yaxes(range=[0, 115], title=_("Score %"))
    figure.update_layout(barmode="group")
    return _layout(figure, 380)


def trend(table: pd.DataFrame) -> go.Figure:
    """Score per round, own and competitors, with n at each point."""
    figure = go.Figure()
    lower = _lower_points(table)
    for competitor, colour, label in (
        (False, OWN_COLOUR, _("Own")),
        (True, RIVAL_COLOUR, _("Competitors")),
    ):
        part = table[table["competitor"].astype(bool) == competitor].sort_values("period")
        if part.empty:
            continue
        figure.add_scatter(
            x=part["period"],
            y=part["score_pct"],
            mode="lines+markers+text",
            name=label,
            line={"color": colour, "width": 3},
            text=[
                f"{fmt.number(s)} (n={fmt.number(n)})"
                for s, n in zip(part["score_pct"], part["n_visits"], strict=True)
            ],
            # Where own and competitors are close, labels both above wrote over each
            # other ("60 (n=2)" on "56 (n=21)"): the lower point's label goes below.
            textposition=[
                "bottom center" if (str(p), competitor) in lower else "top center"
                for p in part["period"]
            ],
            cliponaxis=False,
        )
    figure.update_yaxes(range=[0, 110], title=_("Score %"))
    figure.update_xaxes(type="category", title=_("Round"))
    return _layout(figure, 360)


def _lower_points(table: pd.DataFrame) -> set[tuple[str, bool]]:
    """(round, competitor) of the lower of the two points in each round that has both."""
    lower: set[tuple[str, bool]] = set()
    for period, rows in table.groupby("period"):
        if len(rows) < 2:
            continue
        low = rows.sort_values("score_pct").iloc[0]
        lower.add((str(period), bool(low["competitor"])))
    return lower
