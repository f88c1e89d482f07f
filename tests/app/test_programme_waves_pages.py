"""AppTest: the programme runs from the app (shoppers, a wave previewed then saved, the
list of visits with a cancel), the review shows every section, the returned shopper
reads the notes before submitting again, and results are one questionnaire version's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.io.journey_files import read_journey_file
from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.people import read_shoppers
from journeymap.store.programme import insert_answers, insert_visits, save_questionnaire
from journeymap.store.visit_workflow import change_status, return_visit
from journeymap.store.visits import list_visits
from journeymap.ui.shell import state
from tests.access_workspace import ACCOUNTS, ADA, NORTH, AccessWorkspace, seed_access_workspace
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean
from tests.conftest import JOURNEYS_DIR, ROOT
from tests.results_workspace import seed_results_workspace
from tests.shopping import answer_required

SIX = ROOT / "tests" / "fixtures" / "bank-six-sections.yaml"


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


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def toasts(at: AppTest) -> list[str]:
    return [t.value.replace("\\", "") for t in at.toast]


@pytest.mark.usefixtures("workspace")
def test_a_leader_adds_a_shopper_and_switches_them_off(empty_workspace: str) -> None:
    at = signed_in("leader", "programme")
    form_inputs = [t for t in at.text_input if t.form_id == "add-shopper"]
    ident, name, region = form_inputs
    ident.input("nina-01")
    name.input("Nina <b>Ny</b>")
    region.input("Øst")
    button(at, "Add shopper").click().run()
    assert_clean(at)
    assert toasts(at) == ["Added shopper nina-01 (Nina <b>Ny</b>)."]
    engine = open_database(empty_workspace)
    assert {s.id: s.region for s in read_shoppers(engine)}["nina-01"] == "Øst"
    at.selectbox(key=state.SHOPPER_TO_CHANGE).set_value("nina-01").run()
    next(t for t in at.toggle if t.label == "Active").set_value(False)
    button(at, "Save shopper").click().run()
    assert_clean(at)
    assert not {s.id: s.active for s in read_shoppers(engine)}["nina-01"]
    assert {e.action for e in read_audit(engine) if e.object_id == "nina-01"} == {
        "created",
        "switched off",
    }


@pytest.mark.usefixtures("workspace")
def test_a_wave_is_previewed_then_saved_once(empty_workspace: str) -> None:
    at = signed_in("leader", "programme")
    at.date_input(key=state.WAVE_WINDOW).set_value((date(2026, 12, 1), date(2026, 12, 21)))
    at.number_input(key=state.WAVE_PER_LOCATION).set_value(2)
    at.text_input(key=state.WAVE_NAME).input("December")
    button(at, "Preview the plan").click().run()
    assert_clean(at)
    engine = open_database(empty_workspace)
    assert list_visits(engine, wave="December") == []  # a preview stores nothing
    (preview,) = [d.value for d in at.dataframe if "Day" in d.value.columns]
    assert list(preview.columns) == ["Day", "Location", "Shopper"]
    assert len(preview) == 6  # three own branches × 2
    button(at, "Save the wave (6 visits)").click().run()
    assert_clean(at)
    assert toasts(at) == ["Saved wave December: 6 visits assigned."]
    stored = list_visits(engine, wave="December")
    assert len(stored) == 6
    assert {v.status for v in stored} == {"assigned"}
    assert not [b for b in at.button if b.label.startswith("Save the wave")]


def test_the_visit_list_filters_and_cancels(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    at = signed_in("leader", "programme")
    at.selectbox(key=state.VISITS_LOCATION).set_value(NORTH).run()
    assert_clean(at)
    (table,) = [d.value for d in at.dataframe if "Reviewed by" in d.value.columns]
    assert table["Location"].tolist() == ["North branch"]
    at.selectbox(key=state.VISIT_TO_CHANGE).set_value(workspace.ada_visit)
    at.text_input(key=state.VISIT_CANCEL_REASON).input("Ada is ill")
    button(at, "Cancel visit").click().run()
    assert_clean(at)
    engine = open_database(empty_workspace)
    assert [v.status for v in list_visits(engine) if v.id == workspace.ada_visit] == ["cancelled"]
    entry = next(e for e in read_audit(engine) if e.action == "cancelled")
    assert (entry.actor, entry.detail) == (ACCOUNTS["leader"], "was assigned: Ada is ill")


def test_the_review_shows_every_section_and_who_signs(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    """Before, a visit of a six-section questionnaire showed four section scores."""
    engine = open_database(empty_workspace)
    journey = read_journey_file(JOURNEYS_DIR / "bank-advisory.yaml").journey
    save_questionnaire(engine, read_questionnaire_file(SIX, journey), actor="fixture")
    moment = datetime(2026, 11, 3, 12, tzinfo=UTC)
    insert_visits(
        engine,
        [
            {
                "external_key": "six-1",
                "questionnaire_id": "bank-six",
                "questionnaire_version": 1,
                "location_id": NORTH,
                "shopper_id": ADA,
                "scenario": "",
                "window_start": date(2026, 11, 3),
                "window_end": date(2026, 11, 3),
                "status": "submitted",
                "visited_at": moment,
                "submitted_at": moment,
            }
        ],
        actor="fixture",
    )
    insert_answers(
        engine,
        [
            {"visit_key": "six-1", "question_id": f"q{i}", "value": i % 2 == 1, "saved_at": moment}
            for i in range(1, 7)
        ],
        actor="fixture",
    )
    (visit,) = [v for v in list_visits(engine) if v.external_key == "six-1"]
    at = signed_in("leader", "review", visit=str(visit.id))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Visit score": "50%",
        "Booking online": "100%",
        "Booking by phone": "0%",
        "Confirmation": "100%",
        "Documents": "0%",
        "Waiting in the branch": "100%",
        "The meeting": "0%",
    }
    assert f"Your decision is signed {ACCOUNTS['leader']}." in [
        c.value.replace("\\", "") for c in at.caption
    ]
    button(at, "Approve").click().run()
    (approved,) = [v for v in list_visits(engine) if v.id == visit.id]
    assert (approved.status, approved.reviewed_by) == ("approved", ACCOUNTS["leader"])


def test_the_returned_shopper_reads_the_notes_on_check_and_submit(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    engine = open_database(empty_workspace)
    answer_required(engine, workspace.ada_visit, actor=ACCOUNTS["shopper"])
    change_status(engine, workspace.ada_visit, "submitted", actor=ACCOUNTS["shopper"])
    return_visit(
        engine, workspace.ada_visit, {"greeted": "Who greeted you, and when?"}, actor="rita"
    )
    at = signed_in("shopper", "visit_form", visit=str(workspace.ada_visit), section="3")
    assert [s.value for s in at.subheader] == ["Check and submit"]
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert "Were you greeted within one minute?  \nReviewer: Who greeted you, and when?" in shown
    button(at, "Open Arrival and waiting").click().run()
    assert_clean(at)
    assert [s.value for s in at.subheader] == ["Arrival and waiting"]


def test_results_are_one_questionnaire_versions_with_a_choice(empty_workspace: str) -> None:
    engine = open_database(empty_workspace)
    seed_results_workspace(engine)
    engine.dispose()
    at = app()
    at.query_params["journey"] = "bank-advisory"
    at.run()
    at.switch_page(page_path("shopper_results")).run()
    assert_clean(at)
    picker = at.selectbox(key=state.RESULTS_QUESTIONNAIRE)
    assert picker.value == "bank-tablet@2"
    assert [o.replace("\\", "") for o in picker.options] == [
        "Branch visit v2 · version 2 · 1 visit(s)",
        "Phone call · version 1 · 1 visit(s)",
        "Branch visit (tablet test) · version 1 · 1 visit(s)",
    ]
    league = at.dataframe[0].value
    assert (league["Visits (n)"].tolist(), league["Score %"].tolist()) == ([1], [23.8])
    picker.set_value("bank-tablet@1").run()
    assert_clean(at)
    assert at.dataframe[0].value["Score %"].tolist() == [100.0]
