"""Real survey exports (Data © The Carpentries, CC BY 4.0,
https://github.com/carpentries/assessment): the importer's figures against plain pandas."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from journeymap.analytics.nps_tables import nps_table
from journeymap.io.survey_import import ImportMapping, preview
from journeymap.store.evidence import read_responses
from tests.unit.voc_helpers import REAL_DATA, SHOP, run_import, shop_engine

INSTRUCTOR = REAL_DATA / "carpentries-instructor-training-post-survey-2018-09.csv"
LONGTERM = REAL_DATA / "carpentries-longterm-survey-2020-03.csv"
pytestmark = pytest.mark.skipif(
    not REAL_DATA.is_dir(), reason=f"the real survey exports are not at {REAL_DATA}"
)


def independent_nps(path: Path, column: str) -> tuple[int, float, float]:
    """n, NPS and SE straight from the CSV, without any journeymap code."""
    scores = pd.to_numeric(pd.read_csv(path)[column], errors="coerce").dropna()
    n = len(scores)
    p_plus, p_minus = (scores >= 9).mean(), (scores <= 6).mean()
    se = 100 * math.sqrt((p_plus + p_minus - (p_plus - p_minus) ** 2) / n)
    return n, 100 * (p_plus - p_minus), se


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return shop_engine(sqlite_url)


def test_instructor_training_survey_is_detected_and_matches_pandas(engine: Engine) -> None:
    proposal = preview(INSTRUCTOR, SHOP)
    # LikelyToRecommend is 0–10; "Recommend" beside it is an Agree/Disagree Likert item.
    assert (proposal.mapping.score, proposal.mapping.date) == ("LikelyToRecommend", "Date")
    assert proposal.mapping.dayfirst is False  # M/D/YY: some days are above 12
    mapping = proposal.mapping.model_copy(update={"touchpoint_value": "training"})
    report = run_import(engine, SHOP, INSTRUCTOR, mapping)
    n, nps, se = independent_nps(INSTRUCTOR, "LikelyToRecommend")
    assert (report.imported, report.rejected_count, n) == (889, 0, 889)
    row = nps_table(read_responses(engine, "shop")).iloc[0]
    assert row["n"] == n
    assert row["nps"] == pytest.approx(nps, abs=1e-9)
    assert row["se"] == pytest.approx(se, abs=1e-9)
    assert round(row["nps"], 2) == 48.37
    assert round(row["se"], 2) == 2.15
    stored = read_responses(engine, "shop")
    dates = pd.to_datetime(pd.read_csv(INSTRUCTOR)["Date"], format="%m/%d/%y %H:%M")
    assert stored["responded_at"].min().tz_localize(None) >= dates.min()
    assert stored["responded_at"].max().tz_localize(None) == dates.max()


def test_longterm_survey_without_dates_imports_as_relationship_nps(engine: Engine) -> None:
    proposal = preview(LONGTERM, SHOP)
    assert proposal.mapping.score == "recommendation_score"
    assert proposal.mapping.date is None
    assert proposal.problems
    mapping = proposal.mapping.model_copy(
        update={"date_value": date(2020, 3, 26), "survey_kind": "relationship"}
    )
    report = run_import(engine, SHOP, LONGTERM, mapping)
    n, nps, se = independent_nps(LONGTERM, "recommendation_score")
    assert report.imported == n == 134
    assert report.blank_scores == 176 - 134  # "NA" is no answer, not an invalid score
    assert nps_table(read_responses(engine, "shop")).empty  # transactional by default
    row = nps_table(read_responses(engine, "shop"), survey_kind="relationship").iloc[0]
    assert (row["n"], row["nps"], row["se"]) == (n, pytest.approx(nps), pytest.approx(se))
    assert round(row["nps"], 2) == 62.69
    assert round(row["se"], 2) == 5.24


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(0, 10), st.integers(1, 28), st.sampled_from(["Kasse", "advice", "x"])
        ),
        min_size=1,
        max_size=25,
    ),
    with_id=st.booleans(),
)
def test_reimport_is_idempotent(
    tmp_path_factory: pytest.TempPathFactory, rows: list, with_id: bool
) -> None:
    folder = tmp_path_factory.mktemp("idem")
    engine = shop_engine(f"sqlite:///{folder / 'j.db'}")
    lines = ["Id,Date,Touchpoint,Score"] + [
        f"r{i % 7 if with_id else i},2026-02-{day:02d},{tp},{score}"
        for i, (score, day, tp) in enumerate(rows)
    ]
    path = folder / "export.csv"
    path.write_text("\n".join(lines) + "\n")
    mapping = ImportMapping(
        score="Score", date="Date", touchpoint="Touchpoint", id="Id" if with_id else None
    )
    first = run_import(engine, SHOP, path, mapping)
    stored = len(read_responses(engine, "shop"))
    again = run_import(engine, SHOP, path, mapping)
    assert again.imported == 0
    assert again.duplicates == first.valid
    assert len(read_responses(engine, "shop")) == stored == first.imported
    if not with_id:
        # Identical rows are different customers: every valid row is kept once.
        assert first.imported == sum(tp != "x" for _, _, tp in rows)
