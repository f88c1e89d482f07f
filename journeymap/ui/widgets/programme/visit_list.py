"""The Programme page's Visits tab: every visit with its status, filtered; cancel and
reassign a visit. What a viewer may see and change is decided by the services."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

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
from journeymap.ui.widgets.text import plain, sentence

ALL = ""


def visits_tab(viewer: Viewer, journey_id: str, held: Programme) -> None:
    engine = get_engine()
    flt = _filters(viewer, journey_id, held)
    try:
        listed = visit_list(viewer, engine, journey_id, flt)
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.caption(f"{len(listed)} visit(s), newest window first.")
    if not listed:
        st.info("No visit matches these filters.")
        return
    st.dataframe(_table(listed), hide_index=True, width="stretch")
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
        "Questionnaire",
        [ALL, *questionnaires],
        format_func=lambda q: questionnaires[q] if q else "All",
        key=state.VISITS_QUESTIONNAIRE,
    )
    wave = top[1].selectbox(
        "Wave",
        [ALL, *wave_names],
        format_func=lambda w: w or "All",
        key=state.VISITS_WAVE,
    )
    statuses = top[2].multiselect(
        "Status",
        list(STATUS_LABELS),
        format_func=STATUS_LABELS.__getitem__,
        key=state.VISITS_STATUS,
        placeholder="All",
    )
    location = bottom[0].selectbox(
        "Location",
        [ALL, *sorted(locations, key=locations.__getitem__)],
        format_func=lambda i: locations[i] if i else "All",
        key=state.VISITS_LOCATION,
    )
    shopper = bottom[1].selectbox(
        "Shopper",
        [ALL, *sorted(shoppers, key=shoppers.__getitem__)],
        format_func=lambda i: shoppers[i] if i else "All",
        key=state.VISITS_SHOPPER,
    )
    days = bottom[2].date_input("Window starts", value=(), key=state.VISITS_DAYS)
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
    return pd.DataFrame(
        {
            # What a planner scans for first comes first: a portrait tablet shows the
            # columns on the left, the rest scrolls.
            "#": [v.id for v in listed],
            "Status": [STATUS_LABELS[v.status] for v in listed],
            "Location": [
                v.location_name + (" (competitor)" if v.competitor else "") for v in listed
            ],
            "Shopper": [v.shopper_name for v in listed],
            "Window": [f"{v.window_start:%d %b} – {v.window_end:%d %b %Y}" for v in listed],
            "Wave": [v.wave for v in listed],
            "Questionnaire": [f"{v.questionnaire_id} v{v.questionnaire_version}" for v in listed],
            "Reviewed by": [v.reviewed_by for v in listed],
            "Key": [v.key for v in listed],
        }
    )


def _change(viewer: Viewer, listed: list[ListedVisit], held: Programme) -> None:
    open_visits = {v.id: v for v in listed if v.status in CANCELLABLE_STATUSES}
    if not open_visits:
        st.caption("Only visits not yet submitted can be cancelled or reassigned.")
        return
    st.markdown("**Cancel or reassign a visit**")
    chosen = st.selectbox(
        "Visit",
        list(open_visits),
        format_func=lambda i: (
            f"#{i} · {open_visits[i].location_name} · {open_visits[i].shopper_name} · "
            f"{open_visits[i].window_start:%d %b %Y} · {STATUS_LABELS[open_visits[i].status]}"
        ),
        key=state.VISIT_TO_CHANGE,
    )
    visit = open_visits[chosen]
    left, right = st.columns(2)
    with left:
        reason = st.text_input("Reason (for the audit log)", key=state.VISIT_CANCEL_REASON)
        if st.button("Cancel visit", icon=":material/event_busy:"):
            _run(
                lambda: cancel_visit(viewer, get_engine(), chosen, reason),
                f"Visit #{chosen} cancelled.",
            )
    with right:
        if visit.status not in REASSIGNABLE_STATUSES:
            st.caption(
                "Started visits stay with their shopper (the answers are theirs): cancel it "
                "and assign a new one."
            )
            return
        others = {i: n for i, n in held.shoppers.items() if i != visit.shopper}
        new = st.selectbox(
            "Reassign to",
            list(others),
            format_func=others.__getitem__,
            key=state.VISIT_NEW_SHOPPER,
        )
        if new and st.button("Reassign visit", icon=":material/swap_horiz:"):
            _run(
                lambda: reassign_visit(viewer, get_engine(), chosen, new),
                f"Visit #{chosen} now goes to {others[new]}.",
            )


def _run(action, message: str) -> None:  # type: ignore[no-untyped-def]
    try:
        action()
    except (NotAllowed, ValueError, LookupError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.session_state[state.FLASH_MESSAGE] = message
    st.rerun()
