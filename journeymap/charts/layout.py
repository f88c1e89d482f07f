"""Where each touchpoint goes: stages as columns, channels as lanes.

Every touchpoint gets a slot of its own (a stage column is as many slots wide as the
most touchpoints that share one lane in it) and its node and label box are drawn
inside that slot, so label boxes cannot overlap whatever the journey looks like. Lane
heights follow the biggest node and the longest label in the lane.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import networkx as nx

from journeymap.analytics.flow import FlowResult
from journeymap.charts.channels import channel_label
from journeymap.charts.geometry import Box, chars_fitting, text_size, wrap_label
from journeymap.charts.routing import EdgeRoute, route_edges
from journeymap.model import KNOWN_CHANNELS, Journey
from journeymap.model.shares import effective_shares

LANE_ORDER_PULL = 0.4


@dataclass(frozen=True)
class DiagramStyle:
    """Sizes in diagram units (pixels at the figure's own size); tuned for a projector."""

    label_font_px: float = 15
    header_font_px: float = 17
    lane_font_px: float = 16
    share_font_px: float = 14
    # Streamlit shrinks a wider figure to its column (about 1430 px on a 1920 px screen
    # with the sidebar open), and shrinking would push labels into each other.
    target_width: float = 1400
    min_slot_width: float = 110
    max_slot_width: float = 230
    narrow_slot_width: float = 140  # below this, labels get a smaller font and a 4th line
    narrow_label_font_px: float = 14
    gutter: float = 20
    lane_label_width: float = 90
    header_lines: int = 2
    max_label_lines: int = 3
    min_radius: float = 8
    max_radius: float = 28
    lane_padding: float = 12
    label_gap: float = 6
    box_padding: float = 4


@dataclass(frozen=True)
class Band:
    """A stage column (x range) or a channel lane (y range)."""

    key: str
    title: str
    start: float
    end: float
    title_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class NodePlacement:
    touchpoint: str
    x: float
    y: float
    radius: float
    label_lines: tuple[str, ...]
    label_box: Box
    slot: Box

    @property
    def node_box(self) -> Box:
        return Box.around((self.x, self.y), 2 * self.radius, 2 * self.radius)


@dataclass(frozen=True)
class DiagramLayout:
    """Positions of everything in the diagram, in diagram units, y downwards."""

    width: float
    height: float
    columns: list[Band]
    lanes: list[Band]
    nodes: dict[str, NodePlacement]
    edges: list[EdgeRoute] = field(default_factory=list)
    style: DiagramStyle = field(default_factory=DiagramStyle)

    def label_boxes(self) -> dict[str, Box]:
        return {tp_id: node.label_box for tp_id, node in self.nodes.items()}


def lane_order(journey: Journey, rank: Mapping[str, int]) -> list[str]:
    """Channels in use, ordered so that edges between lanes stay short.

    Starts from the order in which the journey first reaches each channel (so the
    journey reads from the top left), then moves lanes while that shortens the lines
    between lanes, weighted by share. Deterministic: the same journey, the same lanes.
    """
    channel = {tp.id: tp.channel for tp in journey.touchpoints}
    known = {c: i for i, c in enumerate(KNOWN_CHANNELS)}
    first = {
        c: min(rank.get(tp.id, 0) for tp in journey.touchpoints if tp.channel == c)
        for c in set(channel.values())
    }
    order = sorted(first, key=lambda c: (first[c], known.get(c, len(known)), c))
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for (source, target), share in effective_shares(journey).items():
        a, b = channel.get(source), channel.get(target)
        if a and b and a != b:
            weights[(a, b)] += 0.5 + share

    initial = {c: i for i, c in enumerate(order)}

    def cost(lanes: list[str]) -> float:
        pos = {c: i for i, c in enumerate(lanes)}
        length = sum(w * abs(pos[a] - pos[b]) for (a, b), w in weights.items())
        # A light pull towards the reading order breaks ties (a mirrored order has the
        # same length) in favour of the journey starting at the top.
        return length + LANE_ORDER_PULL * sum(abs(pos[c] - initial[c]) for c in lanes)

    best = cost(order)
    improved = True
    while improved:
        improved = False
        for lane in list(order):
            rest = [c for c in order if c != lane]
            for i in range(len(order)):
                candidate = rest[:i] + [lane] + rest[i:]
                value = cost(candidate)
                if value < best - 1e-9:
                    order, best, improved = candidate, value, True
    return order


def flow_rank(journey: Journey) -> dict[str, int]:
    """Touchpoint → its step in the flow with loops cut, to order a lane's slots."""
    graph = nx.DiGraph()
    graph.add_nodes_from(tp.id for tp in journey.touchpoints)
    graph.add_edges_from((t.source, t.target) for t in journey.transitions)
    starts = [e.touchpoint for e in journey.entries] + list(graph.nodes)
    back_edges = _back_edges(graph, starts)
    dag = nx.DiGraph(graph.edges - back_edges)
    dag.add_nodes_from(graph.nodes)
    rank: dict[str, int] = {}
    for node in nx.topological_sort(dag):
        rank[node] = max((rank[p] + 1 for p in dag.predecessors(node)), default=0)
    return rank


def _back_edges(graph: nx.DiGraph, starts: list[str]) -> set[tuple[str, str]]:
    """Edges that close a loop in a depth-first walk from the entries (file order)."""
    state: dict[str, int] = {}  # 1: on the walk's path, 2: finished
    back: set[tuple[str, str]] = set()
    for start in starts:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(list(graph.successors(start))))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(list(graph.successors(child)))))
    return back


def node_radius(customers: float, most: float, style: DiagramStyle) -> float:
    """Area grows with customers (radius with the square root), so size reads as volume."""
    share = math.sqrt(max(customers, 0.0) / most) if most > 0 else 0.0
    return style.min_radius + (style.max_radius - style.min_radius) * share


def diagram_layout(
    journey: Journey, flow: FlowResult, style: DiagramStyle | None = None
) -> DiagramLayout:
    """Positions of stage columns, channel lanes, nodes, label boxes and edges."""
    style = style or DiagramStyle()
    stage_ids = [s.id for s in journey.stages]
    rank = flow_rank(journey)
    lanes = lane_order(journey, rank)
    order = {tp.id: i for i, tp in enumerate(journey.touchpoints)}
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for tp in sorted(journey.touchpoints, key=lambda t: (rank.get(t.id, 0), order[t.id])):
        cells[(tp.stage, tp.channel)].append(tp.id)
    slots_per_stage = {
        s: max((len(cells[(s, c)]) for c in lanes), default=0) or 1 for s in stage_ids
    }
    slot_width = _slot_width(sum(slots_per_stage.values()), len(stage_ids), style)
    if slot_width < style.narrow_slot_width:
        style = replace(
            style,
            label_font_px=min(style.label_font_px, style.narrow_label_font_px),
            max_label_lines=max(style.max_label_lines, 4),
        )
    chars = chars_fitting(slot_width - 2 * style.box_padding, style.label_font_px)
    lines = {tp.id: wrap_label(tp.name, chars, style.max_label_lines) for tp in journey.touchpoints}
    customers = {t.touchpoint: t.customers_per_month for t in flow.touchpoints}
    most = max(customers.values(), default=0.0)
    radius = {
        tp.id: node_radius(customers.get(tp.id, 0.0), most, style) for tp in journey.touchpoints
    }

    columns, x = _columns(journey, slots_per_stage, slot_width, style)
    header_height = style.header_lines * style.header_font_px * 1.3 + 2 * style.lane_padding
    lane_bands: list[Band] = []
    nodes: dict[str, NodePlacement] = {}
    top = header_height
    for channel in lanes:
        members = [tp.id for tp in journey.touchpoints if tp.channel == channel]
        lane_r = max(radius[m] for m in members)
        lane_lines = max(len(lines[m]) for m in members)
        label_h = lane_lines * style.label_font_px * 1.3 + 2 * style.box_padding
        height = 2 * style.lane_padding + 2 * lane_r + style.label_gap + label_h
        node_y = top + style.lane_padding + lane_r
        for column in columns:
            for i, tp_id in enumerate(cells[(column.key, channel)]):
                slot = Box(
                    column.start + i * slot_width,
                    top,
                    column.start + (i + 1) * slot_width,
                    top + height,
                )
                nodes[tp_id] = _place(
                    tp_id, slot, node_y, lane_r, radius[tp_id], lines[tp_id], style
                )
        lane_bands.append(Band(channel, channel_label(channel), top, top + height))
        top += height
    width, height = x, top + style.lane_padding
    bounds = Box(style.lane_label_width, header_height + 4, width, height)
    edges = route_edges(journey, nodes, style.share_font_px, customers, bounds)
    return DiagramLayout(width, height, columns, lane_bands, nodes, edges, style)


def _slot_width(slots: int, stages: int, style: DiagramStyle) -> float:
    room = style.target_width - style.lane_label_width - stages * style.gutter
    return min(style.max_slot_width, max(style.min_slot_width, room / max(slots, 1)))


def _columns(
    journey: Journey, slots: dict[str, int], slot_width: float, style: DiagramStyle
) -> tuple[list[Band], float]:
    columns = []
    x = style.lane_label_width
    for stage in journey.stages:
        start = x + style.gutter / 2
        end = start + slots[stage.id] * slot_width
        chars = chars_fitting(end - start - 8, style.header_font_px * 1.15)  # bold
        title = wrap_label(stage.name, chars, style.header_lines)
        columns.append(Band(stage.id, stage.name, start, end, title))
        x = end + style.gutter / 2
    return columns, x


def _place(
    tp_id: str,
    slot: Box,
    node_y: float,
    lane_radius: float,
    radius: float,
    lines: tuple[str, ...],
    style: DiagramStyle,
) -> NodePlacement:
    x = (slot.x0 + slot.x1) / 2
    text_w, text_h = text_size(lines, style.label_font_px)
    box_w = min(slot.width - 2, text_w + 2 * style.box_padding)
    box_top = node_y + lane_radius + style.label_gap
    label_box = Box(x - box_w / 2, box_top, x + box_w / 2, box_top + text_h + 2 * style.box_padding)
    return NodePlacement(tp_id, x, node_y, radius, lines, label_box, slot)
