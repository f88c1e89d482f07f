"""`create-user`, `users`, `set-password`, `visit-link` and `audit`: accounts from a shell.

The first admin of a workspace is made here, before anyone can sign in to the app.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from journeymap.cli.common import (
    EXIT_OK,
    CommandError,
    Commands,
    engine_for,
    shown_time,
    viewer_for,
)
from journeymap.cli.json_out import emit
from journeymap.i18n import _
from journeymap.model.access import Role

# A command, the same in every language.
FIRST_ADMIN = "python -m journeymap create-user NAME --role admin"


def register(commands: Commands) -> None:
    sub = commands.add(
        "create-user",
        cmd_create_user,
        _("create an account; the password is asked for (or read from standard input)"),
    )
    sub.add_argument("name", metavar="NAME")
    sub.add_argument("--role", required=True, choices=[r.value for r in Role])
    sub.add_argument("--email", default="", help=_("matched when signing in with single sign-on"))
    sub.add_argument("--shopper", default=None, metavar="ID", help=_("shopper accounts: who"))
    sub.add_argument(
        "--location",
        action="append",
        default=[],
        metavar="ID",
        help=_("location managers: a location they see (repeat for several)"),
    )
    sub = commands.add("set-password", cmd_set_password, _("set an account's password"))
    sub.add_argument("name", metavar="NAME")
    sub = commands.add("users", cmd_users, _("list the accounts with role and scope"))
    sub.add_argument("--json", action="store_true")
    sub = commands.add(
        "visit-link",
        cmd_visit_link,
        _("print a link that opens one assigned visit, without login"),
    )
    sub.add_argument("visit", type=int, metavar="VISIT_ID")
    sub.add_argument("--hours", type=int, default=72, help=_("valid for (default 72)"))
    sub.add_argument(
        "--base-url",
        default="http://localhost:8501",
        help=_("where the tablets reach the app (default http://localhost:8501)"),
    )
    sub = commands.add("audit", cmd_audit, _("show the newest entries of the audit log"))
    sub.add_argument("--actor", default=None)
    sub.add_argument("--kind", default=None, help=_("e.g. journey, visit, account, import"))
    sub.add_argument("--limit", type=int, default=50)
    sub.add_argument("--json", action="store_true")


def read_password(prompt: str | None = None) -> str:
    """From the terminal without echo, twice; from standard input's first line otherwise."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt or _("Password: "))
    if getpass.getpass(_("Again: ")) != first:
        raise CommandError(_("the two passwords differ; nothing was changed."))
    return first


def cmd_create_user(args: argparse.Namespace) -> int:
    from journeymap.services.accounts import AccountError, create_account

    engine = engine_for(args)
    password = read_password()
    try:
        account = create_account(
            viewer_for(args),
            engine,
            args.name,
            args.role,
            password,
            email=args.email,
            shopper_id=args.shopper,
            locations=frozenset(args.location),
        )
    except AccountError as error:
        raise CommandError(str(error)) from None
    print(_("Created {name} ({role}).").format(name=account.name, role=account.role.value))
    return EXIT_OK


def cmd_set_password(args: argparse.Namespace) -> int:
    from journeymap.services.accounts import AccountError, set_password

    engine = engine_for(args)
    password = read_password(_("New password: "))
    try:
        set_password(viewer_for(args), engine, args.name, password)
    except AccountError as error:
        raise CommandError(str(error)) from None
    print(_("Password of {name} set.").format(name=args.name))
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    from journeymap.services.accounts import list_accounts

    accounts = list_accounts(viewer_for(args), engine_for(args))
    if args.json:
        emit(
            [
                {
                    "name": a.name,
                    "role": a.role.value,
                    "email": a.email,
                    "shopper": a.shopper_id,
                    "locations": sorted(a.locations),
                    "active": a.active,
                }
                for a in accounts
            ]
        )
        return EXIT_OK
    if not accounts:
        print(_("No accounts: anyone who reaches the app is admin. Create the first with"))
        print("  " + FIRST_ADMIN)
    for a in accounts:
        scope = a.shopper_id or ", ".join(sorted(a.locations))
        state = "" if a.active else " " + _("(switched off)")
        print(f"{a.name:<30} {a.role.value:<17} {scope}{state}")
    return EXIT_OK


def cmd_visit_link(args: argparse.Namespace) -> int:
    from journeymap.cli.common import viewer_for
    from journeymap.services.access import NotAllowed
    from journeymap.services.visit_links import LinkRefused, issue_visit_link

    engine = engine_for(args)
    try:
        token, expires = issue_visit_link(viewer_for(args), engine, args.visit, args.hours)
    except (LinkRefused, NotAllowed, ValueError) as error:
        raise CommandError(str(error)) from None
    base = args.base_url.rstrip("/")
    link = f"{base}/visit-form?visit={args.visit}&token={token}"
    print(link)
    print(
        _("Valid until {moment}; it opens on one device only.").format(moment=shown_time(expires))
    )
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from journeymap.services.audit import read_audit

    entries = read_audit(
        viewer_for(args),
        engine_for(args),
        actor=args.actor,
        object_kind=args.kind,
        limit=args.limit,
    )
    if args.json:
        emit(
            [
                {
                    "at": e.at.isoformat(),
                    "actor": e.actor,
                    "action": e.action,
                    "kind": e.object_kind,
                    "object": e.object_id,
                    "detail": e.detail,
                }
                for e in entries
            ]
        )
        return EXIT_OK
    for e in entries:
        when = shown_time(e.at)
        print(f"{when:<18}  {e.actor:<24} {e.action:<14} {e.object_kind} {e.object_id}  {e.detail}")
    return EXIT_OK
