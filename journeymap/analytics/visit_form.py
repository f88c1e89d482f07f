"""What a visit form needs besides the score: which questions to ask, what is missing.

Competitor visits never ask personal-data questions (no staff data is recorded on a
competitor's premises), so every function here takes ``competitor``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from journeymap.analytics.scoring import Answer, answer_points, shown_questions
from journeymap.i18n import _
from journeymap.model.questionnaire import Question, Questionnaire

MissingReason = Literal["answer", "comment"]


@dataclass(frozen=True)
class Missing:
    section_index: int
    section_title: str
    question_id: str
    question_text: str
    reason: MissingReason

    def sentence(self) -> str:
        if self.reason == "comment":
            return _("{question}: the answer misses full points, add a comment").format(
                question=self.question_text
            )
        return _("{question}: answer it").format(question=self.question_text)


def asked(question: Question, competitor: bool) -> bool:
    """Whether the question belongs on this visit's form at all."""
    return not (competitor and question.personal_data)


def visible_questions(
    questionnaire: Questionnaire, answers: Mapping[str, Answer], competitor: bool
) -> set[str]:
    """Ids of the questions the shopper sees now, given conditions and the location."""
    shown = shown_questions(questionnaire, answers)
    return {q.id for q in questionnaire.questions() if q.id in shown and asked(q, competitor)}


def needs_comment(question: Question, answer: Answer | None) -> bool:
    """A comment_on_fail question whose answer misses full points and has no comment."""
    if not question.comment_on_fail or answer is None or answer.not_applicable:
        return False
    earned = answer_points(question, answer.value)
    return earned is not None and earned < question.points and not answer.comment.strip()


def missing_before_submit(
    questionnaire: Questionnaire, answers: Mapping[str, Answer], competitor: bool
) -> list[Missing]:
    """Required answers and comments still missing, in form order."""
    visible = visible_questions(questionnaire, answers, competitor)
    missing = []
    for index, section in enumerate(questionnaire.sections):
        for question in section.questions:
            if question.id not in visible:
                continue
            answer = answers.get(question.id)
            reason: MissingReason | None = None
            if question.required and not (answer and answer.given):
                reason = "answer"
            elif needs_comment(question, answer):
                reason = "comment"
            if reason:
                missing.append(Missing(index, section.title, question.id, question.text, reason))
    return missing


def progress(
    questionnaire: Questionnaire, answers: Mapping[str, Answer], competitor: bool
) -> tuple[int, int]:
    """(answered, shown) questions: what the progress bar shows."""
    visible = visible_questions(questionnaire, answers, competitor)
    answered = sum(1 for q in visible if q in answers and answers[q].given)
    return answered, len(visible)
