"""Mermaid exports: the text parses by Mermaid's grammar rules and keeps every name."""

from __future__ import annotations

import html
import re

import pytest

from journeymap.analytics.flow import compute_flow
from journeymap.io.export.data import ExportData
from journeymap.io.export.mermaid import mermaid_flowchart, mermaid_journey
from journeymap.io.export.mermaid_text import (
    ACTOR_LOOK_ALIKES,
    TITLE_LOOK_ALIKES,
    ZERO_WIDTH_SPACE,
    flowchart_label,
    journey_name,
)
from journeymap.io.journey_files import read_journey_file
from tests.conftest import EXAMPLE_JOURNEY_FILES
from tests.export_helpers import names_data, names_journey

# The journey grammar's lexer (mermaid user-journey/parser/journey.jison): a statement
# is a title, a section, or a task name followed by ':' data; none may hold # or ;.
TITLE = re.compile(r"^title\s[^#\n;]+$")
SECTION = re.compile(r"^section\s[^#:\n;]+$")
TASK = re.compile(r"^(?P<name>[^#:\n;]+):\s*(?P<score>\d+)\s*:(?P<actors>[^#\n;:]+)$")
KEYWORD_START = re.compile(r"(?i)^(journey|title|section|acctitle|accdescr)|^%%")
UNDO = {v: k for k, v in (TITLE_LOOK_ALIKES | ACTOR_LOOK_ALIKES).items()}


def restored(text: str) -> str:
    text = text.removeprefix(ZERO_WIDTH_SPACE).replace("\uff05", "%")
    return "".join(UNDO.get(c, c) for c in text)


def parse_journey(text: str) -> tuple[str, list[tuple[str, list[tuple[str, int, list[str]]]]]]:
    """(title, [(section, [(task, score, actors)])]) or an AssertionError naming the line."""
    lines = text.splitlines()
    assert lines[0] == "journey"
    title, sections = "", []
    for line in lines[1:]:
        statement = line.strip()
        if not statement:
            continue
        if TITLE.match(statement):
            title = statement[len("title ") :]
        elif SECTION.match(statement):
            sections.append((statement[len("section ") :], []))
        else:
            task = TASK.match(statement)
            assert task, f"not a journey statement: {statement!r}"
            assert not KEYWORD_START.match(statement), f"read as a keyword: {statement!r}"
            actors = [a.strip() for a in task["actors"].split(",")]
            sections[-1][1].append((task["name"].strip(), int(task["score"]), actors))
    return title, sections


@pytest.mark.parametrize("path", EXAMPLE_JOURNEY_FILES, ids=lambda p: p.stem)
def test_journey_sections_are_stages_and_tasks_the_main_path(path) -> None:
    journey = read_journey_file(path).journey
    flow = compute_flow(journey)
    title, sections = parse_journey(mermaid_journey(ExportData(journey, flow)))
    assert restored(title) == journey.name
    tasks = [task for _, section in sections for task in section]
    assert [restored(name) for name, _, _ in tasks] == [
        journey.touchpoint(tp).name for tp in flow.main_path
    ]
    stage_names = {s.id: s.name for s in journey.stages}
    expected_sections = []
    for tp in flow.main_path:
        stage = stage_names[journey.touchpoint(tp).stage]
        if not expected_sections or expected_sections[-1] != stage:
            expected_sections.append(stage)
    assert [restored(name) for name, _ in sections] == expected_sections
    for tp_id, (_, score, actors) in zip(flow.main_path, tasks, strict=True):
        assert 1 <= score <= 5
        assert actors == [journey.touchpoint(tp_id).channel]


def test_journey_scores_follow_the_planned_emotion_without_evidence() -> None:
    data = names_data()
    _, sections = parse_journey(mermaid_journey(data))
    scores = {restored(name): score for _, tasks in sections for name, score, _ in tasks}
    for tp in data.journey.touchpoints:
        if tp.name in scores:
            assert scores[tp.name] == (tp.feels + 3 if tp.feels is not None else 3)


def test_tricky_names_parse_and_survive_in_the_journey_diagram() -> None:
    data = names_data()
    text = mermaid_journey(data)
    title, sections = parse_journey(text)
    assert restored(title) == data.journey.name
    names = [restored(name) for _, tasks in sections for name, _, _ in tasks]
    assert names == [data.journey.touchpoint(tp).name for tp in data.flow.main_path]
    assert [restored(a) for _, tasks in sections for _, _, (a,) in tasks][0] == "web: portal"
    assert "<b>now</b>" in text  # journey text is SVG text: tags stay text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Section 3: pay", ZERO_WIDTH_SPACE + "Section 3\ua789 pay"),
        ("title page", ZERO_WIDTH_SPACE + "title page"),
        ("%% off", "\uff05% off"),
        ("a;b#c", "a\u037eb\uff03c"),
        ("two\nlines", "two lines"),
        ("   ", "?"),
        ("Æble 🙂", "Æble 🙂"),
    ],
)
def test_journey_names(name: str, expected: str) -> None:
    assert journey_name(name) == expected


LABEL = re.compile(r'"([^"]*)"')
NODE = re.compile(r"^\s+(t\d+)(\(\"|\{\{\")")
EDGE = re.compile(r"^\s+(t\d+) (-->|==>|-\.->)\|\"[^\"]*\"\| (t\d+)$")


def test_flowchart_has_a_node_per_touchpoint_and_an_edge_per_transition() -> None:
    for path in EXAMPLE_JOURNEY_FILES:
        journey = read_journey_file(path).journey
        text = mermaid_flowchart(ExportData(journey, compute_flow(journey)))
        lines = text.splitlines()
        assert lines[0] == "flowchart LR"
        nodes = [m[1] for line in lines if (m := NODE.match(line))]
        edges = [m for line in lines if (m := EDGE.match(line))]
        assert len(nodes) == len(set(nodes)) == len(journey.touchpoints)
        assert len(edges) == len(journey.transitions)
        assert sum(line.strip().startswith("subgraph") for line in lines) == len(journey.stages)
        assert lines.count("    end") == len(journey.stages)


def test_flowchart_colours_nodes_by_health() -> None:
    data = names_data()
    text = mermaid_flowchart(data)
    assert "classDef no_data fill:#9aa5b1" in text
    assert re.search(r"^    class t1,t2,t3 no_data$", text, re.M)


def test_tricky_names_survive_in_the_flowchart() -> None:
    journey = names_journey()
    text = mermaid_flowchart(names_data())
    labels = [html.unescape(label) for line in text.splitlines() for label in LABEL.findall(line)]
    for name in [s.name for s in journey.stages] + [t.name for t in journey.touchpoints]:
        assert " ".join(name.split()) in labels
    for line in text.splitlines():
        for label in LABEL.findall(line):
            assert "<" not in label, line  # no live HTML
            assert "#" not in label, line  # no #entity; for Mermaid to mangle


def test_flowchart_label_escapes() -> None:
    assert flowchart_label('a "b" <i> & #1 `x`') == (
        "a &quot;b&quot; &lt;i&gt; &amp; &num;1 &grave;x&grave;"
    )
