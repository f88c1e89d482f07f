"""What customers write, stored: a journey's comments, the last analysis of them, the
edits a person made to its themes and the languages set for its surveys.

The analysis (``comment_theme_runs`` and ``comment_analyses``) is derived data, kept so
that the next analysis keys its themes after this one's and so that a bank's hundreds
of thousands of comments are analysed once per import, not once per page. It is valid
while the journey's responses are as they were (:func:`comments_revision`) and its
method and survey languages unchanged. The edit log and the languages are a person's
decisions. Every write names its actor in the audit log, in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from journeymap.store.audit import record
from journeymap.store.bulk import insert_new_frame, query_frame, utc_frame_column
from journeymap.store.moments import as_utc
from journeymap.store.tables import (
    CommentAnalysisRow,
    CommentLanguageRow,
    CommentThemeEditRow,
    CommentThemeRunRow,
    JourneyRow,
    ResponseRow,
)

COMMENT_COLUMNS = (
    "id",
    "responded_at",
    "score",
    "touchpoint_id",
    "location",
    "segment",
    "survey_kind",
    "source",
    "comment",
)
ANALYSIS_COLUMNS = ("response_id", "language", "sentiment", "theme", "strength")
# What str.strip() removes: a comment of only line breaks is as blank as an empty one.
WHITESPACE = " \t\n\r\x0b\x0c\u00a0"
OBJECT_KIND = "comment themes"


def _trim(connection: Connection) -> Any:
    return func.btrim if connection.dialect.name == "postgresql" else func.trim


def read_comments(engine: Engine, journey_id: str) -> pd.DataFrame:
    """Every response of the journey with a comment, oldest first (``COMMENT_COLUMNS``)."""
    with engine.connect() as connection:
        query = (
            select(*(getattr(ResponseRow, c) for c in COMMENT_COLUMNS))
            .where(
                ResponseRow.journey_id == journey_id,
                _trim(connection)(ResponseRow.comment, WHITESPACE) != "",
            )
            .order_by(ResponseRow.responded_at, ResponseRow.id)
        )
        rows = connection.execute(query).all()
    frame = pd.DataFrame.from_records([tuple(r) for r in rows], columns=list(COMMENT_COLUMNS))
    frame["responded_at"] = utc_frame_column(frame["responded_at"])
    frame["score"] = frame["score"].astype("int64")
    frame["id"] = frame["id"].astype("int64")
    for column in ("location", "segment", "source", "survey_kind"):
        frame[column] = frame[column].fillna("").astype(str)
    return frame


def comments_revision(engine: Engine, journey_id: str) -> str:
    """Changes whenever the journey's responses change: its creation, how many, the
    newest id. (The workspace's responses revision also moves with other journeys'.)"""
    with engine.connect() as connection:
        created = connection.scalar(
            select(JourneyRow.created_at).where(JourneyRow.id == journey_id)
        )
        count, newest = connection.execute(
            select(func.count(), func.max(ResponseRow.id)).where(
                ResponseRow.journey_id == journey_id
            )
        ).one()
    return f"{created}|{int(count or 0)}|{int(newest or 0)}"


@dataclass(frozen=True)
class StoredRun:
    comments_revision: str
    method: str
    seed: int
    rule: str
    themes: list[dict[str, Any]]
    comments: int
    computed_by: str
    computed_at: datetime


def read_run(engine: Engine, journey_id: str) -> StoredRun | None:
    with engine.connect() as connection:
        row = connection.execute(
            select(CommentThemeRunRow).where(CommentThemeRunRow.journey_id == journey_id)
        ).first()
    if row is None:
        return None
    return StoredRun(
        comments_revision=row.comments_revision,
        method=row.method,
        seed=int(row.seed),
        rule=row.rule,
        themes=list(json.loads(row.themes)),
        comments=int(row.comments),
        computed_by=row.computed_by,
        computed_at=as_utc(row.computed_at),
    )


def read_analyses(engine: Engine, journey_id: str) -> pd.DataFrame:
    """The last analysis per comment (``ANALYSIS_COLUMNS``)."""
    query = select(*(getattr(CommentAnalysisRow, c) for c in ANALYSIS_COLUMNS)).where(
        CommentAnalysisRow.journey_id == journey_id
    )
    return query_frame(engine, query, ANALYSIS_COLUMNS)


def save_run(
    engine: Engine,
    journey_id: str,
    run: StoredRun,
    analyses: pd.DataFrame,
    *,
    actor: str,
) -> bool:
    """Replace the journey's analysis by ``run`` and its rows (``ANALYSIS_COLUMNS``).

    False when another process stored the same analysis meanwhile (its rows are kept).
    """
    body = {
        "comments_revision": run.comments_revision,
        "method": run.method,
        "seed": run.seed,
        "rule": run.rule,
        "themes": json.dumps(run.themes, ensure_ascii=False),
        "comments": run.comments,
        "computed_by": actor,
        "computed_at": run.computed_at,
    }
    try:
        with engine.begin() as connection:
            connection.execute(
                delete(CommentAnalysisRow).where(CommentAnalysisRow.journey_id == journey_id)
            )
            connection.execute(
                delete(CommentThemeRunRow).where(CommentThemeRunRow.journey_id == journey_id)
            )
            connection.execute(insert(CommentThemeRunRow).values(journey_id=journey_id, **body))
            frame = analyses.loc[:, list(ANALYSIS_COLUMNS)].assign(journey_id=journey_id)
            insert_new_frame(connection, CommentAnalysisRow.__table__, frame)
            detail = f"{run.comments:,} comments, {len(run.themes)} themes"
            record(connection, "computed", OBJECT_KIND, journey_id, detail, actor=actor)
    except IntegrityError:
        return False
    return True


@dataclass(frozen=True)
class StoredEdit:
    id: int
    kind: str
    body: dict[str, Any]
    author: str
    created_at: datetime


_EDIT_COLUMNS = (
    CommentThemeEditRow.id,
    CommentThemeEditRow.kind,
    CommentThemeEditRow.body,
    CommentThemeEditRow.author,
    CommentThemeEditRow.created_at,
)


def _edit(row: Any) -> StoredEdit:
    return StoredEdit(
        int(row.id), row.kind, json.loads(row.body), row.author, as_utc(row.created_at)
    )


def read_edits(engine: Engine, journey_id: str) -> list[StoredEdit]:
    """The journey's edit log, in the order the edits were made."""
    query = (
        select(*_EDIT_COLUMNS)
        .where(CommentThemeEditRow.journey_id == journey_id)
        .order_by(CommentThemeEditRow.id)
    )
    with engine.connect() as connection:
        return [_edit(row) for row in connection.execute(query)]


def add_edit(
    engine: Engine,
    journey_id: str,
    kind: str,
    body: Mapping[str, Any],
    *,
    actor: str,
    detail: str,
    now: datetime | None = None,
) -> StoredEdit:
    """Append an edit made by ``actor``; ``detail`` says what it did, for the audit log."""
    at = now or datetime.now(UTC)
    text = json.dumps(dict(body), ensure_ascii=False)
    with engine.begin() as connection:
        new_id = connection.execute(
            insert(CommentThemeEditRow)
            .values(journey_id=journey_id, kind=kind, body=text, author=actor, created_at=at)
            .returning(CommentThemeEditRow.id)
        ).scalar_one()
        record(connection, kind, OBJECT_KIND, journey_id, detail, actor=actor, at=at)
    return StoredEdit(int(new_id), kind, dict(body), actor, at)


def remove_last_edit(engine: Engine, journey_id: str, *, actor: str) -> StoredEdit | None:
    """Take back the newest edit of the journey; None when there is none."""
    with engine.begin() as connection:
        row = connection.execute(
            select(*_EDIT_COLUMNS)
            .where(CommentThemeEditRow.journey_id == journey_id)
            .order_by(CommentThemeEditRow.id.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        found = _edit(row)
        connection.execute(delete(CommentThemeEditRow).where(CommentThemeEditRow.id == found.id))
        detail = f"took back edit {found.id} ({found.kind}) by {found.author}"
        record(connection, "undone", OBJECT_KIND, journey_id, detail, actor=actor)
    return found


def read_languages(engine: Engine, journey_id: str) -> dict[str, str]:
    """Survey (source) → the language a person set for its comments."""
    query = select(CommentLanguageRow.source, CommentLanguageRow.language).where(
        CommentLanguageRow.journey_id == journey_id
    )
    with engine.connect() as connection:
        return {source: language for source, language in connection.execute(query)}


def set_language(
    engine: Engine, journey_id: str, source: str, language: str | None, *, actor: str
) -> None:
    """Set (or, with None, clear) the language of one survey's comments in the journey."""
    at = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            delete(CommentLanguageRow).where(
                CommentLanguageRow.journey_id == journey_id, CommentLanguageRow.source == source
            )
        )
        if language is not None:
            connection.execute(
                insert(CommentLanguageRow).values(
                    journey_id=journey_id, source=source, language=language, set_by=actor, set_at=at
                )
            )
        detail = f"{source or '(no survey named)'}: {language or 'detected per comment'}"
        record(connection, "set language", OBJECT_KIND, journey_id, detail, actor=actor, at=at)


def themes_revision(engine: Engine, journey_id: str) -> str:
    """Changes with every edit, every undo and every survey language set: a cache key."""
    with engine.connect() as connection:
        count, newest = connection.execute(
            select(func.count(), func.max(CommentThemeEditRow.id)).where(
                CommentThemeEditRow.journey_id == journey_id
            )
        ).one()
        languages = connection.execute(
            select(CommentLanguageRow.source, CommentLanguageRow.language)
            .where(CommentLanguageRow.journey_id == journey_id)
            .order_by(CommentLanguageRow.source)
        ).all()
    settings = ",".join(f"{s}={lang}" for s, lang in languages)
    return f"{int(count or 0)}:{int(newest or 0)}|{settings}"
