"""The rules of a questionnaire that relate its parts to each other and to its journey:
unique ids, answer shapes, bands, scoring rules and conditions; and the warnings for
what is allowed but leaves answers unscorable (bands that do not cover every value)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import ValidationError

from journeymap.i18n import _
from journeymap.model.checks import did_you_mean
from journeymap.model.journey import Journey
from journeymap.model.parse import structure_problems
from journeymap.model.problems import InvalidInput, Problem
from journeymap.model.questionnaire import (
    BANDED_TYPES,
    UNSCORED_TYPES,
    Band,
    Question,
    Questionnaire,
)


def parse_questionnaire(data: Any, journey: Journey | None = None) -> Questionnaire:
    """A valid questionnaire from data, or :class:`InvalidInput` listing every problem."""
    if not isinstance(data, dict):
        raise InvalidInput(
            [Problem("", _("a questionnaire must be a mapping of keys (id, name, sections …)"))]
        )
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(structure_problems(error, data, Questionnaire)) from None
    problems = questionnaire_problems(questionnaire, journey)
    if problems:
        raise InvalidInput(problems)
    return questionnaire


def questionnaire_problems(questionnaire: Questionnaire, journey: Journey | None) -> list[Problem]:
    """Every cross-reference problem of a structurally valid questionnaire.

    ``journey`` is the journey the questionnaire belongs to; without it the touchpoint
    references are not checked (e.g. while the journey is being edited).
    """
    problems = _duplicate_ids(questionnaire)
    if journey is not None:
        problems += _journey_references(questionnaire, journey)
    seen: list[str] = []
    all_ids = [q.id for q in questionnaire.questions()]
    for section in questionnaire.sections:
        for question in section.questions:
            where = f"sections[{section.id}].questions[{question.id}]"
            problems += _answer_shape(question, where)
            problems += _scoring_rules(question, where)
            problems += _condition(question, where, seen, all_ids)
            problems += _condition_value(question, where, questionnaire)
            seen.append(question.id)
    return problems


def questionnaire_warnings(questionnaire: Questionnaire) -> list[Problem]:
    """What is allowed but leaves answers unscorable: bands that do not cover every value.

    A number or timer answer can be anything from 0 up (timers in whole seconds), and
    an answer outside every band is refused when it is given. Bands that start above 0
    or end at a maximum therefore make real answers impossible to record: a 700 s wait
    when the last band stops at 600 s.
    """
    warnings = []
    for section in questionnaire.sections:
        for question in section.questions:
            if question.type not in BANDED_TYPES or not question.bands:
                continue
            where = f"sections[{section.id}].questions[{question.id}].bands"
            unit = " s" if question.type == "timer" else f" {question.unit}".rstrip()
            ordered = sorted(question.bands, key=lambda b: b.min)
            if ordered[0].min > 0:
                warnings.append(
                    Problem(
                        where,
                        _(
                            "answers from 0 to below {min}{unit} fall in no band and cannot be "
                            "given: "
                            "start the first band at 0"
                        ).format(min=format(ordered[0].min, "g"), unit=unit),
                    )
                )
            top = ordered[-1].max
            if top is not None and all(b.max is not None for b in ordered):
                warnings.append(
                    Problem(
                        where,
                        _(
                            "answers above {top}{unit} fall in no band and cannot be given: leave "
                            "out max"
                            " in the last band so that it has no upper end"
                        ).format(top=format(top, "g"), unit=unit),
                    )
                )
    return warnings


def _duplicate_ids(questionnaire: Questionnaire) -> list[Problem]:
    problems = []
    for section_id, count in Counter(s.id for s in questionnaire.sections).items():
        if count > 1:
            problems.append(
                Problem(
                    f"sections[{section_id}]",
                    _(
                        "the section id '{section_id}' is used {count} times: give each section "
                        "its "
                        "own id"
                    ).format(section_id=section_id, count=count),
                )
            )
    # Question ids are unique across sections: conditions and answers refer to them alone.
    counts = Counter(q.id for q in questionnaire.questions())
    for section in questionnaire.sections:
        for question in section.questions:
            if counts[question.id] > 1:
                problems.append(
                    Problem(
                        f"sections[{section.id}].questions[{question.id}]",
                        _(
                            "the question id '{id}' is used {counts} times in the questionnaire: "
                            "give "
                            "each question its own id"
                        ).format(id=question.id, counts=counts[question.id]),
                    )
                )
                counts[question.id] = 0  # report each duplicate once
    return problems


def _journey_references(questionnaire: Questionnaire, journey: Journey) -> list[Problem]:
    problems = []
    if questionnaire.journey != journey.id:
        problems.append(
            Problem(
                "journey",
                _(
                    "the questionnaire is for journey '{journey}' but is checked against '{id}': "
                    "correct the journey id"
                ).format(journey=questionnaire.journey, id=journey.id),
            )
        )
    touchpoint_ids = [t.id for t in journey.touchpoints]
    for section in questionnaire.sections:
        if section.touchpoint not in touchpoint_ids:
            hint = did_you_mean(section.touchpoint, touchpoint_ids) or _(
                "; the journey's touchpoints are: {touchpoints}"
            ).format(touchpoints=", ".join(touchpoint_ids) or _("none yet"))
            problems.append(
                Problem(
                    f"sections[{section.id}].touchpoint",
                    _("unknown touchpoint '{touchpoint}'{hint}").format(
                        touchpoint=section.touchpoint, hint=hint
                    ),
                )
            )
    return problems


def _answer_shape(question: Question, where: str) -> list[Problem]:
    problems = []
    if question.type == "choice" and not question.options:
        problems.append(
            Problem(f"{where}.options", _("a choice question needs options: add at least two"))
        )
    if question.type == "scale":
        low, high = question.scale_min, question.scale_max
        if low is None or high is None:
            problems.append(
                Problem(
                    f"{where}.scale_min", _("a scale needs scale_min and scale_max, e.g. 1 and 5")
                )
            )
        elif low >= high:
            problems.append(
                Problem(
                    f"{where}.scale_max",
                    _("scale_max ({high}) must be greater than scale_min ({low})").format(
                        high=high, low=low
                    ),
                )
            )
    if question.bands and question.type not in BANDED_TYPES:
        problems.append(
            Problem(
                f"{where}.bands",
                _(
                    "bands only apply to number and timer questions, not '{type}': remove them or"
                    " change the type"
                ).format(type=question.type),
            )
        )
    problems += _band_problems(question.bands, f"{where}.bands")
    too_many = [o.label for o in question.options if o.points > question.points] + [
        _band_label(b) for b in question.bands if b.points > question.points
    ]
    if too_many:
        problems.append(
            Problem(
                f"{where}.points",
                _(
                    "{too_many} earn more than the question's {points} points: raise points to "
                    "the best answer's points"
                ).format(too_many=", ".join(too_many), points=format(question.points, "g")),
            )
        )
    return problems


def _band_label(band: Band) -> str:
    return f"band {band.min:g}–{'' if band.max is None else f'{band.max:g}'}"


def _band_problems(bands: list[Band], where: str) -> list[Problem]:
    problems = []
    for band in bands:
        if band.max is not None and band.max <= band.min:
            problems.append(
                Problem(
                    where,
                    _("{band_label} is empty: max must be greater than min").format(
                        band_label=_band_label(band)
                    ),
                )
            )
    ordered = sorted(bands, key=lambda b: b.min)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if lower.max is None or upper.min < lower.max:
            problems.append(
                Problem(
                    where,
                    _(
                        "{band_label} and {band_label2} overlap: let each band start where the "
                        "previous one ends"
                    ).format(band_label=_band_label(lower), band_label2=_band_label(upper)),
                )
            )
        elif upper.min > lower.max:
            problems.append(
                Problem(
                    where,
                    _(
                        "gap between {max} and {min}: an answer there earns no band; start the "
                        "next "
                        "band at {max}"
                    ).format(max=format(lower.max, "g"), min=format(upper.min, "g")),
                )
            )
    return problems


def _condition(
    question: Question, where: str, seen: list[str], all_ids: list[str]
) -> list[Problem]:
    condition = question.show_if
    if condition is None:
        return []
    if condition.question == question.id:
        return [Problem(f"{where}.show_if", _("a question cannot depend on itself"))]
    if condition.question in seen:
        return []
    if condition.question in all_ids:
        return [
            Problem(
                f"{where}.show_if",
                _(
                    "'{question}' comes later in the questionnaire: a question can only depend on"
                    " one asked before it; move one of them"
                ).format(question=condition.question),
            )
        ]
    hint = did_you_mean(condition.question, all_ids) or _("; refer to a question asked before it")
    return [
        Problem(
            f"{where}.show_if",
            _("unknown question '{question}'{hint}").format(question=condition.question, hint=hint),
        )
    ]


def _scoring_rules(question: Question, where: str) -> list[Problem]:
    """Rules that keep scores honest: only answers that can be judged earn points."""
    problems = []
    if question.type in UNSCORED_TYPES and question.points > 0:
        problems.append(
            Problem(
                f"{where}.points",
                _(
                    "{type} answers are evidence, not scored: set points to 0 or use a yes/no, "
                    "scale, choice, number or timer question"
                ).format(type=question.type),
            )
        )
    if question.type in BANDED_TYPES and question.points > 0 and not question.bands:
        problems.append(
            Problem(
                f"{where}.bands",
                _(
                    "a scored {type} question needs bands that give its points, e.g. [{{min: 0, "
                    "max: 180, points: 3}}, {{min: 180, points: 0}}]"
                ).format(type=question.type),
            )
        )
    if question.personal_data and question.type != "text":
        problems.append(
            Problem(
                f"{where}.personal_data",
                _("only free-text questions can be marked as personal data"),
            )
        )
    if not question.scored:
        for flag in ("critical", "comment_on_fail"):
            if getattr(question, flag):
                problems.append(
                    Problem(
                        f"{where}.{flag}",
                        _(
                            "{flag} needs a scored question (points above 0) that an answer can "
                            "fail"
                        ).format(flag=flag),
                    )
                )
    return problems


def _condition_value(question: Question, where: str, questionnaire: Questionnaire) -> list[Problem]:
    """The value a condition waits for must be an answer the earlier question can get."""
    condition = question.show_if
    if condition is None:
        return []
    target = next((q for q in questionnaire.questions() if q.id == condition.question), None)
    if target is None or target.id == question.id:
        return []  # reported by _condition
    wanted = condition.equals
    ok = True
    if target.type == "yes_no":
        ok = isinstance(wanted, bool)
        expected = "true or false"
    elif target.type == "choice":
        labels = [o.label for o in target.options]
        ok = wanted in labels
        expected = "one of " + ", ".join(f"'{label}'" for label in labels)
    elif target.type == "scale" and target.scale_min is not None and target.scale_max is not None:
        ok = (
            isinstance(wanted, int | float)
            and not isinstance(wanted, bool)
            and target.scale_min <= wanted <= target.scale_max
        )
        expected = f"a number from {target.scale_min} to {target.scale_max}"
    if ok:
        return []
    return [
        Problem(
            f"{where}.show_if.equals",
            _("'{question}' can never be answered {wanted}: use {expected}").format(
                question=condition.question, wanted=repr(wanted), expected=expected
            ),
        )
    ]
