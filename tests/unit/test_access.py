"""The role × page matrix and the role × data-access matrix, allowed and refused."""

from __future__ import annotations

import pytest

from journeymap.model.access import LOCAL_OWNER, Capability, Role, Viewer
from journeymap.store.engine import open_database
from journeymap.store.programme import read_answers, read_visits
from journeymap.store.visits import get_visit, list_visits
from journeymap.ui.navigation import PAGES, refused_pages, visible_pages
from tests.access_workspace import ADA, BEN, NORTH, SOUTH, seed_access_workspace

ALL = {page.file for page in PAGES}
# Written out by hand from the roles' descriptions, not derived from the code.
ALLOWED_PAGES: dict[Role, set[str]] = {
    Role.ADMIN: ALL,
    Role.LEADER: ALL - {"visit_form.py", "accounts.py", "audit_log.py"},
    Role.ANALYST: {
        "journey.py",
        "compare.py",
        "sand.py",
        "walk.py",
        "shopper_results.py",
        "nps.py",
        "verbatims.py",
        "period_report.py",
        "export.py",
    },
    Role.LOCATION_MANAGER: {
        "journey.py",
        "compare.py",
        "sand.py",
        "walk.py",
        "shopper_results.py",
    },
    Role.SHOPPER: {"visit_form.py"},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_exactly_its_pages(role: Role) -> None:
    viewer = Viewer(name="someone", role=role, shopper_id="s", locations=frozenset({"x"}))
    shown = {page.file for page in visible_pages(has_journeys=True, viewer=viewer)}
    refused = {page.file for page in refused_pages(viewer)}
    assert shown == ALLOWED_PAGES[role]
    assert refused == ALL - ALLOWED_PAGES[role]


def test_a_visit_link_opens_the_visit_form_and_nothing_else() -> None:
    viewer = Viewer(name="visit link 7", role=Role.SHOPPER, shopper_id="s", only_visit=7)
    assert {p.file for p in visible_pages(True, viewer)} == {"visit_form.py"}
    assert viewer.may_open_visit(7, "s", "x")
    assert not viewer.may_open_visit(8, "s", "x")  # the same shopper's other visit


def test_a_workspace_without_accounts_is_its_owners() -> None:
    assert {p.file for p in visible_pages(True, LOCAL_OWNER)} == ALL


def test_pages_that_need_a_journey_wait_for_one() -> None:
    admin = Viewer(name="a", role=Role.ADMIN)
    shown = {p.file for p in visible_pages(has_journeys=False, viewer=admin)}
    assert shown == {"welcome.py", "new_journey.py", "accounts.py", "audit_log.py"}


VISIT_MATRIX = [
    # role, shopper, locations, may open Ada's north visit, may open Ben's south visit
    (Role.ADMIN, None, frozenset(), True, True),
    (Role.LEADER, None, frozenset(), True, True),
    (Role.ANALYST, None, frozenset(), True, True),
    (Role.LOCATION_MANAGER, None, frozenset({NORTH}), True, False),
    (Role.SHOPPER, ADA, frozenset(), True, False),
    (Role.SHOPPER, BEN, frozenset(), False, True),
    (Role.SHOPPER, None, frozenset(), False, False),  # a shopper account without a shopper
]


@pytest.mark.parametrize(("role", "shopper", "locations", "north", "south"), VISIT_MATRIX)
def test_who_may_open_which_visit(
    role: Role, shopper: str | None, locations: frozenset[str], north: bool, south: bool
) -> None:
    viewer = Viewer(name="v", role=role, shopper_id=shopper, locations=locations)
    assert viewer.may_open_visit(1, ADA, NORTH) is north
    assert viewer.may_open_visit(2, BEN, SOUTH) is south


def test_stores_read_only_what_the_viewer_may_see(database_url: str) -> None:
    engine = open_database(database_url)
    seeded = seed_access_workspace(engine)
    ada = Viewer(name="ada", role=Role.SHOPPER, shopper_id=ADA)
    manager = Viewer(name="mona", role=Role.LOCATION_MANAGER, locations=frozenset({NORTH}))
    analyst = Viewer(name="ane", role=Role.ANALYST)

    # A shopper loading another shopper's visit by id gets nothing back.
    assert get_visit(engine, seeded.ada_visit, ada.shopper_scope) is not None
    assert get_visit(engine, seeded.ben_visit, ada.shopper_scope) is None
    own = list_visits(engine, shopper_id=ada.shopper_scope)
    assert {v.shopper_id for v in own} == {ADA}
    # Leaders, analysts and admins are not narrowed.
    assert analyst.shopper_scope is None
    assert get_visit(engine, seeded.ben_visit, analyst.shopper_scope) is not None

    # A location manager's result queries hold their locations only.
    visits = read_visits(engine, "bank-advisory", manager.location_scope)
    assert set(visits["location_id"]) == {NORTH}
    everyone = read_visits(engine, "bank-advisory", analyst.location_scope)
    assert {NORTH, SOUTH} <= set(everyone["location_id"])
    answers = read_answers(engine, "bank-advisory", manager.location_scope)
    assert set(answers["location_id"]) <= {NORTH}
    engine.dispose()


def test_a_location_manager_without_locations_sees_no_location() -> None:
    manager = Viewer(name="m", role=Role.LOCATION_MANAGER)
    assert manager.location_scope == frozenset()
    assert not manager.can(Capability.VIEW_ALL_RESULTS)
