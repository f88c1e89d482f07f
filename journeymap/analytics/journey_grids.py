"""The editor's grids: a draft's touchpoints, transitions and entries as tables and back.

A grid hands back what the person typed, with pandas' idea of empty cells (NaN, None)
and numbers as floats. These functions turn that back into journey data so that the
model's own validation, not a pandas artefact, decides what is wrong. Grid rows keep
the index of the row they were drawn from, which is how a renamed id is told apart
from a deleted row and a new one.
"""

from __future__ import annotations

import copy
import math
import numbers
from typing import Any

import pandas as pd

from journeymap.analytics.journey_edit import (
    JourneyData,
    new_touchpoint,
    remove_touchpoint,
    rename_references,
    unique_slug,
)
from journeymap.i18n import formatting as fmt
from journeymap.i18n import ngettext

TOUCHPOINT_GRID = ("id", "name", "stage", "channel", "owner", "feels", "moment_of_truth", "end")
TRANSITION_GRID = ("from", "to", "share", "kind", "label")
ENTRY_GRID = ("touchpoint", "customers_per_month")
METRIC_GRID = ("id", "name", "unit", "direction", "target")
_TEXT = {
    "id",
    "name",
    "stage",
    "channel",
    "owner",
    "from",
    "to",
    "kind",
    "label",
    "touchpoint",
    "unit",
    "direction",
}
_FLAGS = {"moment_of_truth", "end"}


def _empty(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(column: str, value: Any) -> Any:
    """A grid cell as journey data: text stays text, whole numbers become ints."""
    if hasattr(value, "item"):  # numpy scalars from the frame
        value = value.item()
    if column in _TEXT:
        return "" if _empty(value) else str(value).strip()
    if column in _FLAGS:
        return False if _empty(value) else bool(value)
    if _empty(value):
        return None
    if column == "feels" and isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and column != "feels":
        return float(value)
    return value


def _rows(grid: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple[Any, dict[str, Any]]]:
    rows = []
    for index, row in grid.iterrows():
        values = {c: _cell(c, row.get(c)) for c in columns}
        if all(v in ("", None, False) for v in values.values()):
            continue  # an empty row the person added and left
        rows.append((index, values))
    return rows


def touchpoint_grid(data: JourneyData) -> pd.DataFrame:
    rows = [{c: tp.get(c) for c in TOUCHPOINT_GRID} for tp in data["touchpoints"]]
    frame = pd.DataFrame(rows, columns=list(TOUCHPOINT_GRID))
    frame["feels"] = frame["feels"].astype("Int64")
    return frame


def apply_touchpoint_grid(data: JourneyData, grid: pd.DataFrame) -> tuple[JourneyData, list[str]]:
    """The draft with the grid's touchpoints; notes say what went with a deleted one.

    Fields the grid does not show (promise, lanes, targets) are kept for rows that came
    from an existing touchpoint. A row without an id gets one made from its name.
    """
    old = data["touchpoints"]
    kept: set[int] = set()
    renames: dict[str, str] = {}
    touchpoints: list[dict[str, Any]] = []
    taken = {str(v) for _, v in grid["id"].items() if not _empty(v)}
    for index, values in _rows(grid, TOUCHPOINT_GRID):
        position = int(index) if isinstance(index, numbers.Integral) else None
        if position is not None and not 0 <= position < len(old):
            position = None
        if position is not None and position not in kept:
            kept.add(position)
            touchpoint = copy.deepcopy(old[position])
            if values["id"] and values["id"] != touchpoint.get("id"):
                renames[str(touchpoint.get("id"))] = values["id"]
        else:
            touchpoint = new_touchpoint("", "", "", "")
        touchpoint.update(values)
        if not touchpoint["id"]:
            touchpoint["id"] = unique_slug(touchpoint["name"], taken, "touchpoint")
            taken.add(touchpoint["id"])
        touchpoints.append(touchpoint)
    result = rename_references(copy.deepcopy(data), renames)
    notes = []
    for position, touchpoint in enumerate(old):
        if position in kept:
            continue
        result, links = remove_touchpoint(result, str(touchpoint.get("id")))
        if links:
            notes.append(
                ngettext(
                    "Deleted '{name}' and the {count} transition or entry that led into or out "
                    "of it.",
                    "Deleted '{name}' and the {count} transitions or entries that led into or "
                    "out of it.",
                    links,
                ).format(
                    name=touchpoint.get("name") or touchpoint.get("id"), count=fmt.number(links)
                )
            )
    result["touchpoints"] = touchpoints
    return result, notes


def transition_grid(data: JourneyData) -> pd.DataFrame:
    rows = [{c: t.get(c) for c in TRANSITION_GRID} for t in data["transitions"]]
    return pd.DataFrame(rows, columns=list(TRANSITION_GRID))


def apply_transition_grid(data: JourneyData, grid: pd.DataFrame) -> JourneyData:
    result = copy.deepcopy(data)
    result["transitions"] = [
        values | {"kind": values["kind"] or "normal"} for _, values in _rows(grid, TRANSITION_GRID)
    ]
    return result


def entry_grid(data: JourneyData) -> pd.DataFrame:
    rows = [{c: e.get(c) for c in ENTRY_GRID} for e in data["entries"]]
    return pd.DataFrame(rows, columns=list(ENTRY_GRID))


def apply_entry_grid(data: JourneyData, grid: pd.DataFrame) -> JourneyData:
    result = copy.deepcopy(data)
    result["entries"] = [values for _, values in _rows(grid, ENTRY_GRID)]
    return result


def metric_grid(data: JourneyData) -> pd.DataFrame:
    rows = [{c: m.get(c) for c in METRIC_GRID} for m in data.get("metrics", [])]
    return pd.DataFrame(rows, columns=list(METRIC_GRID))


def apply_metric_grid(data: JourneyData, grid: pd.DataFrame) -> JourneyData:
    """The metrics as edited; a blank target is no target, a blank direction 'lower'."""
    result = copy.deepcopy(data)
    metrics = []
    for _, values in _rows(grid, METRIC_GRID):
        values["direction"] = values["direction"] or "lower"
        metrics.append({k: v for k, v in values.items() if not (k == "target" and v is None)})
    result["metrics"] = metrics
    return result


def same_rows(a: JourneyData, b: JourneyData, part: str) -> bool:
    """Whether two drafts hold the same items in ``part`` (NaN-safe for floats)."""

    def norm(value: Any) -> Any:
        if isinstance(value, float) and math.isnan(value):
            return None
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        if isinstance(value, list):
            return [norm(v) for v in value]
        return value

    return norm(a.get(part)) == norm(b.get(part))
