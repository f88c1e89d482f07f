"""The audit log: who created, changed, approved, imported or deleted what, and when.

Entries are written in the same transaction as the change they describe, so the log
never claims a change that was rolled back. The actor is the person the service acted
for, passed down by every store write as a required ``actor=``: there is no ambient
"current user" to fall back on, so a write that forgets to name its actor does not run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select

from journeymap.i18n import _
from journeymap.store.moments import as_utc
from journeymap.store.tables import AuditRow

AUDIT = AuditRow.__table__


def record(
    connection: Connection,
    action: str,
    object_kind: str,
    object_id: object,
    detail: str = "",
    *,
    actor: str,
    at: datetime | None = None,
) -> None:
    if not actor.strip():
        raise ValueError(_("an audit entry needs the name of the person who acted"))
    connection.execute(
        insert(AUDIT).values(
            at=at or datetime.now(UTC),
            actor=actor[:120],
            action=action[:40],
            object_kind=object_kind[:40],
            object_id=str(object_id)[:200],
            detail=detail,
        )
    )


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    object_kind: str
    object_id: str
    detail: str


def read_audit(
    engine: Engine,
    *,
    actor: str | None = None,
    object_kind: str | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """The newest entries first, optionally of one person or one kind of object."""
    query = select(AUDIT).order_by(AUDIT.c.id.desc()).limit(limit)
    if actor:
        query = query.where(AUDIT.c.actor == actor)
    if object_kind:
        query = query.where(AUDIT.c.object_kind == object_kind)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [AuditEntry(**(row._asdict() | {"at": as_utc(row.at)})) for row in rows]
