"""The demo's call-back cases, worked the way a real team works them.

Without this every detractor of the last two years would be an open, overdue case,
which no team that closes the loop has. All but the newest few cases have been worked:
most customers were called back within the deadline (more often lately, as the call-
back routine improved), some late, some not reached; the root cause a colleague noted
is the touchpoint's first pain point, so recurring causes show. The newest cases stay
open, most of them overdue by now — the list a team works today.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import numpy as np
from sqlalchemy import Engine, bindparam, select, update

from journeymap.model import Journey
from journeymap.store.cases import create_missing_cases
from journeymap.store.tables import DetractorCaseRow, ResponseRow

OPEN_CASES = 6  # per journey: the newest cases, still to be called back
OWNERS = ("Kundeservice", "Team Nord", "Team Syd", "Customer care")


def work_demo_cases(engine: Engine, journey: Journey, today: date, seed: int) -> int:
    """Create the missing cases and work the old, still new ones; the number worked."""
    now = datetime.combine(today, time(8), tzinfo=UTC)
    create_missing_cases(engine, journey.id, actor="demo", now=now)
    causes = {
        tp.id: (tp.pain_points[0][:120] if tp.pain_points else "") for tp in journey.touchpoints
    }
    with engine.begin() as connection:
        rows = connection.execute(
            select(
                DetractorCaseRow.id,
                DetractorCaseRow.due_at,
                ResponseRow.responded_at,
                ResponseRow.touchpoint_id,
            )
            .join(ResponseRow, ResponseRow.id == DetractorCaseRow.response_id)
            .where(
                DetractorCaseRow.journey_id == journey.id,
                DetractorCaseRow.status == "new",
            )
            .order_by(ResponseRow.responded_at, DetractorCaseRow.id)
        ).all()
        # A second run finds only the newest few open, and leaves them so.
        if len(rows) <= OPEN_CASES:
            return 0
        rows = rows[:-OPEN_CASES]
        rng = np.random.default_rng([seed, sum(map(ord, journey.id))])
        span = max((now - _utc(rows[0].responded_at)).days, 1)
        updates = []
        for row in rows:
            responded = _utc(row.responded_at)
            # Lately the team calls back on time more often: 70 % two years ago, 95 % now.
            recency = 1 - (now - responded).days / span
            on_time = rng.random() < 0.70 + 0.25 * recency
            reached = rng.random() < 0.9
            hours = rng.uniform(1, 22) if on_time else rng.uniform(26, 96)
            contacted = responded + timedelta(hours=float(hours))
            status = (
                "resolved"
                if reached and rng.random() < 0.8
                else ("contacted" if reached else "not_reachable")
            )
            updates.append(
                {
                    "case_id": row.id,
                    "status": status,
                    "owner": OWNERS[int(rng.integers(len(OWNERS)))],
                    "root_cause": causes.get(row.touchpoint_id or "", "") if reached else "",
                    "contacted_at": contacted if reached else None,
                    "closed_at": contacted + timedelta(hours=2) if status != "contacted" else None,
                    "updated_at": contacted,
                    "version": 2,
                }
            )
        table = DetractorCaseRow.__table__
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("case_id"), table.c.status == "new")
            .values(
                status=bindparam("status"),
                owner=bindparam("owner"),
                root_cause=bindparam("root_cause"),
                contacted_at=bindparam("contacted_at"),
                closed_at=bindparam("closed_at"),
                updated_at=bindparam("updated_at"),
                version=bindparam("version"),
            ),
            updates,
        )
    return len(updates)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
