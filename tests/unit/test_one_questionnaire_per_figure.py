"""Every shopper figure per touchpoint comes from one questionnaire version, never a blend.

The results workspace (tests/results_workspace.py) has one branch visited three times,
each visit with another questionnaire version, hand-computed with the tablet
questionnaire's points:

- bank-tablet v1, September: full answers → arrival ("venter-filial") 7/7 = 100 %,
  meeting ("raadgivningsmoede") 9/9 = 100 %;
- bank-phone v1, November, and bank-tablet v2, December: greeted "no" and the
  knock-out failed → arrival 5/7 = 71.43 %, meeting knocked out → 0 %.

Pooled over the three, the arrival would be (100 + 71.43 + 71.43) / 3 = 80.95 % with
n = 3 and the meeting 33.3 %: figures of no questionnaire.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine

from journeymap.analytics.action_effect import Windows, shopper_change
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import make_period
from journeymap.analytics.results_choice import newest_version_per, pick_version
from journeymap.analytics.shopper_results import league_table
from journeymap.io.report.html import report_html
from journeymap.model import Journey
from journeymap.model.access import Role, Viewer
from journeymap.services.period_report import build_report
from journeymap.services.sand import sand_report
from journeymap.services.shopper_results import (
    results_scope,
    scoped_touchpoint_scores,
    shopper_results,
    version_names,
)
from journeymap.services.walk import walk_data
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.results_workspace import seed_results_workspace

LEADER = Viewer(name="leif.leader", role=Role.LEADER)
JOURNEY = "bank-advisory"
ARRIVAL, MEETING = "venter-filial", "raadgivningsmoede"
POOR_ARRIVAL = 500 / 7  # 71.43 %
NEWEST = "Branch visit v2 version 2"


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = open_database(sqlite_url)
    seed_results_workspace(engine)
    return engine


def journey(engine: Engine) -> Journey:
    stored = JourneyRepository(engine).get(JOURNEY)
    assert stored is not None
    return stored.journey


def test_journey_touchpoint_scores_are_of_the_newest_version_by_default(
    engine: Engine,
) -> None:
    scores = scoped_touchpoint_scores(results_scope(LEADER), engine, JOURNEY, True, "mean")
    table = scores.table.set_index("touchpoint")
    # Pooled: 80.95 % (n = 3) and 33.3 %; the newest version alone: 71.4 % and 0 %.
    assert table.loc[ARRIVAL, "score_pct"] == pytest.approx(71.4)
    assert table.loc[MEETING, "score_pct"] == 0.0
    assert table["n_visits"].tolist() == [1, 1]
    assert scores.about == NEWEST
    assert list(scores.options) == ["bank-tablet@2", "bank-phone@1", "bank-tablet@1"]
    assert scores.picked == "bank-tablet@2"


def test_journey_touchpoint_scores_of_a_chosen_version(engine: Engine) -> None:
    scope = results_scope(LEADER)
    scores = scoped_touchpoint_scores(scope, engine, JOURNEY, True, "mean", "bank-tablet@1")
    assert scores.table.set_index("touchpoint")["score_pct"].to_dict() == {
        ARRIVAL: 100.0,
        MEETING: 100.0,
    }
    assert scores.about == "Branch visit (tablet test) version 1"
    unknown = scoped_touchpoint_scores(scope, engine, JOURNEY, True, "mean", "gone@9")
    assert unknown.picked == "bank-tablet@2"  # a stale choice falls back to the newest


def test_the_sand_evidence_takes_each_touchpoints_newest_version(engine: Engine) -> None:
    report = sand_report(engine, journey(engine), EvidenceFilter())
    arrival = report.evidence[ARRIVAL].shopper
    assert arrival is not None
    assert arrival.score.mean == pytest.approx(POOR_ARRIVAL)  # pooled: 80.95
    assert arrival.score.n == 1  # pooled: 3
    assert arrival.questionnaire == NEWEST
    assert any(NEWEST in reason for reason in report.item(ARRIVAL).reasons)


def test_the_sand_evidence_in_a_period_takes_that_periods_newest(engine: Engine) -> None:
    september = EvidenceFilter(date(2026, 9, 1), date(2026, 9, 30))
    arrival = sand_report(engine, journey(engine), september).evidence[ARRIVAL].shopper
    assert arrival is not None
    assert (arrival.score.mean, arrival.score.n) == (100.0, 1)
    assert arrival.questionnaire == "Branch visit (tablet test) version 1"
    autumn = EvidenceFilter(date(2026, 9, 1), date(2026, 11, 30))
    arrival = sand_report(engine, journey(engine), autumn).evidence[ARRIVAL].shopper
    assert arrival is not None
    assert arrival.questionnaire == "Phone call version 1"  # not the mean of 100 and 71.4
    assert (arrival.score.mean, arrival.score.n) == (pytest.approx(POOR_ARRIVAL), 1)


def test_the_walk_cards_failing_questions_are_of_the_same_version(engine: Engine) -> None:
    """'Greeted' failed in the phone and the v2 visit: pooled it would fail in 2 of 3."""
    data = walk_data(engine, journey(engine), EvidenceFilter())
    failing = {f.question_id: (f.failed, f.answered) for f in data.extras[ARRIVAL].failing}
    assert failing == {"greeted": (1, 1)}


def test_the_period_report_has_one_block_per_version(engine: Engine) -> None:
    """The year's three visits: 23.8, 23.8 and 100 %, pooled 49.2 % with n = 3."""
    year = make_period("year", 2026)
    report = build_report(
        engine, journey(engine), year, now=datetime(2027, 1, 5, tzinfo=UTC), with_diagram=False
    )
    blocks = [
        (s.questionnaire, s.overall.mean if s.overall else None, s.overall.n if s.overall else 0)
        for s in report.shoppers
    ]
    assert blocks == [
        (NEWEST, pytest.approx(23.8, abs=0.05), 1),
        ("Phone call version 1", pytest.approx(23.8, abs=0.05), 1),
        ("Branch visit (tablet test) version 1", 100.0, 1),
    ]
    html = report_html(report)
    assert html.index(NEWEST) < html.index("Phone call version 1")
    assert "49.2" not in html  # the pooled figure of nothing


def test_the_profit_chains_league_is_of_one_version(engine: Engine) -> None:
    results = shopper_results(LEADER, engine, JOURNEY, approved_only=True)
    scores, visits = results.tables.visits, results.visits
    pooled = league_table(scores, "mean")["score_pct"].tolist()
    assert pooled == [pytest.approx(49.2, abs=0.05)]  # what the chain used to plot
    pick = pick_version(scores, visits, "", version_names(results))
    assert (pick.picked, pick.about) == ("bank-tablet@2", NEWEST)
    assert league_table(pick.rows, "mean")["score_pct"].tolist() == [23.8]
    older = pick_version(scores, visits, "bank-tablet@1", version_names(results))
    assert league_table(older.rows, "mean")["score_pct"].tolist() == [100.0]


def test_the_action_effect_compares_one_version_before_and_after(engine: Engine) -> None:
    """Before the action only v1 (100 %); after it v1 again (60 %) and another
    questionnaire (20 %): the change is v1's, 100 → 60, not 100 → 40."""
    rows = pd.DataFrame(
        {
            "touchpoint_id": ["a"] * 3,
            "visit_id": [1, 2, 3],
            "visited_at": pd.to_datetime(
                ["2026-05-01T12:00Z", "2026-07-01T12:00Z", "2026-07-02T12:00Z"], utc=True
            ),
            "score_pct": [100.0, 60.0, 20.0],
            "critical_failed": [False] * 3,
            "questionnaire_id": ["q1", "q1", "q2"],
            "questionnaire_version": [1, 1, 1],
        }
    )
    windows = Windows.around(date(2026, 6, 1), 90, date(2026, 12, 1))
    change = shopper_change(rows, ["a"], windows)
    assert (change.before, change.after, change.n_before, change.n_after) == (100.0, 60.0, 1, 1)


def test_newest_version_per_group_by_hand() -> None:
    """At touchpoint a, q2 was visited last (10 Jan) although q1 has more visits; at b
    only q1 scored; at c two versions were last visited the same day: more visits win."""
    frame = pd.DataFrame(
        {
            "touchpoint": ["a", "a", "a", "b", "c", "c", "c"],
            "visit_id": [1, 2, 3, 1, 4, 5, 6],
            "questionnaire_id": ["q1", "q1", "q2", "q1", "q1", "q1", "q1"],
            "questionnaire_version": [1, 1, 1, 1, 1, 1, 2],
            "day": pd.to_datetime(
                ["2026-01-01", "2026-01-05", "2026-01-10", "2026-01-05"]
                + ["2026-02-01", "2026-02-03", "2026-02-03"],
                utc=True,
            ),
        }
    )
    picked = newest_version_per(frame, "touchpoint", "day")
    assert picked["visit_id"].tolist() == [3, 1, 4, 5]
