"""The export page's data: cached per journey revision and period, never written to."""

from __future__ import annotations

import streamlit as st

from journeymap import settings
from journeymap.io.export.data import ExportData
from journeymap.services.export import export_data
from journeymap.services.sand import evidence_filter
from journeymap.store.journeys import JourneyRepository
from journeymap.ui.services import get_engine

# Evidence is imported without a new journey revision; five minutes keeps a workshop
# fast and a fresh import visible soon.
EVIDENCE_TTL_S = 300


def load_export_data(journey_id: str, revision: int, period: str) -> ExportData | None:
    """The journey's export data for the period; None when the journey is gone.

    ValueError (with the accepted forms) for a period that cannot be read.
    """
    evidence_filter(period)  # raises before anything is cached
    return _export_data(settings.database_url(), journey_id, revision, period)


@st.cache_data(show_spinner="Gathering the evidence…", max_entries=16, ttl=EVIDENCE_TTL_S)
def _export_data(url: str, journey_id: str, revision: int, period: str) -> ExportData | None:
    engine = get_engine()
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        return None
    return export_data(engine, stored.journey, stored.revision, evidence_filter(period))
