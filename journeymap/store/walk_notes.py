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
from journeymap.store.tables import WalkNoteRow

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


def _note(row: WalkNoteRow) -> WalkNote:
    return WalkNote(
        row.id,
        row.journey_id,
        row.touchpoint_id,
        row.kind,
        row.text,
        row.author,
        as_utc(row.created_at),
    )


def add_note(
    engine: Engine, journey_id: str, touchpoint_id: str, kind: str, text: str, *, actor: str
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
        )
        session.add(row)
        session.flush()
        record(session.connection(), "created", "walk note", row.id, touchpoint_id, actor=actor)
        return _note(row)


def list_notes(engine: Engine, journey_id: str, touchpoint_id: str | None = None) -> list[WalkNote]:
    query = select(WalkNoteRow).where(WalkNoteRow.journey_id == journey_id)
    if touchpoint_id is not None:
        query = query.where(WalkNoteRow.touchpoint_id == touchpoint_id)
    with Session(engine) as session:
        rows = session.scalars(query.order_by(WalkNoteRow.created_at, WalkNoteRow.id)).all()
        return [_note(row) for row in rows]


def delete_note(engine: Engine, note_id: int, *, actor: str) -> bool:
    with Session(engine) as session, session.begin():
        deleted = session.execute(delete(WalkNoteRow).where(WalkNoteRow.id == note_id)).rowcount
        if deleted:
            record(session.connection(), "deleted", "walk note", note_id, actor=actor)
        return deleted > 0
