"""Cached voice-of-the-customer views for the NPS, Verbatims, Call-backs and survey
import pages.

Keyed on the responses key (database, journey, revision, survey answers' revision),
never on a time limit: an import changes it, so a page never shows figures from before
it. The NPS dashboard's tables are counted by the database (services/nps_views.py) and
cached per view and choice (period, survey kind, grain): a count over a bank's millions
of answers takes a second or two, and a rerun with the same choices must not pay that
again. A page of verbatims is searched by the database and cached per viewer and
choice. Call-back cases are not cached: agents change them all day and the list must
show the latest status.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.analytics.profit_chain import profit_chain, visits_between
from journeymap.analytics.results_choice import VersionPick, pick_version
from journeymap.analytics.shopper_results import league_table
from journeymap.i18n import N_
from journeymap.io.survey_import.columns import distinct_counts
from journeymap.io.survey_import.source import open_table
from journeymap.model import Journey
from journeymap.model.access import Viewer
from journeymap.services import verbatims, voc_data, workspace_time
from journeymap.services.nps_views import NPS_VIEWS
from journeymap.ui.loaders.keys import DataKey, Spinner, engine_of, in_key_language, responses_key
from journeymap.ui.loaders.shopping import load_visit_scores
from journeymap.ui.shell.engine import get_engine


def load_journey(journey_id: str) -> Journey | None:
    """The journey as stored now (not cached: it is one look-up)."""
    return voc_data.stored_journey(get_engine(), journey_id)


def touchpoint_names(journey: Journey) -> dict[str, str]:
    """Touchpoint id → name, in the journey's order."""
    return {tp.id: tp.name for tp in journey.touchpoints}


def location_names() -> dict[str, str]:
    """Every location, id → name (not cached: a location added is listed at once)."""
    return voc_data.location_names(get_engine())


def verbatim_page(viewer: Viewer, journey_id: str, **choice: Any) -> verbatims.VerbatimPage:
    """``search_verbatims(viewer, engine, journey_id, **choice)``, cached per viewer and
    choice (a journey deleted meanwhile is searched, and found empty, uncached)."""
    key = responses_key(journey_id)
    if key is None:
        return verbatims.search_verbatims(viewer, get_engine(), journey_id, **choice)
    return _verbatim_page(key, viewer, choice)


@st.cache_data(show_spinner=Spinner(N_("Searching the comments…")), max_entries=64)
@in_key_language
def _verbatim_page(key: DataKey, viewer: Viewer, choice: dict[str, Any]) -> verbatims.VerbatimPage:
    # The viewer is part of the key: the answer is scoped to their locations, and the
    # service checks their role on every miss.
    return verbatims.search_verbatims(viewer, engine_of(key), key.journey_id, **choice)


def verbatim_locations(viewer: Viewer, journey_id: str) -> list[str]:
    """The locations the journey's comments name that the viewer may see."""
    key = responses_key(journey_id)
    return [] if key is None else _verbatim_locations(key, viewer)


@st.cache_data(show_spinner=False, max_entries=16)
@in_key_language
def _verbatim_locations(key: DataKey, viewer: Viewer) -> list[str]:
    return verbatims.verbatim_locations(viewer, engine_of(key), key.journey_id)


def nps_view(journey_id: str, view: str, *args: Any, **options: Any) -> Any:
    """``NPS_VIEWS[view](engine, journey_id, *args, **options)``, cached per choice (a
    journey deleted meanwhile is counted, and found empty, uncached)."""
    key = responses_key(journey_id)
    if key is None:
        return NPS_VIEWS[view](get_engine(), journey_id, *args, **options)
    return _nps_view(key, view, args, options)


@st.cache_data(show_spinner=Spinner(N_("Counting the answers…")), max_entries=256)
@in_key_language
def _nps_view(key: DataKey, view: str, args: tuple[Any, ...], options: dict[str, Any]) -> Any:
    return NPS_VIEWS[view](engine_of(key), key.journey_id, *args, **options)


def load_profit_chain(
    viewer: Viewer,
    journey_id: str,
    survey_kind: str,
    start: date | None = None,
    end: date | None = None,
    asked: str = "",
) -> tuple[pd.DataFrame, VersionPick]:
    """Shopper score and NPS per own location over the same days (None: all of them), of
    the visits the viewer may see, of one questionnaire version (``asked``, "id@version";
    by default the one visited last): and which version that is, among which."""
    scores, stored, names = load_visit_scores(viewer, journey_id, settings.shopper_approved_only())
    visits = visits_between(scores, stored, start, end, workspace_time.zone())
    pick = pick_version(visits, stored, asked, names)
    league = league_table(pick.rows, settings.shopper_score_method())  # type: ignore[arg-type]
    by_location = nps_view(journey_id, "by_location", survey_kind, start, end)
    return profit_chain(league, by_location), pick


@st.cache_data(show_spinner=False, max_entries=16)
def column_values(path: str, column: str, sheet: str | None = None) -> dict[str, int]:
    """How often each value occurs in the first rows of an uploaded file's column.

    Keyed on the file, not the database: ``path`` is a fresh temporary file per upload.
    """
    return distinct_counts(open_table(Path(path), sheet).head()[column])
