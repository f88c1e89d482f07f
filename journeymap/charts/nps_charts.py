"""NPS figures: the trend with its interval band, shift-share bars, the profit chain.

Every point carries its n in the hover, small samples are drawn hollow, and every name
is escaped: touchpoint and location names are user text and plotly renders HTML.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from journeymap.analytics.nps_compare import thin_in_either
from journeymap.analytics.periods import parse_period, period_title
from journeymap.charts.diagram_text import escape
from journeymap.charts.locale import separators
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt

LINE, BAND = "#2f5d8a", "rgba(47, 93, 138, 0.18)"
MIX, RATE = "#9bb7d4", "#2f5d8a"
SOLID, THIN = "#2f5d8a", "#9a9a9a"


def _layout(figure: go.Figure, height: int, title: str) -> go.Figure:
    figure.update_layout(
        title={"text": escape(title), "x": 0, "font": {"size": 16}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        font={"size": 14},
        legend={"orientation": "h", "y": -0.15},
        separators=separators(),
    )
    figure.update_xaxes(showgrid=False)
    figure.update_yaxes(gridcolor="#e5e5e5", zeroline=True, zerolinecolor="#bbbbbb")
    return figure


MONTHS_LABELLED_EACH = 12


def _axis_label(period: str, start: date) -> str:
    """A month short (dec. 2026), as two years of them fit an axis; else its title."""
    try:
        kind = parse_period(period).kind
    except ValueError:
        return escape(period)
    return fmt.short_month(start) if kind == "month" else escape(period_title(period))


def nps_trend_figure(trend: pd.DataFrame, title: str) -> go.Figure:
    """NPS per period (rows of :func:`nps_dashboard.trend_table`) with its 95 % band.

    Periods with fewer than 30 answers are hollow markers and the band there is the
    adjusted-Wald interval; the hover says both.
    """
    figure = go.Figure()
    # The periods as the reader writes them (4. kvt. 2026), in time order: a date axis
    # would name the months in English whatever the reader's language.
    trend = trend.sort_values("start")
    x = [
        _axis_label(str(p), start) for p, start in zip(trend["period"], trend["start"], strict=True)
    ]
    figure.add_scatter(
        x=x + x[::-1],
        y=list(trend["ci_high"]) + list(trend["ci_low"])[::-1],
        fill="toself",
        fillcolor=BAND,
        mode="lines",
        line={"width": 0},
        hoverinfo="skip",
        name=_("95 % interval"),
    )
    hover = [
        (
            _(
                "{period}: NPS {nps} (95 % {low} … {high}), n={n} — small sample (n < 30), "
                "adjusted-Wald interval"
            )
            if row.small_sample
            else _("{period}: NPS {nps} (95 % {low} … {high}), n={n}")
        ).format(
            period=escape(period_title(str(row.period))),
            nps=fmt.signed(row.nps, 1),
            low=fmt.signed(row.ci_low, 1),
            high=fmt.signed(row.ci_high, 1),
            n=fmt.number(row.n),
        )
        for row in trend.itertuples()
    ]
    thin = trend["small_sample"].astype(bool).tolist()
    figure.add_scatter(
        x=x,
        y=trend["nps"],
        mode="lines+markers",
        line={"color": LINE, "width": 2},
        marker={
            "size": [11 if t else 8 for t in thin],
            "color": ["white" if t else LINE for t in thin],
            "line": {"color": LINE, "width": 2},
            "symbol": ["circle-open" if t else "circle" for t in thin],
        },
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        name=_("NPS (hollow: n < 30)"),
    )
    low = max(-100.0, float(trend["ci_low"].min()) - 10)
    high = min(100.0, float(trend["ci_high"].max()) + 10)
    figure.update_yaxes(title="NPS", range=[low, high])
    # Two years of months: a label at each quarter's first month, level and readable;
    # every point keeps its whole period in the hover.
    labelled = [
        label
        for label, start in zip(x, trend["start"], strict=True)
        if len(x) <= MONTHS_LABELLED_EACH or start.month % 3 == 1
    ]
    figure.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=x,
        tickvals=labelled,
        ticktext=labelled,
        tickangle=0,
    )
    return _layout(figure, 380, title)


def shift_share_figure(
    contributions: pd.DataFrame, names: Mapping[str, str], title: str, by: str = "touchpoint"
) -> go.Figure:
    """Mix and rate per touchpoint as stacked horizontal bars, in NPS points, biggest
    effect on top; touchpoints of fewer than 30 answers in either period are hatched,
    say so, and sit below every solid one whatever their size."""
    frame = contributions.assign(
        _size=contributions["total"].abs(), _thin=thin_in_either(contributions)
    ).sort_values(["_thin", "_size"], ascending=[False, True], kind="stable")
    labels = [escape(names.get(str(k), str(k))) for k in frame[by]]
    counts = [
        (_("n {before} → {after}, few answers") if thin else _("n {before} → {after}")).format(
            before=fmt.number(a), after=fmt.number(b)
        )
        for a, b, thin in zip(frame["n_a"], frame["n_b"], frame["_thin"], strict=True)
    ]
    hatch = ["/" if thin else "" for thin in frame["_thin"]]
    figure = go.Figure()
    for column, colour, label in (
        ("mix", MIX, _("Mix (share of answers)")),
        ("rate", RATE, _("Rate")),
    ):
        figure.add_bar(
            y=labels,
            x=frame[column],
            orientation="h",
            name=label,
            marker={"color": colour, "pattern": {"shape": hatch}},
            customdata=counts,
            # Translators: keep the %{…} parts as they are.
            hovertemplate=_("%{y}: %{x:+.2f} points (%{customdata})")
            + "<extra>"
            + label
            + "</extra>",
        )
    figure.update_layout(barmode="relative")
    figure.update_xaxes(title=_("contribution to the change (NPS points)"), zeroline=True)
    return _layout(figure, 140 + 28 * len(frame), title)


def _shopper_hover(score: float, low: float, high: float, visits: int) -> str:
    if math.isnan(low) or math.isnan(high):  # one visit says nothing of the spread
        return _("shopper {score} % (n={visits} visits, too few for an interval)").format(
            score=fmt.number(score, 1), visits=fmt.number(visits)
        )
    return _("shopper {score} % (95 % {interval}, n={visits} visits)").format(
        score=fmt.number(score, 1), interval=fmt.span(low, high), visits=fmt.number(visits)
    )


def profit_chain_figure(chain: pd.DataFrame, title: str) -> go.Figure:
    """Shopper score (x) against NPS (y) per location; thin points hollow and grey."""
    figure = go.Figure()
    for thin, colour, label in (
        (False, SOLID, _("solid")),
        (True, THIN, _("thin (few visits/answers)")),
    ):
        part = chain[chain["thin"].astype(bool) == thin]
        if part.empty:
            continue
        hover = [
            escape(str(r.name))
            + "<br>"
            + _shopper_hover(r.shopper_pct, r.shopper_low, r.shopper_high, r.n_visits)
            + "<br>"
            + _("NPS {nps} (95 % {low} … {high}, n={n})").format(
                nps=fmt.signed(r.nps, 1),
                low=fmt.signed(r.ci_low, 1),
                high=fmt.signed(r.ci_high, 1),
                n=fmt.number(r.n),
            )
            for r in part.itertuples()
        ]
        figure.add_scatter(
            x=part["shopper_pct"],
            y=part["nps"],
            mode="markers+text",
            text=[escape(str(n)) for n in part["name"]],
            textposition="top center",
            error_y={
                "type": "data",
                "symmetric": False,
                "array": part["ci_high"] - part["nps"],
                "arrayminus": part["nps"] - part["ci_low"],
                "color": colour,
                "thickness": 1,
            },
            # One visit has no spread: no bar rather than a bar of NaN.
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (part["shopper_high"] - part["shopper_pct"]).fillna(0),
                "arrayminus": (part["shopper_pct"] - part["shopper_low"]).fillna(0),
                "color": colour,
                "thickness": 1,
            },
            marker={
                "size": 12,
                "color": "white" if thin else colour,
                "line": {"color": colour, "width": 2},
            },
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            name=label,
        )
    figure.update_xaxes(title=_("mystery-shopper score (%)"))
    figure.update_yaxes(title="NPS")
    return _layout(figure, 460, title)
