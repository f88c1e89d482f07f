"""Graphviz DOT: stages as clusters, touchpoints coloured by health, shares on edges.

Every name is a quoted DOT string, so ``<b>`` is text (only ``<…>`` outside quotes is
an HTML label). Graphviz also decodes ``&amp;``-style entities inside quoted strings,
so ``&`` is written as ``&amp;`` and shows as typed.
"""

from __future__ import annotations

import itertools

from journeymap.charts.diagram_text import EDGE_COLOURS, FONT, INK, MUTED, NODE_LINE
from journeymap.charts.health import HEALTH_COLOURS
from journeymap.charts.routing import share_text
from journeymap.io.export.data import ExportData
from journeymap.io.export.palette import TEXT_ON

FONT_NAME = FONT.split(",")[0]


def dot_string(text: str) -> str:
    """A quoted DOT string that Graphviz shows exactly as ``text``."""
    flat = " ".join(str(text).split())
    escaped = flat.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{escaped}"'


def journey_dot(data: ExportData) -> str:
    """The whole graph, left to right; the main path drawn thick, losses dashed."""
    journey = data.journey
    lines = [
        f"digraph {dot_string(journey.id)} {{",
        f"  label={dot_string(journey.name)};",
        '  labelloc="t";',
        '  rankdir="LR";',
        f'  fontname={dot_string(FONT_NAME)}; fontcolor="{INK}";',
        f'  node [shape="box", style="rounded,filled", fontname={dot_string(FONT_NAME)}, '
        f'color="{NODE_LINE}"];',
        f'  edge [fontname={dot_string(FONT_NAME)}, fontcolor="{MUTED}"];',
    ]
    staged = set()
    for i, stage in enumerate(journey.stages):
        members = [tp for tp in journey.touchpoints if tp.stage == stage.id]
        lines.append(f"  subgraph {dot_string(f'cluster_{i}_{stage.id}')} {{")
        lines.append(f'    label={dot_string(stage.name)}; style="rounded"; color="#d9e2ec";')
        lines += [f"    {_node(data, tp.id)}" for tp in members]
        lines.append("  }")
        staged |= {tp.id for tp in members}
    lines += [f"  {_node(data, tp.id)}" for tp in journey.touchpoints if tp.id not in staged]
    main = set(itertools.pairwise(data.flow.main_path))
    shares = data.shares()
    for transition in journey.transitions:
        key = (transition.source, transition.target)
        attributes = [
            f"label={dot_string(share_text(shares.get(key, 0.0)))}",
            f'color="{EDGE_COLOURS[transition.kind]}"',
        ]
        if key in main:
            attributes.append("penwidth=3")
        if transition.kind == "leave":
            attributes.append('style="dashed"')
        lines.append(f"  {dot_string(key[0])} -> {dot_string(key[1])} [{', '.join(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(data: ExportData, tp_id: str) -> str:
    tp = data.journey.touchpoint(tp_id)
    state = data.state(tp_id)
    attributes = [
        f"label={dot_string(tp.name)}",
        f'fillcolor="{HEALTH_COLOURS[state]}"',
        f'fontcolor="{TEXT_ON[state]}"',
    ]
    if tp.moment_of_truth:
        attributes.append("penwidth=3")
    if tp.end:
        attributes.append('peripheries="2"')
    return f"{dot_string(tp_id)} [{', '.join(attributes)}];"
