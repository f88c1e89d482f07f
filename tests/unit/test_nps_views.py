"""The dashboard's database-counted views equal the tables made from every response."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine

from journeymap.analytics.nps_compare import compare_overall, compare_periods
from journeymap.analytics.nps_dashboard import (
    comparison_table,
    kinds_present,
    touchpoint_table,
    trend_table,
)
from journeymap.analytics.nps_tables import nps_table
from journeymap.analytics.periods import parse_period, previous_period
from journeymap.analytics.profit_chain import responses_between
from journeymap.analytics.shift_share import shift_share
from journeymap.services import nps_views
from journeymap.store.engine import open_database
from journeymap.store.evidence import read_responses
from journeymap.store.journeys import JourneyRepository

JOURNEYS = ["bank-advisory", "retail-returns", "telecom-support"]


@pytest.fixture
def demo(demo_url: str) -> Engine:
    return open_database(demo_url)


def _in(responses: pd.DataFrame, label: str) -> pd.DataFrame:
    period = parse_period(label)
    return responses[period.contains(pd.to_datetime(responses["responded_at"], utc=True))]


def _names(demo: Engine, journey_id: str) -> dict[str, str]:
    stored = JourneyRepository(demo).get(journey_id)
    assert stored is not None
    return {tp.id: tp.name for tp in stored.journey.touchpoints}


@pytest.mark.parametrize("journey_id", JOURNEYS)
def test_every_view_equals_its_table_from_the_responses(demo: Engine, journey_id: str) -> None:
    responses = read_responses(demo, journey_id)
    names = _names(demo, journey_id)
    newest = pd.Timestamp(responses["responded_at"].max())
    b = parse_period(f"{newest.year}-Q{newest.quarter}")
    a = previous_period(b)
    assert nps_views.survey_kinds(demo, journey_id) == list(kinds_present(responses))
    for kind in ("transactional", "relationship"):
        assert nps_views.overall(demo, journey_id, a, b, kind) == compare_overall(
            responses, a, b, survey_kind=kind
        )
        for grain in ("month", "quarter", "year"):
            pd.testing.assert_frame_equal(
                nps_views.trend(demo, journey_id, grain, kind),
                trend_table(responses, grain, survey_kind=kind),
            )
    pd.testing.assert_frame_equal(
        nps_views.touchpoints(demo, journey_id, b, names),
        touchpoint_table(_in(responses, b.label), names),
    )
    pd.testing.assert_frame_equal(
        nps_views.changes(demo, journey_id, a, b, names),
        comparison_table(compare_periods(responses, a, b), names),
    )
    counted, expected = nps_views.shift(demo, journey_id, a, b), shift_share(responses, a, b)
    assert counted is not None
    assert (counted.nps_a, counted.nps_b, counted.mix, counted.rate) == pytest.approx(
        (expected.nps_a, expected.nps_b, expected.mix, expected.rate)
    )
    pd.testing.assert_frame_equal(counted.contributions, expected.contributions)
    start, end = a.start, b.end
    pd.testing.assert_frame_equal(
        nps_views.by_location(demo, journey_id, "transactional", start, end),
        nps_table(responses_between(responses, start, end), ["location"]),
    )


def test_a_period_without_answers_has_no_shift_and_no_estimate(demo: Engine) -> None:
    empty = parse_period("2001-Q1")
    assert nps_views.shift(demo, "bank-advisory", previous_period(empty), empty) is None
    nothing = nps_views.overall(demo, "bank-advisory", previous_period(empty), empty)
    assert (nothing.nps_a, nothing.nps_b, nothing.difference) == (None, None, None)
    first_quarter = (date(2001, 1, 1), date(2001, 3, 31))
    assert nps_views.by_location(demo, "bank-advisory", "transactional", *first_quarter).empty
