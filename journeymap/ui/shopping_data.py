"""Loading a journey's mystery-shopper results for the pages.

The full tables are not cached: answers change every few seconds while shoppers work.
The small summaries the journey and NPS pages show are cached on the evidence
fingerprint, which a saved answer or a review changes: scoring thousands of visits
takes seconds, far too long for every rerun (benchmarks/RESULTS.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.analytics.shopper_results import (
    ScoreTables,
    Versions,
    score_visits,
    touchpoint_scores,
)
from journeymap.model.visit_status import counted_statuses
from journeymap.store.data_revision import evidence_revision
from journeymap.store.programme import read_answers, read_visits
from journeymap.store.visits import all_versions
from journeymap.ui.services import get_engine


@dataclass(frozen=True)
class ShopperData:
    versions: Versions
    visits: pd.DataFrame
    answers: pd.DataFrame
    tables: ScoreTables


def load_shopper_data(
    journey_id: str, approved_only: bool, locations: frozenset[str] | None = None
) -> ShopperData:
    """``locations``: only these locations' visits are read (None: all)."""
    engine = get_engine()
    versions = all_versions(engine, journey_id)
    visits = read_visits(engine, journey_id, locations)
    answers = read_answers(engine, journey_id, locations)
    tables = score_visits(versions, visits, answers, counted_statuses(approved_only))
    return ShopperData(versions, visits, answers, tables)


def touchpoint_shopper_scores(
    journey_id: str, locations: frozenset[str] | None = None
) -> pd.DataFrame:
    """Own locations' score per touchpoint under the configured method and statuses."""
    fingerprint = evidence_revision(get_engine(), journey_id)
    return _touchpoint_scores(
        settings.database_url(),
        journey_id,
        fingerprint,
        settings.shopper_approved_only(),
        settings.shopper_score_method(),
        None if locations is None else tuple(sorted(locations)),
    )


@st.cache_data(show_spinner="Scoring the shopper visits…", max_entries=16)
def _touchpoint_scores(
    url: str,
    journey_id: str,
    fingerprint: str,
    approved_only: bool,
    method: str,
    locations: tuple[str, ...] | None,
) -> pd.DataFrame:
    # url and fingerprint are the cache key: another database or a new answer is a new entry.
    scope = None if locations is None else frozenset(locations)
    data = load_shopper_data(journey_id, approved_only, scope)
    return touchpoint_scores(data.tables, method)  # type: ignore[arg-type]


def load_visit_scores(journey_id: str, approved_only: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The visits' scores and the visits themselves: what the profit chain needs."""
    fingerprint = evidence_revision(get_engine(), journey_id)
    return _visit_scores(settings.database_url(), journey_id, fingerprint, approved_only)


@st.cache_data(show_spinner="Scoring the shopper visits…", max_entries=16)
def _visit_scores(
    url: str, journey_id: str, fingerprint: str, approved_only: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    data = load_shopper_data(journey_id, approved_only)
    return data.tables.visits, data.visits
