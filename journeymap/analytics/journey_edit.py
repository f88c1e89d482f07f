"""Edits to a journey draft, as pure functions over its file data.

The editor holds a draft as data (the dict a journey file holds, ``from``/``to`` and
all), not as a :class:`Journey`: half-way through an edit a draft is often invalid (a
touchpoint without a name, a stage that was just deleted), and the editor must keep it
and show its problems rather than refuse to hold it. Every function here returns a new
dict and never changes its input, so a draft in session state only changes when the
editor stores the result.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from journeymap.i18n import N_, _
from journeymap.model import InvalidInput, Journey, Problem, Touchpoint, parse_journey

JourneyData = dict[str, Any]

# What a workshop usually starts from (the phases in DESIGN.md) when nobody types stages.
# The usual stages of a new journey, in the reader's language where they are used.
STARTER_STAGES = (
    N_("Aware"),
    N_("Choose"),
    N_("Buy"),
    N_("Use"),
    N_("Get help"),
    N_("Leave or renew"),
)
# The customers a month the first touchpoint of a new journey gets as its entry, until
# someone types the real number.
FIRST_ENTRY_CUSTOMERS = 1000.0


def draft_of(journey: Journey) -> JourneyData:
    """The journey as editable data, with every field present."""
    return journey.model_dump(by_alias=True, mode="json")


def check_draft(data: JourneyData) -> tuple[Journey | None, list[Problem]]:
    """The valid journey, or None and every problem the editor should show."""
    try:
        return parse_journey(data), []
    except InvalidInput as error:
        return None, error.problems


# Letters that Unicode does not decompose into a base letter and a mark, spelt out the
# way Scandinavians and Germans write them without their letters (Ærø → aeroe), so that
# an id made from a name still reads as that name.
SPELT_OUT = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "œ": "oe",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "đ": "d",
        "ı": "i",
    }
)


def slug(text: str) -> str:
    """An id made from a name: lowercase ASCII letters and digits joined by ``-``.

    Nordic and German letters are spelt out (æ → ae, ø → oe, å → aa, ü → ue, ß → ss);
    other accented letters lose their accent (é → e).
    """
    spelt = text.lower().translate(SPELT_OUT)
    plain = unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def unique_slug(text: str, taken: set[str] | list[str], fallback: str = "item") -> str:
    """A slug made from ``text`` that is not in ``taken`` (``-2``, ``-3`` … appended)."""
    base = slug(text)[:60].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def stage_names(text: str) -> list[str]:
    """Stage names typed in one field: one per line, or separated by commas or arrows."""
    parts = re.split(r"\n|,|;|→|->|>", text)
    return list(dict.fromkeys(part.strip() for part in parts if part.strip()))


def starter_journey(journey_id: str, name: str, stages: list[str] | None = None) -> Journey:
    """An empty journey with these stages (the usual ones if none): no touchpoint to
    rename or delete before it is valid; the canvas adds the first one."""
    stage_ids: list[str] = []
    for stage in stages or [_(stage) for stage in STARTER_STAGES]:
        stage_ids.append(unique_slug(stage, stage_ids, "stage"))
    return parse_journey(
        {
            "id": journey_id,
            "name": name,
            "stages": [
                {"id": stage_id, "name": stage}
                for stage_id, stage in zip(stage_ids, stages or STARTER_STAGES, strict=True)
            ],
        }
    )


def copy_as(journey: Journey, journey_id: str, name: str, variant_of: str | None) -> Journey:
    """A copy of a journey (a template, or the as-is for a to-be) under a new id."""
    return journey.model_copy(update={"id": journey_id, "name": name, "variant_of": variant_of})


# --- stages ------------------------------------------------------------------------------


def _ids(items: list[dict[str, Any]], key: str = "id") -> list[str]:
    return [str(item.get(key) or "") for item in items]


def add_stage(data: JourneyData, name: str) -> tuple[JourneyData, str]:
    """A new stage at the right end; returns the new data and the stage's id."""
    result = copy.deepcopy(data)
    stage_id = unique_slug(name, _ids(result["stages"]), "stage")
    result["stages"].append({"id": stage_id, "name": name.strip(), "description": ""})
    return result, stage_id


def update_stage(data: JourneyData, stage_id: str, name: str, description: str) -> JourneyData:
    result = copy.deepcopy(data)
    for stage in result["stages"]:
        if stage.get("id") == stage_id:
            stage["name"], stage["description"] = name, description
    return result


def move_stage(data: JourneyData, stage_id: str, offset: int) -> JourneyData:
    """The stage moved ``offset`` places (−1: one to the left); stays put at an end."""
    result = copy.deepcopy(data)
    stages = result["stages"]
    index = _ids(stages).index(stage_id)
    target = min(max(index + offset, 0), len(stages) - 1)
    stages.insert(target, stages.pop(index))
    return result


def touchpoints_in_stage(data: JourneyData, stage_id: str) -> list[dict[str, Any]]:
    return [tp for tp in data["touchpoints"] if tp.get("stage") == stage_id]


def delete_stage(
    data: JourneyData, stage_id: str, move_to: str | None = None
) -> tuple[JourneyData, str]:
    """Delete a stage; its touchpoints move to ``move_to``, or go too when it is None.

    Returns the new data and a sentence that says what happened to the touchpoints.
    """
    result = copy.deepcopy(data)
    name = next((s.get("name") for s in result["stages"] if s.get("id") == stage_id), stage_id)
    result["stages"] = [s for s in result["stages"] if s.get("id") != stage_id]
    inside = touchpoints_in_stage(result, stage_id)
    if not inside:
        return result, _("Deleted the stage '{name}'; it had no touchpoints.").format(name=name)
    names = ", ".join(f"'{tp.get('name') or tp.get('id')}'" for tp in inside)
    if move_to is not None:
        for tp in inside:
            tp["stage"] = move_to
        target = next((s.get("name") for s in result["stages"] if s.get("id") == move_to), move_to)
        return result, _("Deleted the stage '{name}' and moved {names} to '{target}'.").format(
            name=name, names=names, target=target
        )
    for tp in inside:
        result, _message = remove_touchpoint(result, str(tp.get("id")))
    return result, _("Deleted the stage '{name}' and its touchpoints {names}.").format(
        name=name, names=names
    )


# --- touchpoints, transitions, entries ----------------------------------------------------


def new_touchpoint(
    tp_id: str, name: str, stage: str, channel: str, owner: str = ""
) -> dict[str, Any]:
    """A touchpoint's data with every field at its default (the editor shows them all)."""
    data = Touchpoint(id="new", name="new", stage="", channel="web").model_dump(
        by_alias=True, mode="json"
    )
    data.update(id=tp_id, name=name, stage=stage, channel=channel, owner=owner)
    return data


def add_touchpoint(
    data: JourneyData, name: str, stage: str, channel: str, owner: str = ""
) -> tuple[JourneyData, str]:
    """A new touchpoint at the end of the list; returns the data and its id."""
    result = copy.deepcopy(data)
    tp_id = unique_slug(name, _ids(result["touchpoints"]), "touchpoint")
    result["touchpoints"].append(new_touchpoint(tp_id, name.strip(), stage, channel, owner))
    return result, tp_id


def update_touchpoint(data: JourneyData, tp_id: str, changes: dict[str, Any]) -> JourneyData:
    """The touchpoint's fields replaced by ``changes``; a new id is followed everywhere."""
    result = copy.deepcopy(data)
    for tp in result["touchpoints"]:
        if tp.get("id") == tp_id:
            tp.update(copy.deepcopy(changes))
    new_id = changes.get("id", tp_id)
    return rename_references(result, {tp_id: new_id}) if new_id != tp_id else result


def rename_references(data: JourneyData, renames: dict[str, str]) -> JourneyData:
    """Transitions and entries follow touchpoints whose id changed."""
    result = copy.deepcopy(data)
    for transition in result["transitions"]:
        transition["from"] = renames.get(transition.get("from"), transition.get("from"))
        transition["to"] = renames.get(transition.get("to"), transition.get("to"))
    for entry in result["entries"]:
        entry["touchpoint"] = renames.get(entry.get("touchpoint"), entry.get("touchpoint"))
    return result


def remove_touchpoint(data: JourneyData, tp_id: str) -> tuple[JourneyData, int]:
    """Remove a touchpoint with its transitions and entry; returns how many links went."""
    result = copy.deepcopy(data)
    result["touchpoints"] = [tp for tp in result["touchpoints"] if tp.get("id") != tp_id]
    before = len(result["transitions"]) + len(result["entries"])
    result["transitions"] = [
        t for t in result["transitions"] if tp_id not in (t.get("from"), t.get("to"))
    ]
    result["entries"] = [e for e in result["entries"] if e.get("touchpoint") != tp_id]
    return result, before - len(result["transitions"]) - len(result["entries"])


def add_transition(
    data: JourneyData,
    source: str,
    target: str,
    share: float | None,
    kind: str = "normal",
    label: str = "",
) -> JourneyData:
    result = copy.deepcopy(data)
    result["transitions"].append(
        {"from": source, "to": target, "share": share, "label": label, "kind": kind}
    )
    return result


def lines_to_list(text: str) -> list[str]:
    """One item per non-empty line (pain points, opportunities)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
