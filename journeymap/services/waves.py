"""Planning a wave of visits: previewed first, then saved as it was previewed.

A wave is N visits at each chosen location for one questionnaire within a date window,
spread over the active shoppers by journeymap.analytics.wave_plan. Without chosen
locations a wave visits every active own location but those visited only for other
journeys (an agency's workspace holds other clients' branches too): the journey's own
branches and new ones nobody has visited yet. A competitor is visited only when named,
since a competitor's visits cost the most and are planned on purpose. The plan
is computed and shown without writing anything; saving stores exactly that plan, all
or nothing, after checking again that nobody in it was switched off meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from journeymap.analytics.wave_plan import PlannedVisit, PlanRefused, shopper_loads
from journeymap.analytics.wave_plan import plan_wave as make_plan
from journeymap.i18n import N_, _, ngettext
from journeymap.model.access import Capability, Viewer
from journeymap.model.people import Location
from journeymap.services.access import actor, require
from journeymap.services.programme import MAX_SCENARIO_CHARS
from journeymap.store import people as people_store
from journeymap.store import programme as programme_store
from journeymap.store.assignments import AlreadyAssigned, SwitchedOff
from journeymap.store.visit_plans import (
    MAX_WAVE,
    WaveTaken,
    WaveVisit,
    store_wave,
    visited_locations,
    wave_names,
)

__all__ = [
    "AlreadyAssigned",
    "PlanRefused",
    "PlannedVisit",
    "SwitchedOff",
    "WavePlan",
    "WaveRequest",
    "WaveTaken",
    "default_locations",
    "plan_wave",
    "save_wave",
    "waves",
]

PLANNING = N_("plan waves of visits")


@dataclass(frozen=True)
class WaveRequest:
    questionnaire_id: str
    start: date
    end: date
    per_location: int
    locations: tuple[str, ...] = ()  # none: every active own location
    name: str = ""  # none: "<questionnaire> <start> to <end>"
    scenario: str = ""


@dataclass(frozen=True)
class WavePlan:
    """A previewed wave: what saving it stores."""

    name: str
    questionnaire_id: str
    questionnaire_version: int
    start: date
    end: date
    per_location: int
    scenario: str
    visits: list[PlannedVisit]
    shopper_names: dict[str, str] = field(default_factory=dict)
    location_names: dict[str, str] = field(default_factory=dict)

    @property
    def loads(self) -> dict[str, int]:
        """Visits per shopper in the plan (every active shopper, 0 for those left out)."""
        return dict.fromkeys(self.shopper_names, 0) | shopper_loads(self.visits)


def waves(viewer: Viewer, engine: Engine, journey_id: str | None = None) -> list[str]:
    """The waves with visits, newest first (for filters and lists)."""
    require(viewer, Capability.VIEW_LOCATION_RESULTS, N_("see the programme's waves"))
    return wave_names(engine, journey_id)


def plan_wave(viewer: Viewer, engine: Engine, request: WaveRequest) -> WavePlan:
    """The plan for the request, stored nowhere; PlanRefused (a sentence) when it cannot
    be made: too few shoppers, an unknown or switched-off location, a taken name."""
    require(viewer, Capability.RUN_PROGRAMME, PLANNING)
    questionnaire = programme_store.newest_questionnaire(engine, request.questionnaire_id)
    if questionnaire is None:
        raise PlanRefused(
            _(
                "there is no questionnaire '{questionnaire_id}': store it first "
                "(import-questionnaire FILE, or the Programme page's Questionnaires tab)"
            ).format(questionnaire_id=request.questionnaire_id)
        )
    name = " ".join(request.name.split()) or (
        f"{questionnaire.id} {request.start:%Y-%m-%d} to {request.end:%Y-%m-%d}"
    )
    if len(name) > MAX_WAVE:
        raise PlanRefused(
            _("the wave's name has {count} characters: keep it under {max_wave}").format(
                count=len(name), max_wave=MAX_WAVE
            )
        )
    if name in wave_names(engine):
        raise PlanRefused(
            _("wave '{name}' has visits already: give the new wave another name").format(name=name)
        )
    scenario = request.scenario.strip()
    if len(scenario) > MAX_SCENARIO_CHARS:
        raise PlanRefused(
            _("the scenario has {count} characters; keep it under {max_scenario_chars}").format(
                count=len(scenario), max_scenario_chars=MAX_SCENARIO_CHARS
            )
        )
    chosen = request.locations or _default_locations(engine, questionnaire.journey)
    places = _chosen_locations(engine, chosen)
    shoppers = people_store.read_shoppers(engine, active_only=True)
    visits = make_plan(places, shoppers, request.per_location, request.start, request.end)
    return WavePlan(
        name=name,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        start=request.start,
        end=request.end,
        per_location=request.per_location,
        scenario=scenario,
        visits=visits,
        shopper_names={s.id: s.name for s in shoppers},
        location_names={p.id: p.name for p in places},
    )


def default_locations(viewer: Viewer, engine: Engine, questionnaire_id: str) -> list[str]:
    """The locations a wave of the questionnaire visits unless others are chosen."""
    require(viewer, Capability.RUN_PROGRAMME, PLANNING)
    questionnaire = programme_store.newest_questionnaire(engine, questionnaire_id)
    if questionnaire is None:
        return []
    return list(_default_locations(engine, questionnaire.journey))


def _default_locations(engine: Engine, journey_id: str) -> tuple[str, ...]:
    own = [p for p in people_store.read_location_list(engine) if p.active and not p.competitor]
    others = visited_locations(engine) - visited_locations(engine, journey_id)
    return tuple(p.id for p in own if p.id not in others)


def _chosen_locations(engine: Engine, chosen: Sequence[str]) -> list[Location]:
    known = {location.id: location for location in people_store.read_location_list(engine)}
    if not chosen:
        raise PlanRefused(_("there is no active own location to visit: add one, or name them"))
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise PlanRefused(
            _(
                "there is no location {value}: check the id (the Programme page and "
                "`locations` list them)"
            ).format(value=", ".join(repr(u) for u in unknown))
        )
    off = [known[c].name for c in chosen if not known[c].active]
    if off:
        raise PlanRefused(
            ngettext(
                "{names} is switched off: switch it on or leave it out",
                "{names} are switched off: switch them on or leave them out",
                len(off),
            ).format(names=", ".join(off))
        )
    return [known[c] for c in dict.fromkeys(chosen)]


def save_wave(viewer: Viewer, engine: Engine, plan: WavePlan) -> list[int]:
    """Store the previewed plan's visits as assigned; their ids. WaveTaken when the wave
    was saved already (nothing is added twice), SwitchedOff or AlreadyAssigned when the
    programme changed since the preview (nothing is added: plan again)."""
    require(viewer, Capability.RUN_PROGRAMME, PLANNING)
    if not plan.visits:
        raise PlanRefused(_("the plan has no visits: plan the wave again"))
    return store_wave(
        engine,
        questionnaire_id=plan.questionnaire_id,
        questionnaire_version=plan.questionnaire_version,
        wave=plan.name,
        visits=[WaveVisit(v.shopper, v.location, v.planned_on) for v in plan.visits],
        window_end=plan.end,
        scenario=plan.scenario,
        actor=actor(viewer),
    )
