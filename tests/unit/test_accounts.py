"""Accounts: hashed passwords, the sign-in rate limit, roles, visit links, the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from journeymap.model.access import Role
from journeymap.model.visit_status import StatusChangeRefused
from journeymap.store.accounts import (
    LOCKOUT,
    MAX_FAILURES,
    AccountError,
    SignInRefused,
    count_accounts,
    create_user,
    set_password,
    sign_in,
    update_account,
)
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.tables import UserRow, VisitLinkRow
from journeymap.store.visit_links import LinkRefused, check_device, issue_link, open_link
from journeymap.store.visit_workflow import change_status
from tests.access_workspace import ACCOUNTS, ADA, NORTH, PASSWORD, seed_access_workspace
from tests.shopping import answer_required

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(database_url: str):  # type: ignore[no-untyped-def]
    engine = open_database(database_url)
    yield engine
    engine.dispose()


def test_the_password_is_stored_as_an_argon2_hash_only(engine) -> None:  # type: ignore[no-untyped-def]
    create_user(engine, "anna", "admin", PASSWORD, actor="t")
    with engine.connect() as connection:
        stored = connection.scalar(select(UserRow.password_hash).where(UserRow.name == "anna"))
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert sign_in(engine, "anna", PASSWORD).role == Role.ADMIN


def test_wrong_password_and_unknown_name_get_the_same_answer(engine) -> None:  # type: ignore[no-untyped-def]
    create_user(engine, "anna", "admin", PASSWORD, actor="t")
    with pytest.raises(SignInRefused) as wrong_password:
        sign_in(engine, "anna", "not the password", now=T0)
    with pytest.raises(SignInRefused) as unknown_name:
        sign_in(engine, "nobody", PASSWORD, now=T0)
    assert str(wrong_password.value) == str(unknown_name.value) == "Wrong name or password."


def test_repeated_failures_lock_the_name_for_a_while(engine) -> None:  # type: ignore[no-untyped-def]
    create_user(engine, "anna", "admin", PASSWORD, actor="t")
    for minute in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in(engine, "anna", "guess", now=T0 + timedelta(minutes=minute))
    # Locked: even the right password is refused, and it says how long to wait.
    with pytest.raises(SignInRefused, match=r"try again in 11 min"):
        sign_in(engine, "anna", PASSWORD, now=T0 + timedelta(minutes=5))
    # Once the first failure is 15 minutes old, four remain within the window: open.
    assert sign_in(engine, "anna", PASSWORD, now=T0 + LOCKOUT + timedelta(seconds=1))
    # A successful sign-in clears the count.
    with pytest.raises(SignInRefused, match=r"^Wrong name or password\.$"):
        sign_in(engine, "anna", "guess", now=T0 + LOCKOUT + timedelta(minutes=1))


def test_names_without_an_account_are_rate_limited_too(engine) -> None:  # type: ignore[no-untyped-def]
    for second in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in(engine, "ghost", "x", now=T0 + timedelta(seconds=second))
    with pytest.raises(SignInRefused, match="Too many failed sign-ins"):
        sign_in(engine, "ghost", "x", now=T0 + timedelta(seconds=10))


def test_an_admin_can_unlock_by_setting_a_new_password(engine) -> None:  # type: ignore[no-untyped-def]
    create_user(engine, "anna", "admin", PASSWORD, actor="t")
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            sign_in(engine, "anna", "guess")
    set_password(engine, "anna", "a brand new sentence", actor="t")
    assert sign_in(engine, "anna", "a brand new sentence").name == "anna"


def test_a_switched_off_account_cannot_sign_in(engine) -> None:  # type: ignore[no-untyped-def]
    create_user(engine, "anna", "admin", PASSWORD, actor="t")
    create_user(engine, "leo", "leader", PASSWORD, actor="t")
    update_account(engine, "leo", actor="t", active=False)
    with pytest.raises(SignInRefused, match="switched off"):
        sign_in(engine, "leo", PASSWORD)


@pytest.mark.parametrize(
    ("name", "role", "password", "kwargs", "message"),
    [
        ("anna", "admin", "short", {}, "at least 10 characters"),
        ("a", "admin", PASSWORD, {}, "use 2–120 letters"),
        ("<script>", "admin", PASSWORD, {}, "use 2–120 letters"),
        ("anna", "boss", PASSWORD, {}, "use one of admin, leader"),
        ("sam", "shopper", PASSWORD, {}, "needs the shopper"),
        ("sam", "shopper", PASSWORD, {"shopper_id": "nobody"}, "no such shopper"),
        ("mo", "location_manager", PASSWORD, {}, "at least one location"),
    ],
)
def test_account_fields_are_checked_with_a_fix(
    engine, name, role, password, kwargs, message
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AccountError, match=message):
        create_user(engine, name, role, password, actor="t", **kwargs)
    assert count_accounts(engine) == 0


def test_names_are_unique_and_the_last_admin_stays(engine) -> None:  # type: ignore[no-untyped-def]
    create_user(engine, "anna", "admin", PASSWORD, actor="t")
    with pytest.raises(AccountError, match="exists"):
        create_user(engine, "anna", "leader", PASSWORD, actor="t")
    with pytest.raises(AccountError, match="last active admin"):
        update_account(engine, "anna", actor="t", role="leader")
    with pytest.raises(AccountError, match="last active admin"):
        update_account(engine, "anna", actor="t", active=False)
    create_user(engine, "bo", "admin", PASSWORD, actor="t")
    assert update_account(engine, "anna", actor="t", role="leader").role == Role.LEADER


def test_visit_links_open_once_and_expire(engine) -> None:  # type: ignore[no-untyped-def]
    seeded = seed_access_workspace(engine)
    token, expires = issue_link(engine, seeded.ada_visit, hours=2, actor="alma", now=T0)
    assert expires == T0 + timedelta(hours=2)
    with engine.connect() as connection:
        stored = connection.execute(select(VisitLinkRow.token_hash)).scalars().all()
    assert token not in stored  # only the hash is kept

    # Wrong visit for the token: refused.
    with pytest.raises(LinkRefused, match="not valid"):
        open_link(engine, seeded.ben_visit, token, now=T0)
    access = open_link(engine, seeded.ada_visit, token, now=T0 + timedelta(minutes=1))
    assert access.shopper_id == ADA
    # The device's key keeps working (a reload) ...
    assert check_device(engine, seeded.ada_visit, access.device_key, now=T0 + timedelta(hours=1))
    # ... the link itself does not open a second time ...
    with pytest.raises(LinkRefused, match="already been opened"):
        open_link(engine, seeded.ada_visit, token, now=T0 + timedelta(minutes=2))
    # ... a device key is not a link, and nothing opens after the expiry.
    with pytest.raises(LinkRefused, match="not valid"):
        open_link(engine, seeded.ada_visit, access.device_key, now=T0 + timedelta(minutes=2))
    with pytest.raises(LinkRefused, match="expired"):
        check_device(engine, seeded.ada_visit, access.device_key, now=T0 + timedelta(hours=2))


def test_an_expired_link_never_opens(engine) -> None:  # type: ignore[no-untyped-def]
    seeded = seed_access_workspace(engine)
    token, _ = issue_link(engine, seeded.ada_visit, hours=1, actor="alma", now=T0)
    with pytest.raises(LinkRefused, match="expired"):
        open_link(engine, seeded.ada_visit, token, now=T0 + timedelta(hours=1, seconds=1))


def test_a_link_ends_when_its_visit_is_submitted(engine) -> None:  # type: ignore[no-untyped-def]
    seeded = seed_access_workspace(engine)
    token, _ = issue_link(engine, seeded.ada_visit, actor="alma")
    access = open_link(engine, seeded.ada_visit, token)
    answer_required(engine, seeded.ada_visit, actor="ada.shopper")
    change_status(engine, seeded.ada_visit, "submitted", actor="ada.shopper")
    with pytest.raises(LinkRefused, match="submitted"):
        check_device(engine, seeded.ada_visit, access.device_key)
    with pytest.raises(LinkRefused, match="nothing left to fill in"):
        issue_link(engine, seeded.ada_visit, actor="alma")


def test_the_audit_log_names_who_did_what(engine) -> None:  # type: ignore[no-untyped-def]
    seeded = seed_access_workspace(engine)
    leader = ACCOUNTS["leader"]
    change_status(engine, seeded.ada_visit, "in_progress", actor=leader)
    answer_required(engine, seeded.ada_visit, actor=ACCOUNTS["shopper"])
    change_status(engine, seeded.ada_visit, "submitted", actor=leader)
    change_status(engine, seeded.ada_visit, "approved", actor=leader)
    update_account(engine, ACCOUNTS["location_manager"], actor=leader, locations=frozenset({NORTH}))
    entries = read_audit(engine, actor=ACCOUNTS["leader"])
    assert [(e.action, e.object_kind) for e in entries] == [
        ("changed", "account"),
        ("approved", "visit"),
        ("submitted", "visit"),
        ("in progress", "visit"),
    ]
    assert entries[1].object_id == str(seeded.ada_visit)
    assert entries[1].detail == "was submitted"
    created = read_audit(engine, object_kind="account")
    assert {e.object_id for e in created if e.action == "created"} >= set(ACCOUNTS.values())


def test_a_failed_change_leaves_no_audit_entry(engine) -> None:  # type: ignore[no-untyped-def]
    seeded = seed_access_workspace(engine)
    before = len(read_audit(engine))
    with pytest.raises(StatusChangeRefused):
        change_status(engine, seeded.ada_visit, "approved", actor="alma")  # not submitted yet
    assert len(read_audit(engine)) == before
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from audit_log")).scalar() == before


def test_single_sign_on_identities_map_to_accounts_by_email(engine) -> None:  # type: ignore[no-untyped-def]
    from journeymap.store.accounts import account_by_email

    create_user(engine, "anna", "admin", PASSWORD, actor="t", email="Anna.Hansen@Example.org")
    create_user(engine, "leo@example.org", "leader", PASSWORD, actor="t")
    assert account_by_email(engine, "anna.hansen@example.org").name == "anna"  # type: ignore[union-attr]
    assert account_by_email(engine, "LEO@example.org").name == "leo@example.org"  # type: ignore[union-attr]
    assert account_by_email(engine, "mallory@example.org") is None
    assert account_by_email(engine, "") is None
