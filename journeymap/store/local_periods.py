"""Months, quarters and years of a stored UTC moment in a time zone, counted by the database.

The NPS tables group a bank's millions of answers in SQL, so the local month of each
answer must be computed there, correctly across daylight-saving changes:

- PostgreSQL stores ``timestamptz`` and knows the tz database: ``timezone(zone, at)``
  is the wall-clock time in the zone.
- SQLite has no time zones. The zone's UTC offset only changes at a few known moments
  (twice a year in Europe), so Python computes the offset of each stretch between
  changes over the moments asked about (:func:`journeymap.analytics.local_time.
  offset_changes`), and SQLite adds it to each stored time with a ``CASE`` over those
  stretches: one comparison per change, no Python per row, no stored column to keep in
  step with a setting that may change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    case,
    cast,
    func,
    literal,
    select,
)

from journeymap.analytics.local_time import DEFAULT_ZONE, offset_changes
from journeymap.store.tables import ResponseRow

PERIOD_FIELDS = ("year", "quarter", "month")


def _modifier(minutes: int) -> str:
    return f"{minutes:+d} minutes"


def sqlite_offset(
    connection: Connection, conditions: list[Any], zone: str
) -> ColumnElement[Any] | None:
    """The SQLite date modifier ('+60 minutes') that turns responded_at into the zone's
    wall-clock time, for the responses the conditions select; None in UTC."""
    if zone == DEFAULT_ZONE:
        return None
    first, last = connection.execute(
        select(func.min(ResponseRow.responded_at), func.max(ResponseRow.responded_at)).where(
            *conditions
        )
    ).one()
    if first is None:
        return None
    changes = offset_changes(_aware(first), _aware(last), zone)
    if len(changes) == 1:
        return literal(_modifier(changes[0][1]))
    moment = ResponseRow.responded_at
    whens = [
        (moment < changes[i + 1][0], literal(_modifier(offset)))
        for i, (_, offset) in enumerate(changes[:-1])
    ]
    return case(*whens, else_=literal(_modifier(changes[-1][1])))


def _aware(moment: datetime | str) -> datetime:
    if isinstance(moment, str):  # an aggregate over a SQLite DATETIME comes back as text
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def period_key(
    dialect: str, field: str, zone: str, offset: ColumnElement[Any] | None
) -> ColumnElement[Any]:
    """The month ('2026-03'), quarter ('2026-Q1') or year (2026) of responded_at in
    ``zone``, labelled as :func:`journeymap.analytics.nps_tables.nps_table` labels it.

    ``offset``: on SQLite, :func:`sqlite_offset` for the rows grouped.
    """
    moment = ResponseRow.responded_at
    if dialect == "postgresql":
        # AT TIME ZONE the workspace's zone, not the session's, which would move late
        # answers on the last day of a month into the next.
        wall = func.timezone(zone, moment)
        if field == "year":
            return cast(func.extract("year", wall), Integer)
        return func.to_char(wall, "YYYY-MM" if field == "month" else 'YYYY-"Q"Q')
    if dialect == "sqlite":
        # Stored as UTC text; strftime applies the zone's offset of each row's stretch.
        extra = [offset] if offset is not None else []
        if field == "year":
            return cast(func.strftime("%Y", moment, *extra), Integer)
        if field == "month":
            return func.strftime("%Y-%m", moment, *extra)
        quarter = (cast(func.strftime("%m", moment, *extra), Integer) + 2) // 3
        year = func.strftime("%Y", moment, *extra)
        return year.concat(literal("-Q")).concat(cast(quarter, String))
    raise NotImplementedError(
        f"NPS counts support SQLite and PostgreSQL, not {dialect}: "
        "set JOURNEYMAP_DB_URL to one of those"
    )
