"""`api-key` and `api`: keys for the HTTP API, and the API's server."""

from __future__ import annotations

import argparse

from journeymap import settings
from journeymap.cli.common import (
    EXIT_OK,
    CommandError,
    Commands,
    engine_for,
    shown_time,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain
from journeymap.i18n import _


def register(commands: Commands) -> None:
    sub = commands.add(
        "api-key",
        cmd_api_key,
        _("make an HTTP API key (printed once), --revoke one, or --list them"),
    )
    sub.add_argument("name", metavar="NAME", nargs="?")
    sub.add_argument("--scope", choices=["read", "push", "both"], default=None)
    sub.add_argument(
        "--journey",
        action="append",
        default=[],
        metavar="ID",
        help=_("a journey the key is for (repeat for several; default: every journey)"),
    )
    sub.add_argument(
        "--signing-secret",
        default="",
        metavar="SECRET",
        help=_("the secret a survey tool signs its webhooks with (Typeform's)"),
    )
    sub.add_argument("--revoke", action="store_true", help=_("revoke the key NAME"))
    sub.add_argument("--list", action="store_true", help=_("list the keys (never their secrets)"))
    sub.add_argument("--json", action="store_true")

    sub = commands.add(
        "api", cmd_api, _("serve the HTTP API (docs at /api/docs) on JOURNEYMAP_API_PORT")
    )
    sub.add_argument("--host", default=None, help=_("default: JOURNEYMAP_API_HOST (127.0.0.1)"))
    sub.add_argument(
        "--port", type=int, default=None, help=_("default: JOURNEYMAP_API_PORT (8502)")
    )


def cmd_api_key(args: argparse.Namespace) -> int:
    from journeymap.services import api_keys

    engine, viewer = engine_for(args), viewer_for(args)
    try:
        if args.list:
            return _print_keys(args, api_keys.list_api_keys(viewer, engine))
        if not args.name:
            raise CommandError(_("name the key: api-key NAME --scope read|push|both"))
        if args.revoke:
            api_keys.revoke_api_key(viewer, engine, args.name)
            print(_("API key '{name}' revoked: it is refused from now on").format(name=args.name))
            return EXIT_OK
        if args.scope is None:
            raise CommandError(_("give the key's scope: --scope read, push or both"))
        key, secret = api_keys.create_api_key(
            viewer,
            engine,
            args.name,
            args.scope,
            tuple(args.journey),
            signing_secret=args.signing_secret,
        )
    except api_keys.ApiKeyError as error:
        raise CommandError(str(error)) from None
    if args.json:
        emit({"name": key.name, "scope": key.scope, "journeys": list(key.journeys), "key": secret})
        return EXIT_OK
    where = ", ".join(key.journeys) or _("every journey")
    print(
        _("API key '{name}' ({scope}, {journeys}):").format(
            name=key.name, scope=key.scope, journeys=where
        )
    )
    print(secret)
    print(_("It is shown only now: store it in the survey tool or a secret store."))
    return EXIT_OK


def _print_keys(args: argparse.Namespace, keys: list) -> int:  # type: ignore[type-arg]
    rows = [
        {
            "name": k.name,
            "scope": k.scope,
            "journeys": list(k.journeys),
            "signed": bool(k.signing_secret),
            "created_by": k.created_by,
            "created_at": plain(k.created_at),
            "revoked_at": plain(k.revoked_at),
            "revoked_by": k.revoked_by,
        }
        for k in keys
    ]
    if args.json:
        emit(rows)
        return EXIT_OK
    if not rows:
        print(_("no API keys: api-key NAME --scope read|push|both makes one"))
    for key, row in zip(keys, rows, strict=True):
        state = (
            _("revoked {moment}").format(moment=shown_time(key.revoked_at))
            if key.revoked_at
            else _("active")
        )
        where = ", ".join(row["journeys"]) or _("every journey")
        print(f"{row['name']:<24} {row['scope']:<5} {where:<30} {state}")
    return EXIT_OK


def cmd_api(args: argparse.Namespace) -> int:
    from journeymap.api.server import serve

    port = args.port or settings.api_port()
    print(
        _("journeymap API on {url}").format(
            url=f"http://{args.host or settings.api_host()}:{port}/api/docs"
        )
    )
    serve(args.db, host=args.host, port=port)
    return EXIT_OK
