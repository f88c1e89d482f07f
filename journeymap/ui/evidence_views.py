"""The journey views coloured by evidence: health on nodes and cards, flagged handoffs on
the edges, observed emotion.

Cached on (database, journey, revision, evidence fingerprint, filter, view options),
never on a time limit: a new import or visit answer is a new key, so the colours are
never stale.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from journeymap import settings
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.observed_emotion import observed_emotions
from journeymap.charts import journey_figure, journey_map_figure, map_layout
from journeymap.charts.health import handoff_edges
from journeymap.charts.journey_diagram import EdgeFilter
from journeymap.services.sand import journey_health
from journeymap.services.voc_data import evidence_revision
from journeymap.ui.sand_services import cached_sand_report
from journeymap.ui.services import get_engine, load_journey_view


def health_graph_figure(
    journey_id: str, revision: int, edges: EdgeFilter, flt: EvidenceFilter
) -> go.Figure | None:
    fingerprint = evidence_revision(get_engine(), journey_id)
    return _graph(settings.database_url(), journey_id, revision, fingerprint, edges, flt)


def health_map_figure(
    journey_id: str, revision: int, lanes: tuple[str, ...], flt: EvidenceFilter
) -> go.Figure | None:
    fingerprint = evidence_revision(get_engine(), journey_id)
    return _map(settings.database_url(), journey_id, revision, fingerprint, lanes, flt)


@st.cache_data(show_spinner="Colouring the journey by its evidence…", max_entries=32)
def _graph(
    url: str,
    journey_id: str,
    revision: int,
    fingerprint: str,
    edges: EdgeFilter,
    flt: EvidenceFilter,
) -> go.Figure | None:
    view = load_journey_view(journey_id, revision)
    report = cached_sand_report(url, revision, fingerprint, journey_id, flt)
    if view is None or report is None:
        return None
    return journey_figure(
        view.journey,
        view.flow,
        health=journey_health(report),
        edges=edges,
        handoffs=handoff_edges(report.handoffs),
    )


@st.cache_data(show_spinner="Colouring the journey map by its evidence…", max_entries=32)
def _map(
    url: str,
    journey_id: str,
    revision: int,
    fingerprint: str,
    lanes: tuple[str, ...],
    flt: EvidenceFilter,
) -> go.Figure | None:
    view = load_journey_view(journey_id, revision)
    report = cached_sand_report(url, revision, fingerprint, journey_id, flt)
    if view is None or report is None:
        return None
    return journey_map_figure(
        view.journey,
        map_layout(view.journey, lanes=lanes),
        health=journey_health(report),
        observed=observed_emotions(report.evidence),
        handoffs=handoff_edges(report.handoffs),
    )
