"""A small mystery-shopping workspace for the store, app and browser tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select

from journeymap.io.journey_files import read_journey_file
from journeymap.io.questionnaire_files import read_questionnaire_file
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.answers import save_answer
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import (
    insert_locations,
    insert_shoppers,
    insert_visits,
    save_questionnaire,
)
from journeymap.store.tables import VisitRow
from tests.conftest import JOURNEYS_DIR, ROOT

TABLET_QUESTIONNAIRE = ROOT / "tests" / "fixtures" / "bank-tablet.yaml"
SHOPPER_ID = "tablet-tester"
SHOPPER_NAME = "Tess Tablet"


def tablet_questionnaire() -> Questionnaire:
    journey = read_journey_file(JOURNEYS_DIR / "bank-advisory.yaml").journey
    return read_questionnaire_file(TABLET_QUESTIONNAIRE, journey)


def seed_tablet_visit(engine: Engine, key: str = "tablet-1", competitor: bool = False) -> int:
    """The bank journey (if missing), the tablet questionnaire and one assigned visit."""
    repository = JourneyRepository(engine)
    if repository.get("bank-advisory") is None:
        journey = read_journey_file(JOURNEYS_DIR / "bank-advisory.yaml").journey
        repository.save(journey, author="fixture", base_revision=None)
    save_questionnaire(engine, tablet_questionnaire(), actor="fixture")
    location = "rival-bank" if competitor else "tablet-branch"
    insert_locations(
        engine,
        [
            {"id": "tablet-branch", "name": "Test branch", "region": "Test", "competitor": False},
            {"id": "rival-bank", "name": "Rival bank", "region": "Test", "competitor": True},
        ],
        actor="fixture",
    )
    insert_shoppers(engine, [{"id": SHOPPER_ID, "name": SHOPPER_NAME}], actor="fixture")
    insert_visits(
        engine,
        [
            {
                "external_key": key,
                "questionnaire_id": "bank-tablet",
                "questionnaire_version": 1,
                "location_id": location,
                "shopper_id": SHOPPER_ID,
                "scenario": "Ask about a first mortgage; bring payslips.",
                "window_start": date(2026, 11, 1),
                "window_end": date(2026, 11, 30),
                "status": "assigned",
            }
        ],
        actor="fixture",
    )
    with engine.connect() as connection:
        return int(connection.scalar(select(VisitRow.id).where(VisitRow.external_key == key)) or 0)


# A full-points answer to every required question of the tablet questionnaire: enough to
# submit, and nothing failed that would need a comment.
REQUIRED_ANSWERS = {
    "greeted": True,
    "wait": 120,
    "tidy": 5,
    "whole-economy": True,
    "outcome": "A pre-approval",
    "minutes": 45,
    "jargon": False,
}


def answer_required(engine: Engine, visit_id: int, actor: str = "fixture") -> None:
    """Give the tablet visit every required answer, as its shopper would."""
    for question_id, value in REQUIRED_ANSWERS.items():
        save_answer(engine, visit_id, question_id, value=value, actor=actor)
