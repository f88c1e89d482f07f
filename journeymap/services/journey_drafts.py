"""Journey drafts: the editor's unsaved edits, stored as they are made.

Each person has at most one draft per journey. Writing one needs EDIT_JOURNEYS, like
saving the journey it will become; a person reads and drops only their own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from journeymap.i18n import N_
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store import journey_drafts
from journeymap.store.journey_drafts import StoredDraft

__all__ = ["StoredDraft", "discard_draft", "my_draft", "my_drafts", "save_draft"]


def my_draft(viewer: Viewer, engine: Engine, journey_id: str) -> StoredDraft | None:
    return journey_drafts.read_draft(engine, journey_id, actor(viewer))


def my_drafts(viewer: Viewer, engine: Engine) -> list[StoredDraft]:
    """Every journey the viewer has unsaved edits of."""
    return journey_drafts.drafts_by(engine, actor(viewer))


def save_draft(
    viewer: Viewer, engine: Engine, journey_id: str, base_revision: int, data: dict[str, Any]
) -> StoredDraft:
    require(viewer, Capability.EDIT_JOURNEYS, N_("change journeys"))
    return journey_drafts.write_draft(engine, journey_id, base_revision, data, actor=actor(viewer))


def discard_draft(viewer: Viewer, engine: Engine, journey_id: str, *, saved: bool) -> bool:
    """Drop the viewer's draft: ``saved`` when it became a revision, else discarded."""
    return journey_drafts.drop_draft(
        engine,
        journey_id,
        actor=actor(viewer),
        reason="saved draft" if saved else "discarded draft",
    )
