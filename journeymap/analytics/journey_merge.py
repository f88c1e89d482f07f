"""Three-way merge of journey drafts: what two people changed since the same revision.

When someone saved a newer revision while a person was editing, their draft is merged
with it against the revision both started from (the *base*): a change only one side
made is taken; the same change on both sides is taken once; only a field both changed
differently (or an item one side deleted and the other changed) is a *conflict*, which
the person decides. Items are matched as the diff matches them: stages, touchpoints
and metrics by id, transitions by their from → to pair, entries by touchpoint.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

Side = Literal["theirs", "ours"]
Data = dict[str, Any]
ConflictKey = tuple[str, ...]

KEYED: dict[str, Callable[[dict[str, Any]], str]] = {
    "stages": lambda item: str(item.get("id")),
    "touchpoints": lambda item: str(item.get("id")),
    "transitions": lambda item: f"{item.get('from')} → {item.get('to')}",
    "entries": lambda item: str(item.get("touchpoint")),
    "metrics": lambda item: str(item.get("id")),
}
ITEM_WORD = {
    "stages": "stage",
    "touchpoints": "touchpoint",
    "transitions": "transition",
    "entries": "entry at",
    "metrics": "metric",
}


@dataclass(frozen=True)
class Conflict:
    key: ConflictKey  # (field,) for the journey's own fields; (group, item, field?)
    label: str  # what a person reads: "touchpoint 'Afgørelse', feels"
    theirs: Any  # None where their side deleted the item
    ours: Any


@dataclass(frozen=True)
class MergeResult:
    data: Data
    conflicts: tuple[Conflict, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_drafts(
    base: Data, theirs: Data, ours: Data, prefer: dict[ConflictKey, Side] | None = None
) -> MergeResult:
    """``ours`` merged with ``theirs`` against ``base``; conflicts decided by ``prefer``
    (ours where it says nothing), and listed whatever was decided."""
    prefer = prefer or {}
    conflicts: list[Conflict] = []
    result: Data = {}
    names = _names(base, theirs, ours)
    for field in dict.fromkeys([*ours, *theirs]):
        if field in KEYED:
            result[field] = _merge_list(field, base, theirs, ours, names, prefer, conflicts)
            continue
        value, conflict = _pick(base.get(field), theirs.get(field), ours.get(field))
        if conflict:
            key = (field,)
            conflicts.append(Conflict(key, field.replace("_", " "), theirs.get(field), value))
            value = theirs.get(field) if prefer.get(key) == "theirs" else ours.get(field)
        result[field] = copy.deepcopy(value)
    return MergeResult(result, tuple(conflicts))


def _pick(base: Any, theirs: Any, ours: Any) -> tuple[Any, bool]:
    """The merged value of one field, and whether both sides changed it differently."""
    if theirs == ours or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def _names(*versions: Data) -> dict[str, str]:
    names: dict[str, str] = {}
    for version in versions:
        for group in ("stages", "touchpoints", "metrics"):
            for item in version.get(group) or []:
                names.setdefault(str(item.get("id")), str(item.get("name") or item.get("id")))
    return names


def _label(group: str, key: str, names: dict[str, str]) -> str:
    if group == "transitions":
        source, _, target = key.partition(" → ")
        shown = f"{names.get(source, source)} → {names.get(target, target)}"
    else:
        shown = names.get(key, key)
    return f"{ITEM_WORD[group]} '{shown}'"


def _merge_list(
    group: str,
    base: Data,
    theirs: Data,
    ours: Data,
    names: dict[str, str],
    prefer: dict[ConflictKey, Side],
    conflicts: list[Conflict],
) -> list[dict[str, Any]]:
    key_of = KEYED[group]
    b, t, o = ({key_of(i): i for i in v.get(group) or []} for v in (base, theirs, ours))
    order = _order(group, base, theirs, ours)
    merged: list[dict[str, Any]] = []
    for key in order:
        item = _merge_item(group, key, b.get(key), t.get(key), o.get(key), names, prefer, conflicts)
        if item is not None:
            merged.append(copy.deepcopy(item))
    return merged


def _order(group: str, base: Data, theirs: Data, ours: Data) -> list[str]:
    """Our order, then what only they have; their order when only they reordered."""
    key_of = KEYED[group]
    b, t, o = ([key_of(i) for i in v.get(group) or []] for v in (base, theirs, ours))

    def reordered(keys: list[str]) -> bool:
        return [k for k in keys if k in b] != [k for k in b if k in keys]

    first, second = (t, o) if reordered(t) and not reordered(o) else (o, t)
    return list(dict.fromkeys([*first, *second, *b]))


def _merge_item(
    group: str,
    key: str,
    base: dict[str, Any] | None,
    theirs: dict[str, Any] | None,
    ours: dict[str, Any] | None,
    names: dict[str, str],
    prefer: dict[ConflictKey, Side],
    conflicts: list[Conflict],
) -> dict[str, Any] | None:
    value, conflict = _pick(base, theirs, ours)
    if not conflict:
        return value
    label = _label(group, key, names)
    if theirs is None or ours is None:
        # One side deleted what the other changed: the whole item is the question.
        item_key = (group, key)
        conflicts.append(Conflict(item_key, label, theirs, ours))
        return theirs if prefer.get(item_key) == "theirs" else ours
    merged: dict[str, Any] = {}
    for field in dict.fromkeys([*ours, *theirs]):
        old = (base or {}).get(field)
        picked, clash = _pick(old, theirs.get(field), ours.get(field))
        if clash:
            field_key = (group, key, field)
            conflicts.append(
                Conflict(
                    field_key, f"{label}, {field.replace('_', ' ')}", theirs.get(field), picked
                )
            )
            picked = theirs.get(field) if prefer.get(field_key) == "theirs" else ours.get(field)
        merged[field] = picked
    return merged
