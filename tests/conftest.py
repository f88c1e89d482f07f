"""Fixtures shared by every test tier: example journeys and databases to run against."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
JOURNEYS_DIR = ROOT / "journeys"
EXAMPLE_JOURNEY_FILES = sorted(JOURNEYS_DIR.glob("*.yaml"))
PG_URL_VARIABLE = "JOURNEYMAP_TEST_PG_URL"

# Hypothesis checks what holds, not how fast: a per-example deadline is a timed assertion
# that fails whenever the other core is busy (two test workers, a neighbour).
settings.register_profile("journeymap", deadline=None)
settings.load_profile("journeymap")

# Run first: the browser files take minutes each. Under `--dist loadfile` a worker takes
# the next file in this order, so the long ones start at once and the workers finish
# together on short unit files, instead of one worker alone on a browser file at the end.
SLOW_FIRST = ("tests/browser/",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> Iterator[None]:
    """Argon2 with its smallest cost: the tests check what is hashed and when, not how
    slowly; the app and the browser tests keep the library's defaults."""
    from argon2 import PasswordHasher

    from journeymap.store import accounts

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    saved = accounts._hasher, accounts._DUMMY_HASH
    accounts._hasher, accounts._DUMMY_HASH = quick, quick.hash("journeymap-no-such-account")
    yield
    accounts._hasher, accounts._DUMMY_HASH = saved


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'journeymap.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin_url = os.environ.get(PG_URL_VARIABLE)
    if not admin_url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_URL_VARIABLE} is not set: .ci/run starts PostgreSQL and sets it")
        pytest.skip(f"no PostgreSQL server configured: set {PG_URL_VARIABLE} to run this leg")
    name = f"jm_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """The same test on the embedded SQLite default and on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace in a SQLite file, built once per test session."""
    from journeymap.demo import load_demo
    from journeymap.store.engine import open_database

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    engine = open_database(f"sqlite:///{path}")
    load_demo(engine, JOURNEYS_DIR, actor="fixture")
    with engine.connect() as connection:
        # Everything into the main file, so that copying the file copies the workspace.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def demo_url(demo_template: Path, tmp_path: Path) -> str:
    """A private copy of the demo workspace for one test (a copy costs milliseconds)."""
    import shutil

    target = tmp_path / "demo.db"
    shutil.copyfile(demo_template, target)
    return f"sqlite:///{target}"
