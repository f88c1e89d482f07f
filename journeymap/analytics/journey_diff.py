"""What changed between two versions of a journey, item by item and field by field.

Used by the revision history, the as-is/to-be comparison and `journeymap diff`, so
that all three say the same thing in the same words. Items are matched by id
(transitions by their from → to pair); the order of touchpoints and transitions in
a file does not matter, the order of stages does (they are the map's columns).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from journeymap.i18n import N_, _
from journeymap.model import Journey

ItemKind = Literal["journey", "stage", "touchpoint", "transition", "entry", "metric"]
ChangeKind = Literal["added", "removed", "changed"]
# What the reader calls each kind of item; field names stay the journey file's keys,
# which is where a consultant finds and types them.
ITEM_NAMES: dict[str, str] = {
    "journey": N_("journey"),
    "stage": N_("stage"),
    "touchpoint": N_("touchpoint"),
    "transition": N_("transition"),
    # Translators: an entry point of a journey, with the customers entering there a month.
    "entry": N_("entry"),
    "metric": N_("metric"),
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any

    def __str__(self) -> str:
        return f"{self.field}: {_show(self.before)} → {_show(self.after)}"


@dataclass(frozen=True)
class ItemChange:
    item: ItemKind
    key: str
    change: ChangeKind
    label: str = ""
    fields: tuple[FieldChange, ...] = ()

    def __str__(self) -> str:
        # Named as people call them; an id in brackets where ids are typed and edited.
        named = self.label or self.key
        if self.item in ("journey", "stage", "touchpoint", "metric") and self.label:
            named = f"{_show(self.label)} ({self.key})"
        item = _(ITEM_NAMES[self.item])
        if self.change == "added":
            return _("{item} added: {named}").format(item=item, named=named)
        if self.change == "removed":
            return _("{item} removed: {named}").format(item=item, named=named)
        return _("{item} changed: {named}: {fields}").format(
            item=item, named=named, fields="; ".join(str(f) for f in self.fields)
        )


@dataclass(frozen=True)
class JourneyDiff:
    changes: tuple[ItemChange, ...] = field(default_factory=tuple)

    @property
    def identical(self) -> bool:
        return not self.changes

    def lines(self) -> list[str]:
        return [str(change) for change in self.changes]

    def of(self, item: ItemKind) -> list[ItemChange]:
        return [c for c in self.changes if c.item == item]


def diff_journeys(before: Journey, after: Journey) -> JourneyDiff:
    changes: list[ItemChange] = []
    journey_fields = _field_changes(
        before, after, exclude={"stages", "touchpoints", "transitions", "entries", "metrics"}
    )
    if journey_fields:
        changes.append(
            ItemChange("journey", after.id, "changed", after.name, fields=journey_fields)
        )
    names = {s.id: s.name for s in before.stages} | {s.id: s.name for s in after.stages}
    names |= {t.id: t.name for t in before.touchpoints} | {t.id: t.name for t in after.touchpoints}
    before_order = [s.id for s in before.stages]
    after_order = [s.id for s in after.stages]
    changes += _items("stage", _by_key(before.stages), _by_key(after.stages))
    kept = [s for s in after_order if s in before_order]
    if kept != [s for s in before_order if s in after_order]:
        order = FieldChange("order", ", ".join(before_order), ", ".join(after_order))
        changes.append(ItemChange("stage", "stages", "changed", fields=(order,)))
    changes += _items("touchpoint", _by_key(before.touchpoints), _by_key(after.touchpoints))
    changes += _items(
        "transition",
        {f"{t.source} → {t.target}": t for t in before.transitions},
        {f"{t.source} → {t.target}": t for t in after.transitions},
        lambda key: " → ".join(repr(names.get(part, part)) for part in key.split(" → ")),
    )
    changes += _items(
        "entry",
        {e.touchpoint: e for e in before.entries},
        {e.touchpoint: e for e in after.entries},
        lambda key: repr(names.get(key, key)),
    )
    changes += _items("metric", _by_key(before.metrics), _by_key(after.metrics))
    return JourneyDiff(tuple(changes))


def _by_key(items: list[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _items(
    kind: ItemKind,
    before: dict[str, Any],
    after: dict[str, Any],
    called: Callable[[str], str] | None = None,
) -> list[ItemChange]:
    """``called``: what to call an item that has no name of its own (by its key)."""

    def label(key: str, item: Any) -> str:
        return called(key) if called else str(getattr(item, "name", "") or "")

    changes: list[ItemChange] = []
    for key, item in after.items():
        if key not in before:
            changes.append(ItemChange(kind, key, "added", label(key, item)))
    for key, item in before.items():
        if key not in after:
            changes.append(ItemChange(kind, key, "removed", label(key, item)))
    for key, item in after.items():
        if key in before:
            fields = _field_changes(before[key], item)
            if fields:
                changes.append(ItemChange(kind, key, "changed", label(key, item), fields))
    return changes


def _field_changes(
    before: BaseModel, after: BaseModel, exclude: set[str] | None = None
) -> tuple[FieldChange, ...]:
    flat_before = _flatten(before.model_dump(by_alias=True, exclude=exclude))
    flat_after = _flatten(after.model_dump(by_alias=True, exclude=exclude))
    return tuple(
        FieldChange(name, flat_before.get(name), flat_after.get(name))
        for name in dict.fromkeys([*flat_before, *flat_after])
        if flat_before.get(name) != flat_after.get(name)
    )


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat |= _flatten(value, f"{name}.")
        else:
            flat[name] = value
    return flat


def _show(value: Any) -> str:
    if value is None:
        return _("(none)")
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)
