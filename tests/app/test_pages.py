"""AppTest smoke tests: every page, with an empty workspace and with the examples."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from journeymap.model import Journey
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.ui.shell import state
from tests.app.conftest import TIMEOUT, app, page_path

INVALID_JOURNEY = b"""schema_version: 1
id: broken
name: Broken journey
stages:
  - {id: buy, name: Buy}
touchpoints:
  - {id: shop, name: Visits the shop, stage: by, channel: branch, end: true}
entries:
  - {touchpoint: shop, customers_per_month: 100}
"""


def unescaped(text: str) -> str:
    """Markdown text as shown on screen: the app backslash-escapes user text."""
    return text.replace("\\", "")


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t.value for t in at.title] + [h.value for h in at.subheader]
    return unescaped("\n".join(parts))


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


# --- an empty workspace -------------------------------------------------------------


@pytest.mark.usefixtures("empty_workspace")
def test_empty_workspace_tells_a_new_user_what_to_do() -> None:
    at = app().run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Welcome to journeymap"]
    assert "python -m journeymap demo" in [c.value for c in at.code]
    assert any(b.label == "Load the demo workspace" for b in at.button)
    assert "Import a journey file" in texts(at)
    # No journey to pick yet (the sidebar holds only the language).
    assert [s.key for s in at.sidebar.selectbox] == [state.LANGUAGE_SETTING]
    assert not at.get("plotly_chart")


@pytest.mark.usefixtures("empty_workspace")
def test_load_demo_button_fills_the_workspace_and_opens_the_journey() -> None:
    at = app().run()
    next(b for b in at.button if b.label == "Load the demo workspace").click().run()
    assert_clean(at)
    assert not at.error
    assert len(at.sidebar.selectbox[0].options) >= 3
    assert len(at.get("plotly_chart")) == 1
    assert at.toast
    assert "Loaded the demo workspace" in unescaped(at.toast[0].value)


def test_database_that_cannot_be_opened_is_a_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JOURNEYMAP_DB_URL", f"sqlite:///{blocker / 'sub' / 'journeymap.db'}")
    at = app().run()
    assert_clean(at)
    assert "cannot open its database" in unescaped(at.error[0].value)


# --- with the example journeys ---------------------------------------------------------


def test_journey_page_is_the_default_with_data(example_workspace: list[Journey]) -> None:
    at = app().run()
    assert_clean(at)
    first = sorted(example_workspace, key=lambda j: j.name)[0]
    assert at.sidebar.selectbox[0].value == first.id
    assert at.query_params["journey"] == first.id
    assert unescaped(at.title[0].value) == first.name


@pytest.mark.parametrize("index", [0, 1, 2])
def test_journey_page_shows_each_example(example_workspace: list[Journey], index: int) -> None:
    journey = example_workspace[index]
    at = app().run()
    at.sidebar.selectbox[0].select(journey.id).run()
    assert_clean(at)
    assert not at.error
    assert unescaped(at.title[0].value) == journey.name
    assert len(at.get("plotly_chart")) == 1
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Touchpoints"] == str(len(journey.touchpoints))
    assert metrics["Stages"] == str(len(journey.stages))
    table = at.dataframe[0].value
    assert len(table) == len(journey.touchpoints)
    assert set(table["Touchpoint"]) == {tp.name for tp in journey.touchpoints}
    shown = texts(at)
    assert "Main path" in shown
    assert "Loops" in shown
    assert at.query_params["journey"] == journey.id


def test_journey_link_opens_that_journey(example_workspace: list[Journey]) -> None:
    wanted = example_workspace[-1]
    at = app()
    at.query_params["journey"] = wanted.id
    at.run()
    assert_clean(at)
    assert unescaped(at.title[0].value) == wanted.name


def test_unknown_journey_in_link_falls_back_to_the_first(
    example_workspace: list[Journey],
) -> None:
    at = app()
    at.query_params["journey"] = "no-such-journey"
    at.run()
    assert_clean(at)
    assert at.sidebar.selectbox[0].value in {j.id for j in example_workspace}
    assert len(at.get("plotly_chart")) == 1


def test_get_started_page_stays_reachable_with_data(example_workspace: list[Journey]) -> None:
    at = app().run()
    at.switch_page(page_path("welcome")).run()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Get started"]
    assert any(b.label == "Load the demo workspace" for b in at.button)
    assert not at.get("plotly_chart")


def test_journey_with_markup_in_its_name_shows_as_text(
    empty_workspace: str, example_journeys: list[Journey]
) -> None:
    name = "<b>Bold</b> *stars* & $x$"
    journey = example_journeys[0].model_copy(update={"name": name})
    JourneyRepository(open_database(empty_workspace)).save(
        journey, author="fixture", base_revision=None
    )
    at = app().run()
    assert_clean(at)
    assert unescaped(at.title[0].value) == name
    assert "<b>" not in at.title[0].value
    assert "\\*stars\\*" in at.title[0].value


# --- importing a file ------------------------------------------------------------------


def _import_script(name: str, data: bytes) -> None:
    # Runs as a Streamlit script: import once, as one press of the Import button would.
    import streamlit as st

    from journeymap.ui.widgets.editor.importer import import_file

    if not st.session_state.get("imported"):
        st.session_state["imported"] = True
        import_file(name, data)


def run_import(name: str, data: bytes) -> AppTest:
    return AppTest.from_function(_import_script, args=(name, data), default_timeout=TIMEOUT).run()


@pytest.mark.usefixtures("empty_workspace")
def test_invalid_file_shows_its_problems_as_sentences() -> None:
    at = run_import("broken.yaml", INVALID_JOURNEY)
    assert_clean(at)
    message = unescaped(at.error[0].value)
    assert "broken.yaml" in message
    assert "cannot be imported" in message
    assert "Touchpoints[shop].stage: 'Visits the shop' is in an unknown stage 'by'" in message
    assert message.endswith(
        "More checks (shares, reachability, dead ends, loops) run once these are fixed."
    )


@pytest.mark.usefixtures("empty_workspace")
def test_not_a_journey_file_shows_a_sentence() -> None:
    at = run_import("notes.json", b"{ this is not json")
    assert_clean(at)
    assert "fix the JSON" in unescaped(at.error[0].value)


def test_valid_file_is_saved(empty_workspace: str) -> None:
    data = INVALID_JOURNEY.replace(b"stage: by", b"stage: buy").replace(b"<", b"")
    at = run_import("shop.yaml", data)
    assert_clean(at)
    assert not at.error
    stored = JourneyRepository(open_database(empty_workspace)).get("broken")
    assert stored is not None
    assert stored.journey.name == "Broken journey"
    assert at.session_state["pending_selection"] == "broken"


def test_stale_file_is_refused_with_a_sentence(example_workspace: list[Journey]) -> None:
    from journeymap.io.journey_files import journey_to_yaml

    journey = example_workspace[0]
    changed = journey.model_copy(update={"description": "Changed in the file"})
    at = run_import("old.yaml", journey_to_yaml(changed).encode())
    assert_clean(at)
    assert "reload it and apply your change again" in unescaped(at.error[0].value)
    st.cache_data.clear()
