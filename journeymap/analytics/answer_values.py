"""Answers typed on paper forms or exported by another platform, read as our values.

Shoppers and platforms write yes/no, N/A and times in many ways; each is accepted
here or refused with a sentence that says what the column may hold. Whether a value
is an answer the question takes at all is :func:`answer_refusal`'s to say, for the
visit form and the import alike, so that the two never disagree.
"""

from __future__ import annotations

import math
import re
from typing import Any

from journeymap.analytics.scoring import answer_points, band_for
from journeymap.analytics.text import plain_number
from journeymap.i18n import _
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
            raise AnswerValueError(_NA_REFUSED())
        return None, True
    kind = question.type
    if kind == "yes_no":
        return _yes_no(text), False
    if kind == "choice":
        return _choice(question, text), False
    if kind == "text":
        return text, False
    if kind == "photo":
        raise AnswerValueError(_("photos cannot be imported from a table: leave the column empty"))
    value = _number(text, clock=kind == "timer")
    if kind == "scale":
        value = int(value) if float(value).is_integer() else value
    refusal = answer_refusal(question, value, not_applicable=False)
    if refusal:
        raise AnswerValueError(refusal)
    return value, False


def _NA_REFUSED() -> str:  # noqa: N802 - reads as the sentence it returns
    return _("N/A is not allowed for this question: give an answer")


def answer_refusal(question: Question, value: Any, not_applicable: bool) -> str | None:
    """Why ``value`` is not an answer this question takes, or None when it is.

    None as the value is no answer (a cleared field), which is always allowed; a value
    that the question's scoring would have to leave out (a scale answer off the scale,
    a number outside every band) is refused here, where it is given, rather than
    silently left unscored.
    """
    if not_applicable:
        return None if question.allow_na else _NA_REFUSED()
    if value is None:
        return None
    kind = question.type
    if kind == "photo":
        return _("photos are added with the camera or as a file, not typed in")
    if kind == "text":
        return (
            None if isinstance(value, str) else _("{value} is not text").format(value=repr(value))
        )
    if kind == "yes_no":
        return (
            None if isinstance(value, bool) else _("'{value}' is not yes or no").format(value=value)
        )
    if kind == "choice":
        if answer_points(question, value) is not None:
            return None
        labels = ", ".join(f"'{o.label}'" for o in question.options)
        return _("'{value}' is not one of the options: {options}").format(
            value=value, options=labels
        )
    if not _is_number(value) or not math.isfinite(value) or value < 0:
        return _("'{value}' must be a number of 0 or more").format(value=value)
    if kind == "scale" and answer_points(question, value) is None:
        return _("{value} is outside the scale {low}–{high}").format(
            value=plain_number(value),
            low=plain_number(question.scale_min or 0),
            high=plain_number(question.scale_max or 0),
        )
    if kind in ("number", "timer") and question.bands and band_for(question, value) is None:
        return _(
            "{value}{unit} is outside every band of this question ({bands}), so it cannot "
            "be scored: check the value, and if it is right, ask the programme manager to add "
            "a band for it"
        ).format(value=plain_number(value), unit=_unit(question), bands=band_text(question))
    return None


def band_text(question: Question) -> str:
    """The question's bands as a person reads them: "0–300 s, 300–600 s, 600 s or more"."""
    unit = _unit(question)
    parts = []
    for band in sorted(question.bands, key=lambda b: b.min):
        if band.max is None:
            parts.append(_("{low}{unit} or more").format(low=plain_number(band.min), unit=unit))
        else:
            parts.append(f"{plain_number(band.min)}–{plain_number(band.max)}{unit}")
    return ", ".join(parts)


def _unit(question: Question) -> str:
    unit = "s" if question.type == "timer" else question.unit.strip()
    return f" {unit}" if unit else ""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(text: str, clock: bool) -> int | float:
    match = _CLOCK.match(text) if clock else None
    if match:  # a timer written as m:ss or h:mm:ss
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        message = (
            _("'{value}' is not a number (seconds, or m:ss)")
            if clock
            else _("'{value}' is not a number")
        )
        raise AnswerValueError(message.format(value=text)) from None
    if not math.isfinite(value) or value < 0:
        raise AnswerValueError(_("'{value}' must be a number of 0 or more").format(value=text))
    return int(value) if value.is_integer() else value


def _yes_no(text: str) -> bool:
    word = text.lower().removesuffix(".0")
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise AnswerValueError(_("'{value}' is not yes or no: write yes, no or n/a").format(value=text))


def _choice(question: Question, text: str) -> str:
    for option in question.options:
        if option.label.casefold() == text.casefold():
            return option.label
    labels = ", ".join(f"'{o.label}'" for o in question.options)
    raise AnswerValueError(
        _("'{value}' is not one of the options: {options}").format(value=text, options=labels)
    )
