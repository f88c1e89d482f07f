"""A visit's way through its workflow: started on the first answer, submitted when
nothing required is missing, returned with a note on each question to correct, approved.

Each change takes the visit's write lock first and is checked against the workflow in
the transaction that makes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Connection, Engine, func, select, update

from journeymap.analytics.scoring import Answer
from journeymap.analytics.visit_form import Missing, missing_before_submit
from journeymap.i18n import _
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.visit_status import EDITABLE_STATUSES, check_transition
from journeymap.store.audit import record
from journeymap.store.tables import (
    AnswerRow,
    LocationRow,
    QuestionnaireRow,
    ReviewNoteRow,
    VisitRow,
)
from journeymap.store.visits import VisitLocked, VisitNotFound


@dataclass(frozen=True)
class ReviewNote:
    id: int
    question_id: str
    note: str
    reviewer: str
    created_at: datetime
    resolved_at: datetime | None


def claim_visit_row(connection: Connection, visit_id: int) -> None:
    """Take the visit's write lock before its status is read.

    SQLite ignores FOR UPDATE and starts writing only at the first write, so a status
    read first could be stale by the time an answer is written: a save racing a submit
    would land after it. A no-op update makes the read come after every other writer.
    """
    connection.execute(update(VisitRow).where(VisitRow.id == visit_id).values(id=VisitRow.id))


def lock_editable(connection: Connection, visit_id: int, now: datetime, *, actor: str) -> None:
    """Refuse changes to a visit that is not the shopper's to edit; start it if new.

    Starting moves an assigned visit to the newest version of its questionnaire: it
    has no answers yet, and from here on it keeps the version it was started with.
    """
    claim_visit_row(connection, visit_id)
    row = connection.execute(
        select(VisitRow.status, VisitRow.questionnaire_id, VisitRow.submitted_at)
        .where(VisitRow.id == visit_id)
        .with_for_update()
    ).first()
    if row is None:
        raise VisitNotFound(_("there is no visit {visit_id}").format(visit_id=visit_id))
    if row.status not in EDITABLE_STATUSES:
        raise VisitLocked(
            _(
                "visit {visit_id} is {replace}: its answers can no longer change; a reviewer "
                "can return it for correction"
            ).format(visit_id=visit_id, replace=row.status.replace("_", " "))
        )
    if row.status == "assigned":
        newest = connection.scalar(
            select(func.max(QuestionnaireRow.version)).where(
                QuestionnaireRow.id == row.questionnaire_id
            )
        )
        connection.execute(
            update(VisitRow)
            .where(VisitRow.id == visit_id)
            .values(
                status="in_progress",
                started_at=now,
                visited_at=func.coalesce(VisitRow.visited_at, now),
                questionnaire_version=newest,
            )
        )
        record(connection, "in progress", "visit", visit_id, "was assigned", actor=actor, at=now)


class AnswersMissing(ValueError):
    """A visit cannot be submitted: required answers or comments are not there yet."""

    def __init__(self, visit_id: int, missing: list[Missing]) -> None:
        self.missing = missing
        listed = "; ".join(m.sentence() for m in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        super().__init__(
            f"visit {visit_id} cannot be submitted yet, {len(missing)} thing(s) to do: "
            f"{listed}{more}"
        )


@lru_cache(maxsize=64)
def parsed_questionnaire(body: str) -> Questionnaire:
    """A stored questionnaire body as the model, kept parsed: a version never changes.

    Shared between calls, so for the store's own checks only: it must not be changed.
    """
    return Questionnaire.model_validate_json(body, strict=False)


def visit_questionnaire(connection: Connection, visit_id: int) -> tuple[Questionnaire, bool]:
    """The questionnaire version the visit is made with, and whether it is a competitor's."""
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
    if row is None:
        raise VisitNotFound(_("there is no visit {visit_id}").format(visit_id=visit_id))
    return parsed_questionnaire(row.body), bool(row.competitor)


def _given_answers(connection: Connection, visit_id: int) -> dict[str, Answer]:
    rows = connection.execute(
        select(
            AnswerRow.question_id, AnswerRow.value, AnswerRow.not_applicable, AnswerRow.comment
        ).where(AnswerRow.visit_id == visit_id)
    ).all()
    return {
        row.question_id: Answer(json.loads(row.value), bool(row.not_applicable), row.comment or "")
        for row in rows
    }


def _move(connection: Connection, visit_id: int, wanted: str, now: datetime, actor: str) -> str:
    """Check and make one status change inside the caller's transaction; the old status."""
    claim_visit_row(connection, visit_id)
    status = connection.scalar(
        select(VisitRow.status).where(VisitRow.id == visit_id).with_for_update()
    )
    if status is None:
        raise VisitNotFound(_("there is no visit {visit_id}").format(visit_id=visit_id))
    check_transition(status, wanted)
    values: dict[str, object] = {"status": wanted}
    if wanted == "submitted":
        # Checked here, in the transaction that submits: an answer cleared on another
        # tablet a moment ago cannot slip through between a check and the change.
        questionnaire, competitor = visit_questionnaire(connection, visit_id)
        missing = missing_before_submit(
            questionnaire, _given_answers(connection, visit_id), competitor
        )
        if missing:
            raise AnswersMissing(visit_id, missing)
        values["submitted_at"] = now
        connection.execute(
            update(ReviewNoteRow)
            .where(ReviewNoteRow.visit_id == visit_id, ReviewNoteRow.resolved_at.is_(None))
            .values(resolved_at=now)
        )
    elif wanted in ("approved", "returned"):
        values["reviewed_at"] = now
        values["reviewed_by"] = actor[:120]
    connection.execute(update(VisitRow).where(VisitRow.id == visit_id).values(**values))
    record(connection, wanted.replace("_", " "), "visit", visit_id, f"was {status}", actor=actor)
    return status


def change_status(
    engine: Engine, visit_id: int, wanted: str, now: datetime | None = None, *, actor: str
) -> None:
    """Move a visit along its workflow; refused (StatusChangeRefused) when not allowed.

    Submitting is refused with :class:`AnswersMissing` while a required answer is missing.
    """
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        _move(connection, visit_id, wanted, now, actor)


def submit_visit(engine: Engine, visit_id: int, *, actor: str, now: datetime | None = None) -> None:
    """Submit the visit in one transaction: started first if it was only assigned, and
    refused (:class:`AnswersMissing`, nothing changed) while anything required is missing."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        lock_editable(connection, visit_id, now, actor=actor)
        _move(connection, visit_id, "submitted", now, actor)


def return_visit(
    engine: Engine,
    visit_id: int,
    notes: dict[str, str],
    *,
    actor: str,
    now: datetime | None = None,
) -> None:
    """Send a visit back to its shopper with a note on each question to correct.

    The notes are signed by ``actor``, the reviewer who returns the visit, in the same
    transaction as the status change.
    """
    if not notes:
        raise ValueError(_("say which question to correct: add a note to at least one"))
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        _move(connection, visit_id, "returned", now, actor)
        connection.execute(
            ReviewNoteRow.__table__.insert(),  # type: ignore[attr-defined]
            [
                {
                    "visit_id": visit_id,
                    "question_id": question_id,
                    "note": note,
                    "reviewer": actor[:120],
                    "created_at": now,
                }
                for question_id, note in notes.items()
            ],
        )


def review_notes(engine: Engine, visit_id: int, open_only: bool = False) -> list[ReviewNote]:
    query = select(
        ReviewNoteRow.id,
        ReviewNoteRow.question_id,
        ReviewNoteRow.note,
        ReviewNoteRow.reviewer,
        ReviewNoteRow.created_at,
        ReviewNoteRow.resolved_at,
    ).where(ReviewNoteRow.visit_id == visit_id)
    if open_only:
        query = query.where(ReviewNoteRow.resolved_at.is_(None))
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(ReviewNoteRow.id)).all()
    return [ReviewNote(*row) for row in rows]
