"""Planning a wave: N visits at each chosen location, spread over shoppers and days.

The rules an agency keeps when it plans a round of visits:

- every location gets exactly N visits, by N different shoppers: a shopper who has
  been there once in the wave is known by the staff;
- the load is even: no shopper has more than one visit more than any other (always
  possible once there are at least N shoppers);
- among the shoppers whose turn it is, one from the location's region is preferred;
- the visits are spread over the window's days, each location's N visits apart;
- the same input gives the same plan, in whatever order it is given.

Shoppers are taken greedily, least loaded first: while every load is m or m + 1,
taking the N least loaded keeps them so, which is why the load stays even.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.people import Location, Shopper


class PlanRefused(ValueError):
    """The wave cannot be planned as asked; the message says why and what to change."""


@dataclass(frozen=True, order=True)
class PlannedVisit:
    planned_on: date
    location: str
    shopper: str


def plan_wave(
    locations: Sequence[Location],
    shoppers: Sequence[Shopper],
    per_location: int,
    start: date,
    end: date,
) -> list[PlannedVisit]:
    """The wave's visits by day, location and shopper; PlanRefused with a sentence when
    it cannot be planned (too few shoppers, an empty window, nothing to visit)."""
    places = sorted({location.id: location for location in locations}.values(), key=_id)
    people = sorted({shopper.id: shopper for shopper in shoppers}.values(), key=_id)
    _check(places, people, per_location, start, end)
    load = dict.fromkeys((s.id for s in people), 0)
    chosen: list[list[str]] = []
    for place in places:
        ranked = sorted(people, key=lambda s: (load[s.id], not _same_region(s, place), s.id))
        picked = [s.id for s in ranked[:per_location]]
        for shopper_id in picked:
            load[shopper_id] += 1
        chosen.append(picked)
    days = (end - start).days + 1
    total = len(places) * per_location
    visits = [
        PlannedVisit(
            # The j-th visits of all locations share the j-th stretch of the window.
            planned_on=start + timedelta(days=(j * len(places) + i) * days // total),
            location=place.id,
            shopper=picked[j],
        )
        for i, (place, picked) in enumerate(zip(places, chosen, strict=True))
        for j in range(per_location)
    ]
    return sorted(visits)


def _check(
    places: list[Location], people: list[Shopper], per_location: int, start: date, end: date
) -> None:
    if end < start:
        raise PlanRefused(
            _(
                "the window ends on {end}, before it starts on {start}: choose the first day first"
            ).format(end=end.isoformat(), start=start.isoformat())
        )
    if per_location < 1:
        raise PlanRefused(
            _("{count} visits per location: plan at least 1").format(count=fmt.number(per_location))
        )
    if not places:
        raise PlanRefused(_("there is no location to visit: choose at least one active location"))
    if not people:
        raise PlanRefused(_("there are no active shoppers: add shoppers before planning a wave"))
    if len(people) < per_location:
        have, missing = len(people), per_location - len(people)
        raise PlanRefused(
            ngettext(
                "{per} visit per location needs {per} different shopper, and only {active} "
                "there: add {missing} or plan at most {most}",
                "{per} visits per location need {per} different shoppers, and only {active} "
                "there: add {missing} or plan at most {most}",
                per_location,
            ).format(
                per=fmt.number(per_location),
                # Translators: "only 2 active shoppers are there".
                active=ngettext(
                    "{count} active shopper is", "{count} active shoppers are", have
                ).format(count=fmt.number(have)),
                missing=ngettext("{count} shopper", "{count} shoppers", missing).format(
                    count=fmt.number(missing)
                ),
                most=ngettext(
                    "{count} visit per location", "{count} visits per location", have
                ).format(count=fmt.number(have)),
            )
        )


def _id(item: Location | Shopper) -> str:
    return item.id


def _same_region(shopper: Shopper, location: Location) -> bool:
    return bool(shopper.region) and shopper.region.casefold() == location.region.casefold()


def shopper_loads(visits: Sequence[PlannedVisit]) -> dict[str, int]:
    """Visits per shopper in a plan, for the preview."""
    loads: dict[str, int] = {}
    for visit in visits:
        loads[visit.shopper] = loads.get(visit.shopper, 0) + 1
    return loads
