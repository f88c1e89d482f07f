"""Revision history and stale saves, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey
from journeymap.store.engine import open_database
from journeymap.store.journey_history import (
    RevisionMissing,
    changes_by_others,
    restore_revision,
    revision_diff,
)
from journeymap.store.journeys import JourneyRepository, StaleRevision
from tests.conftest import EXAMPLE_JOURNEY_FILES


@pytest.fixture
def journey() -> Journey:
    return read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey


@pytest.fixture
def repository(database_url: str) -> JourneyRepository:
    return JourneyRepository(open_database(database_url))


def renamed_touchpoint(journey: Journey, name: str) -> Journey:
    first = journey.touchpoints[0].model_copy(update={"name": name})
    return journey.model_copy(update={"touchpoints": [first, *journey.touchpoints[1:]]})


def test_every_save_is_a_revision_with_author_and_time(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    repository.save(renamed_touchpoint(journey, "One"), author="bo", base_revision=1)
    repository.save(renamed_touchpoint(journey, "Two"), author="cy", base_revision=2)
    revisions = repository.revisions(journey.id)
    assert [(r.revision, r.author) for r in revisions] == [(1, "anna"), (2, "bo"), (3, "cy")]
    assert revisions[0].saved_at <= revisions[1].saved_at <= revisions[2].saved_at
    assert all(r.saved_at.tzinfo is not None for r in revisions)
    tp = journey.touchpoints[0]
    assert revision_diff(repository, journey.id, 2, 3).lines() == [
        f"touchpoint changed: 'Two' ({tp.id}): name: 'One' → 'Two'"
    ]
    with pytest.raises(RevisionMissing):
        revision_diff(repository, journey.id, 1, 9)


def test_restore_saves_an_old_revision_as_a_new_one(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    repository.save(renamed_touchpoint(journey, "One"), author="bo", base_revision=1)
    restored = restore_revision(repository, journey.id, 1, actor="cy", base_revision=2)
    assert restored.revision == 3
    assert repository.get(journey.id).journey == journey
    assert repository.revisions(journey.id)[-1].note == "restored revision 1"
    assert revision_diff(repository, journey.id, 1, 3).identical


def test_restore_after_someone_elses_save_is_refused(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    repository.save(renamed_touchpoint(journey, "One"), author="bo", base_revision=1)
    repository.save(renamed_touchpoint(journey, "Two"), author="dan", base_revision=2)
    with pytest.raises(StaleRevision, match="saved by dan"):
        restore_revision(repository, journey.id, 1, actor="cy", base_revision=2)


def test_a_stale_save_tells_what_the_other_person_changed(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    repository.save(renamed_touchpoint(journey, "Bo's name"), author="bo", base_revision=1)
    mine = journey.model_copy(update={"segment": "Cy's segment"})
    with pytest.raises(StaleRevision) as caught:
        repository.save(mine, author="cy", base_revision=1)
    theirs = changes_by_others(repository, caught.value)
    assert theirs.lines() == [
        f'touchpoint changed: "Bo\'s name" ({journey.touchpoints[0].id}): name: '
        f'{journey.touchpoints[0].name!r} → "Bo\'s name"'
    ]
    # Overwriting deliberately keeps their revision in the history.
    stored = repository.save(mine, author="cy", base_revision=1, force=True)
    assert stored.revision == 3
    assert repository.get_revision(journey.id, 2) == renamed_touchpoint(journey, "Bo's name")
