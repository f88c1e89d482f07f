"""The walk's path and step arithmetic."""

from __future__ import annotations

import pytest

from journeymap.analytics.walk_path import clamp_step, stage_trail, walk_steps
from journeymap.io.journey_files import read_journey_file
from tests.conftest import EXAMPLE_JOURNEY_FILES


def test_walk_steps_prefer_the_facilitators_path() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    ids = [t.id for t in journey.touchpoints]
    assert walk_steps(journey, ids[:3], None) == ids[:3]
    assert walk_steps(journey, ids[:3], [ids[5], "nope", ids[1]]) == [ids[5], ids[1]]
    assert walk_steps(journey, [], []) == ids


@pytest.mark.parametrize(
    ("step", "expected"), [(None, 1), ("x", 1), (0, 1), (3, 3), ("4", 4), (99, 6)]
)
def test_clamp_step(step: object, expected: int) -> None:
    assert clamp_step(step, 5) == expected  # type: ignore[arg-type]


def test_stage_trail_marks_the_current_stage() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    tp = journey.touchpoints[-1]
    trail = stage_trail(journey, tp.id)
    assert [name for name, _ in trail] == [s.name for s in journey.stages]
    assert [current for _, current in trail].count(True) == 1
