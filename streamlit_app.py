"""journeymap's Streamlit entry point: page config, the journey picker, navigation.

Everything else lives in journeymap/ui; this file only routes.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from journeymap.ui import state
from journeymap.ui.pages import journey, welcome
from journeymap.ui.picker import journey_picker
from journeymap.ui.services import DatabaseUnavailable, get_engine, list_journeys
from journeymap.ui.text import plain

# Pages are files (run as scripts) so that AppTest can switch to each of them.
PAGES = Path(__file__).parent / "journeymap" / "ui" / "pages"

st.set_page_config(page_title="journeymap", page_icon=":material/route:", layout="wide")

try:
    get_engine()
    summaries = list_journeys()
except DatabaseUnavailable as error:
    st.error(plain(str(error)))
    st.stop()

journey_picker(summaries)
welcome_page = st.Page(
    PAGES / "welcome.py",
    title=welcome.TITLE,
    icon=":material/rocket_launch:",
    url_path="get-started",
    default=not summaries,
)
pages = [welcome_page]
if summaries:
    journey_page = st.Page(
        PAGES / "journey.py",
        title=journey.TITLE,
        icon=":material/route:",
        url_path="journey",
        default=True,
    )
    pages = [journey_page, welcome_page]
    if st.session_state.pop(state.OPEN_JOURNEY_PAGE, False):
        st.switch_page(journey_page)

message = st.session_state.pop(state.FLASH_MESSAGE, None)
if message:
    st.toast(plain(message), icon=":material/check_circle:")

st.navigation(pages).run()
