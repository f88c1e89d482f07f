"""POST /api/v1/journeys/{journey}/responses: pushed answers, one import batch a push."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from journeymap import settings
from journeymap.api.auth import caller
from journeymap.api.errors import Refused, error_sentences, no_journey, refusals
from journeymap.api.schemas import MAX_RESPONSES, ValidationError, push_body_schema, read_push
from journeymap.services.api_keys import Caller
from journeymap.services.journeys import get_journey
from journeymap.services.json_views import import_report
from journeymap.services.pushes import push_responses

router = APIRouter(prefix="/api/v1", tags=["push"])


@router.post(
    "/journeys/{journey}/responses",
    summary="Push responses (one, a list, or {source, responses})",
    response_description="the import batch's report",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": push_body_schema()}},
        }
    },
    responses=refusals(
        s401="no key, an unknown key or a revoked one",
        s403="the key may not push, or not to this journey",
        s404="no such journey",
        s422="sentences naming the row and field, or the report of a push none of whose "
        "rows could be used",
        s429="too many requests for this key: see Retry-After",
    ),
)
async def push(journey: str, request: Request) -> JSONResponse:
    """Store the responses as one import batch of their source (the `source` of the body,
    else the key's name), with the file import's rules: a response already there (same
    source and response id, same answers) is counted, not stored again; the same id with
    other answers is a conflict (the stored one is kept); every row that cannot be used
    is named with its number, field and reason. Detractors with contact details get their
    call-back case."""
    body = await request.body()
    return await run_in_threadpool(_push, request, journey, body)


def _push(request: Request, journey: str, body: bytes) -> JSONResponse:
    who = caller(request, "push", journey)
    rows, source = rows_from_body(body)
    return stored(who, request, journey, rows, source=source)


def stored(
    who: Caller,
    request: Request,
    journey: str,
    rows: list[dict[str, str]],
    *,
    source: str | None = None,
    tool: str = "api",
    label: str = "API push",
) -> JSONResponse:
    """Store the rows as one push of the caller; the report, 422 when nothing was usable."""
    engine = request.app.state.engine
    found = get_journey(engine, journey)
    if found is None:
        raise no_journey(journey)
    if len(rows) > MAX_RESPONSES:
        raise Refused(
            422,
            f"{len(rows)} responses in one push: send at most {MAX_RESPONSES:,}, or import "
            "the file",
        )
    try:
        report = push_responses(
            who.viewer,
            engine,
            found.journey,
            rows,
            source=source or who.key.name,
            tool=tool,
            label=label,
            callback_hours=settings.callback_hours(),
        )
    except ValueError as error:
        raise Refused(422, [str(error)]) from None
    answer = import_report(report)
    nothing = report.rows_read > 0 and report.valid + report.conflicting == 0
    return JSONResponse(answer, 422 if nothing else 200)


def rows_from_body(body: bytes) -> tuple[list[dict[str, str]], str | None]:
    try:
        data: Any = json.loads(body or b"null")
    except ValueError as error:
        raise Refused(422, [f"the body is not JSON: {error}"]) from None
    if data is None or data == []:
        raise Refused(
            422, ["the body holds no responses: send one object, a list, or {source, responses}"]
        )
    try:
        return read_push(data)
    except ValidationError as error:
        raise Refused(422, error_sentences(list(error.errors()))) from None
