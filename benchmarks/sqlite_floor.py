"""What storing the imported rows costs without the import: the floor under any import.

The rows the import stored are copied, untimed, into an in-memory table of a fresh
copy of the base workspace; then one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` moves
them into ``responses`` and commits, timed. No parsing and no Python per row: only what
SQLite does for the table, the unique key of (journey, key), the journey's foreign key
and the covering index that NPS by location or segment is counted from (timed once
more without it).

If this alone is more than a goal allows against DuckDB's load of the CSV, no work
on the Python side of the import can meet it; only another way of storing responses can.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

COVERING_INDEX = "ix_responses_journey_touchpoint_time"
CACHE_KIB = 256 * 1024  # as the import's roomy_page_cache (store/bulk.py)


def _remove(database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


@contextmanager
def _staged(
    base: Path, imported: Path, scratch: Path, *, covering_index: bool = True
) -> Iterator[tuple[sqlite3.Connection, list[str]]]:
    """A fresh copy of ``base`` with the responses of ``imported`` in the temporary
    table ``staged``, and the names of the columns to store."""
    _remove(scratch)
    scratch.write_bytes(base.read_bytes())
    try:
        with closing(sqlite3.connect(scratch, isolation_level=None)) as connection:
            # The workspace's own settings (store/engine.py) and the import's page cache.
            for setting in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
                connection.execute(f"PRAGMA {setting}")
            connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            connection.execute("PRAGMA temp_store = MEMORY")
            connection.execute("ATTACH DATABASE ? AS imported", (str(imported),))
            connection.execute("CREATE TEMP TABLE staged AS SELECT * FROM imported.responses")
            connection.execute("DETACH DATABASE imported")
            if not connection.execute("SELECT count(*) FROM staged").fetchone()[0]:
                raise RuntimeError(f"{imported} holds no responses: run the import step first")
            if not covering_index:
                connection.execute(f"DROP INDEX {COVERING_INDEX}")
            names = [
                row[1]
                for row in connection.execute("PRAGMA table_info(responses)")
                if row[1] != "id"
            ]
            yield connection, names
    finally:
        _remove(scratch)


def store_seconds(base: Path, imported: Path, scratch: Path, *, covering_index: bool) -> float:
    """Seconds for SQLite alone to insert and commit the rows, with or without the
    covering index."""
    with _staged(base, imported, scratch, covering_index=covering_index) as (connection, names):
        columns = ", ".join(f'"{name}"' for name in names)
        began = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute(
            f"INSERT INTO responses ({columns}) SELECT {columns} FROM staged "
            "WHERE true ON CONFLICT DO NOTHING"
        )
        connection.execute("COMMIT")
        return time.perf_counter() - began
