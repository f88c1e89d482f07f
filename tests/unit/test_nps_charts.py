"""NPS figures: the interval band, thin points drawn apart, names escaped."""

from __future__ import annotations

from datetime import date

import pandas as pd

from journeymap.charts.nps_charts import (
    nps_trend_figure,
    profit_chain_figure,
    shift_share_figure,
)


def test_trend_band_follows_the_interval_and_thin_points_are_hollow() -> None:
    trend = pd.DataFrame(
        {
            "period": ["2026-01", "2026-02"],
            "start": [date(2026, 1, 1), date(2026, 2, 1)],
            "n": [12, 400],
            "nps": [10.0, 20.0],
            "ci_low": [-30.0, 15.0],
            "ci_high": [45.0, 25.0],
            "small_sample": [True, False],
            "adjusted_wald": [True, False],
        }
    )
    figure = nps_trend_figure(trend, "NPS by month")
    band, line = figure.data
    assert list(band.y) == [45.0, 25.0, 15.0, -30.0]  # highs forward, lows back
    assert band.fill == "toself"
    assert list(line.marker.symbol) == ["circle-open", "circle"]
    assert "n=12" in line.text[0]
    assert "small sample" in line.text[0]
    assert "n=400" in line.text[1]
    assert "small sample" not in line.text[1]
    # The periods in the reader's words, in time order, on a category axis.
    assert list(line.x) == ["Jan 2026", "Feb 2026"]
    assert line.text[0].startswith("January 2026: NPS")
    assert figure.layout.xaxis.type == "category"


def test_two_years_of_months_are_labelled_at_each_quarter() -> None:
    starts = [date(2025 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 25)]
    trend = pd.DataFrame(
        {
            "period": [f"{d:%Y-%m}" for d in starts],
            "start": starts,
            "n": [100] * 24,
            "nps": [10.0] * 24,
            "ci_low": [0.0] * 24,
            "ci_high": [20.0] * 24,
            "small_sample": [False] * 24,
            "adjusted_wald": [False] * 24,
        }
    )
    figure = nps_trend_figure(trend, "NPS by month")
    assert len(figure.data[1].x) == 24
    assert list(figure.layout.xaxis.tickvals)[:3] == ["Jan 2025", "Apr 2025", "Jul 2025"]
    assert len(figure.layout.xaxis.tickvals) == 8


def test_profit_chain_figure_escapes_names_and_splits_thin_points() -> None:
    chain = pd.DataFrame(
        {
            "location": ["x", "y"],
            "name": ["<b>X</b>", "Y"],
            "n_visits": [4, 1],
            "shopper_pct": [80.0, 60.0],
            "shopper_low": [71.5, float("nan")],
            "shopper_high": [86.0, float("nan")],
            "n": [40, 50],
            "nps": [30.0, 10.0],
            "ci_low": [20.0, 0.0],
            "ci_high": [40.0, 20.0],
            "thin": [False, True],
        }
    )
    solid, thin = profit_chain_figure(chain, "chain").data
    assert list(solid.text) == ["&lt;b&gt;X&lt;/b&gt;"]
    assert "n=4 visits" in solid.customdata[0]
    assert "n=40" in solid.customdata[0]
    assert thin.marker.color == "white"
    assert list(solid.error_y.array) == [10.0]
    assert list(solid.error_y.arrayminus) == [10.0]
    # The shopper score's interval sideways; one visit has none, so no bar.
    assert list(solid.error_x.array) == [6.0]
    assert list(solid.error_x.arrayminus) == [8.5]
    assert list(thin.error_x.array) == [0.0]
    assert "shopper 80.0 % (95 % 71.5 … 86.0, n=4 visits)" in solid.customdata[0]
    assert "(n=1 visits, too few for an interval)" in thin.customdata[0]


def test_shift_share_bars_stack_mix_and_rate() -> None:
    parts = pd.DataFrame(
        {
            "touchpoint": ["a", "b"],
            "n_a": [10, 20],
            "n_b": [15, 20],
            "mix": [1.0, -0.5],
            "rate": [2.0, 0.25],
            "total": [3.0, -0.25],
        }
    )
    figure = shift_share_figure(parts, {"a": "<i>A</i>"}, "split")
    mix, rate = figure.data
    assert list(mix.y) == ["b", "&lt;i&gt;A&lt;/i&gt;"]  # smallest effect at the bottom
    assert list(rate.x) == [0.25, 2.0]
    assert figure.layout.barmode == "relative"


def test_shift_share_bars_of_few_answers_sit_below_the_solid_ones_hatched() -> None:
    """Sorted by size alone, a touchpoint of eight answers topped the chart."""
    parts = pd.DataFrame(
        {
            "touchpoint": ["thin", "big", "small"],
            "n_a": [8, 400, 120],
            "n_b": [40, 420, 110],
            "mix": [-1.0, 1.0, -0.5],
            "rate": [-8.0, 3.0, -2.0],
            "total": [-9.0, 4.0, -2.5],
        }
    )
    mix, _rate = shift_share_figure(parts, {}, "split").data
    assert list(mix.y) == ["thin", "small", "big"]  # bottom to top
    assert list(mix.marker.pattern.shape) == ["/", "", ""]
    assert list(mix.customdata) == ["n 8 → 40, few answers", "n 120 → 110", "n 400 → 420"]
