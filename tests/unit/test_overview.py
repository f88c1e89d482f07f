"""The Journey page's key figures and touchpoint table."""

from __future__ import annotations

import pandas as pd

from journeymap.analytics.flow import compute_flow
from journeymap.analytics.overview import (
    TOUCHPOINT_COLUMNS,
    key_figures,
    path_names,
    touchpoint_table,
)
from journeymap.io.journey_files import read_journey_file
from tests.conftest import EXAMPLE_JOURNEY_FILES


def test_table_has_one_row_per_touchpoint_in_stage_order() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    flow = compute_flow(journey)
    table = touchpoint_table(journey, flow)
    assert list(table.columns) == list(TOUCHPOINT_COLUMNS)
    assert len(table) == len(journey.touchpoints)
    stage_names = [s.name for s in journey.stages]
    positions = [stage_names.index(name) for name in table["Stage"]]
    assert positions == sorted(positions)
    assert table["Drop-off %"].between(0, 100).all()


def test_key_figures_count_the_journey() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    flow = compute_flow(journey)
    figures = key_figures(journey, flow)
    assert figures.touchpoints == len(journey.touchpoints)
    assert figures.stages == len(journey.stages)
    assert figures.channels == len({tp.channel for tp in journey.touchpoints})
    assert figures.entering_per_month == sum(e.customers_per_month for e in journey.entries)
    assert path_names(journey, ["missing"]) == ["missing"]


def test_a_touchpoints_shopper_score_comes_with_its_interval() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    first = journey.touchpoints[0].id
    scores = pd.DataFrame(
        {
            "touchpoint": [first],
            "n_visits": [4],
            "score_pct": [70.0],
            "ci_low": [45.2],
            "ci_high": [94.8],
        }
    )
    table = touchpoint_table(journey, compute_flow(journey), scores)
    row = table[table["Shopper visits (n)"] > 0].iloc[0]
    shown = row[["Shopper score %", "Shopper low %", "Shopper high %"]].tolist()
    assert shown == [70.0, 45.2, 94.8]
    # No visit, no figures: empty cells rather than the word None.
    assert table.loc[table["Shopper visits (n)"] == 0, "Shopper low %"].isna().all()
