"""A journey's mystery-shopper results for the pages, cached.

Scoring thousands of visits takes seconds (benchmarks/RESULTS.md), far too long for
every rerun. Each loader is keyed on the database URL, the journey and its evidence
revision (a saved answer, a submit or a review changes it, so nothing cached is stale)
and on the reader's scope from services.shopper_results (role, whether they see who
shopped, their locations): one reader's results are never handed to another whose
view differs.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.model.access import Viewer
from journeymap.services.shopper_results import (
    ResultsScope,
    ShopperResults,
    results_revision,
    results_scope,
    scoped_results,
    scoped_touchpoint_scores,
)
from journeymap.ui.auth import current_viewer
from journeymap.ui.services import get_engine

__all__ = [
    "ShopperResults",
    "load_shopper_results",
    "load_visit_scores",
    "touchpoint_shopper_scores",
]


def load_shopper_results(viewer: Viewer, journey_id: str, approved_only: bool) -> ShopperResults:
    """The results as ``viewer`` may see them; NotAllowed for whoever may see none."""
    scope = results_scope(viewer)
    revision = results_revision(get_engine(), journey_id)
    return _results(settings.database_url(), journey_id, revision, approved_only, *_key(scope))


def _key(scope: ResultsScope) -> tuple[str, bool, tuple[str, ...] | None]:
    return scope.role, scope.identities, scope.locations


@st.cache_data(show_spinner="Scoring the shopper visits…", max_entries=8)
def _results(
    url: str,
    journey_id: str,
    revision: str,
    approved_only: bool,
    role: str,
    identities: bool,
    locations: tuple[str, ...] | None,
) -> ShopperResults:
    # Every argument is part of the key: another database, a newer revision or another
    # reader's scope is another entry.
    scope = ResultsScope(role, identities, locations)
    return scoped_results(scope, get_engine(), journey_id, approved_only)


def touchpoint_shopper_scores(journey_id: str, viewer: Viewer) -> pd.DataFrame:
    """Own locations' score per touchpoint under the configured method and statuses, of
    the viewer's locations."""
    scope = results_scope(viewer)
    revision = results_revision(get_engine(), journey_id)
    return _touchpoint_scores(
        settings.database_url(),
        journey_id,
        revision,
        settings.shopper_approved_only(),
        settings.shopper_score_method(),
        *_key(scope),
    )


@st.cache_data(show_spinner="Scoring the shopper visits…", max_entries=16)
def _touchpoint_scores(
    url: str,
    journey_id: str,
    revision: str,
    approved_only: bool,
    method: str,
    role: str,
    identities: bool,
    locations: tuple[str, ...] | None,
) -> pd.DataFrame:
    scope = ResultsScope(role, identities, locations)
    return scoped_touchpoint_scores(scope, get_engine(), journey_id, approved_only, method)


def load_visit_scores(
    journey_id: str, approved_only: bool, viewer: Viewer | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The visits' scores and the visits themselves: what the profit chain needs.

    ``viewer``: whose results (default: the person looking at the page).
    """
    scope = results_scope(viewer or current_viewer())
    revision = results_revision(get_engine(), journey_id)
    return _visit_scores(settings.database_url(), journey_id, revision, approved_only, *_key(scope))


@st.cache_data(show_spinner="Scoring the shopper visits…", max_entries=16)
def _visit_scores(
    url: str,
    journey_id: str,
    revision: str,
    approved_only: bool,
    role: str,
    identities: bool,
    locations: tuple[str, ...] | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    # Only the two small frames are kept: a hit copies them, not every answer.
    scope = ResultsScope(role, identities, locations)
    results = scoped_results(scope, get_engine(), journey_id, approved_only)
    return results.tables.visits, results.visits
