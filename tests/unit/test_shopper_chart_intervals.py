"""Every shopper score on a chart shows its n and its 95 % interval, and a score of
fewer than three visits is marked few: competitors' bars (n=6) and heatmap cells (n=3)
used to show their n alone, and a cell or bar of two visits looked as solid as one of
sixty-eight."""

from __future__ import annotations

import pandas as pd
import pytest

from journeymap.analytics.shopper_results import aggregate, few_visits, heatmap_matrix
from journeymap.charts.shopper import grouped_bars, section_heatmap, trend
from journeymap.i18n import formatting as fmt
from journeymap.i18n.translate import use_language


def section_rows(location: str, percentages: list[float], first_visit: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "visit_id": range(first_visit, first_visit + len(percentages)),
            "section_title": "Modtagelse",
            "location_name": location,
            "competitor": location.startswith("Konkurrent"),
            "pct": percentages,
            "earned": percentages,
            "possible": 100.0,
        }
    )


@pytest.fixture
def sections() -> pd.DataFrame:
    return pd.concat(
        [
            section_rows("Filial Aarhus", [60.0, 70.0, 80.0], 1),
            section_rows("Konkurrent A", [50.0, 90.0], 4),
        ],
        ignore_index=True,
    )


def test_the_heatmap_matrix_holds_each_cells_interval(sections: pd.DataFrame) -> None:
    cells = heatmap_matrix(sections, "mean")
    # Aarhus: mean 70, sd 10, se 10/√3 = 5.7735; t(2) = 4.3027 → ±24.84.
    assert cells.values.loc["Modtagelse", "Filial Aarhus"] == 70.0
    assert cells.counts.loc["Modtagelse", "Filial Aarhus"] == 3
    assert cells.low.loc["Modtagelse", "Filial Aarhus"] == 45.2
    assert cells.high.loc["Modtagelse", "Filial Aarhus"] == 94.8
    # Two visits: mean 70, sd 28.28, se 20; t(1) = 12.706 → clipped to 0 … 100.
    assert (
        cells.low.loc["Modtagelse", "Konkurrent A"],
        cells.high.loc["Modtagelse", "Konkurrent A"],
    ) == (0.0, 100.0)


def test_a_cell_shows_score_interval_and_n_and_marks_few_visits(sections: pd.DataFrame) -> None:
    with use_language("da"):
        heatmap = section_heatmap(heatmap_matrix(sections, "mean")).data[0]
    solid, few = heatmap.text[0]
    assert solid == "70<br>45–95<br>n=3"
    assert few == "70<br>0–100<br>n=2, få"
    assert heatmap.customdata[0][1].endswith("n=2: få besøg, læs med forsigtighed")


def test_bars_carry_interval_and_hatch_few_visits(sections: pd.DataFrame) -> None:
    table = aggregate(sections, ["section_title", "competitor"], "mean")
    own, rivals = grouped_bars(table, "section_title").data
    assert list(own.text) == ["70 % (n=3)<br>45.2 … 94.8"]
    assert list(rivals.text) == ["70 % (n=2, few visits)<br>0.0 … 100.0"]
    assert list(own.marker.pattern.shape) == [""]
    assert list(rivals.marker.pattern.shape) == ["/"]


def test_the_trend_draws_the_interval_as_a_band_and_few_visits_hollow() -> None:
    rounds = pd.DataFrame(
        {
            "period": ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"],
            "competitor": [False] * 4,
            "score_pct": [64.0, 50.0, 70.0, 72.0],
            "n_visits": [21, 1, 2, 30],
            "ci_low": [55.0, None, 10.0, 66.0],
            "ci_high": [73.0, None, 100.0, 78.0],
        }
    )
    *bands, points = trend(rounds).data
    # The round of one visit has no interval: the band is not drawn across it.
    assert [list(band.x) for band in bands] == [
        ["Q1 2026", "Q1 2026"],
        ["Q3 2026", "Q4 2026", "Q4 2026", "Q3 2026"],
    ]
    assert list(bands[1].y) == [100.0, 78.0, 66.0, 10.0]
    colour = points.line.color
    assert list(points.marker.color) == [colour, "white", "white", colour]
    assert "95 % interval —" in points.customdata[1]


@pytest.mark.parametrize(("n", "few"), [(1, True), (2, True), (3, False), (68, False)])
def test_few_visits_is_below_the_ranking_threshold(n: int, few: bool) -> None:
    assert few_visits(n) is few


def test_span_writes_both_ends_in_the_readers_language() -> None:
    with use_language("da"):
        assert fmt.span(62.0, 88.5) == "62,0 … 88,5"
    with use_language("en"):
        assert fmt.span(float("nan"), 88.5) == "—"
        assert fmt.span(45.2, 94.8, 0) == "45 … 95"
        assert fmt.span(45.2, 94.8, 0, separator="–") == "45–95"


def test_the_trend_writes_rounds_as_the_reader_does_in_time_order() -> None:
    """Competitors alone were visited in the first round: it must still come first."""
    rounds = pd.DataFrame(
        {
            "period": ["2026-Q4", "2026-Q3", "2027-Q1"],
            "competitor": [False, True, False],
            "score_pct": [64.0, 70.0, 68.0],
            "n_visits": [21, 6, 20],
            "ci_low": [55.0, 50.0, 60.0],
            "ci_high": [73.0, 90.0, 76.0],
        }
    )
    with use_language("da"):
        figure = trend(rounds)
    assert list(figure.layout.xaxis.categoryarray) == [
        "3. kvt. 2026",
        "4. kvt. 2026",
        "1. kvt. 2027",
    ]
    own = next(trace for trace in figure.data if trace.name == "Egne")
    assert list(own.x) == ["4. kvt. 2026", "1. kvt. 2027"]
