"""Which language the app speaks to whoever is looking, and the switches that choose it.

In order: the language picked on the sign-in screen for this browser session, the
signed-in person's own (stored with their account), then the workspace's
(JOURNEYMAP_LANGUAGE).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from journeymap.i18n import LANGUAGE_NAMES, LANGUAGES, Language, _, set_language_resolver
from journeymap.i18n.translate import workspace_language
from journeymap.model.access import Viewer
from journeymap.services.preferences import own_language, set_own_language
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine

# The sidebar's choice that hands the language back to the workspace's.
WORKSPACE_DEFAULT = ""


def _known(value: object) -> Language | None:
    return next((language for language in LANGUAGES if language == value), None)


def session_language() -> Language | None:
    """The reader's language as this browser session knows it; None outside a script
    run (a thread of its own, a command) or when nobody chose one."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return _known(st.session_state.get(state.LANGUAGE)) or _known(
        st.session_state.get(state.ACCOUNT_LANGUAGE)
    )


def install_language_resolver() -> None:
    set_language_resolver(session_language)


def remember_account_language(viewer: Viewer | None) -> None:
    """Read the signed-in person's own language once for this run (none when nobody is)."""
    language = own_language(viewer, get_engine()) if viewer is not None else None
    if language is None:
        st.session_state.pop(state.ACCOUNT_LANGUAGE, None)
    else:
        st.session_state[state.ACCOUNT_LANGUAGE] = language


def _picked_on_sign_in() -> None:
    st.session_state[state.LANGUAGE] = st.session_state[state.SIGN_IN_LANGUAGE]


def sign_in_language_switch() -> None:
    """The language of this browser session, each named in itself, for someone who
    cannot read the page yet."""
    current = session_language() or workspace_language()
    st.segmented_control(
        _("Language"),
        LANGUAGES,
        default=current,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=state.SIGN_IN_LANGUAGE,
        on_change=_picked_on_sign_in,
        label_visibility="collapsed",
        width="stretch",
    )


def _option_label(value: str) -> str:
    if value == WORKSPACE_DEFAULT:
        return _("Workspace default ({language})").format(
            language=LANGUAGE_NAMES[workspace_language()]
        )
    return LANGUAGE_NAMES[value]  # type: ignore[index]


def _save_setting(viewer: Viewer) -> None:
    chosen = st.session_state[state.LANGUAGE_SETTING] or None
    if viewer.workspace_owner or viewer.only_visit is not None:
        # No account to keep it in: it holds for this browser session.
        st.session_state[state.LANGUAGE] = chosen
        return
    # Only the languages journeymap speaks are offered, and only to someone with an
    # account: nothing here can be refused.
    saved = set_own_language(viewer, get_engine(), chosen)
    # The account's own choice now goes before whatever was picked on signing in.
    st.session_state.pop(state.LANGUAGE, None)
    if saved is None:
        st.session_state.pop(state.ACCOUNT_LANGUAGE, None)
    else:
        st.session_state[state.ACCOUNT_LANGUAGE] = saved


def language_setting(viewer: Viewer) -> None:
    """The person's own language, in the sidebar under their name: saved with their
    account and in force from this click on."""
    if state.LANGUAGE_SETTING not in st.session_state:
        picked = _known(st.session_state.get(state.LANGUAGE)) or _known(
            st.session_state.get(state.ACCOUNT_LANGUAGE)
        )
        st.session_state[state.LANGUAGE_SETTING] = picked or WORKSPACE_DEFAULT
    st.sidebar.selectbox(
        _("Language"),
        (WORKSPACE_DEFAULT, *LANGUAGES),
        format_func=_option_label,
        key=state.LANGUAGE_SETTING,
        on_change=_save_setting,
        args=(viewer,),
    )
