"""Whatever the pushes, each response is stored once: new + already there adds up to
what was sent, and the stored responses are the distinct ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from journeymap.services.journeys import get_journey
from journeymap.services.pushes import push_responses
from journeymap.store.tables import ResponseRow
from tests.api_workspace import ADMIN, JOURNEY, ApiWorkspace, answer, seed_api_workspace

pushes_of_ids = st.lists(
    st.lists(st.integers(min_value=0, max_value=7), min_size=1, max_size=6),
    min_size=1,
    max_size=4,
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiWorkspace]:
    url = f"sqlite:///{tmp_path_factory.mktemp('pushes') / 'journeymap.db'}"
    seeded = seed_api_workspace(url)
    yield seeded
    seeded.engine.dispose()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pushes=pushes_of_ids)
def test_every_response_is_stored_once(workspace: ApiWorkspace, pushes: list[list[int]]) -> None:
    source = f"source {uuid.uuid4().hex}"  # each example a source of its own
    journey = get_journey(workspace.engine, JOURNEY)
    assert journey is not None
    new = already = 0
    for ids in pushes:
        rows = [{k: str(v) for k, v in answer(f"r{n}", n % 11).items()} for n in ids]
        report = push_responses(ADMIN, workspace.engine, journey.journey, rows, source=source)
        assert report.conflicting == report.rejected_count == 0
        new += report.imported
        already += report.duplicates
    distinct = {n for ids in pushes for n in ids}
    assert new == len(distinct)
    assert new + already == sum(len(ids) for ids in pushes)
    with workspace.engine.connect() as connection:
        stored = connection.scalar(
            select(func.count())
            .select_from(ResponseRow)
            .where(ResponseRow.source == f"api:{source}")
        )
    assert stored == len(distinct)
