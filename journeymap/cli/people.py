"""Shoppers and locations from a shell: add, change, switch off and list them."""

from __future__ import annotations

import argparse

from journeymap.cli.common import EXIT_OK, Commands, engine_for, json_errors, refused, viewer_for
from journeymap.cli.json_out import emit
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt

# Translators: a location is our own or a competitor's.
LOCATION_KINDS = {"own": N_("own"), "competitor": N_("competitor")}


def state_text(active: bool) -> str:
    return _("active") if active else _("switched off")


def register(commands: Commands) -> None:
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


def cmd_add_shopper(args: argparse.Namespace) -> int:
    from journeymap.services.people import add_shopper

    shopper = refused(
        lambda: add_shopper(viewer_for(args), engine_for(args), args.id, args.name, args.region)
    )
    print(_("Added shopper {id} ({name}).").format(id=shopper.id, name=shopper.name))
    return EXIT_OK


def cmd_edit_shopper(args: argparse.Namespace) -> int:
    from journeymap.services.people import edit_shopper

    changed = refused(
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

    location = refused(
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

    changed = refused(
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

    found = refused(lambda: shoppers(viewer_for(args), engine_for(args)))
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

    found = refused(lambda: locations(viewer_for(args), engine_for(args)))
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
