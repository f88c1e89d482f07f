"""Cached sand reports and walk data for the pages, and the shared evidence filter.

Keyed on (database, journey, revision, evidence fingerprint, filter): a save, an import
or a new visit answer is a new key, so what a page shows is never stale.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlalchemy import distinct, select

from journeymap import settings
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import make_period
from journeymap.analytics.walk_cards import nps_matrix
from journeymap.services.sand import SandReport, evidence_filter, sand_report
from journeymap.services.walk import WalkData, walk_data
from journeymap.store.data_revision import evidence_revision
from journeymap.store.evidence import read_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import read_locations
from journeymap.store.tables import ResponseRow
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
    locations = own_location_names()
    scope = current_viewer().location_scope
    if scope is not None:  # a location manager's evidence is that of their own locations
        locations = {key: name for key, name in locations.items() if key in scope}
        if not locations:
            st.info("No locations are assigned to your account: ask an admin.")
            st.stop()
    segments = _segments(settings.database_url(), journey_id)
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
    frame = read_locations(get_engine())
    if frame.empty:
        return {}
    own = frame[~frame["competitor"].astype(bool)]
    return dict(zip(own["id"], own["name"], strict=True))


@st.cache_data(ttl=300, show_spinner=False)
def _segments(url: str, journey_id: str) -> list[str]:
    with get_engine().connect() as connection:
        rows = connection.execute(
            select(distinct(ResponseRow.segment)).where(
                ResponseRow.journey_id == journey_id, ResponseRow.segment != ""
            )
        ).scalars()
        return sorted(rows)


def _key(journey_id: str) -> tuple[str, int, str] | None:
    stored = JourneyRepository(get_engine()).get(journey_id)
    if stored is None:
        return None
    return settings.database_url(), stored.revision, evidence_revision(get_engine(), journey_id)


def load_sand_report(journey_id: str, flt: EvidenceFilter) -> SandReport | None:
    key = _key(journey_id)
    if key is None:
        return None
    return cached_sand_report(*key, journey_id, flt)


def load_walk_data(journey_id: str, flt: EvidenceFilter) -> WalkData | None:
    key = _key(journey_id)
    if key is None:
        return None
    return _walk_data(*key, journey_id, flt)


@st.cache_data(show_spinner="Weighing the evidence…", max_entries=32)
def cached_sand_report(
    url: str, revision: int, evidence: str, journey_id: str, flt: EvidenceFilter
) -> SandReport | None:
    stored = JourneyRepository(get_engine()).get(journey_id)
    return sand_report(get_engine(), stored.journey, flt) if stored else None


@st.cache_data(show_spinner="Gathering the evidence for the walk…", max_entries=16)
def _walk_data(
    url: str, revision: int, evidence: str, journey_id: str, flt: EvidenceFilter
) -> WalkData | None:
    stored = JourneyRepository(get_engine()).get(journey_id)
    return walk_data(get_engine(), stored.journey, flt) if stored else None


def load_nps_matrix(journey_id: str, flt: EvidenceFilter) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Touchpoint × location NPS and n for the heatmap (empty frames without answers)."""
    key = _key(journey_id)
    if key is None:
        return pd.DataFrame(), pd.DataFrame()
    return _nps_matrix(*key, journey_id, flt)


@st.cache_data(show_spinner=False, max_entries=32)
def _nps_matrix(
    url: str, revision: int, evidence: str, journey_id: str, flt: EvidenceFilter
) -> tuple[pd.DataFrame, pd.DataFrame]:
    stored = JourneyRepository(get_engine()).get(journey_id)
    if stored is None:
        return pd.DataFrame(), pd.DataFrame()
    responses = read_responses(get_engine(), journey_id, flt.start, flt.end)
    return nps_matrix(responses, [t.id for t in stored.journey.touchpoints])
