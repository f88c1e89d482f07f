"""Imports of one journey take turns: two at once (an API push beside another, or a
file) would both read the newest response id, make the same call-back cases and claim
overlapping response id ranges."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

_TURNS: dict[str, threading.Lock] = {}
_TURNS_GUARD = threading.Lock()


@contextmanager
def writer_turn(engine: Engine) -> Iterator[None]:
    """On SQLite, a process's writers (the API's pushes and audit entries) queue here,
    not on SQLite's lock: that one is polled, unfairly, and its busy timeout fails a
    writer that waited behind many. SQLite has one writer at a time anyway."""
    if engine.dialect.name != "sqlite":
        yield
        return
    with _TURNS_GUARD:
        lock = _TURNS.setdefault(str(engine.url), threading.Lock())
    with lock:
        yield


def lock_journey_imports(connection: Connection, journey_id: str) -> None:
    """At the start of an import's transaction: PostgreSQL locks the journey's imports
    until the commit; SQLite has one writer anyway, taken here at the start instead of
    at the first INSERT (after the reads that must not change before it)."""
    if connection.dialect.name == "postgresql":
        digest = hashlib.sha256(f"journeymap import {journey_id}".encode()).digest()
        key = int.from_bytes(digest[:8], "big", signed=True)
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
