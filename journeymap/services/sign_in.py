"""Who is looking: a signed-in account, a single-sign-on identity, a visit link, or in a
workspace without accounts its owner.

Worked out again from what the server holds on every page run (the account row, the
link's key), so a role taken away or an account switched off applies at the next click.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from journeymap.i18n import _
from journeymap.model.access import Role, Viewer
from journeymap.services.access import owner_viewer
from journeymap.store.accounts import (
    Account,
    SignInRefused,
    account_by_email,
    count_accounts,
    get_account,
)
from journeymap.store.accounts import sign_in as check_sign_in
from journeymap.store.people import get_shopper
from journeymap.store.sessions import end_session, session_account, start_session
from journeymap.store.visit_links import LinkRefused, check_device, open_link

__all__ = [
    "LinkRefused",
    "LinkSession",
    "SignInRefused",
    "SignedIn",
    "account_viewer",
    "session_viewer",
    "sign_out",
    "email_viewer",
    "has_accounts",
    "sign_in",
    "visit_link_session",
    "workspace_viewer",
]


def has_accounts(engine: Engine) -> bool:
    return count_accounts(engine) > 0


def workspace_viewer(engine: Engine) -> Viewer | None:
    """The owner in a workspace without accounts (named by JOURNEYMAP_AUTHOR or the login
    name); None once there are accounts: then everyone signs in."""
    return None if has_accounts(engine) else owner_viewer()


@dataclass(frozen=True)
class SignedIn:
    account: Account
    # The device keeps this key (the address holds it), so that a reload or a server
    # restart finds the same person signed in; the database keeps only its hash.
    session_key: str


def sign_in(engine: Engine, name: str, password: str) -> SignedIn:
    """A new session when name and password match; SignInRefused (a sentence) otherwise."""
    account = check_sign_in(engine, name, password)
    if not _shopper_active(engine, account.shopper_id):
        raise SignInRefused(
            _("This shopper is switched off in the programme: ask the programme's leader.")
        )
    return SignedIn(account, start_session(engine, account.name, actor=account.name))


def session_viewer(engine: Engine, session_key: str) -> Viewer | None:
    """The viewer a device's session key stands for while the session and its account
    are live; None once it expired, was ended, or the account was switched off."""
    name = session_account(engine, session_key)
    return account_viewer(engine, name) if name is not None else None


def sign_out(viewer: Viewer, engine: Engine, session_key: str) -> None:
    """End this device's session at once: the key is refused from the next run on."""
    end_session(engine, session_key, actor=viewer.name)


def account_viewer(engine: Engine, name: str) -> Viewer | None:
    """The viewer of a signed-in name while its account exists and is active (and, for
    a shopper, while the shopper is not switched off in the programme)."""
    account = get_account(engine, name)
    return account.viewer() if account is not None and _usable(engine, account) else None


def email_viewer(engine: Engine, email: str) -> Viewer | None:
    """The viewer a single-sign-on identity maps to, by e-mail, while it is active."""
    account = account_by_email(engine, email)
    return account.viewer() if account is not None and _usable(engine, account) else None


def _usable(engine: Engine, account: Account) -> bool:
    return account.active and _shopper_active(engine, account.shopper_id)


def _shopper_active(engine: Engine, shopper_id: str | None) -> bool:
    """A shopper switched off in the programme no longer signs in; other accounts do."""
    if not shopper_id:
        return True
    shopper = get_shopper(engine, shopper_id)
    return shopper is None or shopper.active


@dataclass(frozen=True)
class LinkSession:
    viewer: Viewer
    # Set when the link itself was spent just now: the address should hold this key
    # from now on, so that a reload stays in the form.
    device_key: str | None


def visit_link_session(engine: Engine, visit_id: int, token: str) -> LinkSession:
    """The one-visit viewer a link or device key opens; LinkRefused with the reason."""
    try:
        access = check_device(engine, visit_id, token)
        device_key = None
    except LinkRefused:
        access = open_link(engine, visit_id, token)
        device_key = access.device_key
    if not _shopper_active(engine, access.shopper_id):
        raise LinkRefused(
            _("This visit's shopper is switched off in the programme: ask the programme's leader.")
        )
    viewer = Viewer(
        name=f"visit link {visit_id}",
        role=Role.SHOPPER,
        shopper_id=access.shopper_id,
        only_visit=visit_id,
    )
    return LinkSession(viewer, device_key)
