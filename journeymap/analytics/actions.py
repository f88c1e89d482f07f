"""Rules for improvement actions: quick wins, status moves, the board and the goal.

A *quick win* is derived, never stored: impact ≥ 4 and effort ≤ 2 on the 1–5 scales,
so re-scoring an action re-classifies it. Statuses run idea → approved → in progress
→ done, and any open action can be dropped. An open action may skip ahead (a quick win
is often done the day it is approved) or step back (a plan changes); a done action can
be reopened, which clears its done date, and a dropped one revived as an idea.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from journeymap.analytics.periods import Period
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model.actions import (
    ACTION_CATEGORIES,
    ACTION_STATUSES,
    SCALE,
    SOURCE_KINDS,
    STATUS_LABELS,
    Action,
    ActionFields,
)

QUICK_WIN_IMPACT = 4
QUICK_WIN_EFFORT = 2
QUICK_WIN_RULE = (
    f"A quick win has impact {QUICK_WIN_IMPACT} or more and effort {QUICK_WIN_EFFORT} or less "
    "(1–5 scales)."
)


def quick_win_rule() -> str:
    """QUICK_WIN_RULE in the reader's language."""
    return _(
        "A quick win has impact {impact} or more and effort {effort} or less (1–5 scales)."
    ).format(impact=fmt.number(QUICK_WIN_IMPACT), effort=fmt.number(QUICK_WIN_EFFORT))


MAX_TITLE_CHARS = 200
MAX_TEXT_CHARS = 4000
OPEN_STATUSES = frozenset({"idea", "approved", "in_progress"})
TRANSITIONS: dict[str, frozenset[str]] = {
    "idea": frozenset({"approved", "in_progress", "done", "dropped"}),
    "approved": frozenset({"idea", "in_progress", "done", "dropped"}),
    "in_progress": frozenset({"idea", "approved", "done", "dropped"}),
    "done": frozenset({"in_progress"}),
    "dropped": frozenset({"idea"}),
}


def is_quick_win(impact: int, effort: int) -> bool:
    return impact >= QUICK_WIN_IMPACT and effort <= QUICK_WIN_EFFORT


def check_fields(fields: ActionFields, touchpoint_ids: Iterable[str] | None = None) -> None:
    """ValueError with a sentence naming the field and the fix, for the first problem."""
    if not fields.title.strip():
        raise ValueError(_("the action has no title: say in a few words what will change"))
    if len(fields.title) > MAX_TITLE_CHARS:
        raise ValueError(
            _("the title is longer than {limit} characters: shorten it").format(
                limit=fmt.number(MAX_TITLE_CHARS, grouping=False)
            )
        )
    if len(fields.description) > MAX_TEXT_CHARS:
        raise ValueError(
            _("the description is longer than {limit} characters").format(
                limit=fmt.number(MAX_TEXT_CHARS, grouping=False)
            )
        )
    for name in ("impact", "effort"):
        value = getattr(fields, name)
        if isinstance(value, bool) or value not in SCALE:
            message = (
                _("impact is scored 1–5, not {value}")
                if name == "impact"
                else _("effort is scored 1–5, not {value}")
            )
            raise ValueError(message.format(value=repr(value)))
    if fields.category not in ACTION_CATEGORIES:
        raise ValueError(
            f"'{fields.category}' is not a category: use {', '.join(ACTION_CATEGORIES)}"
        )
    if fields.source_kind not in SOURCE_KINDS:
        raise ValueError(f"'{fields.source_kind}' is not a source: use {', '.join(SOURCE_KINDS)}")
    if touchpoint_ids is not None:
        known = set(touchpoint_ids)
        unknown = [t for t in fields.touchpoints if t not in known]
        if unknown:
            raise ValueError(
                _(
                    "the journey has no touchpoint {touchpoints}: pick touchpoints of this journey"
                ).format(touchpoints=", ".join(unknown))
            )


def check_transition(current: str, new: str) -> None:
    """ValueError naming the allowed next statuses when a move is not allowed."""
    if new not in ACTION_STATUSES:
        raise ValueError(f"unknown status '{new}': use one of {', '.join(ACTION_STATUSES)}")
    if new != current and new not in TRANSITIONS[current]:
        allowed = ", ".join(
            _(STATUS_LABELS[s]) for s in ACTION_STATUSES if s in TRANSITIONS[current]
        )
        raise ValueError(
            _("an action that is '{current}' can move to {allowed}, not to '{new}'").format(
                current=_(STATUS_LABELS[current]), allowed=allowed, new=_(STATUS_LABELS[new])
            )
        )


def next_statuses(current: str) -> list[str]:
    """The current status and the ones it may move to, in board order."""
    return [s for s in ACTION_STATUSES if s == current or s in TRANSITIONS[current]]


def actions_frame(actions: Sequence[Action], names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per action, for tables, the matrix and the board."""
    names = names or {}
    columns = [
        "id",
        "title",
        "status",
        "category",
        "owner",
        "impact",
        "effort",
        "quick_win",
        "touchpoints",
        "source_kind",
        "due_on",
        "done_on",
    ]
    rows = [
        {
            "id": a.id,
            "title": a.title,
            "status": a.status,
            "category": a.fields.category,
            "owner": a.fields.owner,
            "impact": a.fields.impact,
            "effort": a.fields.effort,
            "quick_win": is_quick_win(a.fields.impact, a.fields.effort),
            "touchpoints": ", ".join(names.get(t, t) for t in a.touchpoints),
            "source_kind": a.fields.source_kind,
            "due_on": a.fields.due_on,
            "done_on": a.done_on,
        }
        for a in actions
    ]
    return pd.DataFrame(rows, columns=columns)


def board(actions: Sequence[Action]) -> dict[str, list[Action]]:
    """Status → its actions: quick wins first, then by impact, then the oldest first."""
    columns: dict[str, list[Action]] = {s: [] for s in ACTION_STATUSES}
    for action in actions:
        columns[action.status].append(action)
    for items in columns.values():
        items.sort(
            key=lambda a: (
                not is_quick_win(a.fields.impact, a.fields.effort),
                -a.fields.impact,
                a.fields.effort,
                a.id,
            )
        )
    return columns


def overdue(action: Action, today: date) -> bool:
    due = action.fields.due_on
    return action.status in OPEN_STATUSES and due is not None and due < today


@dataclass(frozen=True)
class GoalProgress:
    goal: int
    year: int
    done_in_period: int
    done_year_to_date: int
    expected_by_now: float  # the goal spread evenly over the year, up to the period's end

    @property
    def share(self) -> float:
        return self.done_year_to_date / self.goal if self.goal else 0.0

    @property
    def on_pace(self) -> bool:
        return self.done_year_to_date >= self.expected_by_now


def done_between(actions: Iterable[Action], start: date, end: date) -> list[Action]:
    """Done actions whose done date is in [start, end], in the order they were done."""
    found = [
        a
        for a in actions
        if a.status == "done" and a.done_on is not None and start <= a.done_on <= end
    ]
    return sorted(found, key=lambda a: (a.done_on, a.id))


def goal_progress(actions: Sequence[Action], period: Period, goal: int) -> GoalProgress:
    """Actions done in the period and from 1 January to its end, against the year's goal."""
    year_start = date(period.end.year, 1, 1)
    year_days = (date(period.end.year, 12, 31) - year_start).days + 1
    elapsed = (period.end - year_start).days + 1
    return GoalProgress(
        goal=goal,
        year=period.end.year,
        done_in_period=len(done_between(actions, period.start, period.end)),
        done_year_to_date=len(done_between(actions, year_start, period.end)),
        expected_by_now=goal * elapsed / year_days,
    )


def actions_for_touchpoint(actions: Iterable[Action], touchpoint: str) -> list[Action]:
    """Actions made from this sand item or linked to its touchpoint; dropped ones last."""
    found = [
        a
        for a in actions
        if touchpoint in a.touchpoints
        or (a.fields.source_kind == "sand" and a.fields.source_ref == touchpoint)
    ]
    return sorted(found, key=lambda a: (a.status == "dropped", -a.id))
