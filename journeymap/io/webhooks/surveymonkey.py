"""SurveyMonkey's webhook, and what must come with it for a response to be stored.

SurveyMonkey's ``response_completed`` event names the response (``object_id``, and
``resources``: survey, collector, respondent) but holds none of its answers: a receiver
is expected to fetch them from SurveyMonkey's API. journeymap fetches nothing from
outside, so the event must arrive with the response's details beside it, under
``response`` — the object SurveyMonkey's API answers for GET
/v3/surveys/{survey}/responses/{id}/details, as a relay (Power Automate, Zapier, a
small script) fetches and forwards it. Of it are read ``id``, ``date_modified`` (or
``date_created``), ``custom_variables`` (touchpoint, location, segment, contact: a
SurveyMonkey link carries them as ``?touchpoint=…``), ``email_address`` and the answers
in ``pages[].questions[].answers[]``: the score is the ``simple_text`` or ``text`` of
the answer to the question whose id is given (``score_question``), the comment that of
``comment_question``. An event alone is refused with this explanation, never stored
half.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.io.webhooks.payloads import Pushed, cell, need_object, refuse

PAYLOAD = "SurveyMonkey payload"
WITHOUT_ANSWERS = (
    "SurveyMonkey's event names response {id} but holds none of its answers, and "
    "journeymap fetches nothing from outside: forward the event with the response's "
    "details (GET /v3/surveys/{{survey}}/responses/{{id}}/details) under 'response'"
)


@dataclass(frozen=True)
class SurveyMonkeyFields:
    score_question: str | None = None  # question id; None: the only 0–10 answer
    comment_question: str | None = None
    touchpoint: str = "touchpoint"  # custom variable
    touchpoint_value: str | None = None
    location: str = "location"
    segment: str = "segment"
    contact: str = "contact"


def read_surveymonkey(payload: Any, fields: SurveyMonkeyFields = SurveyMonkeyFields()) -> Pushed:
    body = need_object(payload, "the body", PAYLOAD)
    event = cell(body.get("event_type"))
    if event and event not in ("response_completed", "response_updated"):
        raise refuse(
            "event_type",
            f"'{event}' is not a completed or updated response: subscribe the webhook to "
            "response_completed",
            PAYLOAD,
        )
    details = body.get("response")
    if details is None:
        raise refuse("response", WITHOUT_ANSWERS.format(id=cell(body.get("object_id"))), PAYLOAD)
    details = need_object(details, "response", PAYLOAD)
    answers = _answers(details)
    variables = details.get("custom_variables") or {}
    score = _score(answers, fields.score_question)
    resources = body.get("resources") if isinstance(body.get("resources"), dict) else {}
    row = {
        "response_id": cell(details.get("id") or body.get("object_id")),
        "score": score,
        "responded_at": cell(details.get("date_modified") or details.get("date_created")),
        "touchpoint": fields.touchpoint_value or cell(variables.get(fields.touchpoint)),
        "location": cell(variables.get(fields.location)),
        "segment": cell(variables.get(fields.segment)),
        "comment": answers.get(fields.comment_question or "", ""),
        "contact": cell(variables.get(fields.contact) or details.get("email_address")),
    }
    if not row["response_id"]:
        raise refuse("response.id", "is missing: SurveyMonkey names each response by it", PAYLOAD)
    survey = cell(details.get("survey_id") or resources.get("survey_id") or body.get("filter_id"))
    return Pushed([row], f"SurveyMonkey: {survey or 'survey'}")


def _answers(details: dict[str, Any]) -> dict[str, str]:
    """Question id → the answer's text (the first answer of each question)."""
    found: dict[str, str] = {}
    for page in details.get("pages") or []:
        for question in (page or {}).get("questions") or []:
            for answer in (question or {}).get("answers") or []:
                text = cell(answer.get("simple_text") or answer.get("text"))
                found.setdefault(cell(question.get("id")), text)
    return found


def _score(answers: dict[str, str], question: str | None) -> str:
    if question:
        if question not in answers:
            known = ", ".join(answers) or "none"
            raise refuse(
                "response.pages",
                f"no answer to the question '{question}': the answers are to {known}",
                PAYLOAD,
            )
        return answers[question]
    scores = [t for t in answers.values() if t.strip().isdigit() and 0 <= int(t) <= 10]
    if len(scores) != 1:
        raise refuse(
            "score_question",
            f"{len(scores)} answers could be the 0–10 score: name the recommend question's "
            "id (?score_question=ID)",
            PAYLOAD,
        )
    return scores[0]
