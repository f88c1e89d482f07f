"""Idempotent bulk inserts that work the same on SQLite and PostgreSQL.

Evidence arrives in batches that may overlap an earlier batch (a re-run import, the
demo run twice). Rows carry a natural key (dedup key, external key, metric point key)
and ``INSERT … ON CONFLICT DO NOTHING`` lets the database skip the ones it already
has, so a batch never needs a read-then-write race. ``insert_new`` counts what was
really inserted with ``RETURNING``: SQLAlchemy's batched executemany gives no reliable
rowcount. ``insert_new_frame``, for the millions of rows of an import, hands tuples to
the driver's own executemany, whose rowcount sqlite3 and psycopg sum over the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Column, Connection, Engine, Select, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from journeymap.store.audit import record
from journeymap.store.sqlite_texts import sqlite_datetime_texts

CHUNK_ROWS = 5_000
BULK_CACHE_MIB = 256
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
    if column.dtype.kind in "iub":
        return values  # integers and booleans cannot be missing
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


@contextmanager
def roomy_page_cache(connection: Connection, mebibytes: int = BULK_CACHE_MIB) -> Iterator[None]:
    """A bigger SQLite page cache for a transaction that writes many rows, then the old one.

    SQLite's default of 2 MB holds the pages a load appends to, but not an index whose
    keys arrive in random order (content hashes, the random response ids most survey
    tools write): every row would read and write back a page of its own, which makes an
    import of two million such rows several times slower. Elsewhere nothing changes.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    # On the driver's connection: through SQLAlchemy the pragma would begin a transaction.
    driver = connection.connection.driver_connection
    before = driver.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[union-attr]
    driver.execute(f"PRAGMA cache_size = -{mebibytes * 1024}")  # type: ignore[union-attr]
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {int(before)}")  # type: ignore[union-attr]


def insert_new_frame(connection: Connection, table: Table, frame: pd.DataFrame) -> int:
    """insert_new for a DataFrame: the same rows skipped, the same values stored, faster.

    A tuple per row goes straight to the driver's executemany: at millions of rows a
    dict per row and SQLAlchemy's statement per batch cost more than the database's own
    work. ON CONFLICT DO NOTHING skips the rows already stored, also those stored
    earlier in the same transaction, so the frames of one file may come one by one.
    """
    if frame.empty:
        return 0
    frame = _with_scalar_defaults(table, frame)
    placeholder = _PLACEHOLDERS.get(connection.dialect.paramstyle)
    if connection.dialect.name not in ("sqlite", "postgresql") or placeholder is None:
        # The slow way for another driver; insert_new refuses other databases.
        return insert_new(connection, table, records(frame))
    names = list(frame.columns)
    quote = connection.dialect.identifier_preparer.quote
    statement = (
        f"INSERT INTO {connection.dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(name) for name in names)}) "
        f"VALUES ({', '.join([placeholder] * len(names))}) ON CONFLICT DO NOTHING"
    )
    columns = [_driver_values(frame[name], table.c[name], connection) for name in names]
    # The rows as a stream of tuples, each made when the driver asks for it: a list of
    # millions of tuples keeps Python's garbage collector busy with them all the time.
    # SQLAlchemy's exec_driver_sql takes lists only, so this goes to the driver's
    # cursor (in the same transaction) and gives errors SQLAlchemy's exception classes.
    dbapi = connection.dialect.loaded_dbapi
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(statement, zip(*columns, strict=True))
        if cursor.rowcount < 0:
            raise NotImplementedError(
                f"the {connection.dialect.driver} driver does not count the rows "
                "executemany inserts: use sqlite3 or psycopg 3.1 or later"
            )
        return int(cursor.rowcount)
    except dbapi.Error as error:
        raise DBAPIError.instance(
            statement, None, error, dbapi.Error, dialect=connection.dialect
        ) from error
    finally:
        cursor.close()


_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _with_scalar_defaults(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the constant defaults SQLAlchemy would fill in for absent columns."""
    absent = {}
    for column in table.columns:
        if column.name in frame.columns or column.default is None:
            continue
        if not column.default.is_scalar:
            raise NotImplementedError(f"{table.name}.{column.name}: only constant defaults")
        absent[column.name] = column.default.arg  # type: ignore[attr-defined]
    return frame.assign(**absent) if absent else frame


def _driver_values(values: pd.Series, column: Column[Any], connection: Connection) -> list[Any]:
    """A column's values as SQLAlchemy would hand them to the driver."""
    dialect = connection.dialect
    impl = column.type.dialect_impl(dialect)
    process = impl.bind_processor(dialect)
    if process is None:
        return _python_values(values)
    if (
        isinstance(impl, sqlite.DATETIME)
        and impl._storage_format == sqlite.DATETIME._storage_format  # noqa: SLF001
        and pd.api.types.is_datetime64_any_dtype(values)
    ):
        texts = sqlite_datetime_texts(values)
        if texts is not None:
            return texts
    return [process(v) for v in _python_values(values)]


def utc_frame_column(values: pd.Series) -> pd.Series:
    """Timestamps as UTC-aware: SQLite hands them back naive, PostgreSQL aware."""
    return pd.to_datetime(values, utc=True)


def query_frame(engine: Engine, query: Select[Any], columns: Iterable[str]) -> pd.DataFrame:
    """The rows of ``query`` as a DataFrame with these column names (also when empty)."""
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return pd.DataFrame.from_records(rows, columns=list(columns))


def insert_new_audited(
    engine: Engine,
    table: Table,
    rows: list[dict[str, Any]],
    what: str,
    *,
    actor: str,
    object_id: str = "",
    dry_run: bool = False,
) -> int:
    """insert_new in a transaction of its own, with an "imported" entry in the audit log
    naming ``actor``; ``dry_run`` counts what would be inserted and keeps nothing."""
    with engine.connect() as connection, connection.begin() as transaction:
        inserted = insert_new(connection, table, rows)
        if inserted:
            detail = f"{inserted} new of {len(rows)}"
            record(connection, "imported", what, object_id, detail, actor=actor)
        if dry_run:
            transaction.rollback()
    return inserted
