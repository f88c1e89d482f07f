"""A journey's mystery-shopper results for the pages, cached.

Scoring thousands of visits takes seconds (benchmarks/RESULTS.md), far too long for
every rerun. Each loader is keyed on the evidence key (database, journey, revision,
evidence revision: a saved answer, a submit or a review changes it, so nothing cached
is stale) and on the reader's scope from services.shopper_results (role, whether they
see who shopped, their locations): one reader's results are never handed to another
whose view differs.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.i18n import N_
from journeymap.model.access import Viewer
from journeymap.services.shopper_results import (
    ResultsScope,
    ShopperResults,
    TouchpointScores,
    results_scope,
    scoped_results,
    scoped_touchpoint_scores,
    version_names,
)
from journeymap.ui.loaders.keys import DataKey, Spinner, engine_of, evidence_key, in_key_language
from journeymap.ui.shell.engine import get_engine

__all__ = [
    "ShopperResults",
    "load_shopper_results",
    "load_visit_scores",
    "touchpoint_shopper_scores",
]


def load_shopper_results(viewer: Viewer, journey_id: str, approved_only: bool) -> ShopperResults:
    """The results as ``viewer`` may see them; NotAllowed for whoever may see none."""
    scope = results_scope(viewer)
    key = evidence_key(journey_id)
    if key is None:  # deleted meanwhile: nothing to score, nothing worth keeping
        return scoped_results(scope, get_engine(), journey_id, approved_only)
    return _results(key, approved_only, scope)


@st.cache_data(show_spinner=Spinner(N_("Scoring the shopper visits…")), max_entries=8)
@in_key_language
def _results(key: DataKey, approved_only: bool, scope: ResultsScope) -> ShopperResults:
    # The scope is part of the key: another reader's view is another entry.
    return scoped_results(scope, engine_of(key), key.journey_id, approved_only)


def touchpoint_shopper_scores(viewer: Viewer, journey_id: str, asked: str = "") -> TouchpointScores:
    """Own locations' score per touchpoint under the configured method and statuses, of
    the viewer's locations, of one questionnaire version ("id@version"; by default the
    one visited last)."""
    scope = results_scope(viewer)
    approved_only, method = settings.shopper_approved_only(), settings.shopper_score_method()
    key = evidence_key(journey_id)
    if key is None:
        return scoped_touchpoint_scores(
            scope, get_engine(), journey_id, approved_only, method, asked
        )
    return _touchpoint_scores(key, approved_only, method, scope, asked)


@st.cache_data(show_spinner=Spinner(N_("Scoring the shopper visits…")), max_entries=16)
@in_key_language
def _touchpoint_scores(
    key: DataKey, approved_only: bool, method: str, scope: ResultsScope, asked: str
) -> TouchpointScores:
    return scoped_touchpoint_scores(
        scope, engine_of(key), key.journey_id, approved_only, method, asked
    )


def load_visit_scores(
    viewer: Viewer, journey_id: str, approved_only: bool
) -> tuple[pd.DataFrame, pd.DataFrame, dict[tuple[str, int], str]]:
    """The visits' scores, the visits themselves and the questionnaire versions' names,
    as ``viewer`` may see them: what the profit chain needs."""
    scope = results_scope(viewer)
    key = evidence_key(journey_id)
    if key is None:
        results = scoped_results(scope, get_engine(), journey_id, approved_only)
        return results.tables.visits, results.visits, version_names(results)
    return _visit_scores(key, approved_only, scope)


@st.cache_data(show_spinner=Spinner(N_("Scoring the shopper visits…")), max_entries=16)
@in_key_language
def _visit_scores(
    key: DataKey, approved_only: bool, scope: ResultsScope
) -> tuple[pd.DataFrame, pd.DataFrame, dict[tuple[str, int], str]]:
    # Only the two small frames are kept: a hit copies them, not every answer.
    results = scoped_results(scope, engine_of(key), key.journey_id, approved_only)
    return results.tables.visits, results.visits, version_names(results)
