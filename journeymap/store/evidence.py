"""Survey responses and operational metric points: bulk in, DataFrames out.

Both kinds of evidence are written in batches (an import, the demo) and read whole
per journey by the analytics, so the repository speaks pandas rather than ORM
objects. Inserts skip rows already stored (see :mod:`journeymap.store.bulk`); every
write names its ``actor`` in the audit log, in the same transaction. NPS
tables that need only counts get them counted by the database (:func:`read_nps_counts`),
or from the month counts kept as responses change (nps_summary.py): a bank's millions
of responses are too many to read whole for a table of a few hundred.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    func,
    select,
)

from journeymap.analytics.local_time import DEFAULT_ZONE
from journeymap.analytics.local_time import day_start as local_day_start
from journeymap.analytics.nps_tables import (
    SCORE_GROUPS,
    check_group_fields,
    check_survey_kind,
)
from journeymap.store import nps_summary
from journeymap.store.audit import record
from journeymap.store.bulk import (
    Rows,
    insert_new,
    insert_new_audited,
    query_frame,
    records,
    utc_frame_column,
)
from journeymap.store.import_batches import (
    SourcePlan,
    begin_batch,
    ensure_source,
    finish_batch,
    forget_batch,
)
from journeymap.store.local_periods import PERIOD_FIELDS, period_key, sqlite_offset
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


def insert_responses(
    engine: Engine, rows: Rows, *, actor: str, kind: str = "api", source: str = "api"
) -> int:
    """Store responses as one batch (``kind``) of ``source``; those whose (journey_id,
    dedup_key) is stored are skipped.

    Rows need journey_id, dedup_key, responded_at (UTC) and score; the other columns
    default to empty. Returns the number of responses inserted. No call-back cases are
    made here: a file import (:func:`journeymap.store.response_batches.store_batch`)
    makes them with its responses.
    """
    table = ResponseRow.__table__
    rows = records(rows)
    now = datetime.now(UTC)
    inserted = 0
    with engine.connect() as connection, connection.begin():
        for journey_id in dict.fromkeys(row["journey_id"] for row in rows):
            mine = [row for row in rows if row["journey_id"] == journey_id]
            plan = SourcePlan(source, kind, None, (), ())
            source_id = ensure_source(connection, journey_id, plan, now=now)
            batch_id = begin_batch(
                connection, journey_id, source_id, kind=kind, file_name="", sha256="",
                actor=actor, now=now,
            )  # fmt: skip
            first = newest_response_id(connection) + 1
            added = insert_new(connection, table, [row | {"batch_id": batch_id} for row in mine])  # type: ignore[arg-type]
            if not added:
                # Nothing new (the demo loaded again): no batch of nothing to list.
                forget_batch(connection, batch_id)
                continue
            counts = {"rows_read": len(mine), "added": added, "already_there": len(mine) - added}
            ids = (first, newest_response_id(connection)) if added else (None, None)
            finish_batch(connection, batch_id, counts, {}, ids)
            # Counted from the responses again when next read: these rows are few.
            nps_summary.drop(connection, journey_id)
            detail = f"import {batch_id}: {added} new of {len(mine)}"
            record(connection, "imported", "responses", journey_id, detail, actor=actor)
            inserted += added
    return inserted


def insert_metric_points(
    engine: Engine, rows: Rows, *, actor: str, source: str = "", dry_run: bool = False
) -> int:
    """Store metric points; those already stored for the same journey, touchpoint,
    metric, day and location are skipped. Returns the number inserted (in a dry run:
    the number that would be, with nothing kept). ``source``: the file, for the log."""
    return insert_new_audited(
        engine,
        MetricPointRow.__table__,  # type: ignore[arg-type]
        records(rows),
        "metric values",
        actor=actor,
        object_id=source,
        dry_run=dry_run,
    )


def day_start(day: date, zone: str = DEFAULT_ZONE) -> datetime:
    """The first moment (UTC) of ``day`` in ``zone``."""
    return local_day_start(day, zone)


def _responses_of(
    journey_id: str, start: date | None, end: date | None, zone: str = DEFAULT_ZONE
) -> list[Any]:
    """WHERE conditions: the journey's responses on the inclusive days start … end of
    ``zone``."""
    conditions: list[Any] = [ResponseRow.journey_id == journey_id]
    if start is not None:
        conditions.append(ResponseRow.responded_at >= day_start(start, zone))
    if end is not None:
        conditions.append(ResponseRow.responded_at < day_start(end + timedelta(days=1), zone))
    return conditions


def newest_response_id(connection: Connection) -> int:
    """The largest response id in the workspace (0 without any): ids only grow."""
    return int(connection.scalar(select(func.max(ResponseRow.id))) or 0)


def read_responses(
    engine: Engine,
    journey_id: str,
    start: date | None = None,
    end: date | None = None,
    touchpoints: Sequence[str] | None = None,
    *,
    zone: str = DEFAULT_ZONE,
) -> pd.DataFrame:
    """A journey's responses, oldest first; ``start`` and ``end`` are inclusive days of
    ``zone`` (the workspace's time zone).

    ``responded_at`` is UTC-aware; ``touchpoint_id`` is None for relationship surveys.
    ``touchpoints``: only the answers about these (an index range each, not a scan).
    """
    query = select(*(getattr(ResponseRow, c) for c in RESPONSE_COLUMNS)).where(
        *_responses_of(journey_id, start, end, zone)
    )
    if touchpoints is not None:
        query = query.where(ResponseRow.touchpoint_id.in_(touchpoints))
    frame = query_frame(
        engine, query.order_by(ResponseRow.responded_at, ResponseRow.id), RESPONSE_COLUMNS
    )
    frame["responded_at"] = utc_frame_column(frame["responded_at"])
    frame["score"] = frame["score"].astype("int64")
    return frame


def read_nps_counts(
    engine: Engine,
    journey_id: str,
    by: Sequence[str] = (),
    *,
    survey_kind: str = "transactional",
    start: date | None = None,
    end: date | None = None,
    location: str | None = None,
    segment: str | None = None,
    zone: str = DEFAULT_ZONE,
) -> pd.DataFrame:
    """Promoters, passives and detractors per group, counted by the database.

    Days (``start``, ``end``), months, quarters and years are those of ``zone``.

    The frame of :func:`journeymap.analytics.nps_tables.nps_counts` (the input of
    ``nps_table_from_counts``) for the responses :func:`read_responses` would return:
    a few hundred rows instead of every response. ``by`` as in ``nps_table``;
    ``location`` and ``segment``, when given, keep only that location's or segment's.
    """
    check_survey_kind(survey_kind)
    by = check_group_fields(by)
    if location is None and segment is None:
        # Kept month counts where they answer the question (nps_summary.py), of the
        # zone asked for.
        kept = nps_summary.read_kept_counts(
            engine, journey_id, by, survey_kind=survey_kind, start=start, end=end, zone=zone
        )
        if kept is not None:
            return kept
    dialect = engine.dialect.name
    conditions = [
        *_responses_of(journey_id, start, end, zone),
        ResponseRow.survey_kind == survey_kind,
    ]
    offset = None
    if dialect == "sqlite" and set(PERIOD_FIELDS) & set(by):
        with engine.connect() as connection:
            offset = sqlite_offset(connection, conditions, zone)
    keys: list[ColumnElement[Any]] = []
    for field in by:
        if field == "touchpoint":
            keys.append(ResponseRow.touchpoint_id.label(field))
        elif field in ("location", "segment"):
            keys.append(getattr(ResponseRow, field).label(field))
        else:
            keys.append(period_key(dialect, field, zone, offset).label(field))
    score = ResponseRow.score
    counted = (
        func.count().filter(score >= 9).label("promoters"),
        func.count().filter(score.between(7, 8)).label("passives"),
        func.count().filter(score < 7).label("detractors"),
    )
    query = select(*keys, *counted).where(*conditions)
    if location is not None:
        query = query.where(ResponseRow.location == location)
    if segment is not None:
        query = query.where(ResponseRow.segment == segment)
    if keys:
        query = query.group_by(*keys)
    frame = query_frame(engine, query, [*by, *SCORE_GROUPS])
    for name in SCORE_GROUPS:
        frame[name] = frame[name].astype("int64")
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


def read_daily_metric_means(
    engine: Engine,
    journey_id: str,
    start: date | None = None,
    end: date | None = None,
    location: str | None = None,
) -> pd.DataFrame:
    """Each metric's mean per touchpoint and day over the locations, averaged by the
    database: the evidence counts a day once, however many places measured it, and a
    year of a bank's branches is a million points but only tens of thousands of days.

    Columns as :func:`read_metric_points` minus ``id``, ``journey_id`` and ``location``;
    ``n`` is how many points the day's mean is of. ``location``: that place's points only.
    """
    point = MetricPointRow
    query = select(
        point.touchpoint_id, point.metric, point.observed_on, func.avg(point.value), func.count()
    ).where(point.journey_id == journey_id)
    if start is not None:
        query = query.where(point.observed_on >= start)
    if end is not None:
        query = query.where(point.observed_on <= end)
    if location is not None:
        query = query.where(point.location == location)
    keys = (point.touchpoint_id, point.metric, point.observed_on)
    columns = ["touchpoint_id", "metric", "observed_on", "value", "n"]
    frame = query_frame(engine, query.group_by(*keys).order_by(*keys), columns)
    frame["observed_on"] = pd.to_datetime(frame["observed_on"])
    frame["value"] = frame["value"].astype("float64")
    frame["n"] = frame["n"].astype("int64")
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
