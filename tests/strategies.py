"""Hypothesis strategies for valid journeys."""

from __future__ import annotations

from hypothesis import strategies as st

from journeymap.model import Entry, Journey, Stage, Targets, Touchpoint, Transition

words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co")),
    max_size=24,
)
names = words.filter(lambda s: s.strip() != "").map(lambda s: s or "x")
slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)


@st.composite
def journeys(draw: st.DrawFn, max_touchpoints: int = 8) -> Journey:
    """A valid journey: every touchpoint reachable, loops always leak, dead ends marked."""
    stage_ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    tp_ids = draw(st.lists(slugs, min_size=1, max_size=max_touchpoints, unique=True))
    edges: set[tuple[str, str]] = set()
    for j in range(1, len(tp_ids)):
        parent = draw(st.integers(0, j - 1))
        edges.add((tp_ids[parent], tp_ids[j]))
    extra = draw(st.lists(st.tuples(st.sampled_from(tp_ids), st.sampled_from(tp_ids)), max_size=6))
    edges |= set(extra)
    transitions = []
    by_source: dict[str, list[str]] = {}
    for source, target in sorted(edges):
        by_source.setdefault(source, []).append(target)
    for source, targets in by_source.items():
        weights = [draw(st.integers(1, 10)) for _ in targets]
        budget = draw(st.sampled_from([0.5, 0.8, 0.95]))
        for target, weight in zip(targets, weights, strict=True):
            share = round(budget * weight / sum(weights), 3)
            transitions.append(
                Transition(
                    source=source,
                    target=target,
                    share=share,
                    label=draw(words),
                    kind=draw(st.sampled_from(["normal", "recovery"])),
                )
            )
    touchpoints = [
        Touchpoint(
            id=tp,
            name=draw(names),
            stage=draw(st.sampled_from(stage_ids)),
            channel=draw(st.sampled_from(["branch", "web", "phone", "chat", "kiosk"])),
            owner=draw(words),
            promise=draw(words),
            moment_of_truth=draw(st.booleans()),
            end=tp not in by_source,
            targets=Targets(nps=draw(st.none() | st.integers(-100, 100).map(float))),
            feels=draw(st.none() | st.integers(-2, 2)),
            pain_points=draw(st.lists(names, max_size=2)),
        )
        for tp in tp_ids
    ]
    entries = [Entry(touchpoint=tp_ids[0], customers_per_month=float(draw(st.integers(0, 10**6))))]
    return Journey(
        id=draw(slugs),
        name=draw(names),
        description=draw(words),
        stages=[Stage(id=s, name=draw(names)) for s in stage_ids],
        touchpoints=touchpoints,
        transitions=transitions,
        entries=entries,
    )
