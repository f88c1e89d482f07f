"""Accounts and visit links, as the Accounts page and the account commands change them.

Admins only: each change is checked here and written with the admin's name in the audit
log, in the same transaction as the change.
"""

from __future__ import annotations

from sqlalchemy import Engine

from journeymap.i18n import N_
from journeymap.model.access import Capability, Viewer
from journeymap.model.visit_status import EDITABLE_STATUSES
from journeymap.services.access import actor, require
from journeymap.services.visit_links import DEFAULT_HOURS, MAX_HOURS, LinkRefused, issue_visit_link
from journeymap.store import accounts as account_store
from journeymap.store.accounts import Account, AccountError
from journeymap.store.visits import VisitInfo, list_shoppers, list_visits

__all__ = [
    "DEFAULT_HOURS",
    "MAX_HOURS",
    "Account",
    "AccountError",
    "LinkRefused",
    "change_account",
    "create_account",
    "issue_visit_link",
    "list_accounts",
    "open_visits",
    "set_password",
    "shopper_names",
]


def _may_manage(viewer: Viewer, doing: str = N_("manage accounts")) -> None:
    require(viewer, Capability.MANAGE_ACCOUNTS, doing)


def list_accounts(viewer: Viewer, engine: Engine) -> list[Account]:
    _may_manage(viewer, N_("see the accounts"))
    return account_store.list_accounts(engine)


def create_account(
    viewer: Viewer,
    engine: Engine,
    name: str,
    role: str,
    password: str,
    *,
    email: str = "",
    shopper_id: str | None = None,
    locations: frozenset[str] | set[str] = frozenset(),
) -> Account:
    """A new account; AccountError naming the field and the fix."""
    _may_manage(viewer, N_("create accounts"))
    return account_store.create_user(
        engine,
        name,
        role,
        password,
        actor=actor(viewer),
        email=email,
        shopper_id=shopper_id,
        locations=locations,
    )


def change_account(
    viewer: Viewer,
    engine: Engine,
    name: str,
    *,
    role: str | None = None,
    active: bool | None = None,
    shopper_id: str | None = None,
    locations: frozenset[str] | set[str] | None = None,
    email: str | None = None,
) -> Account:
    """Change the role, scope or e-mail, or switch the account off or on."""
    _may_manage(viewer, N_("change accounts"))
    return account_store.update_account(
        engine,
        name,
        actor=actor(viewer),
        role=role,
        active=active,
        shopper_id=shopper_id,
        locations=locations,
        email=email,
    )


def set_password(viewer: Viewer, engine: Engine, name: str, password: str) -> None:
    """A new password for the account (also ends a sign-in lockout)."""
    _may_manage(viewer, N_("set passwords"))
    account_store.set_password(engine, name, password, actor=actor(viewer))


def shopper_names(viewer: Viewer, engine: Engine) -> dict[str, str]:
    """Shopper id → name, to pick the shopper a shopper account signs in as."""
    _may_manage(viewer, N_("see the shoppers' names"))
    return list_shoppers(engine)


def open_visits(viewer: Viewer, engine: Engine) -> list[VisitInfo]:
    """The visits a link can still open: assigned or in progress."""
    _may_manage(viewer, N_("make visit links"))
    return list_visits(engine, statuses=EDITABLE_STATUSES)
