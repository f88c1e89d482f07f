"""Sessions: hashed, expiring, revocable, and ended when the account is switched off."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from journeymap.services.sign_in import session_viewer, sign_in, sign_out
from journeymap.store.accounts import create_user, set_password, update_account
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.sessions import DEFAULT_DAYS, session_account, start_session
from journeymap.store.tables import SessionRow
from tests.access_workspace import PASSWORD

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str):  # type: ignore[no-untyped-def]
    engine = open_database(database_url)
    # The accounts exist before T0, whatever today's date is: a password set after a
    # session began would end it.
    with time_machine.travel(T0 - timedelta(days=1), tick=False):
        create_user(engine, "anna", "admin", PASSWORD, actor="t")
        create_user(engine, "bo", "leader", PASSWORD, actor="t")
    yield engine
    engine.dispose()


def test_only_the_hash_of_the_key_is_stored(engine) -> None:  # type: ignore[no-untyped-def]
    key = start_session(engine, "bo", actor="bo", now=T0)
    with engine.connect() as connection:
        stored = connection.scalars(select(SessionRow.token_hash)).all()
    assert stored == [hashlib.sha256(key.encode()).hexdigest()]
    assert len(key) >= 43  # 32 random bytes, URL-safe


def test_a_session_lasts_until_it_expires(engine) -> None:  # type: ignore[no-untyped-def]
    key = start_session(engine, "bo", actor="bo", now=T0)
    assert session_account(engine, key, now=T0 + timedelta(days=DEFAULT_DAYS, seconds=-1)) == "bo"
    assert session_account(engine, key, now=T0 + timedelta(days=DEFAULT_DAYS)) is None
    assert session_account(engine, "a-key-nobody-issued", now=T0) is None
    assert session_account(engine, "", now=T0) is None


def test_signing_out_ends_the_session_at_once_and_is_audited(engine) -> None:  # type: ignore[no-untyped-def]
    signed_in = sign_in(engine, "bo", PASSWORD)
    viewer = session_viewer(engine, signed_in.session_key)
    assert viewer is not None
    assert viewer.name == "bo"
    other_device = sign_in(engine, "bo", PASSWORD).session_key
    sign_out(viewer, engine, signed_in.session_key)
    assert session_viewer(engine, signed_in.session_key) is None
    # Another device of the same person stays signed in.
    assert session_viewer(engine, other_device) is not None
    actions = [entry.action for entry in read_audit(engine)]
    assert "started session" in actions
    assert "signed out" in actions


def test_switching_the_account_off_ends_every_session(engine) -> None:  # type: ignore[no-untyped-def]
    key = sign_in(engine, "bo", PASSWORD).session_key
    update_account(engine, "bo", actor="anna", active=False)
    assert session_viewer(engine, key) is None
    # Switched on again, the old key stays dead: it was revoked, not just paused.
    update_account(engine, "bo", actor="anna", active=True)
    assert session_viewer(engine, key) is None


def test_a_new_password_ends_older_sessions(engine) -> None:  # type: ignore[no-untyped-def]
    key = start_session(engine, "bo", actor="bo", now=datetime.now(UTC) - timedelta(minutes=5))
    set_password(engine, "bo", "another long sentence here", actor="anna")
    assert session_viewer(engine, key) is None


def test_a_role_change_applies_to_a_live_session(engine) -> None:  # type: ignore[no-untyped-def]
    key = sign_in(engine, "bo", PASSWORD).session_key
    update_account(engine, "bo", actor="anna", role="analyst")
    viewer = session_viewer(engine, key)
    assert viewer is not None
    assert viewer.role.value == "analyst"
