"""Who is looking: sign-in with a password or single sign-on, visit links, sign-out.

The viewer is worked out again on every run from what the server holds (the account
row, the link's key), so a role taken away or an account switched off applies at the
next click, and nothing the browser sends can claim a role.
"""

from __future__ import annotations

import streamlit as st

from journeymap.i18n import _
from journeymap.model.access import ROLE_LABELS, Capability, Viewer
from journeymap.services.sign_in import (
    LinkRefused,
    SignInRefused,
    account_viewer,
    email_viewer,
    session_viewer,
    sign_in,
    sign_out,
    visit_link_session,
    workspace_viewer,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.language import language_setting, sign_in_language_switch
from journeymap.ui.shell.navigation import PageSpec
from journeymap.ui.widgets.text import plain

OPEN_LOCK = ":material/lock_open:"


class LinkProblem(Exception):
    """A visit link that cannot open its visit; the message tells the shopper why."""


def single_sign_on_configured() -> bool:
    """True when ``[auth]`` in .streamlit/secrets.toml configures an OIDC provider."""
    try:
        auth = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 - no secrets file at all is the common case
        return False
    return bool(auth) and bool(
        auth.get("client_id") or any(isinstance(v, dict) for v in auth.values())
    )


def resolve_viewer() -> Viewer | None:
    """The viewer of this run, or None when someone has to sign in first.

    Raises LinkProblem for a visit link that is expired, used or unknown.
    """
    engine = get_engine()
    link_viewer = _visit_link_viewer()
    if link_viewer is not None:
        return link_viewer
    owner = workspace_viewer(engine)
    if owner is not None:
        return owner
    from_session = _session_viewer()
    if from_session is not None:
        return from_session
    name = st.session_state.get(state.SIGNED_IN)
    if name:
        viewer = account_viewer(engine, name)
        if viewer is not None:
            return viewer
        st.session_state.pop(state.SIGNED_IN, None)
    if single_sign_on_configured() and st.user.is_logged_in:
        return email_viewer(engine, str(st.user.get("email") or ""))
    return None


def _session_viewer() -> Viewer | None:
    """The person this device's session stands for; the key goes back into the address
    on every run, since switching pages leaves it out."""
    key = st.query_params.get(state.SESSION_QUERY_PARAM) or st.session_state.get(state.SESSION_KEY)
    if not key:
        return None
    viewer = session_viewer(get_engine(), key)
    if viewer is None:
        # Ended (signed out elsewhere, expired, account switched off): sign in again.
        st.session_state.pop(state.SESSION_KEY, None)
        st.session_state.pop(state.SIGNED_IN, None)
        st.query_params.pop(state.SESSION_QUERY_PARAM, None)
        return None
    st.session_state[state.SESSION_KEY] = key
    st.session_state[state.SIGNED_IN] = viewer.name
    if st.query_params.get(state.SESSION_QUERY_PARAM) != key:
        st.query_params[state.SESSION_QUERY_PARAM] = key
    return viewer


def _visit_link_viewer() -> Viewer | None:
    token = st.query_params.get(state.VISIT_TOKEN_PARAM)
    raw_visit = st.query_params.get(state.VISIT_QUERY_PARAM, "")
    if not token:
        return None
    if not raw_visit.isdigit():
        raise LinkProblem(_("This visit link is incomplete: ask for a new one."))
    try:
        opened = visit_link_session(get_engine(), int(raw_visit), token)
    except LinkRefused as error:
        raise LinkProblem(str(error)) from None
    if opened.device_key is not None:
        # The address now holds this device's key: a reload stays in the form, and
        # the link itself cannot be opened a second time.
        st.query_params[state.VISIT_TOKEN_PARAM] = opened.device_key
    return opened.viewer


def current_viewer() -> Viewer:
    """The viewer the router settled on for this run (pages call this)."""
    viewer = st.session_state.get(state.VIEWER)
    if isinstance(viewer, Viewer):
        return viewer
    # A page run on its own (tests, a direct script run): work it out here.
    resolved = resolve_viewer()
    if resolved is None:
        st.warning(_("Sign in first."))
        st.stop()
    remember(resolved)
    return resolved


def remember(viewer: Viewer) -> None:
    """The viewer of this run, for pages to pass to every service they call."""
    st.session_state[state.VIEWER] = viewer


def forget_viewer() -> None:
    st.session_state.pop(state.VIEWER, None)


def require(capability: Capability) -> Viewer:
    """Stop the page unless the viewer may use it: the check every page makes first."""
    viewer = current_viewer()
    if not viewer.can(capability):
        refuse(viewer)
    return viewer


def refuse(viewer: Viewer) -> None:
    st.title(_("Not allowed"))
    st.error(
        plain(
            _(
                "You are signed in as {name} ({role}); this page is not open to your role. "
                "Ask an admin if you need it."
            ).format(name=viewer.name, role=_(ROLE_LABELS[viewer.role]))
        ),
        icon=":material/block:",
    )
    st.stop()


def sign_in_screen() -> None:
    """The sign-in form; a successful sign-in reruns the app as that person."""
    _left, middle, _right = st.columns([1, 2, 1])
    with middle:
        sign_in_language_switch()
        st.title(_("Sign in to journeymap"))
        with st.form("sign-in"):
            name = st.text_input(_("Name"), key=state.SIGN_IN_NAME, autocomplete="username")
            password = st.text_input(
                _("Password"),
                type="password",
                key=state.SIGN_IN_PASSWORD,
                autocomplete="current-password",
            )
            submitted = st.form_submit_button(_("Sign in"), type="primary", width="stretch")
        if submitted:
            try:
                signed_in = sign_in(get_engine(), name, password)
            except SignInRefused as error:
                st.error(plain(str(error)), icon=":material/lock:")
            else:
                st.session_state[state.SIGNED_IN] = signed_in.account.name
                st.session_state[state.SESSION_KEY] = signed_in.session_key
                st.query_params[state.SESSION_QUERY_PARAM] = signed_in.session_key
                st.rerun()
        if single_sign_on_configured():
            st.divider()
            st.button(_("Sign in with single sign-on"), on_click=st.login, width="stretch")
            if st.user.is_logged_in:
                email = st.user.get("email")
                st.warning(
                    plain(
                        _(
                            "{email} has no journeymap account: ask an admin to create one "
                            "with this e-mail address."
                        ).format(email=email)
                        if email
                        else _(
                            "This identity has no journeymap account: ask an admin to create "
                            "one with this e-mail address."
                        )
                    )
                )
        st.caption(_("Forgotten your password? An admin can set a new one."))


def link_problem_screen(problem: LinkProblem) -> None:
    st.title(_("Visit link"))
    st.error(plain(str(problem)), icon=":material/link_off:")


def sidebar_account(viewer: Viewer) -> None:
    """Who is signed in, and the way out; in a workspace without accounts, the warning."""
    if viewer.workspace_owner:
        warning = _(
            "No accounts yet: anyone who reaches this app is admin, and what they change "
            "is saved as {name} (JOURNEYMAP_AUTHOR). Create the first account with "
            "`python -m journeymap create-user NAME --role admin`."
        ).format(name=plain(viewer.name))
        st.sidebar.caption(f"{OPEN_LOCK} {warning}")
        language_setting(viewer)
        return
    if viewer.only_visit is not None:
        st.sidebar.caption(
            plain(_("Opened with a link to visit {visit}.").format(visit=viewer.only_visit))
        )
        language_setting(viewer)
        return
    st.sidebar.caption(
        plain(
            _("Signed in as {name} · {role}").format(
                name=viewer.name, role=_(ROLE_LABELS[viewer.role])
            )
        )
    )
    language_setting(viewer)
    if st.sidebar.button(_("Sign out"), icon=":material/logout:"):
        key = st.session_state.pop(state.SESSION_KEY, None)
        if key:
            sign_out(viewer, get_engine(), key)
        st.query_params.pop(state.SESSION_QUERY_PARAM, None)
        st.session_state.pop(state.SIGNED_IN, None)
        forget_viewer()
        if single_sign_on_configured() and st.user.is_logged_in:
            st.logout()
        st.rerun()


def require_page(spec: PageSpec) -> Viewer:
    return require(spec.capability)
