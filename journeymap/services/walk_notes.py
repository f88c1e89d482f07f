"""Walk notes: taken by whoever runs the workshop, signed with their name.

A note is a change to the workshop's record of the journey, so it needs what changing
the journey needs (EDIT_JOURNEYS: admins and leaders). Analysts and location managers
walk along and read the notes; they write none, as they change nothing else either.
"""

from __future__ import annotations

from sqlalchemy import Engine

from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store import walk_notes
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import MAX_NOTE_CHARS, NOTE_KINDS, WalkNote

__all__ = [
    "MAX_NOTE_CHARS",
    "NOTE_KINDS",
    "WalkNote",
    "add_walk_note",
    "delete_walk_note",
    "may_take_notes",
    "walk_notes_of",
]


def may_take_notes(viewer: Viewer) -> bool:
    return viewer.can(Capability.EDIT_JOURNEYS)


def walk_notes_of(
    engine: Engine, journey_id: str, touchpoint_id: str | None = None
) -> list[WalkNote]:
    """The journey's notes (of one touchpoint, if given), oldest first."""
    return walk_notes.list_notes(engine, journey_id, touchpoint_id)


def add_walk_note(
    viewer: Viewer, engine: Engine, journey_id: str, touchpoint_id: str, kind: str, text: str
) -> WalkNote:
    """Store a note signed by the viewer; ValueError with a sentence for a note that is
    empty, too long, of an unknown kind or about a step the journey does not have."""
    require(viewer, Capability.EDIT_JOURNEYS, "take notes on the walk")
    text = text.strip()
    if not text:
        raise ValueError("the note is empty: write what you noticed first")
    if len(text) > MAX_NOTE_CHARS:
        raise ValueError(f"the note is longer than {MAX_NOTE_CHARS} characters: shorten it")
    if kind not in NOTE_KINDS:
        raise ValueError(f"'{kind}' is not a kind of note: use {', '.join(NOTE_KINDS)}")
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        raise ValueError(f"the journey '{journey_id}' was deleted meanwhile: the note is not saved")
    if touchpoint_id not in {t.id for t in stored.journey.touchpoints}:
        raise ValueError(
            f"the journey '{journey_id}' has no touchpoint '{touchpoint_id}' (any more): "
            "the note is not saved"
        )
    return walk_notes.add_note(engine, journey_id, touchpoint_id, kind, text, actor=actor(viewer))


def delete_walk_note(viewer: Viewer, engine: Engine, note_id: int) -> bool:
    """Delete a note; False if it was gone already."""
    require(viewer, Capability.EDIT_JOURNEYS, "delete walk notes")
    return walk_notes.delete_note(engine, note_id, actor=actor(viewer))
