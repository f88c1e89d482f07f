"""One branch visited with two questionnaires (and two versions of one), in two rounds.

Hand-computed visit scores with the tablet questionnaire's points:

- full answers: arrival 7/7, meeting 9/9 → 100 %;
- greeted "no" (with its comment) and the knock-out "whole economy" failed: arrival
  5/7 = 71.43 %, meeting knocked out → 0 %; weights 1 and 2 → 71.43 / 3 = 23.8 %.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine

from journeymap.model.questionnaire import Questionnaire
from journeymap.store.programme import insert_answers, insert_visits, save_questionnaire
from tests.shopping import REQUIRED_ANSWERS, SHOPPER_ID, seed_tablet_visit, tablet_questionnaire

FULL = dict(REQUIRED_ANSWERS)
POOR = FULL | {"greeted": False, "whole-economy": False}
FULL_PCT, POOR_PCT = 100.0, 23.8
SEPTEMBER, NOVEMBER, DECEMBER = date(2026, 9, 10), date(2026, 11, 5), date(2026, 12, 2)


def phone_questionnaire() -> Questionnaire:
    """Another questionnaire of the same journey (the same questions, another id)."""
    return tablet_questionnaire().model_copy(update={"id": "bank-phone", "name": "Phone call"})


def tablet_v2() -> Questionnaire:
    return tablet_questionnaire().model_copy(update={"version": 2, "name": "Branch visit v2"})


def seed_results_workspace(engine: Engine) -> None:
    """bank-tablet v1 full in September (wave Q3), bank-phone v1 poor in November (wave
    Q4), bank-tablet v2 poor in December (wave Q4), all approved, at the tablet branch."""
    seed_tablet_visit(engine)
    save_questionnaire(engine, phone_questionnaire(), actor="fixture")
    save_questionnaire(engine, tablet_v2(), actor="fixture")
    visits = [
        _visit("t1", "bank-tablet", 1, SEPTEMBER, "Q3"),
        _visit("p1", "bank-phone", 1, NOVEMBER, "Q4"),
        _visit("t2", "bank-tablet", 2, DECEMBER, "Q4"),
    ]
    insert_visits(engine, visits, actor="fixture")
    answers = [
        _answer(key, qid, value, comment="Nobody at the desk" if qid == "greeted" else "")
        for key, given in (("t1", FULL), ("p1", POOR), ("t2", POOR))
        for qid, value in given.items()
    ]
    insert_answers(engine, answers, actor="fixture")


def _visit(key: str, questionnaire: str, version: int, day: date, wave: str) -> dict[str, Any]:
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return {
        "external_key": key,
        "questionnaire_id": questionnaire,
        "questionnaire_version": version,
        "location_id": "tablet-branch",
        "shopper_id": SHOPPER_ID,
        "scenario": "",
        "window_start": day,
        "window_end": day,
        "status": "approved",
        "visited_at": moment,
        "submitted_at": moment,
        "reviewed_at": moment,
        "wave": wave,
    }


def _answer(key: str, question_id: str, value: Any, comment: str) -> dict[str, Any]:
    return {
        "visit_key": key,
        "question_id": question_id,
        "value": value,
        "comment": comment,
        "saved_at": datetime(2026, 9, 10, 12, tzinfo=UTC),
    }
