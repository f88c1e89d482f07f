"""Accounts: argon2-hashed passwords, a sign-in rate limit, roles and location scopes.

The rate limit lives in the database, not in a process, so several app replicas share
it, and failures against names without an account count the same way, so it does not
reveal which accounts exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from journeymap.i18n import _
from journeymap.model.access import ROLE_LABELS, Role, Viewer
from journeymap.store.audit import record
from journeymap.store.moments import as_utc
from journeymap.store.sessions import revoke_sessions_of
from journeymap.store.tables import (
    LocationRow,
    LoginFailureRow,
    ShopperRow,
    UserLocationRow,
    UserRow,
)

USERS = UserRow.__table__
USER_LOCATIONS = UserLocationRow.__table__
FAILURES = LoginFailureRow.__table__

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{1,119}$")

_hasher = PasswordHasher()
# Verified against when the name has no account, so that a wrong name takes as long
# as a wrong password.
_DUMMY_HASH = _hasher.hash("journeymap-no-such-account")


class AccountError(ValueError):
    """A refused account change; the message names the field and the fix."""


class SignInRefused(Exception):
    """Wrong name or password, a locked or inactive account; the message says which
    without telling whether the name exists."""


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: Role
    email: str
    shopper_id: str | None
    active: bool
    locations: frozenset[str]
    created_at: datetime

    def viewer(self) -> Viewer:
        return Viewer(
            name=self.name,
            role=self.role,
            shopper_id=self.shopper_id,
            locations=self.locations,
        )


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            _(
                "password: use at least {min_password_length} characters (got {count}); a "
                "short sentence is easy to remember."
            ).format(min_password_length=MIN_PASSWORD_LENGTH, count=len(password))
        )


def _check_name(name: str) -> None:
    if not NAME_PATTERN.match(name):
        raise AccountError(
            _(
                "name {name}: use 2–120 letters, digits or . _ @ + - , starting with a letter"
                " or digit (e.g. an e-mail address or 'anna.hansen')."
            ).format(name=repr(name))
        )


def _check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise AccountError(
            _("role {role}: use one of {known}.").format(role=repr(role), known=known)
        ) from None


def create_user(
    engine: Engine,
    name: str,
    role: str,
    password: str,
    *,
    actor: str,
    email: str = "",
    shopper_id: str | None = None,
    locations: frozenset[str] | set[str] = frozenset(),
    now: datetime | None = None,
) -> Account:
    _check_name(name)
    checked_role = _check_role(role)
    check_password(password)
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        _check_scope(connection, checked_role, shopper_id, locations)
        try:
            user_id = connection.execute(
                insert(USERS).values(
                    name=name,
                    role=checked_role.value,
                    password_hash=_hasher.hash(password),
                    email=email,
                    shopper_id=shopper_id or None,
                    active=True,
                    created_at=now,
                    password_changed_at=now,
                )
            ).inserted_primary_key[0]
        except IntegrityError:
            raise AccountError(
                _("name {name}: an account with this name exists.").format(name=repr(name))
            ) from None
        _write_locations(connection, user_id, locations)
        record(
            connection,
            "created",
            "account",
            name,
            f"role {ROLE_LABELS[checked_role]}",
            actor=actor,
        )
    account = get_account(engine, name)
    assert account is not None
    return account


def _check_scope(
    connection, role: Role, shopper_id: str | None, locations: frozenset[str] | set[str]
) -> None:  # type: ignore[no-untyped-def]
    if role == Role.SHOPPER:
        if not shopper_id:
            raise AccountError(
                _(
                    "shopper: a shopper account needs the shopper it signs in as (--shopper ID; "
                    "see the Programme page for the ids)."
                )
            )
        found = connection.execute(select(ShopperRow.id).where(ShopperRow.id == shopper_id))
        if found.first() is None:
            raise AccountError(
                _("shopper {shopper_id}: no such shopper in this workspace.").format(
                    shopper_id=repr(shopper_id)
                )
            )
    if role == Role.LOCATION_MANAGER:
        if not locations:
            raise AccountError(
                _("locations: a location manager needs at least one location (--location ID).")
            )
        known = set(connection.execute(select(LocationRow.id)).scalars())
        unknown = sorted(set(locations) - known)
        if unknown:
            raise AccountError(
                _("locations: no such location {unknown}.").format(unknown=", ".join(unknown))
            )


def _write_locations(connection, user_id: int, locations) -> None:  # type: ignore[no-untyped-def]
    connection.execute(delete(USER_LOCATIONS).where(USER_LOCATIONS.c.user_id == user_id))
    if locations:
        connection.execute(
            insert(USER_LOCATIONS),
            [{"user_id": user_id, "location_id": loc} for loc in sorted(locations)],
        )


def count_accounts(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(USERS)).scalar_one())


def list_accounts(engine: Engine) -> list[Account]:
    with engine.connect() as connection:
        rows = connection.execute(select(USERS).order_by(USERS.c.name)).all()
        scopes = _locations_by_user(connection)
    return [_account(row, scopes.get(row.id, frozenset())) for row in rows]


def get_account(engine: Engine, name: str) -> Account | None:
    with engine.connect() as connection:
        row = connection.execute(select(USERS).where(USERS.c.name == name)).first()
        if row is None:
            return None
        return _account(row, _locations_by_user(connection, row.id).get(row.id, frozenset()))


def _locations_by_user(connection, user_id: int | None = None) -> dict[int, frozenset[str]]:  # type: ignore[no-untyped-def]
    query = select(USER_LOCATIONS)
    if user_id is not None:
        query = query.where(USER_LOCATIONS.c.user_id == user_id)
    found: dict[int, set[str]] = {}
    for row in connection.execute(query):
        found.setdefault(row.user_id, set()).add(row.location_id)
    return {user: frozenset(locs) for user, locs in found.items()}


def _account(row, locations: frozenset[str]) -> Account:  # type: ignore[no-untyped-def]
    return Account(
        id=row.id,
        name=row.name,
        role=Role(row.role),
        email=row.email,
        shopper_id=row.shopper_id,
        active=bool(row.active),
        locations=locations,
        created_at=as_utc(row.created_at),
    )


def update_account(
    engine: Engine,
    name: str,
    *,
    actor: str,
    role: str | None = None,
    active: bool | None = None,
    shopper_id: str | None = None,
    locations: frozenset[str] | set[str] | None = None,
    email: str | None = None,
) -> Account:
    current = get_account(engine, name)
    if current is None:
        raise AccountError(_("account {name}: no such account.").format(name=repr(name)))
    new_role = _check_role(role) if role is not None else current.role
    new_shopper = shopper_id if shopper_id is not None else current.shopper_id
    new_locations = frozenset(locations) if locations is not None else current.locations
    changes: dict[str, object] = {"role": new_role.value, "shopper_id": new_shopper or None}
    if active is not None:
        changes["active"] = active
    if email is not None:
        changes["email"] = email
    with engine.begin() as connection:
        _check_scope(connection, new_role, new_shopper, new_locations)
        _refuse_removing_last_admin(connection, current, new_role, active)
        connection.execute(update(USERS).where(USERS.c.id == current.id).values(**changes))
        _write_locations(connection, current.id, new_locations)
        if active is False:
            revoke_sessions_of(connection, current.id, datetime.now(UTC))
        record(
            connection,
            "changed",
            "account",
            name,
            _describe(current, changes, new_locations),
            actor=actor,
        )
    updated = get_account(engine, name)
    assert updated is not None
    return updated


def _describe(current: Account, changes: dict[str, object], locations: frozenset[str]) -> str:
    parts = []
    if changes["role"] != current.role.value:
        parts.append(f"role {current.role.value} → {changes['role']}")
    if "active" in changes and changes["active"] != current.active:
        parts.append("activated" if changes["active"] else "deactivated")
    if locations != current.locations:
        parts.append(f"locations {', '.join(sorted(locations)) or '—'}")
    if (changes.get("shopper_id") or None) != current.shopper_id:
        parts.append(f"shopper {changes.get('shopper_id') or '—'}")
    return "; ".join(parts) or "no change"


def _refuse_removing_last_admin(connection, current: Account, role: Role, active) -> None:  # type: ignore[no-untyped-def]
    if current.role != Role.ADMIN or (role == Role.ADMIN and active is not False):
        return
    admins = connection.execute(
        select(func.count())
        .select_from(USERS)
        .where(USERS.c.role == Role.ADMIN.value, USERS.c.active.is_(True))
    ).scalar_one()
    if admins <= 1:
        raise AccountError(
            _(
                "account {name}: the last active admin cannot lose the admin role; make "
                "another admin first."
            ).format(name=repr(current.name))
        )


def set_password(
    engine: Engine, name: str, password: str, *, actor: str, now: datetime | None = None
) -> None:
    check_password(password)
    now = now or datetime.now(UTC)
    with engine.begin() as connection:
        changed = connection.execute(
            update(USERS)
            .where(USERS.c.name == name)
            .values(password_hash=_hasher.hash(password), password_changed_at=now)
        ).rowcount
        if not changed:
            raise AccountError(_("account {name}: no such account.").format(name=repr(name)))
        connection.execute(delete(FAILURES).where(FAILURES.c.name == name))
        record(connection, "changed", "account", name, "password set", actor=actor)


def sign_in(engine: Engine, name: str, password: str, now: datetime | None = None) -> Account:
    """The account when name and password match; SignInRefused otherwise.

    After MAX_FAILURES failed attempts within LOCKOUT, the name is refused without a
    check until the oldest of them is LOCKOUT old.
    """
    now = now or datetime.now(UTC)
    name = name.strip()
    with engine.connect() as connection:
        recent = connection.execute(
            select(FAILURES.c.failed_at)
            .where(FAILURES.c.name == name, FAILURES.c.failed_at > now - LOCKOUT)
            .order_by(FAILURES.c.failed_at)
        ).scalars()
        recent_failures = [as_utc(moment) for moment in recent]
        row = connection.execute(select(USERS).where(USERS.c.name == name)).first()
    if len(recent_failures) >= MAX_FAILURES:
        wait = recent_failures[-MAX_FAILURES] + LOCKOUT - now
        minutes = max(1, int(wait.total_seconds() // 60) + 1)
        raise SignInRefused(
            _(
                "Too many failed sign-ins for this name: try again in {minutes} min, or ask "
                "an admin to set a new password."
            ).format(minutes=minutes)
        )
    if not _password_matches(row, password):
        with engine.begin() as connection:
            connection.execute(insert(FAILURES).values(name=name[:120], failed_at=now))
            record(connection, "sign-in failed", "account", name[:120], actor=name[:120] or "?")
        left = MAX_FAILURES - len(recent_failures) - 1
        if left >= 3:
            raise SignInRefused(_("Wrong name or password."))
        raise SignInRefused(
            _("Wrong name or password. {left} more tries before a {minutes}-minute pause.").format(
                left=left, minutes=LOCKOUT.seconds // 60
            )
        )
    if not row.active:
        raise SignInRefused(_("This account is switched off: ask an admin."))
    with engine.begin() as connection:
        connection.execute(delete(FAILURES).where(FAILURES.c.name == name))
        if _hasher.check_needs_rehash(row.password_hash):
            connection.execute(
                update(USERS)
                .where(USERS.c.id == row.id)
                .values(password_hash=_hasher.hash(password))
            )
        record(connection, "signed in", "account", name, actor=name)
    account = get_account(engine, name)
    assert account is not None
    return account


def _password_matches(row, password: str) -> bool:  # type: ignore[no-untyped-def]
    stored = row.password_hash if row is not None and row.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return row is not None and bool(row.password_hash)


def account_by_email(engine: Engine, email: str) -> Account | None:
    """The account a single-sign-on identity maps to: matched by e-mail, then by name."""
    email = email.strip().lower()
    if not email:
        return None
    with engine.connect() as connection:
        row = connection.execute(
            select(USERS.c.name).where(
                (func.lower(USERS.c.email) == email) | (func.lower(USERS.c.name) == email)
            )
        ).first()
    return get_account(engine, row.name) if row else None
