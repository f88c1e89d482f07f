"""AppTest: with an attack in every user text, no page shows anything but text.

Streamlit reads Markdown (and its :colour[…] directives) in bodies, titles, captions,
alerts, toasts and in widget labels, help, radio options and expander and tab labels;
plotly reads a subset of HTML in every text of a figure. Each page is run on the
hostile workspace and everything it sends to the browser is looked at: a payload may
be there only escaped. Select box and multiselect options, widget values, code blocks
and dataframe cells are shown as plain text by Streamlit, so they may hold it as typed.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from google.protobuf.message import Message
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from journeymap.model.questionnaire import Questionnaire
from journeymap.store.engine import open_database
from journeymap.store.tables import QuestionnaireRow, VisitRow
from journeymap.ui.shell import state
from journeymap.ui.shell.navigation import PAGES
from tests.app.conftest import app, page_path
from tests.conftest import ROOT
from tests.injection_workspace import (
    JOURNEY_ID,
    USER_TEXT,
    HostileWorkspace,
    formula_like,
    hostile,
    hostile_template,
    html_problems,
    live_markdown,
    live_plotly,
    private_copy,
    survey_csv,
)

# Fields Streamlit shows as plain text, whatever they hold.
PLAIN_FIELDS = {".default", ".value", ".raw_value", ".raw_values", ".placeholder", ".code_text"}
PLAIN_OPTION_WIDGETS = {"selectbox", "multiselect", "select_slider"}


@pytest.fixture
def hostile_workspace(
    demo_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> HostileWorkspace:
    """A private copy: pages write too (call-back cases, answers, notes)."""
    template = hostile_template(demo_template, tmp_path_factory.mktemp("hostile"))
    workspace = private_copy(template, tmp_path)
    monkeypatch.setenv("JOURNEYMAP_DB_URL", workspace.url)
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(workspace.data_dir))
    monkeypatch.setenv("JOURNEYMAP_AUTHOR", "apptest")
    # No browser for pictures: the report page would start one for its diagram, and the
    # report with its diagram is checked in tests/unit/test_injection_payloads.py.
    monkeypatch.setenv("JOURNEYMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    return workspace


def _strings(message: Message, path: str = "") -> Iterator[tuple[str, str]]:
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for i, item in enumerate(values):
            where = f"{path}.{field.name}" + (f"[{i}]" if field.is_repeated else "")
            if isinstance(item, Message):
                yield from _strings(item, where)
            elif isinstance(item, str):
                yield where, item


def _markdown_texts(kind: str, where: str, text: str) -> list[str]:
    """The parts of one proto string that the browser reads as Markdown."""
    bare = where.split("[")[0]
    if bare in PLAIN_FIELDS or (kind in PLAIN_OPTION_WIDGETS and bare == ".options"):
        return []
    if kind == "dataframe" and bare == ".columns":
        config = json.loads(text) if text else {}
        return [
            str(column.get(key) or "")
            for column in (config.values() if isinstance(config, dict) else [])
            if isinstance(column, dict)
            for key in ("label", "help")
        ]
    return [text]


def leaks(at: AppTest) -> list[str]:
    """Everything on the page where a payload would be live, with where it is."""
    found = [f"exception: {e.value}" for e in at.exception]
    for node in at._tree:  # noqa: SLF001 - every element, in the sidebar and in blocks
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        kind = str(getattr(node, "type", ""))
        for where, text in _strings(proto):
            if kind == "plotly_chart" and where == ".spec":
                found += [
                    f"plotly {path}: {s[:100]!r}" for path, s in live_plotly(json.loads(text))
                ]
            elif kind == "iframe" and where == ".srcdoc":
                found += [f"iframe: {problem}" for problem in html_problems(text)]
            elif kind == "component_instance" and where == ".json_args":
                # Data for the components, which draw it as text: the canvas with
                # textContent (test_components_draw_user_text_as_text), the action
                # board (streamlit-sortables) as React text nodes.
                continue
            elif kind == "html":
                if USER_TEXT.search(text):
                    found.append(f"st.html got user text: {text[:100]!r}")
            else:
                for part in _markdown_texts(kind, where, text):
                    if live_markdown(part):
                        found.append(f"{kind}{where} {live_markdown(part)}: {part[:100]!r}")
    return found


def shown_user_text(at: AppTest) -> int:
    """How many Markdown-read texts carry the fixture's text (escaped): the check bites."""
    return sum(
        1
        for node in at._tree  # noqa: SLF001
        if isinstance(getattr(node, "proto", None), Message)
        for where, text in _strings(node.proto)
        for part in _markdown_texts(str(getattr(node, "type", "")), where, text)
        if USER_TEXT.search(part)
    )


def open_page(name: str, **query: str) -> AppTest:
    at = app()
    at.query_params["journey"] = JOURNEY_ID
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page_path(name)).run()
    return at


def assert_inert(at: AppTest) -> None:
    problems = leaks(at)
    assert not problems, "\n".join(problems[:20])


# --- every page as it opens -----------------------------------------------------------


@pytest.mark.usefixtures("hostile_workspace")
def test_every_page_shows_user_text_as_text() -> None:
    # One session for all pages: the evidence is weighed once, as when a person clicks
    # through; a page's problems are listed under its name.
    at = app()
    at.query_params["journey"] = JOURNEY_ID
    at.run()
    problems, silent = [], []
    for page in PAGES:
        at.switch_page(page_path(page.file.removesuffix(".py"))).run()
        problems += [f"{page.file}: {problem}" for problem in leaks(at)]
        if page.needs_journey and not shown_user_text(at):
            silent.append(page.file)
    assert not problems, "\n".join(problems[:30])
    assert not silent, f"these pages showed none of the journey's user text: {silent}"


# --- what a page shows after a choice -------------------------------------------------


@pytest.mark.usefixtures("hostile_workspace")
def test_the_journey_map_the_plain_graph_and_every_editor_section() -> None:
    at = open_page("journey")
    at.segmented_control(key=state.JOURNEY_VIEW).set_value("Map").run()
    assert_inert(at)
    at.toggle(key=state.COLOUR_BY_EVIDENCE).set_value(False).run()
    assert_inert(at)
    at.segmented_control(key=state.JOURNEY_VIEW).set_value("Graph").run()
    assert_inert(at)
    at.switch_page(page_path("edit")).run()
    for section in ("Journey", "Stages", "Transitions & entries"):
        at.segmented_control(key=state.EDITOR_SECTION).set_value(section).run()
        assert_inert(at)
        assert shown_user_text(at) or section == "Transitions & entries", section


@pytest.mark.usefixtures("hostile_workspace")
def test_the_walk_summary_and_its_notes() -> None:
    at = open_page("walk", **{state.WALK_STEP_QUERY_PARAM: "999"})
    assert_inert(at)
    assert "Summary of the walk" in [t.value for t in at.title]
    assert shown_user_text(at)


def test_every_screen_of_a_returned_visit(hostile_workspace: HostileWorkspace) -> None:
    visit = hostile_workspace.returned_visit
    at = open_page("visit_form", visit=str(visit), section="1")
    typed_options = 0  # a choice question's answers are typed by whoever wrote the form
    for number in range(1, _section_count(hostile_workspace.url, visit) + 2):
        at.query_params["section"] = str(number)  # the last one is the submit screen
        at.run()
        assert_inert(at)
        assert shown_user_text(at), f"section {number}"
        typed_options += sum(
            bool(USER_TEXT.search(option)) for radio in at.get("radio") for option in radio.options
        )
    assert typed_options, "no choice question showed its options"


def _section_count(url: str, visit: int) -> int:
    with open_database(url).connect() as connection:
        body = connection.scalar(
            select(QuestionnaireRow.body)
            .join(
                VisitRow,
                (VisitRow.questionnaire_id == QuestionnaireRow.id)
                & (VisitRow.questionnaire_version == QuestionnaireRow.version),
            )
            .where(VisitRow.id == visit)
        )
    return len(Questionnaire.model_validate_json(body, strict=False).sections)


def test_a_submitted_visit_with_notes_and_a_photo(hostile_workspace: HostileWorkspace) -> None:
    at = open_page("review", visit=str(hostile_workspace.photo_visit))
    assert_inert(at)
    images = at.get("image")
    assert images, "the photo is missing"
    assert any(USER_TEXT.search(text) for _, text in _strings(images[0].proto))


@pytest.mark.usefixtures("hostile_workspace")
def test_every_source_of_a_new_action() -> None:
    at = open_page("actions")
    for kind in ("walk_note", "case", "theme", "other"):
        at.radio(key=state.ACTION_SOURCE_KIND).set_value(kind).run()
        assert_inert(at)


@pytest.mark.usefixtures("hostile_workspace")
def test_the_themes_of_hostile_comments() -> None:
    at = open_page("verbatims")
    at.session_state[state.VERBATIM_TAB] = "Themes"
    at.run()
    assert_inert(at)
    assert shown_user_text(at)


@pytest.mark.usefixtures("hostile_workspace")
def test_a_survey_export_full_of_attacks() -> None:
    at = open_page("survey_import")
    at.file_uploader(key=state.VOC_SURVEY_UPLOAD).set_value(
        (_file_name(hostile("upload.name")) + ".csv", survey_csv(), "text/csv")
    ).run()
    assert_inert(at)
    assert shown_user_text(at)
    next(b for b in at.button if b.label == "Check (dry run)").click().run()
    assert_inert(at)
    assert at.metric, "the check showed no counts"


def _file_name(text: str) -> str:
    """What a browser can send as a file's name: no NUL, no folders."""
    return text.replace("\x00", "").replace("/", "")


@pytest.mark.usefixtures("hostile_workspace")
def test_a_journey_created_with_an_attack_for_a_name() -> None:
    at = open_page("new_journey")
    at.text_input(key=state.NEW_NAME).input(hostile("new.name"))
    next(b for b in at.button if b.label == "Create the journey").click().run()
    assert_inert(at)
    assert at.toast, "the new journey's toast is missing"


@pytest.mark.usefixtures("hostile_workspace")
def test_the_csv_downloads_run_nothing_in_a_spreadsheet(monkeypatch: pytest.MonkeyPatch) -> None:
    offered: dict[str, object] = {}
    original = st.download_button

    def recording(label: str, data: object = None, *args: object, **kwargs: object) -> object:
        offered[str(kwargs.get("file_name") or label)] = data
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    at = open_page("shopper_results")
    at.switch_page(page_path("callbacks")).run()
    assert not at.exception
    files = {name: data for name, data in offered.items() if name.endswith(".csv")}
    assert {"shopper-answers.csv", f"call-backs-{JOURNEY_ID}.csv"} <= set(files)
    for name, data in files.items():
        text = data.decode("utf-8") if isinstance(data, bytes) else str(data)
        cells = [value for row in csv.reader(io.StringIO(text, newline="")) for value in row]
        assert any(USER_TEXT.search(value) for value in cells), name
        runnable = [value[:60] for value in cells if formula_like(value)]
        assert not runnable, f"{name}: {runnable[:5]}"


# --- the code: raw HTML only from constants ---------------------------------------------

RAW_SINKS = {"html", "iframe"}  # st.html, st.iframe: their argument is HTML
ALLOWED_RAW = {
    # The period report: Jinja2 escapes every value; tests/unit checks it as a page.
    ("journeymap/ui/pages/period_report.py", "iframe"),
    # A constant style with the catalog's notice in it, written as a CSS string by
    # css_string (every quote, backslash, <, > and & escaped): checked below.
    ("journeymap/ui/shell/connection.py", "html"),
    # A constant template filled by html_with_numbers, and the catalog's words around the
    # count html.escape'd.
    ("journeymap/ui/widgets/shopping/visit_timer.py", "html"),
}


def test_a_translation_cannot_end_the_notice_style() -> None:
    from journeymap.ui.shell.connection import css_string

    written = css_string('"; } </style><script>alert(1)</script>')
    assert not set('"<>') & set(written)


def _ui_sources() -> list[Path]:
    return [ROOT / "streamlit_app.py", *sorted((ROOT / "journeymap" / "ui").rglob("*.py"))]


def _module_constants(tree: ast.Module) -> set[str]:
    """Upper-case names bound at module level to a literal string, or to an f-string
    made only of literals and such names."""
    found: set[str] = set()
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        value = node.value
        literal = isinstance(value, ast.Constant) or (
            isinstance(value, ast.JoinedStr)
            and all(
                isinstance(part, ast.Constant)
                or (
                    isinstance(part, ast.FormattedValue)
                    and isinstance(part.value, ast.Name)
                    and part.value.id in found
                )
                for part in value.values
            )
        )
        if literal:
            found |= {t.id for t in node.targets if isinstance(t, ast.Name) and t.id.isupper()}
    return found


def _numbers_into(argument: ast.expr | None) -> bool:
    return (
        isinstance(argument, ast.Call)
        and isinstance(argument.func, ast.Name)
        and argument.func.id == "html_with_numbers"
    )


def test_raw_html_reaches_the_page_only_from_constants() -> None:
    """No ``unsafe_allow_html``; ``st.html`` only with a constant of its module."""
    problems = []
    for path in _ui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _module_constants(tree)
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg == "unsafe_allow_html" and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    problems.append(f"{where}:{node.lineno} unsafe_allow_html")
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name not in RAW_SINKS or (where, name) in ALLOWED_RAW:
                continue
            argument = node.args[0] if node.args else None
            if _numbers_into(argument):
                # html_with_numbers(CONSTANT, …): the template is a constant, and the
                # helper refuses anything but numbers for its fields.
                argument = argument.args[0] if argument.args else None  # type: ignore[union-attr]
            if not (isinstance(argument, ast.Name) and argument.id in constants):
                problems.append(
                    f"{where}:{node.lineno} st.{name} with a value that is not a constant"
                )
    assert not problems, problems


def test_components_draw_user_text_as_text() -> None:
    """The canvas gets journey text as data: its script may empty its board, never
    write markup into the page."""
    from journeymap.ui.widgets.editor import canvas

    script = (Path(canvas.__file__).parent / "canvas_frontend" / "canvas.js").read_text()
    assigned = re.findall(r"(?:innerHTML|outerHTML)\s*=\s*([^;]+);", script)
    assert set(assigned) <= {'""'}, assigned
    assert "insertAdjacentHTML" not in script
    assert "document.write" not in script
