"""Means and proportions with intervals, against hand-computed values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.analytics.estimates import (
    mean_estimate,
    newcombe_difference,
    t_quantile_95,
    wilson,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706), (4, 2.776), (5, 2.571), (10, 2.228), (30, 2.042), (120, 1.980)],
)
def test_t_quantile_matches_the_table(df: int, expected: float) -> None:
    assert t_quantile_95(df) == pytest.approx(expected, abs=0.002)


def test_mean_with_t_interval() -> None:
    # 4, 6, 8, 10: mean 7, sd = √(20/3) = 2.5820, half = 3.182 · 2.5820 / 2 = 4.108.
    est = mean_estimate([4, 6, 8, 10])
    assert est is not None
    assert est.mean == 7
    assert est.sd == pytest.approx(2.5820, abs=1e-4)
    assert est.ci_low == pytest.approx(2.892, abs=1e-3)
    assert est.ci_high == pytest.approx(11.108, abs=1e-3)


def test_one_value_has_an_unbounded_interval() -> None:
    est = mean_estimate([5.0])
    assert est is not None
    assert (est.ci_low, est.ci_high) == (-math.inf, math.inf)


def test_no_values() -> None:
    assert mean_estimate([]) is None
    assert wilson(0, 0) is None


def test_wilson_interval() -> None:
    # 2 of 10: centre = (.2 + .19208) / 1.38415 = .28331,
    # half = 1.95996 · √(.016 + .009604) / 1.38415 = .22657 → [.0567, .5099].
    est = wilson(2, 10)
    assert est is not None
    assert est.ci_low == pytest.approx(0.0567, abs=1e-4)
    assert est.ci_high == pytest.approx(0.5098, abs=1e-3)


@given(st.integers(0, 200), st.integers(1, 200))
def test_wilson_contains_the_share(successes: int, n: int) -> None:
    successes = min(successes, n)
    est = wilson(successes, n)
    assert est is not None
    assert 0 <= est.ci_low <= est.share <= est.ci_high <= 1


def test_newcombe_difference_matches_the_published_example() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 against 48/80,
    # difference 0.2000, method 10 interval 0.0524 … 0.3339.
    low, high = newcombe_difference(48, 80, 56, 70)
    assert low == pytest.approx(0.0524, abs=1e-4)
    assert high == pytest.approx(0.3339, abs=1e-4)
    assert newcombe_difference(0, 0, 3, 10) is None


@given(st.integers(0, 100), st.integers(1, 100), st.integers(0, 100), st.integers(1, 100))
def test_newcombe_contains_the_change_and_stays_within_bounds(
    successes_a: int, n_a: int, successes_b: int, n_b: int
) -> None:
    successes_a, successes_b = min(successes_a, n_a), min(successes_b, n_b)
    low, high = newcombe_difference(successes_a, n_a, successes_b, n_b)
    change = successes_b / n_b - successes_a / n_a
    assert -1 <= low <= change + 1e-12
    assert change - 1e-12 <= high <= 1
