"""What the machines read: the rows `--json` prints and the HTTP API answers, made once.

Plain JSON values (numpy scalars as Python numbers, NaN as null, times in ISO 8601), so
that `nps --json` and `GET …/nps` cannot drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from journeymap.services.nps_views import counted_table

if TYPE_CHECKING:
    # Every command imports this module for plain() and records(): the action and sand
    # services behind these names would cost each of them about a second at start-up.
    from journeymap.analytics.action_effect import Effect
    from journeymap.io.survey_import import ImportReport
    from journeymap.model.actions import Action
    from journeymap.services.sand import SandReport


def plain(value: Any) -> Any:
    """JSON-ready: numpy scalars to Python, NaN to null, times to ISO 8601."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return [plain(v) for v in value]
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


def nps_rows(
    engine: Engine,
    journey_id: str,
    by: Sequence[str] = (),
    survey_kind: str = "transactional",
    start: date | None = None,
    end: date | None = None,
) -> list[dict[str, Any]]:
    """NPS with its n and interval per group, counted in the database."""
    table = counted_table(engine, journey_id, by, survey_kind, start, end)
    return [row | {"survey_kind": survey_kind} for row in records(table)]


def sand_rows(report: SandReport) -> list[dict[str, Any]]:
    """The touchpoints ranked by friction, with reasons and the hand-offs out of each."""
    return [
        {
            "touchpoint": item.touchpoint,
            "name": item.name,
            "rank": item.rank,
            "friction": item.friction,
            "health": item.health,
            "customers_affected": round(item.customers_affected, 1),
            "impact": round(item.impact, 1),
            "thin_data": item.thin_data,
            "reasons": list(item.reasons),
            # Friction on the edges out of this touchpoint.
            "handoffs": [
                {
                    "to": h.target,
                    "nps_drop": round(h.drop, 1),
                    "p_adjusted": h.p_adjusted,
                    "customers_per_month": round(h.customers_per_month, 1),
                    "reason": h.reason,
                }
                for h in report.handoffs
                if h.source == item.touchpoint
            ],
        }
        for item in report.items
    ]


NPS_GROUPS = ("touchpoint", "month", "quarter", "year", "location", "segment")


def action_rows(actions: list[Action], effects: dict[int, Effect]) -> list[dict[str, Any]]:
    """The improvement actions with what they are about and, once done, whether it worked."""
    from journeymap.services.actions import effect_text

    return [
        {
            "id": action.id,
            **{k: plain(v) for k, v in asdict(action.fields).items()},
            "status": action.status,
            "done_on": plain(action.done_on),
            "created_by": action.created_by,
            "updated_at": plain(action.updated_at),
            "effect": effect_text(action, effects),
        }
        for action in actions
    ]


def import_report(report: ImportReport) -> dict[str, Any]:
    """A push's report: the counts, and a sentence for each refused row (by its number in
    the push and its field) and each conflict."""
    return {
        "batch_id": report.batch_id,
        "source": report.source,
        "read": report.rows_read,
        "new": report.imported,
        "already_there": report.duplicates,
        "already_from": {str(k): v for k, v in sorted(report.already_from.items())},
        "conflicting": report.conflicting,
        "rejected": report.rejected_count,
        "without_score": report.blank_scores,
        "cases_created": report.cases_created,
        "too_old_to_call_back": report.too_old,
        "rejected_rows": [
            {
                "row": r.row,
                "field": r.column,
                "value": r.value,
                "sentence": f"row {r.row}, field '{r.column}': {r.reason}",
            }
            for r in report.rejected
        ],
        "conflicts": [str(c) for c in report.conflicts],
        "summary": report.lines(),
    }
