"""Which part of the editor a validation problem is about.

Problem locations name items by id (``touchpoints[book-online].stage``,
``transitions[a → b].share``, ``entries[web]``) or, when an item has no usable id yet,
by position (``touchpoints#3.name``). The editor shows each problem next to the
section and item it names; anything that names no section is about the journey itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from journeymap.model import Problem

SECTIONS = ("stages", "touchpoints", "transitions", "entries", "metrics")
_LOCATION = re.compile(r"^(?P<section>[a-z_]+)(?:\[(?P<key>[^\]]*)\]|#(?P<number>\d+))?")


@dataclass(frozen=True)
class Place:
    section: str  # one of SECTIONS, or "journey"
    key: str  # the item's id ("a → b" for a transition), "#3" by position, "" for all
    field: str  # what inside the item, e.g. "share" or "targets.nps"; "" for the item


def place_of(location: str) -> Place:
    match = _LOCATION.match(location)
    if not match or match.group("section") not in SECTIONS:
        return Place("journey", "", location)
    key = match.group("key")
    if key is None:
        key = f"#{match.group('number')}" if match.group("number") else ""
    rest = location[match.end() :]
    return Place(match.group("section"), key, rest.lstrip("."))


def problems_at(problems: list[Problem], section: str, key: str | None = None) -> list[Problem]:
    """The problems about one section, or about one item in it when ``key`` is given."""
    found = []
    for problem in problems:
        place = place_of(problem.location)
        if place.section == section and (key is None or place.key == key):
            found.append(problem)
    return found


SINGULAR = {
    "stages": "stage",
    "touchpoints": "touchpoint",
    "transitions": "transition",
    "entries": "entry at",
    "metrics": "metric",
}


def named_sentence(problem: Problem, data: dict[str, Any]) -> str:
    """The problem as a person reads it: items called by their names, not their ids.

    ``touchpoints[afgoerelse].feels: …`` becomes ``Touchpoint 'Afgørelse', feels: …``.
    """
    place = place_of(problem.location)
    if place.section == "journey":
        where = f"{place.field}: " if place.field else ""
        return _capital(where + problem.message)
    group = place.section if place.section in ("stages", "metrics") else "touchpoints"
    names = {
        str(item.get("id")): str(item.get("name") or item.get("id"))
        for item in data.get(group) or []
        if isinstance(item, dict)
    }
    if place.section == "transitions" and " → " in place.key:
        source, target = place.key.split(" → ", 1)
        key = f"{names.get(source, source)} → {names.get(target, target)}"
    else:
        key = names.get(place.key, place.key)
    item = f"{SINGULAR.get(place.section, place.section)} '{key}'" if key else place.section
    field = f", {place.field.replace('_', ' ')}" if place.field else ""
    return _capital(f"{item}{field}: {problem.message}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
