"""Reads the sand ranking and the workshop walk need beyond the evidence tables' own:
the segments a journey's survey answers name, and the photos of counted visits."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Engine, distinct, select

from journeymap.store.tables import PhotoRow, ResponseRow


def response_segments(engine: Engine, journey_id: str) -> list[str]:
    """The segments of the journey's survey answers, sorted; answers without one aside."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(distinct(ResponseRow.segment)).where(
                ResponseRow.journey_id == journey_id, ResponseRow.segment != ""
            )
        ).scalars()
        return sorted(rows)


def photo_files(engine: Engine, visit_ids: Collection[int]) -> list[tuple[str, str]]:
    """(question id, file name) of the visits' photos, the newest first."""
    if not visit_ids:
        return []
    with engine.connect() as connection:
        rows = connection.execute(
            select(PhotoRow.question_id, PhotoRow.file_name)
            .where(PhotoRow.visit_id.in_(list(visit_ids)))
            .order_by(PhotoRow.uploaded_at.desc())
        ).all()
    return [(question_id, file_name) for question_id, file_name in rows]
