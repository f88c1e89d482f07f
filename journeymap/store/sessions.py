"""Sessions: the key a signed-in device holds, so a reload or a restart keeps it in.

The key is random (256 bits) and only its SHA-256 is stored, like a visit link's: a
stolen database holds no usable session. A session is checked again on every page run
against its account, so signing out, switching the account off or setting a new
password ends it at the next click.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select, update

from journeymap.i18n import _
from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import SessionRow, UserRow

SESSIONS = SessionRow.__table__
USERS = UserRow.__table__
# A shopper signs in on Monday and fills visits all week on the same tablet.
DEFAULT_DAYS = 7


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def start_session(
    engine: Engine, name: str, *, actor: str, days: int = DEFAULT_DAYS, now: datetime | None = None
) -> str:
    """A new session key for the account ``name``; only its hash is kept."""
    now = now or datetime.now(UTC)
    key = secrets.token_urlsafe(32)
    with engine.begin() as connection:
        user_id = connection.execute(
            select(USERS.c.id).where(USERS.c.name == name, USERS.c.active.is_(True))
        ).scalar_one_or_none()
        if user_id is None:
            raise ValueError(_("account {name}: no such active account.").format(name=repr(name)))
        connection.execute(
            insert(SESSIONS).values(
                token_hash=_digest(key),
                user_id=user_id,
                created_at=now,
                expires_at=now + timedelta(days=days),
            )
        )
        record(connection, "started session", "account", name, f"valid {days} d", actor=actor)
    return key


def session_account(engine: Engine, key: str, now: datetime | None = None) -> str | None:
    """The account name a session key stands for, or None when it has ended."""
    if not key:
        return None
    now = now or datetime.now(UTC)
    with engine.connect() as connection:
        row = connection.execute(
            select(
                SESSIONS.c.created_at,
                SESSIONS.c.expires_at,
                SESSIONS.c.revoked_at,
                USERS.c.name,
                USERS.c.active,
                USERS.c.password_changed_at,
            )
            .join(USERS, USERS.c.id == SESSIONS.c.user_id)
            .where(SESSIONS.c.token_hash == _digest(key))
        ).first()
    if row is None or row.revoked_at is not None or not row.active:
        return None
    if as_utc(row.expires_at) <= now:
        return None
    changed = row.password_changed_at
    if changed is not None and as_utc(changed) > as_utc(row.created_at):
        return None
    return str(row.name)


def end_session(engine: Engine, key: str, *, actor: str, now: datetime | None = None) -> bool:
    """Revoke one session (signing out); True when there was one still open."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        ended = connection.execute(
            update(SESSIONS)
            .where(SESSIONS.c.token_hash == _digest(key), SESSIONS.c.revoked_at.is_(None))
            .values(revoked_at=now)
        ).rowcount
        if ended:
            record(connection, "signed out", "account", actor, actor=actor)
    return bool(ended)


def revoke_sessions_of(connection: Connection, user_id: int, now: datetime) -> int:
    """Revoke every open session of an account, inside the caller's transaction (an
    account switched off is signed out everywhere at once)."""
    return int(
        connection.execute(
            update(SESSIONS)
            .where(SESSIONS.c.user_id == user_id, SESSIONS.c.revoked_at.is_(None))
            .values(revoked_at=now)
        ).rowcount
    )
