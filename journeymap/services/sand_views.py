"""What the sand ranking, the walk and the journey colours read besides the report,
scoped to who looks: a location manager's evidence is that of their own locations."""

from __future__ import annotations

from sqlalchemy import Engine

from journeymap.analytics.cell_grid import CellGrid
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.walk_cards import nps_matrix
from journeymap.i18n import _
from journeymap.model import Journey
from journeymap.model.access import Viewer
from journeymap.services.access import NotAllowed
from journeymap.store.data_revision import evidence_revision
from journeymap.store.evidence import read_responses
from journeymap.store.programme import read_locations
from journeymap.store.sand_reads import response_segments

__all__ = [
    "check_filter",
    "evidence_key",
    "location_names",
    "nps_by_location",
    "response_segments",
    "viewer_locations",
]


def evidence_key(engine: Engine, journey_id: str) -> str:
    """Changes whenever any evidence the journey's figures rest on changes (a cache key)."""
    return evidence_revision(engine, journey_id)


def location_names(engine: Engine, *, own_only: bool = False) -> dict[str, str]:
    """Location id → name; ``own_only``: without the competitors'."""
    frame = read_locations(engine)
    if frame.empty:
        return {}
    if own_only:
        frame = frame[~frame["competitor"].astype(bool)]
    return dict(zip(frame["id"], frame["name"], strict=True))


def viewer_locations(viewer: Viewer, engine: Engine) -> dict[str, str]:
    """The own locations whose evidence the viewer may pick, id → name."""
    names = location_names(engine, own_only=True)
    scope = viewer.location_scope
    if scope is None:
        return names
    return {key: name for key, name in names.items() if key in scope}


def check_filter(viewer: Viewer, flt: EvidenceFilter) -> None:
    """Refuse evidence beyond the viewer's locations: a location manager always names one
    of theirs, since all locations together would include the others'."""
    scope = viewer.location_scope
    if scope is not None and flt.location not in scope:
        raise NotAllowed(
            _("{name} sees the evidence of their own locations only: choose one of them").format(
                name=viewer.name
            )
        )


def nps_by_location(
    viewer: Viewer, engine: Engine, journey: Journey, flt: EvidenceFilter
) -> CellGrid:
    """Touchpoint × location NPS, n and interval for the viewer's locations (empty
    without answers)."""
    responses = read_responses(engine, journey.id, flt.start, flt.end, zone=flt.zone)
    scope = viewer.location_scope
    if scope is not None and not responses.empty:
        responses = responses[responses["location"].isin(sorted(scope))]
    return nps_matrix(responses, [t.id for t in journey.touchpoints])
