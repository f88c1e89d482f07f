"""Expected customers through a journey, computed exactly as an absorbing Markov chain.

Each touchpoint passes its customers on by the transition shares; what is not passed
on leaves the journey (completion at an end touchpoint, drop-off anywhere else). With
entry volumes ``e`` and the share matrix ``Q`` (``Q[i, j]`` = share from i to j) the
monthly customers ``x`` at each touchpoint satisfy ``x = e + Qᵀx``, hence
``x = (I − Qᵀ)⁻¹ e``. Loops are handled exactly; no simulation.

A ``leave`` transition passes customers on (to a competitor, a win-back call …) and
counts them as lost where they leave; they are not lost, or done, a second time
wherever they go next, so everyone who enters is counted once, lost or done.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import cast

import networkx as nx
import numpy as np

from journeymap.i18n import _
from journeymap.model import Journey
from journeymap.model.shares import effective_shares


@dataclass(frozen=True)
class TouchpointFlow:
    """Expected monthly customers at one touchpoint and where they go next."""

    touchpoint: str
    customers_per_month: float
    drop_off: float  # share (0–1) of the customers here who leave the journey here
    lost_per_month: float
    completed_per_month: float  # customers whose journey ends well here (end touchpoints)


@dataclass(frozen=True)
class FlowResult:
    touchpoints: list[TouchpointFlow]
    entering_per_month: float
    main_path: list[str]
    main_path_probability: float
    cycles: list[list[str]]

    def by_id(self) -> dict[str, TouchpointFlow]:
        return {t.touchpoint: t for t in self.touchpoints}


class FlowError(ValueError):
    """The journey's shares trap customers in a loop (validation reports it first)."""


def compute_flow(journey: Journey) -> FlowResult:
    """Expected customers per touchpoint per month, drop-off, main path and cycles."""
    ids = [t.id for t in journey.touchpoints]
    index = {tp_id: i for i, tp_id in enumerate(ids)}
    shares = effective_shares(journey)
    leave_targets = {(t.source, t.target) for t in journey.transitions if t.kind == "leave"}
    entries = np.zeros(len(ids))
    for entry in journey.entries:
        entries[index[entry.touchpoint]] += entry.customers_per_month
    customers = _volumes(index, shares, entries)
    # Customers who took a leave transition were counted as lost where they left: only
    # those who never left can be lost (or finish) anywhere, wherever the others go next.
    staying = {edge: share for edge, share in shares.items() if edge not in leave_targets}
    not_left = _volumes(index, staying, entries)

    rows = []
    for tp in journey.touchpoints:
        i = index[tp.id]
        out = {dst: share for (src, dst), share in shares.items() if src == tp.id}
        leaving = sum(share for dst, share in out.items() if (tp.id, dst) in leave_targets)
        unclaimed = max(0.0, 1.0 - sum(out.values()))
        drop_share = min(1.0, leaving + (0.0 if tp.end else unclaimed))
        rows.append(
            TouchpointFlow(
                touchpoint=tp.id,
                customers_per_month=float(customers[i]),
                drop_off=drop_share,
                lost_per_month=float(not_left[i]) * drop_share,
                completed_per_month=float(not_left[i]) * unclaimed if tp.end else 0.0,
            )
        )
    path, probability = main_path(journey, shares, leave_targets)
    return FlowResult(
        touchpoints=rows,
        entering_per_month=float(entries.sum()),
        main_path=path,
        main_path_probability=probability,
        cycles=find_cycles(journey),
    )


def _volumes(
    index: dict[str, int], shares: dict[tuple[str, str], float], entries: np.ndarray
) -> np.ndarray:
    """Customers a month at each touchpoint: x = e + Qᵀx for the shares given."""
    q = np.zeros((len(index), len(index)))
    for (source, target), share in shares.items():
        q[index[source], index[target]] += share
    try:
        customers = np.linalg.solve(np.eye(len(index)) - q.T, entries) if index else entries
    except np.linalg.LinAlgError as error:
        raise FlowError(_("customers are trapped in a loop: validate the journey")) from error
    return np.where(np.abs(customers) < 1e-9, 0.0, customers)


def main_path(
    journey: Journey,
    shares: dict[tuple[str, str], float] | None = None,
    leave_edges: set[tuple[str, str]] | None = None,
) -> tuple[list[str], float]:
    """The most likely path from an entry to a good end: the path a workshop walks.

    Weighted by entry volume, so that the path most customers take wins. Leave-edges
    and the touchpoints only they lead to are not a 'good end'. Maximising a product of
    shares is a shortest path over −log(share); weights are never negative, so the best
    path never goes round a loop.
    """
    shares = shares if shares is not None else effective_shares(journey)
    if leave_edges is None:
        leave_edges = {(t.source, t.target) for t in journey.transitions if t.kind == "leave"}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(t.id for t in journey.touchpoints)
    for (source, target), share in shares.items():
        if share > 0 and (source, target) not in leave_edges:
            graph.add_edge(source, target, weight=-math.log(share))
    ends = {t.id for t in journey.touchpoints if t.end}
    good_ends = (ends - leave_only_ends(journey, shares, leave_edges)) or ends
    best: tuple[float, list[str]] = (math.inf, [])
    total_entry = sum(e.customers_per_month for e in journey.entries) or 1.0
    for entry in journey.entries:
        if entry.touchpoint not in graph:
            continue
        # Without a target, networkx answers with every reachable node's distance and path.
        distances, paths = cast(
            tuple[dict[str, float], dict[str, list[str]]],
            nx.single_source_dijkstra(graph, entry.touchpoint),
        )
        entry_weight = entry.customers_per_month / total_entry
        for end in good_ends & set(distances):
            cost = distances[end] - (math.log(entry_weight) if entry_weight > 0 else -math.inf)
            if cost < best[0] or (cost == best[0] and len(paths[end]) > len(best[1])):
                best = (cost, paths[end])
    if not best[1]:
        return [], 0.0
    path = best[1]
    probability = math.prod(shares[(a, b)] for a, b in itertools.pairwise(path))
    return path, probability


def leave_only_ends(
    journey: Journey,
    shares: dict[tuple[str, str], float],
    leave_edges: set[tuple[str, str]],
) -> set[str]:
    """End touchpoints that customers reach only by leaving ('Goes to a competitor')."""
    reached_otherwise = {
        dst for (src, dst), share in shares.items() if (src, dst) not in leave_edges
    }
    entries = {e.touchpoint for e in journey.entries}
    return {dst for _, dst in leave_edges} - reached_otherwise - entries


def find_cycles(journey: Journey, limit: int = 50) -> list[list[str]]:
    """The journey's loops (complaint → recovery → back …), each as its touchpoint ids."""
    graph = nx.DiGraph((t.source, t.target) for t in journey.transitions)
    cycles: list[list[str]] = []
    for cycle in nx.simple_cycles(graph):
        start = cycle.index(min(cycle))
        cycles.append(cycle[start:] + cycle[:start])
        if len(cycles) >= limit:
            break
    return sorted(cycles, key=lambda c: (len(c), c))


def repeat_shares(journey: Journey) -> dict[str, float]:
    """Touchpoint → share of its visits that are repeats (customers coming back round a loop).

    With the fundamental matrix N = (I − Q)⁻¹, N[t, t] is the expected number of visits
    to t of a customer who is at t, so the chance of coming back is r = 1 − 1/N[t, t]
    and that is the share of t's visits that are not a first visit.
    """
    ids = [t.id for t in journey.touchpoints]
    index = {tp_id: i for i, tp_id in enumerate(ids)}
    q = np.zeros((len(ids), len(ids)))
    for (source, target), share in effective_shares(journey).items():
        q[index[source], index[target]] += share
    try:
        fundamental = np.linalg.inv(np.eye(len(ids)) - q)
    except np.linalg.LinAlgError as error:
        raise FlowError(_("customers are trapped in a loop: validate the journey")) from error
    shares = {tp: 1.0 - 1.0 / float(fundamental[i, i]) for tp, i in index.items()}
    return {tp: share for tp, share in shares.items() if share > 1e-9}
