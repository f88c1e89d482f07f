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
from sqlalchemy import Engine

from journeymap.model import Journey
from journeymap.store.case_batches import NewCase, WorkedCase, work_new_cases
from journeymap.store.cases import create_missing_cases

OPEN_CASES = 6  # per journey: the newest cases, still to be called back
OWNERS = ("Kundeservice", "Team Nord", "Team Syd", "Customer care")


def work_demo_cases(engine: Engine, journey: Journey, today: date, seed: int, *, actor: str) -> int:
    """Create the missing cases and work the old, still new ones; the number worked."""
    now = datetime.combine(today, time(8), tzinfo=UTC)
    create_missing_cases(engine, journey.id, actor=actor, now=now)
    causes = {
        tp.id: (tp.pain_points[0][:120] if tp.pain_points else "") for tp in journey.touchpoints
    }

    def decide(new: list[NewCase]) -> list[WorkedCase]:
        # A second run finds only the newest few open, and leaves them so.
        if len(new) <= OPEN_CASES:
            return []
        old = new[:-OPEN_CASES]
        rng = np.random.default_rng([seed, sum(map(ord, journey.id))])
        span = max((now - old[0].responded_at).days, 1)
        return [_worked(case, now, span, rng, causes) for case in old]

    return work_new_cases(engine, journey.id, decide, actor=actor)


def _worked(
    case: NewCase,
    now: datetime,
    span: int,
    rng: np.random.Generator,
    causes: dict[str, str],
) -> WorkedCase:
    responded = case.responded_at
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
    return WorkedCase(
        case_id=case.id,
        status=status,
        owner=OWNERS[int(rng.integers(len(OWNERS)))],
        root_cause=causes.get(case.touchpoint_id or "", "") if reached else "",
        contacted_at=contacted if reached else None,
        closed_at=contacted + timedelta(hours=2) if status != "contacted" else None,
        updated_at=contacted,
    )
