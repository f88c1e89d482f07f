"""The Programme page's Visits tab: every visit with its status, filtered; cancel and
reassign a visit. What a viewer may see and change is decided by the services."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Viewer
from journeymap.model.visit_status import (
    CANCELLABLE_STATUSES,
    REASSIGNABLE_STATUSES,
    STATUS_LABELS,
)
from journeymap.services.access import NotAllowed
from journeymap.services.programme import Programme, cancel_visit, reassign_visit
from journeymap.services.visit_list import ListedVisit, VisitFilter, visit_list
from journeymap.services.waves import waves
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.widgets.shopping.formats import window
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence

ALL = ""
# The visit table's columns, as read.
COLUMNS = {
    "Status": N_("Status"),
    "Location": N_("Location"),
    "Shopper": N_("Shopper"),
    "Window": N_("Window"),
    "Wave": N_("Wave"),
    "Questionnaire": N_("Questionnaire"),
    "Reviewed by": N_("Reviewed by"),
    "Key": N_("Key"),
}


def visits_tab(viewer: Viewer, journey_id: str, held: Programme) -> None:
    engine = get_engine()
    flt = _filters(viewer, journey_id, held)
    try:
        listed = visit_list(viewer, engine, journey_id, flt)
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.caption(
        ngettext(
            "{count} visit, newest window first.",
            "{count} visits, newest window first.",
            len(listed),
        ).format(count=fmt.number(len(listed)))
    )
    if not listed:
        st.info(_("No visit matches these filters."))
        return
    labels: dict[str, Any] = {
        column: st.column_config.Column(_(label)) for column, label in COLUMNS.items()
    }
    st.dataframe(
        _table(listed), hide_index=True, width="stretch", column_config=labels, placeholder=MISSING
    )
    _change(viewer, listed, held)


def _filters(viewer: Viewer, journey_id: str, held: Programme) -> VisitFilter:
    questionnaires = {q.id: q.name for q in held.questionnaires}
    wave_names = waves(viewer, get_engine(), journey_id)
    shoppers = {v.shopper_id: v.shopper_name for v in held.visits} | held.shoppers
    locations = {v.location_id: v.location_name for v in held.visits} | held.locations
    # Two rows of three: in a portrait tablet's main area four side by side cut the
    # chosen names and the date's placeholder.
    top, bottom = st.columns(3), st.columns(3)
    questionnaire = top[0].selectbox(
        _("Questionnaire"),
        [ALL, *questionnaires],
        format_func=lambda q: questionnaires[q] if q else _("All"),
        key=state.VISITS_QUESTIONNAIRE,
    )
    wave = top[1].selectbox(
        _("Wave"),
        [ALL, *wave_names],
        format_func=lambda w: w or _("All"),
        key=state.VISITS_WAVE,
    )
    statuses = top[2].multiselect(
        _("Status"),
        list(STATUS_LABELS),
        format_func=lambda status: _(STATUS_LABELS[status]),
        key=state.VISITS_STATUS,
        placeholder=_("All"),
    )
    location = bottom[0].selectbox(
        _("Location"),
        [ALL, *sorted(locations, key=locations.__getitem__)],
        format_func=lambda i: locations[i] if i else _("All"),
        key=state.VISITS_LOCATION,
    )
    shopper = bottom[1].selectbox(
        _("Shopper"),
        [ALL, *sorted(shoppers, key=shoppers.__getitem__)],
        format_func=lambda i: shoppers[i] if i else _("All"),
        key=state.VISITS_SHOPPER,
    )
    days = bottom[2].date_input(_("Window starts"), value=(), key=state.VISITS_DAYS)
    first, last = _days(days)
    return VisitFilter(
        questionnaire_id=questionnaire or None,
        wave=wave or None,
        location_id=location or None,
        shopper=shopper or None,
        statuses=tuple(statuses),
        first_day=first,
        last_day=last,
    )


def _days(value: object) -> tuple[date | None, date | None]:
    days = list(value) if isinstance(value, tuple | list) else [value] if value else []
    if not days:
        return None, None
    return days[0], days[-1]


def _table(listed: list[ListedVisit]) -> pd.DataFrame:
    competitor = _("{location} (competitor)")
    return pd.DataFrame(
        {
            # What a planner scans for first comes first: a portrait tablet shows the
            # columns on the left, the rest scrolls.
            "#": [v.id for v in listed],
            "Status": [_(STATUS_LABELS[v.status]) for v in listed],
            "Location": [
                competitor.format(location=v.location_name) if v.competitor else v.location_name
                for v in listed
            ],
            "Shopper": [v.shopper_name for v in listed],
            "Window": [window(v.window_start, v.window_end) for v in listed],
            "Wave": [v.wave for v in listed],
            "Questionnaire": [
                _("{questionnaire} v{version}").format(
                    questionnaire=v.questionnaire_id, version=v.questionnaire_version
                )
                for v in listed
            ],
            "Reviewed by": [v.reviewed_by for v in listed],
            "Key": [v.key for v in listed],
        }
    )


def _change(viewer: Viewer, listed: list[ListedVisit], held: Programme) -> None:
    open_visits = {v.id: v for v in listed if v.status in CANCELLABLE_STATUSES}
    if not open_visits:
        st.caption(_("Only visits not yet submitted can be cancelled or reassigned."))
        return
    st.markdown("**" + _("Cancel or reassign a visit") + "**")
    chosen = st.selectbox(
        _("Visit"),
        list(open_visits),
        format_func=lambda i: (
            f"#{i} · {open_visits[i].location_name} · {open_visits[i].shopper_name} · "
            f"{fmt.day(open_visits[i].window_start)} · {_(STATUS_LABELS[open_visits[i].status])}"
        ),
        key=state.VISIT_TO_CHANGE,
    )
    visit = open_visits[chosen]
    left, right = st.columns(2)
    with left:
        reason = st.text_input(_("Reason (for the audit log)"), key=state.VISIT_CANCEL_REASON)
        if st.button(_("Cancel visit"), icon=":material/event_busy:"):
            _run(
                lambda: cancel_visit(viewer, get_engine(), chosen, reason),
                _("Visit #{id} cancelled.").format(id=chosen),
            )
    with right:
        if visit.status not in REASSIGNABLE_STATUSES:
            st.caption(
                _(
                    "Started visits stay with their shopper (the answers are theirs): cancel "
                    "it and assign a new one."
                )
            )
            return
        others = {i: n for i, n in held.shoppers.items() if i != visit.shopper}
        new = st.selectbox(
            _("Reassign to"),
            list(others),
            format_func=others.__getitem__,
            key=state.VISIT_NEW_SHOPPER,
        )
        if new and st.button(_("Reassign visit"), icon=":material/swap_horiz:"):
            _run(
                lambda: reassign_visit(viewer, get_engine(), chosen, new),
                _("Visit #{id} now goes to {shopper}.").format(id=chosen, shopper=others[new]),
            )


def _run(action, message: str) -> None:  # type: ignore[no-untyped-def]
    try:
        action()
    except (NotAllowed, ValueError, LookupError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.session_state[state.FLASH_MESSAGE] = message
    st.rerun()
