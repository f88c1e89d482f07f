"""Presentation mode: the map, the graph or the walk on a projector.

``?present=1`` in the address (or the Present button) hides the sidebar and
Streamlit's header and sets the type larger, so that the diagram fills the screen and
the back row can read it. The address keeps the mode, so a reload stays in it and a
facilitator can open the workshop straight into it.
"""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import _
from journeymap.ui.shell import state

# Constant CSS, no user text: Streamlit sizes its type in rem, so a larger root font
# enlarges every label, button and heading at once.
PRESENT_CSS = """
<style>
html { font-size: 20px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
    display: none !important;
}
[data-testid="stMainBlockContainer"], .block-container {
    padding-top: 0.75rem !important;
    padding-left: 1.5rem !important;
    padding-right: 1.5rem !important;
    max-width: 100% !important;
}
</style>
"""


def presenting() -> bool:
    return st.query_params.get(state.PRESENT_QUERY_PARAM) == "1"


def _set(on: bool) -> None:
    if on:
        st.query_params[state.PRESENT_QUERY_PARAM] = "1"
    else:
        st.query_params.pop(state.PRESENT_QUERY_PARAM, None)


def presentation_switch() -> bool:
    """The Present / Leave button and, when presenting, the CSS; True when presenting.

    Call it where the button should sit (at the top of the page, beside the title).
    """
    on = presenting()
    if on:
        st.html(PRESENT_CSS)
    st.button(
        _("Exit") if on else _("Present"),
        icon=":material/close_fullscreen:" if on else ":material/slideshow:",
        on_click=_set,
        args=(not on,),
        key="present_switch",
        help=_(
            "Presentation mode for a projector: no sidebar, large type (Exit leaves it). "
            "The address keeps it (…?present=1)."
        ),
    )
    return on
