"""Which survey tool wrote an export, read from its header rows.

The tools differ in what comes before the data: Qualtrics writes three header rows
(column ids such as ``Q5``, then the question text, then ``{"ImportId": …}``),
SurveyMonkey two (the question, then the answer option or "Response"), Google Forms and
Typeform one. Knowing the tool tells how many rows to skip, where the question text is
(the recommend question is found by its wording) and which columns hold the response id
and the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

QUALTRICS_MARKERS = {"responseid", "startdate", "enddate", "recordeddate"}
SURVEYMONKEY_MARKERS = {"respondent id", "collector id"}
GOOGLE_TIMESTAMPS = {"timestamp", "tidsstempel", "tidsmerke", "tidsstämpel", "zeitstempel"}
TYPEFORM_DATE = "submit date (utc)"
SURVEYMONKEY_PLAIN = {"response", "open-ended response", ""}
_NPS_GROUP = re.compile(r"^(?P<question>.+)_NPS_GROUP$", re.IGNORECASE)


@dataclass(frozen=True)
class SurveyFormat:
    """A tool's layout: column keys, question text per key, and rows before the data."""

    name: str  # "qualtrics", "surveymonkey", "google-forms", "typeform", "generic"
    header_rows: int
    columns: list[str]
    labels: dict[str, str] = field(default_factory=dict)
    id_column: str | None = None
    date_column: str | None = None
    score_hint: str | None = None  # the Qn whose Qn_NPS_GROUP Qualtrics wrote
    excluded: frozenset[str] = frozenset()  # derived columns never to read as a score

    @property
    def title(self) -> str:
        return {
            "qualtrics": "Qualtrics",
            "surveymonkey": "SurveyMonkey",
            "google-forms": "Google Forms",
            "typeform": "Typeform",
        }.get(self.name, "generic CSV")


def unique_names(names: list[str]) -> list[str]:
    """Blank or repeated headers get a suffix, so that every column has its own key."""
    seen: dict[str, int] = {}
    out = []
    for i, raw in enumerate(names):
        name = raw.strip() or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _lower(cells: list[str]) -> set[str]:
    return {c.strip().lower() for c in cells}


def detect_format(rows: list[list[str]]) -> SurveyFormat:
    """The format of a file from its first rows (at least the header rows)."""
    if not rows:
        return SurveyFormat("generic", 1, [])
    first = [c.strip() for c in rows[0]]
    lowered = _lower(first)
    if len(QUALTRICS_MARKERS & lowered) >= 2 and len(rows) >= 3:
        return _qualtrics(first, rows[1], rows[2])
    if SURVEYMONKEY_MARKERS <= lowered and len(rows) >= 2:
        return _surveymonkey(first, rows[1])
    columns = unique_names(first)
    if first and first[0].lower() in GOOGLE_TIMESTAMPS:
        return SurveyFormat("google-forms", 1, columns, date_column=columns[0])
    if first and first[0] == "#" and TYPEFORM_DATE in lowered:
        date = next(c for c in columns if c.lower() == TYPEFORM_DATE)
        return SurveyFormat("typeform", 1, columns, id_column=columns[0], date_column=date)
    return SurveyFormat("generic", 1, columns)


def _qualtrics(keys: list[str], questions: list[str], import_ids: list[str]) -> SurveyFormat:
    columns = unique_names(keys)
    # The third row is JSON ({"ImportId": …}) in new exports; old ones repeat the text.
    has_third = any(c.strip().startswith("{") for c in import_ids)
    labels = {c: q.strip() for c, q in zip(columns, questions, strict=False) if q.strip()}
    groups = [m.group("question") for c in columns if (m := _NPS_GROUP.match(c))]
    hint = next((g for g in groups if g in columns), None)
    lowered = {c.lower(): c for c in columns}
    return SurveyFormat(
        "qualtrics",
        3 if has_third else 2,
        columns,
        labels,
        id_column=lowered.get("responseid"),
        date_column=lowered.get("recordeddate") or lowered.get("enddate"),
        score_hint=hint,
        excluded=frozenset(c for c in columns if _NPS_GROUP.match(c)),
    )


def _surveymonkey(questions: list[str], options: list[str]) -> SurveyFormat:
    """The question sits above its first option only; the options fill the columns after."""
    names, labels = [], {}
    current = ""
    for i, question in enumerate(questions):
        question = question.strip()
        current = question or current
        option = options[i].strip() if i < len(options) else ""
        if option.lower() in SURVEYMONKEY_PLAIN or not current:
            names.append(current or option)
        else:
            names.append(f"{current} - {option}")
        labels[str(i)] = current
    columns = unique_names(names)
    labels = {columns[int(i)]: text for i, text in labels.items() if text}
    lowered = {c.lower(): c for c in columns}
    return SurveyFormat(
        "surveymonkey",
        2,
        columns,
        labels,
        id_column=lowered.get("respondent id"),
        date_column=lowered.get("end date") or lowered.get("start date"),
    )
