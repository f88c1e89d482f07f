"""Answers typed on paper forms or exported by another platform, read as our values.

Shoppers and platforms write yes/no, N/A and times in many ways; each is accepted
here or refused with a sentence that says what the column may hold.
"""

from __future__ import annotations

import math
import re
from typing import Any

from journeymap.analytics.scoring import answer_points
from journeymap.model.questionnaire import Question

YES_WORDS = {"yes", "y", "true", "1", "ja", "j", "x"}
NO_WORDS = {"no", "n", "false", "0", "nej", "nei"}
NA_WORDS = {"n/a", "na", "not applicable", "ikke relevant", "i/r", "ir"}
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


class AnswerValueError(ValueError):
    """A cell that is not an answer the question takes."""


def blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, float) and math.isnan(raw)) or str(raw).strip() == ""


def coerce_answer(question: Question, raw: Any) -> tuple[Any, bool]:
    """(value, not_applicable) for a cell; AnswerValueError when it cannot be read."""
    text = str(raw).strip()
    if text.lower() in NA_WORDS:
        if not question.allow_na:
            raise AnswerValueError("N/A is not allowed for this question: give an answer")
        return None, True
    kind = question.type
    if kind == "yes_no":
        return _yes_no(text), False
    if kind == "choice":
        return _choice(question, text), False
    if kind == "text":
        return text, False
    if kind == "photo":
        raise AnswerValueError("photos cannot be imported from a table: leave the column empty")
    value = _number(text, clock=kind == "timer")
    if kind == "scale":
        value = int(value) if float(value).is_integer() else value
    if answer_points(question, value) is None and (kind == "scale" or question.bands):
        if kind == "scale":
            raise AnswerValueError(
                f"{text} is outside the scale {question.scale_min}–{question.scale_max}"
            )
        raise AnswerValueError(f"{text} falls in none of the question's bands")
    return value, False


def _number(text: str, clock: bool) -> int | float:
    match = _CLOCK.match(text) if clock else None
    if match:  # a timer written as m:ss or h:mm:ss
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        hint = " (seconds, or m:ss)" if clock else ""
        raise AnswerValueError(f"'{text}' is not a number{hint}") from None
    if not math.isfinite(value) or value < 0:
        raise AnswerValueError(f"'{text}' must be a number of 0 or more")
    return int(value) if value.is_integer() else value


def _yes_no(text: str) -> bool:
    word = text.lower().removesuffix(".0")
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise AnswerValueError(f"'{text}' is not yes or no: write yes, no or n/a")


def _choice(question: Question, text: str) -> str:
    for option in question.options:
        if option.label.casefold() == text.casefold():
            return option.label
    labels = ", ".join(f"'{o.label}'" for o in question.options)
    raise AnswerValueError(f"'{text}' is not one of the options: {labels}")
