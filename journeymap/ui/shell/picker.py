"""The sidebar journey picker, remembered in session state and in the URL."""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import _
from journeymap.services.journeys import JourneySummary
from journeymap.ui.shell import state

# The picker is the first thing in the sidebar, above the pages: with every page listed,
# the navigation is taller than a projector's screen and would push it out of sight.
# Streamlit draws its navigation first and the sidebar's own content after it; constant
# CSS turns the order round.
PICKER_FIRST_CSS = """
<style>
[data-testid="stSidebarContent"] { display: flex; flex-direction: column; }
[data-testid="stSidebarHeader"] { order: 0; }
[data-testid="stSidebarUserContent"] { order: 1; padding-top: 0; padding-bottom: 0.5rem; }
[data-testid="stSidebarNav"] { order: 2; }
</style>
"""


def journey_picker(summaries: list[JourneySummary]) -> str | None:
    """Show the picker in the sidebar and return the selected journey id (None: none)."""
    if not summaries:
        st.session_state.pop(state.SELECTED_JOURNEY, None)
        return None
    st.sidebar.html(PICKER_FIRST_CSS)
    names = {s.id: s.name for s in summaries}
    ids = list(names)
    wanted = st.query_params.get(state.JOURNEY_QUERY_PARAM)
    pending = st.session_state.pop(state.PENDING_SELECTION, None)
    if pending in names:
        st.session_state[state.SELECTED_JOURNEY] = pending
    current = st.session_state.get(state.SELECTED_JOURNEY)
    if current not in names:
        # A new session (first visit, a shared link) follows the URL; a journey that
        # has been deleted meanwhile falls back to the first one.
        st.session_state[state.SELECTED_JOURNEY] = wanted if wanted in names else ids[0]
    selected = st.sidebar.selectbox(
        _("Journey"),
        ids,
        format_func=lambda journey_id: names.get(journey_id, journey_id),
        key=state.SELECTED_JOURNEY,
        help=_(
            "The journey every page shows. The choice is kept in the page address, "
            "so you can bookmark or share it."
        ),
    )
    if st.query_params.get(state.JOURNEY_QUERY_PARAM) != selected:
        st.query_params[state.JOURNEY_QUERY_PARAM] = selected
    return selected
