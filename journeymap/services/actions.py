"""Improvement actions: adding and moving them, and 'Did it work?' for each done one.

Every change needs MANAGE_ACTIONS (leaders and admins) and is saved under the acting
person's name; the touchpoints an action names are checked against its journey here, not
taken from the page that asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics.action_effect import Effect, Windows, action_effect
from journeymap.analytics.actions import MAX_TITLE_CHARS, actions_for_touchpoint
from journeymap.charts.health import HEALTH_LABELS
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.access import Capability, Viewer
from journeymap.model.actions import Action, ActionFields, status_label
from journeymap.services import workspace_time
from journeymap.services.access import actor, require
from journeymap.services.sand import (
    SandReport,
    evidence_filter,
    sand_report,
    visit_touchpoint_scores,
)
from journeymap.services.theme_analysis import ThemeSummary, theme_summaries
from journeymap.store import actions as action_store
from journeymap.store.actions import ActionChanged, ActionsKey
from journeymap.store.cases import read_cases
from journeymap.store.data_revision import evidence_revision
from journeymap.store.evidence import read_metric_points, read_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import list_notes

__all__ = [
    "ActionChanged",
    "ActionSource",
    "ActRevision",
    "ActionsKey",
    "action_effects",
    "action_from_note",
    "action_sources",
    "actions_with_effects",
    "act_revision",
    "create_action",
    "effect_text",
    "effects_table",
    "list_actions",
    "move_action",
    "save_action",
    "trace_table",
]

CHANGING = N_("add or change improvement actions")


def list_actions(engine: Engine, journey_id: str) -> list[Action]:
    """The journey's actions, oldest first."""
    return action_store.list_actions(engine, journey_id)


def actions_with_effects(
    viewer: Viewer, engine: Engine, journey: Journey
) -> tuple[list[Action], dict[int, Effect]]:
    """The journey's actions and, for each done one, whether it worked."""
    require(viewer, Capability.VIEW_ALL_RESULTS, N_("see the improvement actions' results"))
    actions = list_actions(engine, journey.id)
    return actions, action_effects(engine, journey, actions)


def _touchpoint_ids(engine: Engine, journey_id: str) -> list[str]:
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        raise ValueError(
            _("there is no journey '{journey_id}': it may have been deleted").format(
                journey_id=journey_id
            )
        )
    return [t.id for t in stored.journey.touchpoints]


def _journey_of(engine: Engine, action_id: int) -> str:
    found = action_store.get_action(engine, action_id)
    if found is None:
        raise ValueError(
            _("there is no improvement action {action_id}: it may have been deleted").format(
                action_id=action_id
            )
        )
    return found.journey_id


def create_action(viewer: Viewer, engine: Engine, journey_id: str, fields: ActionFields) -> Action:
    """A new idea (from a sand item, a walk note, a root cause or nothing); ValueError
    with a sentence for a bad field."""
    require(viewer, Capability.MANAGE_ACTIONS, CHANGING)
    return action_store.create_action(
        engine,
        journey_id,
        fields,
        actor=actor(viewer),
        touchpoint_ids=_touchpoint_ids(engine, journey_id),
    )


def save_action(
    viewer: Viewer,
    engine: Engine,
    action_id: int,
    fields: ActionFields,
    *,
    expected_version: int,
    status: str | None = None,
    done_on: date | None = None,
) -> Action:
    """What the action says and, given ``status``, where it stands, saved together.

    ActionChanged when someone saved it after ``expected_version`` was read.
    """
    require(viewer, Capability.MANAGE_ACTIONS, CHANGING)
    journey_id = _journey_of(engine, action_id)
    return action_store.update_action(
        engine,
        action_id,
        fields,
        actor=actor(viewer),
        expected_version=expected_version,
        status=status,
        done_on=done_on,
        touchpoint_ids=_touchpoint_ids(engine, journey_id),
        today=workspace_time.today(),
    )


def move_action(
    viewer: Viewer,
    engine: Engine,
    action_id: int,
    status: str,
    *,
    expected_version: int,
    done_on: date | None = None,
) -> Action:
    """Move the action along the board; done gets ``done_on`` (default today)."""
    require(viewer, Capability.MANAGE_ACTIONS, CHANGING)
    return action_store.set_status(
        engine,
        action_id,
        status,
        actor=actor(viewer),
        expected_version=expected_version,
        done_on=done_on,
        today=workspace_time.today(),
    )


def action_from_note(viewer: Viewer, engine: Engine, note_id: int) -> Action:
    """An idea made from a walk note; the same action again for a note already used."""
    require(viewer, Capability.MANAGE_ACTIONS, CHANGING)
    return action_store.action_from_note(engine, note_id, actor=actor(viewer))


@dataclass(frozen=True)
class ActRevision:
    """What the Act pages and exports show changes with: the journey's revision, its
    evidence and call-back cases, and its actions' versions."""

    journey: int
    evidence: str
    actions: ActionsKey


def act_revision(engine: Engine, journey_id: str) -> ActRevision | None:
    """None when the journey is gone."""
    stored = JourneyRepository(engine).get(journey_id)
    if stored is None:
        return None
    actions, cases = action_store.act_revision(engine, journey_id)
    evidence = f"{evidence_revision(engine, journey_id)}|{cases}"
    return ActRevision(stored.revision, evidence, actions)


def action_effects(
    engine: Engine,
    journey: Journey,
    actions: Sequence[Action],
    *,
    window_days: int | None = None,
    today: date | None = None,
) -> dict[int, Effect]:
    """Action id → its effect, for the done actions that name touchpoints.

    The evidence is read once for the span of all windows, not once per action.
    """
    days = window_days or settings.effect_window_days()
    today = today or workspace_time.today()
    done = [a for a in actions if a.status == "done" and a.done_on and a.touchpoints]
    if not done:
        return {}
    start = min(a.done_on for a in done if a.done_on) - timedelta(days=days)
    end = max(a.done_on for a in done if a.done_on) + timedelta(days=days)
    zone = workspace_time.zone()
    responses = read_responses(engine, journey.id, start, end, zone=zone)
    visits = visit_touchpoint_scores(engine, journey)
    points = read_metric_points(engine, journey.id, start=start, end=end)
    metrics = {m.id: m for m in journey.metrics}
    effects = {}
    for action in done:
        assert action.done_on is not None  # filtered above
        windows = Windows.around(action.done_on, days, today, zone)
        effects[action.id] = action_effect(
            responses, visits, points, action.touchpoints, metrics, windows
        )
    return effects


def effect_text(action: Action, effects: dict[int, Effect]) -> str:
    """The verdict's label, or why an action has none."""
    if action.status != "done":
        return _("not done yet")
    if not action.touchpoints:
        return _("no touchpoint linked")
    effect = effects.get(action.id)
    if effect is None:
        return _("not measured")
    if effect.windows.after_complete:
        return _(effect.label)
    return _("{verdict} (after-window still open)").format(verdict=_(effect.label))


@dataclass(frozen=True)
class ActionSource:
    """Something an action can be made from, with what the new action starts with."""

    kind: str
    ref: str
    label: str
    title: str
    touchpoints: tuple[str, ...]
    text: str


def action_sources(
    engine: Engine, journey: Journey, kind: str, report: SandReport | None = None
) -> list[ActionSource]:
    """The sand items or comment themes (of ``report``'s period, else the last half
    year), walk notes or call-back root causes to pick from."""
    names = {t.id: t.name for t in journey.touchpoints}
    if kind == "sand":
        report = report or sand_report(engine, journey, evidence_filter())
        return [
            ActionSource(
                "sand",
                item.touchpoint,
                _("{rank}. {name} — {health}, friction {friction}").format(
                    rank=item.rank,
                    name=item.name,
                    health=_(HEALTH_LABELS[item.health])
                    if item.health in HEALTH_LABELS
                    else item.health.replace("_", " "),
                    friction=fmt.number(item.friction),
                ),
                _("Remove the sand at {name}").format(name=item.name),
                (item.touchpoint,),
                "; ".join(item.reasons),
            )
            for item in report.items
            if item.health in ("sand", "watch")
        ]
    if kind == "walk_note":
        return [
            ActionSource(
                "walk_note",
                str(note.id),
                _("{touchpoint} — {kind}: {text}").format(
                    touchpoint=names.get(note.touchpoint_id, note.touchpoint_id),
                    kind=_(note.kind),  # stored as one of the English kinds the walk page names
                    text=note.text,
                ),
                note.text[:MAX_TITLE_CHARS],
                (note.touchpoint_id,) if note.touchpoint_id in names else (),
                note.text,
            )
            for note in list_notes(engine, journey.id)
        ]
    if kind == "theme":
        flt = report.filter if report is not None else evidence_filter()
        summaries = theme_summaries(engine, journey.id, flt)
        return [_theme_source(summary, names) for summary in summaries]
    if kind == "case":
        cases = read_cases(engine, journey.id)
        if cases.empty:
            return []
        cases = cases[cases["root_cause"].fillna("").str.strip().astype(bool)]
        return [_case_source(case, names) for case in cases.to_dict("records")]
    return []


def _case_source(case: dict[Any, Any], names: dict[str, str]) -> ActionSource:
    cause, touchpoint = str(case["root_cause"]), case["touchpoint_id"]
    return ActionSource(
        "case",
        str(case["id"]),
        _("Case {case} — {cause} ({touchpoint})").format(
            case=case["id"],
            cause=cause,
            touchpoint=names.get(touchpoint, touchpoint or _("no touchpoint")),
        ),
        _("Fix the cause: {cause}").format(cause=cause)[:MAX_TITLE_CHARS],
        (touchpoint,) if touchpoint in names else (),
        f"{cause}. {case['notes'] or ''}".strip(),
    )


def _theme_source(summary: ThemeSummary, names: dict[str, str]) -> ActionSource:
    theme = summary.figures
    nps = (
        _(", NPS {nps} (n={n})").format(nps=fmt.signed(theme.nps.nps), n=fmt.number(theme.nps.n))
        if theme.nps is not None
        else ""
    )
    where = ", ".join(names.get(tp, tp) for tp in summary.touchpoints)
    said = " · ".join(f"“{text}”" for text in summary.examples)
    return ActionSource(
        "theme",
        theme.theme,
        _("{theme} — {n} comments, {detractors} from detractors{nps}").format(
            theme=theme.label,
            n=fmt.number(theme.n),
            detractors=fmt.number(theme.detractors),
            nps=nps,
        ),
        _("Fix the cause: {cause}").format(cause=theme.label)[:MAX_TITLE_CHARS],
        tuple(tp for tp in summary.touchpoints if tp in names),
        _("{n} comments ({share}) mention “{theme}” ({keywords}){nps}").format(
            n=fmt.number(theme.n),
            share=fmt.share(theme.share),
            theme=theme.label,
            keywords=", ".join(theme.keywords),
            nps=nps,
        )
        + (_(", mostly at {where}").format(where=where) if where else "")
        + (_(". For example: {said}").format(said=said) if said else ""),
    )


def effects_table(done: Sequence[Action], effects: dict[int, Effect]) -> pd.DataFrame:
    """One row per done action: its verdict and the reason."""
    return pd.DataFrame(
        [
            {
                "id": a.id,
                "action": a.title,
                "done_on": a.done_on,
                "did_it_work": effect_text(a, effects),
                "why": effects[a.id].reason if a.id in effects else "",
            }
            for a in done
        ],
        columns=["id", "action", "done_on", "did_it_work", "why"],
    )


def trace_table(
    report: SandReport, actions: Sequence[Action], effects: dict[int, Effect]
) -> pd.DataFrame:
    """Each sand or watch item → its actions, their status and whether they worked."""
    rows = []
    for item in report.items:
        if item.health not in ("sand", "watch"):
            continue
        linked = actions_for_touchpoint(actions, item.touchpoint)
        rows.append(
            {
                "rank": item.rank,
                "touchpoint": item.name,
                "health": item.health,
                "friction": round(item.friction),
                "actions": "; ".join(
                    f"#{a.id} {a.title} — {status_label(a.status)}" for a in linked
                )
                or "no action yet",
                "did_it_work": "; ".join(
                    f"#{a.id}: {effect_text(a, effects)}" for a in linked if a.status == "done"
                ),
            }
        )
    return pd.DataFrame(
        rows, columns=["rank", "touchpoint", "health", "friction", "actions", "did_it_work"]
    )
