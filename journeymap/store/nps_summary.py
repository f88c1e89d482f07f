"""Promoters, passives and detractors per touchpoint and month, kept as responses change.

``nps --by touchpoint month`` over two million responses made SQLite sort them all
(it has no hash aggregation): 1.8 s of a 3 s command. These counts are a few thousand
rows. They are kept in the transactions that change responses — an import adds its
new ones (counted in pandas as they are stored), an undo subtracts its batch's — and
a journey's counts exist only where ``nps_summaries`` says they are complete, so a
read uses them or counts the responses themselves (see ``read_nps_counts``); any other
write of responses drops them (:func:`drop`).

Months are cut in the workspace's time zone, as ``read_nps_counts`` cuts them, and a
read uses kept counts only of the zone it asks for; quarters and years are unions of
months, so they come from the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Table, and_, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from journeymap import settings
from journeymap.store.bulk import query_frame
from journeymap.store.local_periods import period_key, sqlite_offset
from journeymap.store.tables import NpsMonthCountRow, NpsSummaryRow, ResponseRow


def summary_zone() -> str:
    """The zone new counts are kept in: the workspace's, where periods are cut. Counts
    are stored with their zone, so after a change of JOURNEYMAP_TIMEZONE the old ones are
    simply not used (the database counts instead) until an import rebuilds them."""
    return settings.workspace_timezone()


PERIODS = ("month", "quarter", "year")
GROUPS = ("promoters", "passives", "detractors")
KEYS = ("survey_kind", "touchpoint_id", "month")
COUNTS: Table = NpsMonthCountRow.__table__  # type: ignore[assignment]


def kept_zones(connection: Connection, journey_id: str) -> list[str]:
    return list(
        connection.scalars(select(NpsSummaryRow.zone).where(NpsSummaryRow.journey_id == journey_id))
    )


def start_empty(connection: Connection, journey_id: str, *, now: datetime) -> None:
    """Counts for a journey without responses: complete, all zero."""
    connection.execute(
        insert(NpsSummaryRow).values(journey_id=journey_id, zone=summary_zone(), built_at=now)
    )


def month_counts(rows: pd.DataFrame, zone: str | None = None) -> pd.DataFrame:
    """The counts of responses (``responded_at`` UTC-aware) per kind, touchpoint, month."""
    if rows.empty:
        return pd.DataFrame(columns=[*KEYS, *GROUPS])
    moments = rows["responded_at"]
    if not isinstance(moments.dtype, pd.DatetimeTZDtype):
        moments = pd.to_datetime(moments, utc=True)
    zone = zone or summary_zone()
    local = moments.dt.tz_convert(zone) if zone != "UTC" else moments
    # Integer codes and one bincount: a groupby over text keys costs more than the rest
    # of the bookkeeping of a chunk of 50,000 rows.
    kinds, kind_names = pd.factorize(rows["survey_kind"])
    places, place_names = pd.factorize(rows["touchpoint_id"].fillna(""))
    months = (local.dt.year * 12 + local.dt.month - 1).to_numpy()
    first, span = int(months.min()), int(months.max() - months.min()) + 1
    score = rows["score"].to_numpy()
    group = np.where(score >= 9, 0, np.where(score >= 7, 1, 2))
    cell = ((kinds * len(place_names) + places) * span + (months - first)) * 3 + group
    size = len(kind_names) * len(place_names) * span * 3
    counts = np.bincount(cell, minlength=size).reshape(-1, 3)
    used = np.flatnonzero(counts.sum(axis=1))
    month = used % span + first
    place = used // span % len(place_names)
    kind = used // span // len(place_names)
    return pd.DataFrame(
        {
            "survey_kind": np.asarray(kind_names, dtype=object)[kind],
            "touchpoint_id": np.asarray(place_names, dtype=object)[place],
            "month": [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in month],
            **{name: counts[used, i] for i, name in enumerate(GROUPS)},
        }
    )


def add(connection: Connection, journey_id: str, zone: str, counts: pd.DataFrame) -> None:
    """Add counts (of :func:`month_counts`) to the kept ones."""
    if counts.empty:
        return
    counts = counts.groupby(list(KEYS), sort=False)[list(GROUPS)].sum().reset_index()
    rows: list[dict[str, Any]] = [
        {"journey_id": journey_id, "zone": zone, **{str(k): v for k, v in record.items()}}
        for record in counts.to_dict("records")
    ]
    for row in rows:
        row.update({g: int(row[g]) for g in GROUPS})
    dialect = connection.dialect.name
    statement = (postgresql if dialect == "postgresql" else sqlite).insert(COUNTS)
    statement = statement.on_conflict_do_update(
        index_elements=["journey_id", "zone", *KEYS],
        set_={g: COUNTS.c[g] + statement.excluded[g] for g in GROUPS},
    )
    connection.execute(statement, rows)


def drop(connection: Connection, journey_id: str) -> None:
    """Forget a journey's counts: the next read counts the responses themselves."""
    connection.execute(delete(COUNTS).where(COUNTS.c.journey_id == journey_id))
    connection.execute(delete(NpsSummaryRow).where(NpsSummaryRow.journey_id == journey_id))


def counted_by_database(
    connection: Connection, journey_id: str, conditions: Sequence[Any] = ()
) -> pd.DataFrame:
    """The month counts of the journey's responses (meeting ``conditions``), by SQL, in
    the zone counts are kept in."""
    zone = summary_zone()
    selected = [ResponseRow.journey_id == journey_id, *conditions]
    offset = (
        sqlite_offset(connection, selected, zone) if connection.dialect.name == "sqlite" else None
    )
    month = period_key(connection.dialect.name, "month", zone, offset).label("month")
    score = ResponseRow.score
    query = (
        select(
            ResponseRow.survey_kind,
            func.coalesce(ResponseRow.touchpoint_id, "").label("touchpoint_id"),
            month,
            func.count().filter(score >= 9),
            func.count().filter(score.between(7, 8)),
            func.count().filter(score < 7),
        )
        .where(*selected)
        .group_by(ResponseRow.survey_kind, ResponseRow.touchpoint_id, month)
    )
    rows = [tuple(row) for row in connection.execute(query)]
    return pd.DataFrame.from_records(rows, columns=[*KEYS, *GROUPS])


def rebuild(connection: Connection, journey_id: str, *, now: datetime) -> None:
    """Count a journey's responses afresh (once, for a journey that had none kept)."""
    drop(connection, journey_id)
    start_empty(connection, journey_id, now=now)
    add(connection, journey_id, summary_zone(), counted_by_database(connection, journey_id))


def subtract_batch_counts(
    connection: Connection, journey_id: str, conditions: Sequence[Any]
) -> None:
    """Take the counts of the responses meeting ``conditions`` (a batch) off the kept ones."""
    zones = kept_zones(connection, journey_id)
    if not zones:
        return
    if zones != [summary_zone()]:
        drop(connection, journey_id)
        return
    removed = counted_by_database(connection, journey_id, conditions)
    if removed.empty:
        return
    removed[list(GROUPS)] = -removed[list(GROUPS)]
    add(connection, journey_id, summary_zone(), removed)
    connection.execute(
        delete(COUNTS).where(
            and_(
                COUNTS.c.journey_id == journey_id,
                COUNTS.c.promoters == 0,
                COUNTS.c.passives == 0,
                COUNTS.c.detractors == 0,
            )
        )
    )


def month_aligned(start: date | None, end: date | None) -> bool:
    """Whether the inclusive days start … end are whole months (or open)."""
    if start is not None and start.day != 1:
        return False
    return end is None or (end + timedelta(days=1)).day == 1


def read_kept_counts(
    engine: Engine,
    journey_id: str,
    by: Sequence[str],
    *,
    survey_kind: str,
    start: date | None,
    end: date | None,
    zone: str,
) -> pd.DataFrame | None:
    """The frame of ``read_nps_counts`` from the kept counts; None when there are none or
    the question needs finer counts (a location, a segment, days within a month)."""
    if not set(by) <= {"touchpoint", *PERIODS} or not month_aligned(start, end):
        return None
    query = select(COUNTS.c.touchpoint_id, COUNTS.c.month, *(COUNTS.c[g] for g in GROUPS)).where(
        COUNTS.c.journey_id == journey_id,
        COUNTS.c.zone == zone,
        COUNTS.c.survey_kind == survey_kind,
    )
    if start is not None:
        query = query.where(COUNTS.c.month >= f"{start:%Y-%m}")
    if end is not None:
        query = query.where(COUNTS.c.month <= f"{end:%Y-%m}")
    with engine.connect() as connection:
        kept = connection.scalar(
            select(NpsSummaryRow.built_at).where(
                NpsSummaryRow.journey_id == journey_id, NpsSummaryRow.zone == zone
            )
        )
        if kept is None:
            return None
    frame = query_frame(engine, query, ["touchpoint", "month", *GROUPS])
    frame["touchpoint"] = frame["touchpoint"].where(frame["touchpoint"] != "", None)  # type: ignore[call-overload]
    frame["quarter"] = [f"{m[:4]}-Q{(int(m[5:]) + 2) // 3}" for m in frame["month"]]
    frame["year"] = [int(m[:4]) for m in frame["month"]]
    if by:
        frame = frame.groupby(list(by), sort=True, dropna=False)[list(GROUPS)].sum()
        frame = frame.reset_index()
    else:
        frame = frame[list(GROUPS)].sum().to_frame().T
    frame = frame[frame[list(GROUPS)].sum(axis=1) > 0] if by else frame
    for name in GROUPS:
        frame[name] = frame[name].astype("int64")
    if "touchpoint" in by:  # a relationship survey's: None, as the database gives it
        touchpoints = frame["touchpoint"].astype(object)
        frame["touchpoint"] = touchpoints.where(touchpoints.notna(), None)  # type: ignore[call-overload]
    return frame[[*by, *GROUPS]].reset_index(drop=True)


def now_utc() -> datetime:
    return datetime.now(UTC)
