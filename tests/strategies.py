"""Hypothesis strategies for valid journeys."""

from __future__ import annotations

from hypothesis import strategies as st

from journeymap.model import Entry, Journey, Stage, Targets, Touchpoint, Transition
from journeymap.model.checks import journey_problems
from journeymap.model.journey import FrictionWeights, MetricDefinition

words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co")),
    max_size=24,
)
names = words.filter(lambda s: s.strip() != "").map(lambda s: s or "x")
slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
numbers = st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-1000, 1000).map(float)


@st.composite
def targets(draw: st.DrawFn) -> Targets:
    return Targets(
        nps=draw(st.none() | st.integers(-100, 100).map(float)),
        shopper_pct=draw(st.none() | st.floats(0, 100, allow_nan=False)),
        max_wait_minutes=draw(st.none() | st.floats(0.5, 120, allow_nan=False)),
    )


@st.composite
def metrics(draw: st.DrawFn) -> list[MetricDefinition]:
    ids = draw(st.lists(slugs, max_size=3, unique=True))
    return [
        MetricDefinition(
            id=metric,
            name=draw(names),
            unit=draw(st.sampled_from(["", "min", "%", "calls"])),
            direction=draw(st.sampled_from(["lower", "higher"])),
            target=draw(st.none() | numbers),
        )
        for metric in ids
    ]


def _edges(draw: st.DrawFn, tp_ids: list[str]) -> dict[str, list[str]]:
    """Source → targets: a tree from the first touchpoint (all reachable), plus extras."""
    edges: set[tuple[str, str]] = set()
    for j in range(1, len(tp_ids)):
        parent = draw(st.integers(0, j - 1))
        edges.add((tp_ids[parent], tp_ids[j]))
    extra = draw(st.lists(st.tuples(st.sampled_from(tp_ids), st.sampled_from(tp_ids)), max_size=6))
    edges |= set(extra)
    by_source: dict[str, list[str]] = {}
    for source, target in sorted(edges):
        by_source.setdefault(source, []).append(target)
    return by_source


def _transitions(
    draw: st.DrawFn, by_source: dict[str, list[str]], *, leave_out: bool
) -> list[Transition]:
    """Shares that always leak (below 1 from every touchpoint); some left out when
    ``leave_out``, which gives their transitions the rest and so may close a loop."""
    transitions = []
    for source, targets_ in by_source.items():
        weights = [draw(st.integers(1, 10)) for _ in targets_]
        budget = draw(st.sampled_from([0.5, 0.8, 0.95]))
        for target, weight in zip(targets_, weights, strict=True):
            share = round(budget * weight / sum(weights), 3)
            transitions.append(
                Transition(
                    source=source,
                    target=target,
                    share=None if leave_out and draw(st.booleans()) else share,
                    label=draw(words),
                    kind=draw(st.sampled_from(["normal", "recovery", "leave"])),
                )
            )
    return transitions


def _touchpoint(draw: st.DrawFn, tp: str, stage_ids: list[str], end: bool) -> Touchpoint:
    return Touchpoint(
        id=tp,
        name=draw(names),
        stage=draw(st.sampled_from(stage_ids)),
        channel=draw(st.sampled_from(["branch", "web", "phone", "chat", "kiosk"])),
        owner=draw(words),
        description=draw(words),
        promise=draw(words),
        moment_of_truth=draw(st.booleans()),
        end=end,
        targets=draw(targets()),
        does=draw(words),
        thinks=draw(words),
        feels=draw(st.none() | st.integers(-2, 2)),
        pain_points=draw(st.lists(names, max_size=2)),
        opportunities=draw(st.lists(names, max_size=2)),
        backstage=draw(words),
    )


@st.composite
def journeys(draw: st.DrawFn, max_touchpoints: int = 8) -> Journey:
    """A valid journey: every touchpoint reachable, loops always leak, dead ends marked.

    Every field the model has takes part: shares left out, leave transitions, all the
    lanes, metrics, persona, segment, variant_of, several entries.
    """
    stage_ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    tp_ids = draw(st.lists(slugs, min_size=1, max_size=max_touchpoints, unique=True))
    by_source = _edges(draw, tp_ids)
    transitions = _transitions(draw, by_source, leave_out=draw(st.booleans()))
    touchpoints = [_touchpoint(draw, tp, stage_ids, tp not in by_source) for tp in tp_ids]
    starts = [tp_ids[0], *draw(st.lists(st.sampled_from(tp_ids[1:] or tp_ids), max_size=2))]
    entries = [
        Entry(touchpoint=tp, customers_per_month=draw(st.floats(0, 1e6, allow_nan=False)))
        for tp in dict.fromkeys(starts)
    ]
    journey = Journey(
        id=draw(slugs),
        name=draw(names),
        description=draw(words),
        persona=draw(words),
        segment=draw(words),
        variant_of=draw(st.none() | slugs),
        targets=draw(targets()),
        stages=[Stage(id=s, name=draw(names), description=draw(words)) for s in stage_ids],
        touchpoints=touchpoints,
        transitions=transitions,
        entries=entries,
        metrics=draw(metrics()),
        friction_weights=FrictionWeights(nps=draw(st.floats(0, 1, allow_nan=False))),
    )
    if journey_problems(journey):
        # Shares left out took all the rest and closed a loop: give every share.
        return journey.model_copy(
            update={"transitions": _transitions(draw, by_source, leave_out=False)}
        )
    return journey
