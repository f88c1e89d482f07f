"""AppTest for the Sand ranking and the workshop walk on the demo workspace."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from journeymap.demo import SAND_TOUCHPOINTS
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import list_notes
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts

JOURNEY = "bank-advisory"
OWNER = "apptest"


@pytest.fixture
def demo_workspace(monkeypatch: pytest.MonkeyPatch, demo_url: str) -> str:
    monkeypatch.setenv("JOURNEYMAP_DB_URL", demo_url)
    monkeypatch.setenv("JOURNEYMAP_AUTHOR", "apptest")
    return demo_url


def open_page(name: str) -> AppTest:
    at = app()
    at.query_params["journey"] = JOURNEY
    at.run()
    at.switch_page(page_path(name)).run()
    assert_clean(at)
    return at


@pytest.mark.usefixtures("demo_workspace")
def test_sand_page_ranks_the_demo_sand_first() -> None:
    at = open_page("sand")
    assert [t.value for t in at.title] == ["Sand in the machine"]
    table = at.dataframe[0].value
    top = table["touchpoint"].head(3).tolist()
    engine = open_database(_url())
    journey = JourneyRepository(engine).get(JOURNEY)
    assert journey is not None
    names = {t.id: t.name for t in journey.journey.touchpoints}
    assert set(top) == {names[t] for t in SAND_TOUCHPOINTS[JOURNEY]}
    assert table["health"].head(3).tolist() == ["Sand in the machine"] * 3
    shown = texts(at)
    assert "(n=" in shown
    assert "Evidence from" in shown
    assert at.get("plotly_chart"), "the touchpoint × location heatmap is missing"


def _url() -> str:
    import os

    return os.environ["JOURNEYMAP_DB_URL"]


@pytest.mark.usefixtures("demo_workspace")
def test_walk_steps_forward_and_back_and_saves_a_note() -> None:
    at = open_page("walk")
    assert "Step 1 of" in texts(at)
    next(b for b in at.button if b.label.startswith("Next")).click().run()
    assert_clean(at)
    assert "Step 2 of" in texts(at)
    next(b for b in at.button if b.label == "Previous").click().run()
    assert "Step 1 of" in texts(at)
    at.text_input(key="walk_note_text-1").input("Kunden kan ikke finde <b>knappen</b>")
    next(b for b in at.button if b.label == "Add note").click().run()
    assert_clean(at)
    assert "Kunden kan ikke finde <b>knappen</b>" in texts(at)
    notes = list_notes(open_database(_url()), JOURNEY)
    # Signed by the workspace's owner (JOURNEYMAP_AUTHOR), not by a name anyone types.
    assert [(n.text, n.author) for n in notes] == [("Kunden kan ikke finde <b>knappen</b>", OWNER)]
    assert not [t for t in at.text_input if t.label == "Your name"]
    entry = read_audit(open_database(_url()), object_kind="walk note")[0]
    assert (entry.actor, entry.object_id) == (OWNER, str(notes[0].id))


@pytest.mark.usefixtures("demo_workspace")
def test_walk_ends_with_a_summary_of_notes_and_sand() -> None:
    at = app()
    at.query_params["journey"] = JOURNEY
    at.query_params["step"] = "99"
    at.run()
    at.switch_page(page_path("walk")).run()
    assert_clean(at)
    shown = texts(at)
    assert "Summary of the walk" in shown
    assert "Sand in the machine" in shown
