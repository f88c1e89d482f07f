"""Survey tools' webhooks in, with payloads in the shapes the tools document."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from journeymap.api.app import create_app
from journeymap.io.webhooks.signatures import surveymonkey_signature, typeform_signature
from journeymap.store.tables import ResponseRow
from tests.api_workspace import JOURNEY, ApiWorkspace, seed_api_workspace

HOOKS = f"/api/v1/journeys/{JOURNEY}/webhooks"
SECRET = "typeform-webhook-secret"

# Typeform's "Example webhook payload": a form_response event, trimmed to the answers a
# branch survey has (an NPS question, a long text, an e-mail) and its hidden fields.
TYPEFORM: dict[str, Any] = {
    "event_id": "01HQ8Z3K9X3B6V8J6M2N4P5Q7R",
    "event_type": "form_response",
    "form_response": {
        "form_id": "lT4Z3j",
        "token": "a3a12ec67a1365927098a606107fac15",
        "landed_at": "2026-11-02T09:12:41Z",
        "submitted_at": "2026-11-02T09:15:03Z",
        "hidden": {"touchpoint": "book-online", "location": "aarhus"},
        "calculated": {"score": 0},
        "definition": {
            "id": "lT4Z3j",
            "title": "Branch visit",
            "fields": [
                {"id": "SMEUb7VJz92Q", "title": "How likely …", "type": "nps", "ref": "nps"},
                {"id": "pn48RmPazVdM", "title": "Why?", "type": "long_text", "ref": "why"},
                {"id": "Q7M2XAwY04dW", "title": "E-mail", "type": "email", "ref": "mail"},
            ],
        },
        "answers": [
            {
                "type": "number",
                "number": 4,
                "field": {"id": "SMEUb7VJz92Q", "type": "nps", "ref": "nps"},
            },
            {
                "type": "text",
                "text": "Nobody called back",
                "field": {"id": "pn48RmPazVdM", "type": "long_text", "ref": "why"},
            },
            {
                "type": "email",
                "email": "laura@example.dk",
                "field": {"id": "Q7M2XAwY04dW", "type": "email", "ref": "mail"},
            },
        ],
    },
}

# SurveyMonkey's webhook callback for response_completed (its documented event body),
# forwarded with the response's details (GET …/responses/{id}/details?simple=true).
SURVEYMONKEY_EVENT: dict[str, Any] = {
    "name": "journeymap",
    "filter_type": "survey",
    "filter_id": "405412345",
    "event_type": "response_completed",
    "event_id": "10034565",
    "object_type": "response",
    "object_id": "114402541334",
    "event_datetime": "2026-11-02T09:15:04.744Z",
    "resources": {
        "respondent_id": "114402541334",
        "recipient_id": "0",
        "user_id": "1234567",
        "collector_id": "405987654",
        "survey_id": "405412345",
    },
}
SURVEYMONKEY_DETAILS: dict[str, Any] = {
    "id": "114402541334",
    "recipient_id": "",
    "collection_mode": "default",
    "response_status": "completed",
    "custom_value": "",
    "first_name": "",
    "last_name": "",
    "email_address": "",
    "ip_address": "192.0.2.10",
    "logic_path": {},
    "metadata": {"contact": {}},
    "page_path": [],
    "collector_id": "405987654",
    "survey_id": "405412345",
    "custom_variables": {"touchpoint": "book-online", "contact": "+45 20 30 40 50"},
    "total_time": 40,
    "date_modified": "2026-11-02T09:15:03+00:00",
    "date_created": "2026-11-02T09:14:23+00:00",
    "href": "https://api.surveymonkey.com/v3/surveys/405412345/responses/114402541334",
    "pages": [
        {
            "id": "168830049",
            "questions": [
                {
                    "id": "667461690",
                    "answers": [{"choice_id": "4385172943", "simple_text": "2"}],
                },
                {
                    "id": "667461691",
                    "answers": [{"text": "Too long a wait", "simple_text": "Too long a wait"}],
                },
            ],
        }
    ],
}


@pytest.fixture
def workspace(sqlite_url: str) -> Iterator[ApiWorkspace]:
    seeded = seed_api_workspace(sqlite_url, signing_secret=SECRET)
    yield seeded
    seeded.engine.dispose()


@pytest.fixture
def client(workspace: ApiWorkspace) -> TestClient:
    return TestClient(create_app(workspace.engine))


def stored(workspace: ApiWorkspace) -> list[tuple[Any, ...]]:
    with workspace.engine.connect() as connection:
        rows = connection.execute(
            select(
                ResponseRow.score,
                ResponseRow.touchpoint_id,
                ResponseRow.location,
                ResponseRow.comment,
                ResponseRow.contact,
                ResponseRow.source,
            )
        ).all()
    return [tuple(row) for row in rows]


def test_typeform_form_response_is_stored_once(client: TestClient, workspace: ApiWorkspace) -> None:
    url = f"{HOOKS}/typeform?key={workspace.keys['push']}"
    report = client.post(url, json=TYPEFORM).json()
    assert (report["new"], report["source"]) == (1, "Typeform: Branch visit")
    assert client.post(url, json=TYPEFORM).json()["already_there"] == 1
    assert stored(workspace) == [
        (4, "book-online", "aarhus", "Nobody called back", "laura@example.dk",
         "typeform:Typeform: Branch visit"),
    ]  # fmt: skip


def test_typeform_signature_is_checked_when_the_key_has_a_secret(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    body = json.dumps(TYPEFORM).encode()
    url = f"{HOOKS}/typeform?key={workspace.keys['signed']}"
    unsigned = client.post(url, content=body)
    assert unsigned.status_code == 401
    assert unsigned.json()["detail"] == (
        "the Typeform signature (typeform-signature) does not match the signing secret of the "
        "API key 'signed': set the same secret in Typeform's webhook"
    )
    wrong = client.post(url, content=body, headers={"Typeform-Signature": "sha256=AAAA"})
    assert wrong.status_code == 401
    assert stored(workspace) == []
    signed = client.post(
        url, content=body, headers={"Typeform-Signature": typeform_signature(SECRET, body)}
    )
    assert signed.status_code == 200, signed.text
    assert signed.json()["new"] == 1


def test_typeform_signature_is_base64_of_hmac_sha256() -> None:
    # Computed by hand: printf '%s' '{"a":1}' | openssl dgst -sha256 -hmac secret -binary | base64
    assert typeform_signature("secret", b'{"a":1}') == (
        "sha256=qp4uNXX11wmLbKzNeQiIw21f22M0KnO62i1qUXR6hJQ="
    )


def test_typeform_named_fields_and_a_fixed_touchpoint(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    payload = copy.deepcopy(TYPEFORM)
    del payload["form_response"]["hidden"]["touchpoint"]
    url = f"{HOOKS}/typeform?key={workspace.keys['push']}&score=nps&touchpoint_value=book-online"
    assert client.post(url, json=payload).json()["new"] == 1
    missing = client.post(
        f"{HOOKS}/typeform?key={workspace.keys['push']}&score=recommend", json=payload
    )
    assert missing.status_code == 422
    assert missing.json()["detail"] == [
        "Typeform payload: form_response.answers: no answer to the field 'recommend': the "
        "answers are to nps, why, mail"
    ]


def test_surveymonkey_event_alone_is_refused_with_what_to_send(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    url = f"{HOOKS}/surveymonkey?key={workspace.keys['push']}"
    assert client.head(url).status_code == 200  # SurveyMonkey's check of the URL
    response = client.post(url, json=SURVEYMONKEY_EVENT)
    assert response.status_code == 422
    assert (
        "names response 114402541334 but holds none of its answers" in response.json()["detail"][0]
    )
    assert stored(workspace) == []


def test_surveymonkey_event_with_its_details_is_stored(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    body = SURVEYMONKEY_EVENT | {"response": SURVEYMONKEY_DETAILS}
    url = f"{HOOKS}/surveymonkey?key={workspace.keys['push']}&comment_question=667461691"
    report = client.post(url, json=body).json()
    assert (report["new"], report["source"]) == (1, "SurveyMonkey: 405412345")
    assert stored(workspace) == [
        (2, "book-online", "", "Too long a wait", "+45 20 30 40 50",
         "surveymonkey:SurveyMonkey: 405412345"),
    ]  # fmt: skip


def test_surveymonkey_signature_when_the_key_has_a_secret(
    client: TestClient, workspace: ApiWorkspace
) -> None:
    body = json.dumps(SURVEYMONKEY_EVENT | {"response": SURVEYMONKEY_DETAILS}).encode()
    url = f"{HOOKS}/surveymonkey?key={workspace.keys['signed']}"
    assert client.post(url, content=body).status_code == 401
    headers = {"Sm-Signature": surveymonkey_signature(SECRET, body)}
    assert client.post(url, content=body, headers=headers).json()["new"] == 1


def test_any_json_with_a_mapping_of_paths(client: TestClient, workspace: ApiWorkspace) -> None:
    # What a Power Automate flow for Microsoft Forms might post: several responses.
    body = {
        "value": [
            {
                "id": 17,
                "submitDate": "2026-11-02T09:15:03Z",
                "answers": {"nps": "9", "why": "Fine"},
            },
            {"id": 18, "submitDate": "2026-11-02T09:16:03Z", "answers": {"nps": "ten"}},
        ]
    }
    query = (
        "items=value&response_id=id&responded_at=submitDate&score=answers.nps"
        "&comment=answers.why&touchpoint_value=book-online&source=Microsoft Forms: Branch"
    )
    response = client.post(f"{HOOKS}/json?key={workspace.keys['push']}&{query}", json=body)
    report = response.json()
    assert (report["read"], report["new"], report["rejected"]) == (2, 1, 1)
    assert report["rejected_rows"][0]["sentence"] == (
        "row 2, field 'score': 'ten' is not a score: give a whole number from 0 to 10"
    )
    assert report["source"] == "Microsoft Forms: Branch"
    wrong = client.post(f"{HOOKS}/json?key={workspace.keys['push']}&items=data", json=body)
    assert wrong.status_code == 422
    assert wrong.json()["detail"] == ["JSON payload: data: is not a list of responses in the body"]


def test_webhooks_need_a_push_key(client: TestClient, workspace: ApiWorkspace) -> None:
    assert client.post(f"{HOOKS}/typeform", json=TYPEFORM).status_code == 401
    read = client.post(f"{HOOKS}/typeform?key={workspace.keys['read']}", json=TYPEFORM)
    assert read.status_code == 403
