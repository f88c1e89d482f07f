"""The journey diagram: layout geometry and the plotly figure built on it."""

from __future__ import annotations

import itertools

import pytest

from journeymap.analytics.flow import compute_flow
from journeymap.charts import diagram_layout, journey_figure
from journeymap.charts.geometry import Box, wrap_label
from journeymap.i18n import use_language
from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey
from tests.conftest import EXAMPLE_JOURNEY_FILES


@pytest.fixture(params=EXAMPLE_JOURNEY_FILES, ids=lambda p: p.stem)
def journey(request: pytest.FixtureRequest) -> Journey:
    return read_journey_file(request.param).journey


def test_label_boxes_do_not_overlap(journey: Journey) -> None:
    layout = diagram_layout(journey, compute_flow(journey))
    boxes = layout.label_boxes()
    assert set(boxes) == {tp.id for tp in journey.touchpoints}
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)


def test_stages_are_columns_left_to_right_and_channels_are_lanes(journey: Journey) -> None:
    layout = diagram_layout(journey, compute_flow(journey))
    assert [c.key for c in layout.columns] == [s.id for s in journey.stages]
    assert all(a.end <= b.start for a, b in itertools.pairwise(layout.columns))
    columns = {c.key: c for c in layout.columns}
    lanes = {lane.key: lane for lane in layout.lanes}
    for tp in journey.touchpoints:
        node = layout.nodes[tp.id]
        assert columns[tp.stage].start <= node.x <= columns[tp.stage].end
        assert lanes[tp.channel].start <= node.y <= lanes[tp.channel].end
        assert (
            columns[tp.stage].start
            <= node.label_box.x0
            < node.label_box.x1
            <= columns[tp.stage].end
        )


def test_nodes_grow_with_customers(journey: Journey) -> None:
    flow = compute_flow(journey)
    layout = diagram_layout(journey, flow)
    ordered = sorted(flow.touchpoints, key=lambda t: t.customers_per_month)
    radii = [layout.nodes[t.touchpoint].radius for t in ordered]
    assert radii == sorted(radii)


def test_every_transition_is_drawn_with_its_share(journey: Journey) -> None:
    layout = diagram_layout(journey, compute_flow(journey))
    drawn = {(e.source, e.target) for e in layout.edges}
    assert drawn == {(t.source, t.target) for t in journey.transitions}
    assert all(e.share_text.endswith(" %") for e in layout.edges)
    back = [e for e in layout.edges if layout.nodes[e.target].x < layout.nodes[e.source].x]
    assert all(e.curved for e in back)


def test_user_text_is_escaped_in_the_figure() -> None:
    base = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    tp = base.touchpoints[0].model_copy(
        update={"name": "<b>Bold</b> & <i>co</i>", "owner": "<script>x</script>"}
    )
    stage = base.stages[0].model_copy(update={"name": "<br>Stage"})
    journey = base.model_copy(
        update={"touchpoints": [tp, *base.touchpoints[1:]], "stages": [stage, *base.stages[1:]]}
    )
    figure = journey_figure(journey, compute_flow(journey))
    texts = [a.text for a in figure.layout.annotations]
    hovers = [h for trace in figure.data for h in (trace.hovertext or ())]
    everything = " ".join(texts + hovers)
    assert "<b>Bold" not in everything
    assert "<script>" not in everything
    assert "<b><br>Stage" not in everything
    assert "&lt;script&gt;x&lt;/script&gt;" in everything
    assert any("&lt;br&gt;Stage" in t for t in texts)


def test_figure_is_sized_for_the_layout(journey: Journey) -> None:
    flow = compute_flow(journey)
    layout = diagram_layout(journey, flow)
    figure = journey_figure(journey, flow, layout=layout)
    assert figure.layout.width >= layout.width
    assert figure.layout.yaxis.range == (layout.height, 0)
    assert min(a.font.size for a in figure.layout.annotations if a.font.size) >= 14


@pytest.mark.parametrize(
    ("text", "chars", "lines", "expected"),
    [
        ("Book møde online", 20, 3, ("Book møde online",)),
        ("Ser boligkampagne på sociale medier", 17, 3, ("Ser boligkampagne", "på sociale medier")),
        ("one two three four five six", 9, 2, ("one two", "three…")),
        ("", 10, 3, ("",)),
        # A word longer than a line breaks with a hyphen between two syllables.
        ("Rådgivningsmødet", 9, 3, ("Rådgiv-", "ningsmø-", "det")),
        ("Opfølgningsmøde", 9, 3, ("Opfølg-", "ningsmøde")),
        ("Opfølgningsmøde", 12, 3, ("Opfølgnings-", "møde")),
        ("Venter på rådgivningsmødet", 14, 3, ("Venter på råd-", "givningsmødet")),
        (
            "Kundeserviceafdelingens åbningstider",
            12,
            4,
            ("Kundeser-", "viceafdelin-", "gens", "åbningstider"),
        ),
        ("Søg økonomirådgivning", 10, 3, ("Søg øko-", "nomiråd-", "givning")),
        # A compound breaks after its own hyphen, with no second hyphen added.
        ("e-mail-kvittering", 10, 3, ("e-mail-", "kvittering")),
        # Closing marks stay with the word before them.
        ("Mødet er slut .", 8, 3, ("Mødet er", "slut .")),
        ("Rådgivningsmødet.", 16, 3, ("Rådgivningsmø-", "det.")),
        ("Ærgerlig ventetid ;", 9, 3, ("Ærgerlig", "vente-", "tid ;")),
        ("abcdefg...", 8, 3, ("abcd-", "efg...")),
        ("Book – online", 6, 3, ("Book –", "online")),
        ("Spørg (gratis)", 8, 3, ("Spørg", "(gratis)")),
        # Cut short: the ellipsis replaces the break's hyphen.
        ("Rådgivningsmødet i filialen", 9, 1, ("Rådgiv…",)),
        ("Kø ved kassen", 4, 2, ("Kø", "ved…")),
        ("Det havde jeg ikke regnet med. Men", 12, 2, ("Det havde", "jeg ikke…")),
        ("Logger ind; læser", 11, 1, ("Logger ind…",)),
    ],
)
def test_wrap_label(text: str, chars: int, lines: int, expected: tuple[str, ...]) -> None:
    assert wrap_label(text, chars, lines) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rådgivningsmødet er slut.",
        "Ærgerlig ventetid ; ingen svar !",
        "Kundeserviceafdelingens/åbningstider (hverdage) » lørdag",
        "Følger op på tilbuddet... efter 3 dage",
    ],
)
@pytest.mark.parametrize("chars", [4, 6, 9, 12, 17])
def test_wrap_label_lines_fit_and_never_start_with_a_closing_mark(text: str, chars: int) -> None:
    lines = wrap_label(text, chars, 20)
    assert all(len(line) <= chars for line in lines), lines
    assert not any(line[0] in ".,;:!?)»/" for line in lines[1:]), lines
    # Nothing is lost: the lines put back together are the text.
    assert "".join("".join(lines).split()).replace("-", "") == "".join(text.split())


def test_box_overlap_ignores_touching_edges() -> None:
    assert not Box(0, 0, 1, 1).overlaps(Box(1, 0, 2, 1))
    assert Box(0, 0, 1, 1).overlaps(Box(0.5, 0.5, 2, 2))


def test_lanes_are_named_in_the_readers_language() -> None:
    bank = next(p for p in EXAMPLE_JOURNEY_FILES if p.stem == "bank-advisory")
    journey = read_journey_file(bank).journey
    flow = compute_flow(journey)
    with use_language("da"):
        lanes = diagram_layout(journey, flow).lanes
        figure = journey_figure(journey, flow)
    titles = {lane.key: lane.title for lane in lanes}
    # The map already said Filial; the graph wrote the stored key, capitalised, in English.
    assert (titles["branch"], titles["social"], titles["phone"]) == (
        "Filial",
        "Sociale medier",
        "Telefon",
    )
    # Longer than the key it stands for, the title wraps inside the lane label's width.
    assert "Sociale<br>medier" in [a.text for a in figure.layout.annotations]
