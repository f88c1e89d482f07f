"""The export page's data: cached on the Act key (journey revision, evidence, call-back
cases and actions) and the period.

An import adds evidence without a new journey revision, and an action edit changes the
deck's and workbook's action list: both are part of the key, so a download is never
older than the page it is clicked on.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from journeymap.i18n import N_
from journeymap.io.export.data import ExportData
from journeymap.services import workspace_time
from journeymap.services.export import export_data
from journeymap.services.sand import evidence_filter
from journeymap.ui.loaders.keys import (
    DataKey,
    Spinner,
    act_key,
    engine_of,
    in_key_language,
    journey_of,
)


def load_export_data(journey_id: str, period: str) -> ExportData | None:
    """The journey's export data for the period; None when the journey is gone.

    ValueError (with the accepted forms) for a period that cannot be read.
    """
    evidence_filter(period)  # raises before anything is cached
    key = act_key(journey_id)
    if key is None:
        return None
    # An empty period: the half year to today.
    return _export_data(key, period, workspace_time.today())


@st.cache_data(show_spinner=Spinner(N_("Gathering the evidence…")), max_entries=16)
@in_key_language
def _export_data(key: DataKey, period: str, today: date) -> ExportData | None:
    journey = journey_of(key)
    if journey is None:
        return None
    return export_data(engine_of(key), journey, key.revision, evidence_filter(period))
