"""Links that open one assigned visit without a login.

The link's token is random (256 bits) and only its SHA-256 is stored: a stolen
database holds no usable link. A link opens once; the device that opens it gets its
own key for the same visit, so a reload on the tablet stays in the form while the
link itself, forwarded or opened again, is refused. Both end at the expiry time and
once the visit is submitted.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select, update

from journeymap.i18n import N_, _
from journeymap.model.visit_status import EDITABLE_STATUSES
from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.tables import VisitLinkRow, VisitRow

LINKS = VisitLinkRow.__table__
DEFAULT_HOURS = 72
MAX_HOURS = 24 * 30


class LinkRefused(Exception):
    """The link is unknown, expired, used, or its visit is no longer open."""


@dataclass(frozen=True)
class VisitAccess:
    visit_id: int
    shopper_id: str
    device_key: str
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_link(
    engine: Engine,
    visit_id: int,
    *,
    hours: int = DEFAULT_HOURS,
    actor: str,
    now: datetime | None = None,
) -> tuple[str, datetime]:
    """A new link token for the visit and when it expires; only its hash is kept.

    ``actor`` issues it: the audit log and the link's ``created_by`` name them.
    """
    if not 1 <= hours <= MAX_HOURS:
        raise ValueError(
            _("hours: use 1 to {max_hours} (got {hours}).").format(max_hours=MAX_HOURS, hours=hours)
        )
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        status = connection.execute(
            select(VisitRow.status).where(VisitRow.id == visit_id)
        ).scalar_one_or_none()
        if status is None:
            raise LinkRefused(_("visit {visit_id}: no such visit.").format(visit_id=visit_id))
        if status not in EDITABLE_STATUSES:
            raise LinkRefused(
                _("visit {visit_id} is {status}: there is nothing left to fill in.").format(
                    visit_id=visit_id, status=status
                )
            )
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(hours=hours)
        connection.execute(
            insert(LINKS).values(
                token_hash=_digest(token),
                visit_id=visit_id,
                kind="link",
                created_by=actor[:120],
                created_at=now,
                expires_at=expires,
            )
        )
        record(connection, "issued link", "visit", visit_id, f"valid {hours} h", actor=actor)
    return token, expires


def open_link(
    engine: Engine, visit_id: int, token: str, now: datetime | None = None
) -> VisitAccess:
    """Spend the link on this device: returns the device's key for the same visit."""
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        row = _checked(connection, visit_id, token, "link", now)
        spent = connection.execute(
            update(LINKS)
            .where(LINKS.c.token_hash == row.token_hash, LINKS.c.used_at.is_(None))
            .values(used_at=now)
        ).rowcount
        if not spent:  # another device opened it in the same instant
            raise LinkRefused(_(_USED))
        device_key = secrets.token_urlsafe(32)
        connection.execute(
            insert(LINKS).values(
                token_hash=_digest(device_key),
                visit_id=visit_id,
                kind="device",
                created_by=row.created_by,
                created_at=now,
                expires_at=row.expires_at,
            )
        )
        record(connection, "opened link", "visit", visit_id, actor=f"link for visit {visit_id}")
        return VisitAccess(visit_id, row.shopper_id, device_key, as_utc(row.expires_at))


def check_device(
    engine: Engine, visit_id: int, device_key: str, now: datetime | None = None
) -> VisitAccess:
    """The access a device key gives, checked again on every page run."""
    now = now or datetime.now(UTC)
    with engine.connect() as connection:
        row = _checked(connection, visit_id, device_key, "device", now)
    return VisitAccess(visit_id, row.shopper_id, device_key, as_utc(row.expires_at))


_USED = N_(
    "This visit link has already been opened on another device. Continue there, or ask "
    "the programme manager for a new link."
)


def _checked(connection, visit_id: int, token: str, kind: str, now: datetime):  # type: ignore[no-untyped-def]
    row = connection.execute(
        select(LINKS, VisitRow.shopper_id, VisitRow.status)
        .join(VisitRow, VisitRow.id == LINKS.c.visit_id)
        .where(LINKS.c.token_hash == _digest(token))
    ).first()
    if row is None or row.kind != kind or row.visit_id != visit_id:
        raise LinkRefused(
            _(
                "This visit link is not valid: check that it was copied whole, or ask the "
                "programme manager for a new one."
            )
        )
    if as_utc(row.expires_at) <= now:
        raise LinkRefused(
            _(
                "This visit link has expired: ask the programme manager for a new one. "
                "Answers already given are kept."
            )
        )
    if kind == "link" and row.used_at is not None:
        raise LinkRefused(_(_USED))
    if row.status == "submitted":
        raise LinkRefused(_("This visit has been submitted: thank you. The link has done its job."))
    if row.status not in EDITABLE_STATUSES:
        raise LinkRefused(
            _("This visit is {status}: the link has done its job.").format(status=row.status)
        )
    return row
