"""A survey import killed while it writes leaves all of its responses or none.

The import runs as the command a scheduled job would run, is killed with SIGKILL (no
clean-up of any kind) once it holds the write lock on the responses, and the database
must then be whole and take the same file again.
"""

from __future__ import annotations

import csv
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, func, select, text
from sqlalchemy.engine import make_url

from journeymap.cli import main
from journeymap.store.tables import DetractorCaseRow, ResponseRow
from tests.conftest import ROOT
from tests.unit.voc_helpers import shop_engine

TOUCHPOINTS = ("checkout", "advice", "phone", "returns")
# Enough rows that the write takes a while to catch; PostgreSQL takes far longer a row.
ROWS = {"sqlite": 8_000, "postgresql": 3_000}
WAIT_SECONDS = 60


def detractors_with_contact(rows: int) -> int:
    """Scores run 0…10 over and over; every tenth row leaves an e-mail address."""
    return sum(1 for i in range(0, rows, 10) if i % 11 <= 6)


def write_export(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["Response ID", "Date", "Touchpoint", "Score", "Comment", "Email"])
        for i in range(rows):
            writer.writerow(
                [
                    f"R{i:06d}",
                    f"2026-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}",
                    TOUCHPOINTS[i % 4],
                    i % 11,
                    f"Comment {i}",
                    f"kunde{i}@example.dk" if i % 10 == 0 else "",
                ]
            )
    return path


def import_command(url: str, export: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "journeymap",
        "--db",
        url,
        "import-responses",
        "shop",
        str(export),
        # Long enough that none of the 2026 answers is too old to call back, today or later.
        "--callback-hours",
        "1000000",
    ]


def sqlite_is_writing(path: str) -> bool:
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:  # "database is locked": the import is writing
        return True
    finally:
        probe.close()


def postgres_is_writing(connection: Connection) -> bool:
    held = connection.scalar(
        text(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'responses' AND l.mode = 'RowExclusiveLock' "
            "AND l.pid <> pg_backend_pid()"
        )
    )
    connection.rollback()  # a fresh snapshot of the locks for the next look
    return bool(held)


def kill_while_writing(process: subprocess.Popen[bytes], url: str) -> None:
    """SIGKILL the import as soon as another connection sees it writing the responses."""
    parsed = make_url(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        deadline = time.monotonic() + WAIT_SECONDS
        while not (
            sqlite_is_writing(str(parsed.database))
            if parsed.get_backend_name() == "sqlite"
            else postgres_is_writing(connection)
        ):
            assert process.poll() is None, "the import ended before it wrote: use more rows"
            assert time.monotonic() < deadline, "the import did not start writing"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
    engine.dispose()
    assert process.returncode == -signal.SIGKILL


def counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        responses = connection.scalar(select(func.count()).select_from(ResponseRow))
        cases = connection.scalar(select(func.count()).select_from(DetractorCaseRow))
    engine.dispose()
    return int(responses or 0), int(cases or 0)


def test_a_killed_import_keeps_all_or_nothing_and_can_run_again(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ROWS[make_url(database_url).get_backend_name()]
    everything = (rows, detractors_with_contact(rows))
    big_export = write_export(tmp_path / "big-export.csv", rows)
    shop_engine(database_url).dispose()
    process = subprocess.Popen(
        import_command(database_url, big_export),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    kill_while_writing(process, database_url)

    # The responses and their call-back cases are one transaction.
    assert counts(database_url) in ((0, 0), everything)
    if make_url(database_url).get_backend_name() == "sqlite":
        with sqlite3.connect(make_url(database_url).database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

    code = main(import_command(database_url, big_export)[3:])
    assert code == 0, capsys.readouterr().err
    assert counts(database_url) == everything
