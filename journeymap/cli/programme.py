"""Running the programme from a shell: shoppers, locations, the list of visits,
cancelling and reassigning visits, and planning a wave."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from journeymap.cli.common import (
    EXIT_OK,
    CommandError,
    Commands,
    engine_for,
    json_errors,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.visit_status import status_label as visit_status_label

# The statuses of model.visit_status, named here so that the command line starts fast.
STATUSES = (
    "assigned",
    "in_progress",
    "submitted",
    "returned",
    "approved",
    "counted",
    "cancelled",
)
# Translators: a location is our own or a competitor's.
LOCATION_KINDS = {"own": N_("own"), "competitor": N_("competitor")}


def state_text(active: bool) -> str:
    return _("active") if active else _("switched off")


def register(commands: Commands) -> None:
    _people(commands)
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


def _people(commands: Commands) -> None:
    sub = commands.add("add-shopper", cmd_add_shopper, _("add a mystery shopper to the programme"))
    sub.add_argument("id", metavar="ID")
    sub.add_argument("--name", required=True)
    sub.add_argument("--region", default="")
    sub = commands.add(
        "edit-shopper",
        cmd_edit_shopper,
        _("change a shopper's name or region, or switch them off"),
    )
    sub.add_argument("id", metavar="ID")
    sub.add_argument("--name", default=None)
    sub.add_argument("--region", default=None)
    _on_off(sub, _("no new visits, no sign-in; past visits still count"))
    sub = commands.add("shoppers", cmd_shoppers, _("list the shoppers"))
    sub.add_argument("--json", action="store_true")

    sub = commands.add("add-location", cmd_add_location, _("add a location to visit"))
    sub.add_argument("id", metavar="ID")
    sub.add_argument("--name", required=True)
    sub.add_argument("--region", default="")
    sub.add_argument("--competitor", action="store_true", help=_("a competitor's, not our own"))
    sub = commands.add("edit-location", cmd_edit_location, _("change a location, or switch it off"))
    sub.add_argument("id", metavar="ID")
    sub.add_argument("--name", default=None)
    sub.add_argument("--region", default=None)
    kind = sub.add_mutually_exclusive_group()
    kind.add_argument("--competitor", dest="competitor", action="store_const", const=True)
    kind.add_argument("--own", dest="competitor", action="store_const", const=False)
    _on_off(sub, _("no new visits; past visits still count"))
    sub = commands.add("locations", cmd_locations, _("list the locations"))
    sub.add_argument("--json", action="store_true")


def _on_off(sub: argparse.ArgumentParser, off_means: str) -> None:
    state = sub.add_mutually_exclusive_group()
    state.add_argument(
        "--inactive", dest="active", action="store_const", const=False, help=off_means
    )
    state.add_argument("--active", dest="active", action="store_const", const=True)


def _visits(commands: Commands) -> None:
    sub = commands.add("visits", cmd_visits, _("list a journey's visits with their status"))
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--questionnaire", default=None, metavar="ID")
    sub.add_argument("--wave", default=None, metavar="NAME")
    sub.add_argument("--location", default=None, metavar="ID")
    sub.add_argument("--shopper", default=None, metavar="ID")
    sub.add_argument("--status", action="append", default=[], choices=STATUSES)
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


def _refused(action: Any) -> Any:
    from journeymap.services.access import NotAllowed

    try:
        return action()
    except (NotAllowed, ValueError, LookupError) as error:
        raise CommandError(str(error).rstrip(".")) from None


def cmd_add_shopper(args: argparse.Namespace) -> int:
    from journeymap.services.people import add_shopper

    shopper = _refused(
        lambda: add_shopper(viewer_for(args), engine_for(args), args.id, args.name, args.region)
    )
    print(_("Added shopper {id} ({name}).").format(id=shopper.id, name=shopper.name))
    return EXIT_OK


def cmd_edit_shopper(args: argparse.Namespace) -> int:
    from journeymap.services.people import edit_shopper

    changed = _refused(
        lambda: edit_shopper(
            viewer_for(args),
            engine_for(args),
            args.id,
            name=args.name,
            region=args.region,
            active=args.active,
        )
    )
    shopper = changed.item
    print(
        _("Shopper {id} ({name}, {region}): {state}.").format(
            id=shopper.id,
            name=shopper.name,
            region=shopper.region or _("no region"),
            state=state_text(shopper.active),
        )
    )
    _open_visits(changed.open_visits, shopper.active)
    return EXIT_OK


def cmd_add_location(args: argparse.Namespace) -> int:
    from journeymap.services.people import add_location

    location = _refused(
        lambda: add_location(
            viewer_for(args),
            engine_for(args),
            args.id,
            args.name,
            args.region,
            competitor=args.competitor,
        )
    )
    added = (
        _("Added competitor location {id} ({name}).")
        if location.competitor
        else _("Added own location {id} ({name}).")
    )
    print(added.format(id=location.id, name=location.name))
    return EXIT_OK


def cmd_edit_location(args: argparse.Namespace) -> int:
    from journeymap.services.people import edit_location

    changed = _refused(
        lambda: edit_location(
            viewer_for(args),
            engine_for(args),
            args.id,
            name=args.name,
            region=args.region,
            competitor=args.competitor,
            active=args.active,
        )
    )
    location = changed.item
    print(
        _("Location {id} ({name}, {kind}): {state}.").format(
            id=location.id,
            name=location.name,
            kind=_(LOCATION_KINDS[location.kind]),
            state=state_text(location.active),
        )
    )
    _open_visits(changed.open_visits, location.active)
    return EXIT_OK


def _open_visits(count: int, active: bool) -> None:
    if count and not active:
        print(
            ngettext(
                "{count} visit is still open: reassign-visit or cancel-visit it "
                "(`visits JOURNEY --status assigned` lists it).",
                "{count} visits are still open: reassign-visit or cancel-visit them "
                "(`visits JOURNEY --status assigned` lists them).",
                count,
            ).format(count=fmt.number(count))
        )


@json_errors
def cmd_shoppers(args: argparse.Namespace) -> int:
    from journeymap.services.people import shoppers

    found = _refused(lambda: shoppers(viewer_for(args), engine_for(args)))
    if args.json:
        emit([{"id": s.id, "name": s.name, "region": s.region, "active": s.active} for s in found])
        return EXIT_OK
    for s in found:
        print(f"{s.id:<30} {s.name:<30} {s.region:<20} {'' if s.active else state_text(False)}")
    if not found:
        print(_("No shoppers yet: add-shopper ID --name NAME adds one."))
    return EXIT_OK


@json_errors
def cmd_locations(args: argparse.Namespace) -> int:
    from journeymap.services.people import locations

    found = _refused(lambda: locations(viewer_for(args), engine_for(args)))
    if args.json:
        emit(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "region": p.region,
                    "competitor": p.competitor,
                    "active": p.active,
                }
                for p in found
            ]
        )
        return EXIT_OK
    for p in found:
        state = "" if p.active else state_text(False)
        kind = _(LOCATION_KINDS[p.kind])
        print(f"{p.id:<30} {p.name:<30} {p.region:<20} {kind:<10} {state}")
    if not found:
        print(_("No locations yet: add-location ID --name NAME adds one."))
    return EXIT_OK


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
    listed = _refused(lambda: visit_list(viewer_for(args), engine_for(args), journey.id, flt))
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

    before = _refused(
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

    name = _refused(
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
    plan = _refused(lambda: plan_wave(viewer, engine, request))
    if not args.dry_run:
        _refused(lambda: save_wave(viewer, engine, plan))
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
