"""Which survey tool wrote an export, read from its header rows.

The tools differ in what comes before the data: Qualtrics writes three header rows
(column ids such as ``Q5``, then the question text, then ``{"ImportId": …}``),
SurveyMonkey two (the question, then the answer option or "Response"), Google Forms and
Typeform one. Knowing the tool tells how many rows to skip, where the question text is
(the recommend question is found by its wording) and which columns hold the response id
and the date.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

QUALTRICS_MARKERS = {"responseid", "startdate", "enddate", "recordeddate"}
SURVEYMONKEY_MARKERS = {"respondent id", "collector id"}
# The first column of a Google Forms export, in the language of the form's owner.
GOOGLE_TIMESTAMPS = {
    "timestamp",
    "tidsstempel",  # Danish
    "tidsmerke",  # Norwegian
    "tidsstämpel",  # Swedish
    "tidstämpel",
    "zeitstempel",  # German
    "marca temporal",  # Spanish
    "horodateur",  # French
    "tijdstempel",  # Dutch
    "carimbo de data/hora",  # Portuguese
    "informazioni cronologiche",  # Italian
    "aikaleima",  # Finnish
    "sygnatura czasowa",  # Polish
}
TYPEFORM_DATE = "submit date (utc)"
SURVEYMONKEY_PLAIN = {"response", "open-ended response", ""}
_NPS_GROUP = re.compile(r"^(?P<question>.+)_NPS_GROUP$", re.IGNORECASE)
# Rows a survey tool marks as not from a customer: the author's previews and tests, and
# what its spam filter caught. Folded values, per (folded) column name.
TEST_VALUES = frozenset(
    {"survey preview", "preview", "survey test", "test", "test response", "spam", "preview spam"}
)
TEST_COLUMNS = ("status", "response type", "distributionchannel", "distribution channel")
# Qualtrics' Status as numbers ("use numeric values"): 1 Survey Preview, 2 Survey Test,
# 8 Spam, 9 Preview Spam, 12 Imported Spam, 17 Offline Survey Preview.
QUALTRICS_TEST_CODES = frozenset({"1", "2", "8", "9", "12", "17"})


@dataclass(frozen=True)
class SurveyFormat:
    """A tool's layout: column keys, question text per key, and rows before the data."""

    name: str  # "qualtrics", "surveymonkey", "google-forms", "typeform", "generic"
    header_rows: int
    columns: list[str]
    labels: dict[str, str] = field(default_factory=dict)
    id_column: str | None = None
    date_column: str | None = None
    # Columns the tool itself marks as its NPS question (Qualtrics writes Qn_NPS_GROUP
    # beside Qn, and the group's ImportId ends in _NPS_GROUP even when Qn was renamed).
    score_hints: tuple[str, ...] = ()
    date_timezone: str | None = None  # the zone the tool says its naive times are in
    excluded: frozenset[str] = frozenset()  # derived columns never to read as a score
    # Column → values (folded) that mark a preview, test or spam row, left out.
    test_markers: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def score_hint(self) -> str | None:
        return self.score_hints[0] if self.score_hints else None

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
    markers = _test_markers(columns)
    if first and first[0].lower() in GOOGLE_TIMESTAMPS:
        return SurveyFormat(
            "google-forms", 1, columns, date_column=columns[0], test_markers=markers
        )
    if first and first[0] == "#" and TYPEFORM_DATE in lowered:
        date = next(c for c in columns if c.lower() == TYPEFORM_DATE)
        return SurveyFormat(
            "typeform", 1, columns, id_column=columns[0], date_column=date, test_markers=markers
        )
    return SurveyFormat("generic", 1, columns, test_markers=markers)


def _test_markers(
    columns: list[str], labels: dict[str, str] | None = None
) -> dict[str, frozenset[str]]:
    """The columns whose values say a row is a preview, a test or spam."""
    labels = labels or {}
    return {
        c: TEST_VALUES
        for c in columns
        if c.strip().lower() in TEST_COLUMNS or labels.get(c, "").strip().lower() in TEST_COLUMNS
    }


def _import_ids(cells: list[str]) -> list[dict[str, str]]:
    """Each column's JSON from Qualtrics' third header row ({} where none)."""
    found = []
    for cell in cells:
        try:
            data = json.loads(cell)
        except ValueError:
            data = None
        found.append({str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {})
    return found


def _qualtrics(keys: list[str], questions: list[str], import_ids: list[str]) -> SurveyFormat:
    columns = unique_names(keys)
    # The third row is JSON ({"ImportId": …}) in new exports; old ones repeat the text.
    has_third = any(c.strip().startswith("{") for c in import_ids)
    labels = {c: q.strip() for c, q in zip(columns, questions, strict=False) if q.strip()}
    hints = [m.group("question") for c in columns if (m := _NPS_GROUP.match(c))]
    excluded = {c for c in columns if _NPS_GROUP.match(c)}
    details = dict(zip(columns, _import_ids(import_ids), strict=False)) if has_third else {}
    ids = {d.get("ImportId", ""): c for c, d in details.items() if d.get("ImportId")}
    for import_id, column in ids.items():
        group = _NPS_GROUP.match(import_id)
        if group:
            excluded.add(column)
            hints.append(ids.get(group.group("question"), ""))
    hints = [h for h in dict.fromkeys(hints) if h in columns and h not in excluded]
    lowered = {c.lower(): c for c in columns}
    date_column = lowered.get("recordeddate") or lowered.get("enddate")
    markers = _test_markers(columns, labels)
    status = lowered.get("status")
    if status:
        markers[status] = TEST_VALUES | QUALTRICS_TEST_CODES
    return SurveyFormat(
        "qualtrics",
        3 if has_third else 2,
        columns,
        labels,
        id_column=lowered.get("responseid"),
        date_column=date_column,
        score_hints=tuple(hints),
        date_timezone=details.get(date_column or "", {}).get("timeZone") or None,
        excluded=frozenset(excluded),
        test_markers=markers,
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
        test_markers=_test_markers(columns),
    )
