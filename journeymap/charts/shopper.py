"""Mystery-shopper figures: section × location heatmap, profiles, trends, own vs rival.

Every score carries its n and its 95 % interval, a score of too few visits to read as
solid (analytics.shopper_results.few_visits) is marked as such (a hatched bar, a hollow
point, "few" in a cell), and every name is escaped: location and section names are user
text and plotly renders HTML in labels.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from journeymap.analytics.cell_grid import CellGrid
from journeymap.analytics.periods import period_title
from journeymap.analytics.shopper_results import few_visits
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
OWN_BAND, RIVAL_BAND = "rgba(47, 93, 138, 0.15)", "rgba(176, 112, 60, 0.15)"
HEATMAP_ROW_PX = 64  # three lines of a cell: score, interval, n
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


def _score_text(score: float, low: float, high: float, n: int) -> str:
    """A score with its n, its interval under it: "86 % (n=6)<br>72,0 … 100,0"."""
    template = _("{score} % (n={n}, few visits)") if few_visits(n) else _("{score} % (n={n})")
    line = template.format(score=fmt.number(score), n=fmt.number(n))
    return f"{line}<br>{fmt.span(low, high)}"


def _hover(score: float, low: float, high: float, n: int) -> str:
    template = (
        _("{score} % (95 % interval {interval}), n={n}: few visits, read with care")
        if few_visits(n)
        else _("{score} % (95 % interval {interval}), n={n}")
    )
    return template.format(
        score=fmt.number(score, 1), interval=fmt.span(low, high), n=fmt.number(n)
    )


def section_heatmap(cells: CellGrid) -> go.Figure:
    """Rows: sections; columns: locations; cells: score %, its interval and its n."""
    scores, counts = cells.values, cells.counts
    text, hover = [], []
    for i in range(scores.shape[0]):
        text_row, hover_row = [], []
        for j in range(scores.shape[1]):
            score, n = scores.iat[i, j], int(counts.iat[i, j])
            if pd.isna(score):
                text_row.append("")
                hover_row.append(_("no visits"))
                continue
            low, high = cells.low.iat[i, j], cells.high.iat[i, j]
            count = (_("n={n}, few") if few_visits(n) else "n={n}").format(n=fmt.number(n))
            interval = fmt.span(low, high, 0, separator="–")
            text_row.append(f"{fmt.number(score)}<br>{interval}<br>{count}")
            hover_row.append(_hover(score, low, high, n))
        text.append(text_row)
        hover.append(hover_row)
    figure = go.Figure(
        go.Heatmap(
            z=scores.to_numpy(),
            x=[escape(str(c)) for c in scores.columns],
            y=[escape(str(r)) for r in scores.index],
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            zmin=0,
            zmax=100,
            colorscale=SCALE,
            colorbar={"title": "%"},
            # Translators: a cell's hover, section at location; keep the %{…} parts.
            hovertemplate=_("%{y} at %{x}: %{customdata}") + "<extra></extra>",
        )
    )
    figure.update_xaxes(tickangle=-35)
    figure.update_yaxes(autorange="reversed")
    return _layout(figure, 200 + HEATMAP_ROW_PX * len(scores.index))


def grouped_bars(
    table: pd.DataFrame, category: str, names: dict[str, str] | None = None
) -> go.Figure:
    """Own vs competitor bars per category (rows of analytics.shopper_results.aggregate),
    labelled with score, n and interval; bars of few visits are hatched."""
    figure = go.Figure()
    for competitor, colour, label in (
        (False, OWN_COLOUR, _("Own")),
        (True, RIVAL_COLOUR, _("Competitors")),
    ):
        part = table[table["competitor"].astype(bool) == competitor]
        if part.empty:
            continue
        rows = list(
            zip(part["score_pct"], part["ci_low"], part["ci_high"], part["n_visits"], strict=True)
        )
        figure.add_bar(
            x=[escape((names or {}).get(str(c), str(c))) for c in part[category]],
            y=part["score_pct"],
            name=label,
            marker={
                "color": colour,
                "pattern": {"shape": ["/" if few_visits(n) else "" for *_rest, n in rows]},
            },
            text=[_score_text(*row) for row in rows],
            customdata=[_hover(*row) for row in rows],
            hovertemplate="%{x}: %{customdata}<extra></extra>",
            textposition="outside",
            cliponaxis=False,
        )
    # Room above a full bar for its two lines of label.
    figure.update_yaxes(range=[0, 125], title=_("Score %"))
    figure.update_layout(barmode="group")
    return _layout(figure, 400)


def trend(table: pd.DataFrame) -> go.Figure:
    """Score per round, own and competitors, with n at each point and the 95 % interval
    as a band; points of few visits are hollow."""
    figure = go.Figure()
    lower = _lower_points(table)
    for competitor, colour, band, label in (
        (False, OWN_COLOUR, OWN_BAND, _("Own")),
        (True, RIVAL_COLOUR, RIVAL_BAND, _("Competitors")),
    ):
        part = table[table["competitor"].astype(bool) == competitor].sort_values("period")
        if part.empty:
            continue
        rows = list(
            zip(part["score_pct"], part["ci_low"], part["ci_high"], part["n_visits"], strict=True)
        )
        _band(figure, part, band, _("{group}: 95 % interval").format(group=label))
        figure.add_scatter(
            x=[period_title(str(p)) for p in part["period"]],
            y=part["score_pct"],
            mode="lines+markers+text",
            name=label,
            line={"color": colour, "width": 3},
            marker={
                "size": 10,
                "color": ["white" if few_visits(n) else colour for *_rest, n in rows],
                "line": {"color": colour, "width": 2},
            },
            text=[
                f"{fmt.number(s)} (n={fmt.number(n)})"
                for s, n in zip(part["score_pct"], part["n_visits"], strict=True)
            ],
            customdata=[_hover(*row) for row in rows],
            hovertemplate="%{x}: %{customdata}<extra></extra>",
            # Where own and competitors are close, labels both above wrote over each
            # other ("60 (n=2)" on "56 (n=21)"): the lower point's label goes below.
            textposition=[
                "bottom center" if (str(p), competitor) in lower else "top center"
                for p in part["period"]
            ],
            cliponaxis=False,
        )
    figure.update_yaxes(range=[0, 110], title=_("Score %"))
    # Rounds in time order, written as the reader writes them (4. kvt. 2026): in the
    # order the traces met them, a round only competitors were visited in came last.
    rounds = [period_title(str(p)) for p in sorted(table["period"].astype(str).unique())]
    figure.update_xaxes(
        type="category", categoryorder="array", categoryarray=rounds, title=_("Round")
    )
    return _layout(figure, 360)


def _band(figure: go.Figure, part: pd.DataFrame, colour: str, name: str) -> None:
    """The interval as a filled band, one piece per run of rounds that have one: a round
    of one visit has none, and the band is not drawn across it."""
    known = part["ci_low"].notna() & part["ci_high"].notna()
    runs = (known != known.shift()).cumsum()
    for _run, piece in part[known].groupby(runs[known]):
        x = [period_title(str(p)) for p in piece["period"]]
        figure.add_scatter(
            x=x + x[::-1],
            y=list(piece["ci_high"]) + list(piece["ci_low"])[::-1],
            fill="toself",
            fillcolor=colour,
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
            name=name,
            showlegend=False,
        )


def _lower_points(table: pd.DataFrame) -> set[tuple[str, bool]]:
    """(round, competitor) of the lower of the two points in each round that has both."""
    lower: set[tuple[str, bool]] = set()
    for period, rows in table.groupby("period"):
        if len(rows) < 2:
            continue
        low = rows.sort_values("score_pct").iloc[0]
        lower.add((str(period), bool(low["competitor"])))
    return lower
