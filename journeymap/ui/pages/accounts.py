"""Accounts (admins only): who may sign in, with which role and scope; visit links."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.access import ROLE_HELP, ROLE_LABELS, Role, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.accounts import (
    DEFAULT_HOURS,
    MAX_HOURS,
    AccountError,
    LinkRefused,
    change_account,
    create_account,
    issue_visit_link,
    list_accounts,
    open_visits,
    set_password,
    shopper_names,
)
from journeymap.services.sand_views import location_names
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import ACCOUNTS_PAGE
from journeymap.ui.widgets.accounts.api_keys import api_keys_section
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain

ROLES = [r.value for r in Role]
# What a refused change says: the field and the fix, or the role that may not.
REFUSED = (AccountError, NotAllowed)


def render() -> None:
    viewer = require_page(ACCOUNTS_PAGE)
    st.title(_("Accounts"))
    engine = get_engine()
    accounts = list_accounts(viewer, engine)
    shoppers = shopper_names(viewer, engine)
    locations = location_names(get_engine(), own_only=True)
    if not accounts:
        st.warning(
            _(
                "No accounts yet: anyone who reaches this app is admin. Create your own admin "
                "account first; from then on everyone signs in."
            ),
            icon=":material/lock_open:",
        )
    else:
        _account_table(accounts, shoppers, locations)
    tabs = st.tabs([_("New account"), _("Change an account"), _("Visit link"), _("API keys")])
    with tabs[0]:
        _new_account(viewer, shoppers, locations)
    with tabs[1]:
        if accounts:
            _change_account(viewer, accounts, shoppers, locations)
        else:
            st.caption(_("No accounts to change yet."))
    with tabs[2]:
        _visit_link(viewer, shoppers)
    with tabs[3]:
        api_keys_section(viewer, engine)


def _account_table(accounts, shoppers: dict[str, str], locations: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    st.dataframe(
        pd.DataFrame(
            {
                _("Name"): [a.name for a in accounts],
                _("Role"): [_(ROLE_LABELS[a.role]) for a in accounts],
                _("E-mail"): [a.email for a in accounts],
                _("Shopper"): [shoppers.get(a.shopper_id or "", "") for a in accounts],
                _("Locations"): [
                    ", ".join(sorted(locations.get(x, x) for x in a.locations)) for a in accounts
                ],
                _("Active"): [a.active for a in accounts],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=MISSING,
    )


def _role_help() -> str:
    return "  \n".join(f"**{_(ROLE_LABELS[r])}**: {_(ROLE_HELP[r])}" for r in Role)


def _new_account(viewer: Viewer, shoppers: dict[str, str], locations: dict[str, str]) -> None:
    with st.form("new-account", clear_on_submit=False):
        left, right = st.columns(2)
        name = left.text_input(_("Name"), help=_("Used to sign in, e.g. anna.hansen"))
        email = right.text_input(
            _("E-mail"), help=_("Matched when signing in with single sign-on.")
        )
        role = left.selectbox(
            _("Role"), ROLES, format_func=lambda r: _(ROLE_LABELS[Role(r)]), help=_role_help()
        )
        shopper = right.selectbox(
            _("Shopper (for a shopper account)"),
            ["", *shoppers],
            format_func=lambda s: shoppers.get(s, "—") if s else "—",
        )
        own = st.multiselect(
            _("Locations (for a location manager)"),
            list(locations),
            format_func=lambda loc: locations.get(loc, loc),
        )
        first, second = st.columns(2)
        password = first.text_input(
            _("Password"), type="password", help=_("At least 10 characters.")
        )
        again = second.text_input(_("Password again"), type="password")
        submitted = st.form_submit_button(_("Create account"), type="primary")
    if not submitted:
        return
    if password != again:
        st.error(_("The two passwords differ: type them again."))
        return
    try:
        account = create_account(
            viewer,
            get_engine(),
            name.strip(),
            role,
            password,
            email=email.strip(),
            shopper_id=shopper or None,
            locations=frozenset(own),
        )
    except REFUSED as error:
        st.error(plain(str(error)))
        return
    st.success(
        plain(
            _("Created {name} ({role}).").format(
                name=account.name, role=_(ROLE_LABELS[account.role])
            )
        )
    )


def _change_account(  # type: ignore[no-untyped-def]
    viewer: Viewer, accounts, shoppers: dict[str, str], locations: dict[str, str]
) -> None:
    by_name = {a.name: a for a in accounts}
    chosen = st.selectbox(_("Account"), list(by_name))
    account = by_name[chosen]
    with st.form(f"change-account-{account.id}"):
        left, right = st.columns(2)
        role = left.selectbox(
            _("Role"),
            ROLES,
            index=ROLES.index(account.role.value),
            format_func=lambda r: _(ROLE_LABELS[Role(r)]),
            help=_role_help(),
        )
        active = right.toggle(_("Active (may sign in)"), value=account.active)
        shopper_ids = ["", *shoppers]
        shopper = left.selectbox(
            _("Shopper"),
            shopper_ids,
            index=shopper_ids.index(account.shopper_id) if account.shopper_id in shoppers else 0,
            format_func=lambda s: shoppers.get(s, "—") if s else "—",
        )
        own = right.multiselect(
            _("Locations"),
            list(locations),
            default=[loc for loc in account.locations if loc in locations],
            format_func=lambda loc: locations.get(loc, loc),
        )
        email = left.text_input(_("E-mail"), value=account.email)
        saved = st.form_submit_button(_("Save changes"), type="primary")
    if saved:
        try:
            change_account(
                viewer,
                get_engine(),
                account.name,
                role=role,
                active=active,
                shopper_id=shopper or None,
                locations=frozenset(own),
                email=email.strip(),
            )
        except REFUSED as error:
            st.error(plain(str(error)))
        else:
            st.success(plain(_("Saved {name}.").format(name=account.name)))
    with st.form(f"password-{account.id}", clear_on_submit=True):
        password = st.text_input(
            plain(_("New password for {name}").format(name=account.name)), type="password"
        )
        if st.form_submit_button(_("Set password")):
            try:
                set_password(viewer, get_engine(), account.name, password)
            except REFUSED as error:
                st.error(plain(str(error)))
            else:
                st.success(
                    plain(
                        _("Password of {name} set; tell them in person.").format(name=account.name)
                    )
                )


def _visit_link(viewer: Viewer, shoppers: dict[str, str]) -> None:
    st.caption(
        _(
            "A link opens one assigned visit on one device without a login, until it expires "
            "or the visit is submitted. Send it to the shopper; opened a second time, it is "
            "refused."
        )
    )
    visits = open_visits(viewer, get_engine())
    if not visits:
        st.info(_("No open visits."))
        return
    labels = {
        v.id: f"#{v.id} · {v.location_name} · {shoppers.get(v.shopper_id, v.shopper_id)} · "
        f"{fmt.day(v.window_start)} – {fmt.day(v.window_end)}"
        for v in visits
    }
    with st.form("visit-link"):
        visit_id = st.selectbox(_("Visit"), list(labels), format_func=labels.__getitem__)
        hours = st.number_input(
            _("Valid for (hours)"), min_value=1, max_value=MAX_HOURS, value=DEFAULT_HOURS
        )
        made = st.form_submit_button(_("Make link"), type="primary")
    if not made:
        return
    try:
        token, expires = issue_visit_link(viewer, get_engine(), int(visit_id), hours=int(hours))
    except (LinkRefused, ValueError, NotAllowed) as error:
        st.error(plain(str(error)))
        return
    st.code(f"{_base_url()}/visit-form?visit={visit_id}&token={token}", language=None)
    st.caption(
        _("Valid until {moment} UTC. It is shown only now.").format(moment=fmt.moment(expires))
    )


def _base_url() -> str:
    parts = urlsplit(st.context.url or "http://localhost:8501")
    return f"{parts.scheme}://{parts.netloc}"


if __name__ == "__main__":
    render()
