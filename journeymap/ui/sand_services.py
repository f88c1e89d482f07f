"""Cached sand reports and walk data for the pages, and the shared evidence filter.

Keyed on (database, journey, revision, evidence fingerprint, filter): a save, an import
or a new visit answer is a new key, so what a page shows is never stale. The viewer is
checked before a cached answer is handed out: a location manager's filter names one of
their locations, and the heatmap's key carries their locations.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import make_period
from journeymap.model.access import Viewer
from journeymap.services.journeys import get_journey
from journeymap.services.sand import SandReport, evidence_filter, sand_report
from journeymap.services.sand_views import (
    check_filter,
    evidence_key,
    location_names,
    nps_by_location,
    response_segments,
    viewer_locations,
)
from journeymap.services.walk import WalkData, walk_data
from journeymap.ui import state
from journeymap.ui.auth import current_viewer
from journeymap.ui.services import get_engine

LAST_HALF_YEAR = "Last half year"


def period_choices(today: date | None = None) -> list[str]:
    """The half year, the last four quarters, the last six months and the last two years."""
    today = today or date.today()
    quarter = (today.month - 1) // 3 + 1
    quarters, months = [], []
    year, part = today.year, quarter
    for _ in range(4):
        quarters.append(make_period("quarter", year, part).label)
        year, part = (year, part - 1) if part > 1 else (year - 1, 4)
    year, month = today.year, today.month
    for _ in range(6):
        months.append(make_period("month", year, month).label)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [LAST_HALF_YEAR, *quarters, *months, str(today.year), str(today.year - 1)]


def evidence_filter_widgets(journey_id: str) -> EvidenceFilter:
    """Period, location and segment pickers in one row; the choice is kept per session."""
    viewer = current_viewer()
    locations = viewer_locations(viewer, get_engine())
    scope = viewer.location_scope
    if scope is not None and not locations:
        st.info("No locations are assigned to your account: ask an admin.")
        st.stop()
    key = _key(journey_id)
    segments = _segments(*key, journey_id) if key else []
    period_col, location_col, segment_col = st.columns(3)
    with period_col:
        period = st.selectbox("Period", period_choices(), key=state.EVIDENCE_PERIOD)
    with location_col:
        location = st.selectbox(
            "Location",
            ["", *locations] if scope is None else list(locations),
            format_func=lambda key: locations.get(key, "All locations") if key else "All locations",
            key=state.EVIDENCE_LOCATION,
        )
    with segment_col:
        segment = st.selectbox(
            "Segment",
            ["", *segments],
            format_func=lambda value: value or "All segments",
            key=state.EVIDENCE_SEGMENT,
        )
    return evidence_filter(None if period == LAST_HALF_YEAR else period, location, segment)


def own_location_names() -> dict[str, str]:
    """Own (not competitor) locations, id → name."""
    return location_names(get_engine(), own_only=True)


def all_location_names() -> dict[str, str]:
    """Every location, competitors' included, id → name."""
    return location_names(get_engine())


@st.cache_data(show_spinner=False, max_entries=32)
def _segments(url: str, revision: int, evidence: str, journey_id: str) -> list[str]:
    return response_segments(get_engine(), journey_id)


def _key(journey_id: str) -> tuple[str, int, str] | None:
    stored = get_journey(get_engine(), journey_id)
    if stored is None:
        return None
    return settings.database_url(), stored.revision, evidence_key(get_engine(), journey_id)


def load_sand_report(journey_id: str, flt: EvidenceFilter) -> SandReport | None:
    """The report for the journey and filter; NotAllowed for evidence beyond the viewer's."""
    check_filter(current_viewer(), flt)
    key = _key(journey_id)
    if key is None:
        return None
    return cached_sand_report(*key, journey_id, flt)


def load_walk_data(journey_id: str, flt: EvidenceFilter) -> WalkData | None:
    check_filter(current_viewer(), flt)
    key = _key(journey_id)
    if key is None:
        return None
    return _walk_data(*key, journey_id, flt)


@st.cache_data(show_spinner="Weighing the evidence…", max_entries=32)
def cached_sand_report(
    url: str, revision: int, evidence: str, journey_id: str, flt: EvidenceFilter
) -> SandReport | None:
    stored = get_journey(get_engine(), journey_id)
    return sand_report(get_engine(), stored.journey, flt) if stored else None


@st.cache_data(show_spinner="Gathering the evidence for the walk…", max_entries=16)
def _walk_data(
    url: str, revision: int, evidence: str, journey_id: str, flt: EvidenceFilter
) -> WalkData | None:
    stored = get_journey(get_engine(), journey_id)
    return walk_data(get_engine(), stored.journey, flt) if stored else None


def load_nps_matrix(journey_id: str, flt: EvidenceFilter) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Touchpoint × location NPS and n for the heatmap, of the viewer's locations (empty
    frames without answers)."""
    key = _key(journey_id)
    if key is None:
        return pd.DataFrame(), pd.DataFrame()
    viewer = current_viewer()
    return _nps_matrix(*key, journey_id, flt, viewer.location_scope, viewer)


@st.cache_data(show_spinner=False, max_entries=32)
def _nps_matrix(
    url: str,
    revision: int,
    evidence: str,
    journey_id: str,
    flt: EvidenceFilter,
    scope: frozenset[str] | None,
    _viewer: Viewer,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    # scope is the key's part of the viewer: who sees the same locations shares an entry.
    stored = get_journey(get_engine(), journey_id)
    if stored is None:
        return pd.DataFrame(), pd.DataFrame()
    return nps_by_location(_viewer, get_engine(), stored.journey, flt)
