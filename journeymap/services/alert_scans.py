"""The scans that queue alerts no import causes: call-backs nearing their deadline, and
touchpoints whose sand ranking turned to sand.

A new detractor's alert is queued by the import that stores it (store/response_batches).
A deadline comes with time, not with data, so a scan finds it. The sand ranking rests on
half a year of evidence of every kind; computing it inside an import's transaction
would hold the database's write lock for as long as the ranking takes, so the scan
compares it with the states saved at the last look and saves the new states together
with the alerts of the turns, in one transaction: a turn is queued once, whoever looks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from journeymap import settings
from journeymap.analytics.alert_rules import turned_to_sand
from journeymap.analytics.friction import FrictionItem
from journeymap.model.alerts import AlertKind
from journeymap.services import workspace_time
from journeymap.services.journeys import get_journey
from journeymap.services.sand import SandReport, evidence_filter, sand_report
from journeymap.store.alert_outbox import queue_deadline_alerts
from journeymap.store.alert_sand import record_sand_states
from journeymap.store.alert_subscriptions import read_subscriptions

THIN = "thin"  # a touchpoint whose evidence is too thin to be ranked as sand


def scan_deadlines(engine: Engine, *, now: datetime, hours: float | None = None) -> int:
    """Queue an alert for each open call-back whose deadline is within ``hours``
    (JOURNEYMAP_ALERT_DEADLINE_HOURS); the number queued."""
    window = timedelta(hours=settings.alert_deadline_hours() if hours is None else hours)
    return queue_deadline_alerts(engine, now=now, window=window)


def scan_sand(
    engine: Engine,
    *,
    now: datetime,
    journey_ids: list[str] | None = None,
    report: Callable[..., SandReport] = sand_report,
) -> int:
    """Compare each subscribed journey's (and location's) sand ranking with the last
    look and queue an alert per touchpoint that turned to sand; the number queued."""
    scopes = sorted(
        {
            (s.journey_id, s.location)
            for s in read_subscriptions(engine)
            if s.kind == AlertKind.SAND and (journey_ids is None or s.journey_id in journey_ids)
        }
    )
    queued = 0
    today = workspace_time.today(now)
    for journey_id, location in scopes:
        stored = get_journey(engine, journey_id)
        if stored is None:
            continue
        ranking = report(engine, stored.journey, evidence_filter(location=location, today=today))
        healths = {item.touchpoint: _health(item) for item in ranking.items}
        details = {item.touchpoint: _detail(item, ranking) for item in ranking.items}
        try:
            queued += record_sand_states(
                engine, journey_id, location, healths, turned_to_sand, details, now=now
            )
        except IntegrityError:
            continue  # another dispatcher saved the same first look meanwhile
    return queued


def _health(item: FrictionItem) -> str:
    return THIN if item.thin_data else str(item.health)


def _detail(item: FrictionItem, ranking: SandReport) -> str:
    detail: dict[str, object] = {"friction": item.friction, "reasons": list(item.reasons[:3])}
    estimate = ranking.evidence.get(item.touchpoint)
    if estimate is not None and estimate.nps is not None:
        nps = estimate.nps
        detail |= {"nps": nps.nps, "ci_low": nps.ci_low, "ci_high": nps.ci_high, "n": nps.n}
    return json.dumps(detail)
