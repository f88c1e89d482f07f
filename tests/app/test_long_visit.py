"""A realistic 30-question visit through the form's own widgets, section by section,
with the app session dropped between sections: every answer is there at the end."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from journeymap.io.journey_files import read_journey_file
from journeymap.model.questionnaire_rules import parse_questionnaire
from journeymap.store.answers import read_visit_answers
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import (
    insert_locations,
    insert_shoppers,
    insert_visits,
    save_questionnaire,
)
from journeymap.store.tables import VisitRow
from journeymap.store.visits import get_visit
from tests.app.test_pages import assert_clean
from tests.app.test_shopping_pages import open_visit, widget_key
from tests.conftest import JOURNEYS_DIR

SECTIONS = [
    ("booking", "book-telefon"),
    ("arrival", "venter-filial"),
    ("meeting", "raadgivningsmoede"),
    ("follow-up", "opfoelgning-raadgiver"),
    ("offer", "tilbudsbrev"),
]
PER_SECTION = 6


def long_questionnaire() -> dict[str, object]:
    sections = []
    for name, touchpoint in SECTIONS:
        questions = []
        for i in range(PER_SECTION):
            if i % 2:
                questions.append(
                    {
                        "id": f"{name}-{i}",
                        "text": f"How good was {name} step {i}?",
                        "type": "scale",
                        "scale_min": 1,
                        "scale_max": 5,
                        "points": 4,
                    }
                )
            else:
                questions.append(
                    {
                        "id": f"{name}-{i}",
                        "text": f"Did {name} step {i} keep the promise?",
                        "type": "yes_no",
                        "points": 2,
                    }
                )
        sections.append(
            {"id": name, "title": f"The {name}", "touchpoint": touchpoint, "questions": questions}
        )
    return {
        "id": "long-visit",
        "name": "Thirty questions",
        "journey": "bank-advisory",
        "sections": sections,
    }


def test_thirty_questions_section_by_section_survive_every_reload(empty_workspace: str) -> None:
    engine = open_database(empty_workspace)
    journey = read_journey_file(JOURNEYS_DIR / "bank-advisory.yaml").journey
    JourneyRepository(engine).save(journey, author="fixture", base_revision=None)
    questionnaire = parse_questionnaire(long_questionnaire(), journey)
    assert sum(len(s.questions) for s in questionnaire.sections) == 30
    save_questionnaire(engine, questionnaire, actor="fixture")
    insert_locations(
        engine,
        [{"id": "b1", "name": "Branch", "region": "R", "competitor": False}],
        actor="fixture",
    )
    insert_shoppers(engine, [{"id": "s1", "name": "Sara Shopper"}], actor="fixture")
    insert_visits(
        engine,
        [
            {
                "external_key": "long-1",
                "questionnaire_id": "long-visit",
                "questionnaire_version": 1,
                "location_id": "b1",
                "shopper_id": "s1",
                "scenario": "Book and attend an advisory meeting.",
                "window_start": date(2026, 11, 1),
                "window_end": date(2026, 11, 30),
                "status": "assigned",
            }
        ],
        actor="fixture",
    )
    with engine.connect() as connection:
        visit_id = int(
            connection.scalar(select(VisitRow.id).where(VisitRow.external_key == "long-1"))
        )
    expected: dict[str, object] = {}
    for number, section in enumerate(questionnaire.sections, start=1):
        at = open_visit(visit_id, section=number)  # a new session: a reload or a restart
        assert_clean(at)
        for i, question in enumerate(section.questions):
            if question.type == "yes_no":
                value: object = "Yes" if i % 4 == 0 else "No"
                at.radio(key=widget_key(visit_id, question.id, "choice")).set_value(value).run()
                expected[question.id] = value == "Yes"
            else:
                value = 1 + (i + number) % 5
                at.radio(key=widget_key(visit_id, question.id, "choice")).set_value(value).run()
                expected[question.id] = value
            assert_clean(at)
        stored = read_visit_answers(engine, visit_id)
        assert {q.id for q in section.questions} <= set(stored)
    stored = read_visit_answers(engine, visit_id)
    assert {qid: stored[qid].value for qid in expected} == expected
    at = open_visit(visit_id, section=len(questionnaire.sections) + 1)
    assert_clean(at)
    next(b for b in at.button if b.label == "Submit visit").click().run()
    assert_clean(at)
    visit = get_visit(engine, visit_id)
    assert visit is not None
    assert visit.status == "submitted"
    assert len(read_visit_answers(engine, visit_id)) == 30
