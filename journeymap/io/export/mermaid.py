"""Mermaid diagrams: a user journey of the main path, and a flowchart of the whole graph.

Both paste into GitHub, GitLab, Notion, Confluence or mermaid.live as they are.
"""

from __future__ import annotations

import itertools

from journeymap.charts.health import HEALTH_COLOURS
from journeymap.charts.routing import share_text
from journeymap.io.export.data import ExportData
from journeymap.io.export.mermaid_text import (
    flowchart_label,
    journey_actor,
    journey_name,
    journey_title,
)
from journeymap.io.export.palette import TEXT_ON

INDENT = "    "
NODE_LINE = "#3e4c59"
EDGE_ARROWS = {"normal": "-->", "recovery": "-->", "leave": "-.->"}
MAIN_ARROW = "==>"


def mermaid_journey(data: ExportData) -> str:
    """``journey``: sections are stages, tasks the main path's touchpoints, actors channels.

    Each task's score (1–5) comes from its evidence when there is enough, else from
    its planned emotion; consecutive touchpoints of one stage share a section.
    """
    journey = data.journey
    stages = data.stage_names()
    lines = ["journey", f"{INDENT}title {journey_title(journey.name, journey.id)}"]
    path = data.flow.main_path or [tp.id for tp in journey.touchpoints]
    for stage, steps in itertools.groupby(path, key=lambda tp_id: journey.touchpoint(tp_id).stage):
        name = stages.get(stage, stage)
        lines.append(f"{INDENT}section {journey_name(name, stage)}")
        for tp_id in steps:
            tp = journey.touchpoint(tp_id)
            actor = journey_actor(tp.channel)
            task = journey_name(tp.name, tp.id)
            lines.append(f"{INDENT * 2}{task}: {data.score(tp_id).score}: {actor}")
    return "\n".join(lines) + "\n"


def mermaid_flowchart(data: ExportData) -> str:
    """``flowchart LR``: stages as subgraphs, nodes coloured by health, shares on edges.

    The main path is drawn thick, customers lost dotted. Node ids are generated (t1,
    t2 …): touchpoint ids such as ``end`` are Mermaid keywords.
    """
    journey = data.journey
    ids = {tp.id: f"t{i}" for i, tp in enumerate(journey.touchpoints, start=1)}
    lines = ["flowchart LR"]
    for s, stage in enumerate(journey.stages, start=1):
        members = [tp for tp in journey.touchpoints if tp.stage == stage.id]
        if not members:
            continue
        lines.append(f'{INDENT}subgraph s{s}["{flowchart_label(stage.name, stage.id)}"]')
        for tp in members:
            label = flowchart_label(tp.name, tp.id)
            shape = ('{{"', '"}}') if tp.moment_of_truth else ('("', '")')
            lines.append(f"{INDENT * 2}{ids[tp.id]}{shape[0]}{label}{shape[1]}")
        lines.append(f"{INDENT}end")
    staged = {s.id for s in journey.stages}
    for tp in journey.touchpoints:
        if tp.stage not in staged:
            lines.append(f'{INDENT}{ids[tp.id]}("{flowchart_label(tp.name, tp.id)}")')
    main = set(itertools.pairwise(data.flow.main_path))
    shares = data.shares()
    for transition in journey.transitions:
        key = (transition.source, transition.target)
        if transition.source not in ids or transition.target not in ids:
            continue
        arrow = MAIN_ARROW if key in main else EDGE_ARROWS[transition.kind]
        label = flowchart_label(share_text(shares.get(key, 0.0)))
        lines.append(f'{INDENT}{ids[key[0]]} {arrow}|"{label}"| {ids[key[1]]}')
    lines += _health_classes(data, ids)
    return "\n".join(lines) + "\n"


def _health_classes(data: ExportData, ids: dict[str, str]) -> list[str]:
    lines = []
    by_state: dict[str, list[str]] = {}
    for tp in data.journey.touchpoints:
        state = data.state(tp.id)
        by_state.setdefault(state, []).append(ids[tp.id])
    for state, members in by_state.items():
        fill = HEALTH_COLOURS[state]
        lines.append(
            f"{INDENT}classDef {state} fill:{fill},stroke:{NODE_LINE},color:{TEXT_ON[state]}"
        )
        lines.append(f"{INDENT}class {','.join(members)} {state}")
    return lines
