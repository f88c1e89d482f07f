"""Many call-back cases worked at once: what the demo writes to show a team's history.

The caller decides what happened to each new case; reading them and writing the
outcome are one transaction, so a case someone worked meanwhile is left as they left it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import Engine, bindparam, select, update

from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import DetractorCaseRow, ResponseRow

CASES = DetractorCaseRow.__table__


@dataclass(frozen=True)
class NewCase:
    id: int
    due_at: datetime
    responded_at: datetime
    touchpoint_id: str | None


@dataclass(frozen=True)
class WorkedCase:
    case_id: int
    status: str
    owner: str
    root_cause: str
    contacted_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime


def work_new_cases(
    engine: Engine,
    journey_id: str,
    decide: Callable[[list[NewCase]], Sequence[WorkedCase]],
    *,
    actor: str,
) -> int:
    """Apply ``decide``'s outcome to the journey's new cases (oldest first); the number
    changed. A case is changed only while it is still new."""
    with engine.begin() as connection:
        rows = connection.execute(
            select(
                DetractorCaseRow.id,
                DetractorCaseRow.due_at,
                ResponseRow.responded_at,
                ResponseRow.touchpoint_id,
            )
            .join(ResponseRow, ResponseRow.id == DetractorCaseRow.response_id)
            .where(DetractorCaseRow.journey_id == journey_id, DetractorCaseRow.status == "new")
            .order_by(ResponseRow.responded_at, DetractorCaseRow.id)
        ).all()
        found = [
            NewCase(row.id, as_utc(row.due_at), as_utc(row.responded_at), row.touchpoint_id)
            for row in rows
        ]
        worked = list(decide(found))
        if not worked:
            return 0
        connection.execute(
            update(CASES)
            .where(CASES.c.id == bindparam("case_id"), CASES.c.status == "new")
            .values(
                status=bindparam("status"),
                owner=bindparam("owner"),
                root_cause=bindparam("root_cause"),
                contacted_at=bindparam("contacted_at"),
                closed_at=bindparam("closed_at"),
                updated_at=bindparam("updated_at"),
                version=CASES.c.version + 1,
            ),
            [asdict(case) for case in worked],
        )
        record(
            connection,
            "changed",
            "call-back cases",
            journey_id,
            f"{len(worked)} worked at once",
            actor=actor,
        )
    return len(worked)
