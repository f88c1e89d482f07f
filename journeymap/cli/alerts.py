"""`alerts …`: subscribe people and channels to a journey's alerts, see what failed, send
it again, and run the dispatcher that sends them."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any

from journeymap.cli.common import EXIT_OK, CommandError, Commands, engine_for, viewer_for
from journeymap.cli.json_out import emit
from journeymap.model.access import Role
from journeymap.model.alerts import AlertKind, Channel


def register(commands: Commands) -> None:
    parser = commands.add(
        "alerts",
        lambda args: _help(parser),
        "alerts by e-mail, Slack or Microsoft Teams: subscribe, list, failures, resend, run",
    )
    sub = parser.add_subparsers(title="alert commands", metavar="ACTION")

    def add(name: str, handler: Any, text: str) -> argparse.ArgumentParser:
        action = sub.add_parser(name, help=text, description=text)
        action.set_defaults(handler=handler)
        return action

    cmd = add("subscribe", cmd_subscribe, "send a journey's alerts of one kind to an address")
    cmd.add_argument("journey", metavar="JOURNEY")
    cmd.add_argument("--kind", required=True, choices=[k.value for k in AlertKind])
    where = cmd.add_mutually_exclusive_group(required=True)
    where.add_argument("--email", metavar="ADDRESS", help="an e-mail address (sent over SMTP)")
    where.add_argument("--slack", metavar="URL", help="a Slack incoming-webhook URL")
    where.add_argument("--teams", metavar="URL", help="a Microsoft Teams incoming-webhook URL")
    cmd.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role],
        help="the role of whoever reads it: contact details only for admin and leader",
    )
    cmd.add_argument("--location", default="", metavar="ID", help="only this location's")
    cmd = add("unsubscribe", cmd_unsubscribe, "remove a subscription (its ID from `alerts list`)")
    cmd.add_argument("subscription", type=int, metavar="ID")
    cmd = add("list", cmd_list, "list the subscriptions")
    cmd.add_argument("--journey", default=None)
    cmd.add_argument("--json", action="store_true")
    cmd = add("failures", cmd_failures, "alerts that failed or are being retried, with why")
    cmd.add_argument("--journey", default=None)
    cmd.add_argument("--json", action="store_true")
    cmd = add("resend", cmd_resend, "send an alert again (its ID from `alerts failures`)")
    cmd.add_argument("alert", type=int, metavar="ID")
    cmd = add("run", cmd_run, "send queued alerts every few seconds until stopped")
    cmd.add_argument("--once", action="store_true", help="one round, then stop")
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
    print(f"Subscription {new}: {args.kind} alerts of {args.journey} to {target}.")
    return EXIT_OK


def cmd_unsubscribe(args: argparse.Namespace) -> int:
    from journeymap.services.alerts import unsubscribe

    try:
        unsubscribe(viewer_for(args), engine_for(args), args.subscription)
    except ValueError as error:
        raise CommandError(f"{error}.") from None
    print(f"Subscription {args.subscription} removed.")
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
        print("No subscriptions: `alerts subscribe JOURNEY --kind … --email …` adds one.")
    for s in found:
        place = s.location or "all locations"
        print(
            f"{s.id:>4}  {s.journey_id:<16} {place:<16} {s.kind.value:<9} "
            f"{s.channel.value:<5} {s.target}  (read as {s.role.value})"
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
        print("No failed alerts.")
    for a in found:
        state = (
            f"retrying ({a.attempts} tries, next {a.next_try_at:%Y-%m-%d %H:%M:%S} UTC)"
            if a.next_try_at
            else f"failed after {a.attempts} tries"
        )
        print(f"{a.id:>5}  {a.kind.value:<9} {a.target}  {state}: {a.last_error}")
    return EXIT_OK


def cmd_resend(args: argparse.Namespace) -> int:
    from journeymap.services.alerts import resend

    try:
        resend(viewer_for(args), engine_for(args), args.alert)
    except ValueError as error:
        raise CommandError(f"{error}.") from None
    print(f"Alert {args.alert} queued again; `alerts run` sends it within seconds.")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from journeymap.services.alert_dispatch import Dispatcher

    if args.every <= 0:
        raise CommandError("--every must be a number of seconds above 0.")
    dispatcher = Dispatcher(engine_for(args))
    if args.once:
        done = dispatcher.run_once()
        print(f"{done.queued} queued, {done.sent} sent, {done.failed} failed.")
        for error in done.errors:
            print(f"  {error}", file=sys.stderr)
        return EXIT_OK
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    print(f"Sending alerts every {args.every:g} s; Ctrl+C stops.", flush=True)
    dispatcher.run(stop, every=args.every)
    return EXIT_OK
