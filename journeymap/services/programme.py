"""Running the mystery-shopper programme: what it holds, and assigning visits.

Only a role that runs the programme (RUN_PROGRAMME) reads or changes it here. An
assignment names its shopper, location and first day; the same three twice is refused
with a sentence rather than stored twice or dropped without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.services.access import actor, require
from journeymap.store import programme as programme_store
from journeymap.store import visits as visit_store
from journeymap.store.assignments import AlreadyAssigned, Assignment, day_text
from journeymap.store.assignments import assign_visit as store_assignment
from journeymap.store.visits import VisitInfo

__all__ = [
    "AlreadyAssigned",
    "Assignment",
    "Programme",
    "VisitInfo",
    "assign_visit",
    "day_text",
    "programme",
]

RUNNING = "run the shopping programme"
MAX_SCENARIO_CHARS = 4000


@dataclass(frozen=True)
class Programme:
    """A journey's programme: newest questionnaires, visits, and who and where to visit."""

    questionnaires: list[Questionnaire]
    visits: list[VisitInfo]
    locations: dict[str, str]  # id → name
    competitors: dict[str, bool]  # id → whether the location is a competitor's
    shoppers: dict[str, str]  # id → name


def programme(viewer: Viewer, engine: Engine, journey_id: str) -> Programme:
    require(viewer, Capability.RUN_PROGRAMME, RUNNING)
    locations = programme_store.read_locations(engine)
    return Programme(
        questionnaires=programme_store.read_questionnaires(engine, journey_id),
        visits=visit_store.list_visits(engine, journey_id=journey_id),
        locations=dict(zip(locations["id"], locations["name"], strict=True)),
        competitors=dict(zip(locations["id"], locations["competitor"].astype(bool), strict=True)),
        shoppers=visit_store.list_shoppers(engine),
    )


def assign_visit(
    viewer: Viewer,
    engine: Engine,
    questionnaire: Questionnaire,
    *,
    location_id: str,
    shopper_id: str,
    window_start: date,
    window_end: date,
    scenario: str = "",
) -> Assignment:
    """A new assigned visit with a key of its own; AlreadyAssigned (a sentence naming
    shopper, location and day) when the shopper has a visit there on that day."""
    require(viewer, Capability.RUN_PROGRAMME, "assign visits")
    if window_end < window_start:
        raise ValueError(
            f"the window ends ({day_text(window_end)}) before it starts "
            f"({day_text(window_start)}): choose the first day first"
        )
    scenario = scenario.strip()
    if len(scenario) > MAX_SCENARIO_CHARS:
        raise ValueError(
            f"the scenario has {len(scenario)} characters; keep it under {MAX_SCENARIO_CHARS}"
        )
    return store_assignment(
        engine,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        location_id=location_id,
        shopper_id=shopper_id,
        window_start=window_start,
        window_end=window_end,
        scenario=scenario,
        actor=actor(viewer),
    )
