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

from journeymap.analytics.answer_values import answer_refusal
from journeymap.analytics.scoring import Answer
from journeymap.i18n import _
from journeymap.model.questionnaire import Question
from journeymap.store.audit import record
from journeymap.store.tables import AnswerRow
from journeymap.store.visit_workflow import lock_editable, visit_questionnaire


class _Keep:
    """Marker for a field the save leaves as it is."""


KEEP: Any = _Keep()


class AnswerRefused(ValueError):
    """A value the question does not take; the message says which and why."""


class PersonalDataRefused(AnswerRefused):
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
    actor: str,
    value: Any = KEEP,
    not_applicable: Any = KEEP,
    comment: Any = KEEP,
    now: datetime | None = None,
) -> datetime:
    """Insert or update one answer; fields left as KEEP stay as stored. Returns saved_at.

    Raises VisitLocked once the visit is submitted, PersonalDataRefused for a
    personal-data question on a competitor visit, and AnswerRefused for a value the
    question does not take (off the scale, outside every band): the same rule as the
    visit import's, checked against the version the visit is made with.
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
        lock_editable(connection, visit_id, now, actor=actor)
        question = _asked_question(connection, visit_id, question_id)
        if value is not KEEP or not_applicable is True:
            refusal = answer_refusal(
                question, None if value is KEEP else value, not_applicable is True
            )
            if refusal:
                raise AnswerRefused(
                    _("'{text}': {refusal}").format(text=question.text, refusal=refusal)
                )
        upsert_answer(connection, visit_id, question_id, fields)
        record(connection, "answered", "visit", visit_id, question_id, actor=actor, at=now)
    return now


def start_timer(
    engine: Engine,
    visit_id: int,
    question_id: str,
    now: datetime | None = None,
    *,
    actor: str,
    restart: bool = False,
) -> None:
    """Start a timer question on the server's clock.

    A running timer is left running (a second tap on Start changes nothing). A stopped
    one starts again, wiping its time, only with ``restart`` (the person confirmed it):
    a tap that arrives late, meant for Stop, must not undo the stop.
    """
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        lock_editable(connection, visit_id, now, actor=actor)
        _timer_question(connection, visit_id, question_id)
        timer = connection.execute(
            select(AnswerRow.timer_started_at, AnswerRow.timer_stopped_at).where(
                AnswerRow.visit_id == visit_id, AnswerRow.question_id == question_id
            )
        ).first()
        if timer is not None and timer.timer_started_at is not None:
            if timer.timer_stopped_at is None:
                return
            if not restart:
                raise ValueError(
                    _("the timer is already stopped: confirm 'Start again' to wipe its time")
                )
        fields = {
            "timer_started_at": now,
            "timer_stopped_at": None,
            "value": "null",
            "not_applicable": False,
            "saved_at": now,
        }
        upsert_answer(connection, visit_id, question_id, fields)
        record(connection, "started timer", "visit", visit_id, question_id, actor=actor, at=now)


def stop_timer(
    engine: Engine, visit_id: int, question_id: str, now: datetime | None = None, *, actor: str
) -> int:
    """Stop a running timer; the answer becomes the whole seconds elapsed on the server.

    A time outside every band of the question is refused (AnswerRefused, as the import
    refuses it) once the timer is stopped: the stop is kept, so the form is not left
    with a timer that can never stop, but no value is saved as the answer.
    """
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        lock_editable(connection, visit_id, now, actor=actor)
        question = _timer_question(connection, visit_id, question_id)
        timer = connection.execute(
            select(AnswerRow.timer_started_at, AnswerRow.timer_stopped_at, AnswerRow.value).where(
                AnswerRow.visit_id == visit_id, AnswerRow.question_id == question_id
            )
        ).first()
        started = timer.timer_started_at if timer is not None else None
        if started is None:
            raise ValueError(_("the timer was not started: press Start first"))
        if timer.timer_stopped_at is not None:
            # A second tap on Stop: the first one's time stands.
            kept = json.loads(timer.value) if timer.value else None
            return int(kept) if isinstance(kept, int | float) else 0
        seconds = max(0, round((now - _utc(started)).total_seconds()))  # type: ignore[operator]
        refusal = answer_refusal(question, seconds, not_applicable=False)
        value = "null" if refusal else json.dumps(seconds)
        fields = {"timer_stopped_at": now, "value": value, "saved_at": now}
        upsert_answer(connection, visit_id, question_id, fields)
        detail = f"{question_id}: {seconds} s" + (" (refused)" if refusal else "")
        record(connection, "stopped timer", "visit", visit_id, detail, actor=actor, at=now)
    if refusal:
        raise AnswerRefused(
            _("'{text}': the timer is stopped, but {refusal}").format(
                text=question.text, refusal=refusal
            )
        )
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


def _asked_question(connection: Connection, visit_id: int, question_id: str) -> Question:
    """The question in the visit's questionnaire version, if the visit asks it at all."""
    questionnaire, competitor = visit_questionnaire(connection, visit_id)
    question = next((q for q in questionnaire.questions() if q.id == question_id), None)
    if question is None:
        raise AnswerRefused(
            _(
                "the questionnaire of visit {visit_id} has no question '{question_id}': "
                "reload the form"
            ).format(visit_id=visit_id, question_id=question_id)
        )
    if question.personal_data and competitor:
        raise PersonalDataRefused(
            _(
                "'{text}' asks for personal data, which is never recorded on a competitor visit"
            ).format(text=question.text)
        )
    return question


def _timer_question(connection: Connection, visit_id: int, question_id: str) -> Question:
    question = _asked_question(connection, visit_id, question_id)
    if question.type != "timer":
        raise AnswerRefused(_("'{text}' is not a timer question").format(text=question.text))
    return question
