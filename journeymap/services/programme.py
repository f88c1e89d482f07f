"""Running the mystery-shopper programme: what it holds, assigning, cancelling and
reassigning visits.

Only a role that runs the programme (RUN_PROGRAMME) reads or changes it here. An
assignment names its shopper, location and first day; the same three twice is refused
with a sentence rather than stored twice or dropped without a word. A switched-off
shopper or location gets no new visit. A visit can be cancelled until it is submitted
and given to another shopper until it is started: what a shopper has submitted is a
reviewer's to decide on, and answers belong to whoever gave them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.model.questionnaire import Questionnaire
from journeymap.services.access import actor, require
from journeymap.store import people as people_store
from journeymap.store import programme as programme_store
from journeymap.store import visit_plans
from journeymap.store import visits as visit_store
from journeymap.store.assignments import AlreadyAssigned, Assignment, SwitchedOff, day_text
from journeymap.store.assignments import assign_visit as store_assignment
from journeymap.store.visit_plans import VisitClosed
from journeymap.store.visits import VisitInfo

__all__ = [
    "AlreadyAssigned",
    "Assignment",
    "Programme",
    "SwitchedOff",
    "VisitClosed",
    "VisitInfo",
    "assign_visit",
    "cancel_visit",
    "day_text",
    "programme",
    "reassign_visit",
]

RUNNING = N_("run the shopping programme")
MAX_SCENARIO_CHARS = 4000


@dataclass(frozen=True)
class Programme:
    """A journey's programme: newest questionnaires, visits, and who and where to visit.

    ``locations`` and ``shoppers`` are the active ones: those a new visit may go to.
    """

    questionnaires: list[Questionnaire]
    visits: list[VisitInfo]
    locations: dict[str, str]  # id → name
    competitors: dict[str, bool]  # id → whether the location is a competitor's
    shoppers: dict[str, str]  # id → name


def programme(viewer: Viewer, engine: Engine, journey_id: str) -> Programme:
    require(viewer, Capability.RUN_PROGRAMME, RUNNING)
    locations = people_store.read_location_list(engine, active_only=True)
    return Programme(
        questionnaires=programme_store.read_questionnaires(engine, journey_id),
        visits=visit_store.list_visits(engine, journey_id=journey_id),
        locations={p.id: p.name for p in locations},
        competitors={p.id: p.competitor for p in locations},
        shoppers={s.id: s.name for s in people_store.read_shoppers(engine, active_only=True)},
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
    require(viewer, Capability.RUN_PROGRAMME, N_("assign visits"))
    if window_end < window_start:
        raise ValueError(
            _(
                "the window ends ({day_text}) before it starts ({day_text2}): choose the "
                "first day first"
            ).format(day_text=day_text(window_end), day_text2=day_text(window_start))
        )
    scenario = scenario.strip()
    if len(scenario) > MAX_SCENARIO_CHARS:
        raise ValueError(
            _("the scenario has {count} characters; keep it under {max_scenario_chars}").format(
                count=len(scenario), max_scenario_chars=MAX_SCENARIO_CHARS
            )
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


def cancel_visit(viewer: Viewer, engine: Engine, visit_id: int, reason: str = "") -> str:
    """Cancel a visit that has not been submitted; its status before. VisitClosed (a
    sentence) for a submitted, reviewed or cancelled one."""
    require(viewer, Capability.RUN_PROGRAMME, N_("cancel visits"))
    reason = " ".join(reason.split())
    if len(reason) > visit_plans.MAX_REASON:
        raise ValueError(
            _("the reason has {count} characters; keep it under {max_reason}").format(
                count=len(reason), max_reason=visit_plans.MAX_REASON
            )
        )
    return visit_plans.cancel_visit(engine, visit_id, reason, actor=actor(viewer))


def reassign_visit(viewer: Viewer, engine: Engine, visit_id: int, shopper_id: str) -> str:
    """Give a visit nobody has started to another active shopper; the shopper's name.

    Refused (VisitClosed) once the visit is started, submitted or reviewed, and
    (AlreadyAssigned) when the shopper has a visit at that location on that day or in
    that wave already. Links issued for the visit stop working.
    """
    require(viewer, Capability.RUN_PROGRAMME, N_("reassign visits"))
    return visit_plans.reassign_visit(engine, visit_id, shopper_id, actor=actor(viewer))
