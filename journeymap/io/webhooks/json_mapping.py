"""Any JSON a tool can send (Google Forms through Apps Script, Microsoft Forms through
Power Automate, Qualtrics' JSON event): a mapping says where each field is, as a file
import's column mapping says which column is which.

A place is a dotted path into the JSON: ``answers.nps``, ``data.0.score``. ``items``
names the list of responses, if the body holds several; the other paths are then read
within each item.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from journeymap.io.webhooks.payloads import Pushed, cell, refuse

PAYLOAD = "JSON payload"
MISSING = object()


class JsonMapping(BaseModel):
    """Where each field is (a dotted path), or one value for every response."""

    model_config = ConfigDict(extra="forbid")

    items: str | None = None
    response_id: str = "response_id"
    score: str = "score"
    responded_at: str = "responded_at"
    touchpoint: str | None = "touchpoint"
    touchpoint_value: str | None = None
    location: str | None = None
    segment: str | None = None
    comment: str | None = None
    contact: str | None = None
    source: str = "JSON webhook"


def read_json(payload: Any, mapping: JsonMapping) -> Pushed:
    items = [payload]
    if mapping.items:
        found = dig(payload, mapping.items)
        if not isinstance(found, list):
            raise refuse(mapping.items, "is not a list of responses in the body", PAYLOAD)
        items = found
    rows = []
    for item in items:
        row = {}
        for name in ("response_id", "score", "responded_at", "touchpoint", "location",
                     "segment", "comment", "contact"):  # fmt: skip
            path = getattr(mapping, name)
            value = dig(item, path) if path else None
            row[name] = "" if value is MISSING else cell(value)
        if mapping.touchpoint_value:
            row["touchpoint"] = mapping.touchpoint_value
        rows.append(row)
    return Pushed(rows, mapping.source)


def dig(value: Any, path: str) -> Any:
    """The value at a dotted path; MISSING where the path leads nowhere."""
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return MISSING
    return value
