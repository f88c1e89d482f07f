"""Notes from the workshop walk, saved the moment they are written.

What a note may say and who may write one is decided in journeymap.services.walk_notes;
here a note is stored with its author and the audit entry in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import WalkNoteRow, WalkRow

NoteKind = Literal["pain point", "idea", "question"]
NOTE_KINDS: tuple[str, ...] = ("pain point", "idea", "question")
MAX_NOTE_CHARS = 2000


@dataclass(frozen=True)
class WalkNote:
    id: int
    journey_id: str
    touchpoint_id: str
    kind: str
    text: str
    author: str
    created_at: datetime
    walk_id: int | None = None


@dataclass(frozen=True)
class Walk:
    """One walk of a journey: who started it, and when."""

    id: int
    journey_id: str
    started_at: datetime
    started_by: str


def _walk(row: WalkRow) -> Walk:
    return Walk(row.id, row.journey_id, as_utc(row.started_at), row.started_by)


def start_walk(engine: Engine, journey_id: str, started_at: datetime, *, actor: str) -> Walk:
    """Store a walk started by ``actor`` at ``started_at`` (and the audit entry)."""
    with Session(engine) as session, session.begin():
        row = WalkRow(journey_id=journey_id, started_at=started_at, started_by=actor)
        session.add(row)
        session.flush()
        record(session.connection(), "started", "walk", row.id, journey_id, actor=actor)
        return _walk(row)


def get_walk(engine: Engine, walk_id: int) -> Walk | None:
    with Session(engine) as session:
        row = session.get(WalkRow, walk_id)
        return _walk(row) if row is not None else None


def latest_walk(engine: Engine, journey_id: str) -> Walk | None:
    query = (
        select(WalkRow)
        .where(WalkRow.journey_id == journey_id)
        .order_by(WalkRow.started_at.desc(), WalkRow.id.desc())
        .limit(1)
    )
    with Session(engine) as session:
        row = session.scalars(query).first()
        return _walk(row) if row is not None else None


def _note(row: WalkNoteRow) -> WalkNote:
    return WalkNote(
        row.id,
        row.journey_id,
        row.touchpoint_id,
        row.kind,
        row.text,
        row.author,
        as_utc(row.created_at),
        row.walk_id,
    )


def add_note(
    engine: Engine,
    journey_id: str,
    touchpoint_id: str,
    kind: str,
    text: str,
    *,
    actor: str,
    walk_id: int | None = None,
) -> WalkNote:
    """Store a note written by ``actor`` (its author and the audit entry's actor)."""
    with Session(engine) as session, session.begin():
        row = WalkNoteRow(
            journey_id=journey_id,
            touchpoint_id=touchpoint_id,
            kind=kind,
            text=text,
            author=actor,
            created_at=datetime.now(UTC),
            walk_id=walk_id,
        )
        session.add(row)
        session.flush()
        record(session.connection(), "created", "walk note", row.id, touchpoint_id, actor=actor)
        return _note(row)


def list_notes(
    engine: Engine,
    journey_id: str,
    touchpoint_id: str | None = None,
    *,
    walk_id: int | None = None,
) -> list[WalkNote]:
    """The journey's notes, of one touchpoint and of one walk where given."""
    query = select(WalkNoteRow).where(WalkNoteRow.journey_id == journey_id)
    if touchpoint_id is not None:
        query = query.where(WalkNoteRow.touchpoint_id == touchpoint_id)
    if walk_id is not None:
        query = query.where(WalkNoteRow.walk_id == walk_id)
    with Session(engine) as session:
        rows = session.scalars(query.order_by(WalkNoteRow.created_at, WalkNoteRow.id)).all()
        return [_note(row) for row in rows]


def delete_note(engine: Engine, note_id: int, *, actor: str) -> bool:
    with Session(engine) as session, session.begin():
        deleted = session.execute(delete(WalkNoteRow).where(WalkNoteRow.id == note_id)).rowcount
        if deleted:
            record(session.connection(), "deleted", "walk note", note_id, actor=actor)
        return deleted > 0
