"""The sand states alerts compare with: saved together with the alerts of their turns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy import Engine, delete, insert, select, update

from journeymap.store.alert_outbox import queue_sand_alerts
from journeymap.store.moments import as_utc
from journeymap.store.tables import AlertSandStateRow

STATES = AlertSandStateRow.__table__
FIRST_SEEN = "first-seen"


def record_sand_states(
    engine: Engine,
    journey_id: str,
    location: str,
    healths: Mapping[str, str],
    turned: Callable[[Mapping[str, str], Mapping[str, str]], list[str]],
    details: Mapping[str, str],
    *,
    now: datetime,
) -> int:
    """Save each touchpoint's health and queue an alert for each that ``turned`` says
    became sand, in one transaction; the number of alerts queued.

    The first look at a journey (and location) only records: what is sand already when
    someone subscribes did not just turn, and a new subscriber wants news, not history.
    """
    with engine.begin() as connection:
        stored = {
            tp: (health, as_utc(since))
            for tp, health, since in connection.execute(
                select(STATES.c.touchpoint_id, STATES.c.health, STATES.c.seen_at).where(
                    STATES.c.journey_id == journey_id, STATES.c.location == location
                )
            )
        }
        before = {tp: health for tp, (health, _) in stored.items()}
        turns = {}
        if stored:
            for touchpoint in turned(before, healths):
                # The state it replaced names the turn: two scans seeing it queue it once.
                known = stored.get(touchpoint)
                turns[touchpoint] = (
                    f"{known[0]}@{known[1]:%Y%m%dT%H%M%S%f}" if known else FIRST_SEEN
                )
        key = {"journey_id": journey_id, "location": location}
        for touchpoint, health in healths.items():
            if touchpoint not in stored:
                connection.execute(
                    insert(STATES).values(
                        **key, touchpoint_id=touchpoint, health=health, seen_at=now
                    )
                )
            elif stored[touchpoint][0] != health:
                connection.execute(
                    update(STATES)
                    .where(
                        STATES.c.journey_id == journey_id,
                        STATES.c.location == location,
                        STATES.c.touchpoint_id == touchpoint,
                    )
                    .values(health=health, seen_at=now)
                )
        gone = sorted(set(stored) - set(healths))
        if gone:
            connection.execute(
                delete(STATES).where(
                    STATES.c.journey_id == journey_id,
                    STATES.c.location == location,
                    STATES.c.touchpoint_id.in_(gone),
                )
            )
        if not turns:
            return 0
        return queue_sand_alerts(connection, journey_id, location, turns, dict(details), now=now)
