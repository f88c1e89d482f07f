"""Idempotent bulk inserts that work the same on SQLite and PostgreSQL.

Evidence arrives in batches that may overlap an earlier batch (a re-run import, the
demo run twice). Rows carry a natural key (dedup key, external key, metric point key)
and ``INSERT … ON CONFLICT DO NOTHING`` lets the database skip the ones it already
has, so a batch never needs a read-then-write race. ``RETURNING`` counts what was
really inserted: the driver's rowcount is -1 for executemany on psycopg.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Select, Table
from sqlalchemy.dialects import postgresql, sqlite

from journeymap.store.audit import record

CHUNK_ROWS = 5_000
Rows = pd.DataFrame | Iterable[Mapping[str, Any]]


def records(rows: Rows) -> list[dict[str, Any]]:
    """Plain dicts of Python values: drivers cannot adapt numpy scalars or NaN."""
    if not isinstance(rows, pd.DataFrame):
        return [dict(row) for row in rows]
    # Column by column, not cell by cell: an import hands over millions of rows.
    names = list(rows.columns)
    columns = [_python_values(rows.iloc[:, i]) for i in range(len(names))]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _python_values(column: pd.Series) -> list[Any]:
    if isinstance(column.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(column):
        values = list(column.array.to_pydatetime())
    else:
        values = column.tolist()  # numpy scalars become Python ones
        if column.dtype == object and pd.api.types.infer_dtype(column) not in ("string", "empty"):
            values = [_python(v) for v in values]
    missing = column.isna().to_numpy()
    if missing.any():
        values = [None if gone else v for v, gone in zip(values, missing, strict=True)]
    return values


def _python(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, datetime):
        return value.item()  # numpy scalar
    return value


def insert_new(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    """Insert the rows whose keys are not there yet; return how many were inserted."""
    if not rows:
        return 0
    dialect = connection.dialect.name
    if dialect == "sqlite":
        statement = sqlite.insert(table)
    elif dialect == "postgresql":
        statement = postgresql.insert(table)
    else:
        raise NotImplementedError(
            f"bulk inserts support SQLite and PostgreSQL, not {dialect}: "
            "set JOURNEYMAP_DB_URL to one of those"
        )
    first_key = next(iter(table.primary_key.columns))
    statement = statement.on_conflict_do_nothing().returning(first_key)
    inserted = 0
    for start in range(0, len(rows), CHUNK_ROWS):
        inserted += len(connection.execute(statement, rows[start : start + CHUNK_ROWS]).all())
    return inserted


def utc_frame_column(values: pd.Series) -> pd.Series:
    """Timestamps as UTC-aware: SQLite hands them back naive, PostgreSQL aware."""
    return pd.to_datetime(values, utc=True)


def query_frame(engine: Engine, query: Select[Any], columns: Iterable[str]) -> pd.DataFrame:
    """The rows of ``query`` as a DataFrame with these column names (also when empty)."""
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return pd.DataFrame.from_records(rows, columns=list(columns))


def insert_new_audited(engine: Engine, table: Table, rows: list[dict[str, Any]], what: str) -> int:
    """insert_new in a transaction of its own, with an "imported" entry in the audit log."""
    with engine.begin() as connection:
        inserted = insert_new(connection, table, rows)
        if inserted:
            record(connection, "imported", what, "", f"{inserted} new of {len(rows)}")
        return inserted
