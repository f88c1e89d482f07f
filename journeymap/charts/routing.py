"""How each transition is drawn: a straight line where it is clear, else a curve.

A person in a workshop must be able to follow an arrow with a finger. So every edge is
tried straight and then bent further and further to either side, and the shape that
crosses the fewest other nodes and labels wins. Edges that go back (to an earlier
stage, a loop) are always bent, so they read as "back" at a glance. The share label
sits where the edge has free space.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from journeymap.charts.geometry import (
    Box,
    Point,
    bezier_points,
    hits,
    point_at,
    svg_path,
    text_size,
)
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.shares import effective_shares

if TYPE_CHECKING:
    from journeymap.charts.layout import NodePlacement

BENDS = (0.0, 0.15, -0.15, 0.28, -0.28, 0.42, -0.42, 0.6, -0.6, 0.8, -0.8)
LABEL_SPOTS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8)
SAMPLES = 48
OTHER_HIT, OWN_LABEL_HIT, BEND_COST = 10.0, 1.5, 2.0


@dataclass(frozen=True)
class EdgeRoute:
    """One transition as drawn: its curve's control points and its share label."""

    source: str
    target: str
    share: float
    kind: str
    label: str
    customers_per_month: float
    controls: tuple[Point, ...]  # 2 points: a straight line; 3: a quadratic curve
    share_text: str
    share_box: Box

    @property
    def curved(self) -> bool:
        return len(self.controls) == 3

    def svg_path(self) -> str:
        return svg_path(self.controls)

    def point_before_end(self, distance: float) -> Point:
        """The point on the edge about ``distance`` units before its end (arrow tail)."""
        points = bezier_points(self.controls, SAMPLES * 2)
        end = points[-1]
        far = np.hypot(*(points - end).T) >= distance
        candidates = np.nonzero(far)[0]
        index = candidates[-1] if len(candidates) else 0
        return (float(points[index][0]), float(points[index][1]))


def share_text(share: float) -> str:
    if 0 < share < 0.005:
        return f"<{fmt.number(1)} %"
    # A space before % in every language: the label is read beside an arrow.
    return f"{fmt.number(share * 100)} %"


def route_edges(
    journey: Journey,
    nodes: Mapping[str, NodePlacement],
    share_font_px: float,
    customers: Mapping[str, float],
    bounds: Box,
) -> list[EdgeRoute]:
    """Routes for every transition, the busiest first (they get the clearest paths)."""
    shares = effective_shares(journey)
    transitions = {(t.source, t.target): t for t in journey.transitions}
    ordered = sorted(shares.items(), key=lambda item: -customers.get(item[0][0], 0.0) * item[1])
    node_boxes = {tp: n.node_box.grown(4) for tp, n in nodes.items()}
    label_boxes = {tp: n.label_box.grown(2) for tp, n in nodes.items()}
    taken: list[Box] = list(node_boxes.values()) + list(label_boxes.values())
    routes = []
    for (source, target), share in ordered:
        if source not in nodes or target not in nodes:
            continue
        must_bend = (target, source) in shares  # a two-way pair must not draw on itself
        controls = _best_controls(
            source, target, nodes, node_boxes, label_boxes, bounds, must_bend=must_bend
        )
        text = share_text(share)
        box = _label_spot(controls, text, share_font_px, taken)
        taken.append(box)
        transition = transitions[(source, target)]
        routes.append(
            EdgeRoute(
                source=source,
                target=target,
                share=share,
                kind=transition.kind,
                label=transition.label,
                customers_per_month=customers.get(source, 0.0) * share,
                controls=controls,
                share_text=text,
                share_box=box,
            )
        )
    return routes


def _best_controls(
    source: str,
    target: str,
    nodes: Mapping[str, NodePlacement],
    node_boxes: Mapping[str, Box],
    label_boxes: Mapping[str, Box],
    bounds: Box,
    *,
    must_bend: bool = False,
) -> tuple[Point, ...]:
    a, b = nodes[source], nodes[target]
    start, end = (a.x, a.y), (b.x, b.y)
    if source == target:
        return _self_loop(a)
    others = [box for tp, box in node_boxes.items() if tp not in (source, target)]
    others += [box for tp, box in label_boxes.items() if tp not in (source, target)]
    own = [label_boxes[source], label_boxes[target]]
    goes_back = b.x < a.x - 1 or must_bend
    best: tuple[float, tuple[Point, ...]] = (math.inf, (start, end))
    for bend in BENDS:
        if (bend == 0.0 and goes_back) or (bend < 0 and must_bend):
            # A two-way pair bends to its left both ways, i.e. to opposite sides.
            continue
        controls = _bent(start, end, bend)
        points = _trimmed(bezier_points(controls, SAMPLES), start, a.radius, end, b.radius)
        outside = int(
            ((points[:, 0] < bounds.x0) | (points[:, 0] > bounds.x1)).sum()
            + ((points[:, 1] < bounds.y0) | (points[:, 1] > bounds.y1)).sum()
        )
        cost = (
            OTHER_HIT * (hits(points, others) + outside)
            + OWN_LABEL_HIT * hits(points, own)
            + BEND_COST * abs(bend)
        )
        if cost < best[0]:
            best = (cost, controls)
    return best[1]


def _bent(start: Point, end: Point, bend: float) -> tuple[Point, ...]:
    if bend == 0.0:
        return (start, end)
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    # The normal to the left of the direction of travel: A→B and B→A bend apart.
    control = ((x0 + x1) / 2 + dy * bend, (y0 + y1) / 2 - dx * bend)
    return (start, control, end)


def _self_loop(node: NodePlacement) -> tuple[Point, ...]:
    r = node.radius
    return ((node.x - r, node.y), (node.x, node.y - 5 * r), (node.x + r, node.y))


def _trimmed(points: np.ndarray, start: Point, r0: float, end: Point, r1: float) -> np.ndarray:
    near_start = np.hypot(points[:, 0] - start[0], points[:, 1] - start[1]) <= r0 + 6
    near_end = np.hypot(points[:, 0] - end[0], points[:, 1] - end[1]) <= r1 + 6
    return points[~(near_start | near_end)]


def _label_spot(controls: tuple[Point, ...], text: str, font_px: float, taken: list[Box]) -> Box:
    width, height = text_size((text,), font_px)
    width, height = width + 6, height + 2
    best: tuple[int, Box] | None = None
    for t in LABEL_SPOTS:
        box = Box.around(point_at(controls, t), width, height)
        clashes = sum(box.overlaps(other) for other in taken)
        if clashes == 0:
            return box
        if best is None or clashes < best[0]:
            best = (clashes, box)
    assert best is not None
    return best[1]
