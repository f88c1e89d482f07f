"""The app's way to the database and the cached, read-only views of a journey.

Loaders are cached on (database, journey id, revision): a save makes a new revision,
so a cached view is never stale. Nothing cached here writes or touches session state.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from journeymap import settings
from journeymap.analytics.flow import FlowResult, compute_flow
from journeymap.charts import journey_figure, journey_map_figure, map_layout
from journeymap.charts.journey_diagram import EdgeFilter
from journeymap.model import Journey
from journeymap.store.engine import UnknownSchema, open_database
from journeymap.store.journeys import JourneyRepository, JourneySummary

EXAMPLE_JOURNEYS_DIR = Path(__file__).resolve().parents[2] / "journeys"
DEMO_SEED = 2026


class DatabaseUnavailable(Exception):
    """The configured database cannot be opened; the message says which and why."""


@dataclass(frozen=True)
class JourneyView:
    journey: Journey
    revision: int
    flow: FlowResult
    figure: go.Figure


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return open_database(url)


def get_engine() -> Engine:
    """The migrated engine for JOURNEYMAP_DB_URL, one per URL for the whole server."""
    url = settings.database_url()
    try:
        return _engine_for(url)
    except (SQLAlchemyError, OSError, UnknownSchema) as error:
        raise DatabaseUnavailable(
            f"journeymap cannot open its database ({_safe_url(url)}): "
            f"{getattr(error, 'orig', None) or error}. Check JOURNEYMAP_DB_URL "
            "or JOURNEYMAP_DATA_DIR and restart the app."
        ) from error


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown without its details
        return "the configured URL"


def list_journeys() -> list[JourneySummary]:
    # Not cached: a save in another tab or the CLI must show up on the next rerun.
    return JourneyRepository(get_engine()).list()


def load_journey_view(journey_id: str, revision: int) -> JourneyView | None:
    """The stored journey with its flow and diagram; None if it is gone.

    Raises FlowError for a journey whose loops trap customers (saves validate it, so
    only a database edited by hand gets here).
    """
    return _journey_view(settings.database_url(), journey_id, revision)


@st.cache_data(show_spinner="Drawing the journey…", max_entries=64)
def _journey_view(url: str, journey_id: str, revision: int) -> JourneyView | None:
    # url and revision are the cache key: another database or a newer save is a new
    # entry, so a cached view is never stale.
    stored = JourneyRepository(_engine_for(url)).get(journey_id)
    if stored is None:
        return None
    flow = compute_flow(stored.journey)
    return JourneyView(stored.journey, stored.revision, flow, journey_figure(stored.journey, flow))


def graph_figure(journey_id: str, revision: int, edges: EdgeFilter) -> go.Figure | None:
    """The graph view with all edges or the main path only; None if the journey is gone."""
    if edges == "all":
        view = load_journey_view(journey_id, revision)
        return view.figure if view else None
    return _graph_figure(settings.database_url(), journey_id, revision, edges)


@st.cache_data(show_spinner="Drawing the journey…", max_entries=32)
def _graph_figure(url: str, journey_id: str, revision: int, edges: EdgeFilter) -> go.Figure | None:
    view = _journey_view(url, journey_id, revision)
    if view is None:
        return None
    return journey_figure(view.journey, view.flow, edges=edges)


def map_figure(journey_id: str, revision: int, lanes: tuple[str, ...]) -> go.Figure | None:
    """The journey map with the chosen text lanes; None if the journey is gone."""
    return _map_figure(settings.database_url(), journey_id, revision, lanes)


@st.cache_data(show_spinner="Drawing the journey map…", max_entries=32)
def _map_figure(
    url: str, journey_id: str, revision: int, lanes: tuple[str, ...]
) -> go.Figure | None:
    view = _journey_view(url, journey_id, revision)
    if view is None:
        return None
    return journey_map_figure(view.journey, map_layout(view.journey, lanes=lanes))
