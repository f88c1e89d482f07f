"""Photo evidence on disk under the data folder, one database row per photo.

The file is written before the row and removed again if the row cannot be stored,
so a row never points at a missing file. The answer to a photo question lists the
ids of its photos, so the form and the review see them like any other answer.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, select

from journeymap.i18n import _
from journeymap.store.answers import AnswerRefused, upsert_answer
from journeymap.store.audit import record
from journeymap.store.tables import PhotoRow
from journeymap.store.visit_workflow import lock_editable, visit_questionnaire


@dataclass(frozen=True)
class PhotoInfo:
    id: int
    question_id: str
    file_name: str
    original_name: str
    content_type: str
    size_bytes: int
    width: int
    height: int
    uploaded_at: datetime


def photos_folder(data_dir: Path) -> Path:
    return Path(data_dir) / "photos"


def add_photo(
    engine: Engine,
    folder: Path,
    visit_id: int,
    question_id: str,
    *,
    data: bytes,
    extension: str,
    content_type: str,
    width: int,
    height: int,
    original_name: str,
    actor: str,
    now: datetime | None = None,
) -> int:
    """Store a cleaned photo for a question; returns its id."""
    now = now or datetime.now(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    file_name = f"visit-{visit_id}-{uuid.uuid4().hex}.{extension}"
    path = folder / file_name
    path.write_bytes(data)
    try:
        with engine.begin() as connection:
            lock_editable(connection, visit_id, now, actor=actor)
            photo_id = connection.execute(
                PhotoRow.__table__.insert().returning(PhotoRow.id),  # type: ignore[attr-defined]
                {
                    "visit_id": visit_id,
                    "question_id": question_id,
                    "file_name": file_name,
                    "original_name": original_name[:255],
                    "content_type": content_type,
                    "size_bytes": len(data),
                    "width": width,
                    "height": height,
                    "uploaded_at": now,
                },
            ).scalar_one()
            _sync_answer(connection, visit_id, question_id, now)
            record(connection, "added photo", "visit", visit_id, question_id, actor=actor)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return int(photo_id)


def remove_photo(
    engine: Engine,
    folder: Path,
    visit_id: int,
    photo_id: int,
    now: datetime | None = None,
    *,
    actor: str,
) -> None:
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        lock_editable(connection, visit_id, now, actor=actor)
        row = connection.execute(
            select(PhotoRow.file_name, PhotoRow.question_id).where(
                PhotoRow.id == photo_id, PhotoRow.visit_id == visit_id
            )
        ).first()
        if row is None:
            return
        connection.execute(delete(PhotoRow).where(PhotoRow.id == photo_id))
        _sync_answer(connection, visit_id, row.question_id, now)
        record(connection, "removed photo", "visit", visit_id, row.question_id, actor=actor)
    (folder / row.file_name).unlink(missing_ok=True)


def _photo_question(connection: Connection, visit_id: int, question_id: str) -> bool:
    """Whether the question is a photo question; refused when the visit does not ask it.

    A photo may be evidence for any question, but only a photo question's answer is
    the list of its photos: another question's answer is the shopper's and stays.
    """
    questionnaire, _version = visit_questionnaire(connection, visit_id)
    question = next((q for q in questionnaire.questions() if q.id == question_id), None)
    if question is None:
        raise AnswerRefused(
            _(
                "the questionnaire of visit {visit_id} has no question '{question_id}': "
                "reload the form"
            ).format(visit_id=visit_id, question_id=question_id)
        )
    return question.type == "photo"


def _sync_answer(connection: Connection, visit_id: int, question_id: str, now: datetime) -> None:
    if not _photo_question(connection, visit_id, question_id):
        return
    ids = connection.scalars(
        select(PhotoRow.id)
        .where(PhotoRow.visit_id == visit_id, PhotoRow.question_id == question_id)
        .order_by(PhotoRow.id)
    ).all()
    upsert_answer(
        connection, visit_id, question_id, {"value": json.dumps(list(ids)), "saved_at": now}
    )


def visit_photos(engine: Engine, visit_id: int) -> list[PhotoInfo]:
    columns = [getattr(PhotoRow, f) for f in PhotoInfo.__dataclass_fields__]
    with engine.connect() as connection:
        rows = connection.execute(
            select(*columns).where(PhotoRow.visit_id == visit_id).order_by(PhotoRow.id)
        ).all()
    return [PhotoInfo(*row) for row in rows]
