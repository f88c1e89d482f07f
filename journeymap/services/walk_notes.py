"""Walk notes: taken by whoever runs the workshop, signed with their name.

A note is a change to the workshop's record of the journey, so it needs what changing
the journey needs (EDIT_JOURNEYS: admins and leaders). Analysts and location managers
walk along and read the notes; they write none, as they change nothing else either.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store import walk_notes
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import MAX_NOTE_CHARS, NOTE_KINDS, Walk, WalkNote

__all__ = [
    "MAX_NOTE_CHARS",
    "NOTE_KINDS",
    "Walk",
    "WalkNote",
    "add_walk_note",
    "delete_walk_note",
    "latest_walk",
    "may_take_notes",
    "start_walk",
    "walk_notes_of",
    "walk_of",
]


def may_take_notes(viewer: Viewer) -> bool:
    return viewer.can(Capability.EDIT_JOURNEYS)


def walk_notes_of(
    engine: Engine,
    journey_id: str,
    touchpoint_id: str | None = None,
    *,
    walk_id: int | None = None,
) -> list[WalkNote]:
    """The journey's notes (of one touchpoint, of one walk, if given), oldest first."""
    return walk_notes.list_notes(engine, journey_id, touchpoint_id, walk_id=walk_id)


def walk_of(engine: Engine, journey_id: str, walk_id: int) -> Walk | None:
    """The walk, if it is one of this journey's (an address may carry any number)."""
    walk = walk_notes.get_walk(engine, walk_id)
    return walk if walk is not None and walk.journey_id == journey_id else None


def latest_walk(engine: Engine, journey_id: str) -> Walk | None:
    """The journey's most recently started walk (None: never walked with notes)."""
    return walk_notes.latest_walk(engine, journey_id)


def start_walk(
    viewer: Viewer, engine: Engine, journey_id: str, started_at: datetime | None = None
) -> Walk:
    """Start a walk of the journey, signed by the viewer. ``started_at``: when the walk
    began (the page opened), if earlier than its first note; never in the future."""
    require(viewer, Capability.EDIT_JOURNEYS, N_("take notes on the walk"))
    if JourneyRepository(engine).get(journey_id) is None:
        raise ValueError(
            _("the journey '{journey_id}' was deleted meanwhile: the walk is not saved").format(
                journey_id=journey_id
            )
        )
    now = datetime.now(UTC)
    started = min(started_at, now) if started_at is not None else now
    return walk_notes.start_walk(engine, journey_id, started, actor=actor(viewer))


def add_walk_note(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    touchpoint_id: str,
    kind: str,
    text: str,
    *,
    walk_id: int | None = None,
) -> WalkNote:
    """Store a note signed by the viewer, on the walk ``walk_id``; ValueError with a
    sentence for a note that is empty, too long, of an unknown kind, about a step the
    journey does not have, or on a walk of another journey."""
    require(viewer, Capability.EDIT_JOURNEYS, N_("take notes on the walk"))
    text = text.strip()
    if not text:
        raise ValueError(_("the note is empty: write what you noticed first"))
    if len(text) > MAX_NOTE_CHARS:
        raise ValueError(
            _("the note is longer than {max_note_chars} characters: shorten it").format(
                max_note_chars=MAX_NOTE_CHARS
            )
        )
    if kind not in NOTE_KINDS:
        raise ValueError(
            _("'{kind}' is not a kind of note: use {note_kinds}").format(
                kind=kind, note_kinds=", ".join(NOTE_KINDS)
            )
        )
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        raise ValueError(
            _("the journey '{journey_id}' was deleted meanwhile: the note is not saved").format(
                journey_id=journey_id
            )
        )
    if touchpoint_id not in {t.id for t in stored.journey.touchpoints}:
        raise ValueError(
            _(
                "the journey '{journey_id}' has no touchpoint '{touchpoint_id}' (any more): "
                "the note is not saved"
            ).format(journey_id=journey_id, touchpoint_id=touchpoint_id)
        )
    if walk_id is not None:
        walk = walk_notes.get_walk(engine, walk_id)
        if walk is None or walk.journey_id != journey_id:
            raise ValueError(_("this walk is not a walk of this journey: start a new walk"))
    return walk_notes.add_note(
        engine, journey_id, touchpoint_id, kind, text, actor=actor(viewer), walk_id=walk_id
    )


def delete_walk_note(viewer: Viewer, engine: Engine, note_id: int) -> bool:
    """Delete a note; False if it was gone already."""
    require(viewer, Capability.EDIT_JOURNEYS, N_("delete walk notes"))
    return walk_notes.delete_note(engine, note_id, actor=actor(viewer))
