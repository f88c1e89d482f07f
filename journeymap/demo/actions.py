"""The demo's improvement actions: the outer loop a team that uses journeymap would have.

Per journey: the change behind the improving touchpoint, done when the improvement
started (so 'Did it work?' has evidence on both sides and says improved); an action in
progress on the worst sand; an idea from the most common call-back root cause; and a few
small changes done this year, so the goal's progress is more than zero. Titles come
from the journey's own opportunities where it has them, in the journey's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine

from journeymap.demo.story import IMPROVEMENT_STARTS, Story
from journeymap.i18n import _, current_language
from journeymap.model import Journey, Touchpoint
from journeymap.model.actions import ActionFields
from journeymap.store.actions import create_action, list_actions, set_status
from journeymap.store.cases import read_cases

DONE_THIS_YEAR = 4  # small changes done since 1 January, besides the improvement
WORST_SAND_DAYS = 182  # the sand ranking's default window: the last half year
PLANNING_DAYS = 30  # an action is written down about a month before it is done
# What was done at the improving touchpoint (see demo.story), in the journey's language.
IMPROVEMENTS: dict[str, str] = {
    "bank-advisory": "Tilbagekald til utilfredse kunder inden for 24 timer fra en fælles "
    "opgaveliste",
    "retail-returns": "Give chat agents a goodwill budget: they may issue refunds themselves",
    "telecom-support": "Staff the chat for the peaks, at most two chats per agent",
}
# The same, for the demo in another language (journeys/translations/<language>/).
IMPROVEMENTS_IN: dict[str, dict[str, str]] = {
    "da": {
        "bank-advisory": IMPROVEMENTS["bank-advisory"],
        "retail-returns": "Giv chatmedarbejderne et goodwill-budget, så de selv kan udbetale "
        "refusioner",
        "telecom-support": "Bemand chatten i spidsbelastninger, højst to chats pr. medarbejder",
    },
    "nb": {
        "bank-advisory": "Tilbakeringing til misfornøyde kunder innen 24 timer fra en felles "
        "oppgaveliste",
        "retail-returns": "Gi chatmedarbeiderne et goodwill-budsjett, så de kan refundere selv",
        "telecom-support": "Bemann chatten i toppene, maks to chatter per medarbeider",
    },
    "sv": {
        "bank-advisory": "Återuppringning till missnöjda kunder inom 24 timmar från en gemensam "
        "uppgiftslista",
        "retail-returns": "Ge chattagenterna en goodwillbudget så att de själva kan betala "
        "tillbaka",
        "telecom-support": "Bemanna chatten vid toppar, högst två chattar per medarbetare",
    },
}


@dataclass(frozen=True)
class PlannedAction:
    fields: ActionFields
    status: str  # idea, in_progress or done
    created_on: date
    done_on: date | None = None


def seed_demo_actions(
    engine: Engine,
    journey: Journey,
    story: Story,
    responses: pd.DataFrame,
    today: date,
    *,
    actor: str,
) -> int:
    """Store the journey's demo actions once; the number created (0 on a second run).

    A journey that already has actions is left alone: the demo's may have been moved on
    or edited since (a later 'today' would plan different ones), and a team's own are
    theirs, not a story to add to.
    """
    if list_actions(engine, journey.id):
        return 0
    planned = plan_actions(engine, journey, story, responses, today)
    ids = [tp.id for tp in journey.touchpoints]
    for plan in planned:
        _store(engine, journey.id, plan, ids, actor)
    return len(planned)


def plan_actions(
    engine: Engine, journey: Journey, story: Story, responses: pd.DataFrame, today: date
) -> list[PlannedAction]:
    """The actions to create, with their statuses and dates."""
    touchpoints = {tp.id: tp for tp in journey.touchpoints}
    planned = []
    if story.improving in touchpoints:
        planned.append(_improvement(journey, touchpoints[story.improving], today))
    worst = worst_sand(story, responses, today)
    if worst in touchpoints:
        planned.append(_sand_action(touchpoints[worst], today))
    covered = {t for p in planned for t in p.fields.touchpoints}
    idea = _case_idea(engine, journey, covered, today)
    if idea is not None:
        planned.append(idea)
    planned += _done_this_year(journey, story, today)
    return planned


def worst_sand(story: Story, responses: pd.DataFrame, today: date) -> str | None:
    """The story's sand touchpoint with the most detractors over the last half year.

    Most customers hit is what the sand ranking weighs most; on the example journeys
    this is the ranking's first item.
    """
    if not story.sand:
        return None
    if responses.empty:
        return story.sand[0]
    since = pd.Timestamp(today - timedelta(days=WORST_SAND_DAYS), tz="UTC")
    recent = responses[
        (pd.to_datetime(responses["responded_at"], utc=True) >= since)
        & (responses["survey_kind"] == "transactional")
        & (responses["score"] <= 6)
    ]
    detractors = recent["touchpoint_id"].value_counts()
    return max(story.sand, key=lambda tp: (int(detractors.get(tp, 0)), tp))


def _improvement(journey: Journey, tp: Touchpoint, today: date) -> PlannedAction:
    done_on = today - timedelta(days=IMPROVEMENT_STARTS)
    title = (
        IMPROVEMENTS_IN.get(current_language(), {}).get(journey.id)
        or IMPROVEMENTS.get(journey.id)
        or _opportunity(tp)
        or _("Improve {touchpoint}").format(touchpoint=tp.name)
    )
    fields = ActionFields(
        title=title,
        touchpoints=(tp.id,),
        category="process",
        owner=tp.owner,
        impact=4,
        effort=2,
    )
    return PlannedAction(fields, "done", done_on - timedelta(days=PLANNING_DAYS), done_on)


def _sand_action(tp: Touchpoint, today: date) -> PlannedAction:
    fields = ActionFields(
        title=_opportunity(tp) or _("Remove the sand at {touchpoint}").format(touchpoint=tp.name),
        touchpoints=(tp.id,),
        source_kind="sand",
        source_ref=tp.id,
        source_text="; ".join(tp.pain_points),
        category="process",
        owner=tp.owner,
        impact=5,
        effort=3,
        due_on=today + timedelta(days=60),
    )
    return PlannedAction(fields, "in_progress", today - timedelta(days=PLANNING_DAYS))


def _case_idea(
    engine: Engine, journey: Journey, covered: set[str], today: date
) -> PlannedAction | None:
    """An idea from the root cause colleagues noted most often, at a step not yet acted on."""
    cases = read_cases(engine, journey.id)
    if cases.empty:
        return None
    cases = cases[
        cases["root_cause"].fillna("").str.strip().astype(bool)
        & ~cases["touchpoint_id"].isin(covered)
    ]
    if cases.empty:
        return None
    cause = cases["root_cause"].value_counts().sort_index().idxmax()
    case = cases[cases["root_cause"] == cause].sort_values("responded_at").iloc[-1]
    fields = ActionFields(
        title=_("Fix the cause: {cause}").format(cause=cause),
        touchpoints=(case["touchpoint_id"],) if case["touchpoint_id"] else (),
        source_kind="case",
        source_ref=str(case["id"]),
        source_text=cause,
        category="process",
        impact=3,
        effort=3,
    )
    return PlannedAction(fields, "idea", today - timedelta(days=7))


def _done_this_year(journey: Journey, story: Story, today: date) -> list[PlannedAction]:
    """Small changes at touchpoints the story leaves alone, done since 1 January."""
    named = {*story.sand, story.improving, story.worsening}
    quiet = [tp for tp in journey.touchpoints if tp.id not in named and _opportunity(tp)]
    step = max(1, len(quiet) // DONE_THIS_YEAR)
    chosen = quiet[::step][:DONE_THIS_YEAR]
    return [
        PlannedAction(
            ActionFields(
                title=_opportunity(tp),
                touchpoints=(tp.id,),
                category="process",
                owner=tp.owner,
                impact=3,
                effort=2,
            ),
            "done",
            day - timedelta(days=PLANNING_DAYS),
            day,
        )
        for tp, day in zip(chosen, _days_this_year(len(chosen), today), strict=True)
    ]


def _days_this_year(count: int, today: date) -> list[date]:
    """``count`` days spread evenly from 1 January to today (all today on 1 January)."""
    start = date(today.year, 1, 1)
    elapsed = (today - start).days
    return [start + timedelta(days=elapsed * (i + 1) // (count + 1)) for i in range(count)]


def _opportunity(tp: Touchpoint) -> str:
    return next((o.strip() for o in tp.opportunities if o.strip()), "")


def _store(
    engine: Engine, journey_id: str, plan: PlannedAction, ids: Iterable[str], actor: str
) -> None:
    created = _moment(plan.created_on)
    action = create_action(
        engine, journey_id, plan.fields, actor=actor, touchpoint_ids=ids, now=created
    )
    if plan.status == "idea":
        return
    moved = _moment(plan.done_on or plan.created_on, hour=16)
    set_status(
        engine,
        action.id,
        plan.status,
        actor=actor,
        expected_version=action.version,
        done_on=plan.done_on,
        now=moved,
    )


def _moment(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)
