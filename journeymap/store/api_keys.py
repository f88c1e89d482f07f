"""API keys: created, revoked, found by their secret; every use written to the audit log.

The secret is 256 random bits, so its SHA-256 is enough to store (no slow hash is needed
against guessing): a stolen database holds no usable key. The key is shown once, when
it is made.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from journeymap.i18n import _
from journeymap.store.audit import record
from journeymap.store.import_turns import writer_turn
from journeymap.store.moments import as_utc
from journeymap.store.tables import ApiKeyRow

KEYS = ApiKeyRow.__table__
PREFIX = "jm_"  # lets a secret scanner, and a person, tell a journeymap key
SCOPES = ("read", "push", "both")


class ApiKeyError(ValueError):
    """A key that cannot be made or revoked as asked; the message is a sentence."""


@dataclass(frozen=True)
class ApiKey:
    name: str
    scope: str
    journeys: tuple[str, ...]  # empty: every journey
    created_by: str
    created_at: datetime
    revoked_at: datetime | None
    revoked_by: str
    signing_secret: str = ""

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def create_key(
    engine: Engine,
    name: str,
    scope: str,
    journeys: tuple[str, ...],
    *,
    signing_secret: str = "",
    actor: str,
    now: datetime | None = None,
) -> tuple[ApiKey, str]:
    """The new key and its secret (shown once; only its hash is kept)."""
    secret = new_secret()
    now = now or datetime.now(UTC)
    try:
        with engine.begin() as connection:
            connection.execute(
                insert(KEYS).values(
                    name=name,
                    secret_hash=digest(secret),
                    scope=scope,
                    journeys=json.dumps(list(journeys)),
                    signing_secret=signing_secret,
                    created_by=actor[:120],
                    created_at=now,
                    revoked_by="",
                )
            )
            where = f"journeys {', '.join(journeys)}" if journeys else "every journey"
            record(connection, "created", "api key", name, f"{scope}, {where}", actor=actor)
    except IntegrityError:
        raise ApiKeyError(
            _("there is already an API key named '{name}': choose another name").format(name=name)
        ) from None
    return ApiKey(name, scope, journeys, actor[:120], now, None, "", signing_secret), secret


def revoke_key(engine: Engine, name: str, *, actor: str, now: datetime | None = None) -> None:
    """The key stops working at once; ApiKeyError for no such key or one already revoked."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        found = connection.execute(
            select(KEYS.c.id, KEYS.c.revoked_at).where(KEYS.c.name == name)
        ).first()
        if found is None:
            raise ApiKeyError(_("there is no API key named '{name}'").format(name=name))
        if found.revoked_at is not None:
            raise ApiKeyError(_("the API key '{name}' is already revoked").format(name=name))
        connection.execute(
            update(KEYS).where(KEYS.c.id == found.id).values(revoked_at=now, revoked_by=actor)
        )
        record(connection, "revoked", "api key", name, actor=actor)


def list_keys(engine: Engine) -> list[ApiKey]:
    with engine.connect() as connection:
        rows = connection.execute(select(KEYS).order_by(KEYS.c.name)).all()
    return [_key(row) for row in rows]


def find_key(engine: Engine, secret: str) -> ApiKey | None:
    """The key whose secret this is, revoked or not; None for an unknown secret."""
    with engine.connect() as connection:
        row = connection.execute(select(KEYS).where(KEYS.c.secret_hash == digest(secret))).first()
    return None if row is None else _key(row)


def record_use(engine: Engine, name: str, detail: str, *, actor: str) -> None:
    """One audit entry per request a key makes (or is refused)."""
    with writer_turn(engine), engine.begin() as connection:
        record(connection, "used", "api key", name, detail, actor=actor)


def _key(row: object) -> ApiKey:
    return ApiKey(
        name=row.name,  # type: ignore[attr-defined]
        scope=row.scope,  # type: ignore[attr-defined]
        journeys=tuple(json.loads(row.journeys or "[]")),  # type: ignore[attr-defined]
        created_by=row.created_by,  # type: ignore[attr-defined]
        created_at=as_utc(row.created_at),  # type: ignore[attr-defined]
        revoked_at=as_utc(row.revoked_at) if row.revoked_at else None,  # type: ignore[attr-defined]
        revoked_by=row.revoked_by,  # type: ignore[attr-defined]
        signing_secret=row.signing_secret,  # type: ignore[attr-defined]
    )
