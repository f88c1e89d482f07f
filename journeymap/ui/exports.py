"""The export page's data: cached per journey revision, evidence, actions and period.

An import adds evidence without a new journey revision, and an action edit changes the
deck's and workbook's action list: both are part of the key, so a download is never
older than the page it is clicked on.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from journeymap import settings
from journeymap.io.export.data import ExportData
from journeymap.services.actions import ActionsKey, act_revision
from journeymap.services.export import export_data
from journeymap.services.sand import evidence_filter
from journeymap.services.workspace import stored_journey
from journeymap.ui.services import get_engine


def load_export_data(journey_id: str, period: str) -> ExportData | None:
    """The journey's export data for the period; None when the journey is gone.

    ValueError (with the accepted forms) for a period that cannot be read.
    """
    evidence_filter(period)  # raises before anything is cached
    current = act_revision(get_engine(), journey_id)
    if current is None:
        return None
    return _export_data(
        settings.database_url(),
        journey_id,
        current.journey,
        current.evidence,
        current.actions,
        period,
        date.today(),  # an empty period is the half year up to today
    )


@st.cache_data(show_spinner="Gathering the evidence…", max_entries=16)
def _export_data(
    url: str,
    journey_id: str,
    revision: int,
    evidence: str,
    actions: ActionsKey,
    period: str,
    today: date,
) -> ExportData | None:
    engine = get_engine()
    stored = stored_journey(engine, journey_id)
    if stored is None:
        return None
    return export_data(engine, stored.journey, stored.revision, evidence_filter(period))
