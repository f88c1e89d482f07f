"""Which source (the survey or form) an export comes from: named, written, or recognised.

A response is known within its source, so the source must be the same for every file
of one survey — last month's download, this month's with one question more, the same
answers saved as XLSX — and different for two forms whose ids both start at 1. In
order of trust:

1. the name a person gives (``--source NAME``, the page's field);
2. the survey's title where the tool writes it into the export's name (Google Forms'
   "Title (Responses)", Microsoft Forms' "Title(1-120)", Qualtrics'
   "Title_March 3, 2026_10.15"), when the journey already has a source of that name;
3. the question set: a source of the journey whose questions the file shares almost
   all of (one of them may be a subset of the other, as after a question is added);
4. otherwise a new source, named after the title or the file.

Merging two forms by mistake shows: their ids collide with other answers and are
reported as conflicts, with the fix (name the source). Splitting one survey in two
would not: its answers would be counted twice. So a recognised question set wins over
a title no source has yet, and a title only picks among sources by its exact name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from journeymap.i18n import _
from journeymap.io.survey_import.columns import fold

BEFORE_BATCHES = "before batches"
MIN_SHARED = 0.8  # of the smaller question set
MIN_OVERLAP = 0.5  # shared ÷ all questions of both (Jaccard)
NAME_LIMIT = 200
TOOL_TITLES = {
    "qualtrics": "Qualtrics",
    "surveymonkey": "SurveyMonkey",
    "google-forms": "Google Forms",
    "microsoft-forms": "Microsoft Forms",
    "typeform": "Typeform",
}
# The Sheet of a Google Form is called "Title (Responses)" in the form's language.
# Downloaded from the Sheet as CSV, the tab's name follows: "Title (Responses) - Form
# Responses 1".
_GOOGLE = re.compile(
    r"^(?P<title>.+?)\s*\((?:responses|svar|svar på skjema|antworten|respuestas|"
    r"réponses|reponses|reacties|antwoorden|risposte|respostas|vastaukset)\)(?:\s+-\s+.+)?$",
    re.IGNORECASE,
)
_MICROSOFT = re.compile(r"^(?P<title>.+?)\s*\(\d+\s*-\s*\d+\)$")
_QUALTRICS = re.compile(
    r"^(?P<title>.+?)_(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December) \d{1,2}, \d{4}_\d{1,2}\.\d{2}$"
)
_COPY = re.compile(r"\s*\(\d{1,3}\)$")  # "export (2).csv", as a browser saves a second copy


@dataclass(frozen=True)
class FileOrigin:
    """What an export says about where it comes from."""

    tool: str  # the format's name, "microsoft-forms" where its file name says so
    title: str | None  # the survey's title, where the tool writes it into the name
    stem: str  # the file name without suffix and copy number
    questions: tuple[str, ...]  # folded headers, in the file's order


@dataclass(frozen=True)
class KnownSource:
    id: int
    name: str
    tool: str
    questions: frozenset[str]
    key_questions: tuple[str, ...]
    title: str = ""  # the title the tool wrote into its first file's name, if any


@dataclass(frozen=True)
class SourceChoice:
    """The source a file is imported under, and why."""

    name: str
    tool: str
    existing: int | None  # the source's id when the journey has it already
    how: str  # a phrase for the report: "named with --source", "same questions as …"
    questions: tuple[str, ...]  # all questions, the source's and the file's
    key_questions: tuple[str, ...]  # whose answers tell responses without an id apart
    missing: tuple[str, ...] = field(default=())  # key questions the file lacks
    title: str = ""  # the tool-written title of a new source's file


def questions_of(columns: list[str]) -> tuple[str, ...]:
    """Folded headers, each once, in the file's order."""
    return tuple(dict.fromkeys(fold(c) for c in columns if fold(c)))


def file_origin(file_name: str, tool: str, columns: list[str]) -> FileOrigin:
    stem = _COPY.sub("", Path(file_name).stem).strip() or Path(file_name).stem
    title, detected = None, tool
    if tool == "google-forms" and (match := _GOOGLE.match(stem)):
        title = match.group("title")
    elif tool == "qualtrics" and (match := _QUALTRICS.match(stem)):
        title = match.group("title")
    elif tool == "generic" and (match := _MICROSOFT.match(stem)) and _has_forms_columns(columns):
        title, detected = match.group("title"), "microsoft-forms"
    return FileOrigin(detected, title and title.strip(), stem, questions_of(columns))


def _has_forms_columns(columns: list[str]) -> bool:
    folded = {fold(c) for c in columns}
    return {"id", "start time", "completion time"} <= folded


def tool_title(tool: str) -> str:
    return TOOL_TITLES.get(tool, "Survey")


def choose_source(
    known: list[KnownSource], origin: FileOrigin, given: str | None = None
) -> SourceChoice:
    """The source to import ``origin``'s file under (see the module's order of trust)."""
    given = " ".join((given or "").split())[:NAME_LIMIT]
    by_name = {source.name.casefold(): source for source in known}
    titled = f"{tool_title(origin.tool)}: {origin.title}"[:NAME_LIMIT] if origin.title else None
    if given:
        found = by_name.get(given.casefold())
        return _choice(origin, found, given, _("named with the source option"))
    if titled and (found := by_name.get(titled.casefold())) is not None:
        return _choice(origin, found, titled, _("named in the export"))
    match = best_match(known, origin)
    if match is not None:
        how = _("the same questions as '{source}'").format(source=match.name)
        return _choice(origin, match, match.name, how)
    name = titled or f"{tool_title(origin.tool)}: {origin.stem}"[:NAME_LIMIT]
    name = _free_name(name, set(by_name))
    how = _("a new source, named in the export") if titled else _("a new source")
    return _choice(origin, None, name, how)


def best_match(known: list[KnownSource], origin: FileOrigin) -> KnownSource | None:
    """The source sharing almost all questions with the file (see MIN_SHARED, MIN_OVERLAP);
    the closest, then one of the same tool, then the newest. Two titles the tool wrote
    that differ are two surveys, however alike their questions (one form copied for
    another branch)."""
    questions = set(origin.questions)
    ranked = []
    for source in known:
        if source.name == BEFORE_BATCHES or not source.questions:
            continue
        if origin.title and source.title and origin.title.casefold() != source.title.casefold():
            continue
        shared = len(questions & source.questions)
        smaller = min(len(questions), len(source.questions))
        overlap = shared / len(questions | source.questions)
        if shared >= 2 and shared >= MIN_SHARED * smaller and overlap >= MIN_OVERLAP:
            ranked.append((overlap, source.tool == origin.tool, source.id, source))
    return max(ranked, key=lambda r: r[:3])[3] if ranked else None


def _choice(origin: FileOrigin, found: KnownSource | None, name: str, how: str) -> SourceChoice:
    if found is None:
        return SourceChoice(
            name,
            origin.tool,
            None,
            how,
            origin.questions,
            origin.questions,
            title=origin.title or "",
        )
    # The first file's questions stay the key: stored responses were told apart by them.
    keys = found.key_questions or origin.questions
    missing = tuple(q for q in keys if q not in set(origin.questions))
    union = tuple(dict.fromkeys([*sorted(found.questions), *origin.questions]))
    return SourceChoice(found.name, found.tool, found.id, how, union, keys, missing)


def _free_name(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{name[: NAME_LIMIT - 6]} ({n})"
    return candidate
