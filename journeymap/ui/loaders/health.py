"""The journey views coloured by evidence: health on nodes and cards, flagged handoffs on
the edges, observed emotion.

Keyed on the evidence key (database, journey, revision, evidence revision) with the
filter and the view's options: a new import or visit answer is a new key, so the
colours are never stale.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.observed_emotion import observed_emotions
from journeymap.charts import journey_figure, journey_map_figure, map_layout
from journeymap.charts.health import handoff_edges
from journeymap.charts.journey_diagram import EdgeFilter
from journeymap.charts.map_layout import map_style
from journeymap.i18n import N_
from journeymap.services.sand import journey_health
from journeymap.ui.loaders.journeys import journey_view
from journeymap.ui.loaders.keys import DataKey, Spinner, evidence_key, in_key_language
from journeymap.ui.loaders.sand import sand_report


def health_graph_figure(
    journey_id: str, edges: EdgeFilter, flt: EvidenceFilter
) -> go.Figure | None:
    """The graph coloured by the evidence the filter picks; None if the journey is gone."""
    key = evidence_key(journey_id)
    return None if key is None else _graph(key, edges, flt)


def health_map_figure(
    journey_id: str, lanes: tuple[str, ...], flt: EvidenceFilter, width: float | None = None
) -> go.Figure | None:
    """The journey map coloured by the evidence the filter picks, laid out for
    ``width`` pixels (see map_figure); None if it is gone."""
    key = evidence_key(journey_id)
    return None if key is None else _map(key, lanes, flt, width)


@st.cache_data(show_spinner=Spinner(N_("Colouring the journey by its evidence…")), max_entries=32)
@in_key_language
def _graph(key: DataKey, edges: EdgeFilter, flt: EvidenceFilter) -> go.Figure | None:
    view = journey_view(key.journey_part())
    report = sand_report(key, flt)
    if view is None or report is None:
        return None
    return journey_figure(
        view.journey,
        view.flow,
        health=journey_health(report),
        edges=edges,
        handoffs=handoff_edges(report.handoffs),
    )


@st.cache_data(
    show_spinner=Spinner(N_("Colouring the journey map by its evidence…")), max_entries=32
)
@in_key_language
def _map(
    key: DataKey, lanes: tuple[str, ...], flt: EvidenceFilter, width: float | None
) -> go.Figure | None:
    view = journey_view(key.journey_part())
    report = sand_report(key, flt)
    if view is None or report is None:
        return None
    return journey_map_figure(
        view.journey,
        map_layout(view.journey, map_style(width), lanes),
        health=journey_health(report),
        observed=observed_emotions(report.evidence),
        handoffs=handoff_edges(report.handoffs),
    )
