"""journeymap's Streamlit entry point: page config, the journey picker, navigation.

Everything else lives in journeymap/ui; this file only routes.
"""

from __future__ import annotations

import streamlit as st

from journeymap.ui import state
from journeymap.ui.navigation import JOURNEY_PAGE, visible_pages
from journeymap.ui.picker import journey_picker
from journeymap.ui.services import DatabaseUnavailable, get_engine, list_journeys
from journeymap.ui.text import plain

st.set_page_config(page_title="journeymap", page_icon=":material/route:", layout="wide")

try:
    get_engine()
    summaries = list_journeys()
except DatabaseUnavailable as error:
    st.error(plain(str(error)))
    st.stop()

journey_picker(summaries)
specs = visible_pages(has_journeys=bool(summaries))
pages = {
    spec: st.Page(
        spec.path, title=spec.title, icon=spec.icon, url_path=spec.url_path, default=i == 0
    )
    for i, spec in enumerate(specs)
}
sections: dict[str, list[st.Page]] = {}
for spec, page in pages.items():
    sections.setdefault(spec.section, []).append(page)

if JOURNEY_PAGE in pages and st.session_state.pop(state.OPEN_JOURNEY_PAGE, False):
    st.switch_page(pages[JOURNEY_PAGE])
wanted_page = st.session_state.pop(state.OPEN_PAGE, None)
for spec, page in pages.items():
    if spec.file == wanted_page:
        st.switch_page(page)

message = st.session_state.pop(state.FLASH_MESSAGE, None)
if message:
    st.toast(plain(message), icon=":material/check_circle:")

# Every page visible: a workshop should not hunt behind "View 9 more".
st.navigation(sections, expanded=True).run()
