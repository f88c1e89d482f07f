"""Mystery-shopper questionnaires: sections tied to touchpoints, typed questions.

Like the journey, field-level rules live on the models; the rules that relate parts to
each other (ids, bands, conditions, the journey's touchpoints) are in
:mod:`journeymap.model.questionnaire_rules`, so that an editor can hold a draft and list
its problems. Scoring is not here: it belongs to analytics.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from journeymap.model.journey import Slug, Strict

QuestionType = Literal["yes_no", "scale", "choice", "number", "timer", "text", "photo"]
QUESTION_TYPES: tuple[str, ...] = ("yes_no", "scale", "choice", "number", "timer", "text", "photo")
BANDED_TYPES: tuple[str, ...] = ("number", "timer")
UNSCORED_TYPES: tuple[str, ...] = ("text", "photo")
Dimension = Literal["professional_knowledge", "communication", "personal_service"]
CriticalScope = Literal["section", "visit"]


class Option(Strict):
    """One answer of a choice question and the points it earns."""

    label: str = Field(min_length=1)
    points: float = Field(default=0, ge=0)


class Band(Strict):
    """A range of a number or timer answer (timers in seconds) and its points.

    ``max`` is inclusive and ``None`` means open-ended, so bands read the way
    practitioners write them: "wait ≤ 180 s = 3 points, 180–300 s = 1, > 300 s = 0"
    is ``[0, 180] 3``, ``[180, 300] 1``, ``[300, None] 0``; a value on a shared
    boundary belongs to the lower band.
    """

    min: float
    max: float | None = None
    points: float = Field(default=0, ge=0)


class Condition(Strict):
    """Show a question only when an earlier question was answered with ``equals``."""

    question: str
    equals: bool | int | float | str


class Question(Strict):
    id: Slug
    text: str = Field(min_length=1)
    help: str = ""
    type: QuestionType
    points: float = Field(default=0, ge=0)  # the most this question can earn
    scale_min: int | None = None
    scale_max: int | None = None
    options: list[Option] = Field(default_factory=list)
    unit: str = ""
    bands: list[Band] = Field(default_factory=list)
    # The bad answer is the high one: "Did the adviser use jargon?" yes = 0 points.
    reverse: bool = False
    allow_na: bool = False
    required: bool = True
    # A failed critical (knock-out) question fails its section or the whole visit:
    # ``critical_scope`` says which; None follows the questionnaire's ``critical_fails``.
    critical: bool = False
    critical_scope: CriticalScope | None = None
    # An answer fails when it earns less than the question's full points.
    comment_on_fail: bool = False
    dimension: Dimension | None = None
    show_if: Condition | None = None
    # Free text that may name or describe a person (e.g. staff): left out of exports
    # unless asked for, and never asked on a competitor's premises.
    personal_data: bool = False

    @property
    def scored(self) -> bool:
        return self.points > 0 and self.type not in UNSCORED_TYPES


class Section(Strict):
    id: Slug
    title: str = Field(min_length=1)
    touchpoint: str
    weight: float = Field(default=1, gt=0)
    questions: list[Question] = Field(default_factory=list)


class Questionnaire(Strict):
    """What a mystery shopper checks on a visit, section by section along a journey."""

    id: Slug
    name: str = Field(min_length=1)
    journey: str
    version: int = Field(default=1, ge=1)
    description: str = ""
    critical_fails: CriticalScope = "section"
    sections: list[Section] = Field(default_factory=list)

    def questions(self) -> list[Question]:
        """Every question, in the order the shopper meets them."""
        return [q for section in self.sections for q in section.questions]
