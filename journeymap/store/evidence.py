"""Survey responses and operational metric points: bulk in, DataFrames out.

Both kinds of evidence are written in batches (an import, the demo) and read whole
per journey by the analytics, so the repository speaks pandas rather than ORM
objects. Inserts skip rows already stored (see :mod:`journeymap.store.bulk`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine, func, select

from journeymap.store.bulk import (
    Rows,
    insert_new_audited,
    query_frame,
    records,
    utc_frame_column,
)
from journeymap.store.tables import MetricPointRow, ResponseRow

RESPONSE_COLUMNS = (
    "id",
    "journey_id",
    "dedup_key",
    "touchpoint_id",
    "responded_at",
    "score",
    "survey_kind",
    "comment",
    "location",
    "segment",
    "contact",
    "source",
)
METRIC_COLUMNS = (
    "id",
    "journey_id",
    "touchpoint_id",
    "metric",
    "observed_on",
    "value",
    "location",
    "n",
)


def insert_responses(engine: Engine, rows: Rows) -> int:
    """Store responses; those whose (journey_id, dedup_key) is stored are skipped.

    Rows need journey_id, dedup_key, responded_at (UTC) and score; the other columns
    default to empty. Returns the number of responses inserted.
    """
    return insert_new_audited(engine, ResponseRow.__table__, records(rows), "responses")  # type: ignore[arg-type]


def insert_metric_points(engine: Engine, rows: Rows) -> int:
    """Store metric points; those already stored for the same journey, touchpoint,
    metric, day and location are skipped. Returns the number inserted."""
    return insert_new_audited(engine, MetricPointRow.__table__, records(rows), "metric values")  # type: ignore[arg-type]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def read_responses(
    engine: Engine,
    journey_id: str,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """A journey's responses, oldest first; ``start`` and ``end`` are inclusive UTC days.

    ``responded_at`` is UTC-aware; ``touchpoint_id`` is None for relationship surveys.
    """
    query = select(*(getattr(ResponseRow, c) for c in RESPONSE_COLUMNS)).where(
        ResponseRow.journey_id == journey_id
    )
    if start is not None:
        query = query.where(ResponseRow.responded_at >= _day_start(start))
    if end is not None:
        query = query.where(ResponseRow.responded_at < _day_start(end + timedelta(days=1)))
    frame = query_frame(
        engine, query.order_by(ResponseRow.responded_at, ResponseRow.id), RESPONSE_COLUMNS
    )
    frame["responded_at"] = utc_frame_column(frame["responded_at"])
    frame["score"] = frame["score"].astype("int64")
    return frame


def read_metric_points(
    engine: Engine,
    journey_id: str,
    metric: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """A journey's metric points by day; ``observed_on`` is a pandas datetime (a day).

    ``location`` is empty for a series measured for the whole journey, not per place.
    """
    query = select(*(getattr(MetricPointRow, c) for c in METRIC_COLUMNS)).where(
        MetricPointRow.journey_id == journey_id
    )
    if metric is not None:
        query = query.where(MetricPointRow.metric == metric)
    if start is not None:
        query = query.where(MetricPointRow.observed_on >= start)
    if end is not None:
        query = query.where(MetricPointRow.observed_on <= end)
    order = (MetricPointRow.metric, MetricPointRow.touchpoint_id, MetricPointRow.location)
    frame = query_frame(engine, query.order_by(*order, MetricPointRow.observed_on), METRIC_COLUMNS)
    frame["observed_on"] = pd.to_datetime(frame["observed_on"])
    frame["value"] = frame["value"].astype("float64")
    return frame


def count_evidence(engine: Engine, journey_id: str) -> dict[str, int]:
    """How many responses and metric points a journey has: cheap, for status lines."""
    with engine.connect() as connection:
        responses = connection.scalar(
            select(func.count())
            .select_from(ResponseRow)
            .where(ResponseRow.journey_id == journey_id)
        )
        points = connection.scalar(
            select(func.count())
            .select_from(MetricPointRow)
            .where(MetricPointRow.journey_id == journey_id)
        )
    return {"responses": int(responses or 0), "metric_points": int(points or 0)}
