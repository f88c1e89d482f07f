"""Bands that cover every answer, and one rule for an answer outside them everywhere.

A timer answer of 700 s when the bands stop at 600 s earns no band. Stored anyway, it
drops out of the score's denominator (the visit below scores 50 % instead of 28.6 %);
so the form and the import both refuse it with the bands in the sentence, and
`validate` warns about bands that cannot take every value from 0 up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from journeymap.analytics.answer_values import AnswerValueError, answer_refusal, coerce_answer
from journeymap.analytics.scoring import Answer, score_visit
from journeymap.model.questionnaire import Questionnaire
from journeymap.model.questionnaire_rules import questionnaire_problems, questionnaire_warnings
from journeymap.store.engine import open_database
from tests.shopping import TABLET_QUESTIONNAIRE, seed_tablet_visit
from tests.unit.test_cli import run

OPEN_ENDED = [
    {"min": 0, "max": 300, "points": 3},
    {"min": 300, "max": 600, "points": 1},
    {"min": 600, "points": 0},
]


def questionnaire(bands: list[dict[str, Any]], kind: str = "timer") -> Questionnaire:
    return Questionnaire.model_validate(
        {
            "id": "door",
            "name": "Door",
            "journey": "shop",
            "sections": [
                {
                    "id": "arrival",
                    "title": "Arrival",
                    "touchpoint": "entrance",
                    "questions": [
                        {"id": "greeted", "text": "Greeted?", "type": "yes_no", "points": 2},
                        {
                            "id": "tidy",
                            "text": "Tidy?",
                            "type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                            "points": 2,
                        },
                        {
                            "id": "wait",
                            "text": "How long did you wait?",
                            "type": kind,
                            "unit": "min" if kind == "number" else "",
                            "points": 3,
                            "bands": bands,
                        },
                    ],
                }
            ],
        }
    )


WAITED_700 = {"greeted": Answer(True), "tidy": Answer(1), "wait": Answer(700)}


def test_the_score_a_band_less_answer_would_give() -> None:
    # Greeted 2 of 2, tidy 0 of 2, waited 700 s: the open last band gives 0 of 3.
    covered = score_visit(questionnaire(OPEN_ENDED), WAITED_700)
    assert covered.pct == pytest.approx(100 * 2 / 7)  # 28.6 %
    # Bands stopping at 600 s leave the wait out of the denominator altogether.
    stopping = score_visit(questionnaire(OPEN_ENDED[:2]), WAITED_700)
    assert stopping.pct == pytest.approx(50.0)


def test_form_and_import_refuse_it_in_the_same_words() -> None:
    question = questionnaire(OPEN_ENDED[:2]).questions()[2]
    sentence = answer_refusal(question, 700, not_applicable=False)
    assert sentence == (
        "700 s is outside every band of this question (0–300 s, 300–600 s), so it cannot be "
        "scored: check the value, and if it is right, ask the programme manager to add a band "
        "for it"
    )
    with pytest.raises(AnswerValueError) as refused:
        coerce_answer(question, "11:40")  # 700 s as m:ss, as a paper form has it
    assert str(refused.value) == sentence
    assert answer_refusal(question, 600, not_applicable=False) is None
    open_ended = questionnaire(OPEN_ENDED).questions()[2]
    assert answer_refusal(open_ended, 86_400, not_applicable=False) is None


def test_the_sentence_names_a_number_questions_unit() -> None:
    question = questionnaire([{"min": 5, "max": 30, "points": 3}], "number").questions()[2]
    assert answer_refusal(question, 2.5, not_applicable=False) == (
        "2.5 min is outside every band of this question (5–30 min), so it cannot be scored: "
        "check the value, and if it is right, ask the programme manager to add a band for it"
    )


@pytest.mark.parametrize(
    ("bands", "expected"),
    [
        (OPEN_ENDED, []),
        (
            OPEN_ENDED[:2],
            [
                "sections[arrival].questions[wait].bands: answers above 600 s fall in no band "
                "and cannot be given: leave out max in the last band so that it has no upper end"
            ],
        ),
        (
            OPEN_ENDED[1:],
            [
                "sections[arrival].questions[wait].bands: answers from 0 to below 300 s fall in "
                "no band and cannot be given: start the first band at 0"
            ],
        ),
    ],
    ids=["0 to ∞", "stops at 600", "starts at 300"],
)
def test_validation_warns_about_bands_that_leave_answers_out(
    bands: list[dict[str, Any]], expected: list[str]
) -> None:
    assert [str(w) for w in questionnaire_warnings(questionnaire(bands))] == expected


def test_a_gap_between_bands_is_still_a_problem() -> None:
    gap = [{"min": 0, "max": 300, "points": 3}, {"min": 400, "points": 0}]
    assert [p.message for p in questionnaire_problems(questionnaire(gap), None)] == [
        "gap between 300 and 400: an answer there earns no band; start the next band at 300"
    ]


def stopping_file(folder: Path) -> Path:
    data = yaml.safe_load(TABLET_QUESTIONNAIRE.read_text(encoding="utf-8"))
    wait = next(q for q in data["sections"][0]["questions"] if q["id"] == "wait")
    wait["bands"] = wait["bands"][:2]
    data["version"] = 2
    path = folder / "bank-tablet-v2.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


WARNING = (
    "sections[arrival].questions[wait].bands: answers above 600 s fall in no band and cannot "
    "be given: leave out max in the last band so that it has no upper end"
)


def test_validate_and_import_questionnaire_say_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = stopping_file(tmp_path)
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (0, "")
    assert err.splitlines()[1:] == [f"{path}: warning: {WARNING}"]
    code, out, err = run(capsys, "validate", str(TABLET_QUESTIONNAIRE))
    assert "warning" not in err
    url = f"sqlite:///{tmp_path / 'j.db'}"
    seed_tablet_visit(open_database(url))
    code, out, err = run(capsys, "--db", url, "import-questionnaire", str(path))
    assert (code, out, err) == (
        0,
        "bank-tablet version 2: stored\n",
        f"{path}: warning: {WARNING}\n",
    )
