"""Who may change a journey or take walk notes, and whose name the change carries.

Signed in with an account, the signed-in person is the author of every revision and
walk note and the actor of its audit entry; an analyst or a location manager changes
nothing, not even the friction weights.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import list_notes
from journeymap.ui.shell import state
from tests.access_workspace import ACCOUNTS, AccessWorkspace, seed_access_workspace
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts, unescaped

JOURNEY = "bank-advisory"
SAVE_WEIGHTS = "Save these weights for this journey"
LEADER = ACCOUNTS["leader"]


@pytest.fixture
def workspace(empty_workspace: str) -> AccessWorkspace:
    engine = open_database(empty_workspace)
    seeded = seed_access_workspace(engine)
    engine.dispose()
    return seeded


def signed_in_on(role: str, page: str) -> AppTest:
    at = app()
    at.session_state[state.SIGNED_IN] = ACCOUNTS[role]
    at.query_params["journey"] = JOURNEY
    at.run()
    at.switch_page(page_path(page)).run()
    assert_clean(at)
    return at


def stored(url: str):  # noqa: ANN201
    return JourneyRepository(open_database(url)).get(JOURNEY)


def last_journey_entry(url: str):  # noqa: ANN201
    return read_audit(open_database(url), object_kind="journey")[0]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


# --- friction weights -------------------------------------------------------------------


@pytest.mark.usefixtures("workspace")
@pytest.mark.parametrize("role", ["analyst", "location_manager"])
def test_the_friction_weights_are_read_only_for_who_changes_nothing(
    empty_workspace: str, role: str
) -> None:
    before = stored(empty_workspace)
    at = signed_in_on(role, "sand")
    assert SAVE_WEIGHTS not in labels(at)
    assert not [n for n in at.number_input if n.label == "NPS against target"]
    # The weights in use are still shown, as figures.
    assert "NPS against target" in texts(at)
    assert "0.35" in texts(at)
    assert stored(empty_workspace).revision == before.revision


@pytest.mark.usefixtures("workspace")
def test_a_leaders_weights_are_saved_under_their_name(empty_workspace: str) -> None:
    at = signed_in_on("leader", "sand")
    next(n for n in at.number_input if n.label == "NPS against target").set_value(0.5)
    next(b for b in at.button if b.label == SAVE_WEIGHTS).click().run()
    assert_clean(at)
    assert not at.error
    saved = stored(empty_workspace)
    assert (saved.revision, saved.saved_by) == (2, LEADER)
    assert saved.journey.friction_weights.nps == 0.5
    entry = last_journey_entry(empty_workspace)
    assert (entry.actor, entry.action, entry.object_id) == (LEADER, "changed", JOURNEY)


# --- the editor and the history ---------------------------------------------------------


@pytest.mark.usefixtures("workspace")
def test_a_leaders_edit_is_saved_under_their_name(empty_workspace: str) -> None:
    at = signed_in_on("leader", "edit")
    assert not [t for t in at.text_input if t.label == "Your name"]
    at.segmented_control[0].set_value("Journey").run()
    next(t for t in at.text_input if t.label == "Segment").input("Families").run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert_clean(at)
    saved = stored(empty_workspace)
    assert (saved.revision, saved.saved_by, saved.journey.segment) == (2, LEADER, "Families")
    assert last_journey_entry(empty_workspace).actor == LEADER


@pytest.mark.usefixtures("workspace")
def test_a_leaders_restore_is_saved_under_their_name(empty_workspace: str) -> None:
    at = signed_in_on("leader", "sand")
    next(b for b in at.button if b.label == SAVE_WEIGHTS).click().run()  # unchanged: no save
    assert stored(empty_workspace).revision == 1
    next(n for n in at.number_input if n.label == "Drop-off").set_value(0.3)
    next(b for b in at.button if b.label == SAVE_WEIGHTS).click().run()
    at.switch_page(page_path("history")).run()
    assert not [t for t in at.text_input if t.label == "Your name"]
    next(b for b in at.button if b.label.startswith("Restore revision 1")).click().run()
    assert_clean(at)
    saved = stored(empty_workspace)
    assert (saved.revision, saved.saved_by, saved.journey.friction_weights.flow) == (3, LEADER, 0.1)
    entry = last_journey_entry(empty_workspace)
    assert (entry.actor, entry.detail) == (LEADER, "revision 3: restored revision 1")


# --- walk notes -------------------------------------------------------------------------


@pytest.mark.usefixtures("workspace")
def test_a_leaders_walk_note_is_signed_with_their_name(empty_workspace: str) -> None:
    at = signed_in_on("leader", "walk")
    assert not [t for t in at.text_input if t.label == "Your name"]
    at.text_input(key=f"{state.WALK_NOTE_TEXT}-1").input("Nobody greets at the door")
    next(b for b in at.button if b.label == "Add note").click().run()
    assert_clean(at)
    engine = open_database(empty_workspace)
    [note] = list_notes(engine, JOURNEY)
    assert (note.text, note.author) == ("Nobody greets at the door", LEADER)
    entry = read_audit(engine, object_kind="walk note")[0]
    assert (entry.actor, entry.action, entry.object_id) == (LEADER, "created", str(note.id))
    assert f"{LEADER}," in unescaped(texts(at))


@pytest.mark.usefixtures("workspace")
@pytest.mark.parametrize("role", ["analyst", "location_manager"])
def test_who_changes_nothing_walks_without_taking_notes(empty_workspace: str, role: str) -> None:
    at = signed_in_on(role, "walk")
    assert "Step 1 of" in texts(at)
    assert "Add note" not in labels(at)
    assert not [t for t in at.text_input if t.label == "Note"]
