"""Verbatims: what customers wrote, filtered and searchable, newest first."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.periods import parse_period
from journeymap.analytics.verbatims import (
    PAGE_SIZE,
    SCORE_GROUPS,
    VerbatimFilter,
    filter_verbatims,
    page_count,
    page_of,
)
from journeymap.model import Journey
from journeymap.ui import state
from journeymap.ui.auth import require_page
from journeymap.ui.navigation import VERBATIMS_PAGE
from journeymap.ui.sand_services import period_choices
from journeymap.ui.text import plain
from journeymap.ui.voc_services import (
    load_journey,
    load_responses,
    location_names,
    touchpoint_names,
)

TITLE = "Verbatims"
ALL_TIME = "All time"
GROUP_NAMES = {
    "promoter": "Promoters (9–10)",
    "passive": "Passives (7–8)",
    "detractor": "Detractors (0–6)",
}


def render() -> None:
    require_page(VERBATIMS_PAGE)
    journey_id = st.session_state.get(state.SELECTED_JOURNEY)
    if not journey_id:
        st.warning("Choose a journey in the sidebar.")
        return
    journey = load_journey(journey_id)
    if journey is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    st.title(TITLE)
    st.caption("What customers wrote with their score, newest first, exactly as they wrote it.")
    responses = load_responses(journey_id)
    if responses.empty:
        st.info(
            "No survey answers for this journey yet. Import a survey export on the "
            "'Import survey data' page."
        )
        return
    flt = _filters(journey, sorted(set(responses["location"].dropna()) - {""}))
    found = filter_verbatims(responses, flt)
    pages = page_count(len(found))
    st.markdown(plain(f"{len(found):,} comments match."))
    if found.empty:
        return
    if st.session_state.get(state.VERBATIM_PAGE, 1) > pages:
        st.session_state[state.VERBATIM_PAGE] = pages  # fewer matches than before
    page = st.number_input(
        f"Page (of {pages})", 1, pages, 1, step=1, key=state.VERBATIM_PAGE, width=200
    )
    names = touchpoint_names(journey)
    places = location_names()
    for row in page_of(found, int(page)).itertuples():
        _comment(row, names, places)
    st.caption(f"{PAGE_SIZE} comments a page.")


def _filters(journey: Journey, locations: list[str]) -> VerbatimFilter:
    names = touchpoint_names(journey)
    places = location_names()
    first, second, third = st.columns(3)
    with first:
        touchpoint = st.selectbox(
            "Touchpoint",
            ["", *names],
            format_func=lambda tp: names.get(tp, "All touchpoints") if tp else "All touchpoints",
            key=state.VERBATIM_TOUCHPOINT,
        )
    with second:
        group = st.selectbox(
            "Score group",
            ["", *SCORE_GROUPS],
            format_func=lambda g: GROUP_NAMES.get(g, "All scores"),
            key=state.VERBATIM_GROUP,
        )
        search = st.text_input(
            "Search the comments", key=state.VERBATIM_SEARCH, placeholder="e.g. queue"
        )
    with third:
        period = st.selectbox(
            "Period", [ALL_TIME, *period_choices()[1:]], key=state.VERBATIM_PERIOD
        )
        location = st.selectbox(
            "Location",
            ["", *locations],
            format_func=lambda loc: places.get(loc, loc) if loc else "All locations",
            key=state.VERBATIM_LOCATION,
        )
    chosen = None if period == ALL_TIME else parse_period(period)
    return VerbatimFilter(
        touchpoint=touchpoint or None,
        group=group or None,
        location=location or None,
        start=chosen.start if chosen else None,
        end=chosen.end if chosen else None,
        search=search,
    )


def _comment(row: object, names: dict[str, str], places: dict[str, str]) -> None:
    touchpoint = getattr(row, "touchpoint_id", None)
    location = getattr(row, "location", "") or ""
    parts = [
        f"{row.responded_at:%Y-%m-%d %H:%M} UTC",  # type: ignore[attr-defined]
        f"score {row.score} ({row.group})",  # type: ignore[attr-defined]
        names.get(touchpoint, touchpoint) if touchpoint else "relationship survey",
    ]
    if location:
        parts.append(places.get(location, location))
    with st.container(border=True):
        st.caption(plain(" · ".join(str(p) for p in parts)))
        st.markdown(plain(row.comment))  # type: ignore[attr-defined]


if __name__ == "__main__":
    render()
