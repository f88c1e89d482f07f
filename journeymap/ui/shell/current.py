"""The journey every page shows: the one chosen in the sidebar picker."""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import _
from journeymap.ui.shell import state


def current_journey_id(hint: str = "") -> str:
    """The chosen journey's id; without one, says so and ends the page's run.

    ``hint``: a further way to get a journey, e.g. "or import one on the Get started
    page" (translated by the caller).
    """
    journey_id = st.session_state.get(state.SELECTED_JOURNEY)
    if not journey_id:
        st.warning(
            _("Choose a journey in the sidebar, {hint}.").format(hint=hint)
            if hint
            else _("Choose a journey in the sidebar.")
        )
        st.stop()
    return str(journey_id)
