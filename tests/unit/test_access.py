"""The role × page matrix and the role × data-access matrix, allowed and refused."""

from __future__ import annotations

import pytest

from journeymap.model.access import LOCAL_OWNER, Capability, Role, Viewer
from journeymap.store.engine import open_database
from journeymap.store.programme import read_answers, read_visits
from journeymap.store.visits import get_visit, list_visits
from journeymap.ui.shell.navigation import PAGES, refused_pages, visible_pages
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
    assert viewer.shopper_scope == "s"


def test_a_workspace_without_accounts_is_its_owners() -> None:
    assert {p.file for p in visible_pages(True, LOCAL_OWNER)} == ALL


def test_pages_that_need_a_journey_wait_for_one() -> None:
    admin = Viewer(name="a", role=Role.ADMIN)
    shown = {p.file for p in visible_pages(has_journeys=False, viewer=admin)}
    assert shown == {"welcome.py", "new_journey.py", "accounts.py", "audit_log.py"}


DATA_MATRIX = [
    # role, shopper, locations, opens Ada's north visit, opens Ben's south visit,
    # locations whose shopper results are read
    (Role.ADMIN, None, frozenset(), True, True, {NORTH, SOUTH}),
    (Role.LEADER, None, frozenset(), True, True, {NORTH, SOUTH}),
    (Role.ANALYST, None, frozenset(), True, True, {NORTH, SOUTH}),
    (Role.LOCATION_MANAGER, None, frozenset({NORTH}), True, True, {NORTH}),
    (Role.SHOPPER, ADA, frozenset(), True, False, set()),
    (Role.SHOPPER, BEN, frozenset(), False, True, set()),
    (Role.SHOPPER, None, frozenset(), False, False, set()),  # no shopper on the account
]


@pytest.mark.parametrize(("role", "shopper", "locations", "north", "south", "results"), DATA_MATRIX)
def test_role_by_data_access(
    database_url: str,
    role: Role,
    shopper: str | None,
    locations: frozenset[str],
    north: bool,
    south: bool,
    results: set[str],
) -> None:
    """What each role's scoped queries return, allowed and refused.

    A location manager has no page that opens a visit by id (no visit form, no review);
    their scope applies to results, which only list their own locations' visits.
    """
    engine = open_database(database_url)
    seeded = seed_access_workspace(engine)
    viewer = Viewer(name="v", role=role, shopper_id=shopper, locations=locations)
    assert (get_visit(engine, seeded.ada_visit, viewer.shopper_scope) is not None) is north
    assert (get_visit(engine, seeded.ben_visit, viewer.shopper_scope) is not None) is south
    if viewer.can(Capability.VIEW_LOCATION_RESULTS):
        read = set(read_visits(engine, "bank-advisory", viewer.location_scope)["location_id"])
        assert read & {NORTH, SOUTH} == results
    else:
        assert results == set()
    engine.dispose()


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
