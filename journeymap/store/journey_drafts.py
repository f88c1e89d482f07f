"""Journey drafts: every edit is stored as it is made, per journey and person.

A draft outlives the browser tab, a dropped connection and a server restart; it goes
when its journey is saved from it or it is discarded. Creating and discarding a draft
are audit entries; the keystrokes in between are not (the saved revision is the
change the log records, with its author).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import JourneyDraftRow


@dataclass(frozen=True)
class StoredDraft:
    journey_id: str
    author: str
    base_revision: int
    data: dict[str, Any]
    updated_at: datetime


def _stored(row: JourneyDraftRow) -> StoredDraft:
    return StoredDraft(
        row.journey_id, row.author, row.base_revision, json.loads(row.body), as_utc(row.updated_at)
    )


def read_draft(engine: Engine, journey_id: str, author: str) -> StoredDraft | None:
    with Session(engine) as session:
        row = session.get(JourneyDraftRow, (journey_id, author))
        return _stored(row) if row else None


def drafts_by(engine: Engine, author: str) -> list[StoredDraft]:
    with Session(engine) as session:
        rows = session.scalars(
            select(JourneyDraftRow)
            .where(JourneyDraftRow.author == author)
            .order_by(JourneyDraftRow.journey_id)
        ).all()
        return [_stored(row) for row in rows]


def write_draft(
    engine: Engine, journey_id: str, base_revision: int, data: dict[str, Any], *, actor: str
) -> StoredDraft:
    """Store the draft as it is now (the person acting is its author)."""
    now = datetime.now(UTC)
    body = json.dumps(data, ensure_ascii=False)
    with Session(engine) as session, session.begin():
        row = session.get(JourneyDraftRow, (journey_id, actor))
        if row is None:
            row = JourneyDraftRow(journey_id=journey_id, author=actor)
            session.add(row)
            record(
                session.connection(),
                "drafted",
                "journey",
                journey_id,
                f"unsaved edits from revision {base_revision}",
                actor=actor,
            )
        row.base_revision, row.body, row.updated_at = base_revision, body, now
        session.flush()
        return _stored(row)


def drop_draft(engine: Engine, journey_id: str, *, actor: str, reason: str) -> bool:
    """Remove the person's draft (saved or discarded); False when there was none."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            delete(JourneyDraftRow).where(
                JourneyDraftRow.journey_id == journey_id, JourneyDraftRow.author == actor
            )
        )
        if result.rowcount:
            record(session.connection(), reason, "journey draft", journey_id, actor=actor)
        return bool(result.rowcount)
