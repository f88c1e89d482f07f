"""Scoring one mystery-shopper visit, the way the industry does it.

- A question earns points for its answer; its *possible* points are its ``points``.
  Points earned ÷ points possible gives a percentage at every level.
- N/A, a question hidden by its show-if condition, an unanswered optional question
  and text/photo evidence are out of the denominator (0 of 0), not 0 of N.
- A section's percentage is its points earned ÷ possible. The visit's percentage is
  the weighted mean of its sections' percentages; a section that is entirely N/A has
  no percentage and the other sections' weights are rescaled to sum to one.
- An answer *fails* when it earns less than the question's full points. A failed
  critical (knock-out) question scores its section 0 % or, when configured for the
  visit, the whole visit 0 % (the sections keep their own percentages, so the
  heatmap still shows where the visit went wrong).
- Scale answers earn points linearly between scale_min and scale_max; reverse scoring
  turns the scale (and yes/no) around. Number and timer answers earn their band's
  points; a value on a shared band boundary belongs to the lower band.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from journeymap.model.questionnaire import Question, Questionnaire, Section

QuestionOutcome = Literal["scored", "not_applicable", "hidden", "unanswered", "unscored"]


@dataclass(frozen=True)
class Answer:
    value: Any = None
    not_applicable: bool = False
    comment: str = ""

    @property
    def given(self) -> bool:
        return self.not_applicable or self.value not in (None, "", [])


@dataclass(frozen=True)
class QuestionScore:
    question_id: str
    section_id: str
    touchpoint: str
    dimension: str | None
    outcome: QuestionOutcome
    earned: float = 0.0
    possible: float = 0.0
    failed: bool = False
    critical_failed: bool = False


@dataclass(frozen=True)
class SectionScore:
    section_id: str
    touchpoint: str
    weight: float
    earned: float  # after a section knock-out: 0
    possible: float
    knocked_out: bool

    @property
    def pct(self) -> float | None:
        if self.possible <= 0:
            return None
        return 100.0 * self.earned / self.possible


@dataclass(frozen=True)
class VisitScore:
    questions: list[QuestionScore]
    sections: list[SectionScore]
    knocked_out: bool
    pct: float | None  # weighted mean of section percentages, 0 after a visit knock-out
    earned: float  # pooled points after knock-outs, for pooled aggregates
    possible: float
    touchpoints: dict[str, float] = field(default_factory=dict)
    dimensions: dict[str, tuple[float, float]] = field(default_factory=dict)


def answer_points(question: Question, value: Any) -> float | None:
    """The points ``value`` earns, or None when it is not an answer this question takes."""
    kind = question.type
    if kind == "yes_no":
        if not isinstance(value, bool):
            return None
        return question.points if value != question.reverse else 0.0
    if kind == "scale":
        low, high = question.scale_min, question.scale_max
        if not _is_number(value) or low is None or high is None or not low <= value <= high:
            return None
        share = (value - low) / (high - low)
        return question.points * (1 - share if question.reverse else share)
    if kind == "choice":
        option = next((o for o in question.options if o.label == value), None)
        return None if option is None else option.points
    if kind in ("number", "timer"):
        if not _is_number(value):
            return None
        band = band_for(question, float(value))
        return None if band is None else band.points
    return None


def band_for(question: Question, value: float) -> Any:
    """The band a number falls in (lower band on a shared boundary); None: outside."""
    for band in sorted(question.bands, key=lambda b: b.min):
        if band.min <= value and (band.max is None or value <= band.max):
            return band
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_shown(question: Question, answers: Mapping[str, Answer]) -> bool:
    """Whether the shopper is asked this question, given the earlier answers."""
    condition = question.show_if
    if condition is None:
        return True
    answer = answers.get(condition.question)
    if answer is None or answer.not_applicable:
        return False
    return _equal(answer.value, condition.equals)


def _equal(value: Any, wanted: Any) -> bool:
    if isinstance(wanted, bool) or isinstance(value, bool):
        return value is wanted
    if _is_number(value) and _is_number(wanted):
        return float(value) == float(wanted)
    return bool(value == wanted)


def shown_questions(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> set[str]:
    """Ids of the questions shown, following conditions through hidden questions."""
    shown: set[str] = set()
    visible: dict[str, Answer] = {}
    for question in questionnaire.questions():
        if is_shown(question, visible):
            shown.add(question.id)
            if question.id in answers:
                visible[question.id] = answers[question.id]
    return shown


def score_question(
    question: Question, section: Section, answer: Answer | None, shown: bool
) -> QuestionScore:
    unscored = QuestionScore(
        question_id=question.id,
        section_id=section.id,
        touchpoint=section.touchpoint,
        dimension=question.dimension,
        outcome="unscored",
    )
    if not question.scored:
        return unscored
    if not shown:
        return replace(unscored, outcome="hidden")
    if answer is not None and answer.not_applicable and question.allow_na:
        return replace(unscored, outcome="not_applicable")
    earned = None if answer is None else answer_points(question, answer.value)
    if earned is None:
        return replace(unscored, outcome="unanswered")
    failed = earned < question.points
    return replace(
        unscored,
        outcome="scored",
        earned=earned,
        possible=question.points,
        failed=failed,
        critical_failed=failed and question.critical,
    )


def score_visit(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> VisitScore:
    """Every level of one visit's score, from its answers by question id."""
    shown = shown_questions(questionnaire, answers)
    questions: list[QuestionScore] = []
    sections: list[SectionScore] = []
    visit_knock_out = False
    for section in questionnaire.sections:
        scores = [
            score_question(q, section, answers.get(q.id), q.id in shown) for q in section.questions
        ]
        questions += scores
        section_knock_out = False
        for question, score in zip(section.questions, scores, strict=True):
            if score.critical_failed:
                scope = question.critical_scope or questionnaire.critical_fails
                if scope == "visit":
                    visit_knock_out = True
                else:
                    section_knock_out = True
        earned = sum(s.earned for s in scores)
        possible = sum(s.possible for s in scores)
        sections.append(
            SectionScore(
                section_id=section.id,
                touchpoint=section.touchpoint,
                weight=section.weight,
                earned=0.0 if section_knock_out else earned,
                possible=possible,
                knocked_out=section_knock_out,
            )
        )
    pct = weighted_pct(sections)
    possible = sum(s.possible for s in sections)
    return VisitScore(
        questions=questions,
        sections=sections,
        knocked_out=visit_knock_out,
        pct=0.0 if visit_knock_out and pct is not None else pct,
        earned=0.0 if visit_knock_out else sum(s.earned for s in sections),
        possible=possible,
        touchpoints=_touchpoints(sections),
        dimensions=_dimensions(questions),
    )


def weighted_pct(sections: list[SectionScore]) -> float | None:
    """Weighted mean of the section percentages that exist (weights rescaled)."""
    scored = [(s.weight, s.pct) for s in sections if s.pct is not None]
    total = sum(weight for weight, _ in scored)
    if total <= 0:
        return None
    return sum(weight * pct for weight, pct in scored) / total


def _touchpoints(sections: list[SectionScore]) -> dict[str, float]:
    by_touchpoint: dict[str, list[SectionScore]] = {}
    for section in sections:
        by_touchpoint.setdefault(section.touchpoint, []).append(section)
    out = {}
    for touchpoint, group in by_touchpoint.items():
        pct = weighted_pct(group)
        if pct is not None:
            out[touchpoint] = pct
    return out


def _dimensions(questions: list[QuestionScore]) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for score in questions:
        if score.dimension and score.possible > 0:
            earned, possible = out.get(score.dimension, (0.0, 0.0))
            out[score.dimension] = (earned + score.earned, possible + score.possible)
    return out
