"""AppTest: the Programme page says what happened to an assignment; the review signs notes
with the signed-in reviewer."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.visit_workflow import change_status, review_notes
from journeymap.store.visits import list_visits
from journeymap.ui.shell import state
from tests.access_workspace import ACCOUNTS, NORTH, AccessWorkspace, seed_access_workspace
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean
from tests.shopping import answer_required

DAY = date(2026, 11, 3)


@pytest.fixture
def workspace(empty_workspace: str) -> AccessWorkspace:
    engine = open_database(empty_workspace)
    seeded = seed_access_workspace(engine)
    engine.dispose()
    return seeded


def signed_in(role: str, page: str, **params: str) -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS[role]
    at.query_params["journey"] = "bank-advisory"
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page_path(page)).run()
    assert_clean(at)
    return at


def assign(at: AppTest, location: str, shopper: str, day: date) -> AppTest:
    at.selectbox(key=state.ASSIGN_LOCATION).set_value(location)
    at.selectbox(key=state.ASSIGN_SHOPPER).set_value(shopper)
    at.date_input(key=state.ASSIGN_WINDOW).set_value((day, day))
    next(b for b in at.button if b.label == "Assign").click().run()
    assert_clean(at)
    return at


def test_assigning_twice_says_so_and_stores_one_visit(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    at = signed_in("leader", "programme")
    assign(at, NORTH, "shopper-ada", DAY)
    assert [shown(s.value) for s in at.success] == [
        "Assigned to Ada Andersen at North branch from 3 November 2026 (visit "
        f"{_key_on(empty_workspace, DAY)})."
    ]
    assign(at, NORTH, "shopper-ada", DAY)
    assert at.success == []
    (error,) = [shown(e.value) for e in at.error]
    assert error.startswith(
        "Ada Andersen is already assigned to North branch on 3 November 2026 (visit "
    )
    assert error.endswith("nothing was added; choose another day, location or shopper.")
    engine = open_database(empty_workspace)
    on_the_day = [v for v in list_visits(engine) if v.window_start == DAY]
    assert len(on_the_day) == 1
    assert {e.actor for e in read_audit(engine) if e.action == "assigned"} == {ACCOUNTS["leader"]}


def _key_on(url: str, day: date) -> str:
    (visit,) = [v for v in list_visits(open_database(url)) if v.window_start == day]
    return visit.external_key


def shown(markdown: str) -> str:
    """What the person reads: the text without its Markdown escapes."""
    return markdown.replace("\\", "")


def test_a_return_is_signed_by_the_signed_in_reviewer(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    engine = open_database(empty_workspace)
    answer_required(engine, workspace.ada_visit, actor=ACCOUNTS["shopper"])
    change_status(engine, workspace.ada_visit, "submitted", actor=ACCOUNTS["shopper"])
    at = signed_in("leader", "review", visit=str(workspace.ada_visit))
    assert "Your name" not in [t.label for t in at.text_input]
    note = f"{state.REVIEW_NOTE_WIDGET}-{workspace.ada_visit}-greeted"
    at.text_input(key=note).input("Who greeted you, and when?").run()
    next(b for b in at.button if b.label == "Return for correction").click().run()
    assert_clean(at)
    (stored,) = review_notes(engine, workspace.ada_visit)
    assert (stored.note, stored.reviewer) == ("Who greeted you, and when?", ACCOUNTS["leader"])
