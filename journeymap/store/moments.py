"""Timestamps as the stores hand them out: always aware, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def as_utc(moment: datetime) -> datetime:
    # SQLite gives back the stored UTC time without its zone; PostgreSQL keeps it.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
