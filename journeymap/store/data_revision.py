"""A cheap fingerprint of a journey's evidence, for cache keys.

Caches of derived figures are keyed on it: an import, a new visit answer or a review
changes the fingerprint, so a cached ranking is never stale and nothing needs to be
invalidated by hand.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from journeymap.store.tables import (
    AnswerRow,
    MetricPointRow,
    QuestionnaireRow,
    ResponseRow,
    VisitRow,
)


def evidence_revision(engine: Engine, journey_id: str) -> str:
    visits = (
        select(VisitRow.id)
        .join(
            QuestionnaireRow,
            (QuestionnaireRow.id == VisitRow.questionnaire_id)
            & (QuestionnaireRow.version == VisitRow.questionnaire_version),
        )
        .where(QuestionnaireRow.journey_id == journey_id)
    )
    queries = (
        select(func.count(), func.max(ResponseRow.id)).where(ResponseRow.journey_id == journey_id),
        select(func.count(), func.max(MetricPointRow.id)).where(
            MetricPointRow.journey_id == journey_id
        ),
        select(func.count(), func.max(VisitRow.reviewed_at), func.max(VisitRow.submitted_at)).where(
            VisitRow.id.in_(visits)
        ),
        select(func.count(), func.max(AnswerRow.saved_at)).where(AnswerRow.visit_id.in_(visits)),
        select(func.count(), func.max(VisitRow.id)).where(VisitRow.id.in_(visits)),
    )
    with engine.connect() as connection:
        parts = [tuple(connection.execute(q).one()) for q in queries]
    return "|".join(str(p) for p in parts)
