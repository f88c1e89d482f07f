"""The journeys for the picker, and the cached, read-only views of a journey: its flow,
its graph and its journey map.

A drawing is keyed on (database, journey, revision): a save makes a new revision, so a
cached view is never stale. The list of journeys is not cached: a save in another tab or
the CLI must show up on the next rerun.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from journeymap.analytics.flow import FlowResult, compute_flow
from journeymap.charts import journey_figure, journey_map_figure, map_layout
from journeymap.charts.journey_diagram import EdgeFilter
from journeymap.charts.map_layout import map_style
from journeymap.i18n import N_
from journeymap.model import Journey
from journeymap.services import journeys
from journeymap.services.journeys import JourneySummary
from journeymap.ui.loaders.keys import DataKey, Spinner, in_key_language, journey_key, journey_of
from journeymap.ui.shell.engine import get_engine


@dataclass(frozen=True)
class JourneyView:
    journey: Journey
    revision: int
    flow: FlowResult
    figure: go.Figure


def list_journeys() -> list[JourneySummary]:
    """Every journey of the workspace, by name (not cached)."""
    return journeys.list_journeys(get_engine())


def load_journey_view(journey_id: str, revision: int) -> JourneyView | None:
    """The journey at ``revision`` with its flow and diagram; None if it is gone.

    Raises FlowError for a journey whose loops trap customers (saves validate it, so
    only a database edited by hand gets here).
    """
    return journey_view(journey_key(journey_id, revision))


@st.cache_data(show_spinner=Spinner(N_("Drawing the journey…")), max_entries=64)
@in_key_language
def journey_view(key: DataKey) -> JourneyView | None:
    """:func:`load_journey_view` for a key (the health views start from it)."""
    journey = journey_of(key)
    if journey is None:
        return None
    flow = compute_flow(journey)
    return JourneyView(journey, key.revision, flow, journey_figure(journey, flow))


def graph_figure(journey_id: str, revision: int, edges: EdgeFilter) -> go.Figure | None:
    """The graph view with all edges or the main path only; None if the journey is gone."""
    if edges == "all":
        view = load_journey_view(journey_id, revision)
        return view.figure if view else None
    return _graph_figure(journey_key(journey_id, revision), edges)


@st.cache_data(show_spinner=Spinner(N_("Drawing the journey…")), max_entries=32)
@in_key_language
def _graph_figure(key: DataKey, edges: EdgeFilter) -> go.Figure | None:
    view = journey_view(key)
    if view is None:
        return None
    return journey_figure(view.journey, view.flow, edges=edges)


def map_figure(
    journey_id: str, revision: int, lanes: tuple[str, ...], width: float | None = None
) -> go.Figure | None:
    """The journey map with the chosen text lanes, laid out for ``width`` pixels (None:
    the page's own width beside the sidebar); None if the journey is gone."""
    return _map_figure(journey_key(journey_id, revision), lanes, width)


@st.cache_data(show_spinner=Spinner(N_("Drawing the journey map…")), max_entries=32)
@in_key_language
def _map_figure(key: DataKey, lanes: tuple[str, ...], width: float | None) -> go.Figure | None:
    view = journey_view(key)
    if view is None:
        return None
    return journey_map_figure(view.journey, map_layout(view.journey, map_style(width), lanes))
