"""A journey's history: what changed between revisions, restoring an old one, and what
someone else changed while you were editing.

Restoring never rewrites history: the old content is saved as a new revision, so the
revisions in between stay and a restore can itself be undone.
"""

from __future__ import annotations

from journeymap.analytics.journey_diff import JourneyDiff, diff_journeys
from journeymap.i18n import _
from journeymap.model import Journey
from journeymap.store.journeys import JourneyRepository, StaleRevision, StoredJourney


class RevisionMissing(LookupError):
    """The journey or the asked-for revision is not stored."""


def revision_diff(
    repository: JourneyRepository, journey_id: str, before: int, after: int
) -> JourneyDiff:
    """What changed from revision ``before`` to revision ``after``."""
    return diff_journeys(
        _revision(repository, journey_id, before), _revision(repository, journey_id, after)
    )


def restore_revision(
    repository: JourneyRepository,
    journey_id: str,
    revision: int,
    *,
    actor: str,
    base_revision: int,
) -> StoredJourney:
    """Save revision ``revision``'s content as a new revision, by ``actor``.

    ``base_revision`` is the newest revision the person saw: when someone saved after
    it, :class:`StaleRevision` is raised as for any other save.
    """
    old = _revision(repository, journey_id, revision)
    return repository.save(
        old, author=actor, base_revision=base_revision, note=f"restored revision {revision}"
    )


def changes_by_others(repository: JourneyRepository, error: StaleRevision) -> JourneyDiff:
    """What the newer revisions changed since the revision the refused save started from.

    Up to the newest revision the refusal names, not whatever is newest now: an
    overwrite goes against that revision, so what is shown is what it replaces.
    """
    if repository.get(error.journey_id) is None:
        raise RevisionMissing(error.journey_id)
    if error.base_revision is None:
        return JourneyDiff()
    return revision_diff(
        repository, error.journey_id, error.base_revision, error.newer[-1].revision
    )


def _revision(repository: JourneyRepository, journey_id: str, revision: int) -> Journey:
    journey = repository.get_revision(journey_id, revision)
    if journey is None:
        raise RevisionMissing(
            _("{journey_id} revision {revision}").format(journey_id=journey_id, revision=revision)
        )
    return journey
