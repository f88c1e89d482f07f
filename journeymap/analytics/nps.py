"""Net Promoter Score with honest uncertainty.

Scoring each response +1 (promoter, 9–10), 0 (passive, 7–8) or −1 (detractor, 0–6),
NPS = 100·(p₊ − p₋) and the variance of one response is σ² = p₊ + p₋ − (p₊ − p₋)², so
SE = 100·√(σ²/n). For small samples (n below the threshold) or when every response falls
in one group (σ² = 0, which would claim perfect certainty) the interval is the
adjusted-Wald one of Rocks (2016, The American Statistician 70(4)): 0.75 detractor,
1.5 passive and 0.75 promoter are added (n + 3) before computing it. That interval is
centred on the adjusted estimate; it is widened where needed to include the observed
NPS, so that a figure never sits outside its own interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z_95 = 1.959963984540054
SMALL_SAMPLE = 30
ADJUSTMENT = (0.75, 1.5, 0.75)  # detractors, passives, promoters added for adjusted Wald


def classify(score: int) -> str:
    """'promoter' (9–10), 'passive' (7–8) or 'detractor' (0–6)."""
    if not 0 <= score <= 10:
        raise ValueError(f"an NPS score is 0–10, got {score}")
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


@dataclass(frozen=True)
class NpsEstimate:
    n: int
    promoters: int
    passives: int
    detractors: int
    nps: float
    se: float
    ci_low: float
    ci_high: float
    adjusted_wald: bool
    small_sample: bool

    @property
    def promoter_share(self) -> float:
        return self.promoters / self.n if self.n else 0.0

    @property
    def detractor_share(self) -> float:
        return self.detractors / self.n if self.n else 0.0

    @property
    def passive_share(self) -> float:
        return self.passives / self.n if self.n else 0.0

    @property
    def margin(self) -> float:
        """Half the interval's width, for 'NPS +31 ±9'."""
        return (self.ci_high - self.ci_low) / 2


def _variance(p_plus: float, p_minus: float) -> float:
    return max(0.0, p_plus + p_minus - (p_plus - p_minus) ** 2)


def nps_from_counts(
    promoters: int,
    passives: int,
    detractors: int,
    *,
    z: float = Z_95,
    small_sample: int = SMALL_SAMPLE,
) -> NpsEstimate | None:
    """The NPS of a group with its interval; None when the group has no responses."""
    n = promoters + passives + detractors
    if n == 0:
        return None
    p_plus, p_minus = promoters / n, detractors / n
    nps = 100 * (p_plus - p_minus)
    variance = _variance(p_plus, p_minus)
    se = 100 * math.sqrt(variance / n)
    adjusted = n < small_sample or variance == 0
    if adjusted:
        add_minus, add_passive, add_plus = ADJUSTMENT
        n_adj = n + add_minus + add_passive + add_plus
        q_plus, q_minus = (promoters + add_plus) / n_adj, (detractors + add_minus) / n_adj
        centre = 100 * (q_plus - q_minus)
        se = 100 * math.sqrt(_variance(q_plus, q_minus) / n_adj)
        low, high = min(centre - z * se, nps), max(centre + z * se, nps)
    else:
        low, high = nps - z * se, nps + z * se
    return NpsEstimate(
        n=n,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        nps=nps,
        se=se,
        ci_low=max(-100.0, low),
        ci_high=min(100.0, high),
        adjusted_wald=adjusted,
        small_sample=n < small_sample,
    )


def nps_from_scores(
    scores: Iterable[int], *, z: float = Z_95, small_sample: int = SMALL_SAMPLE
) -> NpsEstimate | None:
    counts = {"promoter": 0, "passive": 0, "detractor": 0}
    for score in scores:
        counts[classify(int(score))] += 1
    return nps_from_counts(
        counts["promoter"],
        counts["passive"],
        counts["detractor"],
        z=z,
        small_sample=small_sample,
    )


@dataclass(frozen=True)
class NpsDifference:
    """B − A with the z test for two independent NPS: z = Δ / √(SE₁² + SE₂²)."""

    difference: float
    se: float
    z: float
    p: float

    @property
    def margin(self) -> float:
        """Half the difference's 95 % interval, 1.96 SE: what the z test reads."""
        return Z_95 * self.se


def compare_nps(a: NpsEstimate, b: NpsEstimate) -> NpsDifference:
    difference = b.nps - a.nps
    se = math.sqrt(a.se**2 + b.se**2)
    if se == 0:
        z = 0.0 if difference == 0 else math.copysign(math.inf, difference)
    else:
        z = difference / se
    p = math.erfc(abs(z) / math.sqrt(2))  # two-sided
    return NpsDifference(difference=difference, se=se, z=z, p=p)


def holm_adjust(p_values: list[float]) -> list[float]:
    """Holm's step-down adjusted p-values (family-wise error), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def benjamini_hochberg_adjust(p_values: list[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (false discovery rate), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i], reverse=True)
    adjusted = [0.0] * m
    running = 1.0
    for position, i in enumerate(order):
        rank = m - position
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = min(1.0, running)
    return adjusted
