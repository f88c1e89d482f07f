"""Journeys: the one door for creating, saving, restoring and importing them.

Every change takes the acting viewer, needs EDIT_JOURNEYS, and is saved with the viewer's
name as the revision's author and the audit entry's actor, in the store's one
transaction. Stale saves raise :class:`StaleRevision` as the store does, so the caller
can show what someone else changed meanwhile and offer a deliberate overwrite.

Reading a journey depends on nobody: every role that sees journeys sees all of them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine

from journeymap.analytics.journey_diff import JourneyDiff
from journeymap.analytics.journey_edit import copy_as
from journeymap.i18n import N_, _
from journeymap.model import FrictionWeights, Journey
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store import journey_history
from journeymap.store.journey_history import RevisionMissing
from journeymap.store.journeys import (
    JourneyExists,
    JourneyRepository,
    JourneySummary,
    RevisionInfo,
    StaleRevision,
    StoredJourney,
)

__all__ = [
    "CREATED_NOTE",
    "EDITED_NOTE",
    "WEIGHTS_NOTE",
    "ImportOutcome",
    "JourneyExists",
    "JourneySummary",
    "RevisionInfo",
    "RevisionMissing",
    "StaleRevision",
    "StoredJourney",
    "changes_by_others",
    "copy_journey",
    "create_journey",
    "get_journey",
    "import_journey",
    "journey_revision",
    "journey_revisions",
    "list_journeys",
    "restore_revision",
    "revision_diff",
    "save_friction_weights",
    "save_journey",
]

CREATED_NOTE = "created in the app"
EDITED_NOTE = "edited in the app"
WEIGHTS_NOTE = "friction weights"
FREE_ID = N_("choose another id, or leave the id empty to get a free one")


@dataclass(frozen=True)
class ImportOutcome:
    stored: StoredJourney
    outcome: Literal["created", "updated", "unchanged"]


# --- reads ------------------------------------------------------------------------------


def list_journeys(engine: Engine) -> list[JourneySummary]:
    return JourneyRepository(engine).list()


def get_journey(engine: Engine, journey_id: str) -> StoredJourney | None:
    return JourneyRepository(engine).get(journey_id)


def journey_revisions(engine: Engine, journey_id: str) -> list[RevisionInfo]:
    return JourneyRepository(engine).revisions(journey_id)


def journey_revision(engine: Engine, journey_id: str, revision: int) -> Journey | None:
    return JourneyRepository(engine).get_revision(journey_id, revision)


def revision_diff(engine: Engine, journey_id: str, before: int, after: int) -> JourneyDiff:
    """What changed from revision ``before`` to ``after``; RevisionMissing if one is gone."""
    return journey_history.revision_diff(JourneyRepository(engine), journey_id, before, after)


def changes_by_others(engine: Engine, error: StaleRevision) -> JourneyDiff:
    """What the revisions a refused save names changed since the save's starting point."""
    return journey_history.changes_by_others(JourneyRepository(engine), error)


# --- changes ----------------------------------------------------------------------------


def create_journey(
    viewer: Viewer, engine: Engine, journey: Journey, *, note: str = CREATED_NOTE
) -> StoredJourney:
    """Store a new journey as revision 1; ValueError with a sentence if its id is taken."""
    require(viewer, Capability.EDIT_JOURNEYS, N_("create journeys"))
    try:
        return JourneyRepository(engine).create(journey, author=actor(viewer), note=note)
    except JourneyExists as taken:
        if taken.name is None:
            raise ValueError(
                _(
                    "the id '{id}' was taken just now by a journey someone else created: {free_id}"
                ).format(id=journey.id, free_id=_(FREE_ID))
            ) from None
        raise ValueError(
            _("a journey with the id '{id}' exists already ({name}): {free_id}").format(
                id=journey.id, name=taken.name, free_id=_(FREE_ID)
            )
        ) from None


def copy_journey(
    viewer: Viewer,
    engine: Engine,
    original_id: str,
    new_id: str,
    name: str,
    *,
    variant: bool = False,
) -> StoredJourney:
    """A copy of a stored journey under a new id and name, optionally as its to-be variant."""
    require(viewer, Capability.EDIT_JOURNEYS, N_("create journeys"))
    original = get_journey(engine, original_id)
    if original is None:
        raise ValueError(
            _("the journey '{original_id}' is gone: choose another one to copy").format(
                original_id=original_id
            )
        )
    copied = copy_as(original.journey, new_id, name, original_id if variant else None)
    return create_journey(viewer, engine, copied)


def save_journey(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    *,
    base_revision: int | None,
    force: bool = False,
    note: str = EDITED_NOTE,
) -> StoredJourney:
    """Save ``journey`` as a new revision made from ``base_revision`` (see the store)."""
    require(viewer, Capability.EDIT_JOURNEYS, N_("change journeys"))
    return JourneyRepository(engine).save(
        journey, author=actor(viewer), base_revision=base_revision, force=force, note=note
    )


def restore_revision(
    viewer: Viewer, engine: Engine, journey_id: str, revision: int, *, base_revision: int
) -> StoredJourney:
    """Save an old revision's content as a new revision; the history keeps everything."""
    require(viewer, Capability.EDIT_JOURNEYS, N_("restore a journey's revision"))
    return journey_history.restore_revision(
        JourneyRepository(engine),
        journey_id,
        revision,
        actor=actor(viewer),
        base_revision=base_revision,
    )


def import_journey(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    *,
    base_revision: int | None,
    force: bool = False,
    source: str,
) -> ImportOutcome:
    """Insert or update a journey read from the file named ``source``.

    ``base_revision`` is the revision the file was exported at (None: it names none).
    """
    require(viewer, Capability.EDIT_JOURNEYS, N_("import journeys"))
    repository = JourneyRepository(engine)
    before = repository.get(journey.id)
    stored = repository.save(
        journey,
        author=actor(viewer),
        base_revision=base_revision,
        force=force,
        note=f"imported from {source}",
    )
    if before is None:
        return ImportOutcome(stored, "created")
    return ImportOutcome(stored, "unchanged" if stored.revision == before.revision else "updated")


def save_friction_weights(
    viewer: Viewer, engine: Engine, journey_id: str, weights: Mapping[str, float]
) -> StoredJourney:
    """The journey's friction weights set to ``weights``, saved as a new revision.

    Only the weights change, on the newest revision: a weight is a setting of its own,
    so an edit someone saved meanwhile is kept, not refused or overwritten. Unchanged
    weights add no revision.
    """
    require(viewer, Capability.EDIT_JOURNEYS, N_("change the friction weights"))
    chosen = _checked_weights(weights)
    stored = get_journey(engine, journey_id)
    if stored is None:
        raise ValueError(
            _("the journey '{journey_id}' was deleted meanwhile").format(journey_id=journey_id)
        )
    updated = stored.journey.model_copy(update={"friction_weights": chosen})
    return save_journey(viewer, engine, updated, base_revision=stored.revision, note=WEIGHTS_NOTE)


def _checked_weights(weights: Mapping[str, float]) -> FrictionWeights:
    known = list(FrictionWeights.model_fields)
    unknown = sorted(set(weights) - set(known))
    if unknown:
        raise ValueError(
            _("'{unknown}' is not a friction weight: the weights are {known}").format(
                unknown=unknown[0], known=", ".join(known)
            )
        )
    values = {key: float(value) for key, value in weights.items()}
    for key, value in values.items():
        if not math.isfinite(value) or value < 0:
            raise ValueError(
                _("the {key} weight is {value}: a weight is a number, 0 or more").format(
                    key=key, value=format(value, "g")
                )
            )
    chosen = FrictionWeights(**values)
    if sum(chosen.model_dump().values()) <= 0:
        raise ValueError(_("at least one weight must be above zero"))
    return chosen
