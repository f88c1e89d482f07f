"""journeymap's Streamlit entry point: page config, who is looking, the picker, navigation.

Everything else lives in journeymap/ui; this file only routes.
"""

from __future__ import annotations

import streamlit as st

from journeymap import settings
from journeymap.i18n import _
from journeymap.model.access import Capability
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import (
    LinkProblem,
    forget_viewer,
    link_problem_screen,
    remember,
    resolve_viewer,
    sidebar_account,
    sign_in_screen,
)
from journeymap.ui.shell.connection import connection_notice
from journeymap.ui.shell.engine import DatabaseUnavailable, get_engine
from journeymap.ui.shell.language import install_language_resolver, remember_account_language
from journeymap.ui.shell.navigation import JOURNEY_PAGE, PAGES, refused_pages, visible_pages
from journeymap.ui.shell.picker import journey_picker
from journeymap.ui.widgets.editor.unsaved import unsaved_note
from journeymap.ui.widgets.text import plain

install_language_resolver()
st.set_page_config(page_title="journeymap", page_icon=":material/route:", layout="wide")
connection_notice()

try:
    settings.check()
except settings.SettingsError as error:
    st.error(plain(str(error)))
    st.stop()

try:
    get_engine()
    forget_viewer()  # worked out afresh on every run: a role taken away applies at once
    viewer = resolve_viewer()
    remember_account_language(viewer)
    summaries = list_journeys()
except DatabaseUnavailable as error:
    st.error(plain(str(error)))
    st.stop()
except LinkProblem as problem:
    link_problem_screen(problem)
    st.stop()

if viewer is None:
    # Every page's address answers with the sign-in form, so that after signing in the
    # person lands on the page they asked for.
    st.navigation(
        [st.Page(sign_in_screen, title=_("Sign in"), url_path="sign-in", default=True)]
        + [
            st.Page(
                sign_in_screen, title=_(spec.title), url_path=spec.url_path, visibility="hidden"
            )
            for spec in PAGES
        ],
        position="hidden",
    ).run()
    st.stop()
remember(viewer)

if viewer.can(Capability.VIEW_JOURNEYS):
    journey_picker(summaries)
    unsaved_note(summaries)
specs = visible_pages(has_journeys=bool(summaries), viewer=viewer)
if not specs:
    st.info(_("There is nothing here for your role yet: ask an admin or a leader."))
    sidebar_account(viewer)
    st.stop()
pages = {
    spec: st.Page(
        spec.path,
        title=_(spec.title),
        icon=spec.icon,
        # The default page answers at "/" only; its own address is the hidden alias below.
        url_path=f"{spec.url_path}-start" if i == 0 else spec.url_path,
        default=i == 0,
    )
    for i, spec in enumerate(specs)
}
sections: dict[str, list[st.Page]] = {}
for spec, page in pages.items():
    sections.setdefault(_(spec.section), []).append(page)
# Pages the role may not open keep their address, hidden from the navigation: opened
# by URL, the page's own first line (require_page) answers "not allowed" instead of
# quietly showing another page.
first_section = next(iter(sections.values()))
# The first page is the default, which Streamlit serves at "/" only: its own address
# (a visit link's /visit-form?visit=…) would answer "Page not found" over the page.
first_section.append(
    st.Page(specs[0].path, title=_(specs[0].title), url_path=specs[0].url_path, visibility="hidden")
)
for spec in refused_pages(viewer):
    first_section.append(
        st.Page(spec.path, title=_(spec.title), url_path=spec.url_path, visibility="hidden")
    )

if JOURNEY_PAGE in pages and st.session_state.pop(state.OPEN_JOURNEY_PAGE, False):
    st.switch_page(pages[JOURNEY_PAGE])
wanted_page = st.session_state.pop(state.OPEN_PAGE, None)
for spec, page in pages.items():
    if spec.file == wanted_page:
        st.switch_page(page)

message = st.session_state.pop(state.FLASH_MESSAGE, None)
if message:
    st.toast(plain(message), icon=":material/check_circle:")

sidebar_account(viewer)
# Every page visible: a workshop should not hunt behind "View 9 more".
st.navigation(sections, expanded=True).run()
