"""Cached voice-of-the-customer views for the NPS, Verbatims and Call-backs pages.

Cached on (database, journey, responses fingerprint), never on a time limit: an import
changes the fingerprint, so a page never shows figures from before it. The NPS
dashboard's tables are counted by the database (services/nps_views.py) and cached per
view and choice (period, survey kind, grain): a count over a bank's millions of answers
takes a second or two, and a rerun with the same choices must not pay that again. A
page of verbatims is searched by the database and cached per viewer and choice.
Call-back cases are not cached: agents change them all day and the list must show the
latest status.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.analytics.profit_chain import profit_chain, visits_between
from journeymap.analytics.shopper_results import league_table
from journeymap.model import Journey
from journeymap.model.access import Viewer
from journeymap.services import verbatims, voc_data
from journeymap.services.nps_views import NPS_VIEWS
from journeymap.ui.services import get_engine
from journeymap.ui.shopping_data import load_visit_scores


def load_journey(journey_id: str) -> Journey | None:
    return voc_data.stored_journey(get_engine(), journey_id)


def touchpoint_names(journey: Journey) -> dict[str, str]:
    """Touchpoint id → name, in the journey's order."""
    return {tp.id: tp.name for tp in journey.touchpoints}


def _fingerprint(journey_id: str) -> str:
    return voc_data.responses_revision(get_engine(), journey_id)


def verbatim_page(viewer: Viewer, journey_id: str, **choice: Any) -> verbatims.VerbatimPage:
    """``search_verbatims(viewer, engine, journey_id, **choice)``, cached per choice."""
    fingerprint = _fingerprint(journey_id)
    return _verbatim_page(settings.database_url(), journey_id, fingerprint, viewer, choice)


@st.cache_data(show_spinner="Searching the comments…", max_entries=64)
def _verbatim_page(
    url: str, journey_id: str, fingerprint: str, viewer: Viewer, choice: dict[str, Any]
) -> verbatims.VerbatimPage:
    # url and fingerprint are the cache key: another database or an import is a new
    # entry; the viewer is part of it because the answer is scoped to their locations.
    return verbatims.search_verbatims(viewer, get_engine(), journey_id, **choice)


def verbatim_locations(viewer: Viewer, journey_id: str) -> list[str]:
    fingerprint = _fingerprint(journey_id)
    return _verbatim_locations(settings.database_url(), journey_id, fingerprint, viewer)


@st.cache_data(show_spinner=False, max_entries=16)
def _verbatim_locations(url: str, journey_id: str, fingerprint: str, viewer: Viewer) -> list[str]:
    return verbatims.verbatim_locations(viewer, get_engine(), journey_id)


def nps_view(journey_id: str, view: str, *args: Any, **options: Any) -> Any:
    """``NPS_VIEWS[view](engine, journey_id, *args, **options)``, cached per choice."""
    fingerprint = _fingerprint(journey_id)
    return _nps_view(settings.database_url(), journey_id, fingerprint, view, args, options)


@st.cache_data(show_spinner="Counting the answers…", max_entries=256)
def _nps_view(
    url: str,
    journey_id: str,
    fingerprint: str,
    view: str,
    args: tuple[Any, ...],
    options: dict[str, Any],
) -> Any:
    # url and fingerprint are the cache key: another database or an import is a new entry.
    return NPS_VIEWS[view](get_engine(), journey_id, *args, **options)


def location_names() -> dict[str, str]:
    return voc_data.location_names(get_engine())


def load_profit_chain(
    journey_id: str,
    survey_kind: str,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """Shopper score and NPS per own location over the same days (None: all of them)."""
    scores, stored = load_visit_scores(journey_id, settings.shopper_approved_only())
    visits = visits_between(scores, stored, start, end)
    league = league_table(visits, settings.shopper_score_method())  # type: ignore[arg-type]
    by_location = nps_view(journey_id, "by_location", survey_kind, start, end)
    return profit_chain(league, by_location)
