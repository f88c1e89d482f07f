"""A small constructed workspace whose report figures are known by hand.

Journey 'shop': two touchpoints, one named like an attack. 2026-Q2 has 100 answers at
each touchpoint, 2026-Q3 too; NPS per touchpoint (Q2 → Q3): the hostile one 0 → +40,
'Till' +20 → +20. Journey NPS: +10 → +30. Four counted visits in Q3 (100, 100, 100,
0 %: mean 75 %), four call-backs due in Q3 (three on time), two actions done in Q3 and
one in Q1.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from journeymap.model import parse_journey
from journeymap.model.actions import ActionFields
from journeymap.model.questionnaire_rules import parse_questionnaire
from journeymap.store.actions import create_action, set_status
from journeymap.store.cases import create_missing_cases, read_cases
from journeymap.store.evidence import insert_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import (
    insert_answers,
    insert_locations,
    insert_shoppers,
    insert_visits,
    save_questionnaire,
)
from journeymap.store.tables import DetractorCaseRow

HOSTILE = "<script>alert(1)</script>"
JOURNEY_ID = "shop"
NOW = datetime(2026, 10, 5, 9, tzinfo=UTC)
JOURNEY = {
    "id": JOURNEY_ID,
    "name": f"Shop {HOSTILE}",
    "stages": [{"id": "buy", "name": "Buy"}],
    "touchpoints": [
        {"id": "door", "name": HOSTILE, "stage": "buy", "channel": "branch"},
        {"id": "till", "name": "Till", "stage": "buy", "channel": "branch", "end": True},
    ],
    "transitions": [{"from": "door", "to": "till", "share": 0.9}],
    "entries": [{"touchpoint": "door", "customers_per_month": 1000}],
}
QUESTIONNAIRE = {
    "id": "shop-visit",
    "name": "Shop visit",
    "journey": JOURNEY_ID,
    "version": 1,
    "sections": [
        {
            "id": "welcome",
            "title": "Welcome at the till",
            "touchpoint": "till",
            "questions": [{"id": "greeted", "text": "Greeted?", "type": "yes_no", "points": 1}],
        }
    ],
}
# (touchpoint, quarter start, promoters, passives, detractors)
ANSWERS = (
    ("door", date(2026, 4, 1), 30, 40, 30),
    ("door", date(2026, 7, 1), 50, 40, 10),
    ("till", date(2026, 4, 1), 40, 40, 20),
    ("till", date(2026, 7, 1), 40, 40, 20),
)


def _responses() -> list[dict[str, object]]:
    rows = []
    for touchpoint, start, promoters, passives, detractors in ANSWERS:
        scores = [10] * promoters + [7] * passives + [2] * detractors
        for i, score in enumerate(scores):
            moment = datetime(start.year, start.month, start.day, 10, tzinfo=UTC)
            # Each group spread over the whole quarter, so no window sees only one kind.
            moment += timedelta(days=(i * 37) % 85, minutes=i)
            contact = ""
            comment = ""
            if score == 2 and start.month == 7 and touchpoint == "door" and i % 10 < 4:
                contact = f"customer{i}@example.com"
            if score == 10 and start.month == 7 and touchpoint == "door" and i < 2:
                comment = f"Lovely door {HOSTILE}"
            rows.append(
                {
                    "journey_id": JOURNEY_ID,
                    "dedup_key": f"{touchpoint}-{start}-{i}",
                    "touchpoint_id": touchpoint,
                    "responded_at": moment,
                    "score": score,
                    "comment": comment,
                    "contact": contact,
                }
            )
    return rows


def _visits(engine: Engine) -> None:
    save_questionnaire(engine, parse_questionnaire(QUESTIONNAIRE), actor="fixture")
    insert_locations(
        engine,
        [{"id": "shop-1", "name": "Shop 1", "region": "", "competitor": False}],
        actor="fixture",
    )
    insert_shoppers(engine, [{"id": "sam", "name": "Sam"}], actor="fixture")
    visits, answers = [], []
    for i, greeted in enumerate((True, True, True, False)):
        day = datetime(2026, 8, 3 + i, 11, tzinfo=UTC)
        visits.append(
            {
                "external_key": f"v{i}",
                "questionnaire_id": "shop-visit",
                "questionnaire_version": 1,
                "location_id": "shop-1",
                "shopper_id": "sam",
                "window_start": date(2026, 8, 1),
                "window_end": date(2026, 8, 31),
                "status": "approved",
                "visited_at": day,
            }
        )
        answers.append(
            {"visit_key": f"v{i}", "question_id": "greeted", "value": greeted, "saved_at": day}
        )
    insert_visits(engine, visits, actor="fixture")
    insert_answers(engine, answers, actor="fixture")


def _call_backs(engine: Engine) -> None:
    create_missing_cases(engine, JOURNEY_ID, actor="fixture", now=NOW)
    cases = read_cases(engine, JOURNEY_ID, now=NOW)
    assert len(cases) == 4
    with engine.begin() as connection:
        for i, row in enumerate(cases.itertuples()):
            hours = 2 if i < 3 else 30  # three within 24 h, one late
            # Made when the answer came in, as an import makes them: a case made after
            # its deadline could not have been met, and compliance leaves it out.
            connection.execute(
                DetractorCaseRow.__table__.update()
                .where(DetractorCaseRow.id == row.id)
                .values(
                    status="contacted",
                    created_at=row.responded_at,
                    contacted_at=row.responded_at + timedelta(hours=hours),
                )
            )


def _actions(engine: Engine) -> None:
    done = (
        ("Open the <b>second</b> door", ("door",), date(2026, 7, 20)),
        ("Train the till staff", ("till",), date(2026, 8, 15)),
        ("New price labels", ("till",), date(2026, 2, 1)),
    )
    for title, touchpoints, day in done:
        action = create_action(
            engine,
            JOURNEY_ID,
            ActionFields(title, touchpoints=touchpoints, source_kind="sand",
                         source_ref=touchpoints[0], impact=4, effort=2),
            actor="fixture",
            now=NOW,
        )  # fmt: skip
        set_status(
            engine, action.id, "done", actor="fixture", expected_version=1, done_on=day, now=NOW
        )
    create_action(
        engine, JOURNEY_ID, ActionFields("Still an idea", touchpoints=("door",)), actor="f"
    )


def build_workspace(engine: Engine) -> None:
    JourneyRepository(engine).save(parse_journey(JOURNEY), author="fixture", base_revision=None)
    insert_responses(engine, _responses(), actor="fixture")
    _visits(engine)
    _call_backs(engine)
    _actions(engine)
