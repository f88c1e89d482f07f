"""The order a journey map reads in, and the emotion curve along it.

Touchpoints are read stage by stage, and inside a stage in the order customers reach
them (steps from the nearest entry, then file order), so that step numbers on the map,
on the emotion curve and in a workshop's notes all agree.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from journeymap.model import Journey


@dataclass(frozen=True)
class MapStep:
    number: int  # 1, 2, … in reading order
    touchpoint: str
    name: str
    stage: str
    slot: int  # position inside its stage, 0-based
    slots: int  # touchpoints in its stage
    feels: int | None


def steps_from_entries(journey: Journey) -> dict[str, int]:
    """Touchpoint id → fewest transitions from an entry (unreachable ones are last)."""
    successors: dict[str, list[str]] = {}
    for transition in journey.transitions:
        successors.setdefault(transition.source, []).append(transition.target)
    distance = {e.touchpoint: 0 for e in journey.entries}
    queue = deque(distance)
    while queue:
        node = queue.popleft()
        for nxt in successors.get(node, []):
            if nxt not in distance:
                distance[nxt] = distance[node] + 1
                queue.append(nxt)
    far = len(journey.touchpoints) + 1
    return {tp.id: distance.get(tp.id, far) for tp in journey.touchpoints}


def map_steps(journey: Journey) -> list[MapStep]:
    """Every touchpoint in reading order, with its place inside its stage."""
    stage_index = journey.stage_index()
    steps = steps_from_entries(journey)
    order = sorted(
        enumerate(journey.touchpoints),
        key=lambda item: (
            stage_index.get(item[1].stage, len(stage_index)),
            steps[item[1].id],
            item[0],
        ),
    )
    per_stage: dict[str, int] = {}
    for _, tp in order:
        per_stage[tp.stage] = per_stage.get(tp.stage, 0) + 1
    seen: dict[str, int] = {}
    result = []
    for number, (_, tp) in enumerate(order, start=1):
        slot = seen.get(tp.stage, 0)
        seen[tp.stage] = slot + 1
        result.append(
            MapStep(number, tp.id, tp.name, tp.stage, slot, per_stage[tp.stage], tp.feels)
        )
    return result


@dataclass(frozen=True)
class EmotionRoute:
    """How the emotion curve is drawn: along the main path, alternatives apart.

    ``main``: the main path's touchpoints that have a feeling, in path order (the line);
    ``aside``: every other touchpoint with a feeling, in reading order (markers of
    their own: a web/phone branch, a complaint loop, the leave step);
    ``branches``: the transitions, leave-edges left out, that link an aside touchpoint
    to another felt touchpoint (thin dotted lines, so a branch reads as a branch).
    """

    main: list[str]
    aside: list[str]
    branches: list[tuple[str, str]]


def emotion_route(journey: Journey, main_path: list[str]) -> EmotionRoute:
    felt = {tp.id for tp in journey.touchpoints if tp.feels is not None}
    main = [tp for tp in main_path if tp in felt]
    on_main = set(main)
    aside = [s.touchpoint for s in map_steps(journey) if s.touchpoint in felt - on_main]
    off_main = set(aside)
    branches = list(
        dict.fromkeys(
            (t.source, t.target)
            for t in journey.transitions
            if t.kind != "leave"
            and t.source in felt
            and t.target in felt
            and t.source != t.target
            and (t.source in off_main or t.target in off_main)
        )
    )
    return EmotionRoute(main, aside, branches)
