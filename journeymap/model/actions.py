"""Improvement actions: the outer loop, where recurring causes become changes.

An action is pure data here; the rules about it (quick wins, which status may follow
which, whether it worked) are in :mod:`journeymap.analytics.actions` and
:mod:`journeymap.analytics.action_effect`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from journeymap.i18n import N_, _

ActionStatus = Literal["idea", "approved", "in_progress", "done", "dropped"]
ACTION_STATUSES: tuple[str, ...] = ("idea", "approved", "in_progress", "done", "dropped")
STATUS_LABELS: dict[str, str] = {
    "idea": N_("Idea"),
    "approved": N_("Approved"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "dropped": N_("Dropped"),
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
    "people": N_("People"),
    "process": N_("Process"),
    "product": N_("Product"),
    "it": N_("IT"),
    "communication": N_("Communication"),
    "policy": N_("Policy"),
}
# Where an action came from, so that a sand item, a walk note or a detractor's root
# cause can be traced to what was done about it.
SourceKind = Literal["sand", "walk_note", "case", "theme", "other"]
SOURCE_KINDS: tuple[str, ...] = ("sand", "walk_note", "case", "theme", "other")
SOURCE_LABELS: dict[str, str] = {
    "sand": N_("Sand item"),
    "walk_note": N_("Walk note"),
    "case": N_("Call-back root cause"),
    "theme": N_("Comment theme"),
    "other": N_("Own idea"),
}
SCALE = (1, 2, 3, 4, 5)  # impact and effort


def status_label(status: str) -> str:
    """A status as the reader calls it ("In progress"); an unknown code as it is."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def category_label(category: str) -> str:
    return _(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else category


def source_label(kind: str) -> str:
    return _(SOURCE_LABELS[kind]) if kind in SOURCE_LABELS else kind


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
