"""JSON output for the commands: plain values, NaN as null, times in ISO 8601."""

from __future__ import annotations

import json
from typing import Any

from journeymap.services.json_views import plain, records

__all__ = ["emit", "plain", "records"]


def emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
