"""The programme's shoppers and locations: added, changed and switched off.

Only a role that runs the programme (RUN_PROGRAMME) does this. A switched-off shopper
gets no new visits (planning, assigning, reassigning and importing planned visits all
refuse them) and their account can no longer sign in, while their past visits keep
counting; a switched-off location gets no new visits either. Whatever is still open
for them is reported, to be reassigned or cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.model.people import (
    Location,
    Shopper,
    checked_id,
    checked_name,
    checked_region,
)
from journeymap.services.access import actor, require
from journeymap.store import people as people_store
from journeymap.store.people import AlreadyThere, NotThere

__all__ = [
    "AlreadyThere",
    "Changed",
    "Location",
    "NotThere",
    "Shopper",
    "add_location",
    "add_shopper",
    "edit_location",
    "edit_shopper",
    "locations",
    "shoppers",
]

MANAGING = N_("manage the programme's shoppers and locations")
T = TypeVar("T", Shopper, Location)


@dataclass(frozen=True)
class Changed(Generic[T]):
    """What was stored, and how many visits it still has open (to reassign or cancel)."""

    item: T
    open_visits: int


def shoppers(viewer: Viewer, engine: Engine, *, active_only: bool = False) -> list[Shopper]:
    require(viewer, Capability.RUN_PROGRAMME, MANAGING)
    return people_store.read_shoppers(engine, active_only=active_only)


def locations(viewer: Viewer, engine: Engine, *, active_only: bool = False) -> list[Location]:
    require(viewer, Capability.RUN_PROGRAMME, MANAGING)
    return people_store.read_location_list(engine, active_only=active_only)


def add_shopper(
    viewer: Viewer, engine: Engine, shopper_id: str, name: str, region: str = ""
) -> Shopper:
    """A new active shopper; AlreadyThere when the id is taken (nothing is overwritten)."""
    require(viewer, Capability.RUN_PROGRAMME, MANAGING)
    shopper = Shopper(
        id=checked_id(shopper_id, "shopper"),
        name=checked_name(name, "shopper name"),
        region=checked_region(region, "shopper"),
    )
    return people_store.add_shopper(engine, shopper, actor=actor(viewer))


def edit_shopper(
    viewer: Viewer,
    engine: Engine,
    shopper_id: str,
    *,
    name: str | None = None,
    region: str | None = None,
    active: bool | None = None,
) -> Changed[Shopper]:
    """Change what is given (None: keep it); NotThere for an unknown id."""
    require(viewer, Capability.RUN_PROGRAMME, MANAGING)
    current = people_store.get_shopper(engine, shopper_id.strip())
    if current is None:
        raise NotThere(
            _("there is no shopper '{shopper_id}': add it with add-shopper first").format(
                shopper_id=shopper_id
            )
        )
    changed = replace(
        current,
        name=current.name if name is None else checked_name(name, "shopper name"),
        region=current.region if region is None else checked_region(region, "shopper"),
        active=current.active if active is None else active,
    )
    stored, open_visits = people_store.update_shopper(engine, changed, actor=actor(viewer))
    return Changed(stored, open_visits)


def add_location(
    viewer: Viewer,
    engine: Engine,
    location_id: str,
    name: str,
    region: str = "",
    *,
    competitor: bool = False,
) -> Location:
    """A new active location, own or a competitor's; AlreadyThere when the id is taken."""
    require(viewer, Capability.RUN_PROGRAMME, MANAGING)
    location = Location(
        id=checked_id(location_id, "location"),
        name=checked_name(name, "location name"),
        region=checked_region(region, "location"),
        competitor=competitor,
    )
    return people_store.add_location(engine, location, actor=actor(viewer))


def edit_location(
    viewer: Viewer,
    engine: Engine,
    location_id: str,
    *,
    name: str | None = None,
    region: str | None = None,
    competitor: bool | None = None,
    active: bool | None = None,
) -> Changed[Location]:
    """Change what is given (None: keep it); own ↔ competitor only while it has no visits."""
    require(viewer, Capability.RUN_PROGRAMME, MANAGING)
    current = people_store.get_location(engine, location_id.strip())
    if current is None:
        raise NotThere(
            _("there is no location '{location_id}': add it with add-location first").format(
                location_id=location_id
            )
        )
    changed = replace(
        current,
        name=current.name if name is None else checked_name(name, "location name"),
        region=current.region if region is None else checked_region(region, "location"),
        competitor=current.competitor if competitor is None else competitor,
        active=current.active if active is None else active,
    )
    stored, open_visits = people_store.update_location(engine, changed, actor=actor(viewer))
    return Changed(stored, open_visits)
