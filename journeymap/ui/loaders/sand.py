"""Cached sand reports, walk data and the NPS heatmap, and the segments the evidence
filter offers.

Keyed on the evidence key (database, journey, revision, evidence revision) and the
filter: a save, an import or a new visit answer is a new key, so what a page shows is
never stale. The viewer is checked before a cached answer is handed out: a location
manager's filter names one of their locations, and the heatmap's key carries their
locations.
"""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.cell_grid import CellGrid
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.i18n import N_
from journeymap.model.access import Viewer
from journeymap.services import sand, sand_views
from journeymap.services.sand import SandReport
from journeymap.services.walk import WalkData, walk_data
from journeymap.ui.loaders.keys import (
    DataKey,
    Spinner,
    engine_of,
    evidence_key,
    in_key_language,
    journey_of,
    responses_key,
)


def load_sand_report(viewer: Viewer, journey_id: str, flt: EvidenceFilter) -> SandReport | None:
    """The report for the journey and filter; NotAllowed for evidence beyond the viewer's."""
    sand_views.check_filter(viewer, flt)
    key = evidence_key(journey_id)
    return None if key is None else sand_report(key, flt)


@st.cache_data(show_spinner=Spinner(N_("Weighing the evidence…")), max_entries=32)
@in_key_language
def sand_report(key: DataKey, flt: EvidenceFilter) -> SandReport | None:
    """:func:`load_sand_report` for a key whose filter was checked (the health views)."""
    journey = journey_of(key)
    return None if journey is None else sand.sand_report(engine_of(key), journey, flt)


def load_walk_data(viewer: Viewer, journey_id: str, flt: EvidenceFilter) -> WalkData | None:
    """The walk's evidence cards; NotAllowed for evidence beyond the viewer's."""
    sand_views.check_filter(viewer, flt)
    key = evidence_key(journey_id)
    return None if key is None else _walk_data(key, flt)


@st.cache_data(show_spinner=Spinner(N_("Gathering the evidence for the walk…")), max_entries=16)
@in_key_language
def _walk_data(key: DataKey, flt: EvidenceFilter) -> WalkData | None:
    journey = journey_of(key)
    return None if journey is None else walk_data(engine_of(key), journey, flt)


def load_nps_matrix(viewer: Viewer, journey_id: str, flt: EvidenceFilter) -> CellGrid:
    """Touchpoint × location NPS, n and interval for the heatmap, of the viewer's
    locations (empty without answers)."""
    key = evidence_key(journey_id)
    if key is None:
        return CellGrid.nothing()
    return _nps_matrix(key, flt, viewer.location_scope, viewer)


@st.cache_data(show_spinner=False, max_entries=32)
@in_key_language
def _nps_matrix(
    key: DataKey, flt: EvidenceFilter, scope: frozenset[str] | None, _viewer: Viewer
) -> CellGrid:
    # scope is the key's part of the viewer: who sees the same locations shares an entry.
    journey = journey_of(key)
    if journey is None:
        return CellGrid.nothing()
    return sand_views.nps_by_location(_viewer, engine_of(key), journey, flt)


def load_segments(journey_id: str) -> list[str]:
    """The segments the journey's survey answers name, for the evidence filter."""
    key = responses_key(journey_id)
    return [] if key is None else _segments(key)


@st.cache_data(show_spinner=False, max_entries=32)
@in_key_language
def _segments(key: DataKey) -> list[str]:
    return sand_views.response_segments(engine_of(key), key.journey_id)
