"""The emotion curve as customers report it, to draw against the planned one.

A touchpoint's observed emotion is its NPS on the planned scale: NPS / 50, so −100 is
−2 (very negative), 0 is neutral and +100 is +2. The interval comes along on the same
scale; fewer than 30 answers mark the point as thin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.friction import SOLID_NPS_N

NPS_PER_STEP = 50.0


@dataclass(frozen=True)
class ObservedEmotion:
    value: float  # −2 … +2
    low: float
    high: float
    n: int
    thin: bool


def observed_emotions(
    evidence: Mapping[str, TouchpointEvidence],
) -> dict[str, ObservedEmotion]:
    observed = {}
    for touchpoint, ev in evidence.items():
        if ev.nps is None:
            continue
        observed[touchpoint] = ObservedEmotion(
            value=ev.nps.nps / NPS_PER_STEP,
            low=ev.nps.ci_low / NPS_PER_STEP,
            high=ev.nps.ci_high / NPS_PER_STEP,
            n=ev.nps.n,
            thin=ev.nps.n < SOLID_NPS_N,
        )
    return observed
