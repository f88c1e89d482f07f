"""Customers' comments, filtered, searched and paged by the database.

The Verbatims page shows a page of comments out of a journey's perhaps millions of
responses: the database filters, counts and cuts the page, so only that page crosses
into Python. The search is a case-insensitive substring match taken literally: a typed
``%`` or ``_`` is escaped (LIKE … ESCAPE), never a wildcard. SQLite's own ``lower`` and
``LIKE`` fold ASCII letters only, so there the comparison uses Python's ``casefold`` (Æ
finds æ); PostgreSQL's ILIKE folds by the database's collation.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from journeymap.store.bulk import utc_frame_column
from journeymap.store.evidence import day_start
from journeymap.store.tables import ResponseRow

COMMENT_COLUMNS = (
    "id",
    "responded_at",
    "score",
    "touchpoint_id",
    "location",
    "segment",
    "survey_kind",
    "comment",
)
# What str.strip() removes from a typed comment that SQL's trim() would keep: a comment
# of only line breaks or tabs is as blank as an empty one.
WHITESPACE = " \t\n\r\x0b\x0c\u00a0"
CASEFOLD = "journeymap_casefold"


@dataclass(frozen=True)
class CommentQuery:
    """Which comments; empty fields do not filter. ``start`` and ``end`` are inclusive
    days of ``zone`` (the workspace's time zone); ``scores`` an inclusive (low, high)
    range; ``locations`` the reader's scope (None: every location), ``location`` the one
    they chose."""

    journey_id: str
    text: str = ""
    touchpoint: str | None = None
    scores: tuple[int, int] | None = None
    location: str | None = None
    locations: Collection[str] | None = None
    segment: str | None = None
    start: date | None = None
    end: date | None = None
    zone: str = "UTC"


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _conditions(connection: Connection, query: CommentQuery) -> list[Any]:
    comment = ResponseRow.comment
    dialect = connection.dialect.name
    trim = func.btrim if dialect == "postgresql" else func.trim
    conditions: list[Any] = [
        ResponseRow.journey_id == query.journey_id,
        trim(comment, WHITESPACE) != "",
    ]
    if query.touchpoint:
        conditions.append(ResponseRow.touchpoint_id == query.touchpoint)
    if query.scores is not None:
        conditions.append(ResponseRow.score.between(*query.scores))
    if query.location:
        conditions.append(ResponseRow.location == query.location)
    if query.locations is not None:
        conditions.append(ResponseRow.location.in_(sorted(query.locations)))
    if query.segment:
        conditions.append(ResponseRow.segment == query.segment)
    if query.start is not None:
        conditions.append(ResponseRow.responded_at >= day_start(query.start, query.zone))
    if query.end is not None:
        stop = day_start(query.end + timedelta(days=1), query.zone)
        conditions.append(ResponseRow.responded_at < stop)
    if query.text:
        # autoescape: %, _ and the escape character itself match only themselves.
        if dialect == "sqlite":
            driver = connection.connection.driver_connection
            driver.create_function(CASEFOLD, 1, _casefold, deterministic=True)  # type: ignore[union-attr]
            folded = getattr(func, CASEFOLD)(comment)
            conditions.append(folded.contains(query.text.casefold(), autoescape=True))
        else:
            conditions.append(comment.icontains(query.text, autoescape=True))
    return conditions


def search_comments(
    engine: Engine, query: CommentQuery, *, offset: int, limit: int
) -> tuple[pd.DataFrame, int]:
    """The comments from ``offset`` (at most ``limit``), newest first, and how many match."""
    with engine.connect() as connection:
        conditions = _conditions(connection, query)
        total = connection.scalar(select(func.count()).select_from(ResponseRow).where(*conditions))
        rows = connection.execute(
            select(*(getattr(ResponseRow, c) for c in COMMENT_COLUMNS))
            .where(*conditions)
            .order_by(ResponseRow.responded_at.desc(), ResponseRow.id.desc())
            .offset(max(0, offset))
            .limit(max(0, limit))
        ).all()
    frame = pd.DataFrame.from_records([tuple(r) for r in rows], columns=list(COMMENT_COLUMNS))
    frame["responded_at"] = utc_frame_column(frame["responded_at"])
    frame["score"] = frame["score"].astype("int64")
    return frame, int(total or 0)


def comment_locations(
    engine: Engine, journey_id: str, locations: Collection[str] | None = None
) -> list[str]:
    """The locations a journey's responses name, sorted (within ``locations``, if given)."""
    query = select(ResponseRow.location).where(
        ResponseRow.journey_id == journey_id, ResponseRow.location != ""
    )
    if locations is not None:
        query = query.where(ResponseRow.location.in_(sorted(locations)))
    with engine.connect() as connection:
        return list(connection.scalars(query.distinct().order_by(ResponseRow.location)))
