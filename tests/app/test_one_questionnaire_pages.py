"""The pages that show shopper scores per touchpoint name the one questionnaire version
they come from (tests/results_workspace.py: three visits of three versions)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.services import workspace_time
from journeymap.store.engine import open_database
from journeymap.store.evidence import insert_responses
from journeymap.ui.shell import state
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts
from tests.results_workspace import seed_results_workspace

NEWEST = "Branch visit v2 version 2"


@pytest.fixture
def results_workspace(empty_workspace: str, monkeypatch: pytest.MonkeyPatch) -> str:
    engine = open_database(empty_workspace)
    seed_results_workspace(engine)
    # Survey answers at the branch, for the NPS page's service-profit chain.
    answers = [
        {
            "journey_id": "bank-advisory",
            "touchpoint_id": "venter-filial",
            "dedup_key": f"k{i}",
            "responded_at": datetime(2026, 12, 1, 12, tzinfo=UTC),
            "score": 9,
            "location": "tablet-branch",
        }
        for i in range(3)
    ]
    insert_responses(engine, answers, actor="fixture")
    engine.dispose()
    # The visits are of September to December 2026: the pages' default half year ends
    # on this day.
    monkeypatch.setattr(workspace_time, "today", lambda *_, **__: date(2026, 12, 15))
    return empty_workspace


def open_page(name: str, **params: str) -> AppTest:
    at = app()
    at.query_params["journey"] = "bank-advisory"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page_path(name)).run()
    assert_clean(at)
    return at


@pytest.mark.usefixtures("results_workspace")
def test_the_journey_page_names_the_version_and_offers_the_others() -> None:
    at = open_page("journey")
    assert f"Shopper scores: {NEWEST}" in texts(at)
    picker = at.selectbox(key=state.JOURNEY_SHOPPER_VERSION)
    assert picker.value == "bank-tablet@2"
    table = at.dataframe[0].value.set_index("Touchpoint")
    scored = table[table["Shopper visits (n)"] > 0]
    # The newest version alone: arrival 71 %, meeting 0 % (pooled: 81 % and 33 %).
    assert sorted(round(v) for v in scored["Shopper score %"]) == [0, 71]
    # One or two visits each: every score is marked few beside its interval.
    intervals = scored["Shopper 95 % interval"].tolist()
    assert len(intervals) == 2
    assert all(text.endswith(", few visits") for text in intervals)
    assert table.loc[table["Shopper visits (n)"] == 0, "Shopper 95 % interval"].eq("").all()
    # A touchpoint without visits has no score: a dash, not the word None.
    assert table.loc[table["Shopper visits (n)"] == 0, "Shopper score %"].isna().all()
    assert at.dataframe[0].proto.placeholder == "–"
    picker.set_value("bank-tablet@1").run()
    assert_clean(at)
    assert "Shopper scores: Branch visit (tablet test) version 1" in texts(at)
    table = at.dataframe[0].value
    assert table.loc[table["Shopper visits (n)"] > 0, "Shopper score %"].tolist() == [
        100.0,
        100.0,
    ]


@pytest.mark.usefixtures("results_workspace")
def test_the_sand_page_names_the_version_of_a_touchpoints_score() -> None:
    at = open_page("sand")
    shown = texts(at) + "\n".join(str(frame.value) for frame in at.dataframe)
    assert NEWEST in shown


@pytest.mark.usefixtures("results_workspace")
def test_the_walk_card_names_the_version_of_its_score() -> None:
    at = open_page("walk", step="4")  # waiting in the branch: 71 % in the newest version
    shown = texts(at).replace("\\", "")
    # The percentage as the reader's language writes it (English: 71%).
    assert f"71% (n=1 visit, {NEWEST})" in shown  # pooled: 81% (n=3 visits)
    assert "fails in 1 of 1" in shown  # pooled: 2 of 3


@pytest.mark.usefixtures("results_workspace")
def test_the_profit_chain_offers_one_version_at_a_time() -> None:
    at = open_page("nps")
    picker = at.selectbox(key=state.CHAIN_SHOPPER_VERSION)
    assert picker.value == "bank-tablet@2"
    assert len(picker.options) == 3
    assert f"{NEWEST} only" in texts(at)
