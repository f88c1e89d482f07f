"""Visits from a CSV or XLSX table: paper forms typed in, or another platform's export.

One row per visit. Columns: ``visit`` (a key unique to the visit), ``location`` and
``shopper`` (ids known to the workspace), optionally ``visited_on`` (a date; see
:mod:`journeymap.io.visit_dates` for how day and month are told apart), ``status``,
``scenario`` and ``wave``; then one column per question id, and ``<question id>
comment`` for comments. A row with a problem is reported with its row number and left
out; the others are kept.

``status`` tells a planned visit (``assigned``: no answers yet, ``visited_on`` is the
day planned, for an active shopper and location) from a visit made (anything else, or
empty). A file never decides that a visit skips review: made visits land as the
import's ``done_status``, submitted unless whoever imports says otherwise; a row that
says approved or counted is stored as that status and noted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import pandas as pd

from journeymap.analytics.answer_values import AnswerValueError, blank, coerce_answer
from journeymap.analytics.scoring import Answer
from journeymap.analytics.visit_form import missing_before_submit
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.io.visit_dates import (
    COLUMN,
    AmbiguousVisitDates,
    DateOrder,
    column_order,
    read_day,
)
from journeymap.io.visit_tables import REQUIRED_COLUMNS, VisitFileError
from journeymap.model.questionnaire import Questionnaire

PLANNED = "assigned"
# What a row's status may say; all but "assigned" mean a visit made.
IMPORT_STATUSES = (PLANNED, "submitted", "approved", "counted")
# What made visits may land as: review is skipped only when asked for explicitly.
DONE_STATUSES = ("submitted", "approved")


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet shows it: the header is row 1
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass
class VisitImport:
    visits: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # kept rows changed on the way in


def parse_visits(
    frame: pd.DataFrame,
    questionnaire: Questionnaire,
    locations: dict[str, bool],
    shoppers: set[str],
    now: datetime | None = None,
    *,
    order: DateOrder | None = None,
    source: str = N_("the file"),
    how_to_choose: str = N_("give --dayfirst or --date-format %m/%d/%Y"),
    done_status: str = "submitted",
    switched_off: frozenset[tuple[str, str]] = frozenset(),
    today: date | None = None,
) -> VisitImport:
    """Rows of visits and answers ready to store; ``locations`` maps id → competitor.

    Made visits land as ``done_status``; ``switched_off`` names ("shopper", id) and
    ("location", id) pairs that may not get a planned visit; a row without a day is
    dated ``today``, the workspace's day (by default UTC's). Raises VisitFileError
    when the visited_on column's day/month order cannot be told (``how_to_choose`` says
    how the person gives it); every other problem is one row's.
    """
    if done_status not in DONE_STATUSES:
        raise ValueError(
            f"imported visits land as {' or '.join(DONE_STATUSES)}, not {done_status!r}"
        )
    now = now or datetime.now(UTC)
    today = today or now.date()
    result = VisitImport()
    cells = [_cell({COLUMN: value}, COLUMN) for value in frame.get(COLUMN, [])]
    try:
        order = column_order(cells, order or DateOrder(), source, how_to_choose)
    except AmbiguousVisitDates as error:
        raise VisitFileError(str(error)) from None
    questions = {q.id: q for q in questionnaire.questions()}
    unknown = [
        c
        for c in frame.columns
        if c not in (*REQUIRED_COLUMNS, "visited_on", "status", "scenario", "wave")
        and c not in questions
        and c.removesuffix(" comment").removesuffix("_comment") not in questions
    ]
    for column in unknown:
        ignored = _("column '{column}' is not a question id: it is ignored")
        result.errors.append(RowError(1, ignored.format(column=column)))
    seen: set[str] = set()
    lowered: list[int] = []
    for number, row in enumerate(frame.to_dict("records"), start=2):
        try:
            visit, answers = _row(
                row,
                questionnaire,
                questions,
                locations,
                shoppers,
                seen,
                (now, today),
                order,
                switched_off,
            )
        except AnswerValueError as error:
            result.errors.append(RowError(number, str(error)))
            continue
        if visit["status"] != PLANNED:
            if visit["status"] not in ("submitted", done_status):
                lowered.append(number)
            visit["status"] = done_status
            visit["reviewed_at"] = now if done_status != "submitted" else None
        result.visits.append(visit)
        result.answers += answers
    if lowered:
        rows = ", ".join(map(str, lowered[:10])) + (" …" if len(lowered) > 10 else "")
        result.notes.append(
            _(
                "{count} row(s) said approved or counted (row {rows}): stored as {status}, "
                "since a file does not decide a review"
            ).format(count=fmt.number(len(lowered)), rows=rows, status=done_status)
        )
    return result


def _cell(row: dict[str, Any], column: str) -> str:
    value = row.get(column)
    return "" if blank(value) else str(value).strip()


def _row(
    row: dict[str, Any],
    questionnaire: Questionnaire,
    questions: dict[str, Any],
    locations: dict[str, bool],
    shoppers: set[str],
    seen: set[str],
    clock: tuple[datetime, date],
    order: DateOrder,
    switched_off: frozenset[tuple[str, str]],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    now, today = clock
    key, location, shopper = (_cell(row, c) for c in REQUIRED_COLUMNS)
    if not key:
        raise AnswerValueError(_("the visit column is empty: give each visit a key"))
    if key in seen:
        raise AnswerValueError(_("visit '{key}' appears twice in the file").format(key=key))
    if location not in locations:
        raise AnswerValueError(
            _("unknown location '{location}': add it to the programme first").format(
                location=location
            )
        )
    if shopper not in shoppers:
        raise AnswerValueError(
            _("unknown shopper '{shopper}': add the shopper first").format(shopper=shopper)
        )
    status = _cell(row, "status").lower().replace(" ", "_") or "submitted"
    if status not in IMPORT_STATUSES:
        raise AnswerValueError(
            _(
                "status '{status}' cannot be imported: use assigned (a planned visit) or "
                "submitted (a visit made)"
            ).format(status=status)
        )
    cell = _cell(row, COLUMN)
    visited_on = read_day(cell, order) if cell else today
    if isinstance(visited_on, str):
        raise AnswerValueError(f"{COLUMN}: {visited_on}")
    visited_at = datetime.combine(visited_on, time(12), tzinfo=UTC)
    given = _answers(row, questions, competitor=locations[location])
    if status == PLANNED:
        _check_planned(given, location, shopper, switched_off)
        seen.add(key)
        return _planned(row, key, questionnaire, location, shopper, visited_on), []
    missing = missing_before_submit(questionnaire, given, locations[location])
    if missing:
        raise AnswerValueError(
            "; ".join(
                (
                    _("{question}: answer missing")
                    if m.reason == "answer"
                    else _("{question}: comment missing")
                ).format(question=m.question_id)
                for m in missing[:5]
            )
        )
    seen.add(key)
    visit = {
        "external_key": key,
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "location_id": location,
        "shopper_id": shopper,
        "scenario": _cell(row, "scenario"),
        "window_start": visited_at.date(),
        "window_end": visited_at.date(),
        "status": status,
        "visited_at": visited_at,
        "submitted_at": now,
        "reviewed_at": None,
        "wave": _cell(row, "wave")[:120],
    }
    answers = [
        {
            "visit_key": key,
            "question_id": qid,
            "value": a.value,
            "not_applicable": a.not_applicable,
            "comment": a.comment,
            "saved_at": now,
        }
        for qid, a in given.items()
    ]
    return visit, answers


def _check_planned(
    given: dict[str, Answer],
    location: str,
    shopper: str,
    switched_off: frozenset[tuple[str, str]],
) -> None:
    """A planned visit has no answers yet and goes to an active shopper and location."""
    if given:
        raise AnswerValueError(
            _(
                "a planned visit (status assigned) has no answers yet: leave the answer "
                "columns empty, or give the status of a visit made"
            )
        )
    off = {
        "shopper": _("shopper '{item}' is switched off: it gets no new visits"),
        "location": _("location '{item}' is switched off: it gets no new visits"),
    }
    for what, item in (("shopper", shopper), ("location", location)):
        if (what, item) in switched_off:
            raise AnswerValueError(off[what].format(item=item))


def _planned(
    row: dict[str, Any],
    key: str,
    questionnaire: Questionnaire,
    location: str,
    shopper: str,
    day: date,
) -> dict[str, Any]:
    """A planned visit: assigned for the day, nothing made or submitted yet."""
    return {
        "external_key": key,
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "location_id": location,
        "shopper_id": shopper,
        "scenario": _cell(row, "scenario"),
        "window_start": day,
        "window_end": day,
        "status": PLANNED,
        "visited_at": None,
        "submitted_at": None,
        "reviewed_at": None,
        "wave": _cell(row, "wave")[:120],
    }


def _answers(row: dict[str, Any], questions: dict[str, Any], competitor: bool) -> dict[str, Answer]:
    given: dict[str, Answer] = {}
    for qid, question in questions.items():
        comment = _cell(row, f"{qid} comment") or _cell(row, f"{qid}_comment")
        if blank(row.get(qid)):
            if comment:
                given[qid] = Answer(None, False, comment)
            continue
        try:
            value, na = coerce_answer(question, row[qid])
        except AnswerValueError as error:
            raise AnswerValueError(f"{qid}: {error}") from None
        if question.personal_data and competitor:
            raise AnswerValueError(
                _("{question}: personal data is never recorded on a competitor visit").format(
                    question=qid
                )
            )
        given[qid] = Answer(value, na, comment)
    return given
