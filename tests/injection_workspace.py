"""The demo workspace with an attack in every field a person or a customer types.

Every text is ``<formula> hostile <field> <tag> <markdown> <extra>``: it starts like a
spreadsheet formula, is marked as an attack, names its field (so a failure says where
the text came from), and carries an HTML tag, a Markdown or Streamlit directive and, in
turn, a ``javascript:`` URL, a right-to-left override or a NUL byte. Long texts
(descriptions, comments, notes) get thousands of characters more. The ids stay as they
were, so the evidence still belongs to its touchpoints, locations and questions.

The checks at the end say what "inert" means for each kind of output.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from html.parser import HTMLParser
from itertools import count
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import Engine, bindparam, select, update

from journeymap.model import Journey
from journeymap.model.actions import ActionFields
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.actions import create_action, set_status
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.photos import add_photo, photos_folder
from journeymap.store.tables import (
    AnswerRow,
    DetractorCaseRow,
    LocationRow,
    QuestionnaireRow,
    ResponseRow,
    ShopperRow,
    VisitRow,
)
from journeymap.store.visit_workflow import change_status, return_visit
from journeymap.store.walk_notes import NOTE_KINDS, add_note

FORMULAS = (
    '=HYPERLINK("http://evil.example","x")',
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
)
TAGS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    "<br>" * 12,
)
MARKDOWN = ("[click](javascript:alert(1))", "**bold**", ":red[x]")
EXTRAS = ("javascript:alert(1)", "\u202egnp.exe", "nul\x00byte", "")
LONG = " ".join(["long"] * 700)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MARKER = "hostile"  # in every attack, so that a check can tell it saw one
JOURNEY_ID = "bank-advisory"  # the journey the pages are opened on

_counter = count()


def _start_over() -> None:
    """The same attacks in the same fields on every run, whichever tests ran before."""
    global _counter  # noqa: PLW0603 - one sequence for the whole module, on purpose
    _counter = count()


def hostile(where: str, *, long: bool = False) -> str:
    """The next attack for the field ``where``; successive calls rotate every part."""
    i = next(_counter)
    text = (
        f"{FORMULAS[i % len(FORMULAS)]} {MARKER} {where} {TAGS[i % len(TAGS)]} "
        f"{MARKDOWN[i % len(MARKDOWN)]} {EXTRAS[i % len(EXTRAS)]}"
    )
    return f"{text} {LONG}" if long else text


def _hostile_journey(journey: Journey) -> Journey:
    channels = {tp.channel: hostile(f"{journey.id}.channel") for tp in journey.touchpoints}
    stages = [
        s.model_copy(update={"name": hostile("stage.name"), "description": hostile("stage.desc")})
        for s in journey.stages
    ]
    touchpoints = [
        tp.model_copy(
            update={
                "name": hostile(f"tp.{tp.id}.name"),
                "channel": channels[tp.channel],
                "owner": hostile("tp.owner"),
                "description": hostile("tp.description", long=True),
                "promise": hostile("tp.promise"),
                "does": hostile("tp.does"),
                "thinks": hostile("tp.thinks"),
                "pain_points": [hostile("tp.pain"), hostile("tp.pain")],
                "opportunities": [hostile("tp.opportunity")],
                "backstage": hostile("tp.backstage"),
            }
        )
        for tp in journey.touchpoints
    ]
    transitions = [
        t.model_copy(update={"label": hostile("transition.label")}) for t in journey.transitions
    ]
    metrics = [
        m.model_copy(update={"name": hostile("metric.name"), "unit": hostile("metric.unit")})
        for m in journey.metrics
    ]
    return journey.model_copy(
        update={
            "name": hostile(f"{journey.id}.name"),
            "description": hostile("journey.description", long=True),
            "persona": hostile("journey.persona"),
            "segment": hostile("journey.segment"),
            "stages": stages,
            "touchpoints": touchpoints,
            "transitions": transitions,
            "metrics": metrics,
        }
    )


def _journeys(engine: Engine) -> None:
    repository = JourneyRepository(engine)
    for summary in repository.list():
        stored = repository.get(summary.id)
        assert stored is not None
        repository.save(
            _hostile_journey(stored.journey),
            author=hostile("revision.author"),
            base_revision=stored.revision,
            note=hostile("revision.note"),
        )


@dataclass
class _Renamed:
    """Old → new option labels per (questionnaire, question): answers hold the label."""

    labels: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


def _hostile_questionnaire(questionnaire: Questionnaire, renamed: _Renamed) -> Questionnaire:
    data = questionnaire.model_dump(mode="json")
    data["name"] = hostile("questionnaire.name")
    data["description"] = hostile("questionnaire.description")
    for section in data["sections"]:
        section["title"] = hostile("section.title")
        for question in section["questions"]:
            question["text"] = hostile(f"question.{question['id']}.text")
            question["help"] = hostile("question.help")
            if question.get("unit"):
                question["unit"] = hostile("question.unit")
            labels = renamed.labels.setdefault((questionnaire.id, question["id"]), {})
            for option in question.get("options") or []:
                new = labels.setdefault(option["label"], hostile("option.label"))
                option["label"] = new
    for section in data["sections"]:
        for question in section["questions"]:
            condition = question.get("show_if")
            if condition and isinstance(condition["equals"], str):
                names = renamed.labels.get((questionnaire.id, condition["question"]), {})
                condition["equals"] = names.get(condition["equals"], condition["equals"])
    return Questionnaire.model_validate(data)


def _questionnaires(engine: Engine) -> _Renamed:
    renamed = _Renamed()
    with engine.begin() as connection:
        rows = connection.execute(
            select(QuestionnaireRow.id, QuestionnaireRow.version, QuestionnaireRow.body)
        ).all()
        for row in rows:
            before = Questionnaire.model_validate_json(row.body, strict=False)
            after = _hostile_questionnaire(before, renamed)
            connection.execute(
                update(QuestionnaireRow)
                .where(QuestionnaireRow.id == row.id, QuestionnaireRow.version == row.version)
                .values(
                    name=after.name,
                    body=json.dumps(after.model_dump(mode="json"), ensure_ascii=False),
                )
            )
    return renamed


def _answers(engine: Engine, renamed: _Renamed) -> None:
    text_questions: set[tuple[str, str]] = set()
    with engine.connect() as connection:
        for body in connection.scalars(select(QuestionnaireRow.body)):
            questionnaire = Questionnaire.model_validate_json(body, strict=False)
            text_questions |= {
                (questionnaire.id, q.id) for q in questionnaire.questions() if q.type == "text"
            }
    with engine.begin() as connection:
        rows = connection.execute(
            select(AnswerRow.visit_id, AnswerRow.question_id, AnswerRow.value, AnswerRow.comment)
            .join(VisitRow, VisitRow.id == AnswerRow.visit_id)
            .add_columns(VisitRow.questionnaire_id)
        ).all()
        changes = []
        for row in rows:
            key = (row.questionnaire_id, row.question_id)
            value = json.loads(row.value)
            if isinstance(value, str) and key in renamed.labels:
                value = renamed.labels[key].get(value, value)
            if key in text_questions:
                value = hostile("answer.text", long=True)
            changes.append(
                {
                    "v": row.visit_id,
                    "q": row.question_id,
                    "value": json.dumps(value, ensure_ascii=False),
                    "comment": hostile("answer.comment", long=True) if row.comment else "",
                }
            )
        table = AnswerRow.__table__
        connection.execute(
            update(table)
            .where(table.c.visit_id == bindparam("v"), table.c.question_id == bindparam("q"))
            .values(value=bindparam("value"), comment=bindparam("comment")),
            changes,
        )


def _programme(engine: Engine) -> None:
    with engine.begin() as connection:
        for location in connection.scalars(select(LocationRow.id)).all():
            connection.execute(
                update(LocationRow)
                .where(LocationRow.id == location)
                .values(name=hostile("location.name"), region=hostile("location.region"))
            )
        for shopper in connection.scalars(select(ShopperRow.id)).all():
            connection.execute(
                update(ShopperRow).where(ShopperRow.id == shopper).values(name=hostile("shopper"))
            )
        for visit in connection.scalars(select(VisitRow.id)).all():
            connection.execute(
                update(VisitRow)
                .where(VisitRow.id == visit)
                .values(scenario=hostile("visit.scenario", long=True))
            )


def _responses(engine: Engine) -> None:
    with engine.begin() as connection:
        rows = connection.execute(
            select(
                ResponseRow.id,
                ResponseRow.comment,
                ResponseRow.segment,
                ResponseRow.location,
                ResponseRow.contact,
            )
        ).all()
        segments = {
            s: hostile("response.segment") for s in sorted({r.segment for r in rows} - {""})
        }
        # One location that matches none of the stored ones: imports keep what the file says.
        stray = hostile("response.location")
        changes = [
            {
                "rid": row.id,
                "comment": hostile("response.comment", long=i % 50 == 0) if row.comment else "",
                "segment": segments.get(row.segment, ""),
                "location": stray if row.location and i % 20 == 0 else row.location,
                "contact": hostile("response.contact") if row.contact else "",
                "source": hostile("response.source"),
            }
            for i, row in enumerate(rows)
        ]
        table = ResponseRow.__table__
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("rid"))
            .values({name: bindparam(name) for name in changes[0] if name != "rid"}),
            changes,
        )
        for case in connection.scalars(select(DetractorCaseRow.id)).all():
            connection.execute(
                update(DetractorCaseRow)
                .where(DetractorCaseRow.id == case)
                .values(
                    owner=hostile("case.owner"),
                    notes=hostile("case.notes", long=True),
                    root_cause=hostile("case.root_cause") if case % 3 == 0 else "",
                )
            )


def _walk_notes(engine: Engine, journey: Journey) -> list[int]:
    notes = []
    for i, tp in enumerate(journey.touchpoints):
        note = add_note(
            engine,
            journey.id,
            tp.id,
            NOTE_KINDS[i % len(NOTE_KINDS)],
            hostile("walk.note"),
            actor=hostile("walk.author"),
        )
        notes.append(note.id)
    return notes


def _actions(engine: Engine, journey: Journey, note: int) -> None:
    ids = [t.id for t in journey.touchpoints]
    sources = (("walk_note", str(note)), ("sand", ids[0]), ("case", "1"), ("other", ""))
    created = []
    for i, (kind, ref) in enumerate(sources * 2):
        action = create_action(
            engine,
            journey.id,
            ActionFields(
                title=hostile("action.title")[:200],
                description=hostile("action.description", long=True),
                touchpoints=(ids[i % len(ids)], ids[(i + 1) % len(ids)]),
                source_kind=kind,
                source_ref=ref,
                source_text=hostile("action.source_text"),
                owner=hostile("action.owner"),
                impact=1 + i % 5,
                effort=1 + (i * 2) % 5,
                due_on=date.today() - timedelta(days=30) if i % 2 else None,
            ),
            actor=hostile("action.author"),
            touchpoint_ids=ids,
        )
        created.append(action)
    today = date.today()
    # The hostile ones only: the demo's own actions are already done or under way.
    for action in created[:4]:
        version = action.version
        for status in ("approved", "in_progress", "done"):
            done_on = today - timedelta(days=60) if status == "done" else None
            version = set_status(
                engine,
                action.id,
                status,
                actor=hostile("action.author"),
                expected_version=version,
                done_on=done_on,
            ).version


def _review_and_photo(engine: Engine, data_dir: Path) -> tuple[int, int]:
    """Two submitted visits sent back with reviewer notes: the first stays returned (the
    shopper's form shows the notes), the second gets a photo and is submitted again (the
    review shows it with its file name)."""
    with engine.connect() as connection:
        visits = connection.execute(
            select(VisitRow.id, VisitRow.questionnaire_id)
            .join(QuestionnaireRow, QuestionnaireRow.id == VisitRow.questionnaire_id)
            .where(QuestionnaireRow.journey_id == JOURNEY_ID, VisitRow.status == "submitted")
            .order_by(VisitRow.id)
        ).all()
        body = connection.scalar(
            select(QuestionnaireRow.body).where(QuestionnaireRow.id == visits[0].questionnaire_id)
        )
    questions = Questionnaire.model_validate_json(body, strict=False).questions()
    (returned, _), (photographed, _) = visits[0], visits[1]
    for visit in (returned, photographed):
        notes = {q.id: hostile("review.note") for q in questions[:3]}
        return_visit(engine, visit, notes, actor=hostile("review.reviewer"))
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(picture, format="PNG")
    add_photo(
        engine,
        photos_folder(data_dir),
        photographed,
        questions[0].id,
        data=picture.getvalue(),
        extension="png",
        content_type="image/png",
        width=4,
        height=4,
        original_name=hostile("photo.name"),
        actor=hostile("review.reviewer"),
    )
    change_status(engine, photographed, "submitted", actor=hostile("review.reviewer"))
    return returned, photographed


@dataclass(frozen=True)
class HostileWorkspace:
    url: str
    data_dir: Path
    returned_visit: int  # with open reviewer notes
    photo_visit: int  # submitted, with a photo


_built: dict[Path, HostileWorkspace] = {}


def hostile_template(demo_template: Path, folder: Path) -> HostileWorkspace:
    """The hostile workspace, built once per test session from the demo's file in
    ``folder``: both test tiers read it; each copies the file before writing to it."""
    if demo_template not in _built:
        path = folder / "hostile.db"
        shutil.copyfile(demo_template, path)
        url = f"sqlite:///{path}"
        engine = open_database(url)
        _built[demo_template] = poison(engine, url, folder / "data")
        engine.dispose()
    return _built[demo_template]


def private_copy(workspace: HostileWorkspace, folder: Path) -> HostileWorkspace:
    target = folder / "hostile.db"
    shutil.copyfile(workspace.url.removeprefix("sqlite:///"), target)
    return replace(workspace, url=f"sqlite:///{target}")


def poison(engine: Engine, url: str, data_dir: Path) -> HostileWorkspace:
    """Put an attack in every user text of the demo workspace in ``engine``."""
    _start_over()
    _journeys(engine)
    renamed = _questionnaires(engine)
    _answers(engine, renamed)
    _programme(engine)
    _responses(engine)
    stored = JourneyRepository(engine).get(JOURNEY_ID)
    assert stored is not None
    notes = _walk_notes(engine, stored.journey)
    _actions(engine, stored.journey, notes[0])
    returned, photographed = _review_and_photo(engine, data_dir)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return HostileWorkspace(url, data_dir, returned, photographed)


def survey_csv() -> bytes:
    """A survey export whose headers and answers are attacks (for the import page).

    Two rows name a touchpoint the journey lacks and two have no usable score (few
    enough for the score column still to be recognised), so the import's warnings and
    its table of rejected rows carry the attacks too.
    """
    _start_over()
    headers = ["Date", hostile("csv.score_header"), "Touchpoint", hostile("csv.comment"),
               hostile("csv.segment")]  # fmt: skip
    rows = []
    for i in range(24):
        touchpoint = hostile("csv.touchpoint") if i in (3, 7) else "book-online"
        score = hostile("csv.score") if i in (5, 9) else str(i % 11)
        rows.append(
            [
                f"2026-0{1 + i % 9}-1{i % 9}",
                score,
                touchpoint,
                hostile("csv.cell"),
                hostile("csv.cell"),
            ]
        )
    lines = [",".join(_csv_field(v) for v in row) for row in [headers, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _csv_field(value: str) -> str:
    return '"' + value.replace("\x00", "").replace('"', '""') + '"'


# --- what "inert" means -------------------------------------------------------------

# Raw in a Markdown body, each of these is live: a tag, a link, bold, a colour directive.
LIVE_MARKDOWN = (
    "<script",
    "<img",
    "<svg",
    "<a href",
    "<br><br>",
    "](javascript:",
    "**bold**",
    ":red[x]",
)
# Plotly renders a subset of HTML in text, hovers, names, titles and tick labels.
LIVE_PLOTLY = re.compile(r"<\s*(?:script|img|svg|a\s)|(?:<br>\s*){3,}", re.IGNORECASE)
# Marks a text that came from the fixture: a word that every escaping leaves alone.
USER_TEXT = re.compile(rf"\b{MARKER}\b")


def live_markdown(text: str) -> list[str]:
    """The payload fragments that a Markdown renderer would make live in ``text``.

    A backslash makes the character after it literal, so escaped pairs are blanked
    before looking (``\\<img`` is text, ``\\\\<img`` a backslash and a live tag).
    """
    bare = re.sub(r"\\.", "\x01", text, flags=re.DOTALL)
    return [fragment for fragment in LIVE_MARKDOWN if fragment in bare]


def plotly_strings(node: Any, path: str = "") -> list[tuple[str, str]]:
    """Every string in a figure's JSON with where it is, e.g. ``data[0].hovertext[3]``."""
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        return [pair for k, v in node.items() for pair in plotly_strings(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [pair for i, v in enumerate(node) for pair in plotly_strings(v, f"{path}[{i}]")]
    return []


def live_plotly(figure_json: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (where, text) for where, text in plotly_strings(figure_json) if LIVE_PLOTLY.search(text)
    ]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


FORBIDDEN_TAGS = {"script", "img", "iframe", "object", "embed", "a", "link", "base", "form"}
EXTERNAL = re.compile(r"^\s*(?:https?:)?//|url\(\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)


def html_problems(page: str) -> list[str]:
    """Live tags, event handlers, script URLs and external resources in an HTML page.

    The report inlines one SVG (the diagram), so ``svg`` is not forbidden as a tag;
    an injected one would bring its ``onload`` and be caught there.
    """
    parser = _Tags()
    parser.feed(page)
    problems = []
    for tag, attrs in parser.tags:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> tag")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…> event handler")
            if value and "javascript:" in value.lower():
                problems.append(f"<{tag} {name}={value!r}> script URL")
            if value and name in ("href", "src", "xlink:href", "action") and EXTERNAL.search(value):
                problems.append(f"<{tag} {name}={value!r}> external resource")
            if value and name == "style" and EXTERNAL.search(value):
                problems.append(f"<{tag} style=…> external resource")
    styles = re.findall(r"<style[^>]*>(.*?)</style>", page, re.DOTALL | re.IGNORECASE)
    problems += [
        "external resource in a stylesheet"
        for css in styles
        if re.search(r"@import|url\(\s*['\"]?\s*(?:https?:)?//", css)
    ]
    return problems


def shown_text(page: str) -> str:
    """The text an HTML page shows (entities decoded), to find the payloads as text."""
    parser = _Tags()
    parser.feed(page)
    return "".join(parser.text)


def formula_like(value: object) -> bool:
    """True for text a spreadsheet would run: a formula sign first, and not a number."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False
