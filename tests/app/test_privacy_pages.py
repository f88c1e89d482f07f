"""Shopper results by role, through the running app: pseudonyms and withheld answers.

Location managers and analysts see shoppers as "Shopper B", "Shopper C" and the
personal-data answer withheld, on screen and in the CSV they download; leaders see
who shopped and what they wrote. A location manager sees their own locations only.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from journeymap.services.privacy import WITHHELD
from journeymap.services.shopper_results import ResultsScope, scoped_results
from journeymap.store.engine import open_database
from journeymap.ui.loaders import shopping
from journeymap.ui.shell import state
from tests.access_workspace import ACCOUNTS, ADA, BEN, SOUTH
from tests.app.conftest import app, page_path
from tests.privacy_workspace import (
    ADA_KEY,
    BEN_NORTH_KEY,
    BEN_SOUTH_KEY,
    STAFF_COMMENT,
    STAFF_NAME,
    ScoredWorkspace,
    add_approved_visit,
    seed_scored_visits,
)
from tests.shopping import SHOPPER_ID

IDENTIFYING = (ADA, BEN, SHOPPER_ID, "Ada Andersen", "Ben Berg", STAFF_NAME, "Karen")
IDENTIFYING += (ADA_KEY, BEN_NORTH_KEY, BEN_SOUTH_KEY)


@pytest.fixture
def workspace(empty_workspace: str) -> ScoredWorkspace:
    engine = open_database(empty_workspace)
    seeded = seed_scored_visits(engine)
    engine.dispose()
    return seeded


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What each download button of the run offers, by file name."""
    offered: dict[str, object] = {}
    original = st.download_button

    def recording(label: str, data: object = None, *args: object, **kwargs: object) -> object:
        offered[str(kwargs.get("file_name") or label)] = data
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    return offered


def results_as(role: str) -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS[role]
    at.query_params["journey"] = "bank-advisory"
    at.run()
    at.switch_page(page_path("shopper_results")).run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Shopper results"]
    return at


def shown(at: AppTest) -> set[str]:
    """Every text of the page: markdown, captions, labels, options and table cells."""
    found = {m.value for m in at.markdown} | {c.value for c in at.caption}
    found |= {str(o) for box in at.selectbox for o in box.options}
    for table in at.dataframe:
        frame: pd.DataFrame = table.value
        found |= {str(c) for c in frame.columns}
        found |= {str(v) for column in frame.columns for v in frame[column]}
    return found


def leaks(found: set[str]) -> list[str]:
    return sorted(t for t in found for secret in IDENTIFYING if secret in t)


def shoppers_table(at: AppTest) -> pd.DataFrame:
    (table,) = [t.value for t in at.dataframe if "Shopper" in t.value.columns]
    return table


def report_table(at: AppTest) -> pd.DataFrame:
    (table,) = [t.value for t in at.dataframe if "Answer" in t.value.columns]
    return table.set_index("Question")


ADVISER = "Name of the adviser (as on the name badge)"


def csv_rows(data: object) -> list[dict[str, str]]:
    assert isinstance(data, bytes)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("role", ["location_manager", "analyst"])
def test_shoppers_are_pseudonyms_and_personal_answers_withheld(
    workspace: ScoredWorkspace, downloads: dict[str, object], role: str
) -> None:
    at = results_as(role)
    table = shoppers_table(at)
    if role == "location_manager":  # north only: Ada's 100 % and Ben's 31.7 %
        expected = [["Shopper B", 1, 100.0], ["Shopper C", 1, 31.7]]
    else:
        expected = [["Shopper B", 1, 100.0], ["Shopper C", 2, 61.0]]
    assert table[["Shopper", "n_visits", "score_pct"]].values.tolist() == expected
    at.selectbox(key=state.RESULTS_VISIT).set_value(workspace.ada_north).run()
    assert not at.exception
    report = report_table(at)
    assert (report.loc[ADVISER, "Answer"], report.loc[ADVISER, "Comment"]) == (WITHHELD, WITHHELD)
    assert not [c for c in at.checkbox if c.key == state.RESULTS_INCLUDE_PERSONAL]
    rows = csv_rows(downloads["shopper-answers.csv"])
    assert {r["shopper"] for r in rows} == {"Shopper B", "Shopper C"}
    assert {r["visit"] for r in rows} <= {
        str(workspace.ada_north),
        str(workspace.ben_north),
        str(workspace.ben_south),
    }
    csv_cells = {value for row in rows for value in row.values()}
    assert leaks(shown(at) | csv_cells) == []


@pytest.mark.usefixtures("workspace")
def test_a_location_manager_sees_own_locations_visits_only() -> None:
    at = results_as("location_manager")
    # Ada's 100 % and Ben's 31.7 % visits at the north branch; Ben's south visit is not read.
    assert sorted(at.selectbox(key=state.RESULTS_VISIT).options) == [
        "North branch · Q4 2026 · 100%",
        "North branch · Q4 2026 · 32%",
    ]


def test_a_leader_sees_who_shopped_and_what_they_wrote(
    workspace: ScoredWorkspace, downloads: dict[str, object]
) -> None:
    at = results_as("leader")
    table = shoppers_table(at)
    assert list(table["Shopper"]) == [ADA, BEN]
    at.selectbox(key=state.RESULTS_VISIT).set_value(workspace.ada_north).run()
    report = report_table(at)
    assert (report.loc[ADVISER, "Answer"], report.loc[ADVISER, "Comment"]) == (
        STAFF_NAME,
        STAFF_COMMENT,
    )
    assert {r["visit"] for r in csv_rows(downloads["shopper-answers.csv"])} == {
        ADA_KEY,
        BEN_NORTH_KEY,
        BEN_SOUTH_KEY,
    }
    at.checkbox(key=state.RESULTS_INCLUDE_PERSONAL).check().run()
    assert not at.exception
    rows = csv_rows(downloads["shopper-answers.csv"])
    assert STAFF_NAME in {r["answer"] for r in rows}


def test_cached_results_are_never_handed_to_another_reader(
    workspace: ScoredWorkspace, empty_workspace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[ResultsScope] = []

    def counted(scope: ResultsScope, *args: object) -> object:
        reads.append(scope)
        return scoped_results(scope, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(shopping, "scoped_results", counted)
    # One server process, one cache: the leader's results are cached first.
    assert list(shoppers_table(results_as("leader"))["Shopper"]) == [ADA, BEN]
    analyst = results_as("analyst")
    assert list(shoppers_table(analyst)["Shopper"]) == ["Shopper B", "Shopper C"]
    manager = results_as("location_manager")
    assert shoppers_table(manager)["n_visits"].tolist() == [1, 1]  # north only
    assert [r.role for r in reads] == ["leader", "analyst", "location_manager"]
    analyst.run()  # the same reader, nothing changed: from the cache
    assert len(reads) == 3
    # A visit approved meanwhile changes the evidence revision: the next run reads it.
    engine = open_database(empty_workspace)
    add_approved_visit(engine, "ada-south-late", SOUTH, ADA, date(2026, 11, 20))
    engine.dispose()
    analyst.run()
    table = shoppers_table(analyst)
    assert table[["Shopper", "n_visits"]].values.tolist() == [["Shopper B", 2], ["Shopper C", 2]]
    manager.run()
    assert shoppers_table(manager)["n_visits"].tolist() == [1, 1]  # the south is not theirs
    assert [r.role for r in reads[3:]] == ["analyst", "location_manager"]
