"""Saving a shopper's answers the moment they are given: one upsert per change.

An answer row is keyed by (visit, question), so saving the same answer twice, or
from a reloaded tablet, never duplicates anything. Timers keep the server's clock at
start and stop; the elapsed seconds are computed here, not on the tablet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from journeymap.analytics.scoring import Answer
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.tables import AnswerRow, LocationRow, QuestionnaireRow, VisitRow
from journeymap.store.visits import lock_editable


class _Keep:
    """Marker for a field the save leaves as it is."""


KEEP: Any = _Keep()


class PersonalDataRefused(ValueError):
    """Personal data asked on a competitor's premises: it is never recorded."""


@dataclass(frozen=True)
class StoredAnswer:
    question_id: str
    value: Any
    not_applicable: bool
    comment: str
    saved_at: datetime
    timer_started_at: datetime | None
    timer_stopped_at: datetime | None

    def as_answer(self) -> Answer:
        return Answer(self.value, self.not_applicable, self.comment)

    @property
    def timer_running(self) -> bool:
        return self.timer_started_at is not None and self.timer_stopped_at is None


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite returns the stored UTC time naive
    return value


def read_visit_answers(engine: Engine, visit_id: int) -> dict[str, StoredAnswer]:
    """What the database holds for the visit: the form starts from this, never cache."""
    columns = (
        AnswerRow.question_id,
        AnswerRow.value,
        AnswerRow.not_applicable,
        AnswerRow.comment,
        AnswerRow.saved_at,
        AnswerRow.timer_started_at,
        AnswerRow.timer_stopped_at,
    )
    with engine.connect() as connection:
        rows = connection.execute(select(*columns).where(AnswerRow.visit_id == visit_id)).all()
    return {
        row.question_id: StoredAnswer(
            question_id=row.question_id,
            value=json.loads(row.value),
            not_applicable=bool(row.not_applicable),
            comment=row.comment or "",
            saved_at=_utc(row.saved_at),  # type: ignore[arg-type]
            timer_started_at=_utc(row.timer_started_at),
            timer_stopped_at=_utc(row.timer_stopped_at),
        )
        for row in rows
    }


def save_answer(
    engine: Engine,
    visit_id: int,
    question_id: str,
    *,
    value: Any = KEEP,
    not_applicable: Any = KEEP,
    comment: Any = KEEP,
    now: datetime | None = None,
) -> datetime:
    """Insert or update one answer; fields left as KEEP stay as stored. Returns saved_at.

    Raises VisitLocked once the visit is submitted, and PersonalDataRefused for a
    personal-data question on a competitor visit.
    """
    now = now or datetime.now(UTC)
    fields: dict[str, Any] = {"saved_at": now}
    if value is not KEEP:
        fields["value"] = json.dumps(value, ensure_ascii=False)
    if not_applicable is not KEEP:
        fields["not_applicable"] = bool(not_applicable)
    if comment is not KEEP:
        fields["comment"] = comment or ""
    with engine.begin() as connection:
        lock_editable(connection, visit_id, now)
        _refuse_personal_data_at_competitor(connection, visit_id, question_id)
        upsert_answer(connection, visit_id, question_id, fields)
    return now


def start_timer(
    engine: Engine, visit_id: int, question_id: str, now: datetime | None = None
) -> None:
    """Start (or restart) a timer question on the server's clock; clears its value."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        lock_editable(connection, visit_id, now)
        fields = {
            "timer_started_at": now,
            "timer_stopped_at": None,
            "value": "null",
            "not_applicable": False,
            "saved_at": now,
        }
        upsert_answer(connection, visit_id, question_id, fields)


def stop_timer(engine: Engine, visit_id: int, question_id: str, now: datetime | None = None) -> int:
    """Stop a running timer; the answer becomes the whole seconds elapsed on the server."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        lock_editable(connection, visit_id, now)
        started = connection.scalar(
            select(AnswerRow.timer_started_at).where(
                AnswerRow.visit_id == visit_id, AnswerRow.question_id == question_id
            )
        )
        if started is None:
            raise ValueError("the timer was not started: press Start first")
        seconds = max(0, round((now - _utc(started)).total_seconds()))  # type: ignore[operator]
        fields = {"timer_stopped_at": now, "value": json.dumps(seconds), "saved_at": now}
        upsert_answer(connection, visit_id, question_id, fields)
    return seconds


def upsert_answer(
    connection: Connection, visit_id: int, question_id: str, fields: dict[str, Any]
) -> None:
    dialect = connection.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    row = {
        "visit_id": visit_id,
        "question_id": question_id,
        "value": "null",
        "not_applicable": False,
        "comment": "",
    } | fields
    statement = insert(AnswerRow.__table__).values(**row)  # type: ignore[arg-type]
    statement = statement.on_conflict_do_update(
        index_elements=["visit_id", "question_id"], set_=fields
    )
    connection.execute(statement)


def _refuse_personal_data_at_competitor(
    connection: Connection, visit_id: int, question_id: str
) -> None:
    row = connection.execute(
        select(QuestionnaireRow.body, LocationRow.competitor)
        .select_from(VisitRow)
        .join(LocationRow, LocationRow.id == VisitRow.location_id)
        .join(
            QuestionnaireRow,
            (QuestionnaireRow.id == VisitRow.questionnaire_id)
            & (QuestionnaireRow.version == VisitRow.questionnaire_version),
        )
        .where(VisitRow.id == visit_id)
    ).first()
    if row is None or not row.competitor:
        return
    questionnaire = Questionnaire.model_validate_json(row.body, strict=False)
    question = next((q for q in questionnaire.questions() if q.id == question_id), None)
    if question is not None and question.personal_data:
        raise PersonalDataRefused(
            f"'{question.text}' asks for personal data, which is never recorded on a "
            "competitor visit"
        )
