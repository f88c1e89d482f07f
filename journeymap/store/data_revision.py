"""Cheap fingerprints of a journey's evidence, for cache keys.

Caches of derived figures are keyed on them: an import, a new visit answer or a review
changes the fingerprint, so a cached ranking is never stale and nothing needs to be
invalidated by hand. Pages ask for a fingerprint on every rerun, so each part must be
an index look-up, not a count over millions of rows:

- responses and KPI points are added (a journey's are removed with the journey, whose
  ``created_at`` is part of the key, or with an undone import), so the newest id in the
  table says whether anything arrived; it is the table's newest, not the journey's,
  because that is one look-up in the primary key, and another journey's import is rare.
  An undone import removes responses, and the next import may reuse their ids on
  SQLite, so the newest import and the number undone are part of the key too;
- visits change status (and time stamps) row by row: a journey has thousands, not
  millions, so they are summarised per status;
- answers change in place as shoppers work: their newest ``saved_at`` (index of
  migration 0008) moves with every save;
- the edits of the journey's comment themes and its surveys' languages (the sand
  reasons and the walk name themes): their count and newest id, a few rows a journey.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, func, select

from journeymap.store.evidence import newest_response_id
from journeymap.store.tables import (
    AnswerRow,
    CommentLanguageRow,
    CommentThemeEditRow,
    ImportBatchRow,
    JourneyRow,
    MetricPointRow,
    QuestionnaireRow,
    VisitRow,
)


def evidence_revision(engine: Engine, journey_id: str) -> str:
    """Changes whenever any evidence the journey's figures rest on changes."""
    with engine.connect() as connection:
        parts = (
            _journey_part(connection, journey_id),
            newest_response_id(connection),
            _batches_part(connection),
            connection.scalar(select(func.max(MetricPointRow.id))),
            _visits_part(connection, journey_id),
            connection.scalar(select(func.max(AnswerRow.saved_at))),
            _themes_part(connection, journey_id),
        )
    return "|".join(str(part) for part in parts)


def responses_revision(engine: Engine, journey_id: str) -> str:
    """Changes whenever the journey's survey answers may have changed, and only then."""
    with engine.connect() as connection:
        parts = (
            _journey_part(connection, journey_id),
            newest_response_id(connection),
            _batches_part(connection),
        )
    return "|".join(str(part) for part in parts)


def _journey_part(connection: Connection, journey_id: str) -> object:
    return connection.scalar(select(JourneyRow.created_at).where(JourneyRow.id == journey_id))


def _batches_part(connection: Connection) -> tuple[object, ...]:
    """The newest import and how many are undone: imports are few, this is cheap."""
    found = connection.execute(
        select(func.max(ImportBatchRow.id), func.count(ImportBatchRow.undone_at))
    ).one()
    return tuple(found)


def _visits_part(connection: Connection, journey_id: str) -> list[tuple[object, ...]]:
    journey_visits = (
        select(VisitRow.id)
        .join(
            QuestionnaireRow,
            (QuestionnaireRow.id == VisitRow.questionnaire_id)
            & (QuestionnaireRow.version == VisitRow.questionnaire_version),
        )
        .where(QuestionnaireRow.journey_id == journey_id)
    )
    summary = (
        select(
            VisitRow.status,
            func.count(),
            func.max(VisitRow.id),
            func.max(VisitRow.submitted_at),
            func.max(VisitRow.reviewed_at),
        )
        .where(VisitRow.id.in_(journey_visits))
        .group_by(VisitRow.status)
        .order_by(VisitRow.status)
    )
    return [tuple(row) for row in connection.execute(summary)]


def _themes_part(connection: Connection, journey_id: str) -> tuple[object, ...]:
    edits = connection.execute(
        select(func.count(), func.max(CommentThemeEditRow.id)).where(
            CommentThemeEditRow.journey_id == journey_id
        )
    ).one()
    languages = connection.execute(
        select(func.count(), func.max(CommentLanguageRow.set_at)).where(
            CommentLanguageRow.journey_id == journey_id
        )
    ).one()
    return (*edits, *languages)
