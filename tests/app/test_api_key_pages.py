"""The Accounts page's API keys: made and shown once, listed, revoked."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.services.api_keys import KeyRefused, let_in
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.ui.shell import state
from tests.access_workspace import ACCOUNTS, AccessWorkspace, seed_access_workspace
from tests.app.conftest import app, page_path


@pytest.fixture
def workspace(empty_workspace: str) -> AccessWorkspace:
    engine = open_database(empty_workspace)
    seeded = seed_access_workspace(engine)
    engine.dispose()
    return seeded


def accounts_page() -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS["admin"]
    at.run()
    at.switch_page(page_path("accounts")).run()
    assert not at.exception, at.exception
    return at


def test_an_admin_makes_a_key_sees_it_once_and_revokes_it(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    at = accounts_page()
    assert "No API keys yet." in [i.value for i in at.info]
    name = next(t for t in at.text_input if t.label == "Key name")
    name.input("typeform-branches")
    next(s for s in at.selectbox if s.label == "Scope").select("push")
    next(m for m in at.multiselect if m.label.startswith("Journeys")).select("bank-advisory")
    next(b for b in at.button if b.label == "Make key").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Made the API key typeform\\-branches \\(push\\)\\."]
    secret = at.code[0].value
    assert secret.startswith("jm_")
    engine = open_database(empty_workspace)
    caller = let_in(engine, secret, "push", "bank-advisory", "test")
    assert caller.key.journeys == ("bank-advisory",)
    at.run()  # the next run lists the key, and shows its secret no more
    assert secret not in [c.value for c in at.code]
    table = at.dataframe[-1].value
    assert list(table["Name"]) == ["typeform-branches"]
    assert list(table["Journeys"]) == ["bank-advisory"]
    assert list(table["State"]) == ["active"]

    next(s for s in at.selectbox if s.label == "Revoke a key").select("typeform-branches")
    next(b for b in at.button if b.label == "Revoke key").click().run()
    assert not at.exception, at.exception
    with pytest.raises(KeyRefused):
        let_in(engine, secret, "push", "bank-advisory", "test")
    entries = read_audit(engine, object_kind="api key")
    assert [(e.action, e.actor) for e in entries if e.action != "used"] == [
        ("revoked", ACCOUNTS["admin"]),
        ("created", ACCOUNTS["admin"]),
    ]
    at.run()
    assert list(at.dataframe[-1].value["State"]) == [f"revoked by {ACCOUNTS['admin']}"]
    engine.dispose()


def test_a_bad_key_name_is_one_sentence(workspace: AccessWorkspace) -> None:
    at = accounts_page()
    next(t for t in at.text_input if t.label == "Key name").input("  ")
    next(b for b in at.button if b.label == "Make key").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "the key name '' cannot be used\\: give 1 to 80 letters, digits, spaces, dots, dashes "
        "or underscores, starting with a letter or digit"
    ]
