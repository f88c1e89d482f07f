"""Choosing the language: on the sign-in screen for the browser session, in the
sidebar for one's own account (stored, audited, in force at once), the workspace's
default otherwise; the navigation and the cached loaders follow."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import ButtonGroup

from journeymap.i18n import current_language, use_language
from journeymap.model.access import Role, Viewer
from journeymap.services.preferences import own_language, set_own_language
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.ui.loaders.keys import journey_key
from journeymap.ui.shell import state
from journeymap.ui.shell.language import session_language
from tests.access_workspace import ACCOUNTS, AccessWorkspace, seed_access_workspace
from tests.app.conftest import app

LEADER = ACCOUNTS["leader"]


@pytest.fixture
def workspace(empty_workspace: str) -> AccessWorkspace:
    engine = open_database(empty_workspace)
    seeded = seed_access_workspace(engine)
    engine.dispose()
    return seeded


def signed_in(name: str) -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = name
    at.run()
    assert not at.exception, at.exception
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


@pytest.mark.usefixtures("workspace")
def test_the_sign_in_screen_switches_the_session_to_the_language_picked() -> None:
    at = app().run()
    assert titles(at) == ["Sign in to journeymap"]
    switch = at.get("button_group")[0]
    assert isinstance(switch, ButtonGroup)
    assert switch.options == ["Dansk", "Norsk (bokmål)", "Svenska", "English"]
    switch.set_value("da").run()
    assert titles(at) == ["Log ind i journeymap"]
    assert any(b.label == "Log ind" for b in at.button)
    switch = at.get("button_group")[0]
    assert isinstance(switch, ButtonGroup)
    switch.set_value("sv").run()
    assert titles(at) == ["Logga in i journeymap"]


@pytest.mark.usefixtures("workspace")
def test_the_workspace_default_applies_until_someone_chooses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "nb")
    at = app().run()
    assert titles(at) == ["Logg inn i journeymap"]


def test_ones_own_language_is_stored_audited_and_in_force_at_once(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    at = signed_in(LEADER)
    setting = at.sidebar.selectbox(key=state.LANGUAGE_SETTING)
    assert setting.value == ""  # the workspace's, English
    setting.set_value("da").run()
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key=state.LANGUAGE_SETTING).label == "Sprog"
    assert any("Logget ind som" in c.value for c in at.sidebar.caption)
    engine = open_database(empty_workspace)
    leader = Viewer(LEADER, Role.LEADER)
    assert own_language(leader, engine) == "da"
    entry = read_audit(engine, actor=LEADER, limit=1)[0]
    assert entry.detail == "language workspace default → da"

    # A new session of the same person starts in their language.
    again = signed_in(LEADER)
    assert again.sidebar.selectbox(key=state.LANGUAGE_SETTING).label == "Sprog"
    set_own_language(leader, engine, None)
    engine.dispose()


def test_a_session_opens_in_ones_own_language(
    workspace: AccessWorkspace, empty_workspace: str
) -> None:
    engine = open_database(empty_workspace)
    set_own_language(Viewer(LEADER, Role.LEADER), engine, "sv")
    engine.dispose()
    at = signed_in(LEADER)
    assert at.sidebar.selectbox(key=state.LANGUAGE_SETTING).label == "Språk"
    assert any("Inloggad som" in c.value for c in at.sidebar.caption)
    # (AppTest formats a widget's value outside the script run, where the session's
    # language is not known: a page switch here would compare English with Swedish.)


def test_outside_a_script_run_the_resolver_leaves_the_choice_to_the_workspace(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert session_language() is None
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "sv")
    assert current_language() == "sv"


def test_a_cached_loader_is_keyed_on_the_language(empty_workspace: str) -> None:
    with use_language("da"):
        danish = journey_key("bank", 1)
    with use_language("sv"):
        swedish = journey_key("bank", 1)
    assert (danish.language, swedish.language) == ("da", "sv")
    assert danish != swedish
    assert danish.journey_part().language == "da"


def test_a_loaders_spinner_speaks_the_readers_language() -> None:
    from streamlit.string_util import clean_text

    from journeymap.i18n import N_
    from journeymap.ui.loaders.keys import Spinner

    spinner = Spinner(N_("Drawing the journey…"))
    with use_language("da"):
        assert clean_text(spinner) == "Tegner kunderejsen…"
    with use_language("en"):
        assert clean_text(spinner) == "Drawing the journey…"
