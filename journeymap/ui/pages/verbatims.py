"""Verbatims: what customers wrote, filtered and searchable, newest first; and the
themes of what they wrote, with sentiment beside their score.

Two tabs share the filters: *Comments* (the database searches and pages,
services/verbatims.py: a page of comments is read, never every response of the
journey) and *Themes* (services/themes.py, drawn by widgets/voc/theme_view.py). Only
the open tab runs.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from journeymap.analytics.verbatims import SCORE_GROUPS
from journeymap.model import Journey
from journeymap.model.access import Viewer
from journeymap.services import workspace_time
from journeymap.services.access import NotAllowed
from journeymap.ui.loaders.sand import load_segments
from journeymap.ui.loaders.voc import (
    load_journey,
    location_names,
    nps_view,
    touchpoint_names,
    verbatim_locations,
    verbatim_page,
)
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.navigation import VERBATIMS_PAGE
from journeymap.ui.widgets.evidence_filter import period_choices
from journeymap.ui.widgets.text import plain, sentence
from journeymap.ui.widgets.voc.theme_view import themes_tab

TITLE = "Verbatims"
ALL_TIME = "All time"
COMMENTS_TAB, THEMES_TAB = "Comments", "Themes"
GROUP_NAMES = {
    "promoter": "Promoters (9–10)",
    "passive": "Passives (7–8)",
    "detractor": "Detractors (0–6)",
}


def render() -> None:
    viewer = require_page(VERBATIMS_PAGE)
    journey_id = current_journey_id()
    journey = load_journey(journey_id)
    if journey is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    st.title(TITLE)
    st.caption(
        "What customers wrote with their score, exactly as they wrote it, and the themes "
        "of what they wrote."
    )
    if not nps_view(journey_id, "kinds"):
        st.info(
            "No survey answers for this journey yet. Import a survey export on the "
            "'Import survey data' page."
        )
        return
    choice = _filters(journey, verbatim_locations(viewer, journey_id), load_segments(journey_id))
    comments, themes = st.tabs(
        [COMMENTS_TAB, THEMES_TAB], key=state.VERBATIM_TAB, on_change="rerun"
    )
    # .open is None where tabs are not tracked: then both run.
    if comments.open is not False:
        with comments:
            _comments(viewer, journey, choice)
    if themes.open is not False:
        with themes:
            themes_tab(viewer, journey, choice)


def _comments(viewer: Viewer, journey: Journey, choice: dict[str, Any]) -> None:
    journey_id = journey.id
    wanted = int(st.session_state.get(state.VERBATIM_PAGE, 1))
    try:
        found = verbatim_page(viewer, journey_id, page=wanted, **choice)
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    if not found.total:
        st.markdown("0 comments match.")
        return
    st.markdown(
        plain(f"{found.first:,}–{found.last:,} of {found.total:,} comments match.")
        if found.pages > 1
        else plain(f"{found.total:,} comments match.")
    )
    if wanted != found.page:
        st.session_state[state.VERBATIM_PAGE] = found.page  # fewer matches than before
    st.number_input(
        f"Page (of {found.pages:,})", 1, found.pages, step=1, key=state.VERBATIM_PAGE, width=200
    )
    names = touchpoint_names(journey)
    places = location_names()
    for row in found.rows.itertuples():
        _comment(row, names, places)
    st.caption(f"{found.page_size} comments a page.")


def _filters(journey: Journey, locations: list[str], segments: list[str]) -> dict[str, Any]:
    """The search and filters as :func:`search_verbatims` takes them."""
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
    with first:
        segment = st.selectbox(
            "Segment",
            ["", *segments],
            format_func=lambda seg: seg or "All segments",
            key=state.VERBATIM_SEGMENT,
        )
    chosen = None if period == ALL_TIME else workspace_time.period(period)
    return {
        "text": search,
        "touchpoint": touchpoint or None,
        "group": group or None,
        "location": location or None,
        "segment": segment or None,
        "start": chosen.start if chosen else None,
        "end": chosen.end if chosen else None,
    }


def _comment(row: object, names: dict[str, str], places: dict[str, str]) -> None:
    touchpoint = getattr(row, "touchpoint_id", None)
    location = getattr(row, "location", "") or ""
    parts = [
        f"{workspace_time.shown_moment(row.responded_at):%Y-%m-%d %H:%M}",  # type: ignore[attr-defined]
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
