"""The audit log: who created, changed, approved, imported or deleted what, and when.

Entries are written in the same transaction as the change they describe, so the log
never claims a change that was rolled back. The actor is the person the service acted
for, passed down by every store write as ``actor=``. The context variable below is what
store modules not yet given an ``actor`` fall back on; "system" when nobody is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select

from journeymap.store.moments import as_utc
from journeymap.store.tables import AuditRow

_actor: ContextVar[str | None] = ContextVar("journeymap_actor", default=None)
# Asked when no actor is set in this thread: the app answers with the signed-in person
# of the session, which is known in widget callbacks too (they run before the page).
_fallback: Callable[[], str | None] | None = None

AUDIT = AuditRow.__table__


def current_actor() -> str:
    named = _actor.get()
    if named:
        return named
    if _fallback is not None:
        try:
            return _fallback() or "system"
        except Exception:  # noqa: BLE001 - outside a session there is nobody to name
            return "system"
    return "system"


def set_actor(name: str) -> None:
    """Name the person for everything this thread (a page run, a command) writes next."""
    _actor.set(name or None)


def name_actor_with(fallback: Callable[[], str | None]) -> None:
    global _fallback  # noqa: PLW0603 - one hook for the whole process, set by the app
    _fallback = fallback


@contextmanager
def acting_as(name: str) -> Iterator[None]:
    token = _actor.set(name or None)
    try:
        yield
    finally:
        _actor.reset(token)


def record(
    connection: Connection,
    action: str,
    object_kind: str,
    object_id: object,
    detail: str = "",
    *,
    actor: str | None = None,
    at: datetime | None = None,
) -> None:
    connection.execute(
        insert(AUDIT).values(
            at=at or datetime.now(UTC),
            actor=(actor or current_actor())[:120],
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
