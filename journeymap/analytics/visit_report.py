"""One visit as a report and many visits as an export: answers, points, comments.

Personal-data answers (free text that may name staff) and their comments are withheld
unless asked for: the report a reviewer reads shows them, the export a client gets
does not. Who may ask is decided by journeymap.services.privacy.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from journeymap.analytics.scoring import Answer, VisitScore
from journeymap.i18n import N_
from journeymap.model.questionnaire import Question, Questionnaire

REPORT_COLUMNS = (
    "question_id",
    "Section",
    "Question",
    "Answer",
    "Points",
    "Comment",
    "Outcome",
)
WITHHELD = N_("(withheld: personal data)")  # shown through _()
EXPORT_COLUMNS: tuple[str, ...] = (
    "visit",
    "location",
    "shopper",
    "status",
    "question_id",
    "question",
    "answer",
    "comment",
)


def format_answer(question: Question, answer: Answer | None) -> str:
    """The answer as a reviewer reads it."""
    if answer is None or not answer.given:
        return ""
    if answer.not_applicable:
        return "N/A"
    value = answer.value
    if question.type == "yes_no" and isinstance(value, bool):
        return "Yes" if value else "No"
    if question.type == "timer" and isinstance(value, int | float):
        minutes, seconds = divmod(int(value), 60)
        return f"{int(value)} s ({minutes} min {seconds} s)"
    if question.type == "number" and question.unit:
        return f"{value:g} {question.unit}" if isinstance(value, int | float) else str(value)
    if question.type == "photo" and isinstance(value, list):
        return f"{len(value)} photo(s)"
    return str(value)


def visit_report(
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    score: VisitScore,
    include_personal: bool = True,
) -> pd.DataFrame:
    """One row per question of the form, in order, with its points and outcome."""
    scores = {q.question_id: q for q in score.questions}
    rows: list[dict[str, Any]] = []
    for section in questionnaire.sections:
        for question in section.questions:
            result = scores[question.id]
            if result.outcome == "hidden":
                continue
            answer = answers.get(question.id)
            text = format_answer(question, answer)
            comment = answer.comment if answer else ""
            if question.personal_data and not include_personal:
                text, comment = _withheld(text), _withheld(comment)
            rows.append(
                {
                    "question_id": question.id,
                    "Section": section.title,
                    "Question": question.text,
                    "Answer": text,
                    "Points": f"{result.earned:g} / {result.possible:g}"
                    if result.outcome == "scored"
                    else "",
                    "Comment": comment,
                    "Outcome": _outcome(result.outcome, result.failed, question.critical),
                }
            )
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS))


def _outcome(outcome: str, failed: bool, critical: bool) -> str:
    if outcome == "scored":
        if failed:
            return "Knock-out failed" if critical else "Missed points"
        return "Full points"
    return {
        "not_applicable": "N/A",
        "unanswered": "Not answered",
        "unscored": "Evidence",
    }.get(outcome, outcome)


def answers_export(
    versions: Mapping[tuple[str, int], Questionnaire],
    visits: pd.DataFrame,
    answers: pd.DataFrame,
    include_personal: bool = False,
) -> pd.DataFrame:
    """Every answer of the given visits, one row each, for a spreadsheet.

    A visit is named by its ``external_key`` (the planning sheet's id) when ``visits``
    has one, else by its number: a key can carry the shopper and the day.
    """
    meta = visits.set_index("id")
    keyed = "external_key" in meta.columns
    rows = []
    for row in answers.itertuples(index=False):
        if row.visit_id not in meta.index:
            continue
        visit = meta.loc[row.visit_id]
        questionnaire = versions.get(
            (str(visit["questionnaire_id"]), int(visit["questionnaire_version"]))
        )
        if questionnaire is None:
            continue
        question = next((q for q in questionnaire.questions() if q.id == row.question_id), None)
        if question is None:
            continue
        personal = question.personal_data and not include_personal
        comment = row.comment if isinstance(row.comment, str) else ""
        answer = Answer(row.value, bool(row.not_applicable), comment)
        text = format_answer(question, answer)
        rows.append(
            {
                "visit": visit["external_key"] if keyed else str(row.visit_id),
                "location": visit["location_name"],
                "shopper": visit["shopper_id"],
                "status": visit["status"],
                "question_id": question.id,
                "question": question.text,
                "answer": _withheld(text) if personal else text,
                "comment": _withheld(answer.comment) if personal else answer.comment,
            }
        )
    return pd.DataFrame(rows, columns=list(EXPORT_COLUMNS))


def _withheld(text: str) -> str:
    """The marker where there was something to withhold; empty stays empty."""
    return WITHHELD if text else ""
