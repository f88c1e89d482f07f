"""As-is against to-be: the two journeys' touchpoints side by side.

The words come from :func:`diff_journeys`, so the compare page, the history page and
``journeymap diff`` describe a change the same way.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from journeymap.analytics.emotion import map_steps
from journeymap.analytics.journey_diff import ItemChange, diff_journeys
from journeymap.model import Journey

COMPARE_COLUMNS = ("Touchpoint", "Stage", "As-is", "To-be", "Change", "What changed")


def _fields(change: ItemChange | None) -> str:
    return "; ".join(str(f) for f in change.fields) if change else ""


def touchpoint_comparison(as_is: Journey, to_be: Journey) -> pd.DataFrame:
    """One row per touchpoint in either journey, in the to-be's reading order.

    Touchpoints only the as-is has follow, in its reading order.
    """
    changes = {c.key: c for c in diff_journeys(as_is, to_be).of("touchpoint")}
    before = {tp.id: tp for tp in as_is.touchpoints}
    after = {tp.id: tp for tp in to_be.touchpoints}
    stage_names = {s.id: s.name for s in as_is.stages} | {s.id: s.name for s in to_be.stages}
    order = [s.touchpoint for s in map_steps(to_be)]
    order += [s.touchpoint for s in map_steps(as_is) if s.touchpoint not in after]
    rows = []
    for tp_id in order:
        old, new = before.get(tp_id), after.get(tp_id)
        current = new or old
        assert current is not None
        change = changes.get(tp_id)
        rows.append(
            {
                "Touchpoint": current.name,
                "Stage": stage_names.get(current.stage, current.stage),
                "As-is": old.name if old else "",
                "To-be": new.name if new else "",
                "Change": change.change if change else "same",
                "What changed": _fields(change) if change and change.change == "changed" else "",
            }
        )
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))


def change_counts(as_is: Journey, to_be: Journey) -> dict[str, int]:
    """How many touchpoints and transitions were added, removed or changed."""
    counts: Counter[str] = Counter()
    for change in diff_journeys(as_is, to_be).changes:
        if change.item in ("touchpoint", "transition"):
            counts[f"{change.item}s {change.change}"] += 1
    return dict(counts)


def default_pair(journeys: list[Journey], selected: str) -> tuple[str, str | None]:
    """The (as-is, to-be) to compare first: the selected journey and its as-is or its
    to-be when variants are marked; else the selected one and no to-be, since two
    unrelated journeys compared would list every touchpoint as added and removed."""
    by_id = {j.id: j for j in journeys}
    chosen = by_id.get(selected) or journeys[0]
    if chosen.variant_of in by_id:
        return chosen.variant_of, chosen.id
    to_be = next((j.id for j in journeys if j.variant_of == chosen.id), None)
    return chosen.id, to_be
