"""Sign-in, the role × page matrix through the running app, and scoped page data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.model.access import Role
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import add_note, start_walk
from journeymap.ui.shell import state
from journeymap.ui.shell.navigation import PAGES
from tests.access_workspace import ACCOUNTS, PASSWORD, AccessWorkspace, seed_access_workspace
from tests.app.conftest import app, page_path
from tests.unit.test_access import ALLOWED_PAGES

NOT_ALLOWED = "Not allowed"


@pytest.fixture
def workspace(empty_workspace: str) -> AccessWorkspace:
    engine = open_database(empty_workspace)
    seeded = seed_access_workspace(engine)
    engine.dispose()
    return seeded


def signed_in(role: str) -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS[role]
    at.run()
    assert not at.exception, at.exception
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_nobody_gets_in_without_signing_in(workspace: AccessWorkspace) -> None:
    at = app()
    at.run()
    assert titles(at) == ["Sign in to journeymap"]
    at.text_input(key=state.SIGN_IN_NAME).input(ACCOUNTS["leader"])
    at.text_input(key=state.SIGN_IN_PASSWORD).input("wrong password!")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong name or password\\."]
    at.text_input(key=state.SIGN_IN_PASSWORD).input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert "Sign in to journeymap" not in titles(at)
    assert at.session_state[state.SIGNED_IN] == ACCOUNTS["leader"]


@pytest.mark.parametrize("role", list(Role))
def test_every_page_opens_or_refuses_by_role(workspace: AccessWorkspace, role: Role) -> None:
    at = signed_in(role.value)
    for page in PAGES:
        at.switch_page(page_path(page.file.removesuffix(".py"))).run()
        assert not at.exception, (role, page.file, at.exception)
        shown = titles(at)
        if page.file in ALLOWED_PAGES[role]:
            assert NOT_ALLOWED not in shown, (role, page.file)
        else:
            assert shown == [NOT_ALLOWED], (role, page.file, shown)


def test_a_shopper_cannot_open_another_shoppers_visit_by_id(workspace: AccessWorkspace) -> None:
    at = signed_in("shopper")
    at.query_params[state.VISIT_QUERY_PARAM] = str(workspace.ben_visit)
    at.switch_page(page_path("visit_form")).run()
    assert "does not match one of your visits" in at.warning[0].value
    assert "South branch" not in titles(at)
    at.query_params[state.VISIT_QUERY_PARAM] = str(workspace.ada_visit)
    at.run()
    assert titles(at) == ["North branch"]


def test_a_shopper_lists_only_own_visits(workspace: AccessWorkspace) -> None:
    at = signed_in("shopper")
    at.switch_page(page_path("visit_form")).run()
    listed = " ".join(m.value for m in at.markdown)
    assert "North branch" in listed
    assert "South branch" not in listed
    assert not at.main.selectbox  # no picking another shopper (the sidebar: the language)


def test_a_location_manager_sees_own_locations_only(workspace: AccessWorkspace) -> None:
    at = signed_in("location_manager")
    at.switch_page(page_path("sand")).run()
    assert not at.exception
    location = at.selectbox(key=state.EVIDENCE_LOCATION)
    assert location.options == ["North branch"]


def test_a_role_taken_away_applies_at_the_next_click(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    at = signed_in("leader")
    at.switch_page(page_path("edit")).run()
    assert NOT_ALLOWED not in titles(at)
    engine = open_database(empty_workspace)
    from journeymap.store.accounts import update_account

    update_account(engine, ACCOUNTS["leader"], actor="fixture", role="analyst")
    at.run()
    assert titles(at) == [NOT_ALLOWED]
    update_account(engine, ACCOUNTS["leader"], actor="fixture", active=False)
    at.run()
    assert titles(at) == ["Sign in to journeymap"]
    engine.dispose()


def test_admins_see_accounts_and_the_audit_log(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    at = signed_in("admin")
    at.switch_page(page_path("accounts")).run()
    table = at.dataframe[0].value
    assert set(ACCOUNTS.values()) <= set(table["Name"])
    at.switch_page(page_path("audit_log")).run()
    assert not at.exception
    log = at.dataframe[0].value
    assert ACCOUNTS["admin"] in set(log["Which"])
    engine = open_database(empty_workspace)
    assert read_audit(engine, object_kind="account")
    engine.dispose()


@pytest.mark.parametrize(
    ("role", "offered"),
    [("leader", True), ("admin", True), ("analyst", False), ("location_manager", False)],
)
def test_only_those_who_manage_actions_are_offered_a_walk_note_as_an_action(
    workspace: AccessWorkspace, empty_workspace: str, role: str, offered: bool
) -> None:
    engine = open_database(empty_workspace)
    journey = JourneyRepository(engine).get("bank-advisory")
    assert journey is not None
    walk = start_walk(engine, "bank-advisory", datetime.now(UTC), actor="fixture")
    for touchpoint in journey.journey.touchpoints:
        add_note(
            engine, "bank-advisory", touchpoint.id, "idea", "Chairs", actor="fixture",
            walk_id=walk.id,
        )  # fmt: skip
    engine.dispose()
    at = signed_in(role)
    at.session_state[state.WALK_ID] = walk.id  # the walk in progress
    at.switch_page(page_path("walk")).run()
    assert not at.exception, at.exception
    assert NOT_ALLOWED not in titles(at)
    labels = [b.label for b in at.button]
    assert ("Make this an action" in labels) is offered, labels


def test_a_session_survives_a_reload_and_ends_when_signing_out(
    workspace: AccessWorkspace,
) -> None:
    at = app()
    at.run()
    at.text_input(key=state.SIGN_IN_NAME).input(ACCOUNTS["leader"])
    at.text_input(key=state.SIGN_IN_PASSWORD).input(PASSWORD)
    at.button[0].click().run()
    key = at.query_params[state.SESSION_QUERY_PARAM]
    key = key[0] if isinstance(key, list) else key
    assert key
    assert key == at.session_state[state.SESSION_KEY]

    # A reload or a server restart: a new session of the app, only the address is left.
    reloaded = app()
    reloaded.query_params[state.SESSION_QUERY_PARAM] = key
    reloaded.run()
    assert not reloaded.exception, reloaded.exception
    assert "Sign in to journeymap" not in titles(reloaded)
    assert reloaded.session_state[state.SIGNED_IN] == ACCOUNTS["leader"]
    # Switching pages leaves the key out of the address; the next run puts it back.
    reloaded.query_params.pop(state.SESSION_QUERY_PARAM, None)
    reloaded.switch_page(page_path("walk")).run()
    assert reloaded.query_params[state.SESSION_QUERY_PARAM] in (key, [key])

    reloaded.sidebar.button[0].click().run()
    assert titles(reloaded) == ["Sign in to journeymap"]
    again = app()
    again.query_params[state.SESSION_QUERY_PARAM] = key
    again.run()
    assert titles(again) == ["Sign in to journeymap"]
