"""With an attack in every user text: figures, the report and every export stay inert.

Plotly renders a subset of HTML (``<a href>`` included) in every text of a figure, the
report is an HTML page, spreadsheets run a cell that starts with ``=`` ``+`` ``-``
``@`` (or a tab or carriage return), and diagram files have grammars of their own.
The workspace is tests/injection_workspace.py's: the demo with every text replaced.
"""

from __future__ import annotations

import csv
import html
import importlib
import inspect
import io
import pkgutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pydot
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import Engine

from journeymap import charts as charts_package
from journeymap.analytics.actions import actions_frame
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.nps_dashboard import trend_table
from journeymap.analytics.nps_tables import nps_table
from journeymap.analytics.observed_emotion import observed_emotions
from journeymap.analytics.periods import previous_period
from journeymap.analytics.profit_chain import profit_chain
from journeymap.analytics.report_periods import last_full_period
from journeymap.analytics.shift_share import shift_share
from journeymap.analytics.shopper_results import (
    aggregate,
    heatmap_matrix,
    league_table,
    score_visits,
)
from journeymap.analytics.visit_report import answers_export
from journeymap.analytics.walk_cards import nps_matrix
from journeymap.charts import journey_figure, journey_map_figure, map_layout
from journeymap.charts.actions import value_effort_figure
from journeymap.charts.emotion_compare import emotion_compare_figure
from journeymap.charts.health import handoff_edges
from journeymap.charts.heatmap import nps_heatmap
from journeymap.charts.nps_charts import nps_trend_figure, profit_chain_figure, shift_share_figure
from journeymap.charts.shopper import DIMENSION_NAMES, grouped_bars, section_heatmap, trend
from journeymap.io.case_export import cases_csv
from journeymap.io.export import images
from journeymap.io.export.chromium import find_chromium
from journeymap.io.export.data import ExportData
from journeymap.io.export.mermaid import mermaid_flowchart, mermaid_journey
from journeymap.io.report import report_html
from journeymap.io.spreadsheet_safety import neutralised_csv
from journeymap.model import Journey
from journeymap.model.visit_status import counted_statuses
from journeymap.services.export import export_bytes, export_data
from journeymap.services.period_report import build_report
from journeymap.services.sand import SandReport, journey_health, sand_report
from journeymap.store.actions import list_actions
from journeymap.store.cases import read_cases
from journeymap.store.engine import open_database
from journeymap.store.evidence import read_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import read_answers, read_locations, read_visits
from journeymap.store.visits import all_versions
from tests.injection_workspace import (
    JOURNEY_ID,
    MARKER,
    USER_TEXT,
    formula_like,
    hostile_template,
    html_problems,
    live_plotly,
    plotly_strings,
    shown_text,
)
from tests.injection_workspace import hostile as attack
from tests.unit.test_export_mermaid import LABEL, parse_journey

needs_chromium = pytest.mark.skipif(
    find_chromium() is None, reason="pictures are drawn by Chromium: apt-get install chromium"
)
# pydot's parser still calls pyparsing's old names; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot")


@pytest.fixture(scope="module", autouse=True)
def _one_browser() -> Iterator[None]:
    # The report, the SVG and the deck share one Chromium; closed with the module.
    yield
    images.stop_picture_server()


@dataclass(frozen=True)
class Hostile:
    engine: Engine
    journey: Journey
    other: Journey
    report: SandReport
    data: ExportData


@pytest.fixture(scope="module")
def hostile(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    template = hostile_template(demo_template, tmp_path_factory.mktemp("hostile"))
    engine = open_database(template.url)  # read only: nothing here writes
    repository = JourneyRepository(engine)
    stored = repository.get(JOURNEY_ID)
    other = repository.get("retail-returns")
    assert stored is not None
    assert other is not None
    flt = EvidenceFilter()  # all the evidence: every touchpoint, location and segment
    report = sand_report(engine, stored.journey, flt)
    data = export_data(engine, stored.journey, stored.revision, flt)
    return Hostile(engine, stored.journey, other.journey, report, data)


# --- plotly figures -------------------------------------------------------------------


@pytest.fixture(scope="module")
def figures(hostile: Hostile) -> dict[str, go.Figure]:
    return _figures(hostile)


def _figures(h: Hostile) -> dict[str, go.Figure]:
    journey, engine = h.journey, h.engine
    names = {t.id: t.name for t in journey.touchpoints}
    health = journey_health(h.report)
    # Their hovers quote the touchpoints' names: the demo's evidence flags a few.
    handoffs = handoff_edges(h.report.handoffs)
    assert handoffs
    responses = read_responses(engine, journey.id)
    locations = read_locations(engine)
    places = dict(zip(locations["id"], locations["name"], strict=True))
    period = last_full_period("quarter", date.today())
    split = shift_share(responses, previous_period(period), period)
    tables = score_visits(
        all_versions(engine, journey.id),
        read_visits(engine, journey.id),
        read_answers(engine, journey.id),
        counted_statuses(False),
    )
    chain = profit_chain(
        league_table(tables.visits, "mean"),
        nps_table(responses, ["location"], survey_kind="transactional"),
    )
    title = attack("chart.title")
    return {
        "journey_figure": journey_figure(journey, h.report.flow, health=health, handoffs=handoffs),
        "journey_figure main path": journey_figure(journey, h.report.flow, edges="main"),
        "journey_map_figure": journey_map_figure(
            journey,
            map_layout(journey),
            health=health,
            observed=observed_emotions(h.report.evidence),
            handoffs=handoffs,
        ),
        "journey_map_figure plain": journey_map_figure(journey, map_layout(journey)),
        "nps_heatmap": nps_heatmap(
            nps_matrix(responses, [t.id for t in journey.touchpoints]), names, places
        ),
        "nps_trend_figure": nps_trend_figure(trend_table(responses, "month"), title),
        "shift_share_figure": shift_share_figure(split.contributions, names, title),
        "profit_chain_figure": profit_chain_figure(chain, title),
        "section_heatmap": section_heatmap(heatmap_matrix(tables.sections, "mean")),
        "grouped_bars": grouped_bars(
            aggregate(tables.sections, ["section_title", "competitor"], "mean"), "section_title"
        ),
        "grouped_bars competence": grouped_bars(
            aggregate(tables.dimensions, ["dimension", "competitor"], "mean"),
            "dimension",
            DIMENSION_NAMES,
        ),
        "grouped_bars locations": grouped_bars(
            aggregate(tables.visits, ["location_name", "competitor"], "mean"), "location_name"
        ),
        "trend": trend(aggregate(tables.visits, ["period", "competitor"], "mean")),
        "value_effort_figure": value_effort_figure(
            actions_frame(list_actions(engine, journey.id), names)
        ),
        "emotion_compare_figure": emotion_compare_figure(h.other, journey),
    }


# Rounds and the three competence dimensions are the product's words, not typed ones.
WITHOUT_USER_TEXT = {"trend", "grouped_bars competence"}


def _figure_builders() -> set[str]:
    """Every public function of journeymap.charts that returns a figure."""
    found = set()
    for info in pkgutil.iter_modules(charts_package.__path__):
        module = importlib.import_module(f"{charts_package.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            signature = inspect.signature(function)
            takes_a_figure = any(
                "Figure" in str(p.annotation) for p in signature.parameters.values()
            )
            returns = str(signature.return_annotation)
            if (
                function.__module__ == module.__name__
                and "Figure" in returns
                and not takes_a_figure
            ):
                found.add(name)
    return {name for name in found if not name.startswith("_")}


def test_every_figure_builder_is_checked(figures: dict[str, go.Figure]) -> None:
    checked = {name.split()[0] for name in figures}
    assert _figure_builders() <= checked, _figure_builders() - checked


def test_figures_show_user_text_only_escaped(figures: dict[str, go.Figure]) -> None:
    silent = []
    for name, figure in figures.items():
        spec = figure.to_plotly_json()
        live = live_plotly(spec)
        assert not live, f"{name}: {live[:3]}"
        # Round trip through plotly's own JSON, as the browser gets it.
        assert not live_plotly(go.Figure(figure).to_plotly_json())
        if name not in WITHOUT_USER_TEXT and not any(
            USER_TEXT.search(s) for _, s in plotly_strings(spec)
        ):
            silent.append(name)
    assert not silent, f"no user text reached {silent}: the check would not bite"


def test_a_tag_in_a_name_shows_as_the_tag(figures: dict[str, go.Figure]) -> None:
    """Escaped, not dropped: plotly turns &lt; back into < when it draws the text."""
    figure = figures["journey_figure"]
    hovers = [s for _, s in plotly_strings(figure.to_plotly_json()) if "&lt;" in s]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in s for s in hovers)
    # A lane's name cut to fit its label is whole, and escaped, in the label's hover.
    lane_hovers = [a.hovertext for a in figure.layout.annotations if a.hovertext]
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in h for h in lane_hovers)


# --- the period report ----------------------------------------------------------------


@pytest.fixture(scope="module")
def report_page(hostile: Hostile) -> tuple[str, str | None]:
    period = last_full_period("quarter", date.today())
    data = build_report(hostile.engine, hostile.journey, period)
    return report_html(data), data.diagram_svg


def test_the_report_has_no_live_markup_and_no_external_resource(
    report_page: tuple[str, str | None],
) -> None:
    page, _ = report_page
    assert html_problems(page) == []
    text = shown_text(page)
    # The attacks are on the page as text, exactly as typed.
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "**bold**"):
        assert payload in text


@needs_chromium
def test_the_report_diagram_draws_names_as_text(report_page: tuple[str, str | None]) -> None:
    page, svg = report_page
    assert svg is not None, "the diagram was not drawn"
    assert "<svg" in page
    assert html_problems(svg) == []
    # Names are drawn as text; a lane's long name is cut to its label's width, so the
    # formula that starts it is what shows (the whole name is the lane's hover).
    assert f"=1+1 {MARKER}" in shown_text(svg)


# --- spreadsheets: the workbook and the CSV files -------------------------------------


def test_no_workbook_cell_is_a_formula(hostile: Hostile) -> None:
    # One quarter of answers: the sheets hold every kind of row, and stay small.
    quarter = last_full_period("quarter", date.today())
    flt = EvidenceFilter(quarter.start, quarter.end)
    book = load_workbook(io.BytesIO(export_bytes(hostile.engine, hostile.data, "xlsx", flt=flt)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    formulas = [
        f"{c.parent.title}!{c.coordinate}: {c.value!r}" for c in cells if c.data_type == "f"
    ]
    assert not formulas, formulas[:5]
    # Text that looks like a formula is a string cell with the quote-prefix style:
    # shown as typed, never run.
    runnable = [
        f"{c.parent.title}!{c.coordinate}: {c.value!r}"
        for c in cells
        if formula_like(c.value) and not (c.data_type == "s" and c.quotePrefix)
    ]
    assert not runnable, runnable[:5]
    texts = [c.value for c in cells if isinstance(c.value, str) and c.quotePrefix]
    sheets = {
        c.parent.title for c in cells if isinstance(c.value, str) and USER_TEXT.search(c.value)
    }
    assert {"Journey", "Touchpoints", "Transitions", "Actions", "Responses", "Visits"} <= sheets
    for start in ("=HYPERLINK(", "=1+1", "+cmd|", "-2+3", "@SUM(A1)", "\t=1+1"):
        assert any(t.startswith(start) for t in texts), f"no {start} cell kept as text"
    assert not any(t.startswith("'") for t in texts)  # no apostrophe to be seen


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _runnable(rows: list[list[str]]) -> list[str]:
    return [value for row in rows for value in row if formula_like(value)]


def test_the_call_back_csv_runs_nothing(hostile: Hostile) -> None:
    rows = _csv_rows(cases_csv(read_cases(hostile.engine, JOURNEY_ID)))
    assert len(rows) > 100
    assert not _runnable(rows), _runnable(rows)[:5]
    assert any(USER_TEXT.search(value) for row in rows for value in row)


def test_the_shopper_answers_csv_runs_nothing(hostile: Hostile) -> None:
    engine = hostile.engine
    frame = answers_export(
        all_versions(engine, JOURNEY_ID),
        read_visits(engine, JOURNEY_ID),
        read_answers(engine, JOURNEY_ID),
        include_personal=True,
    )
    rows = _csv_rows(neutralised_csv(frame))
    assert len(rows) == len(frame) + 1
    assert not _runnable(rows), _runnable(rows)[:5]
    assert any(USER_TEXT.search(value) for row in rows for value in row)


# --- diagrams and the deck --------------------------------------------------------------


def test_mermaid_keeps_the_grammar_and_no_live_html(hostile: Hostile) -> None:
    title, sections = parse_journey(mermaid_journey(hostile.data))
    assert "alert(1)" in title
    assert sections
    flowchart = mermaid_flowchart(hostile.data)
    labels = [label for line in flowchart.splitlines() for label in LABEL.findall(line)]
    assert any("alert(1)" in label for label in labels)
    for line in flowchart.splitlines():
        assert line.startswith("    ") or line == "flowchart LR", line[:80]
        assert not line.strip().startswith(("click", "%%")), line[:80]
        for label in LABEL.findall(line):
            assert "<" not in label, label[:80]


def test_drawio_labels_hold_escaped_text(hostile: Hostile) -> None:
    xml = export_bytes(None, hostile.data, "drawio").decode("utf-8")
    root = ET.fromstring(xml)  # well-formed, NUL bytes and all
    values = [c.get("value", "") for c in root.iter("mxCell")]
    assert any("alert(1)" in v for v in values)
    live = [v for v in values if live_plotly({"value": v})]
    assert not live, live[:3]
    name = root.find("diagram").get("name", "")  # type: ignore[union-attr]
    assert "alert(1)" in name


def test_dot_names_are_quoted_text(hostile: Hostile) -> None:
    text = export_bytes(None, hostile.data, "dot").decode("utf-8")
    (graph,) = pydot.graph_from_dot_data(text)
    labels = [graph.get_label()] + [s.get_label() for s in graph.get_subgraphs()]
    labels += [n.get_label() for s in graph.get_subgraphs() for n in s.get_nodes()]
    labels = [label for label in labels if label]
    assert all(label.startswith('"') and label.endswith('"') for label in labels)  # no <…> HTML
    shown = [
        html.unescape(label[1:-1].replace('\\"', '"').replace("\\\\", "\\")) for label in labels
    ]
    assert " ".join(hostile.journey.name.split()) in shown


@needs_chromium
def test_the_svg_picture_draws_names_as_text(hostile: Hostile) -> None:
    svg = export_bytes(None, hostile.data, "svg").decode("utf-8")
    assert html_problems(svg) == []
    root = ET.fromstring(svg)
    tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not tags & {"script", "foreignObject", "a", "image"}
    assert f"=1+1 {MARKER}" in "".join(root.itertext())


@needs_chromium
def test_the_deck_holds_text_runs_and_no_links(hostile: Hostile) -> None:
    deck = export_bytes(hostile.engine, hostile.data, "pptx")
    shown = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            shown += [run.text for frame in frames for p in frame.paragraphs for run in p.runs]
    assert any("<script>alert(1)</script>" in text for text in shown)
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        for part in archive.namelist():
            if part.endswith(".xml"):
                body = archive.read(part).decode("utf-8")
                ET.fromstring(body)  # well-formed: control characters were escaped
                assert "hlinkClick" not in body, part
                assert "<script" not in body, part
