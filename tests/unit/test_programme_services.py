"""Running the programme: assignments with keys of their own, imports and links, by role."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from journeymap.model.access import Role, Viewer
from journeymap.services import programme
from journeymap.services.access import NotAllowed
from journeymap.services.questionnaires import store_questionnaire_file
from journeymap.services.visit_import import import_visits
from journeymap.services.visit_links import issue_visit_link
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.programme import insert_locations
from journeymap.store.visits import list_visits
from tests.shopping import SHOPPER_ID, TABLET_QUESTIONNAIRE, seed_tablet_visit, tablet_questionnaire

LEADER = Viewer(name="leif.leader", role=Role.LEADER)
ANALYST = Viewer(name="ane.analyst", role=Role.ANALYST)
SHOPPER = Viewer(name="tess.tablet", role=Role.SHOPPER, shopper_id=SHOPPER_ID)
DAY = date(2026, 11, 3)
# Long ids, as a planning sheet makes them: the readable part of a key must be shortened.
LONG_LOCATION = "copenhagen-vesterbro-main-street-branch-no-2"


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = open_database(sqlite_url)
    seed_tablet_visit(engine)
    insert_locations(
        engine,
        [{"id": LONG_LOCATION, "name": "Vesterbro", "region": "Kbh", "competitor": False}],
        actor="fixture",
    )
    return engine


def assign(engine: Engine, day: date, location: str = LONG_LOCATION, shopper: str = SHOPPER_ID):  # type: ignore[no-untyped-def]
    return programme.assign_visit(
        LEADER,
        engine,
        tablet_questionnaire(),
        location_id=location,
        shopper_id=shopper,
        window_start=day,
        window_end=day + timedelta(days=7),
        scenario="Ask about a first mortgage.",
    )


def test_two_days_at_one_place_are_two_visits_with_two_keys(engine: Engine) -> None:
    first = assign(engine, DAY)
    second = assign(engine, DAY + timedelta(days=1))
    assert first.external_key != second.external_key
    assert len(first.external_key) <= 64
    assert first.external_key.endswith(f"-v{first.visit_id}")
    stored = [v for v in list_visits(engine) if v.location_id == LONG_LOCATION]
    assert sorted(v.window_start for v in stored) == [DAY, DAY + timedelta(days=1)]
    entry = next(e for e in reversed(read_audit(engine)) if e.action == "assigned")
    assert (entry.actor, entry.detail) == (
        "leif.leader",
        "Tess Tablet at Vesterbro from 2026-11-03",
    )


def test_the_same_shopper_place_and_day_twice_is_refused_with_a_sentence(engine: Engine) -> None:
    first = assign(engine, DAY)
    with pytest.raises(programme.AlreadyAssigned) as refused:
        assign(engine, DAY)
    assert str(refused.value) == (
        f"Tess Tablet is already assigned to Vesterbro on 3 November 2026 (visit "
        f"{first.external_key}): nothing was added; choose another day, location or shopper"
    )
    assert len([v for v in list_visits(engine) if v.location_id == LONG_LOCATION]) == 1


def test_assignments_made_at_the_same_moment_never_share_a_key(engine: Engine) -> None:
    """Two planners assigning at once, each a run of days: every visit is stored."""
    days_each, planners = 8, 2
    barrier = threading.Barrier(planners)
    made: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def planner(offset: int) -> None:
        barrier.wait()
        for i in range(days_each):
            try:
                key = assign(engine, DAY + timedelta(days=planners * i + offset)).external_key
            except BaseException as error:  # noqa: BLE001 - reported below
                with lock:
                    failures.append(error)
                continue
            with lock:
                made.append(key)

    threads = [threading.Thread(target=planner, args=(n,)) for n in range(planners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(made) == len(set(made)) == days_each * planners
    stored = {v.external_key for v in list_visits(engine) if v.location_id == LONG_LOCATION}
    assert stored == set(made)


def test_a_window_that_ends_before_it_starts_is_refused(engine: Engine) -> None:
    with pytest.raises(ValueError, match="ends \\(2 November 2026\\) before it starts"):
        programme.assign_visit(
            LEADER,
            engine,
            tablet_questionnaire(),
            location_id=LONG_LOCATION,
            shopper_id=SHOPPER_ID,
            window_start=DAY,
            window_end=DAY - timedelta(days=1),
        )


@pytest.mark.parametrize("viewer", [ANALYST, SHOPPER], ids=["analyst", "shopper"])
def test_only_who_runs_the_programme_changes_it(
    engine: Engine, viewer: Viewer, tmp_path: Path
) -> None:
    table = tmp_path / "visits.csv"
    table.write_text("visit,location,shopper\n", encoding="utf-8")
    for change in (
        lambda: programme.programme(viewer, engine, "bank-advisory"),
        lambda: assign_as(viewer, engine),
        lambda: store_questionnaire_file(viewer, engine, TABLET_QUESTIONNAIRE),
        lambda: import_visits(viewer, engine, "bank-tablet", table),
        lambda: issue_visit_link(viewer, engine, 1),
    ):
        with pytest.raises(NotAllowed):
            change()


def assign_as(viewer: Viewer, engine: Engine) -> None:
    programme.assign_visit(
        viewer,
        engine,
        tablet_questionnaire(),
        location_id=LONG_LOCATION,
        shopper_id=SHOPPER_ID,
        window_start=DAY,
        window_end=DAY,
    )


def test_links_and_imports_name_who_made_them(engine: Engine, tmp_path: Path) -> None:
    visit_id = list_visits(engine)[0].id
    issue_visit_link(LEADER, engine, visit_id, hours=2)
    table = tmp_path / "visits.csv"
    table.write_text(
        "visit,location,shopper,visited_on,greeted,wait,tidy,whole-economy,outcome,minutes,jargon\n"
        f"p-1,tablet-branch,{SHOPPER_ID},2026-10-02,yes,60,5,yes,A pre-approval,45,no\n",
        encoding="utf-8",
    )
    result = import_visits(LEADER, engine, "bank-tablet", table)
    assert (result.visits, result.answers, result.errors) == (1, 7, [])
    again = import_visits(LEADER, engine, "bank-tablet", table)  # a re-run adds nothing
    assert (again.visits, again.answers, again.known) == (0, 0, ["p-1"])
    actors = {(e.action, e.object_kind): e.actor for e in reversed(read_audit(engine))}
    assert actors[("issued link", "visit")] == "leif.leader"
    assert actors[("imported", "visits")] == "leif.leader"
