"""Turn untrusted data (a parsed YAML/JSON file, a form) into a valid Journey.

pydantic's own messages say what is wrong in its terms; these say where, in the
journey's terms (``touchpoints[book-online].share``), and how to fix it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from journeymap.i18n import N_, _
from journeymap.model.checks import (
    References,
    did_you_mean,
    journey_problems,
    reference_problems,
    transition_location,
)
from journeymap.model.journey import Journey
from journeymap.model.problems import InvalidInput, Problem

TYPE_WORDS = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "float_type": N_("a number"),
    "bool_type": N_("true or false"),
    "list_type": N_("a list"),
    "dict_type": N_("a mapping of keys to values"),
    "model_type": N_("a mapping of keys to values"),
}
# Said after problems that stop the checks of shares and of the graph from running, so
# that a person who fixes the list is not surprised by a second one.
LATER_CHECKS = N_("more checks (shares, reachability, dead ends, loops) run once these are fixed")


def parse_journey(data: Any) -> Journey:
    """A valid journey from data, or :class:`InvalidInput` listing every problem."""
    if not isinstance(data, dict):
        raise InvalidInput(
            [Problem("", _("a journey must be a mapping of keys (id, name, stages …) to values"))]
        )
    try:
        journey = Journey.model_validate(data)
    except ValidationError as error:
        problems = structure_problems(error, data, Journey)
        problems += reference_problems(_readable_references(data))
        raise InvalidInput(problems, note=_(LATER_CHECKS)) from None
    problems = reference_problems(References.of(journey))
    if problems:
        raise InvalidInput(problems, note=_(LATER_CHECKS))
    problems = journey_problems(journey)
    if problems:
        raise InvalidInput(problems)
    return journey


def _readable_references(data: dict[str, Any]) -> References:
    """The ids and references of data that failed validation, where they are text.

    An item whose field is wrong still has an id that others may name, so it counts;
    a reference that is not text is left to the field error that reports it.
    """
    touchpoints = [(_text(t, "id"), _text(t, "stage")) for t in _items(data, "touchpoints")]
    transitions = [
        (_text(t, "from", "source"), _text(t, "to", "target")) for t in _items(data, "transitions")
    ]
    return References(
        stages=_texts(_items(data, "stages"), "id"),
        touchpoints=tuple(tp for tp, _ in touchpoints if tp is not None),
        metrics=_texts(_items(data, "metrics"), "id"),
        stage_of=tuple(
            (tp, stage) for tp, stage in touchpoints if tp is not None and stage is not None
        ),
        transitions=tuple(
            (i, source, target)
            for i, (source, target) in enumerate(transitions)
            if source is not None and target is not None
        ),
        entries=_texts(_items(data, "entries"), "touchpoint"),
        names=tuple(
            (item_id, name)
            for group in ("stages", "touchpoints")
            for item in _items(data, group)
            if (item_id := _text(item, "id")) is not None and (name := _text(item, "name"))
        ),
    )


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The mappings listed under ``key``; anything else as an empty one, to keep positions."""
    listed = data.get(key)
    if not isinstance(listed, list):
        return []
    return [item if isinstance(item, dict) else {} for item in listed]


def _text(item: dict[str, Any], *names: str) -> str | None:
    """The value of the first of ``names`` (file name, then field name) present, if text."""
    for name in names:
        if name in item:
            return item[name] if isinstance(item[name], str) else None
    return None


def _texts(items: list[dict[str, Any]], name: str) -> tuple[str, ...]:
    return tuple(value for item in items if (value := _text(item, name)) is not None)


def structure_problems(error: ValidationError, data: Any, model: type[BaseModel]) -> list[Problem]:
    """pydantic's errors as problems with readable locations and fixes."""
    problems = []
    for item in error.errors():
        location = readable_location(item["loc"], data)
        problems.append(Problem(location, _message(item, model)))
    return problems


def readable_location(loc: tuple[Any, ...], data: Any) -> str:
    """('touchpoints', 3, 'share') → 'touchpoints[book-online].share'."""
    parts: list[str] = []
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            parent = loc[i - 1] if i else ""
            parts[-1:] = [parts[-1] + _item_label(parent, key, item)] if parts else [f"[{key}]"]
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


def _item_label(parent: Any, index: int, item: Any) -> str:
    if isinstance(item, dict):
        if parent == "transitions":
            return transition_location(index, str(item.get("from", "")), str(item.get("to", "")))[
                len("transitions") :
            ]
        for key in ("id", "touchpoint"):
            if isinstance(item.get(key), str) and item[key]:
                return f"[{item[key]}]"
    return f"#{index + 1}"


def _message(item: ErrorDetails, model: type[BaseModel]) -> str:
    kind = item["type"]
    loc = item["loc"]
    field = str(loc[-1]) if loc else ""
    value = item.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = did_you_mean(field, allowed)
        if hint:
            return _("unknown key '{key}'{hint}").format(key=field, hint=hint)
        return _("unknown key '{key}'; allowed keys here: {allowed}").format(
            key=field, allowed=", ".join(allowed)
        )
    if kind == "missing":
        return _("'{key}' is required: add it").format(key=field)
    if kind == "string_pattern_mismatch":
        suggestion = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "my-id"
        return _(
            "'{value}' is not a valid id: use lowercase letters, digits, and - or _ "
            "between them, e.g. '{suggestion}'"
        ).format(value=value, suggestion=suggestion)
    if kind == "string_too_short":
        return _("'{key}' is empty: write something here").format(key=field)
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return _range_message(field, value, item.get("ctx", {}))
    if kind == "literal_error":
        return _("'{value}' is not allowed here: use {expected}").format(
            value=value, expected=item["ctx"]["expected"]
        )
    if kind in TYPE_WORDS:
        return _("expected {kind} but found {value}").format(
            kind=_(TYPE_WORDS[kind]), value=repr(value)
        )
    if kind in {"float_parsing", "int_parsing", "int_from_float"}:
        wanted = TYPE_WORDS.get(kind.split("_")[0] + "_type", TYPE_WORDS["float_type"])
        return _("expected {kind}, got {value}").format(kind=_(wanted), value=repr(value))
    return str(item["msg"])


def _range_message(field: str, value: Any, ctx: dict[str, Any]) -> str:
    if field == "share":
        return _(
            "share {value} is outside 0–1: give the fraction of customers who take this "
            "transition, e.g. 0.35 for 35 %"
        ).format(value=value)
    if field == "feels":
        return _(
            "feels {value} is outside −2…+2: use −2 (very negative) to +2 (very positive)"
        ).format(value=value)
    bounds = [
        _("at least {bound}").format(bound=ctx["ge"]) if "ge" in ctx else "",
        _("more than {bound}").format(bound=ctx["gt"]) if "gt" in ctx else "",
        _("at most {bound}").format(bound=ctx["le"]) if "le" in ctx else "",
        _("less than {bound}").format(bound=ctx["lt"]) if "lt" in ctx else "",
    ]
    return _("{field} {value} is out of range: it must be {bounds}").format(
        field=field,
        value=value,
        # Translators: joins two bounds, as in "at least 0 and at most 10".
        bounds=_(" and ").join(b for b in bounds if b),
    )


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at ``loc``: the fields (by their file names) of the model there."""
    current: type[BaseModel] = model
    for key in loc:
        if isinstance(key, int):
            continue
        field = current.model_fields.get(str(key)) or next(
            (f for f in current.model_fields.values() if f.alias == key), None
        )
        nested = _model_in(field.annotation) if field else None
        if nested is None:
            break
        current = nested
    return [f.alias or name for name, f in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None
