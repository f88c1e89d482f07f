"""The shopper charts make room for their labels whatever the template and width.

Inside the app Plotly's default template is Streamlit's, which does not grow the margins
for long tick labels: with the charts' 10 px margins the section × location heatmap
and the own-vs-competitor bars lost their location, section and score labels at 1,400
and 1,600 px. The figures now ask for it themselves; a browser test looks at them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from journeymap.analytics.cell_grid import CellGrid
from journeymap.charts.shopper import DIMENSION_NAMES, grouped_bars, section_heatmap, trend

LONG = "Modtagelse og ventetid i filialen, også om lørdagen"


@pytest.fixture(autouse=True)
def template_without_automargin() -> Iterator[None]:
    """As inside the app: a default template that sets no automargin."""
    before = pio.templates.default
    pio.templates.default = "none"
    yield
    pio.templates.default = before


def figures() -> dict[str, go.Figure]:
    scores = pd.DataFrame(
        [[55.0, 71.0], [80.0, None]],
        index=[LONG, "Rådgivningsmødet"],
        columns=["Filial København K", "Konkurrent B, København K"],
    )
    counts = pd.DataFrame([[10, 3], [9, 0]], index=scores.index, columns=scores.columns)
    low, high = scores - 8, (scores + 8).clip(upper=100)
    bars = pd.DataFrame(
        {
            "section_title": [LONG, LONG, "Rådgivningsmødet"],
            "competitor": [False, True, False],
            "score_pct": [45.0, 100.0, 80.0],
            "n_visits": [68, 6, 68],
            "ci_low": [38.2, 71.4, 74.0],
            "ci_high": [51.8, 100.0, 86.0],
        }
    )
    rounds = pd.DataFrame(
        {
            "period": ["2026-Q3", "2026-Q4"],
            "competitor": [False, False],
            "score_pct": [64.0, 100.0],
            "n_visits": [21, 5],
            "ci_low": [55.0, 100.0],
            "ci_high": [73.0, 100.0],
        }
    )
    dimensions = bars.assign(dimension=["communication", "communication", "personal_service"])
    return {
        "heatmap": section_heatmap(CellGrid(scores, counts, low, high)),
        "own vs competitors": grouped_bars(bars, "section_title"),
        "competence": grouped_bars(dimensions, "dimension", DIMENSION_NAMES),
        "trend": trend(rounds),
    }


@pytest.mark.parametrize("name", list(figures()))
def test_every_axis_grows_its_margin_for_its_labels(name: str) -> None:
    figure = figures()[name]
    axes = [figure.layout.xaxis, figure.layout.yaxis]
    assert [axis.automargin for axis in axes] == [True, True]
    assert all(axis.title.standoff for axis in axes)  # a title never sits on the ticks
    assert figure.layout.legend.yanchor == "bottom"  # above the plot, not over it
    assert figure.layout.margin.t >= 40


@pytest.mark.parametrize("name", ["own vs competitors", "competence", "trend"])
def test_value_labels_above_the_top_are_not_cut(name: str) -> None:
    figure = figures()[name]
    labelled = [trace for trace in figure.data if trace.text is not None]
    assert {trace.cliponaxis for trace in labelled} == {False}
    assert figure.layout.yaxis.range[1] > 100  # room for "100 % (n=6)" above a full bar


def test_the_heatmap_is_tall_enough_for_its_rows_and_labels() -> None:
    figure = figures()["heatmap"]
    assert figure.layout.height == 200 + 64 * 2  # three lines a cell
    assert figure.layout.xaxis.tickangle == -35


def test_close_points_of_a_round_label_one_above_and_one_below() -> None:
    """Own 56 and competitors 60 in 2026-Q2: both labels above wrote over each other."""
    rounds = pd.DataFrame(
        {
            "period": ["2026-Q2", "2026-Q2", "2026-Q3"],
            "competitor": [False, True, False],
            "score_pct": [56.0, 60.0, 64.0],
            "n_visits": [21, 2, 21],
            "ci_low": [49.0, 20.0, 58.0],
            "ci_high": [63.0, 100.0, 70.0],
        }
    )
    own, rivals = [trace for trace in trend(rounds).data if trace.mode != "lines"]
    assert list(own.textposition) == ["bottom center", "top center"]
    assert list(rivals.textposition) == ["top center"]
