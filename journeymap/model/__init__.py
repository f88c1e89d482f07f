"""Pure data: journeys and the rules they obey. No I/O."""

from journeymap.model.checks import journey_problems
from journeymap.model.journey import (
    KNOWN_CHANNELS,
    TRANSITION_KINDS,
    Entry,
    FrictionWeights,
    Journey,
    MetricDefinition,
    Stage,
    Targets,
    Touchpoint,
    Transition,
)
from journeymap.model.parse import parse_journey
from journeymap.model.problems import InvalidInput, Problem

__all__ = [
    "KNOWN_CHANNELS",
    "TRANSITION_KINDS",
    "Entry",
    "FrictionWeights",
    "InvalidInput",
    "Journey",
    "MetricDefinition",
    "Problem",
    "Stage",
    "Targets",
    "Touchpoint",
    "Transition",
    "journey_problems",
    "parse_journey",
]
