"""Scoring many mystery-shopper visits at once, with the rules of :mod:`scoring`.

:func:`~journeymap.analytics.scoring.score_visit` is the rule book and scores one
visit; a results page scores thousands, and one Python object per answer made that
take seconds. Here the answers of each questionnaire version become visit × question
arrays, and one pass over the questions in form order scores every visit at once: form
order, because a show-if condition looks at an earlier question's answer. Sums run
question by question and section by section in the same order as score_visit adds
them, so that both give the same numbers to the last bit.

Answer values are JSON values (None, bool, int, float, str, list, dict); like in
score_visit, a bool is never a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeymap.analytics.answer_grid import AnswerGrid, TypedAnswers
from journeymap.analytics.question_points import (
    OUTCOMES,
    QuestionScores,
    score_questions,
)
from journeymap.model.questionnaire import Questionnaire

Versions = Mapping[tuple[str, int], Questionnaire]
Columns = dict[str, np.ndarray]
# The long tables and their own columns, after the visit's position ("visit").
LEVEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "visits": ("pct", "earned", "possible", "knocked_out"),
    "sections": (
        "section_id",
        "section_title",
        "touchpoint",
        "pct",
        "earned",
        "possible",
        "knocked_out",
    ),
    "touchpoints": ("touchpoint", "pct", "earned", "possible"),
    "dimensions": ("dimension", "earned", "possible", "pct"),
    "questions": ("question_id", "section_id", "outcome", "earned", "possible", "failed"),
}


def score_levels(
    versions: Versions, visits: pd.DataFrame, answers: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Every level's scores of ``visits``, one long table per level (see LEVEL_COLUMNS).

    A row's ``visit`` is its visit's position in ``visits`` (whose ``id`` values are
    unique); rows come in the order of the visits, and within a visit in the order of
    :func:`score_visit`'s lists and dicts. Visits whose questionnaire version is not in
    ``versions`` are left out. ``answers`` has visit_id, question_id, value and
    not_applicable; of two answers to the same question the later row counts.
    """
    typed = TypedAnswers.of(answers, visits["id"])
    blocks: dict[str, list[Columns]] = {level: [] for level in LEVEL_COLUMNS}
    for key, positions in _positions_by_version(visits).items():
        questionnaire = versions.get(key)
        if questionnaire is None:
            continue  # its questionnaire version is gone: nothing to score against
        grid = typed.grid(questionnaire, positions, len(visits))
        for level, columns in _levels(questionnaire, grid).items():
            blocks[level].append({"visit": positions[columns.pop("row")], **columns})
    return {level: _stacked(parts, LEVEL_COLUMNS[level]) for level, parts in blocks.items()}


def _positions_by_version(visits: pd.DataFrame) -> dict[tuple[str, int], np.ndarray]:
    keys = zip(visits["questionnaire_id"], visits["questionnaire_version"], strict=True)
    positions: dict[tuple[str, int], list[int]] = {}
    for position, (questionnaire_id, version) in enumerate(keys):
        positions.setdefault((questionnaire_id, int(version)), []).append(position)
    return {key: np.array(found, dtype=np.int64) for key, found in positions.items()}


def _stacked(parts: list[Columns], columns: tuple[str, ...]) -> pd.DataFrame:
    """One table from the versions' parts, in the order of the visits."""
    names = ("visit", *columns)
    if not parts:
        return pd.DataFrame(columns=list(names))
    joined = {name: np.concatenate([part[name] for part in parts]) for name in names}
    if len(parts) > 1:  # each part is in visit order already; stable keeps a visit's rows
        order = np.argsort(joined["visit"], kind="stable")
        joined = {name: values[order] for name, values in joined.items()}
    return pd.DataFrame(joined)


def _levels(questionnaire: Questionnaire, grid: AnswerGrid) -> dict[str, Columns]:
    """One version's levels; a row's ``row`` is its visit's row in ``grid``."""
    questions = score_questions(questionnaire, grid)
    sections = _score_sections(questionnaire, questions)
    return {
        "visits": _visit_columns(questionnaire, sections),
        "sections": _section_columns(questionnaire, sections),
        "touchpoints": _touchpoint_columns(questionnaire, sections),
        "dimensions": _dimension_columns(questionnaire, questions),
        "questions": _question_columns(questionnaire, questions),
    }


@dataclass(frozen=True)
class _SectionScores:
    """Visit × section arrays, and each visit's knock-out."""

    earned: np.ndarray  # 0 after a section knock-out
    possible: np.ndarray
    knocked_out: np.ndarray
    visit_knocked_out: np.ndarray

    @property
    def pct(self) -> np.ndarray:
        return _divided(100.0 * self.earned, self.possible)


def _score_sections(questionnaire: Questionnaire, questions: QuestionScores) -> _SectionScores:
    n_visits = questions.earned.shape[0]
    shape = (n_visits, len(questionnaire.sections))
    earned, possible = np.zeros(shape), np.zeros(shape)
    knocked_out = np.zeros(shape, dtype=bool)
    visit_knocked_out = np.zeros(n_visits, dtype=bool)
    j = 0
    for s, section in enumerate(questionnaire.sections):
        for question in section.questions:
            earned[:, s] += questions.earned[:, j]
            possible[:, s] += questions.possible[:, j]
            if (question.critical_scope or questionnaire.critical_fails) == "visit":
                visit_knocked_out |= questions.critical_failed[:, j]
            else:
                knocked_out[:, s] |= questions.critical_failed[:, j]
            j += 1
    earned[knocked_out] = 0.0
    return _SectionScores(earned, possible, knocked_out, visit_knocked_out)


def _visit_columns(questionnaire: Questionnaire, sections: _SectionScores) -> Columns:
    weights = [s.weight for s in questionnaire.sections]
    knocked_out = sections.visit_knocked_out
    pct = _weighted_pct(weights, sections.pct)
    pct[knocked_out & ~np.isnan(pct)] = 0.0
    earned = _running_sum(sections.earned)
    earned[knocked_out] = 0.0
    return {
        "row": np.arange(len(knocked_out)),
        "pct": pct,
        "earned": earned,
        "possible": _running_sum(sections.possible),
        "knocked_out": knocked_out,
    }


def _section_columns(questionnaire: Questionnaire, sections: _SectionScores) -> Columns:
    return _long(
        {
            "section_id": [s.id for s in questionnaire.sections],
            "section_title": [s.title for s in questionnaire.sections],
            "touchpoint": [s.touchpoint for s in questionnaire.sections],
        },
        {
            "pct": sections.pct,
            "earned": sections.earned,
            "possible": sections.possible,
            "knocked_out": sections.knocked_out,
        },
    )


def _touchpoint_columns(questionnaire: Questionnaire, sections: _SectionScores) -> Columns:
    groups: dict[str, list[int]] = {}
    for s, section in enumerate(questionnaire.sections):
        groups.setdefault(section.touchpoint, []).append(s)
    weights = np.array([s.weight for s in questionnaire.sections])
    section_pct = sections.pct
    pct = _side_by_side(
        len(section_pct), [_weighted_pct(weights[g], section_pct[:, g]) for g in groups.values()]
    )
    return _long(
        {"touchpoint": list(groups)},
        {
            "pct": pct,
            "earned": _group_sums(sections.earned, list(groups.values())),
            "possible": _group_sums(sections.possible, list(groups.values())),
        },
        keep=~np.isnan(pct),  # a touchpoint whose sections are all N/A has no score
    )


def _dimension_columns(questionnaire: Questionnaire, questions: QuestionScores) -> Columns:
    groups: dict[str, list[int]] = {}
    for j, question in enumerate(questionnaire.questions()):
        if question.dimension:
            groups.setdefault(question.dimension, []).append(j)
    earned = _group_sums(questions.earned, list(groups.values()))
    possible = _group_sums(questions.possible, list(groups.values()))
    columns = _long(
        {"dimension": list(groups)},
        {
            "earned": earned,
            "possible": possible,
            "pct": _divided(100.0 * earned, possible),
            "first": _side_by_side(
                len(earned), [_first_scored(questions.possible[:, g], g) for g in groups.values()]
            ),
        },
        keep=possible > 0,
    )
    # Within a visit, dimensions come in the order their first scored question does.
    order = np.lexsort((columns.pop("first"), columns["row"]))
    return {name: values[order] for name, values in columns.items()}


def _first_scored(possible: np.ndarray, indexes: list[int]) -> np.ndarray:
    return np.asarray(indexes)[np.argmax(possible > 0, axis=1)]


def _question_columns(questionnaire: Questionnaire, questions: QuestionScores) -> Columns:
    return _long(
        {
            "question_id": [q.id for q in questionnaire.questions()],
            "section_id": [s.id for s in questionnaire.sections for _ in s.questions],
        },
        {
            "outcome": np.array(OUTCOMES, dtype=object)[questions.outcome],
            "earned": questions.earned,
            "possible": questions.possible,
            "failed": questions.failed,
        },
    )


def _long(
    labels: dict[str, list[str]], values: dict[str, np.ndarray], keep: np.ndarray | None = None
) -> Columns:
    """Visit × item arrays as long columns, visit by visit; ``labels`` name the items."""
    n_visits, width = next(iter(values.values())).shape
    columns = {"row": np.repeat(np.arange(n_visits), width)}
    columns |= {
        name: np.tile(np.array(items, dtype=object), n_visits) for name, items in labels.items()
    }
    columns |= {name: matrix.ravel() for name, matrix in values.items()}
    if keep is None:
        return columns
    return {name: column[keep.ravel()] for name, column in columns.items()}


def _weighted_pct(weights: list[float] | np.ndarray, pct: np.ndarray) -> np.ndarray:
    """Weighted mean of the percentages that exist, per visit (see weighted_pct)."""
    exists = ~np.isnan(pct)
    weights = np.asarray(weights, dtype=float)
    total = _running_sum(np.where(exists, weights, 0.0))
    return _divided(_running_sum(np.where(exists, weights * pct, 0.0)), total)


def _running_sum(matrix: np.ndarray) -> np.ndarray:
    """Row sums added column by column, left to right, as Python's sum() adds a list.

    numpy's own sum adds in pairs, which can differ in the last bit.
    """
    total = np.zeros(matrix.shape[0])
    for column in matrix.T:
        total += column
    return total


def _group_sums(matrix: np.ndarray, groups: list[list[int]]) -> np.ndarray:
    """Per visit, the sum of each group of columns (see _running_sum)."""
    return _side_by_side(len(matrix), [_running_sum(matrix[:, g]) for g in groups])


def _side_by_side(n_visits: int, columns: list[np.ndarray]) -> np.ndarray:
    return np.column_stack(columns) if columns else np.zeros((n_visits, 0))


def _divided(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator ÷ denominator, NaN (no score) where the denominator is not above 0."""
    out = np.full(np.shape(numerator), np.nan)
    return np.divide(numerator, denominator, out=out, where=denominator > 0)
