"""Cached voice-of-the-customer views for the NPS, Verbatims and Call-backs pages.

Cached on (database, journey, responses fingerprint): an import changes the fingerprint,
so a page never shows figures from before it. The NPS dashboard's tables are counted by
the database (services/nps_views.py) and cached per view and choice (period, survey
kind, grain): a count over a bank's millions of answers takes a second or two, and a
rerun with the same choices must not pay that again. Call-back cases are not cached:
agents change them all day and the list must show the latest status.
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
from journeymap.services.nps_views import NPS_VIEWS
from journeymap.store.data_revision import responses_revision
from journeymap.store.evidence import read_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import read_locations
from journeymap.ui.services import get_engine
from journeymap.ui.shopping_data import load_visit_scores


def load_journey(journey_id: str) -> Journey | None:
    stored = JourneyRepository(get_engine()).get(journey_id)
    return stored.journey if stored else None


def touchpoint_names(journey: Journey) -> dict[str, str]:
    """Touchpoint id → name, in the journey's order."""
    return {tp.id: tp.name for tp in journey.touchpoints}


def load_responses(journey_id: str) -> pd.DataFrame:
    """All of a journey's responses (both survey kinds), oldest first. Read-only: shared."""
    fingerprint = responses_revision(get_engine(), journey_id)
    return _responses(settings.database_url(), journey_id, fingerprint)


# A resource, not data: st.cache_data would unpickle a copy of millions of rows on every
# hit. Every reader filters or copies before it changes anything.
@st.cache_resource(show_spinner="Reading the survey answers…", max_entries=2)
def _responses(url: str, journey_id: str, fingerprint: str) -> pd.DataFrame:
    # url and fingerprint are the cache key: another database or an import is a new entry.
    return read_responses(get_engine(), journey_id)


def nps_view(journey_id: str, view: str, *args: Any, **options: Any) -> Any:
    """``NPS_VIEWS[view](engine, journey_id, *args, **options)``, cached per choice."""
    fingerprint = responses_revision(get_engine(), journey_id)
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
    frame = read_locations(get_engine())
    if frame.empty:
        return {}
    return dict(zip(frame["id"], frame["name"], strict=True))


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
