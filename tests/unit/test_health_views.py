"""Health on the journey views: coloured nodes and cards, reasons in the hover, flagged
handoffs on the edges, the observed emotion against the planned one, and user text kept
inert."""

from __future__ import annotations

import itertools
import json

from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.flow import compute_flow
from journeymap.analytics.handoffs import Handoff, handoff_friction
from journeymap.analytics.nps import nps_from_counts
from journeymap.analytics.observed_emotion import observed_emotions
from journeymap.charts import journey_figure, journey_map_figure, map_layout
from journeymap.charts.health import HEALTH_COLOURS, handoff_edges, node_health
from journeymap.charts.map_handoffs import handoff_route
from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey
from tests.conftest import EXAMPLE_JOURNEY_FILES
from tests.unit.test_friction import line_journey

SAND = HEALTH_COLOURS["sand"]
BADGE = "<b>!</b>"


def _journey():  # type: ignore[no-untyped-def]
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    first = journey.touchpoints[0]
    renamed = first.model_copy(update={"name": "<b>Book</b> & go"})
    return journey.model_copy(update={"touchpoints": [renamed, *journey.touchpoints[1:]]})


def test_graph_nodes_take_their_health_colour_and_reasons() -> None:
    journey = _journey()
    first = journey.touchpoints[0].id
    health = {first: node_health("sand", "friction 80", ("NPS −30 ±9 (n=118) <i>x</i>",))}
    figure = journey_figure(journey, compute_flow(journey), health=health)
    nodes = next(t for t in figure.data if t.name == "touchpoints")
    index = [tp.id for tp in journey.touchpoints].index(first)
    assert nodes.marker.color[index] == HEALTH_COLOURS["sand"]
    assert "NPS −30 ±9 (n=118) &lt;i&gt;x&lt;/i&gt;" in nodes.hovertext[index]
    assert "&lt;b&gt;Book&lt;/b&gt; &amp; go" in nodes.hovertext[index]
    key = json.dumps(figure.layout.annotations[-1].text)
    assert "not enough data" in key


def test_map_frames_cards_and_draws_the_observed_curve() -> None:
    journey = _journey()
    first = journey.touchpoints[0].id
    evidence = {first: TouchpointEvidence(first, nps=nps_from_counts(10, 10, 80))}  # −70
    figure = journey_map_figure(
        journey,
        health={first: node_health("sand")},
        observed=observed_emotions(evidence),
    )
    framed = [a for a in figure.layout.annotations if a.borderwidth == 3]
    assert len(framed) == 1
    assert framed[0].bordercolor == HEALTH_COLOURS["sand"]
    assert "Health: Sand in the machine" in framed[0].hovertext
    observed = next(t for t in figure.data if t.name == "observed")
    assert len(observed.x) == 1
    assert "observed −1.4 (NPS −70, n=100)" in observed.hovertext[0]
    assert "&lt;b&gt;Book&lt;/b&gt;" in observed.hovertext[0]


def test_without_evidence_the_views_stay_grey() -> None:
    journey = _journey()
    figure = journey_figure(journey, compute_flow(journey))
    nodes = next(t for t in figure.data if t.name == "touchpoints")
    assert set(nodes.marker.color) == {"#9aa5b1"}
    assert not any(t.name == "observed" for t in journey_map_figure(journey).data)


def _flagged(on_main: bool = True) -> tuple[Journey, Handoff]:
    """An example journey with a handoff on one edge, whose source's name carries markup."""
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    main = set(itertools.pairwise(compute_flow(journey).main_path))
    edge = next(
        t
        for t in journey.transitions
        if t.kind != "leave" and ((t.source, t.target) in main) == on_main
    )
    name = "<b>Book</b> & go"
    journey = journey.model_copy(
        update={
            "touchpoints": [
                tp.model_copy(update={"name": name}) if tp.id == edge.source else tp
                for tp in journey.touchpoints
            ]
        }
    )
    handoff = Handoff(
        source=edge.source,
        target=edge.target,
        drop=42.0,
        z=-5.1,
        p_adjusted=0.0004,
        customers_per_month=300.0,
        reason=f"NPS falls 42 points from {name} (+40 ±8, n=118) <i>x</i>",
    )
    return journey, handoff


def test_graph_draws_a_flagged_handoff_thick_in_sand_with_its_reason() -> None:
    journey, handoff = _flagged()
    figure = journey_figure(journey, compute_flow(journey), handoffs=handoff_edges([handoff]))
    [line] = [t for t in figure.data if t.name == "handoff friction"]
    assert line.line.color == SAND
    others = [s for s in figure.layout.shapes if s.type == "path"]
    assert len(others) == len(journey.transitions) - 1  # drawn once, as the hoverable line
    assert line.line.width > max(s.line.width for s in others)
    hover = line.hovertext[0]
    assert set(line.hovertext) == {hover}
    assert hover.startswith("<b>Handoff friction</b><br>NPS falls 42 points from ")
    assert "&lt;b&gt;Book&lt;/b&gt; &amp; go (+40 ±8, n=118) &lt;i&gt;x&lt;/i&gt;" in hover
    assert "<i>" not in hover
    # Lost customers are drawn in the same red, dashed and thin; plus the handoff's head.
    heads = [a for a in figure.layout.annotations if a.showarrow and a.arrowcolor == SAND]
    assert len(heads) == 1 + sum(t.kind == "leave" for t in journey.transitions)
    assert "handoff friction" in figure.layout.annotations[-1].text


def test_graph_keeps_a_flagged_handoff_when_showing_the_main_path_only() -> None:
    journey, handoff = _flagged(on_main=False)
    flow = compute_flow(journey)
    figure = journey_figure(journey, flow, edges="main", handoffs=handoff_edges([handoff]))
    assert [t.name for t in figure.data].count("handoff friction") == 1
    paths = [s for s in figure.layout.shapes if s.type == "path"]
    assert len(paths) == len(flow.main_path) - 1


def test_a_handoff_the_evidence_flags_is_sand_on_the_graph() -> None:
    journey = line_journey()
    evidence = {
        "a": TouchpointEvidence("a", nps=nps_from_counts(120, 60, 20)),  # +50, n=200
        "b": TouchpointEvidence("b", nps=nps_from_counts(40, 60, 100)),  # −30, n=200
    }
    flow = compute_flow(journey)
    flagged = handoff_friction(journey, evidence, flow)
    figure = journey_figure(journey, flow, handoffs=handoff_edges(flagged))
    [line] = [t for t in figure.data if t.name == "handoff friction"]
    assert line.line.color == SAND
    assert "NPS falls 80 points from A (+50 ±" in line.hovertext[0]
    assert "n=200" in line.hovertext[0]
    # The other edge (b → c) keeps its ordinary colour.
    assert [s.line.color for s in figure.layout.shapes if s.type == "path"] == ["#486581"]


def test_map_marks_a_flagged_handoff_between_the_two_cards() -> None:
    journey, handoff = _flagged()
    figure = journey_map_figure(journey, handoffs=handoff_edges([handoff]))
    [line] = [s for s in figure.layout.shapes if s.type == "path"]
    assert line.line.color == SAND
    [badge] = [a for a in figure.layout.annotations if a.text == BADGE]
    assert badge.bgcolor == SAND
    assert badge.hovertext.startswith("<b>Handoff friction</b><br>NPS falls 42 points")
    assert "&lt;b&gt;Book&lt;/b&gt; &amp; go" in badge.hovertext
    assert "<i>" not in badge.hovertext
    assert len([a for a in figure.layout.annotations if a.arrowcolor == SAND]) == 1
    assert any("handoff" in str(a.text) for a in figure.layout.annotations)
    plain = journey_map_figure(journey)
    assert not [s for s in plain.layout.shapes if s.type == "path"]
    assert not any(a.text == BADGE for a in plain.layout.annotations)


def test_map_handoff_lines_run_between_facing_sides_or_through_the_gutter() -> None:
    journey = line_journey(
        stages=[{"id": "s", "name": "S"}, {"id": "t", "name": "T"}],
        touchpoints=[
            {"id": "a", "name": "A", "stage": "s", "channel": "web"},
            {"id": "b", "name": "B", "stage": "s", "channel": "branch"},
            {"id": "c", "name": "C", "stage": "t", "channel": "branch", "end": True},
        ],
    )
    layout = map_layout(journey)
    cards = {c.touchpoint: c for c in layout.cards if c.lane.startswith("channel:")}
    a, b, c = cards["a"].box, cards["b"].box, cards["c"].box
    # Across stages: from b's right side to c's left side.
    assert handoff_route(layout, cards["b"], cards["c"]) == (
        (b.x1, b.center[1]),
        (c.x0, c.center[1]),
    )
    assert handoff_route(layout, cards["c"], cards["b"]) == (
        (c.x0, c.center[1]),
        (b.x1, b.center[1]),
    )
    # Down one column: a bracket whose apex is the middle of the gutter on the right.
    start, control, end = handoff_route(layout, cards["a"], cards["b"])
    assert (start, end) == ((a.x1, a.center[1]), (b.x1, b.center[1]))
    gutter = (layout.columns[0].end + layout.columns[1].start) / 2
    assert (start[0] + control[0]) / 2 == gutter
    # In the last column there is no gutter to the right: the bracket goes left.
    _, control, _ = handoff_route(layout, cards["c"], cards["c"])
    assert control[0] < c.x0
