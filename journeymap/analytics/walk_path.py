"""Which steps a workshop walks, and where it is on that path."""

from __future__ import annotations

from journeymap.model import Journey


def walk_steps(journey: Journey, main_path: list[str], chosen: list[str] | None) -> list[str]:
    """The facilitator's own path when given (unknown ids dropped), else the main path."""
    known = {t.id for t in journey.touchpoints}
    steps = [tp for tp in (chosen or []) if tp in known]
    return steps or [tp for tp in main_path if tp in known] or [t.id for t in journey.touchpoints]


def clamp_step(step: int | str | None, total: int) -> int:
    """A 1-based step within 1 … total + 1 (the last one is the summary)."""
    try:
        value = int(step)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1
    return max(1, min(total + 1, value))


def stage_trail(journey: Journey, touchpoint: str) -> list[tuple[str, bool]]:
    """Every stage's name, and whether the touchpoint is in it: the walk's breadcrumb."""
    current = journey.touchpoint(touchpoint).stage
    return [(stage.name, stage.id == current) for stage in journey.stages]
