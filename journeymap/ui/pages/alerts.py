"""Alerts (admins and leaders): who hears of a new detractor, a call-back about to pass
its deadline or a touchpoint turning to sand, by e-mail, Slack or Teams; what was sent,
what failed and why, and sending a failed alert again."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.access import ROLE_LABELS, Role, Viewer
from journeymap.model.alerts import CHANNEL_LABELS, KIND_LABELS, AlertKind, Channel
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.services.alerts import (
    FAILED,
    AlertView,
    list_alerts,
    list_subscriptions,
    resend,
    subscribe,
    unsubscribe,
)
from journeymap.services.sand_views import location_names
from journeymap.ui.loaders.journeys import list_journeys
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import ALERTS_PAGE
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain

TITLE = N_("Alerts")
# A shopper reads neither cases nor results: no alert may go to one.
READER_ROLES = [Role.ADMIN, Role.LEADER, Role.ANALYST, Role.LOCATION_MANAGER]
ADDRESS_HELP = {
    Channel.EMAIL: N_("An e-mail address, sent through JOURNEYMAP_SMTP_HOST."),
    Channel.SLACK: N_(
        "The https://hooks.slack.com/services/… address of a Slack incoming webhook."
    ),
    Channel.TEAMS: N_(
        "The address of a Microsoft Teams incoming webhook (Workflows or connector)."
    ),
}
STATUS_LABELS = {"pending": N_("Queued"), "sent": N_("Sent"), "failed": N_("Failed")}
SHOWN = 200


def render() -> None:
    viewer = require_page(ALERTS_PAGE)
    journey_id = current_journey_id()
    st.title(_(TITLE))
    # Subscriptions are per journey: say which one, by the name people gave it.
    names = {s.id: s.name for s in list_journeys()}
    st.markdown(plain(_("For the journey {name}").format(name=names.get(journey_id, journey_id))))
    st.caption(
        _(
            "An alert goes out within a minute of what caused it: a new detractor who left "
            "contact details (by import or push), a call-back about to pass its deadline, a "
            "touchpoint turning to sand. It holds the score, the touchpoint, the comment and "
            "a link; contact details only for a channel read by admins or leaders."
        )
    )
    places = location_names(get_engine(), own_only=True)
    try:
        _subscriptions(viewer, journey_id, places)
        _new_subscription(viewer, journey_id, places)
        _sent_and_failed(viewer, journey_id)
    except NotAllowed as error:
        st.error(plain(str(error)))


def _subscriptions(viewer: Viewer, journey_id: str, places: dict[str, str]) -> None:
    st.subheader(_("Subscriptions"))
    found = list_subscriptions(viewer, get_engine(), journey_id)
    if not found:
        st.info(_("Nobody is subscribed to this journey's alerts yet: add a subscription below."))
        return
    st.dataframe(
        pd.DataFrame(
            {
                _("ID"): [s.id for s in found],
                _("Alert"): [_(KIND_LABELS[s.kind]) for s in found],
                _("Location"): [places.get(s.location, s.location) or _("All") for s in found],
                _("Channel"): [_(CHANNEL_LABELS[s.channel]) for s in found],
                _("Address"): [s.target for s in found],
                _("Read as"): [_(ROLE_LABELS[s.role]) for s in found],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder=MISSING,
    )
    labels = {s.id: f"#{s.id} · {_(KIND_LABELS[s.kind])} → {s.target}" for s in found}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(_("Subscription"), list(labels), format_func=labels.__getitem__)
    if right.button(_("Remove"), icon=":material/delete:"):
        try:
            unsubscribe(viewer, get_engine(), int(chosen))
        except ValueError as error:
            st.error(plain(str(error)))
        else:
            st.rerun()


def _new_subscription(viewer: Viewer, journey_id: str, places: dict[str, str]) -> None:
    st.subheader(_("New subscription"))
    channel = st.radio(
        _("Channel"),
        list(Channel),
        format_func=lambda c: _(CHANNEL_LABELS[Channel(c)]),
        horizontal=True,
    )
    with st.form("new-alert-subscription", clear_on_submit=False):
        left, right = st.columns(2)
        kind = left.selectbox(
            _("Alert"), list(AlertKind), format_func=lambda k: _(KIND_LABELS[AlertKind(k)])
        )
        target = right.text_input(_("Address"), help=_(ADDRESS_HELP[Channel(channel)]))
        role = left.selectbox(
            _("Read as"),
            READER_ROLES,
            index=1,
            format_func=lambda r: _(ROLE_LABELS[Role(r)]),
            help=_(
                "The role of whoever reads this channel decides how much personal data "
                "an alert may hold: contact details only for admins and leaders. A location "
                "manager's channel needs a location."
            ),
        )
        location = right.selectbox(
            _("Location"),
            ["", *places],
            format_func=lambda loc: places.get(loc, loc) if loc else _("All locations"),
        )
        submitted = st.form_submit_button(_("Subscribe"), type="primary")
    if not submitted:
        return
    try:
        new = subscribe(
            viewer,
            get_engine(),
            journey_id,
            kind=str(kind),
            channel=str(channel),
            target=target,
            role=str(role),
            location=location,
        )
    except ValueError as error:
        st.error(plain(str(error)))
        return
    st.success(
        plain(
            _("Subscription {number} added: {address}.").format(number=new, address=target.strip())
        )
    )


def _sent_and_failed(viewer: Viewer, journey_id: str) -> None:
    st.subheader(_("Sent and failed"))
    alerts = list_alerts(viewer, get_engine(), journey_id, limit=SHOWN)
    if not alerts:
        st.caption(_("No alerts sent for this journey yet."))
        return
    troubled = [a for a in alerts if a.status == FAILED or (a.next_try_at and a.attempts)]
    if troubled:
        st.warning(
            # Translators: the English says "alert(s)" for one and for many alike; use
            # the language's own singular and plural.
            ngettext(
                "{count} alert(s) failed or are being retried; the reason is in the table. "
                "Fix the address or the SMTP settings, then send them again.",
                "{count} alert(s) failed or are being retried; the reason is in the table. "
                "Fix the address or the SMTP settings, then send them again.",
                len(troubled),
            ).format(count=fmt.number(len(troubled))),
            icon=":material/error:",
        )
    st.dataframe(_alert_table(alerts), hide_index=True, width="stretch", placeholder=MISSING)
    if not troubled:
        return
    labels = {a.id: f"#{a.id} · {_(KIND_LABELS[a.kind])} → {a.target}" for a in troubled}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(_("Failed alert"), list(labels), format_func=labels.__getitem__)
    if right.button(_("Send again"), icon=":material/send:", type="primary"):
        try:
            resend(viewer, get_engine(), int(chosen))
        except ValueError as error:
            st.error(plain(str(error)))
        else:
            st.success(
                plain(
                    _("Alert {number} queued again: it goes out within seconds.").format(
                        number=chosen
                    )
                )
            )


def _alert_table(alerts: list[AlertView]) -> pd.DataFrame:
    zone = workspace_time.zone()

    def shown(moment) -> str:  # type: ignore[no-untyped-def]
        if moment is None:
            return ""
        return fmt.moment(workspace_time.shown_moment(moment))

    return pd.DataFrame(
        {
            _("ID"): [a.id for a in alerts],
            _("Alert"): [_(KIND_LABELS[a.kind]) for a in alerts],
            _("To"): [a.target for a in alerts],
            _("Status"): [_(STATUS_LABELS.get(a.status, a.status)) for a in alerts],
            _("Why it failed"): [a.last_error for a in alerts],
            _("Tries"): [a.attempts for a in alerts],
            _("Queued ({zone})").format(zone=zone): [shown(a.created_at) for a in alerts],
            _("Sent ({zone})").format(zone=zone): [shown(a.sent_at) for a in alerts],
            _("Next try ({zone})").format(zone=zone): [
                shown(a.next_try_at) if a.attempts else "" for a in alerts
            ],
        }
    )


if __name__ == "__main__":
    render()
