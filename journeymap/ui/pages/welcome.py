"""Get started: what a new user does first (load the demo, import a file)."""

from __future__ import annotations

import streamlit as st

from journeymap.services import workspace
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer, require_page
from journeymap.ui.shell.engine import DEMO_SEED, EXAMPLE_JOURNEYS_DIR, get_engine
from journeymap.ui.shell.navigation import WELCOME_PAGE
from journeymap.ui.widgets.editor.importer import import_form
from journeymap.ui.widgets.text import plain

TITLE = "Get started"

INTRO = """
journeymap maps the journey your customers take — the touchpoints where they meet
you, stage by stage and channel by channel — and shows how many customers reach each
step and where they leave.
"""


def render() -> None:
    require_page(WELCOME_PAGE)
    has_journeys = bool(list_journeys())
    st.title("Welcome to journeymap" if not has_journeys else TITLE)
    st.markdown(INTRO)
    if not has_journeys:
        st.info("Your workspace is empty. Start in one of two ways:", icon=":material/info:")
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("1. Load the demo workspace")
        st.markdown(
            "Three example journeys — a bank's advisory meeting, a retailer's returns "
            "and a broadband fault — to look around with. In a terminal:"
        )
        st.code("python -m journeymap demo", language="bash")
        st.markdown("or here:")
        if st.button(
            "Load the demo workspace", type="primary" if not has_journeys else "secondary"
        ):
            load_demo_workspace()
    with right:
        st.subheader("2. Import a journey file")
        st.markdown(
            "A YAML or JSON file with the journey's stages, touchpoints, transitions and "
            "entries. Problems are listed with where they are and how to fix them."
        )
        import_form()


def load_demo_workspace() -> None:
    engine = get_engine()
    try:
        with st.spinner("Loading the demo workspace…"):
            workspace.load_demo_workspace(
                current_viewer(), engine, EXAMPLE_JOURNEYS_DIR, seed=DEMO_SEED
            )
    except FileNotFoundError:
        st.error(
            f"No example journeys found in {plain(str(EXAMPLE_JOURNEYS_DIR))}: "
            "run the app from a full journeymap checkout."
        )
        return
    loaded = [s.id for s in list_journeys()]
    if not loaded:
        return
    st.session_state[state.PENDING_SELECTION] = loaded[0]
    st.session_state[state.OPEN_JOURNEY_PAGE] = True
    st.session_state[state.FLASH_MESSAGE] = f"Loaded the demo workspace: {len(loaded)} journeys."
    st.rerun()


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()
