"""Improvement actions with their evidence: 'Did it work?' for each done action."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics.action_effect import Effect, Windows, action_effect
from journeymap.analytics.actions import MAX_TITLE_CHARS, actions_for_touchpoint
from journeymap.model import Journey
from journeymap.model.actions import STATUS_LABELS, Action
from journeymap.services.sand import (
    SandReport,
    evidence_filter,
    sand_report,
    visit_touchpoint_scores,
)
from journeymap.store.cases import read_cases
from journeymap.store.evidence import read_metric_points, read_responses
from journeymap.store.walk_notes import list_notes


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
    today = today or date.today()
    done = [a for a in actions if a.status == "done" and a.done_on and a.touchpoints]
    if not done:
        return {}
    start = min(a.done_on for a in done if a.done_on) - timedelta(days=days)
    end = max(a.done_on for a in done if a.done_on) + timedelta(days=days)
    responses = read_responses(engine, journey.id, start, end)
    visits = visit_touchpoint_scores(engine, journey)
    points = read_metric_points(engine, journey.id, start=start, end=end)
    metrics = {m.id: m for m in journey.metrics}
    effects = {}
    for action in done:
        assert action.done_on is not None  # filtered above
        windows = Windows.around(action.done_on, days, today)
        effects[action.id] = action_effect(
            responses, visits, points, action.touchpoints, metrics, windows
        )
    return effects


def effect_text(action: Action, effects: dict[int, Effect]) -> str:
    """The verdict's label, or why an action has none."""
    if action.status != "done":
        return "not done yet"
    if not action.touchpoints:
        return "no touchpoint linked"
    effect = effects.get(action.id)
    if effect is None:
        return "not measured"
    suffix = "" if effect.windows.after_complete else " (after-window still open)"
    return effect.label + suffix


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
    """The sand items (of ``report``, else the last half year), walk notes or call-back
    root causes to pick from."""
    names = {t.id: t.name for t in journey.touchpoints}
    if kind == "sand":
        report = report or sand_report(engine, journey, evidence_filter())
        return [
            ActionSource(
                "sand",
                item.touchpoint,
                f"{item.rank}. {item.name} — {item.health.replace('_', ' ')}, "
                f"friction {item.friction:.0f}",
                f"Remove the sand at {item.name}",
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
                f"{names.get(note.touchpoint_id, note.touchpoint_id)} — {note.kind}: {note.text}",
                note.text[:MAX_TITLE_CHARS],
                (note.touchpoint_id,) if note.touchpoint_id in names else (),
                note.text,
            )
            for note in list_notes(engine, journey.id)
        ]
    if kind == "case":
        cases = read_cases(engine, journey.id)
        if cases.empty:
            return []
        cases = cases[cases["root_cause"].fillna("").str.strip().astype(bool)]
        return [
            ActionSource(
                "case",
                str(row["id"]),
                f"Case {row['id']} — {row['root_cause']} "
                f"({names.get(row['touchpoint_id'], row['touchpoint_id'] or 'no touchpoint')})",
                f"Fix the cause: {row['root_cause']}"[:MAX_TITLE_CHARS],
                (row["touchpoint_id"],) if row["touchpoint_id"] in names else (),
                f"{row['root_cause']}. {row['notes'] or ''}".strip(),
            )
            for row in cases.to_dict("records")
        ]
    return []


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
                    f"#{a.id} {a.title} — {STATUS_LABELS[a.status]}" for a in linked
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
