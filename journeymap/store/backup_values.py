"""Column values as JSON and back, so a backup restores into SQLite or PostgreSQL alike.

JSON has no times, dates, exact decimals or bytes, so those travel as strings and are
turned back into the column's type on restore. Times with a zone are written in UTC:
SQLite hands back the stored UTC time without its zone, PostgreSQL in the session's
zone, and a restore must give the same instant either way.
"""

from __future__ import annotations

import base64
import enum
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Time,
    Uuid,
)
from sqlalchemy.types import TypeEngine

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]
# Column types whose values JSON holds as they are.
NATIVE = (Integer, Float, Boolean, String)


def encoder(column: Column[Any]) -> Encoder | None:
    """How to write this column's values as JSON; None: they are JSON values already."""
    kind = column.type
    if isinstance(kind, DateTime):
        return _datetime_encoder(bool(kind.timezone))
    if isinstance(kind, NATIVE) and not isinstance(kind, Enum):
        return None
    return _any_value


def _datetime_encoder(zoned: bool) -> Encoder:
    def encode(value: Any) -> Any:
        if value is None:
            return None
        return (_in_utc(value) if zoned else value).isoformat()

    return encode


def _any_value(value: Any) -> Any:
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, enum.Enum):
        return value.name  # what SQLAlchemy stores for an Enum of a Python enum class
    return value


def decoder(column_type: TypeEngine[Any]) -> Decoder | None:
    """How to turn a JSON value back into this column's type; None: as it is."""
    if isinstance(column_type, DateTime):
        return _datetime_decoder(bool(column_type.timezone))
    if isinstance(column_type, Date):
        return _skip_none(date.fromisoformat)
    if isinstance(column_type, Time):
        return _skip_none(time.fromisoformat)
    if isinstance(column_type, Float):
        return None
    if isinstance(column_type, Numeric):
        return _skip_none(lambda v: Decimal(str(v)))
    if isinstance(column_type, LargeBinary):
        return _skip_none(base64.b64decode)
    if isinstance(column_type, Uuid):
        return _skip_none(lambda v: v if column_type.as_uuid is False else uuid.UUID(v))
    return None


def _skip_none(convert: Decoder) -> Decoder:
    return lambda value: None if value is None else convert(value)


def _datetime_decoder(zoned: bool) -> Decoder:
    # SQLite reflects every DATETIME without a zone, so a zone in the value decides:
    # an aware time is stored as UTC, which is what the product writes everywhere.
    def decode(value: Any) -> Any:
        if value is None:
            return None
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is not None or zoned:
            return _in_utc(parsed)
        return parsed

    return decode


def _in_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite's way of handing back a stored UTC time
    return value.astimezone(UTC)
