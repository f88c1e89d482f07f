"""Survey tools' webhooks in: Typeform, SurveyMonkey, and any JSON with a field mapping.

A tool cannot always set an Authorization header, so these routes also take the key as
``?key=``; where the tool signs its calls (Typeform's HMAC-SHA256, SurveyMonkey's
HMAC-SHA1) and the key has a signing secret, an unsigned or wrongly signed call is
refused before anything is read. Each call is one push: the same rules and report.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from journeymap.api.auth import caller
from journeymap.api.errors import Refused, refusals
from journeymap.api.push import stored
from journeymap.io.webhooks import Pushed
from journeymap.io.webhooks.json_mapping import JsonMapping, read_json
from journeymap.io.webhooks.signatures import same, surveymonkey_signature, typeform_signature
from journeymap.io.webhooks.surveymonkey import SurveyMonkeyFields, read_surveymonkey
from journeymap.io.webhooks.typeform import TypeformFields, read_typeform
from journeymap.services.api_keys import Caller

router = APIRouter(prefix="/api/v1/journeys/{journey}/webhooks", tags=["webhooks"])
KEY = Annotated[str | None, Query(description="the API key, for tools that cannot send a header")]
ERRORS = refusals(
    s401="no key, an unknown or revoked one, or a signature that does not match",
    s403="the key may not push, or not to this journey",
    s404="no such journey",
    s422="a payload that cannot be used, with the field and the fix",
    s429="too many requests for this key: see Retry-After",
)


@router.post("/typeform", summary="Typeform's form_response webhook", responses=ERRORS)
async def typeform(
    journey: str,
    request: Request,
    fields: Annotated[TypeformFields, Depends()],
    source: str | None = None,
    key: KEY = None,
) -> JSONResponse:
    """Score: the form's NPS question (or the field `score`, a ref or id); touchpoint,
    location, segment, contact: hidden fields of those names (or `touchpoint_value` for
    all); comment: the first long text answer (or the field `comment`). The response id
    is Typeform's token. With a signing secret on the key, `Typeform-Signature` must
    match."""
    body = await request.body()
    tool = Tool("typeform", "Typeform", "typeform-signature", typeform_signature)
    return await _signed_push(
        request, journey, body, tool, lambda data: read_typeform(data, fields), source
    )


@router.head("/surveymonkey", include_in_schema=False)
def surveymonkey_check(journey: str) -> Response:
    # SurveyMonkey checks that a webhook's URL answers before it subscribes it.
    return Response(status_code=200)


@router.post(
    "/surveymonkey",
    summary="SurveyMonkey's response_completed event, with the response's details",
    responses=ERRORS,
)
async def surveymonkey(
    journey: str,
    request: Request,
    fields: Annotated[SurveyMonkeyFields, Depends()],
    source: str | None = None,
    key: KEY = None,
) -> JSONResponse:
    """SurveyMonkey's event holds no answers; journeymap fetches nothing from outside, so
    the event must come with the response's details (SurveyMonkey's GET
    …/responses/{id}/details) under `response`, as a relay forwards it. Score: the answer
    to `score_question` (else the only 0–10 answer); touchpoint, location, segment,
    contact: custom variables of those names. With a signing secret on the key
    ("API key&API secret"), `Sm-Signature` must match."""
    body = await request.body()
    tool = Tool("surveymonkey", "SurveyMonkey", "sm-signature", surveymonkey_signature)
    return await _signed_push(
        request, journey, body, tool, lambda data: read_surveymonkey(data, fields), source
    )


@router.post("/json", summary="Any JSON, with a mapping of where each field is", responses=ERRORS)
async def any_json(
    journey: str,
    request: Request,
    mapping: Annotated[JsonMapping, Depends()],
    key: KEY = None,
) -> JSONResponse:
    """Each query parameter names where a field is, as a dotted path into the body
    (`score=answers.nps`, `responded_at=submitted`); `items` the list of responses, if
    the body holds several; `touchpoint_value` one touchpoint for all; `source` the
    source's name."""
    body = await request.body()

    def run() -> JSONResponse:
        who = caller(request, "push", journey, query_key=True)
        pushed = read_json(_json(body), mapping)
        return stored(who, request, journey, pushed.rows, source=pushed.source,
                      tool="json", label="JSON webhook")  # fmt: skip

    return await run_in_threadpool(run)


@dataclass(frozen=True)
class Tool:
    name: str
    title: str
    header: str  # where the tool puts its signature
    sign: Callable[[str, bytes], str]


async def _signed_push(
    request: Request,
    journey: str,
    body: bytes,
    tool: Tool,
    read: Callable[[Any], Pushed],
    source: str | None,
) -> JSONResponse:
    def run() -> JSONResponse:
        who = caller(request, "push", journey, query_key=True)
        _check(who, request, tool, body)
        pushed = read(_json(body))
        return stored(who, request, journey, pushed.rows, source=source or pushed.source,
                      tool=tool.name, label=f"{tool.title} webhook")  # fmt: skip

    return await run_in_threadpool(run)


def _check(who: Caller, request: Request, tool: Tool, body: bytes) -> None:
    secret = who.key.signing_secret
    if secret and not same(tool.sign(secret, body), request.headers.get(tool.header)):
        raise Refused(
            401,
            f"the {tool.title} signature ({tool.header}) does not match the signing secret "
            f"of the API key '{who.key.name}': set the same secret in {tool.title}'s webhook",
        )


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError as error:
        raise Refused(422, [f"the body is not JSON: {error}"]) from None
