"""NPS statistics against hand-computed values."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.analytics.nps import (
    benjamini_hochberg_adjust,
    classify,
    compare_nps,
    holm_adjust,
    nps_from_counts,
    nps_from_scores,
)


@pytest.mark.parametrize(
    ("score", "group"),
    [
        (0, "detractor"),
        (6, "detractor"),
        (7, "passive"),
        (8, "passive"),
        (9, "promoter"),
        (10, "promoter"),
    ],
)
def test_classify(score: int, group: str) -> None:
    assert classify(score) == group


def test_classify_refuses_out_of_range() -> None:
    with pytest.raises(ValueError, match="0–10, got 11"):
        classify(11)


def test_large_sample_uses_the_wald_interval() -> None:
    # 50 promoters, 30 passives, 20 detractors: p+ = .5, p- = .2, NPS = 30,
    # σ² = .5 + .2 − .3² = .61, SE = 100·√(.61/100) = 7.8102, CI = 30 ± 1.96·7.8102.
    est = nps_from_counts(50, 30, 20)
    assert est is not None
    assert est.nps == pytest.approx(30.0)
    assert est.se == pytest.approx(7.8102, abs=1e-4)
    assert est.ci_low == pytest.approx(30 - 15.3078, abs=1e-3)
    assert est.ci_high == pytest.approx(30 + 15.3078, abs=1e-3)
    assert not est.adjusted_wald
    assert not est.small_sample
    assert est.margin == pytest.approx(15.3078, abs=1e-3)


def test_small_sample_uses_adjusted_wald() -> None:
    # 5 promoters, 3 passives, 2 detractors (n = 10). Adjusted: 5.75, 4.5, 2.75 of 13:
    # q+ = .44231, q- = .21154, centre = 23.077, σ² = .65385 − .05325 = .60059,
    # SE = 100·√(.60059/13) = 21.494, CI = 23.077 ± 42.128 = [−19.05, 65.20].
    est = nps_from_counts(5, 3, 2)
    assert est is not None
    assert est.nps == pytest.approx(30.0)
    assert est.adjusted_wald
    assert est.small_sample
    assert est.se == pytest.approx(21.494, abs=1e-3)
    assert est.ci_low == pytest.approx(-19.05, abs=0.01)
    assert est.ci_high == pytest.approx(65.20, abs=0.01)


def test_one_response() -> None:
    # n = 1 promoter: adjusted 1.75, 1.5, .75 of 4 → centre 25, σ² = .625 − .0625 = .5625,
    # SE = 100·√(.5625/4) = 37.5, interval 25 ± 73.5 = [−48.5, 98.5], widened to 100.
    est = nps_from_scores([10])
    assert est is not None
    assert (est.n, est.nps) == (1, 100.0)
    assert est.se == pytest.approx(37.5)
    assert est.ci_low == pytest.approx(-48.4986, abs=1e-3)
    assert est.ci_high == 100.0


def test_all_promoters_in_a_large_sample_is_not_certain() -> None:
    # σ² = 0 would claim ±0; adjusted Wald: 100.75, 1.5, .75 of 103 → SE > 0.
    est = nps_from_counts(100, 0, 0)
    assert est is not None
    assert est.nps == 100.0
    assert est.adjusted_wald
    assert not est.small_sample
    assert est.ci_low < 95
    assert est.ci_high == 100.0


def test_all_detractors() -> None:
    est = nps_from_scores([0, 3, 6, 5])
    assert est is not None
    assert est.nps == -100.0
    assert est.ci_low == -100.0
    assert est.ci_high > -100.0


def test_no_responses_has_no_nps() -> None:
    assert nps_from_scores([]) is None


def test_difference_between_two_periods() -> None:
    # A: 50/30/20 (NPS 30, SE 7.8102); B: 60/25/15 of 100 (NPS 45,
    # σ² = .75 − .2025 = .5475, SE 7.3993).
    # z = 15 / √(61 + 54.75) = 15 / 10.7587 = 1.39422, p = .1633.
    a, b = nps_from_counts(50, 30, 20), nps_from_counts(60, 25, 15)
    assert a is not None
    assert b is not None
    diff = compare_nps(a, b)
    assert diff.difference == pytest.approx(15.0)
    assert diff.z == pytest.approx(1.39422, abs=1e-4)
    assert diff.p == pytest.approx(0.1633, abs=1e-3)


def test_holm_and_bh() -> None:
    p = [0.01, 0.04, 0.03, 0.005]
    # Holm: sorted .005,.01,.03,.04 × 4,3,2,1 → .02,.03,.06,.06 (monotone)
    assert holm_adjust(p) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    # BH: sorted .005,.01,.03,.04 × 4/1,4/2,4/3,4/4 → .02,.02,.04,.04 (cumulative min)
    assert benjamini_hochberg_adjust(p) == pytest.approx([0.02, 0.04, 0.04, 0.02])


counts = st.tuples(st.integers(0, 400), st.integers(0, 400), st.integers(0, 400)).filter(
    lambda c: sum(c) > 0
)


@given(counts)
def test_nps_is_in_range_and_inside_its_interval(c: tuple[int, int, int]) -> None:
    est = nps_from_counts(*c)
    assert est is not None
    assert -100 <= est.ci_low <= est.nps <= est.ci_high <= 100
    assert est.se > 0 or est.n >= 30


@given(counts)
def test_adding_a_promoter_never_lowers_nps(c: tuple[int, int, int]) -> None:
    before = nps_from_counts(*c)
    after = nps_from_counts(c[0] + 1, c[1], c[2])
    assert before is not None
    assert after is not None
    assert after.nps >= before.nps - 1e-12


@given(st.lists(st.floats(0, 1), min_size=1, max_size=20))
def test_adjusted_p_values_are_valid(p: list[float]) -> None:
    for adjusted in (holm_adjust(p), benjamini_hochberg_adjust(p)):
        assert all(raw <= adj + 1e-12 <= 1 + 1e-12 for raw, adj in zip(p, adjusted, strict=True))
        assert not any(math.isnan(a) for a in adjusted)
