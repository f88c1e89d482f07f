"""The journey every page shows: the one chosen in the sidebar picker."""

from __future__ import annotations

import streamlit as st

from journeymap.ui.shell import state

NO_JOURNEY = "Choose a journey in the sidebar."


def current_journey_id(hint: str = "") -> str:
    """The chosen journey's id; without one, says so and ends the page's run.

    ``hint``: a further way to get a journey, e.g. "or import one on the Get started
    page".
    """
    journey_id = st.session_state.get(state.SELECTED_JOURNEY)
    if not journey_id:
        st.warning(NO_JOURNEY[:-1] + f", {hint}." if hint else NO_JOURNEY)
        st.stop()
    return str(journey_id)
