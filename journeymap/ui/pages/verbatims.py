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

from journeymap.analytics.periods import period_title
from journeymap.analytics.verbatims import SCORE_GROUPS
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
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
from journeymap.ui.widgets.voc.wording import GROUP_NAMES, group_word

TITLE = N_("Verbatims")
ALL_TIME = "All time"
COMMENTS_TAB, THEMES_TAB = N_("Comments"), N_("Themes")


def render() -> None:
    viewer = require_page(VERBATIMS_PAGE)
    journey_id = current_journey_id()
    journey = load_journey(journey_id)
    if journey is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    st.title(_(TITLE))
    st.caption(
        _(
            "What customers wrote with their score, exactly as they wrote it, and the themes "
            "of what they wrote."
        )
    )
    if not nps_view(journey_id, "kinds"):
        st.info(
            _(
                "No survey answers for this journey yet. Import a survey export on the "
                "'Import survey data' page."
            )
        )
        return
    choice = _filters(journey, verbatim_locations(viewer, journey_id), load_segments(journey_id))
    comments, themes = st.tabs(
        [_(COMMENTS_TAB), _(THEMES_TAB)], key=state.VERBATIM_TAB, on_change="rerun"
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
        st.markdown(_("{count} comments match.").format(count=fmt.number(0)))
        return
    st.markdown(
        plain(
            _("{first}–{last} of {total} comments match.").format(
                first=fmt.number(found.first),
                last=fmt.number(found.last),
                total=fmt.number(found.total),
            )
        )
        if found.pages > 1
        else plain(_("{count} comments match.").format(count=fmt.number(found.total)))
    )
    if wanted != found.page:
        st.session_state[state.VERBATIM_PAGE] = found.page  # fewer matches than before
    st.number_input(
        _("Page (of {pages})").format(pages=fmt.number(found.pages)),
        1,
        found.pages,
        step=1,
        key=state.VERBATIM_PAGE,
        width=200,
    )
    names = touchpoint_names(journey)
    places = location_names()
    for row in found.rows.itertuples():
        _comment(row, names, places)
    st.caption(_("{count} comments a page.").format(count=fmt.number(found.page_size)))


def _filters(journey: Journey, locations: list[str], segments: list[str]) -> dict[str, Any]:
    """The search and filters as :func:`search_verbatims` takes them."""
    names = touchpoint_names(journey)
    places = location_names()
    first, second, third = st.columns(3)
    with first:
        touchpoint = st.selectbox(
            _("Touchpoint"),
            ["", *names],
            format_func=lambda tp: names.get(tp, tp) if tp else _("All touchpoints"),
            key=state.VERBATIM_TOUCHPOINT,
        )
    with second:
        group = st.selectbox(
            _("Score group"),
            ["", *SCORE_GROUPS],
            format_func=lambda g: _(GROUP_NAMES[g]) if g in GROUP_NAMES else _("All scores"),
            key=state.VERBATIM_GROUP,
        )
        search = st.text_input(
            _("Search the comments"), key=state.VERBATIM_SEARCH, placeholder=_("e.g. queue")
        )
    with third:
        period = st.selectbox(
            _("Period"),
            [ALL_TIME, *period_choices()[1:]],
            format_func=lambda p: _("All time") if p == ALL_TIME else period_title(p),
            key=state.VERBATIM_PERIOD,
        )
        location = st.selectbox(
            _("Location"),
            ["", *locations],
            format_func=lambda loc: places.get(loc, loc) if loc else _("All locations"),
            key=state.VERBATIM_LOCATION,
        )
    with first:
        segment = st.selectbox(
            _("Segment"),
            ["", *segments],
            format_func=lambda seg: seg or _("All segments"),
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
        fmt.moment(workspace_time.shown_moment(row.responded_at)),  # type: ignore[attr-defined]
        _("score {score} ({group})").format(
            score=row.score,  # type: ignore[attr-defined]
            group=group_word(row.group),  # type: ignore[attr-defined]
        ),
        names.get(touchpoint, touchpoint) if touchpoint else _("relationship survey"),
    ]
    if location:
        parts.append(places.get(location, location))
    with st.container(border=True):
        st.caption(plain(" · ".join(str(p) for p in parts)))
        st.markdown(plain(row.comment))  # type: ignore[attr-defined]


if __name__ == "__main__":
    render()
