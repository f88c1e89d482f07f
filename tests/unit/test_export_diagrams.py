"""draw.io, DOT, PowerPoint and journey files read back, with every name intact."""

from __future__ import annotations

import dataclasses
import html
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pydot
import pytest
from PIL import Image
from pptx import Presentation

from journeymap.analytics.flow import compute_flow
from journeymap.charts.diagram_text import NodeHealth
from journeymap.io.export.data import ExportData
from journeymap.io.export.dot import journey_dot
from journeymap.io.export.drawio import drawio_xml
from journeymap.io.export.pptx_deck import journey_deck
from journeymap.io.journey_files import (
    journey_to_json,
    journey_to_yaml,
    parse_journey_text,
    read_journey_file,
)
from tests.conftest import EXAMPLE_JOURNEY_FILES
from tests.export_helpers import names_data, tricky_names

# pydot's parser still calls pyparsing's old names; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot")


def example_data() -> list[ExportData]:
    journeys = [read_journey_file(path).journey for path in EXAMPLE_JOURNEY_FILES]
    return [ExportData(j, compute_flow(j)) for j in journeys] + [names_data()]


def cells(xml: str) -> list[ET.Element]:
    root = ET.fromstring(xml)
    assert root.tag == "mxfile"
    (diagram,) = root.findall("diagram")
    model = diagram.find("mxGraphModel")
    assert model is not None  # uncompressed: the model is XML, not a deflated string
    return model.findall("root/mxCell")


@pytest.mark.parametrize("data", example_data(), ids=lambda d: d.journey.id)
def test_drawio_has_a_vertex_per_touchpoint_and_an_edge_per_transition(data) -> None:
    found = cells(drawio_xml(data))
    ids = {c.get("id") for c in found}
    boxes = [c for c in found if c.get("vertex") == "1" and c.get("id", "").startswith("tp-")]
    lanes = [c for c in found if c.get("vertex") == "1" and "swimlane" in c.get("style", "")]
    edges = [c for c in found if c.get("edge") == "1"]
    assert len(boxes) == len(data.journey.touchpoints)
    assert len(lanes) == len(data.journey.stages)
    assert len(edges) == len(data.journey.transitions)
    assert {c.get("parent") for c in boxes} <= {c.get("id") for c in lanes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    assert all(e.get("value", "").endswith("%") for e in edges)
    for cell in boxes + lanes:
        geometry = cell.find("mxGeometry")
        assert geometry is not None
        assert float(geometry.get("width", 0)) > 0


def test_drawio_labels_are_text_not_markup() -> None:
    data = names_data()
    found = cells(drawio_xml(data))
    labels = {c.get("id"): c.get("value", "") for c in found}
    for tp in data.journey.touchpoints:
        name_part = labels[f"tp-{tp.id}"].split("<br>")[0]
        assert html.unescape(name_part) == tp.name
        assert "<b>" not in name_part
    for stage in data.journey.stages:
        assert html.unescape(labels[f"stage-{stage.id}"]) == stage.name
    assert ET.fromstring(drawio_xml(data)).find("diagram").get("name") == data.journey.name


@pytest.mark.parametrize("data", example_data(), ids=lambda d: d.journey.id)
def test_dot_parses_with_pydot_and_networkx(data) -> None:
    text = journey_dot(data)
    (graph,) = pydot.graph_from_dot_data(text)
    assert len(graph.get_subgraphs()) == len(data.journey.stages)
    nx_graph = nx.nx_pydot.from_pydot(graph)
    assert {node.strip('"') for node in nx_graph.nodes} == {t.id for t in data.journey.touchpoints}
    assert nx_graph.number_of_edges() == len(data.journey.transitions)


def dot_label(value: str) -> str:
    """What Graphviz shows for a quoted label: quotes off, escapes and entities undone."""
    return html.unescape(value[1:-1].replace('\\"', '"').replace("\\\\", "\\"))


def test_dot_keeps_tricky_names_as_text() -> None:
    data = names_data()
    (graph,) = pydot.graph_from_dot_data(journey_dot(data))
    labels = {dot_label(graph.get_label())}
    for sub in graph.get_subgraphs():
        labels.add(dot_label(sub.get_label()))
        labels |= {dot_label(n.get_label()) for n in sub.get_nodes() if n.get_label()}
    for name in tricky_names(data.journey):
        assert " ".join(name.split()) in labels


def tiny_png(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#ffffff").save(out, format="PNG")
    return out.getvalue()


def slide_texts(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def test_deck_has_title_overview_a_slide_per_stage_and_the_sand_list() -> None:
    data = names_data()
    deck = Presentation(io.BytesIO(journey_deck(data, tiny_png(), "graph")))
    slides = list(deck.slides)
    assert len(slides) == 2 + len(data.journey.stages) + 2
    texts = [slide_texts(s) for s in slides]
    assert data.journey.name in texts[0]
    assert "The journey at a glance" in texts[1]
    assert any(shape.shape_type == 13 for shape in slides[1].shapes)  # a picture
    for stage, text in zip(data.journey.stages, texts[2:-2], strict=True):
        assert stage.name in text
        for tp in data.journey.touchpoints:
            if tp.stage == stage.id:
                assert tp.name in text or f"{tp.name} ★" in text
    assert "Sand in the machine" in texts[-2]
    assert "No evidence in this period" in texts[-2]
    # Every stage slide has its touchpoints as an editable table.
    assert all(any(shape.has_table for shape in s.shapes) for s in slides[2:-2])
    # The actions slide is there with none yet, and says how to add them.
    assert "Improvement actions" in texts[-1]
    assert "No improvement actions yet" in texts[-1]
    assert "Improvement actions page" in texts[-1]


def with_health(data: ExportData) -> ExportData:
    health = {tp.id: NodeHealth("#2e7d32", "Good") for tp in data.journey.touchpoints}
    return dataclasses.replace(data, health=health)


def box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def overlaps(a, b) -> bool:
    (al, at, ar, ab), (bl, bt, br, bb) = box(a), box(b)
    return al < br and bl < ar and at < bb and bt < ab


@pytest.mark.parametrize("size", [(400, 300), (300, 1200), (2400, 300), (1, 1)])
@pytest.mark.parametrize("health", [True, False], ids=["legend", "no-legend"])
def test_overview_slide_shapes_do_not_overlap(size: tuple[int, int], health: bool) -> None:
    data = with_health(names_data()) if health else names_data()
    deck = Presentation(io.BytesIO(journey_deck(data, tiny_png(size), "graph")))
    overview = list(deck.slides)[1]
    shapes = list(overview.shapes)
    texts = [s.text_frame.text for s in shapes if s.has_text_frame]
    assert any(text.startswith("● ") for text in texts) == health  # the legend
    for i, a in enumerate(shapes):
        left, top, right, bottom = box(a)
        assert min(left, top) >= 0, a.name
        assert right <= deck.slide_width, a.name
        assert bottom <= deck.slide_height, a.name
        for b in shapes[i + 1 :]:
            assert not overlaps(a, b), f"{a.name} overlaps {b.name}"


def test_stage_slides_tell_stages_with_the_same_name_apart() -> None:
    journey = names_data().journey
    twin = journey.stages[0].model_copy(update={"name": journey.stages[1].name})
    journey = journey.model_copy(update={"stages": [twin, journey.stages[1]]})
    data = ExportData(journey, compute_flow(journey))
    slides = list(Presentation(io.BytesIO(journey_deck(data, tiny_png()))).slides)
    first, second = slide_texts(slides[2]), slide_texts(slides[3])
    assert "Stage 1 of 2" in first
    assert "Stage 2 of 2" in second
    for tp in journey.touchpoints:
        assert (tp.name in first) == (tp.stage == "choose"), tp.name
        assert (tp.name in second) == (tp.stage == "meet"), tp.name


def test_deck_keeps_tricky_names_as_text() -> None:
    data = names_data()
    deck = Presentation(io.BytesIO(journey_deck(data, tiny_png())))
    everything = "\n".join(slide_texts(s) for s in deck.slides)
    for name in tricky_names(data.journey):
        assert name in everything


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_journey_files_round_trip_tricky_names(fmt: str) -> None:
    data = names_data()
    text = journey_to_yaml(data.journey, 3) if fmt == "yaml" else journey_to_json(data.journey, 3)
    loaded = parse_journey_text(text, json_format=fmt == "json")
    assert loaded.journey == data.journey
    assert loaded.revision == 3
