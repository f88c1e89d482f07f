"""`sand`: the touchpoints that are sand in the machine, ranked, with their reasons."""

from __future__ import annotations

import argparse
import json

from journeymap.cli.common import EXIT_OK, CommandError, Commands, engine_for, stored_journey


def register(commands: Commands) -> None:
    sub = commands.add("sand", cmd_sand, "rank the touchpoints by friction, with reasons")
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--period", help="2026, 2026-Q3 or 2026-09 (default: the last half year)")
    sub.add_argument("--location", help="only evidence from this location id")
    sub.add_argument("--segment", help="only survey responses from this segment")
    sub.add_argument("--json", action="store_true")


def cmd_sand(args: argparse.Namespace) -> int:
    from journeymap.services.json_views import sand_rows
    from journeymap.services.sand import evidence_filter, sand_report

    try:
        flt = evidence_filter(args.period, args.location, args.segment)
    except ValueError as error:
        raise CommandError(str(error)) from None
    report = sand_report(engine_for(args), stored_journey(args).journey, flt)
    if args.json:
        rows = sand_rows(report)
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    journey = report.journey
    print(f"{journey.name}: evidence from {flt.start} to {flt.end}")
    for item in report.items:
        flag = " (not enough data)" if item.thin_data else ""
        print(
            f"{item.rank:>3}. {item.name} [{item.touchpoint}] friction {item.friction:.0f}, "
            f"{item.health}{flag}, ≈ {item.customers_affected:,.0f} customers a month"
        )
        for reason in item.reasons:
            print(f"       - {reason}")
    for handoff in report.handoffs:
        print(f"handoff {handoff.source} → {handoff.target}: {handoff.reason}")
    return EXIT_OK
