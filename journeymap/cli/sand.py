"""`sand`: the touchpoints that are sand in the machine, ranked, with their reasons."""

from __future__ import annotations

import argparse
import json

from journeymap.charts.health import HEALTH_LABELS
from journeymap.cli.common import EXIT_OK, CommandError, Commands, engine_for, stored_journey
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt


def register(commands: Commands) -> None:
    sub = commands.add("sand", cmd_sand, _("rank the touchpoints by friction, with reasons"))
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--period", help=_("2026, 2026-Q3 or 2026-09 (default: the last half year)"))
    sub.add_argument("--location", help=_("only evidence from this location id"))
    sub.add_argument("--segment", help=_("only survey responses from this segment"))
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
    print(
        _("{journey}: evidence from {start} to {end}").format(
            journey=journey.name,
            start=fmt.day(flt.start) if flt.start else "…",
            end=fmt.day(flt.end) if flt.end else "…",
        )
    )
    for item in report.items:
        line = _(
            "{name} [{touchpoint}] friction {friction}, {health}, ≈ {customers} customers a month"
        )
        if item.thin_data:
            line = _(
                "{name} [{touchpoint}] friction {friction}, {health} (not enough data), "
                "≈ {customers} customers a month"
            )
        text = line.format(
            name=item.name,
            touchpoint=item.touchpoint,
            friction=fmt.number(item.friction),
            health=_(HEALTH_LABELS[item.health]),
            customers=fmt.number(item.customers_affected),
        )
        print(f"{item.rank:>3}. {text}")
        for reason in item.reasons:
            print(f"       - {reason}")
    for handoff in report.handoffs:
        print(
            _("handoff {source} → {target}: {reason}").format(
                source=handoff.source, target=handoff.target, reason=handoff.reason
            )
        )
    return EXIT_OK
