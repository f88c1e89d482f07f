"""Everything an exporter needs about one journey, gathered once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.experience_score import ExperienceScore, experience_score
from journeymap.analytics.flow import FlowResult, TouchpointFlow
from journeymap.analytics.friction import FrictionItem
from journeymap.charts.diagram_text import EdgeHealth, NodeHealth
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.shares import effective_shares

ALL_EVIDENCE = N_("all evidence")


@dataclass(frozen=True)
class ActionLine:
    """An improvement action as the deck and the workbook list it."""

    title: str
    status: str
    category: str
    owner: str
    impact: int
    effort: int
    quick_win: bool
    touchpoints: str  # names, comma-separated
    due_on: date | None
    done_on: date | None
    effect: str  # whether it worked, in words


@dataclass(frozen=True)
class ExportData:
    """A journey with its flow and, when the workspace has any, its evidence.

    ``items``, ``health`` and ``handoffs`` are empty for a journey exported without
    evidence (a file on its own): the exports then show the plan only.
    """

    journey: Journey
    flow: FlowResult
    revision: int | None = None
    items: tuple[FrictionItem, ...] = ()
    health: Mapping[str, NodeHealth] = field(default_factory=dict)
    handoffs: Mapping[tuple[str, str], EdgeHealth] = field(default_factory=dict)
    evidence: Mapping[str, TouchpointEvidence] = field(default_factory=dict)
    period: str = ""  # the evidence period in words, e.g. "2026-01-01 to 2026-06-30"
    # The period's first and last day, so each reader gets the dates in their language.
    period_days: tuple[date, date] | None = None
    actions: tuple[ActionLine, ...] = ()
    exported_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    zone: str = "UTC"  # the workspace's time zone: times are written in it

    def period_text(self) -> str:
        """The evidence period in the reader's language: 1 Jan 2026 to 30 Jun 2026."""
        if self.period_days is not None:
            start, end = self.period_days
            return _("{start} to {end}").format(start=fmt.day(start), end=fmt.day(end))
        return _(ALL_EVIDENCE) if self.period == ALL_EVIDENCE else self.period

    def item(self, touchpoint: str) -> FrictionItem | None:
        return next((i for i in self.items if i.touchpoint == touchpoint), None)

    def state(self, touchpoint: str) -> str:
        """good, watch, sand or no_data: the health colour the views give it."""
        item = self.item(touchpoint)
        return item.health if item is not None else "no_data"

    def flow_at(self, touchpoint: str) -> TouchpointFlow | None:
        return self.flow.by_id().get(touchpoint)

    def shares(self) -> dict[tuple[str, str], float]:
        return effective_shares(self.journey)

    def score(self, touchpoint: str) -> ExperienceScore:
        return experience_score(self.item(touchpoint), self.journey.touchpoint(touchpoint).feels)

    def stage_names(self) -> dict[str, str]:
        return {s.id: s.name for s in self.journey.stages}
