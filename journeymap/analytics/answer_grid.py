"""Mystery-shopper answers as visit × question arrays, for scoring many visits at once.

Answer values are JSON values (None, bool, int, float, str, list, dict). What matters to
the scoring rules is each value's kind: a bool is never a number, and a condition on
``True`` is met only by a yes/no answer. The kind is worked out once per value type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from journeymap.model.questionnaire import Questionnaire

# What an answer value is, as far as the rules care.
MISSING, BOOL, NUMBER, TEXT, OTHER = range(5)


def _kind_of_type(value_type: type) -> int:
    if value_type is type(None):
        return MISSING
    if issubclass(value_type, bool):
        return BOOL
    if issubclass(value_type, int | float):
        return NUMBER
    return TEXT if issubclass(value_type, str) else OTHER


@dataclass(frozen=True)
class AnswerGrid:
    """One version's answers as visit × question arrays (a column per question id)."""

    column: dict[str, int]
    given: np.ndarray
    not_applicable: np.ndarray
    kind: np.ndarray
    number: np.ndarray  # bools as 1.0 / 0.0; NaN for the other kinds
    value: np.ndarray

    def equals(self, column: int, wanted: bool | int | float | str) -> np.ndarray:
        """Which answers in ``column`` meet a condition waiting for ``wanted``."""
        if isinstance(wanted, bool):  # True is not 1 here: only a yes/no answer meets it
            return (self.kind[:, column] == BOOL) & (self.number[:, column] == wanted)
        if isinstance(wanted, int | float):
            return (self.kind[:, column] == NUMBER) & (self.number[:, column] == float(wanted))
        return (self.kind[:, column] == TEXT) & (self.value[:, column] == wanted)


@dataclass(frozen=True)
class TypedAnswers:
    """The answers of the visits being scored, each value's kind worked out once."""

    position: np.ndarray  # of the answer's visit among the visits scored
    question_code: np.ndarray
    question_ids: list[str]
    not_applicable: np.ndarray
    kind: np.ndarray
    number: np.ndarray
    value: np.ndarray

    @classmethod
    def of(cls, answers: pd.DataFrame, visit_ids: pd.Series) -> TypedAnswers:
        if answers.empty:
            answers = pd.DataFrame(columns=["visit_id", "question_id", "value", "not_applicable"])
        position = pd.Index(visit_ids.astype("int64")).get_indexer(
            pd.Index(answers["visit_id"].astype("int64"))
        )
        scored = position >= 0
        answers = answers[scored]
        codes, uniques = pd.factorize(answers["question_id"])
        value = answers["value"].to_numpy(dtype=object)
        kind = _kinds(value)
        number = np.full(len(value), np.nan)
        numeric = (kind == BOOL) | (kind == NUMBER)
        number[numeric] = value[numeric].astype(float)
        return cls(
            position=position[scored],
            question_code=codes,
            question_ids=[str(u) for u in uniques],
            not_applicable=answers["not_applicable"].to_numpy().astype(bool),
            kind=kind,
            number=number,
            value=value,
        )

    def grid(
        self, questionnaire: Questionnaire, positions: np.ndarray, n_visits: int
    ) -> AnswerGrid:
        """The answers of the visits at ``positions``, all of this questionnaire version."""
        # A column per question id: a questionnaire that uses an id twice asks one answer.
        ids = dict.fromkeys(q.id for q in questionnaire.questions())
        column = {question_id: c for c, question_id in enumerate(ids)}
        row_of_position = np.full(n_visits, -1)
        row_of_position[positions] = np.arange(len(positions))
        rows = row_of_position[self.position]
        columns = np.array([column.get(q, -1) for q in self.question_ids], dtype=np.int64)
        columns = columns[self.question_code]
        cell = np.where((rows >= 0) & (columns >= 0), rows * len(column) + columns, -1)
        # Of two answers to one question the later counts, as in a dict built row by row.
        take = (cell >= 0) & ~pd.Series(cell).duplicated(keep="last").to_numpy()
        cells = cell[take]
        shape = (len(positions), len(column))
        return AnswerGrid(
            column=column,
            given=_filled(shape, cells, np.True_, False),
            not_applicable=_filled(shape, cells, self.not_applicable[take], False),
            kind=_filled(shape, cells, self.kind[take], MISSING),
            number=_filled(shape, cells, self.number[take], np.nan),
            value=_filled(shape, cells, self.value[take], None),
        )


def _kinds(values: np.ndarray) -> np.ndarray:
    # A handful of distinct types among all the values: classify the types, not values.
    codes, types = pd.factorize(pd.Series(values, dtype=object).map(type))
    by_type = np.array([_kind_of_type(t) for t in types], dtype=np.int8)
    return by_type[codes]


def _filled(shape: tuple[int, int], cells: np.ndarray, values: Any, empty: Any) -> np.ndarray:
    out = np.full(shape, empty, dtype=np.asarray(values).dtype)
    out.flat[cells] = values
    return out
