"""`alerts …`: subscribe people and channels to a journey's alerts, see what failed, send
it again, and run the dispatcher that sends them."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

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
from journeymap.i18n import formatting as fmt
from journeymap.model.access import Role
from journeymap.model.alerts import AlertKind, Channel


def register(commands: Commands) -> None:
    parser = commands.add(
        "alerts",
        lambda args: _help(parser),
        _("alerts by e-mail, Slack or Microsoft Teams: subscribe, list, failures, resend, run"),
    )
    sub = parser.add_subparsers(title=_("alert commands"), metavar="ACTION")

    def add(name: str, handler: Any, text: str) -> argparse.ArgumentParser:
        action = sub.add_parser(name, help=text, description=text)
        action.set_defaults(handler=handler)
        return action

    cmd = add("subscribe", cmd_subscribe, _("send a journey's alerts of one kind to an address"))
    cmd.add_argument("journey", metavar="JOURNEY")
    cmd.add_argument("--kind", required=True, choices=[k.value for k in AlertKind])
    where = cmd.add_mutually_exclusive_group(required=True)
    where.add_argument("--email", metavar="ADDRESS", help=_("an e-mail address (sent over SMTP)"))
    where.add_argument("--slack", metavar="URL", help=_("a Slack incoming-webhook URL"))
    where.add_argument("--teams", metavar="URL", help=_("a Microsoft Teams incoming-webhook URL"))
    cmd.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role],
        help=_("the role of whoever reads it: contact details only for admin and leader"),
    )
    cmd.add_argument("--location", default="", metavar="ID", help=_("only this location's"))
    cmd = add(
        "unsubscribe", cmd_unsubscribe, _("remove a subscription (its ID from `alerts list`)")
    )
    cmd.add_argument("subscription", type=int, metavar="ID")
    cmd = add("list", cmd_list, _("list the subscriptions"))
    cmd.add_argument("--journey", default=None)
    cmd.add_argument("--json", action="store_true")
    cmd = add("failures", cmd_failures, _("alerts that failed or are being retried, with why"))
    cmd.add_argument("--journey", default=None)
    cmd.add_argument("--json", action="store_true")
    cmd = add("resend", cmd_resend, _("send an alert again (its ID from `alerts failures`)"))
    cmd.add_argument("alert", type=int, metavar="ID")
    cmd = add("run", cmd_run, _("send queued alerts every few seconds until stopped"))
    cmd.add_argument("--once", action="store_true", help=_("one round, then stop"))
    cmd.add_argument("--every", type=float, default=5.0, metavar="SECONDS")


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def cmd_subscribe(args: argparse.Namespace) -> int:
    from journeymap.services.alerts import subscribe

    channel, target = next(
        (c, getattr(args, c.value)) for c in Channel if getattr(args, c.value) is not None
    )
    try:
        new = subscribe(
            viewer_for(args),
            engine_for(args),
            args.journey,
            kind=args.kind,
            channel=channel.value,
            target=target,
            role=args.role,
            location=args.location,
        )
    except ValueError as error:
        raise CommandError(f"{error}.") from None
    print(
        _("Subscription {id}: {kind} alerts of {journey} to {target}.").format(
            id=new, kind=args.kind, journey=args.journey, target=target
        )
    )
    return EXIT_OK


def cmd_unsubscribe(args: argparse.Namespace) -> int:
    from journeymap.services.alerts import unsubscribe

    try:
        unsubscribe(viewer_for(args), engine_for(args), args.subscription)
    except ValueError as error:
        raise CommandError(f"{error}.") from None
    print(_("Subscription {id} removed.").format(id=args.subscription))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from journeymap.services.alerts import list_subscriptions

    found = list_subscriptions(viewer_for(args), engine_for(args), args.journey)
    if args.json:
        emit(
            [
                {
                    "id": s.id,
                    "journey": s.journey_id,
                    "location": s.location,
                    "kind": s.kind.value,
                    "channel": s.channel.value,
                    "target": s.target,
                    "role": s.role.value,
                }
                for s in found
            ]
        )
        return EXIT_OK
    if not found:
        print(_("No subscriptions: `alerts subscribe JOURNEY --kind … --email …` adds one."))
    for s in found:
        place = s.location or _("all locations")
        read_as = _("(read as {role})").format(role=s.role.value)
        print(
            f"{s.id:>4}  {s.journey_id:<16} {place:<16} {s.kind.value:<9} "
            f"{s.channel.value:<5} {s.target}  {read_as}"
        )
    return EXIT_OK


def cmd_failures(args: argparse.Namespace) -> int:
    from journeymap.services.alerts import list_alerts

    found = list_alerts(viewer_for(args), engine_for(args), args.journey, troubled_only=True)
    if args.json:
        emit(
            [
                {
                    "id": a.id,
                    "journey": a.journey_id,
                    "kind": a.kind.value,
                    "channel": a.channel.value,
                    "target": a.target,
                    "status": a.status,
                    "attempts": a.attempts,
                    "next_try_at": a.next_try_at.isoformat() if a.next_try_at else None,
                    "reason": a.last_error,
                }
                for a in found
            ]
        )
        return EXIT_OK
    if not found:
        print(_("No failed alerts."))
    for a in found:
        state = (
            _("retrying ({tries} tries, next {moment})").format(
                tries=fmt.number(a.attempts), moment=shown_time(a.next_try_at)
            )
            if a.next_try_at
            else _("failed after {tries} tries").format(tries=fmt.number(a.attempts))
        )
        print(f"{a.id:>5}  {a.kind.value:<9} {a.target}  {state}: {a.last_error}")
    return EXIT_OK


def cmd_resend(args: argparse.Namespace) -> int:
    from journeymap.services.alerts import resend

    try:
        resend(viewer_for(args), engine_for(args), args.alert)
    except ValueError as error:
        raise CommandError(f"{error}.") from None
    print(_("Alert {id} queued again; `alerts run` sends it within seconds.").format(id=args.alert))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from journeymap.services.alert_dispatch import Dispatcher

    if args.every <= 0:
        raise CommandError(_("--every must be a number of seconds above 0."))
    dispatcher = Dispatcher(engine_for(args))
    if args.once:
        done = dispatcher.run_once()
        print(
            _("{queued} queued, {sent} sent, {failed} failed.").format(
                queued=fmt.number(done.queued),
                sent=fmt.number(done.sent),
                failed=fmt.number(done.failed),
            )
        )
        for error in done.errors:
            print(f"  {error}", file=sys.stderr)
        return EXIT_OK
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    print(
        _("Sending alerts every {seconds} s; Ctrl+C stops.").format(
            seconds=fmt.number(args.every, 0 if float(args.every).is_integer() else 1)
        ),
        flush=True,
    )
    dispatcher.run(stop, every=args.every)
    return EXIT_OK
