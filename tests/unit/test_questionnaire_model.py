"""Questionnaire validation: each case is a small change to a valid questionnaire."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from journeymap.model import InvalidInput, Journey
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.questionnaire_rules import parse_questionnaire, questionnaire_problems

JOURNEY = Journey.model_validate(
    {
        "id": "shop",
        "name": "Shop",
        "stages": [{"id": "buy", "name": "Buy"}],
        "touchpoints": [
            {"id": "entrance", "name": "Entrance", "stage": "buy", "channel": "branch"},
            {"id": "checkout", "name": "Checkout", "stage": "buy", "channel": "branch"},
        ],
    }
)


def valid() -> dict[str, Any]:
    return {
        "id": "shop-visit",
        "name": "Shop visit",
        "journey": "shop",
        "sections": [
            {
                "id": "greeting",
                "title": "Greeting",
                "touchpoint": "entrance",
                "questions": [
                    {"id": "q1", "text": "Greeted within a minute?", "type": "yes_no", "points": 2},
                    {
                        "id": "q2",
                        "text": "How friendly?",
                        "type": "scale",
                        "points": 4,
                        "scale_min": 1,
                        "scale_max": 5,
                    },
                    {
                        "id": "q3",
                        "text": "Wait at the door",
                        "type": "timer",
                        "points": 3,
                        "bands": [
                            {"min": 0, "max": 60, "points": 3},
                            {"min": 60, "max": 180, "points": 1},
                            {"min": 180, "points": 0},
                        ],
                    },
                ],
            },
            {
                "id": "till",
                "title": "At the till",
                "touchpoint": "checkout",
                "weight": 2,
                "questions": [
                    {
                        "id": "q4",
                        "text": "Offer made?",
                        "type": "choice",
                        "points": 2,
                        "options": [{"label": "Yes", "points": 2}, {"label": "No", "points": 0}],
                    },
                    {
                        "id": "q5",
                        "text": "Did they apologise?",
                        "type": "yes_no",
                        "points": 1,
                        "show_if": {"question": "q1", "equals": False},
                    },
                ],
            },
        ],
    }


def question(data: dict[str, Any], question_id: str) -> dict[str, Any]:
    for section in data["sections"]:
        for q in section["questions"]:
            if q["id"] == question_id:
                return q
    raise KeyError(question_id)


Edit = Callable[[dict[str, Any]], None]


def set_in(question_id: str, **fields: Any) -> Edit:
    return lambda data: question(data, question_id).update(fields)


def bands(*triples: tuple[float, float | None, float]) -> list[dict[str, Any]]:
    return [{"min": lo, "max": hi, "points": p} for lo, hi, p in triples]


CASES: list[tuple[str, Edit, list[str]]] = [
    ("valid", lambda d: None, []),
    (
        "duplicate section id",
        lambda d: d["sections"][1].update(id="greeting"),
        [
            "sections[greeting]: the section id 'greeting' is used 2 times: give each section "
            "its own id"
        ],
    ),
    (
        "duplicate question id across sections",
        set_in("q4", id="q1"),
        [
            "sections[greeting].questions[q1]: the question id 'q1' is used 2 times in the "
            "questionnaire: give each question its own id"
        ],
    ),
    (
        "unknown touchpoint with a typo",
        lambda d: d["sections"][1].update(touchpoint="chekout"),
        ["sections[till].touchpoint: unknown touchpoint 'chekout'; did you mean 'checkout'?"],
    ),
    (
        "gap between bands",
        set_in("q3", bands=bands((0, 60, 3), (90, 180, 1), (180, None, 0))),
        [
            "sections[greeting].questions[q3].bands: gap between 60 and 90: an answer there "
            "earns no band; start the next band at 60"
        ],
    ),
    (
        "overlapping bands, unordered in the file",
        set_in("q3", bands=bands((120, None, 0), (0, 150, 3))),
        [
            "sections[greeting].questions[q3].bands: band 0–150 and band 120– overlap: let "
            "each band start where the previous one ends"
        ],
    ),
    (
        "two open-ended bands",
        set_in("q3", bands=bands((0, 60, 3), (60, None, 1), (120, None, 0))),
        [
            "sections[greeting].questions[q3].bands: band 60– and band 120– overlap: let "
            "each band start where the previous one ends"
        ],
    ),
    (
        "empty band",
        set_in("q3", bands=bands((0, 0, 3), (0, None, 0))),
        ["sections[greeting].questions[q3].bands: band 0–0 is empty: max must be greater than min"],
    ),
    (
        "band earns more than the question",
        set_in("q3", points=2),
        [
            "sections[greeting].questions[q3].points: band 0–60 earn more than the question's "
            "2 points: raise points to the best answer's points"
        ],
    ),
    (
        "bands on a yes/no question",
        set_in("q1", bands=bands((0, None, 1))),
        [
            "sections[greeting].questions[q1].bands: bands only apply to number and timer "
            "questions, not 'yes_no': remove them or change the type"
        ],
    ),
    (
        "show_if refers to a later question",
        set_in("q1", show_if={"question": "q4", "equals": "Yes"}),
        [
            "sections[greeting].questions[q1].show_if: 'q4' comes later in the questionnaire: "
            "a question can only depend on one asked before it; move one of them"
        ],
    ),
    (
        "show_if refers to an unknown question",
        set_in("q5", show_if={"question": "q9", "equals": True}),
        [
            "sections[till].questions[q5].show_if: unknown question 'q9'; refer to a "
            "question asked before it"
        ],
    ),
    (
        "show_if refers to itself",
        set_in("q5", show_if={"question": "q5", "equals": True}),
        ["sections[till].questions[q5].show_if: a question cannot depend on itself"],
    ),
    (
        "choice without options",
        set_in("q4", options=[]),
        ["sections[till].questions[q4].options: a choice question needs options: add at least two"],
    ),
    (
        "scale with min equal to max",
        set_in("q2", scale_min=5),
        [
            "sections[greeting].questions[q2].scale_max: scale_max (5) must be greater than "
            "scale_min (5)"
        ],
    ),
    (
        "scale without bounds",
        set_in("q2", scale_max=None),
        [
            "sections[greeting].questions[q2].scale_min: a scale needs scale_min and "
            "scale_max, e.g. 1 and 5"
        ],
    ),
    (
        "scored free text",
        lambda d: d["sections"][0]["questions"].append(
            {"id": "q6", "text": "Notes", "type": "text", "points": 1}
        ),
        [
            "sections[greeting].questions[q6].points: text answers are evidence, not scored: "
            "set points to 0 or use a yes/no, scale, choice, number or timer question"
        ],
    ),
    (
        "scored timer without bands",
        set_in("q3", bands=[]),
        [
            "sections[greeting].questions[q3].bands: a scored timer question needs bands that "
            "give its points, e.g. [{min: 0, max: 180, points: 3}, {min: 180, points: 0}]"
        ],
    ),
    (
        "personal data on a yes/no question",
        set_in("q1", personal_data=True),
        [
            "sections[greeting].questions[q1].personal_data: only free-text questions can be "
            "marked as personal data"
        ],
    ),
    (
        "critical question without points",
        set_in("q1", points=0, critical=True),
        [
            "sections[greeting].questions[q1].critical: critical needs a scored question "
            "(points above 0) that an answer can fail"
        ],
    ),
    (
        "condition waits for an answer the question cannot get",
        set_in("q5", show_if={"question": "q1", "equals": "no"}),
        [
            "sections[till].questions[q5].show_if.equals: 'q1' can never be answered 'no': "
            "use true or false"
        ],
    ),
    (
        "condition on a choice label that does not exist",
        lambda d: d["sections"][1]["questions"][1].update(
            show_if={"question": "q4", "equals": "Maybe"}
        ),
        [
            "sections[till].questions[q5].show_if.equals: 'q4' can never be answered 'Maybe': "
            "use one of 'Yes', 'No'"
        ],
    ),
    (
        "questionnaire for another journey",
        lambda d: d.update(journey="bank"),
        [
            "journey: the questionnaire is for journey 'bank' but is checked against 'shop': "
            "correct the journey id"
        ],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_questionnaire_problems(edit: Edit, expected: list[str]) -> None:
    data = copy.deepcopy(valid())
    edit(data)
    questionnaire = Questionnaire.model_validate(data)
    assert [str(p) for p in questionnaire_problems(questionnaire, JOURNEY)] == expected


STRUCTURE_CASES: list[tuple[str, Edit, str]] = [
    (
        "unknown question type",
        set_in("q1", type="checkbox"),
        "sections[greeting].questions[q1].type: 'checkbox' is not allowed here: use "
        "'yes_no', 'scale', 'choice', 'number', 'timer', 'text' or 'photo'",
    ),
    (
        "unknown key",
        set_in("q1", point=2),
        "sections[greeting].questions[q1].point: unknown key 'point'; did you mean 'points'?",
    ),
    (
        "zero section weight",
        lambda d: d["sections"][0].update(weight=0),
        "sections[greeting].weight: weight 0 is out of range: it must be more than 0.0",
    ),
    (
        "version zero",
        lambda d: d.update(version=0),
        "version: version 0 is out of range: it must be at least 1",
    ),
    (
        "negative section weight",
        lambda d: d["sections"][1].update(weight=-1),
        "sections[till].weight: weight -1 is out of range: it must be more than 0.0",
    ),
    (
        "unknown critical scope",
        set_in("q1", critical=True, critical_scope="round"),
        "sections[greeting].questions[q1].critical_scope: 'round' is not allowed here: use "
        "'section' or 'visit'",
    ),
    (
        "unknown dimension",
        set_in("q2", dimension="empathy"),
        "sections[greeting].questions[q2].dimension: 'empathy' is not allowed here: use "
        "'professional_knowledge', 'communication' or 'personal_service'",
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"), [c[1:] for c in STRUCTURE_CASES], ids=[c[0] for c in STRUCTURE_CASES]
)
def test_parse_reports_structure_problems(edit: Edit, expected: str) -> None:
    data = copy.deepcopy(valid())
    edit(data)
    with pytest.raises(InvalidInput) as caught:
        parse_questionnaire(data, JOURNEY)
    assert [str(p) for p in caught.value.problems] == [expected]


def test_parse_accepts_the_valid_questionnaire_with_defaults() -> None:
    parsed = parse_questionnaire(valid(), JOURNEY)
    assert (parsed.version, parsed.critical_fails) == (1, "section")
    assert [q.id for q in parsed.questions()] == ["q1", "q2", "q3", "q4", "q5"]
    assert parsed.sections[0].weight == 1
    assert parsed.questions()[0].required is True


def test_parse_reports_cross_reference_problems_too() -> None:
    data = valid()
    question(data, "q4")["options"] = []
    with pytest.raises(InvalidInput, match="a choice question needs options"):
        parse_questionnaire(data, JOURNEY)
