"""Sample means and proportions with 95 % intervals, for evidence that is not NPS.

The t quantile uses a table for the smallest samples and the Cornish–Fisher expansion
beyond (error < 0.001 beyond 10 degrees of freedom), which keeps scipy out of the
dependencies for one number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z_95 = 1.959963984540054
_T_95_SMALL = {
    1: 12.706,
    2: 4.303,
    3: 3.182,
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
}


def t_quantile_95(df: int) -> float:
    """The two-sided 95 % quantile of Student's t with ``df`` degrees of freedom."""
    if df < 1:
        return math.inf
    if df in _T_95_SMALL:
        return _T_95_SMALL[df]
    z = Z_95
    return (
        z
        + (z**3 + z) / (4 * df)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
    )


@dataclass(frozen=True)
class MeanEstimate:
    n: int
    mean: float
    sd: float
    ci_low: float
    ci_high: float

    @property
    def margin(self) -> float:
        return (self.ci_high - self.ci_low) / 2


def mean_estimate(values: Iterable[float]) -> MeanEstimate | None:
    """Mean with a t interval; one value has an unbounded interval (nothing known)."""
    data = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    n = len(data)
    if n == 0:
        return None
    mean = sum(data) / n
    if n == 1:
        return MeanEstimate(1, mean, math.nan, -math.inf, math.inf)
    sd = math.sqrt(sum((v - mean) ** 2 for v in data) / (n - 1))
    half = t_quantile_95(n - 1) * sd / math.sqrt(n)
    return MeanEstimate(n, mean, sd, mean - half, mean + half)


@dataclass(frozen=True)
class ProportionEstimate:
    n: int
    successes: int
    share: float
    ci_low: float
    ci_high: float


def wilson(successes: int, n: int, z: float = Z_95) -> ProportionEstimate | None:
    """Wilson score interval: sensible at 0 %, 100 % and small n, unlike Wald's."""
    if n == 0:
        return None
    p = successes / n
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    # min/max: rounding must not put 0 % or 100 % outside its own interval.
    low, high = max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))
    return ProportionEstimate(n, successes, p, low, high)


def newcombe_difference(
    successes_a: int, n_a: int, successes_b: int, n_b: int
) -> tuple[float, float] | None:
    """95 % interval of the change of a share from A to B (b − a), by Newcombe's hybrid
    score method: built from the two Wilson intervals, so it stays within −1 … 1 and
    keeps its coverage at small n and near 0 % or 100 %, where Wald's does not."""
    a, b = wilson(successes_a, n_a), wilson(successes_b, n_b)
    if a is None or b is None:
        return None
    change = b.share - a.share
    below = math.hypot(b.share - b.ci_low, a.ci_high - a.share)
    above = math.hypot(b.ci_high - b.share, a.share - a.ci_low)
    return change - below, change + above
