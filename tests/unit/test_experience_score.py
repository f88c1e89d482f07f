"""The 1–5 experience score of a Mermaid journey task: evidence first, then the plan."""

from __future__ import annotations

import pytest

from journeymap.analytics.experience_score import ExperienceScore, experience_score
from journeymap.analytics.friction import FrictionItem


def item(friction: float, health: str = "good", thin: bool = False) -> FrictionItem:
    return FrictionItem("t", "T", 1, friction, 100.0, friction, thin, health, (), ())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("evidence", "feels", "expected"),
    [
        (item(0), None, ExperienceScore(5, "evidence")),
        (item(4.9), -2, ExperienceScore(5, "evidence")),
        (item(5), None, ExperienceScore(4, "evidence")),
        (item(15, "watch"), 2, ExperienceScore(3, "evidence")),
        (item(40, "sand"), 2, ExperienceScore(2, "evidence")),
        (item(70, "sand"), None, ExperienceScore(1, "evidence")),
        (item(90, "no_data", thin=True), -2, ExperienceScore(1, "planned emotion")),
        (item(90, "no_data", thin=True), 2, ExperienceScore(5, "planned emotion")),
        (None, 0, ExperienceScore(3, "planned emotion")),
        (None, -1, ExperienceScore(2, "planned emotion")),
        (None, None, ExperienceScore(3, "none")),
    ],
)
def test_experience_score(
    evidence: FrictionItem | None, feels: int | None, expected: ExperienceScore
) -> None:
    assert experience_score(evidence, feels) == expected
