"""Map and graph views: no two labels overlap, for the examples and a 60-touchpoint journey."""

from __future__ import annotations

import itertools

import pytest

from journeymap.analytics.flow import compute_flow
from journeymap.charts import diagram_layout, journey_figure, journey_map_figure, map_layout
from journeymap.charts.diagram_text import EdgeHealth
from journeymap.charts.geometry import Box
from journeymap.charts.map_handoffs import BADGE_PX, handoff_marks
from journeymap.charts.map_layout import SMALLEST_FONT_PX, map_style
from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey, parse_journey
from tests.conftest import EXAMPLE_JOURNEY_FILES
from tests.journey_factory import generated_journey

CASES = [pytest.param(path, id=path.stem) for path in EXAMPLE_JOURNEY_FILES] + [
    pytest.param("generated-60", id="generated-60")
]


@pytest.fixture(params=CASES)
def journey(request: pytest.FixtureRequest) -> Journey:
    if request.param == "generated-60":
        return generated_journey(60, 8)
    return read_journey_file(request.param).journey


def overlapping(boxes: dict[str, Box]) -> list[tuple[str, str]]:
    return [
        (a, b) for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2) if ba.overlaps(bb)
    ]


def test_graph_view_labels_do_not_overlap(journey: Journey) -> None:
    layout = diagram_layout(journey, compute_flow(journey))
    assert overlapping(layout.label_boxes()) == []


def test_map_view_cards_and_curve_points_do_not_overlap(journey: Journey) -> None:
    layout = map_layout(journey)
    boxes = {f"{c.lane}/{c.touchpoint}/{i}": c.box for i, c in enumerate(layout.cards)}
    assert overlapping(boxes) == []
    markers = {p.touchpoint: p.box(layout.style.marker_px) for p in layout.curve}
    assert overlapping(markers) == []


def test_map_view_handoff_badges_cover_no_card_text(journey: Journey) -> None:
    """Even with every transition flagged, each "!" finds room off the cards' words."""
    layout = map_layout(journey)
    flagged = EdgeHealth("#c53030", "Handoff friction", "why")
    handoffs = {(t.source, t.target): flagged for t in journey.transitions if t.kind != "leave"}
    _, badges = handoff_marks(layout, handoffs)
    assert len(badges) == len(handoffs)
    texts = {
        f"{c.lane}/{c.touchpoint}/{i}": c.box.grown(-layout.style.card_padding)
        for i, c in enumerate(layout.cards)
    }
    for i, badge in enumerate(badges):
        spot = Box.around((badge["x"], badge["y"]), BADGE_PX, BADGE_PX)
        assert overlapping(texts | {f"badge {i}": spot}) == []


def test_map_view_puts_every_card_in_its_stage_column_and_lane(journey: Journey) -> None:
    layout = map_layout(journey)
    columns = {c.key: c for c in layout.columns}
    lanes = {lane.key: lane for lane in layout.lanes}
    stage_of = {tp.id: tp.stage for tp in journey.touchpoints}
    for card in layout.cards:
        column, lane = columns[card.stage], lanes[card.lane]
        assert card.stage == stage_of[card.touchpoint]
        assert column.start <= card.box.x0 < card.box.x1 <= column.end
        assert lane.start <= card.box.y0 < card.box.y1 <= lane.end
    names = {c.touchpoint for c in layout.cards if c.lane.startswith("channel:")}
    assert names == {tp.id for tp in journey.touchpoints}


def test_map_view_is_readable_on_a_projector() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    layout = map_layout(journey)
    assert layout.style.font_px >= 16
    assert layout.width <= layout.style.target_width  # not shrunk by the app's column
    figure = journey_map_figure(journey, layout)
    assert min(a.font.size for a in figure.layout.annotations if a.font.size) >= 14


def test_map_lanes_can_be_left_out() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    layout = map_layout(journey, lanes=["pain"])
    keys = [lane.key for lane in layout.lanes]
    assert "pain" in keys
    assert "feels" in keys
    assert "does" not in keys
    assert not [c for c in layout.cards if c.lane == "does"]


def test_emotion_curve_follows_the_reading_order() -> None:
    journey = generated_journey(12, 4)
    layout = map_layout(journey)
    xs = [p.x for p in layout.curve]
    assert xs == sorted(xs)
    assert [p.number for p in layout.curve] == list(range(1, 13))
    top, low = layout.feels_y(2), layout.feels_y(-2)
    assert all(top <= p.y <= low for p in layout.curve)


def test_user_text_is_escaped_in_the_map() -> None:
    base = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    tp = base.touchpoints[0].model_copy(
        update={"name": "<b>Bold</b> & co", "pain_points": ["<script>x</script>"]}
    )
    journey = base.model_copy(update={"touchpoints": [tp, *base.touchpoints[1:]]})
    figure = journey_map_figure(journey)
    texts = " ".join(
        [str(a.text) for a in figure.layout.annotations]
        + [str(a.hovertext) for a in figure.layout.annotations]
        + [h for trace in figure.data for h in (trace.hovertext or ())]
    )
    assert "<b>Bold" not in texts
    assert "<script>" not in texts
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in texts


def test_graph_main_path_only_keeps_the_main_path_edges() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[1]).journey
    flow = compute_flow(journey)
    layout = diagram_layout(journey, flow)
    everything = journey_figure(journey, flow, layout=layout)
    main = journey_figure(journey, flow, layout=layout, edges="main")
    paths = [s for s in main.layout.shapes if s.type == "path"]
    assert len(paths) == len(flow.main_path) - 1
    assert len([s for s in everything.layout.shapes if s.type == "path"]) == len(layout.edges)
    widths = sorted({s.line.width for s in everything.layout.shapes if s.type == "path"})
    assert min(s.line.width for s in paths) > widths[0]  # the main path is drawn stronger


def test_graph_nodes_are_grey_without_health() -> None:
    journey = generated_journey(20, 5)
    flow = compute_flow(journey)
    figure = journey_figure(journey, flow)
    nodes = next(t for t in figure.data if t.name == "touchpoints")
    assert set(nodes.marker.color) == {"#9aa5b1"}
    assert len(set(nodes.marker.size)) > 1  # sized by expected customers


@pytest.mark.parametrize("width", [900, 1100, 1400, 1840])
def test_the_map_fits_the_width_it_is_laid_out_for(journey: Journey, width: int) -> None:
    """Streamlit shrinks a figure to its column and Plotly keeps its text at size: a map
    wider than its column draws cards over their neighbours. Laid out for a column, the
    map fits it (shrinking its type, never below 10 px), and its cards still do not
    overlap."""
    layout = map_layout(journey, map_style(width))
    if layout.style.font_px > SMALLEST_FONT_PX:
        assert layout.width <= width + 1
    assert not overlapping(
        {f"{c.lane}/{c.touchpoint}/{i}": c.box for i, c in enumerate(layout.cards)}
    )


def _eight_stages() -> Journey:
    stages = [f"s{i}" for i in range(8)]
    return parse_journey(
        {
            "id": "eight",
            "name": "Eight stages",
            "stages": [{"id": s, "name": s} for s in stages],
            "touchpoints": [
                {"id": f"t{i}", "name": f"T{i}", "stage": s, "channel": "web", "end": i == 7}
                for i, s in enumerate(stages)
            ],
            "transitions": [{"from": f"t{i}", "to": f"t{i + 1}"} for i in range(7)],
            "entries": [{"touchpoint": "t0", "customers_per_month": 100}],
        }
    )


@pytest.mark.parametrize(
    ("width", "font_px"),
    [
        (1400, 16.0),  # 140 + 8 × (140 + 10) = 1,340 px needed: fits, nothing scaled
        (1005, 12.0),  # 1,005 / 1,340 = 0.75 of every size
        (670, 10.0),  # half would be 8 px: never below 10 px (the map scrolls instead)
    ],
)
def test_a_map_squeezed_below_its_columns_scales_as_a_whole(width: int, font_px: float) -> None:
    layout = map_layout(_eight_stages(), map_style(width))
    assert layout.style.font_px == pytest.approx(font_px)
