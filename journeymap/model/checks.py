"""Rules that relate the parts of a journey to each other.

Each rule returns :class:`Problem` objects whose location names the item by id and
whose message says how to fix it, so that the CLI, the importer and the editor can all
show the same sentence next to the thing it is about.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import get_close_matches

import networkx as nx

from journeymap.i18n import _
from journeymap.model.journey import Journey
from journeymap.model.problems import Problem
from journeymap.model.shares import effective_shares, outgoing

SHARE_TOLERANCE = 1e-9


def did_you_mean(word: str, choices: list[str]) -> str:
    """A '; did you mean …?' hint for a probable typo, or an empty string."""
    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    return _("; did you mean '{word}'?").format(word=close[0]) if close else ""


def transition_location(index: int, source: str, target: str) -> str:
    return f"transitions[{source} → {target}]" if source and target else f"transitions#{index + 1}"


@dataclass(frozen=True)
class References:
    """What the duplicate and reference checks read: each item's id and what it names.

    Built from a valid journey, or from the parts of an invalid file that could be read,
    so that a field error elsewhere does not hide a duplicate id or an unknown stage.
    """

    stages: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()
    stage_of: tuple[tuple[str, str], ...] = ()  # (touchpoint id, the stage it names)
    transitions: tuple[tuple[int, str, str], ...] = ()  # (position, from, to)
    entries: tuple[str, ...] = ()  # the touchpoint each entry names
    names: tuple[tuple[str, str], ...] = ()  # (stage or touchpoint id, its name)

    def called(self, item_id: str) -> str:
        """What a person calls the item: its name, else its id."""
        return dict(self.names).get(item_id) or item_id

    @staticmethod
    def of(journey: Journey) -> References:
        return References(
            names=names_of(journey),
            stages=tuple(s.id for s in journey.stages),
            touchpoints=tuple(t.id for t in journey.touchpoints),
            metrics=tuple(m.id for m in journey.metrics),
            stage_of=tuple((t.id, t.stage) for t in journey.touchpoints),
            transitions=tuple((i, t.source, t.target) for i, t in enumerate(journey.transitions)),
            entries=tuple(e.touchpoint for e in journey.entries),
        )


def names_of(journey: Journey) -> tuple[tuple[str, str], ...]:
    """Stage and touchpoint ids with their names, touchpoints winning a shared id."""
    return tuple((s.id, s.name) for s in journey.stages) + tuple(
        (t.id, t.name) for t in journey.touchpoints
    )


def journey_problems(journey: Journey) -> list[Problem]:
    """Every cross-reference and graph problem of a structurally valid journey."""
    problems = reference_problems(References.of(journey))
    if problems:
        return problems
    problems += _share_sums(journey)
    problems += _graph_shape(journey)
    return problems


def reference_problems(refs: References) -> list[Problem]:
    """Ids used twice, and references to stages and touchpoints that do not exist."""
    return _duplicate_ids(refs) + _unknown_references(refs)


def _duplicate_ids(refs: References) -> list[Problem]:
    problems: list[Problem] = []
    groups = {"stages": refs.stages, "touchpoints": refs.touchpoints, "metrics": refs.metrics}
    for group, ids in groups.items():
        for item_id, count in Counter(ids).items():
            if count > 1:
                problems.append(
                    Problem(
                        f"{group}[{item_id}]",
                        _(
                            "the id '{item_id}' is used {count} times: give each of the {group} "
                            "its own "
                            "id (change the id, not only the name)"
                        ).format(item_id=item_id, count=count, group=group),
                    )
                )
    pairs = Counter((source, target) for _, source, target in refs.transitions)
    for (source, target), count in pairs.items():
        if count > 1:
            problems.append(
                Problem(
                    transition_location(0, source, target),
                    _(
                        "{count} transitions go from '{called}' to '{called2}': merge them into "
                        "one "
                        "whose share is their sum"
                    ).format(count=count, called=refs.called(source), called2=refs.called(target)),
                )
            )
    for touchpoint, count in Counter(refs.entries).items():
        if count > 1:
            problems.append(
                Problem(
                    f"entries[{touchpoint}]",
                    _(
                        "'{called}' is an entry {count} times: keep one entry and add up the "
                        "customers per month"
                    ).format(called=refs.called(touchpoint), count=count),
                )
            )
    return problems


def _unknown_references(refs: References) -> list[Problem]:
    # Each id once in the hints, even when it is (wrongly) used twice.
    stage_ids = list(dict.fromkeys(refs.stages))
    touchpoint_ids = list(dict.fromkeys(refs.touchpoints))
    known_touchpoints = ", ".join(touchpoint_ids) or _("none yet")
    problems: list[Problem] = []
    for touchpoint, stage in refs.stage_of:
        if stage not in stage_ids:
            hint = did_you_mean(stage, stage_ids) or (
                _("; use one of: {choices}").format(choices=", ".join(stage_ids))
                if stage_ids
                else _("; add the stage first")
            )
            problems.append(
                Problem(
                    f"touchpoints[{touchpoint}].stage",
                    _("'{called}' is in an unknown stage '{stage}'{hint}").format(
                        called=refs.called(touchpoint), stage=stage, hint=hint
                    ),
                )
            )
    for i, source, target in refs.transitions:
        for field, ref in (("from", source), ("to", target)):
            if ref not in touchpoint_ids:
                hint = did_you_mean(ref, touchpoint_ids) or _(
                    "; known touchpoints: {touchpoints}"
                ).format(touchpoints=known_touchpoints)
                problems.append(
                    Problem(
                        f"{transition_location(i, source, target)}.{field}",
                        _(
                            "the transition {called} → {called2} names an unknown touchpoint "
                            "'{ref}'{hint}"
                        ).format(
                            called=refs.called(source),
                            called2=refs.called(target),
                            ref=ref,
                            hint=hint,
                        ),
                    )
                )
    for touchpoint in refs.entries:
        if touchpoint not in touchpoint_ids:
            hint = did_you_mean(touchpoint, touchpoint_ids) or _(
                "; known touchpoints: {touchpoints}"
            ).format(touchpoints=known_touchpoints)
            problems.append(
                Problem(
                    f"entries[{touchpoint}].touchpoint",
                    _("unknown touchpoint '{touchpoint}'{hint}").format(
                        touchpoint=touchpoint, hint=hint
                    ),
                )
            )
    return problems


def _share_sums(journey: Journey) -> list[Problem]:
    called = dict(names_of(journey))
    problems: list[Problem] = []
    for source, transitions in outgoing(journey).items():
        total = sum(t.share for t in transitions if t.share is not None)
        if total > 1 + SHARE_TOLERANCE:
            listing = ", ".join(
                f"{called.get(t.target, t.target)} {t.share:g}"
                for t in transitions
                if t.share is not None
            )
            problems.append(
                Problem(
                    f"touchpoints[{source}]",
                    _(
                        "the shares of customers leaving '{get}' add up to {total} ({listing}), "
                        "more "
                        "than 1: lower them so that they add up to at most 1 (what is left is "
                        "drop-off)"
                    ).format(
                        get=called.get(source, source), total=format(total, ".2f"), listing=listing
                    ),
                )
            )
    return problems


def _graph_shape(journey: Journey) -> list[Problem]:
    problems: list[Problem] = []
    if not journey.touchpoints:
        # An empty journey is where a workshop starts: valid, and saved as it is.
        return []
    if not journey.entries:
        problems.append(
            Problem(
                "entries",
                _(
                    "the journey has no entry: add an entry with the touchpoint where customers "
                    "start and how many customers start there per month"
                ),
            )
        )
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(t.id for t in journey.touchpoints)
    graph.add_edges_from((t.source, t.target) for t in journey.transitions)
    reachable: set[str] = set()
    for entry in journey.entries:
        reachable |= {entry.touchpoint} | nx.descendants(graph, entry.touchpoint)
    out = outgoing(journey)
    for tp in journey.touchpoints:
        location = f"touchpoints[{tp.id}]"
        name = tp.name
        if journey.entries and tp.id not in reachable:
            problems.append(
                Problem(
                    location,
                    _(
                        "'{name}' cannot be reached from any entry: add a transition into it, "
                        "make it"
                        " an entry, or delete it"
                    ).format(name=name),
                )
            )
        if not out.get(tp.id) and not tp.end:
            problems.append(
                Problem(
                    location,
                    _(
                        "'{name}' is a dead end: add a transition out of it, or mark it 'end: "
                        "true' "
                        "if the journey may finish there"
                    ).format(name=name),
                )
            )
        if out.get(tp.id) and tp.end:
            problems.append(
                Problem(
                    location,
                    _(
                        "'{name}' is marked 'end: true' but has transitions out of it: remove "
                        "'end: "
                        "true' or those transitions"
                    ).format(name=name),
                )
            )
    problems += _trapping_loops(journey, graph)
    return problems


def _trapping_loops(journey: Journey, graph: nx.DiGraph[str]) -> list[Problem]:
    """Loops that customers enter but can never leave make the flow infinite."""
    shares = effective_shares(journey)
    leaks: dict[str, float] = defaultdict(lambda: 1.0)
    for (source, _target), share in shares.items():
        leaks[source] -= share
    live: nx.DiGraph[str] = nx.DiGraph()
    live.add_nodes_from(graph.nodes)
    live.add_edges_from(edge for edge, share in shares.items() if share > 0)
    problems: list[Problem] = []
    for component in nx.strongly_connected_components(live):
        nodes = sorted(component)
        is_cycle = len(nodes) > 1 or live.has_edge(nodes[0], nodes[0])
        if not is_cycle:
            continue
        exits = any(target not in component for node in nodes for target in live.successors(node))
        if not exits and all(leaks[node] <= SHARE_TOLERANCE for node in nodes):
            called = dict(names_of(journey))
            loop = " → ".join(called.get(n, n) for n in [*nodes, nodes[0]])
            problems.append(
                Problem(
                    f"touchpoints[{nodes[0]}]",
                    _(
                        "customers can never leave the loop {loop}: its shares add up to 100 % at "
                        "every step; give some share to a transition out of the loop"
                    ).format(loop=loop),
                )
            )
    return problems
