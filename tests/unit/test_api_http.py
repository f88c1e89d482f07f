"""The API over real HTTP: uvicorn on a free port, httpx as the survey tool.

Fifty pushes at once, their response ids overlapping, lose nothing and store nothing
twice — on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from journeymap.store.tables import DetractorCaseRow, ImportBatchRow, ResponseRow
from tests.api_workspace import JOURNEY, ApiWorkspace, answer, seed_api_workspace, serving

PUSHES = 50
PER_PUSH = 10
STEP = 5  # push i sends ids 5i … 5i+9: each id but the first and last five twice


@pytest.fixture
def workspace(database_url: str) -> Iterator[ApiWorkspace]:
    seeded = seed_api_workspace(database_url)
    yield seeded
    seeded.engine.dispose()


@pytest.fixture
def api(workspace: ApiWorkspace) -> Iterator[str]:
    with serving(workspace.engine) as base:
        yield base


def body_of(push: int, now: datetime) -> list[dict[str, object]]:
    ids = range(push * STEP, push * STEP + PER_PUSH)
    # The same answer for an id whichever push sends it; every third a detractor who
    # left an e-mail, answered minutes ago, so that it is owed a call-back case.
    return [
        answer(
            f"resp-{n}",
            2 if n % 3 == 0 else 9,
            at=(now - timedelta(minutes=n % 50)).isoformat(),
            contact=f"customer{n}@example.dk" if n % 3 == 0 else None,
        )
        for n in ids
    ]


def test_fifty_concurrent_pushes_lose_nothing_and_double_nothing(
    api: str, workspace: ApiWorkspace
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    barrier = threading.Barrier(PUSHES)

    def push(i: int) -> httpx.Response:
        with httpx.Client(base_url=api, timeout=120) as client:
            barrier.wait()
            return client.post(
                f"/api/v1/journeys/{JOURNEY}/responses",
                json=body_of(i, now),
                headers=workspace.bearer("push"),
            )

    with ThreadPoolExecutor(PUSHES) as pool:
        answers = list(pool.map(push, range(PUSHES)))
    assert [a.status_code for a in answers] == [200] * PUSHES, answers[0].text
    reports = [a.json() for a in answers]
    distinct = {f"resp-{n}" for i in range(PUSHES) for n in range(i * STEP, i * STEP + PER_PUSH)}
    assert len(distinct) == (PUSHES - 1) * STEP + PER_PUSH  # 255
    assert sum(r["new"] for r in reports) == len(distinct)
    assert sum(r["already_there"] for r in reports) == PUSHES * PER_PUSH - len(distinct)
    assert sum(r["conflicting"] + r["rejected"] for r in reports) == 0
    detractors = sum(1 for n in range((PUSHES - 1) * STEP + PER_PUSH) if n % 3 == 0)
    assert sum(r["cases_created"] for r in reports) == detractors
    with workspace.engine.connect() as connection:
        count = select(func.count())
        assert connection.scalar(count.select_from(ResponseRow)) == len(distinct)
        keys = select(func.count(func.distinct(ResponseRow.dedup_key)))
        assert connection.scalar(keys) == len(distinct)
        assert connection.scalar(count.select_from(DetractorCaseRow)) == detractors
        cases = select(func.count(func.distinct(DetractorCaseRow.response_id)))
        assert connection.scalar(cases) == detractors
        assert connection.scalar(count.select_from(ImportBatchRow)) == PUSHES
        # Each batch's id range holds its own responses only, so undo takes no other's.
        ranges = connection.execute(
            select(ImportBatchRow.first_response_id, ImportBatchRow.last_response_id).where(
                ImportBatchRow.first_response_id.is_not(None)
            )
        ).all()
    spans = sorted(ranges)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_keys_and_docs_over_http(api: str, workspace: ApiWorkspace) -> None:
    with httpx.Client(base_url=api) as client:
        refused = client.get("/api/v1/journeys")
        assert refused.status_code == 401
        assert refused.headers["WWW-Authenticate"] == "Bearer"
        listed = client.get("/api/v1/journeys", headers=workspace.bearer("read")).json()
        assert sorted(j["id"] for j in listed) == ["bank-advisory", "retail-returns"]
        docs = client.get("/api/docs")
        assert docs.status_code == 200
        # Swagger UI from this server, never from a CDN.
        assert "http://" not in docs.text
        assert "https://" not in docs.text
        assert "/api/docs-assets/swagger-ui-bundle.js" in docs.text
        assert client.get("/api/docs-assets/swagger-ui-bundle.js").status_code == 200
        spec = client.get("/api/openapi.json").json()
        assert "/api/v1/journeys/{journey}/responses" in spec["paths"]
