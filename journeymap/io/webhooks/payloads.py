"""The shared shape of a webhook read: rows of text cells, and the source they suggest."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from journeymap.model import InvalidInput, Problem


@dataclass(frozen=True)
class Pushed:
    rows: list[dict[str, str]]
    source: str  # as the payload names the survey, e.g. "Typeform: Branch visit"
    notes: list[str] = field(default_factory=list)


def cell(value: Any) -> str:
    """A JSON value as the text cell a file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def refuse(where: str, message: str, payload: str) -> InvalidInput:
    return InvalidInput([Problem(where, message)], source=payload)


def need_object(value: Any, where: str, payload: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise refuse(where, "must be a JSON object", payload)
    return value
