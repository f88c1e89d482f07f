"""GET routes: journeys, NPS tables, the sand ranking, cases and actions as JSON.

Each answers what the matching command prints with ``--json`` (the same rows, from
services/json_views.py), for the journeys the key is for.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from journeymap.api.auth import caller
from journeymap.api.errors import Refused, no_journey, refusals
from journeymap.io.journey_files import journey_document
from journeymap.services import cases as case_service
from journeymap.services.actions import actions_with_effects
from journeymap.services.api_keys import allowed_journeys
from journeymap.services.journeys import get_journey, list_journeys
from journeymap.services.json_views import NPS_GROUPS, action_rows, nps_rows, records, sand_rows
from journeymap.services.sand import evidence_filter, sand_report

router = APIRouter(prefix="/api/v1", tags=["read"])
READ_ERRORS = refusals(
    s401="no key, an unknown key or a revoked one",
    s403="the key may not read, or not this journey",
    s404="no such journey",
    s422="a parameter that cannot be used, named",
    s429="too many requests for this key: see Retry-After",
)


@router.get("/journeys", summary="The journeys the key may use", responses=READ_ERRORS)
def journeys(request: Request) -> list[dict[str, Any]]:
    who = caller(request, "read", None)
    found = list_journeys(request.app.state.engine)
    allowed = set(allowed_journeys(who, [j.id for j in found]))
    return [
        {"id": j.id, "name": j.name, "revision": j.revision, "saved_at": j.saved_at.isoformat()}
        for j in found
        if j.id in allowed
    ]


@router.get(
    "/journeys/{journey}", summary="One journey as its file holds it", responses=READ_ERRORS
)
def journey(journey: str, request: Request) -> dict[str, Any]:
    caller(request, "read", journey)
    stored = _stored(request, journey)
    return journey_document(stored.journey, stored.revision)


@router.get(
    "/journeys/{journey}/nps",
    summary="NPS with its n and 95 % interval, by group (what `nps --json` prints)",
    responses=READ_ERRORS,
)
def nps(
    journey: str,
    request: Request,
    by: Annotated[
        list[str], Query(description=f"one or more of {', '.join(NPS_GROUPS)} (or comma-separated)")
    ] = [],  # noqa: B006 - FastAPI copies the default
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    kind: Literal["transactional", "relationship"] = "transactional",
) -> list[dict[str, Any]]:
    caller(request, "read", journey)
    _stored(request, journey)
    groups = [g.strip() for value in by for g in value.split(",") if g.strip()]
    unknown = [g for g in groups if g not in NPS_GROUPS]
    if unknown:
        raise Refused(
            422, [f"by: '{unknown[0]}' is not a group: use one of {', '.join(NPS_GROUPS)}"]
        )
    return nps_rows(request.app.state.engine, journey, groups, kind, start, end)


@router.get(
    "/journeys/{journey}/sand",
    summary="The touchpoints ranked by friction, with reasons (what `sand --json` prints)",
    responses=READ_ERRORS,
)
def sand(
    journey: str,
    request: Request,
    period: Annotated[str | None, Query(description="2026, 2026-Q3 or 2026-09")] = None,
    location: str | None = None,
    segment: str | None = None,
) -> list[dict[str, Any]]:
    caller(request, "read", journey)
    stored = _stored(request, journey)
    try:
        flt = evidence_filter(period, location, segment)
    except ValueError as error:
        raise Refused(422, [f"period: {error}"]) from None
    return sand_rows(sand_report(request.app.state.engine, stored.journey, flt))


@router.get(
    "/journeys/{journey}/cases",
    summary="Detractor call-back cases; contact details only for keys that may push",
    responses=READ_ERRORS,
)
def cases(journey: str, request: Request, overdue: bool = False) -> dict[str, Any]:
    who = caller(request, "read", journey)
    _stored(request, journey)
    now = datetime.now(UTC)
    found = case_service.list_cases(
        who.viewer, request.app.state.engine, journey, only_overdue=overdue, now=now
    )
    return {"journey": journey, "now": now.isoformat(), "cases": records(found)}


@router.get(
    "/journeys/{journey}/actions",
    summary="Improvement actions and, once done, whether they worked",
    responses=READ_ERRORS,
)
def actions(journey: str, request: Request) -> list[dict[str, Any]]:
    who = caller(request, "read", journey)
    stored = _stored(request, journey)
    found, effects = actions_with_effects(who.viewer, request.app.state.engine, stored.journey)
    return action_rows(found, effects)


def _stored(request: Request, journey: str) -> Any:
    stored = get_journey(request.app.state.engine, journey)
    if stored is None:
        raise no_journey(journey)
    return stored
