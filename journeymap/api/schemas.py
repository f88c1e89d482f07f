"""The shapes the API takes, for checking and for its OpenAPI page."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

Text = str | int | float


class PushedResponse(BaseModel):
    """One answer to the 0–10 recommend question, as a survey tool pushes it."""

    model_config = ConfigDict(extra="forbid")

    response_id: Text = Field(description="the survey tool's id of the response")
    score: Text = Field(description="the 0–10 answer to the recommend question")
    responded_at: str = Field(
        description="ISO 8601 time, e.g. 2026-12-07T09:30:00+01:00 (no offset: UTC)"
    )
    touchpoint: str = Field(description="a touchpoint id or name of the journey")
    location: str | None = None
    segment: str | None = None
    comment: str | None = None
    contact: str | None = Field(
        default=None, description="how to reach the customer: a detractor with it gets a case"
    )


class PushEnvelope(BaseModel):
    """Responses with the name of their source (the survey or form)."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = Field(default=None, description="default: the API key's name")
    responses: list[PushedResponse]


PushBody = list[PushedResponse] | PushedResponse | PushEnvelope
MAX_RESPONSES = 10_000  # per push; a bigger load is a file import
_RESPONSES = TypeAdapter(list[PushedResponse])


def push_body_schema() -> dict[str, Any]:
    """The body's schema for the OpenAPI page; its models go to the components."""
    schema = TypeAdapter(PushBody).json_schema(ref_template=REF)
    return {k: v for k, v in schema.items() if k != "$defs"}


def push_models() -> dict[str, Any]:
    return dict(TypeAdapter(PushBody).json_schema(ref_template=REF).get("$defs", {}))


REF = "#/components/schemas/{model}"


def read_push(body: Any) -> tuple[list[dict[str, str]], str | None]:
    """Rows of text cells and the source named in the body; ValidationError names the
    row and field of whatever does not fit."""
    source = None
    if isinstance(body, dict) and "responses" in body:
        envelope = PushEnvelope.model_validate(body)
        items, source = envelope.responses, envelope.source
    elif isinstance(body, dict):
        items = [PushedResponse.model_validate(body)]
    else:
        items = _RESPONSES.validate_python(body)
    rows = [
        {k: "" if v is None else str(v) for k, v in item.model_dump().items()} for item in items
    ]
    return rows, source


__all__ = ["MAX_RESPONSES", "PushEnvelope", "PushedResponse", "ValidationError", "read_push"]
