"""Notes from the workshop walk, saved the moment they are written."""

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
    engine: Engine, journey_id: str, touchpoint_id: str, kind: str, text: str, author: str
) -> WalkNote:
    """Store a note; ValueError with a sentence for an empty, long or unknown-kind note."""
    text = text.strip()
    if not text:
        raise ValueError("the note is empty: write what you noticed first")
    if len(text) > MAX_NOTE_CHARS:
        raise ValueError(f"the note is longer than {MAX_NOTE_CHARS} characters: shorten it")
    if kind not in NOTE_KINDS:
        raise ValueError(f"'{kind}' is not a kind of note: use {', '.join(NOTE_KINDS)}")
    with Session(engine) as session, session.begin():
        row = WalkNoteRow(
            journey_id=journey_id,
            touchpoint_id=touchpoint_id,
            kind=kind,
            text=text,
            author=author or "unknown",
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        record(session.connection(), "created", "walk note", row.id, touchpoint_id, actor=author)
        return _note(row)


def list_notes(engine: Engine, journey_id: str, touchpoint_id: str | None = None) -> list[WalkNote]:
    query = select(WalkNoteRow).where(WalkNoteRow.journey_id == journey_id)
    if touchpoint_id is not None:
        query = query.where(WalkNoteRow.touchpoint_id == touchpoint_id)
    with Session(engine) as session:
        rows = session.scalars(query.order_by(WalkNoteRow.created_at, WalkNoteRow.id)).all()
        return [_note(row) for row in rows]


def delete_note(engine: Engine, note_id: int) -> bool:
    with Session(engine) as session, session.begin():
        deleted = session.execute(delete(WalkNoteRow).where(WalkNoteRow.id == note_id)).rowcount
        if deleted:
            record(session.connection(), "deleted", "walk note", note_id)
        return deleted > 0
