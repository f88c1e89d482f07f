"""POST …/responses through FastAPI's TestClient: one import batch a push, the file
import's rules, refusals as sentences naming the row and field."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from journeymap.api.app import create_app
from journeymap.cli import main
from journeymap.services.import_batches import list_batches
from journeymap.store.audit import read_audit
from journeymap.store.tables import DetractorCaseRow, ResponseRow
from tests.api_workspace import ADMIN, JOURNEY, ApiWorkspace, answer, seed_api_workspace

URL = f"/api/v1/journeys/{JOURNEY}/responses"


@pytest.fixture
def workspace(sqlite_url: str) -> Iterator[ApiWorkspace]:
    seeded = seed_api_workspace(sqlite_url)
    yield seeded
    seeded.engine.dispose()


@pytest.fixture
def client(workspace: ApiWorkspace) -> TestClient:
    return TestClient(create_app(workspace.engine))


def responses(workspace: ApiWorkspace) -> int:
    with workspace.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(ResponseRow)) or 0)


def test_a_push_is_one_import_batch_and_a_repeat_adds_nothing(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    body = [answer("r1", 9), answer("r2", 3, contact="ane@example.dk")]
    first = client.post(URL, json=body, headers=workspace.bearer("push"))
    assert first.status_code == 200, first.text
    report = first.json()
    assert (report["read"], report["new"], report["already_there"], report["rejected"]) == (
        2, 2, 0, 0,
    )  # fmt: skip
    assert report["source"] == "push"  # the key's name, as no source was given
    again = client.post(URL, json=body, headers=workspace.bearer("push")).json()
    assert (again["new"], again["already_there"]) == (0, 2)
    assert again["already_from"] == {str(report["batch_id"]): 2}
    assert responses(workspace) == 2
    batches = list_batches(ADMIN, workspace.engine, JOURNEY)
    assert [(b.kind, b.by) for b in batches] == [("api", "API key push")] * 2


def test_one_object_and_a_named_source(client: TestClient, workspace: ApiWorkspace) -> None:
    one = client.post(URL, json=answer("r1"), headers=workspace.bearer("push")).json()
    assert (one["read"], one["new"]) == (1, 1)
    named = {"source": "Typeform: Branch visit", "responses": [answer("r1")]}
    other = client.post(URL, json=named, headers=workspace.bearer("push")).json()
    # Another source: the same response id is another response there.
    assert (other["source"], other["new"]) == ("Typeform: Branch visit", 1)


def test_the_same_id_with_other_answers_is_a_conflict_and_the_stored_one_stays(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    client.post(URL, json=[answer("r1", 9)], headers=workspace.bearer("push"))
    report = client.post(URL, json=[answer("r1", 2)], headers=workspace.bearer("push")).json()
    assert (report["new"], report["conflicting"]) == (0, 1)
    assert "response 'r1' is stored with other answers" in report["conflicts"][0]
    with workspace.engine.connect() as connection:
        assert connection.scalar(select(ResponseRow.score)) == 9


def test_rows_the_rules_refuse_are_named_and_the_rest_is_stored(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    body = [
        answer("r1", 11),
        answer("r2", at="last Tuesday"),
        answer("r3") | {"touchpoint": "the moon"},
        answer("r4", 0, contact="bo@example.dk"),
    ]
    response = client.post(URL, json=body, headers=workspace.bearer("push"))
    assert response.status_code == 200
    report = response.json()
    assert (report["new"], report["rejected"], report["cases_created"]) == (1, 3, 0)
    assert [r["sentence"] for r in report["rejected_rows"]] == [
        "row 1, field 'score': '11' is not a score: give a whole number from 0 to 10",
        "row 2, field 'responded_at': 'last Tuesday' is not an ISO 8601 time: write it as "
        "2026-12-07T09:30:00+01:00",
        "row 3, field 'touchpoint': 'the moon' is not a touchpoint of the journey: use a "
        "touchpoint id or name",
    ]
    # The detractor answered in November 2026: past the deadline, so too old for a case.
    assert report["too_old_to_call_back"] == 1


def test_a_recent_detractor_with_contact_details_gets_a_case(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    from datetime import UTC, datetime, timedelta

    at = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    report = client.post(
        URL,
        json=[answer("r1", 2, at=at, contact="ane@example.dk")],
        headers=workspace.bearer("push"),
    ).json()
    assert report["cases_created"] == 1
    with workspace.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(DetractorCaseRow)) == 1


def test_nothing_usable_is_422_with_the_report(client: TestClient, workspace: ApiWorkspace) -> None:
    response = client.post(URL, json=[answer("r1", 12)], headers=workspace.bearer("push"))
    assert response.status_code == 422
    assert response.json()["rejected"] == 1
    dates = client.post(URL, json=[answer("r2", at="soon")], headers=workspace.bearer("push"))
    assert dates.status_code == 422
    assert dates.json()["rejected_rows"][0]["field"] == "responded_at"
    assert responses(workspace) == 0


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        (
            [answer("r1"), {"response_id": "r2", "score": 5}],
            [
                "row 2, field 'responded_at': field required",
                "row 2, field 'touchpoint': field required",
            ],
        ),
        ([answer("r1", colour="red")], ["row 1, field 'colour': extra inputs are not permitted"]),
        ("not a list", ["the body: input should be a valid list"]),
        ([], ["the body holds no responses: send one object, a list, or {source, responses}"]),
    ],
)
def test_input_of_the_wrong_shape_is_422_naming_row_and_field(
    client: TestClient, workspace: ApiWorkspace, body: object, sentences: list[str]
) -> None:
    response = client.post(URL, json=body, headers=workspace.bearer("push"))
    assert response.status_code == 422
    assert response.json()["detail"] == sentences
    assert responses(workspace) == 0


def test_a_body_that_is_no_json_is_422(client: TestClient, workspace: ApiWorkspace) -> None:
    response = client.post(URL, content=b"{oops", headers=workspace.bearer("push"))
    assert response.status_code == 422
    assert response.json()["detail"][0].startswith("the body is not JSON")


def test_no_key_a_wrong_key_a_revoked_key_and_the_wrong_scope(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    def post(headers: dict[str, str], url: str = URL) -> tuple[int, str]:
        response = client.post(url, json=[answer("r1")], headers=headers)
        return response.status_code, response.json()["detail"]

    status, sentence = post({})
    assert status == 401
    assert sentence.startswith("no API key: send it as the header")
    assert post({"Authorization": "Bearer jm_nonsense"})[0] == 401
    status, sentence = post(workspace.bearer("read"))
    assert (status, sentence) == (
        403,
        "the API key 'read' may only read, not push: use a key with the scope push or both",
    )
    status, sentence = post(workspace.bearer("other"))
    assert status == 403
    assert "is not for the journey 'bank-advisory'" in sentence
    from journeymap.services.api_keys import revoke_api_key

    revoke_api_key(ADMIN, workspace.engine, "push")
    status, sentence = post(workspace.bearer("push"))
    assert (status, sentence) == (401, "the API key 'push' was revoked: ask an admin for a new one")
    assert responses(workspace) == 0


def test_every_use_is_audited_with_the_key(client: TestClient, workspace: ApiWorkspace) -> None:
    client.post(URL, json=[answer("r1")], headers=workspace.bearer("push"))
    client.post(URL, json=[answer("r1")], headers=workspace.bearer("read"))
    entries = read_audit(workspace.engine, object_kind="api key")
    used = [(e.actor, e.detail) for e in entries if e.action == "used"]
    assert used == [
        ("API key read", f"refused (scope read): POST {URL}"),
        ("API key push", f"POST {URL}"),
    ]
    imported = read_audit(workspace.engine, object_kind="responses")
    assert [e.actor for e in imported] == ["API key push"]


def test_a_key_past_its_rate_gets_429_with_retry_after(workspace: ApiWorkspace) -> None:
    client = TestClient(create_app(workspace.engine, rate_per_minute=2))
    codes = [
        client.post(URL, json=[answer("r1")], headers=workspace.bearer("push")).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
    refused = client.post(URL, json=[answer("r1")], headers=workspace.bearer("push"))
    assert refused.headers["Retry-After"] == "30"
    assert "more than 2 requests in a minute" in refused.json()["detail"]
    # Another key has its own bucket.
    assert client.get("/api/v1/journeys", headers=workspace.bearer("read")).status_code == 200


def test_nps_answers_what_the_command_prints(
    client: TestClient, workspace: ApiWorkspace, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    body = [answer(f"r{i}", score) for i, score in enumerate([10, 9, 8, 3, 0, 10])]
    body[0]["responded_at"] = "2026-10-02T10:00:00Z"
    client.post(URL, json=body, headers=workspace.bearer("push"))
    for by in (["touchpoint"], ["touchpoint", "month"], []):
        query = "&".join(f"by={b}" for b in by)
        api = client.get(
            f"/api/v1/journeys/{JOURNEY}/nps?{query}", headers=workspace.bearer("read")
        ).json()
        assert (
            main(["--db", sqlite_url, "nps", JOURNEY, "--json", *(["--by", *by] if by else [])])
            == 0
        )
        assert api == json.loads(capsys.readouterr().out)
    overall = client.get(f"/api/v1/journeys/{JOURNEY}/nps", headers=workspace.bearer("read")).json()
    # 3 promoters, 1 passive, 2 detractors of 6: NPS (3 - 2) / 6 = +16.7.
    assert (overall[0]["n"], round(overall[0]["nps"], 1)) == (6, 16.7)
    bad = client.get(f"/api/v1/journeys/{JOURNEY}/nps?by=colour", headers=workspace.bearer("read"))
    assert bad.status_code == 422
    assert bad.json()["detail"] == [
        "by: 'colour' is not a group: use one of touchpoint, month, quarter, year, location, "
        "segment"
    ]
