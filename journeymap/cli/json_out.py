"""JSON output for the commands: plain values, NaN as null, times in ISO 8601."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any


def plain(value: Any) -> Any:
    """JSON-ready: numpy scalars to Python, NaN to null, times to ISO 8601."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, datetime):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return None if str(value) == "NaT" else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def records(frame: Any) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
