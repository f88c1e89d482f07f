"""The journey: stages, touchpoints and transitions, as pure data.

Only field-level rules live here (types, ranges, slugs). Rules that relate parts of a
journey to each other (unknown references, reachability, dead ends) are in
:mod:`journeymap.model.checks`, so that an editor can hold an incomplete draft and show
its problems instead of refusing to hold it at all.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=80)]

KNOWN_CHANNELS: tuple[str, ...] = (
    "branch",
    "phone",
    "web",
    "app",
    "email",
    "chat",
    "letter",
    "social",
)
TransitionKind = Literal["normal", "recovery", "leave"]
TRANSITION_KINDS: tuple[str, ...] = ("normal", "recovery", "leave")
MetricDirection = Literal["lower", "higher"]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, and no silent type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Targets(Strict):
    """Targets a touchpoint (or, as defaults, the whole journey) is held to."""

    nps: float | None = Field(default=None, ge=-100, le=100)
    shopper_pct: float | None = Field(default=None, ge=0, le=100)
    max_wait_minutes: float | None = Field(default=None, gt=0)

    def merged_over(self, defaults: Targets) -> Targets:
        """This touchpoint's targets, falling back to the journey's defaults."""
        return Targets(
            nps=self.nps if self.nps is not None else defaults.nps,
            shopper_pct=self.shopper_pct if self.shopper_pct is not None else defaults.shopper_pct,
            max_wait_minutes=(
                self.max_wait_minutes
                if self.max_wait_minutes is not None
                else defaults.max_wait_minutes
            ),
        )


class Stage(Strict):
    """A phase of the journey, such as Aware, Choose, Buy, Use, Get help, Leave/Renew."""

    id: Slug
    name: str = Field(min_length=1)
    description: str = ""


class Touchpoint(Strict):
    """One place where customer and company meet, with the classic journey-map lanes."""

    id: Slug
    name: str = Field(min_length=1)
    stage: str
    channel: str = Field(min_length=1)
    owner: str = ""
    description: str = ""
    promise: str = ""
    moment_of_truth: bool = False
    end: bool = False
    targets: Targets = Field(default_factory=Targets)
    does: str = ""
    thinks: str = ""
    feels: int | None = Field(default=None, ge=-2, le=2)
    pain_points: list[str] = Field(default_factory=list)
    opportunities: list[str] = Field(default_factory=list)
    backstage: str = ""


class Transition(Strict):
    """A move from one touchpoint to another, taken by a share of the customers there.

    ``share`` may be left out: the share not given to other transitions from the same
    touchpoint is then split evenly among those without one (see the flow model).
    ``kind: leave`` marks customers lost to the journey, e.g. to a competitor.
    """

    source: str = Field(alias="from")
    target: str = Field(alias="to")
    share: float | None = Field(default=None, ge=0, le=1)
    label: str = ""
    kind: TransitionKind = "normal"


class Entry(Strict):
    """Where customers start the journey, and how many a month."""

    touchpoint: str
    customers_per_month: float = Field(ge=0)


class MetricDefinition(Strict):
    """An operational measure (waiting time, handle time, abandonment …) and its target."""

    id: Slug
    name: str = Field(min_length=1)
    unit: str = ""
    direction: MetricDirection = "lower"
    target: float | None = None


class FrictionWeights(Strict):
    """How much each kind of evidence counts in a touchpoint's friction score.

    Relative weights: only kinds with evidence for a touchpoint take part, and their
    weights are rescaled to add up to one. See journeymap.analytics.friction.
    """

    nps: float = Field(default=0.35, ge=0)
    shopper: float = Field(default=0.25, ge=0)
    kpi: float = Field(default=0.20, ge=0)
    flow: float = Field(default=0.10, ge=0)
    recurrence: float = Field(default=0.10, ge=0)


class Journey(Strict):
    """A customer journey: a directed graph of touchpoints grouped in ordered stages."""

    id: Slug
    name: str = Field(min_length=1)
    description: str = ""
    persona: str = ""
    segment: str = ""
    variant_of: str | None = None
    targets: Targets = Field(default_factory=Targets)
    stages: list[Stage] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    transitions: list[Transition] = Field(default_factory=list)
    entries: list[Entry] = Field(default_factory=list)
    metrics: list[MetricDefinition] = Field(default_factory=list)
    friction_weights: FrictionWeights = Field(default_factory=FrictionWeights)

    def touchpoint(self, touchpoint_id: str) -> Touchpoint:
        """The touchpoint with this id; KeyError when there is none."""
        for tp in self.touchpoints:
            if tp.id == touchpoint_id:
                return tp
        raise KeyError(touchpoint_id)

    def stage_index(self) -> dict[str, int]:
        """Stage id → position, left to right."""
        return {stage.id: i for i, stage in enumerate(self.stages)}

    def targets_for(self, touchpoint_id: str) -> Targets:
        """A touchpoint's targets with the journey's defaults filled in."""
        return self.touchpoint(touchpoint_id).targets.merged_over(self.targets)
