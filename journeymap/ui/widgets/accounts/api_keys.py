"""The Accounts page's API keys: the list, a new key (shown once), revoking one."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.api_keys import (
    SCOPES,
    ApiKey,
    ApiKeyError,
    create_api_key,
    list_api_keys,
    revoke_api_key,
)
from journeymap.services.journeys import list_journeys
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain

SCOPE_LABELS = {
    "read": N_("Read (journeys, NPS, sand, cases, actions)"),
    "push": N_("Push (survey answers in)"),
    "both": N_("Read and push"),
}
REFUSED = (ApiKeyError, NotAllowed)


def api_keys_section(viewer: Viewer, engine: Engine) -> None:
    st.caption(
        _(
            "A key lets a survey tool or a script push answers to the HTTP API or read from "
            "it. Only a hash of the key is stored: it is shown once, when it is made. Every "
            "use is in the audit log."
        )
    )
    keys = list_api_keys(viewer, engine)
    if keys:
        _key_table(keys)
    else:
        st.info(_("No API keys yet."))
    _new_key(viewer, engine)
    active = [k.name for k in keys if k.active]
    if active:
        _revoke(viewer, engine, active)


def _key_table(keys: list[ApiKey]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                _("Name"): [k.name for k in keys],
                _("Scope"): [
                    _(SCOPE_LABELS[k.scope]) if k.scope in SCOPE_LABELS else k.scope for k in keys
                ],
                _("Journeys"): [", ".join(k.journeys) or _("every journey") for k in keys],
                _("Signed webhooks"): [bool(k.signing_secret) for k in keys],
                _("Made by"): [k.created_by for k in keys],
                _("Made"): [
                    _("{moment} UTC").format(moment=fmt.moment(k.created_at)) for k in keys
                ],
                _("State"): [
                    _("revoked by {name}").format(name=k.revoked_by)
                    if k.revoked_at
                    else _("active")
                    for k in keys
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=MISSING,
    )


def _new_key(viewer: Viewer, engine: Engine) -> None:
    journeys = {j.id: j.name for j in list_journeys(engine)}
    with st.form("new-api-key", clear_on_submit=True):
        left, right = st.columns(2)
        name = left.text_input(
            _("Key name"), help=_("e.g. typeform-branches: the audit log names it")
        )
        scope = right.selectbox(_("Scope"), list(SCOPES), format_func=lambda s: _(SCOPE_LABELS[s]))
        chosen = st.multiselect(
            _("Journeys (none: every journey)"),
            list(journeys),
            format_func=lambda j: journeys.get(j, j),
        )
        secret = st.text_input(
            _("Webhook signing secret (optional)"),
            type="password",
            help=_(
                "The secret Typeform signs its webhooks with; a call without the matching "
                "signature is refused."
            ),
        )
        made = st.form_submit_button(_("Make key"), type="primary")
    if not made:
        return
    try:
        key, value = create_api_key(
            viewer, engine, name, scope, tuple(chosen), signing_secret=secret
        )
    except REFUSED as error:
        st.error(plain(str(error)))
        return
    st.success(
        plain(_("Made the API key {name} ({scope}).").format(name=key.name, scope=key.scope))
    )
    st.code(value, language=None)
    st.caption(_("It is shown only now: copy it into the survey tool or a secret store."))


def _revoke(viewer: Viewer, engine: Engine, active: list[str]) -> None:
    with st.form("revoke-api-key"):
        name = st.selectbox(_("Revoke a key"), active)
        revoked = st.form_submit_button(_("Revoke key"))
    if not revoked:
        return
    try:
        revoke_api_key(viewer, engine, name)
    except REFUSED as error:
        st.error(plain(str(error)))
        return
    st.success(plain(_("Revoked {name}: it is refused from now on.").format(name=name)))
