"""The canvas editor's gestures as pure edits of a journey draft.

A facilitator builds the journey by drawing, so the canvas keeps the bookkeeping the
model asks for that nobody draws: the first touchpoint is where customers start (with a
placeholder volume until someone types the real one), a touchpoint without a way out
is where the journey may end, and drawing a way out of it takes that mark away again.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from journeymap.analytics.journey_edit import (
    FIRST_ENTRY_CUSTOMERS,
    JourneyData,
    add_touchpoint,
    add_transition,
    remove_touchpoint,
    rename_references,
    slug,
)
from journeymap.i18n import _
from journeymap.model.journey import SLUG_PATTERN

TRANSITION_SEPARATOR = " → "


def _touchpoint(data: JourneyData, tp_id: str) -> dict[str, Any] | None:
    return next((tp for tp in data["touchpoints"] if tp.get("id") == tp_id), None)


def _sources(data: JourneyData) -> set[str]:
    return {str(t.get("from")) for t in data["transitions"]}


def _settle_ends(data: JourneyData, touched: set[str]) -> None:
    """Touched touchpoints may end the journey exactly when nothing leads out of them."""
    sources = _sources(data)
    for tp in data["touchpoints"]:
        if tp.get("id") in touched:
            tp["end"] = tp.get("id") not in sources


def place_touchpoint(
    data: JourneyData, name: str, stage: str, channel: str, after: str | None = None
) -> tuple[JourneyData, str]:
    """A new touchpoint in a cell, reached from ``after`` when the gesture started there."""
    result, tp_id = add_touchpoint(data, name, stage, channel)
    if not result["entries"] and after is None:
        result["entries"].append(
            {"touchpoint": tp_id, "customers_per_month": FIRST_ENTRY_CUSTOMERS}
        )
    if after is not None and _touchpoint(result, after) is not None:
        result = add_transition(result, after, tp_id, None)
    _settle_ends(result, {tp_id} | ({after} if after else set()))
    return result, tp_id


def move_touchpoint(data: JourneyData, tp_id: str, stage: str, channel: str) -> JourneyData:
    result = copy.deepcopy(data)
    tp = _touchpoint(result, tp_id)
    if tp is not None:
        tp["stage"], tp["channel"] = stage, channel
    return result


def connect(data: JourneyData, source: str, target: str) -> JourneyData:
    """A transition drawn from one touchpoint to another (once per pair)."""
    if any(t.get("from") == source and t.get("to") == target for t in data["transitions"]):
        return data
    result = add_transition(data, source, target, None)
    _settle_ends(result, {source})
    return result


def transition_key(source: str, target: str) -> str:
    return f"{source}{TRANSITION_SEPARATOR}{target}"


def remove_transition(data: JourneyData, key: str) -> JourneyData:
    source, _, target = key.partition(TRANSITION_SEPARATOR)
    result = copy.deepcopy(data)
    result["transitions"] = [
        t for t in result["transitions"] if not (t.get("from") == source and t.get("to") == target)
    ]
    _settle_ends(result, {source})
    return result


def remove_from_canvas(data: JourneyData, tp_id: str) -> JourneyData:
    """The touchpoint with its transitions; those that led into it may now end there."""
    before = {str(t.get("from")) for t in data["transitions"] if t.get("to") == tp_id}
    result, _ = remove_touchpoint(data, tp_id)
    _settle_ends(result, before - {tp_id})
    return result


def update_transition(data: JourneyData, key: str, changes: dict[str, Any]) -> JourneyData:
    source, _, target = key.partition(TRANSITION_SEPARATOR)
    result = copy.deepcopy(data)
    for t in result["transitions"]:
        if t.get("from") == source and t.get("to") == target:
            t.update(changes)
    return result


def set_entry(data: JourneyData, tp_id: str, customers: float | None) -> JourneyData:
    """Customers start at ``tp_id`` (``customers`` a month), or no longer when None."""
    result = copy.deepcopy(data)
    result["entries"] = [e for e in result["entries"] if e.get("touchpoint") != tp_id]
    if customers is not None:
        result["entries"].append({"touchpoint": tp_id, "customers_per_month": float(customers)})
    return result


def id_problem(data: JourneyData, old: str, new: str) -> str | None:
    """Why ``new`` cannot be the touchpoint's id, as a sentence; None when it can."""
    if not re.match(SLUG_PATTERN, new):
        return _(
            "'{id}' cannot be an id: use lowercase letters a–z, digits, and - or _ between "
            "them, e.g. '{example}'"
        ).format(id=new, example=slug(new) or "touchpoint")
    holder = _touchpoint(data, new)
    if new != old and holder is not None:
        return _("the id '{id}' is taken by '{name}': choose another").format(
            id=new, name=holder.get("name")
        )
    return None


def rename_touchpoint_id(data: JourneyData, old: str, new: str) -> JourneyData:
    """A new id for a touchpoint; its transitions and entry follow it."""
    result = copy.deepcopy(data)
    tp = _touchpoint(result, old)
    if tp is not None:
        tp["id"] = new
    return rename_references(result, {old: new})
