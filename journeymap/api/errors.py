"""Every refusal is a JSON body ``{"detail": sentence or [sentences]}`` with its status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from journeymap.model import InvalidInput
from journeymap.services.access import NotAllowed
from journeymap.services.api_keys import KeyRefused


class Refusal(BaseModel):
    """What every refusal answers: one sentence, or one per row and field."""

    detail: str | list[str]


def refusals(**described: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI entries of a route's refusals, by status ("s401" …), with their shape:
    FastAPI would otherwise document its own 422 body, which this API does not send."""
    return {
        int(status.removeprefix("s")): {"model": Refusal, "description": text}
        for status, text in described.items()
    }


class Refused(Exception):
    """A request the API answers with ``status`` and ``detail`` (and headers)."""

    def __init__(self, status: int, detail: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or {}


def no_journey(journey: str) -> Refused:
    return Refused(
        404, f"there is no journey '{journey}': GET /api/v1/journeys lists those your key may use"
    )


def error_sentences(errors: list[dict[str, Any]]) -> list[str]:
    """Pydantic's errors as sentences naming the row (from 1) and the field."""
    out = []
    for error in errors:
        loc = [part for part in error.get("loc", ()) if part != "body"]
        rows = [p for p in loc if isinstance(p, int)]
        names = [str(p) for p in loc if not isinstance(p, int)]
        where = f"row {rows[0] + 1}, " if rows else ""
        field = f"field '{'.'.join(names)}'" if names else "the body"
        message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        out.append(f"{where}{field}: {message[:1].lower()}{message[1:]}")
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(Refused)
    def _refused(_request: Request, error: Refused) -> JSONResponse:
        return JSONResponse({"detail": error.detail}, error.status, headers=error.headers)

    @app.exception_handler(KeyRefused)
    def _key(_request: Request, error: KeyRefused) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
        return JSONResponse({"detail": str(error)}, error.status, headers=headers)

    @app.exception_handler(NotAllowed)
    def _not_allowed(_request: Request, error: NotAllowed) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, 403)

    @app.exception_handler(InvalidInput)
    def _invalid(_request: Request, error: InvalidInput) -> JSONResponse:
        prefix = f"{error.source}: " if error.source else ""
        return JSONResponse({"detail": [prefix + str(p) for p in error.problems]}, 422)

    @app.exception_handler(RequestValidationError)
    def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": error_sentences(list(error.errors()))}, 422)
