"""Fixtures for the AppTest tier: the app pointed at a fresh SQLite workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.conftest import EXAMPLE_JOURNEY_FILES, ROOT

APP = str(ROOT / "streamlit_app.py")
TIMEOUT = 60


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    # The engine cache is per process; each test's database is a new URL anyway, but a
    # clean slate keeps one test's engines and views out of the next.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def empty_workspace(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> str:
    monkeypatch.setenv("JOURNEYMAP_DB_URL", sqlite_url)
    monkeypatch.setenv("JOURNEYMAP_AUTHOR", "apptest")
    return sqlite_url


@pytest.fixture
def example_journeys() -> list[Journey]:
    return [read_journey_file(path).journey for path in EXAMPLE_JOURNEY_FILES]


@pytest.fixture
def example_workspace(empty_workspace: str, example_journeys: list[Journey]) -> list[Journey]:
    """The example journeys saved in the test's database."""
    engine = open_database(empty_workspace)
    repository = JourneyRepository(engine)
    for journey in example_journeys:
        repository.save(journey, author="fixture", base_revision=None)
    engine.dispose()
    return example_journeys


def page_path(name: str) -> str:
    """A page file relative to streamlit_app.py, as AppTest.switch_page wants it."""
    return str(Path("journeymap") / "ui" / "pages" / f"{name}.py")
