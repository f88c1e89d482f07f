"""Journey storage on SQLite and PostgreSQL: insert, update, stale-revision refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey
from journeymap.store.engine import (
    alembic_config,
    make_engine,
    migrate,
    newest_revision,
    open_database,
)
from journeymap.store.journeys import JourneyRepository, StaleRevision
from journeymap.store.tables import Base
from tests.conftest import EXAMPLE_JOURNEY_FILES


@pytest.fixture
def journey() -> Journey:
    return read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey


@pytest.fixture
def repository(database_url: str) -> JourneyRepository:
    return JourneyRepository(open_database(database_url))


def renamed(journey: Journey, name: str) -> Journey:
    return journey.model_copy(update={"name": name})


def test_insert_then_read_back(repository: JourneyRepository, journey: Journey) -> None:
    stored = repository.save(journey, author="anna", base_revision=None)
    assert stored.revision == 1
    again = repository.get(journey.id)
    assert again is not None
    assert again.journey == journey
    assert (again.revision, again.saved_by) == (1, "anna")
    assert [s.id for s in repository.list()] == [journey.id]


def test_update_from_the_current_revision(repository: JourneyRepository, journey: Journey) -> None:
    repository.save(journey, author="anna", base_revision=None)
    stored = repository.save(renamed(journey, "Renamed"), author="bo", base_revision=1)
    assert stored.revision == 2
    current = repository.get(journey.id)
    assert current is not None
    assert current.journey.name == "Renamed"
    assert [(r.revision, r.author) for r in repository.revisions(journey.id)] == [
        (1, "anna"),
        (2, "bo"),
    ]
    assert repository.get_revision(journey.id, 1) == journey


def test_saving_the_same_content_adds_no_revision(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    assert repository.save(journey, author="bo", base_revision=None).revision == 1
    assert len(repository.revisions(journey.id)) == 1


def test_stale_save_is_refused_and_names_who_saved(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    repository.save(renamed(journey, "Bo's version"), author="bo", base_revision=1)
    with pytest.raises(StaleRevision) as caught:
        repository.save(renamed(journey, "Cy's version"), author="cy", base_revision=1)
    message = str(caught.value)
    assert "was saved by bo after revision 1, which you started from" in message
    assert "now revision 2" in message
    assert [r.author for r in caught.value.newer] == ["bo"]
    current = repository.get(journey.id)
    assert current is not None
    assert current.journey.name == "Bo's version"


def test_a_file_without_revision_does_not_overwrite_changes(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    with pytest.raises(StaleRevision, match="the file you are saving, which names no revision"):
        repository.save(renamed(journey, "Other"), author="bo", base_revision=None)


def test_force_overwrites_deliberately(repository: JourneyRepository, journey: Journey) -> None:
    repository.save(journey, author="anna", base_revision=None)
    repository.save(renamed(journey, "Bo"), author="bo", base_revision=1)
    stored = repository.save(renamed(journey, "Cy"), author="cy", base_revision=1, force=True)
    assert stored.revision == 3


def test_delete_removes_journey_and_history(
    repository: JourneyRepository, journey: Journey
) -> None:
    repository.save(journey, author="anna", base_revision=None)
    assert repository.delete(journey.id, actor="anna")
    assert repository.get(journey.id) is None
    assert repository.revisions(journey.id) == []
    assert not repository.delete(journey.id, actor="anna")


def test_migrations_create_exactly_the_declared_tables(database_url: str) -> None:
    engine = open_database(database_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_the_newest_migration_file_is_alembics_head() -> None:
    assert newest_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    engine = open_database(database_url)
    migrate(engine)
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == ScriptDirectory.from_config(alembic_config()).get_current_head()
        )


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'j.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_concurrent_saves_from_one_revision_let_exactly_one_win(
    repository: JourneyRepository, journey: Journey
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    repository.save(journey, author="anna", base_revision=None)

    def attempt(i: int) -> str:
        try:
            repository.save(renamed(journey, f"Edit {i}"), author=f"user{i}", base_revision=1)
        except StaleRevision:
            return "refused"
        return "saved"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(attempt, range(6)))
    assert outcomes.count("saved") == 1
    assert outcomes.count("refused") == 5
    assert [r.revision for r in repository.revisions(journey.id)] == [1, 2]
