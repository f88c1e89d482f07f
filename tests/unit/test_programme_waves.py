"""Planning and saving a wave, the list of visits, cancelling and reassigning visits."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import Engine

from journeymap.io.journey_files import read_journey_file
from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.model.access import Role, Viewer
from journeymap.services import people, programme, waves
from journeymap.services.access import NotAllowed
from journeymap.services.visit_links import issue_visit_link
from journeymap.services.visit_list import VisitFilter, visit_list
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import save_questionnaire
from journeymap.store.visit_links import LinkRefused, open_link
from journeymap.store.visit_workflow import change_status
from journeymap.store.visits import list_visits
from tests.conftest import JOURNEYS_DIR, ROOT
from tests.shopping import SHOPPER_ID, answer_required, seed_tablet_visit
from tests.unit.test_cli import run

LEADER = Viewer(name="leif.leader", role=Role.LEADER)
ANALYST = Viewer(name="ane.analyst", role=Role.ANALYST)
MANAGER = Viewer(name="mona", role=Role.LOCATION_MANAGER, locations=frozenset({"north"}))
NOV_1, NOV_30 = date(2026, 11, 1), date(2026, 11, 30)
JOURNEY = "bank-advisory"


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    """The tablet workspace, two more own branches, a rival, and four shoppers."""
    engine = open_database(sqlite_url)
    seed_tablet_visit(engine)
    people.add_location(LEADER, engine, "north", "North branch", "North")
    people.add_location(LEADER, engine, "south", "South branch", "South")
    people.add_location(LEADER, engine, "rival-2", "Rival two", "North", competitor=True)
    for shopper_id, region in (("ann", "North"), ("bo", "South"), ("cy", "")):
        people.add_shopper(LEADER, engine, shopper_id, shopper_id.title(), region)
    return engine


def request(**changes: object) -> waves.WaveRequest:
    fields: dict[str, object] = {
        "questionnaire_id": "bank-tablet",
        "start": NOV_1,
        "end": NOV_30,
        "per_location": 2,
    }
    return waves.WaveRequest(**(fields | changes))  # type: ignore[arg-type]


def test_a_wave_visits_every_active_own_location_by_default(engine: Engine) -> None:
    plan = waves.plan_wave(LEADER, engine, request())
    assert plan.name == "bank-tablet 2026-11-01 to 2026-11-30"
    assert set(plan.location_names) == {"north", "south", "tablet-branch"}  # no rival
    assert len(plan.visits) == 6
    assert sorted(plan.loads.values()) == [1, 1, 2, 2]  # ann, bo, cy and Tess
    assert list_visits(engine, wave=plan.name) == []  # a preview stores nothing


def test_a_competitor_is_visited_when_named(engine: Engine) -> None:
    plan = waves.plan_wave(LEADER, engine, request(locations=("rival-2", "north")))
    assert set(plan.location_names) == {"rival-2", "north"}


def test_a_switched_off_location_or_shopper_is_left_out_or_refused(engine: Engine) -> None:
    people.edit_shopper(LEADER, engine, "cy", active=False)
    people.edit_location(LEADER, engine, "south", active=False)
    plan = waves.plan_wave(LEADER, engine, request())
    assert set(plan.location_names) == {"north", "tablet-branch"}
    assert "cy" not in plan.loads
    with pytest.raises(waves.PlanRefused, match="South branch is switched off: switch it on"):
        waves.plan_wave(LEADER, engine, request(locations=("south",)))
    with pytest.raises(waves.PlanRefused, match="there is no location 'west'"):
        waves.plan_wave(LEADER, engine, request(locations=("west",)))


def test_saving_stores_the_preview_once_with_its_wave(engine: Engine) -> None:
    plan = waves.plan_wave(LEADER, engine, request(name="Q4 branches"))
    ids = waves.save_wave(LEADER, engine, plan)
    stored = list_visits(engine, wave="Q4 branches")
    assert sorted(v.id for v in stored) == sorted(ids)
    assert sorted((v.window_start, v.location_id, v.shopper_id) for v in stored) == [
        (v.planned_on, v.location, v.shopper) for v in plan.visits
    ]
    assert {(v.status, v.window_end) for v in stored} == {("assigned", NOV_30)}
    with pytest.raises(waves.WaveTaken, match="wave 'Q4 branches' has 6 visit\\(s\\) already"):
        waves.save_wave(LEADER, engine, plan)  # a second click adds nothing
    assert len(list_visits(engine, wave="Q4 branches")) == 6
    (entry,) = [e for e in read_audit(engine) if e.action == "planned"]
    assert (entry.actor, entry.object_id, entry.detail) == (
        "leif.leader",
        "Q4 branches",
        "6 visits of bank-tablet v1 at 3 location(s), 2026-11-01 to 2026-11-26",  # k · 30 // 6
    )
    with pytest.raises(waves.PlanRefused, match="has visits already"):
        waves.plan_wave(LEADER, engine, request(name="Q4 branches"))


def test_a_shopper_switched_off_after_the_preview_stops_the_save(engine: Engine) -> None:
    plan = waves.plan_wave(LEADER, engine, request())
    people.edit_shopper(LEADER, engine, "ann", active=False)
    with pytest.raises(waves.SwitchedOff, match="Ann was switched off after the plan was made"):
        waves.save_wave(LEADER, engine, plan)
    assert list_visits(engine, wave=plan.name) == []


def test_only_who_runs_the_programme_plans(engine: Engine) -> None:
    with pytest.raises(NotAllowed):
        waves.plan_wave(ANALYST, engine, request())


def _seeded(engine: Engine) -> int:
    (visit,) = [v for v in list_visits(engine) if v.shopper_id == SHOPPER_ID]
    return visit.id


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_submitted_or_approved_visit_cannot_be_cancelled_or_reassigned(
    engine: Engine, status: str
) -> None:
    visit_id = _seeded(engine)
    answer_required(engine, visit_id)
    change_status(engine, visit_id, "submitted", actor="fixture")
    if status == "approved":
        change_status(engine, visit_id, "approved", actor="fixture")
    with pytest.raises(programme.VisitClosed, match=f"visit {visit_id} is {status}: only"):
        programme.cancel_visit(LEADER, engine, visit_id, "shopper ill")
    with pytest.raises(programme.VisitClosed, match="only a visit nobody has started"):
        programme.reassign_visit(LEADER, engine, visit_id, "ann")
    assert list_visits(engine)[0].status == status


def test_cancel_is_final_and_audited(engine: Engine) -> None:
    visit_id = _seeded(engine)
    assert programme.cancel_visit(LEADER, engine, visit_id, "branch closed for works") == "assigned"
    assert [v.status for v in list_visits(engine) if v.id == visit_id] == ["cancelled"]
    entry = next(e for e in read_audit(engine) if e.action == "cancelled")
    assert (entry.actor, entry.detail) == ("leif.leader", "was assigned: branch closed for works")
    with pytest.raises(programme.VisitClosed, match="is cancelled"):
        programme.cancel_visit(LEADER, engine, visit_id)


def test_reassigning_moves_the_visit_and_ends_its_links(engine: Engine) -> None:
    visit_id = _seeded(engine)
    token, _ = issue_visit_link(LEADER, engine, visit_id, hours=2)
    assert programme.reassign_visit(LEADER, engine, visit_id, "ann") == "Ann"
    assert [v.shopper_id for v in list_visits(engine) if v.id == visit_id] == ["ann"]
    with pytest.raises(LinkRefused):
        open_link(engine, visit_id, token)  # sent to Tess: it no longer opens Ann's visit
    entry = next(e for e in read_audit(engine) if e.action == "reassigned")
    assert (entry.actor, entry.detail) == ("leif.leader", "Tess Tablet → Ann")
    people.edit_shopper(LEADER, engine, "bo", active=False)
    with pytest.raises(programme.SwitchedOff, match="Bo is switched off"):
        programme.reassign_visit(LEADER, engine, visit_id, "bo")


def test_reassigning_keeps_one_visit_per_shopper_and_location_in_a_wave(engine: Engine) -> None:
    plan = waves.plan_wave(LEADER, engine, request(locations=("north",), name="w"))
    waves.save_wave(LEADER, engine, plan)
    first, second = sorted(list_visits(engine, wave="w"), key=lambda v: v.window_start)
    with pytest.raises(programme.AlreadyAssigned, match="visits North branch in wave 'w' already"):
        programme.reassign_visit(LEADER, engine, first.id, second.shopper_id)


def test_the_visit_list_filters_and_hides_who_shopped_from_analysts(engine: Engine) -> None:
    waves.save_wave(LEADER, engine, waves.plan_wave(LEADER, engine, request(name="w")))
    everything = visit_list(LEADER, engine, JOURNEY)
    assert len(everything) == 7
    north = visit_list(LEADER, engine, JOURNEY, VisitFilter(location_id="north", wave="w"))
    assert {v.location_id for v in north} == {"north"}
    assert len(north) == 2
    early = visit_list(LEADER, engine, JOURNEY, VisitFilter(last_day=date(2026, 11, 10)))
    assert all(v.window_start <= date(2026, 11, 10) for v in early)
    own = visit_list(LEADER, engine, JOURNEY, VisitFilter(shopper="ann"))
    assert {v.shopper for v in own} == {"ann"}
    seen = visit_list(ANALYST, engine, JOURNEY)
    assert {v.shopper for v in seen} <= {f"Shopper {c}" for c in "ABCD"}
    assert {v.key for v in seen} == {""}
    pseudonym = seen[0].shopper
    assert {
        v.shopper for v in visit_list(ANALYST, engine, JOURNEY, VisitFilter(shopper=pseudonym))
    } == {pseudonym}
    assert {v.location_id for v in visit_list(MANAGER, engine, JOURNEY)} == {"north"}
    with pytest.raises(ValueError, match="status 'done': choose from assigned"):
        visit_list(LEADER, engine, JOURNEY, VisitFilter(statuses=("done",)))


def test_cli_plans_a_wave_dry_and_for_real(
    capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    url = str(engine.url)
    args = ("--db", url, "plan-wave", "bank-tablet", "--from", "2026-11-01", "--to", "2026-11-30")
    code, out, _ = run(capsys, *args, "--per-location", "2", "--dry-run", "--json")
    planned = json.loads(out)
    assert code == 0
    assert len(planned) == 6
    assert set(planned[0]) == {"shopper", "location", "planned_on"}
    assert list_visits(open_database(url), wave="bank-tablet 2026-11-01 to 2026-11-30") == []
    code, out, _ = run(capsys, *args, "--per-location", "2", "--location", "north", "--wave", "n")
    assert code == 0
    assert out.splitlines()[-1] == (
        "Wave 'n': 2 visits of bank-tablet version 1 at 1 location(s), 0 to 1 per shopper; "
        "stored as assigned."
    )
    code, out, _ = run(capsys, *args, "--per-location", "5", "--json")
    assert code == 1
    assert json.loads(out)["error"].startswith("5 visits per location need 5 different shoppers")
    code, out, _ = run(capsys, "--db", url, "visits", JOURNEY, "--wave", "n", "--json")
    assert [v["location"] for v in json.loads(out)] == ["north", "north"]
    visit_id = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "--db", url, "cancel-visit", str(visit_id), "--reason", "ill")
    assert (code, out) == (0, f"Visit {visit_id} cancelled (it was assigned).\n")


def test_by_default_a_wave_leaves_out_another_journeys_branches(engine: Engine) -> None:
    """An agency's workspace holds other clients' branches: a branch visited only for
    another journey is not planned by default; a branch nobody has visited yet is."""
    retail = read_journey_file(JOURNEYS_DIR / "retail-returns.yaml").journey
    JourneyRepository(engine).save(retail, author="fixture", base_revision=None)
    questionnaire = read_questionnaire_file(
        ROOT / "journeymap" / "demo" / "questionnaires" / "retail-returns.yaml", retail
    )
    save_questionnaire(engine, questionnaire, actor="fixture")
    people.add_location(LEADER, engine, "store-oslo", "Store Oslo", "Oslo")
    programme.assign_visit(
        LEADER,
        engine,
        questionnaire,
        location_id="store-oslo",
        shopper_id="ann",
        window_start=NOV_1,
        window_end=NOV_30,
    )
    plan = waves.plan_wave(LEADER, engine, request())
    assert set(plan.location_names) == {"north", "south", "tablet-branch"}
    named = waves.plan_wave(LEADER, engine, request(locations=("store-oslo",)))
    assert set(named.location_names) == {"store-oslo"}
