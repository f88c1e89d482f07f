"""The language each account reads the app in: read on every run, changed by the
person themselves, each change in the audit log."""

from __future__ import annotations

from sqlalchemy import Engine, select, update

from journeymap.i18n.languages import LANGUAGES, Language
from journeymap.store.audit import record
from journeymap.store.tables import UserRow

USERS = UserRow.__table__


class UnknownAccount(LookupError):
    """No account has this name."""


def account_language(engine: Engine, name: str) -> Language | None:
    """The account's own language; None when it has none (or there is no such account)."""
    with engine.connect() as connection:
        stored = connection.execute(
            select(USERS.c.language).where(USERS.c.name == name)
        ).scalar_one_or_none()
    # A value this version does not speak (written by a newer one) reads as none.
    return next((language for language in LANGUAGES if language == stored), None)


def set_account_language(
    engine: Engine, name: str, language: Language | None, *, actor: str
) -> None:
    """Store the account's language (None: back to the workspace's) and audit it."""
    with engine.begin() as connection:
        before = connection.execute(select(USERS.c.language).where(USERS.c.name == name)).first()
        if before is None:
            raise UnknownAccount(f"account {name!r}: no such account.")
        connection.execute(update(USERS).where(USERS.c.name == name).values(language=language))
        record(
            connection,
            "changed",
            "account",
            name,
            f"language {before.language or 'workspace default'} → "
            f"{language or 'workspace default'}",
            actor=actor,
        )
