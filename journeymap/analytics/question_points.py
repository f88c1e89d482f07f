"""The points of every visit's answer to every question, at once: visit × question
arrays with the rules of :func:`journeymap.analytics.scoring.score_question`.

Questions go in form order, because a show-if condition looks at an earlier question's
answer; :mod:`journeymap.analytics.columnar_scoring` adds the points up into sections,
touchpoints, dimensions and visits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

import numpy as np

from journeymap.analytics.answer_grid import BOOL, NUMBER, TEXT, AnswerGrid
from journeymap.analytics.scoring import QuestionOutcome
from journeymap.model.questionnaire import Condition, Question, Questionnaire

OUTCOMES: tuple[str, ...] = get_args(QuestionOutcome)
SCORED, NOT_APPLICABLE, HIDDEN, UNANSWERED, UNSCORED = range(len(OUTCOMES))


@dataclass(frozen=True)
class QuestionScores:
    """Visit × question arrays, the questions in form order."""

    outcome: np.ndarray  # index into OUTCOMES
    earned: np.ndarray
    possible: np.ndarray
    failed: np.ndarray
    critical_failed: np.ndarray


def score_questions(questionnaire: Questionnaire, grid: AnswerGrid) -> QuestionScores:
    shown = _shown_by_id(questionnaire, grid)
    questions = questionnaire.questions()
    n_visits = grid.given.shape[0]
    outcome = np.empty((n_visits, len(questions)), dtype=np.int8)
    earned = np.zeros((n_visits, len(questions)))
    for j, question in enumerate(questions):
        outcome[:, j], earned[:, j] = _score_question(question, grid, shown[question.id])
    scored = outcome == SCORED
    points = np.array([q.points for q in questions], dtype=float)
    critical = np.array([q.critical for q in questions], dtype=bool)
    failed = scored & (earned < points)
    return QuestionScores(
        outcome=outcome,
        earned=earned,
        possible=np.where(scored, points, 0.0),
        failed=failed,
        critical_failed=failed & critical,
    )


def _shown_by_id(questionnaire: Questionnaire, grid: AnswerGrid) -> dict[str, np.ndarray]:
    """Per question id, which visits are asked it (see scoring.shown_questions)."""
    shown: dict[str, np.ndarray] = {}
    for question in questionnaire.questions():
        asked = _condition_met(question.show_if, grid, shown)
        shown[question.id] = shown.get(question.id, False) | asked
    return shown


def _condition_met(
    condition: Condition | None, grid: AnswerGrid, shown: dict[str, np.ndarray]
) -> np.ndarray:
    n_visits = grid.given.shape[0]
    if condition is None:
        return np.ones(n_visits, dtype=bool)
    if condition.question not in shown:  # a later or unknown question is never answered yet
        return np.zeros(n_visits, dtype=bool)
    column = grid.column[condition.question]
    # Only the answer to a question that was shown counts; an N/A meets no condition.
    visible = shown[condition.question] & grid.given[:, column]
    return visible & ~grid.not_applicable[:, column] & grid.equals(column, condition.equals)


def _score_question(
    question: Question, grid: AnswerGrid, shown: np.ndarray
) -> tuple[np.ndarray | int, np.ndarray | float]:
    """Each visit's outcome and points earned for one question (see score_question)."""
    if not question.scored:
        return UNSCORED, 0.0
    column = grid.column[question.id]
    valid, points = _answer_points(question, grid, column)
    not_applicable = grid.given[:, column] & grid.not_applicable[:, column] & question.allow_na
    outcome = np.select(
        [~shown, not_applicable, ~valid], [HIDDEN, NOT_APPLICABLE, UNANSWERED], SCORED
    )
    return outcome, np.where(outcome == SCORED, points, 0.0)


def _answer_points(
    question: Question, grid: AnswerGrid, column: int
) -> tuple[np.ndarray, np.ndarray]:
    """Which answers this question takes, and their points (see answer_points)."""
    kind, number = grid.kind[:, column], grid.number[:, column]
    if question.type == "yes_no":
        return kind == BOOL, np.where((number == 1.0) != question.reverse, question.points, 0.0)
    if question.type == "scale":
        return _scale_points(question, kind, number)
    if question.type == "choice":
        return _choice_points(question, kind, grid.value[:, column])
    if question.type in ("number", "timer"):
        return _band_points(question, kind, number)
    return np.zeros(len(kind), dtype=bool), np.zeros(len(kind))


def _scale_points(
    question: Question, kind: np.ndarray, number: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    low, high = question.scale_min, question.scale_max
    if low is None or high is None:
        return np.zeros(len(kind), dtype=bool), np.zeros(len(kind))
    valid = (kind == NUMBER) & (low <= number) & (number <= high)
    share = (number - low) / (high - low)
    return valid, question.points * (1 - share if question.reverse else share)


def _choice_points(
    question: Question, kind: np.ndarray, value: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    text = kind == TEXT
    # Of two options with one label the first counts, as in answer_points.
    return _first_match(
        len(kind), [(text & (value == o.label), o.points) for o in question.options]
    )


def _band_points(
    question: Question, kind: np.ndarray, number: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    numeric = kind == NUMBER
    # Lowest band first, so that it wins a shared boundary (see band_for).
    bands = sorted(question.bands, key=lambda b: b.min)
    return _first_match(
        len(kind),
        [
            (numeric & (b.min <= number) & (b.max is None or number <= b.max), b.points)
            for b in bands
        ],
    )


def _first_match(
    n_visits: int, candidates: list[tuple[np.ndarray, float]]
) -> tuple[np.ndarray, np.ndarray]:
    """Which visits match a candidate, and the points of the first candidate they match."""
    if not candidates:
        return np.zeros(n_visits, dtype=bool), np.zeros(n_visits)
    matches = [match for match, _ in candidates]
    return np.any(matches, axis=0), np.select(matches, [points for _, points in candidates])
