"""Get started: what a new user does first (load the demo, import a file)."""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.services import workspace
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer, require_page
from journeymap.ui.shell.engine import DEMO_SEED, EXAMPLE_JOURNEYS_DIR, get_engine
from journeymap.ui.shell.navigation import WELCOME_PAGE
from journeymap.ui.widgets.editor.importer import import_form
from journeymap.ui.widgets.text import plain

TITLE = N_("Get started")

INTRO = N_(
    "journeymap maps the journey your customers take — the touchpoints where they meet "
    "you, stage by stage and channel by channel — and shows how many customers reach each "
    "step and where they leave."
)


def render() -> None:
    require_page(WELCOME_PAGE)
    has_journeys = bool(list_journeys())
    st.title(_("Welcome to journeymap") if not has_journeys else _(TITLE))
    st.markdown(_(INTRO))
    if not has_journeys:
        st.info(_("Your workspace is empty. Start in one of two ways:"), icon=":material/info:")
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(_("1. Load the demo workspace"))
        st.markdown(
            _(
                "Three example journeys — a bank's advisory meeting, a retailer's returns "
                "and a broadband fault — to look around with. In a terminal:"
            )
        )
        st.code("python -m journeymap demo", language="bash")
        st.markdown(_("or here:"))
        if st.button(
            _("Load the demo workspace"), type="primary" if not has_journeys else "secondary"
        ):
            load_demo_workspace()
    with right:
        st.subheader(_("2. Import a journey file"))
        st.markdown(
            _(
                "A YAML or JSON file with the journey's stages, touchpoints, transitions and "
                "entries. Problems are listed with where they are and how to fix them."
            )
        )
        import_form()


def load_demo_workspace() -> None:
    engine = get_engine()
    try:
        with st.spinner(_("Loading the demo workspace…")):
            workspace.load_demo_workspace(
                current_viewer(), engine, EXAMPLE_JOURNEYS_DIR, seed=DEMO_SEED
            )
    except FileNotFoundError:
        st.error(
            _(
                "No example journeys found in {folder}: run the app from a full journeymap "
                "checkout."
            ).format(folder=plain(str(EXAMPLE_JOURNEYS_DIR)))
        )
        return
    loaded = [s.id for s in list_journeys()]
    if not loaded:
        return
    st.session_state[state.PENDING_SELECTION] = loaded[0]
    st.session_state[state.OPEN_JOURNEY_PAGE] = True
    st.session_state[state.FLASH_MESSAGE] = ngettext(
        "Loaded the demo workspace: {count} journey.",
        "Loaded the demo workspace: {count} journeys.",
        len(loaded),
    ).format(count=fmt.number(len(loaded)))
    st.rerun()


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()
