"""A touchpoint's experience on the 1–5 scale of a Mermaid journey diagram.

Evidence wins over the plan: a touchpoint with solid evidence is scored from its
friction (the same thresholds that colour it sand, watch or good), so a deck shows
what customers live through, not what the workshop hoped. Without solid evidence the
planned emotion (−2 … +2) is moved onto 1 … 5; with neither, it is a neutral 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from journeymap.analytics.friction import SAND_AT, WATCH_AT, FrictionItem

ScoreSource = Literal["evidence", "planned emotion", "none"]
NEUTRAL = 3
# Friction at or above each bound takes the lower score: 0–4 → 5, 5–14 → 4 (both
# good), 15–39 → 3 (watch), 40–69 → 2, 70+ → 1 (both sand).
FRICTION_BOUNDS = ((70.0, 1), (SAND_AT, 2), (WATCH_AT, 3), (5.0, 4))


@dataclass(frozen=True)
class ExperienceScore:
    score: int  # 1 (bad) … 5 (good)
    source: ScoreSource


def experience_score(item: FrictionItem | None, feels: int | None) -> ExperienceScore:
    """1–5 from solid evidence when there is some, else from the planned emotion."""
    if item is not None and not item.thin_data and item.health != "no_data":
        for bound, score in FRICTION_BOUNDS:
            if item.friction >= bound:
                return ExperienceScore(score, "evidence")
        return ExperienceScore(5, "evidence")
    if feels is not None:
        return ExperienceScore(max(1, min(5, feels + 3)), "planned emotion")
    return ExperienceScore(NEUTRAL, "none")
