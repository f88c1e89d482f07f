"""Typeform's webhook: one ``form_response`` event per submitted form.

The payload (Typeform's "Example webhook payload") holds ``form_response`` with the
response's ``token`` (its id), ``submitted_at``, ``hidden`` fields, the form's
``definition`` (title, fields) and ``answers``, each naming its ``field`` (id, type,
ref). The score is the answer to the form's NPS question (field type ``nps``), or to
the field whose ref or id is given; the touchpoint, location, segment and contact come
from hidden fields of those names (or the names given), as a Typeform link carries them
(``…#touchpoint=book-online``); the comment is the first long text answer, or the
field given; the contact, failing a hidden field, the first e-mail or phone answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.io.webhooks.payloads import Pushed, cell, need_object, refuse

PAYLOAD = "Typeform payload"
SCORE_TYPES = ("nps", "opinion_scale", "rating")  # in order of preference


@dataclass(frozen=True)
class TypeformFields:
    """Which field is which; None: Typeform's usual place (see the module's docstring)."""

    score: str | None = None  # field ref or id
    comment: str | None = None
    touchpoint: str = "touchpoint"  # hidden field
    touchpoint_value: str | None = None  # one touchpoint for every response
    location: str = "location"
    segment: str = "segment"
    contact: str = "contact"


def read_typeform(payload: Any, fields: TypeformFields = TypeformFields()) -> Pushed:
    body = need_object(payload, "the body", PAYLOAD)
    if body.get("event_type", "form_response") != "form_response":
        raise refuse(
            "event_type",
            f"'{cell(body.get('event_type'))}' is not a form response: only form_response "
            "events hold answers",
            PAYLOAD,
        )
    response = need_object(body.get("form_response"), "form_response", PAYLOAD)
    definition = response.get("definition") if isinstance(response.get("definition"), dict) else {}
    hidden = response.get("hidden") if isinstance(response.get("hidden"), dict) else {}
    answers = [a for a in response.get("answers") or [] if isinstance(a, dict)]
    score = _answer(answers, fields.score, SCORE_TYPES)
    if fields.score and score is None:
        refs = ", ".join(_ref(a) for a in answers) or "none"
        raise refuse(
            "form_response.answers",
            f"no answer to the field '{fields.score}': the answers are to {refs}",
            PAYLOAD,
        )
    comment = _answer(answers, fields.comment, ("long_text",))
    contact = hidden.get(fields.contact) or _first_value(answers, ("email", "phone_number"))
    row = {
        "response_id": cell(response.get("token")),
        "score": cell(_value(score)) if score else "",
        "responded_at": cell(response.get("submitted_at")),
        "touchpoint": fields.touchpoint_value or cell(hidden.get(fields.touchpoint)),
        "location": cell(hidden.get(fields.location)),
        "segment": cell(hidden.get(fields.segment)),
        "comment": cell(_value(comment)) if comment else "",
        "contact": cell(contact),
    }
    if not row["response_id"]:
        raise refuse(
            "form_response.token", "is missing: Typeform names each response by it", PAYLOAD
        )
    title = cell(definition.get("title")) or cell(response.get("form_id")) or "form"
    return Pushed([row], f"Typeform: {title}")


def _ref(answer: dict[str, Any]) -> str:
    field = answer.get("field") or {}
    return cell(field.get("ref") or field.get("id"))


def _answer(
    answers: list[dict[str, Any]], named: str | None, types: tuple[str, ...]
) -> dict[str, Any] | None:
    if named:
        for answer in answers:
            field = answer.get("field") or {}
            if named in (field.get("ref"), field.get("id")):
                return answer
        return None
    for kind in types:
        for answer in answers:
            if (answer.get("field") or {}).get("type") == kind:
                return answer
    return None


def _value(answer: dict[str, Any]) -> Any:
    """The answer's value under the key its ``type`` names (number, text, email …)."""
    kind = answer.get("type")
    if kind == "choice":
        return (answer.get("choice") or {}).get("label")
    return answer.get(kind) if isinstance(kind, str) else None


def _first_value(answers: list[dict[str, Any]], kinds: tuple[str, ...]) -> Any:
    for answer in answers:
        if answer.get("type") in kinds:
            return _value(answer)
    return None
