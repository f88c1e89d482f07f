"""Which walk the notes belong to: a walk starts when the page opens, is stored with
its first note, and stays in the address so that a reload keeps it."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from journeymap.model.access import Viewer
from journeymap.services.walk_notes import Walk, latest_walk, start_walk, walk_of
from journeymap.ui.shell import state
from journeymap.ui.shell.engine import get_engine


def this_walk(journey_id: str) -> Walk | None:
    """The walk of this page: the one in the address or the session (None: not stored
    yet, because no note was taken on it)."""
    if state.WALK_OPENED_AT not in st.session_state:
        st.session_state[state.WALK_OPENED_AT] = datetime.now(UTC)
    wanted = st.session_state.get(state.WALK_ID) or st.query_params.get(state.WALK_QUERY_PARAM)
    walk = None
    if wanted is not None and str(wanted).isdigit():
        walk = walk_of(get_engine(), journey_id, int(wanted))
    if walk is None:
        st.session_state.pop(state.WALK_ID, None)
        st.query_params.pop(state.WALK_QUERY_PARAM, None)
        return None
    st.session_state[state.WALK_ID] = walk.id
    st.query_params[state.WALK_QUERY_PARAM] = str(walk.id)
    return walk


def shown_walk(journey_id: str, may_write: bool) -> Walk | None:
    """The walk whose notes the page shows: this one; for those who take no notes
    themselves, the journey's latest walk (they follow the facilitator's)."""
    walk = this_walk(journey_id)
    if walk is None and not may_write:
        return latest_walk(get_engine(), journey_id)
    return walk


def walk_for_note(viewer: Viewer, journey_id: str) -> Walk:
    """This walk, stored now if its first note is being taken."""
    walk = this_walk(journey_id)
    if walk is not None:
        return walk
    walk = start_walk(viewer, get_engine(), journey_id, st.session_state[state.WALK_OPENED_AT])
    st.session_state[state.WALK_ID] = walk.id
    st.query_params[state.WALK_QUERY_PARAM] = str(walk.id)
    return walk


def new_walk() -> None:
    """on_click: the next note starts another walk; the steps start at the first."""
    st.session_state.pop(state.WALK_ID, None)
    st.query_params.pop(state.WALK_QUERY_PARAM, None)
    st.session_state[state.WALK_OPENED_AT] = datetime.now(UTC)
    st.session_state[state.WALK_STEP] = 1
