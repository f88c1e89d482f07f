"""Running the programme from a shell: the list of visits, cancelling and reassigning
visits, and planning a wave."""

from __future__ import annotations

import argparse
from datetime import date

from journeymap.cli.common import EXIT_OK, Commands, engine_for, json_errors, refused, viewer_for
from journeymap.cli.json_out import emit, plain
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.visit_status import VISIT_STATUSES
from journeymap.model.visit_status import status_label as visit_status_label


def register(commands: Commands) -> None:
    _visits(commands)
    sub = commands.add(
        "plan-wave",
        cmd_plan_wave,
        _("plan N visits at each location over the active shoppers; --dry-run shows the plan"),
    )
    sub.add_argument("questionnaire", metavar="QUESTIONNAIRE")
    sub.add_argument("--from", dest="start", type=_day, required=True, metavar="DATE")
    sub.add_argument("--to", dest="end", type=_day, required=True, metavar="DATE")
    sub.add_argument("--per-location", type=int, required=True, metavar="N")
    sub.add_argument(
        "--location",
        action="append",
        default=[],
        metavar="ID",
        help=_(
            "a location to visit (repeat for several); default: every active own "
            "location; a competitor only when named"
        ),
    )
    sub.add_argument(
        "--wave", default="", metavar="NAME", help=_("default: 'QUESTIONNAIRE FROM to TO'")
    )
    sub.add_argument("--scenario", default="", help=_("what the shoppers ask for and say"))
    sub.add_argument("--dry-run", action="store_true", help=_("show the plan, store nothing"))
    sub.add_argument(
        "--json", action="store_true", help=_("objects: shopper, location, planned_on")
    )


def _visits(commands: Commands) -> None:
    sub = commands.add("visits", cmd_visits, _("list a journey's visits with their status"))
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--questionnaire", default=None, metavar="ID")
    sub.add_argument("--wave", default=None, metavar="NAME")
    sub.add_argument("--location", default=None, metavar="ID")
    sub.add_argument("--shopper", default=None, metavar="ID")
    sub.add_argument("--status", action="append", default=[], choices=VISIT_STATUSES)
    sub.add_argument("--from", dest="start", type=_day, default=None, metavar="DATE")
    sub.add_argument("--to", dest="end", type=_day, default=None, metavar="DATE")
    sub.add_argument("--json", action="store_true")
    sub = commands.add(
        "cancel-visit", cmd_cancel_visit, _("cancel a visit that has not been submitted")
    )
    sub.add_argument("visit", type=int, metavar="VISIT_ID")
    sub.add_argument("--reason", default="")
    sub = commands.add(
        "reassign-visit",
        cmd_reassign_visit,
        _("give a visit nobody has started to another shopper"),
    )
    sub.add_argument("visit", type=int, metavar="VISIT_ID")
    sub.add_argument("--shopper", required=True, metavar="ID")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is no date: write it as 2026-11-03").format(text=repr(text))
        ) from None


@json_errors
def cmd_visits(args: argparse.Namespace) -> int:
    from journeymap.cli.common import stored_journey
    from journeymap.services.visit_list import VisitFilter, visit_list

    journey = stored_journey(args).journey
    flt = VisitFilter(
        questionnaire_id=args.questionnaire,
        wave=args.wave,
        location_id=args.location,
        shopper=args.shopper,
        statuses=tuple(args.status),
        first_day=args.start,
        last_day=args.end,
    )
    listed = refused(lambda: visit_list(viewer_for(args), engine_for(args), journey.id, flt))
    if args.json:
        emit(
            [
                {
                    "id": v.id,
                    "key": v.key,
                    "questionnaire": v.questionnaire_id,
                    "version": v.questionnaire_version,
                    "wave": v.wave,
                    "location": v.location_id,
                    "shopper": v.shopper,
                    "window_start": plain(v.window_start),
                    "window_end": plain(v.window_end),
                    "status": v.status,
                    "reviewed_by": v.reviewed_by,
                }
                for v in listed
            ]
        )
        return EXIT_OK
    for v in listed:
        print(
            f"{v.id:>6} {fmt.day(v.window_start):<12} {visit_status_label(v.status):<12} "
            f"{v.location_id:<28} {v.shopper:<24} {v.wave}"
        )
    print(_("{count} visit(s)").format(count=fmt.number(len(listed))))
    return EXIT_OK


def cmd_cancel_visit(args: argparse.Namespace) -> int:
    from journeymap.services.programme import cancel_visit

    before = refused(
        lambda: cancel_visit(viewer_for(args), engine_for(args), args.visit, args.reason)
    )
    print(
        _("Visit {id} cancelled (it was {status}).").format(
            id=args.visit, status=visit_status_label(before).lower()
        )
    )
    return EXIT_OK


def cmd_reassign_visit(args: argparse.Namespace) -> int:
    from journeymap.services.programme import reassign_visit

    name = refused(
        lambda: reassign_visit(viewer_for(args), engine_for(args), args.visit, args.shopper)
    )
    print(
        _("Visit {id} now goes to {name}; links issued for it no longer open it.").format(
            id=args.visit, name=name
        )
    )
    return EXIT_OK


@json_errors
def cmd_plan_wave(args: argparse.Namespace) -> int:
    from journeymap.services.waves import WaveRequest, plan_wave, save_wave

    engine, viewer = engine_for(args), viewer_for(args)
    request = WaveRequest(
        questionnaire_id=args.questionnaire,
        start=args.start,
        end=args.end,
        per_location=args.per_location,
        locations=tuple(args.location),
        name=args.wave,
        scenario=args.scenario,
    )
    plan = refused(lambda: plan_wave(viewer, engine, request))
    if not args.dry_run:
        refused(lambda: save_wave(viewer, engine, plan))
    if args.json:
        emit(
            [
                {"shopper": v.shopper, "location": v.location, "planned_on": plain(v.planned_on)}
                for v in plan.visits
            ]
        )
        return EXIT_OK
    for v in plan.visits:
        print(
            f"{fmt.day(v.planned_on):<12}  {plan.location_names[v.location]:<32} "
            f"{plan.shopper_names[v.shopper]}"
        )
    loads = sorted(set(plan.loads.values()))
    spread = (
        fmt.number(loads[0])
        if len(loads) == 1
        else _("{low} to {high}").format(low=fmt.number(loads[0]), high=fmt.number(loads[-1]))
    )
    text = (
        _(
            "Wave '{name}': {visits} visits of {questionnaire} version {version} at "
            "{locations} location(s), {spread} per shopper; planned, nothing stored (--dry-run)."
        )
        if args.dry_run
        else _(
            "Wave '{name}': {visits} visits of {questionnaire} version {version} at "
            "{locations} location(s), {spread} per shopper; stored as assigned."
        )
    )
    print(
        text.format(
            name=plan.name,
            visits=fmt.number(len(plan.visits)),
            questionnaire=plan.questionnaire_id,
            version=plan.questionnaire_version,
            locations=fmt.number(len(plan.location_names)),
            spread=spread,
        )
    )
    return EXIT_OK
