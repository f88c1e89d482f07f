"""AppTest for the projector: presentation mode on the Journey and Walk pages, the
walk card's map lanes, and a walk summary that holds this walk's notes only."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

import pytest

from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import add_note, list_notes, start_walk
from journeymap.ui.shell import state
from journeymap.ui.shell.picker import PICKER_FIRST_CSS
from journeymap.ui.shell.present import PRESENT_CSS
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts
from tests.app.test_sand_pages import JOURNEY, demo_workspace, open_page  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("demo_workspace")


def _present(name: str, **params: str):  # noqa: ANN202 - AppTest
    at = app()
    at.query_params["journey"] = JOURNEY
    at.query_params["present"] = "1"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page_path(name)).run()
    assert_clean(at)
    return at


def _styles(at) -> str:  # noqa: ANN001
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def test_the_journey_page_presents_the_diagram_alone() -> None:
    at = _present("journey")
    assert PRESENT_CSS.strip() in _styles(at)
    assert [b.label for b in at.button if b.label in ("Present", "Exit")] == ["Exit"]
    assert at.get("plotly_chart")
    # Key figures, the touchpoints table, main path and loops wait for the desk.
    assert not at.metric
    assert not at.dataframe
    assert "Main path" not in [s.value for s in at.subheader]


def test_the_journey_page_offers_presentation_mode_and_keeps_its_tables() -> None:
    at = open_page("journey")
    assert "Present" in [b.label for b in at.button]
    assert PRESENT_CSS.strip() not in _styles(at)
    assert at.metric
    # The picker's style block puts it first in the sidebar.
    assert PICKER_FIRST_CSS.strip() in _styles(at)
    next(b for b in at.button if b.label == "Present").click().run()
    assert at.query_params["present"] == "1"
    assert PRESENT_CSS.strip() in _styles(at)


def test_the_walk_card_shows_pain_points_opportunities_and_backstage() -> None:
    engine = open_database(os.environ["JOURNEYMAP_DB_URL"])
    stored = JourneyRepository(engine).get(JOURNEY)
    assert stored is not None
    at = _present("walk", step="3")
    shown = texts(at)
    assert "Step 3 of" in shown
    for lane in ("Pain points", "Opportunities", "Backstage"):
        assert lane in shown
    [touchpoint] = [t for t in stored.journey.touchpoints if t.name == at.title[0].value]
    for text in [*touchpoint.pain_points, *touchpoint.opportunities]:
        assert text in shown
    assert "Exit" in [b.label for b in at.button]


def test_the_summary_lists_this_walks_notes_and_exports_them() -> None:
    url = os.environ["JOURNEYMAP_DB_URL"]
    engine = open_database(url)
    stored = JourneyRepository(engine).get(JOURNEY)
    assert stored is not None
    first = stored.journey.touchpoints[0].id
    earlier = start_walk(engine, JOURNEY, datetime(2026, 1, 5, 9, tzinfo=UTC), actor="ida")
    add_note(engine, JOURNEY, first, "idea", "Fra sidste workshop", actor="ida",
             walk_id=earlier.id)  # fmt: skip
    at = open_page("walk")
    at.text_input(key="walk_note_text-1").input("Ingen tog imod os")
    next(b for b in at.button if b.label == "Add note").click().run()
    assert_clean(at)
    [note] = [n for n in list_notes(engine, JOURNEY) if n.text == "Ingen tog imod os"]
    assert note.walk_id is not None
    assert note.walk_id != earlier.id
    assert at.query_params[state.WALK_QUERY_PARAM] == str(note.walk_id)
    at.session_state[state.WALK_STEP] = 99
    at.run()
    assert_clean(at)
    shown = texts(at)
    assert "Summary of the walk" in shown
    assert "Ingen tog imod os" in shown
    assert "Fra sidste workshop" not in shown  # another walk's note
    [download] = [d for d in at.get("download_button")]
    assert download.proto.label == "Notes as a spreadsheet (.xlsx)"
    assert not download.proto.disabled


def test_the_walk_cards_give_every_share_and_mean_its_interval() -> None:
    """Promoters' and detractors' shares and the metrics' means came without interval."""
    shown = ""
    for step in range(1, 6):
        shown += texts(_present("walk", step=str(step)))
    # "promoters 63% (47% … 77%), detractors 8% (3% … 21%)": shares with Wilson intervals.
    share = r"\d+% \(\d+% … \d+%\)"
    assert re.search(f"promoters {share}, detractors {share}", shown)
    # A metric's mean with its margin: "Waiting time: 9.6 min ±0.4 (target 5 min), n=…".
    assert re.search(r": [\d.,]+ ?\w* ±[\d.,]+", shown)
