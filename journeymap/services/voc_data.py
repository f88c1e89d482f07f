"""Reads the voice-of-the-customer pages share: the journey, place names, and the
fingerprints their cached views are keyed on.

A fingerprint changes whenever what a view rests on may have changed (an import, a new
visit answer), so a cache keyed on it is never stale and needs no time limit.
"""

from __future__ import annotations

from sqlalchemy import Engine

from journeymap.model import Journey
from journeymap.store import data_revision
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import read_locations


def stored_journey(engine: Engine, journey_id: str) -> Journey | None:
    """The newest revision of the journey; None when it is gone."""
    stored = JourneyRepository(engine).get(journey_id)
    return stored.journey if stored else None


def location_names(engine: Engine) -> dict[str, str]:
    """Location id → name, for every location of the programme."""
    frame = read_locations(engine)
    if frame.empty:
        return {}
    return dict(zip(frame["id"], frame["name"], strict=True))


def responses_revision(engine: Engine, journey_id: str) -> str:
    """Changes whenever the journey's survey answers may have changed, and only then."""
    return data_revision.responses_revision(engine, journey_id)


def evidence_revision(engine: Engine, journey_id: str) -> str:
    """Changes whenever any evidence the journey's figures rest on changes."""
    return data_revision.evidence_revision(engine, journey_id)
