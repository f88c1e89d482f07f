"""Improvement actions: the outer loop, where recurring causes become changes.

An action is pure data here; the rules about it (quick wins, which status may follow
which, whether it worked) are in :mod:`journeymap.analytics.actions` and
:mod:`journeymap.analytics.action_effect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

ActionStatus = Literal["idea", "approved", "in_progress", "done", "dropped"]
ACTION_STATUSES: tuple[str, ...] = ("idea", "approved", "in_progress", "done", "dropped")
STATUS_LABELS: dict[str, str] = {
    "idea": "Idea",
    "approved": "Approved",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
ActionCategory = Literal["people", "process", "product", "it", "communication", "policy"]
ACTION_CATEGORIES: tuple[str, ...] = (
    "people",
    "process",
    "product",
    "it",
    "communication",
    "policy",
)
CATEGORY_LABELS: dict[str, str] = {
    "people": "People",
    "process": "Process",
    "product": "Product",
    "it": "IT",
    "communication": "Communication",
    "policy": "Policy",
}
# Where an action came from, so that a sand item, a walk note or a detractor's root
# cause can be traced to what was done about it.
SourceKind = Literal["sand", "walk_note", "case", "theme", "other"]
SOURCE_KINDS: tuple[str, ...] = ("sand", "walk_note", "case", "theme", "other")
SOURCE_LABELS: dict[str, str] = {
    "sand": "Sand item",
    "walk_note": "Walk note",
    "case": "Call-back root cause",
    "theme": "Comment theme",
    "other": "Own idea",
}
SCALE = (1, 2, 3, 4, 5)  # impact and effort


@dataclass(frozen=True)
class ActionFields:
    """What a person writes about an action; the store adds id, status and times."""

    title: str
    description: str = ""
    touchpoints: tuple[str, ...] = ()
    source_kind: str = "other"
    source_ref: str = ""  # a touchpoint id, a walk-note id, a case id or a theme key
    source_text: str = ""  # what the source said when the action was made from it
    category: str = "process"
    owner: str = ""
    impact: int = 3
    effort: int = 3
    due_on: date | None = None


@dataclass(frozen=True)
class Action:
    id: int
    journey_id: str
    fields: ActionFields
    status: str
    done_on: date | None
    version: int
    created_by: str
    created_at: datetime
    updated_at: datetime

    @property
    def title(self) -> str:
        return self.fields.title

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return self.fields.touchpoints
