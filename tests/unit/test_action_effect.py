"""'Did it work?': before/after evidence constructed by hand, and the verdict it earns."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.analytics.action_effect import (
    MeasureChange,
    Windows,
    action_effect,
    classify,
    welch_difference,
)
from journeymap.model import MetricDefinition

DONE = date(2026, 6, 1)
TODAY = date(2026, 12, 1)
WINDOWS = Windows.around(DONE, 90, TODAY)
TP = "queue"
WAIT = MetricDefinition(id="wait_minutes", name="Waiting time", unit="min", direction="lower")


def responses(before: tuple[int, int, int], after: tuple[int, int, int]) -> pd.DataFrame:
    """(promoters, passives, detractors) answers in each window, spread over its days."""
    rows = []
    for (promoters, passives, detractors), sign in ((before, -1), (after, 1)):
        scores = [10] * promoters + [8] * passives + [3] * detractors
        for i, score in enumerate(scores):
            day = DONE + timedelta(days=sign * (1 + i % 80))
            moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            rows.append((TP, moment, score, "transactional"))
    rows.append(("elsewhere", datetime(2026, 6, 10, tzinfo=UTC), 0, "transactional"))
    return pd.DataFrame(rows, columns=["touchpoint_id", "responded_at", "score", "survey_kind"])


def visits(before: list[float], after: list[float]) -> pd.DataFrame:
    rows = []
    for values, sign in ((before, -1), (after, 1)):
        for i, pct in enumerate(values):
            day = DONE + timedelta(days=sign * (5 + 7 * i))
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            rows.append((TP, f"{sign}-{i}", moment, pct))
    return pd.DataFrame(rows, columns=["touchpoint_id", "visit_id", "visited_at", "score_pct"])


def waits(before: list[float], after: list[float]) -> pd.DataFrame:
    rows = []
    for values, sign in ((before, -1), (after, 1)):
        for i, value in enumerate(values):
            day = DONE + timedelta(days=sign * (1 + i))
            rows.append((TP, "wait_minutes", pd.Timestamp(day), value))
    return pd.DataFrame(rows, columns=["touchpoint_id", "metric", "observed_on", "value"])


NO_VISITS = visits([], [])
NO_WAITS = waits([], [])
THIN_NPS = responses((10, 5, 5), (10, 5, 5))
SHOP_SAME = ([80.0, 82, 78, 81], [79.0, 81, 80, 82])
SHOP_BETTER = ([60.0, 62, 58, 61], [85.0, 88, 84, 86])
SHOP_WORSE = (SHOP_BETTER[1], SHOP_BETTER[0])
WAIT_SHORTER = ([10.0, 11] * 8, [5.0, 6] * 8)
WAIT_LONGER = (WAIT_SHORTER[1], WAIT_SHORTER[0])


@pytest.mark.parametrize(
    ("case", "nps", "shop", "wait", "verdict"),
    [
        ("NPS up 0 → +50", responses((40, 20, 40), (60, 30, 10)), None, None, "improved"),
        ("NPS down +50 → 0", responses((60, 30, 10), (40, 20, 40)), None, None, "worse"),
        ("NPS flat", responses((50, 20, 30), (50, 20, 30)), None, None, "no_change"),
        ("all thin", THIN_NPS, ([80.0, 90], [70.0, 60]), ([5.0] * 5, [9.0] * 5), "not_enough_data"),
        ("only the wait, shorter", THIN_NPS, None, WAIT_SHORTER, "improved"),
        ("only the wait, longer", THIN_NPS, None, WAIT_LONGER, "worse"),
        ("shopper better, rest flat", THIN_NPS, SHOP_BETTER, None, "improved"),
        ("shopper worse", THIN_NPS, SHOP_WORSE, None, "worse"),
        ("shopper same", THIN_NPS, SHOP_SAME, None, "no_change"),
        ("disagree, NPS decides", responses((40, 20, 40), (60, 30, 10)), None, WAIT_LONGER,
         "improved"),
        ("disagree, NPS flat", responses((50, 20, 30), (50, 20, 30)), SHOP_BETTER, WAIT_LONGER,
         "no_change"),
    ],
)  # fmt: skip
def test_effect_classification(
    case: str,
    nps: pd.DataFrame,
    shop: tuple[list[float], list[float]] | None,
    wait: tuple[list[float], list[float]] | None,
    verdict: str,
) -> None:
    effect = action_effect(
        nps,
        visits(*shop) if shop else NO_VISITS,
        waits(*wait) if wait else NO_WAITS,
        [TP],
        {"wait_minutes": WAIT},
        WINDOWS,
    )
    assert effect.verdict == verdict, f"{case}: {effect.reason}"
    assert all(m.n_before >= 0 for m in effect.measures)


def test_nps_measure_carries_the_figures_and_the_test() -> None:
    effect = action_effect(
        responses((40, 20, 40), (60, 30, 10)), NO_VISITS, NO_WAITS, [TP], {}, WINDOWS
    )
    nps = effect.measures[0]
    assert (nps.n_before, nps.n_after) == (100, 100)
    assert nps.before == pytest.approx(0.0)
    assert nps.after == pytest.approx(50.0)
    # SE² = 100²·σ²/n: σ² = 0.8 before, 0.7 − 0.25 = 0.45 after.
    se = math.sqrt(100**2 * 0.8 / 100 + 100**2 * 0.45 / 100)
    assert nps.low == pytest.approx(50 - 1.959964 * se)  # z of 95 %, as everywhere
    assert nps.p is not None
    assert nps.p < 0.001
    assert "n=100" in nps.text


def test_answers_outside_the_windows_and_other_touchpoints_are_left_out() -> None:
    frame = responses((40, 20, 40), (60, 30, 10))
    late = frame.copy()
    late["responded_at"] = datetime(2027, 6, 1, tzinfo=UTC)
    effect = action_effect(pd.concat([frame, late]), NO_VISITS, NO_WAITS, [TP], {}, WINDOWS)
    assert (effect.measures[0].n_before, effect.measures[0].n_after) == (100, 100)


def test_the_after_window_is_open_until_it_has_ended() -> None:
    assert not Windows.around(DONE, 90, DONE + timedelta(days=30)).after_complete
    assert Windows.around(DONE, 90, DONE + timedelta(days=91)).after_complete


def test_welch_difference_by_hand() -> None:
    # Means 2 and 5, variances 1 and 1, n = 3 each: SE = √(2/3), df = 4, t = 2.776.
    diff = welch_difference([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    assert diff is not None
    assert diff.difference == pytest.approx(3.0)
    assert diff.high - diff.difference == pytest.approx(2.776 * math.sqrt(2 / 3))
    assert welch_difference([1.0], [2.0, 3.0]) is None


# Two-sided 95 % quantiles of Student's t, from a printed table.
T_TABLE = {4: 2.776, 5: 2.571, 6: 2.447, 13: 2.160}


def welch_reference(before: list[float], after: list[float]) -> tuple[float, float, float]:
    """The Welch interval written out: sample variances, Welch–Satterthwaite df (rounded
    down, as the product does, which widens the interval a little), t from the table."""
    n1, n2 = len(before), len(after)
    m1, m2 = sum(before) / n1, sum(after) / n2
    s1 = sum((x - m1) ** 2 for x in before) / (n1 - 1)
    s2 = sum((x - m2) ** 2 for x in after) / (n2 - 1)
    v1, v2 = s1 / n1, s2 / n2
    df = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    half = T_TABLE[math.floor(df)] * math.sqrt(v1 + v2)
    return m2 - m1, m2 - m1 - half, m2 - m1 + half


def test_welch_with_unequal_variances_and_unequal_n_by_hand() -> None:
    # before: n=3, mean 4, s² = (4+0+4)/2 = 4, s²/n = 4/3
    # after:  n=5, mean 30, s² = (400+100+0+100+400)/4 = 250, s²/n = 50
    # SE² = 4/3 + 50 = 154/3, SE = 7.16473
    # df = (154/3)² / ((4/3)²/2 + 50²/4) = 2635.11 / 625.889 = 4.210 → 4, t = 2.776
    # half width = 2.776 × 7.16473 = 19.8893
    diff = welch_difference([2.0, 4.0, 6.0], [10.0, 20.0, 30.0, 40.0, 50.0])
    assert diff is not None
    assert diff.difference == pytest.approx(26.0)
    assert diff.low == pytest.approx(26.0 - 19.8893, abs=1e-4)
    assert diff.high == pytest.approx(26.0 + 19.8893, abs=1e-4)
    # Not the pooled-variance t interval (s²p = (2·4 + 4·250)/6 = 168, SE = 9.466,
    # df = 6, half width 23.16), and not the df with the n of the two sides swapped
    # ((154/3)² / ((4/3)²/4 + 50²/2) = 2.107 → 2, t = 4.303, half width 30.83).
    assert diff.high - diff.difference == pytest.approx(19.8893, abs=1e-4)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ([2.0, 4.0, 6.0], [10.0, 20.0, 30.0, 40.0, 50.0]),
        # n 12 vs 20, variances 111.4 vs 18.3: df = 13.2 → 13
        (
            [61.0, 64, 66, 70, 72, 75, 78, 80, 83, 85, 90, 95],
            [70.0, 71, 72, 73, 74, 75, 75, 76, 76, 77, 77, 78, 78, 79, 80, 81, 82, 83, 84, 85],
        ),
        # The wide side second and the larger n first: df = 5.03 → 5
        ([10.0, 11, 12, 13, 14, 15, 16, 17], [0.0, 20, 40, 60, 80, 100]),
    ],
)
def test_welch_matches_the_formula_written_out(before: list[float], after: list[float]) -> None:
    expected = welch_reference(before, after)
    diff = welch_difference(before, after)
    assert diff is not None
    assert (diff.difference, diff.low, diff.high) == pytest.approx(expected, abs=2e-3)


def test_welch_with_one_side_constant_has_the_other_sides_df() -> None:
    # before has no spread: df = (s²/n)² / ((s²/n)²/(n−1)) = n − 1 = 5 of the after side.
    # after: mean 3.5, s² = 17.5/5 = 3.5, SE = √(3.5/6) = 0.763763; half = 2.571 × SE
    diff = welch_difference([5.0, 5.0, 5.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert diff is not None
    assert diff.difference == pytest.approx(-1.5)
    assert diff.high - diff.difference == pytest.approx(2.571 * 0.763763, abs=1e-5)


def test_whole_welch_df_are_not_lost_to_rounding() -> None:
    # df = 2 exactly (the before side has no spread; after has n = 3), but computed in
    # floating point it comes out a hair below 2: rounded down that would be df = 1 and
    # t = 12.706 instead of 4.303, an interval three times too wide.
    # after: s² = 1/3, SE = √(1/9) = 1/3, half = 4.303/3
    diff = welch_difference([0.0, 0.0], [0.0, 0.0, 1.0])
    assert diff is not None
    assert diff.high - diff.difference == pytest.approx(4.303 / 3)


def test_welch_without_spread_on_either_side_is_the_difference_itself() -> None:
    diff = welch_difference([5.0, 5.0], [7.0, 7.0, 7.0])
    assert diff is not None
    assert (diff.difference, diff.low, diff.high) == (2.0, 2.0, 2.0)


samples = st.lists(
    st.floats(min_value=-1e3, max_value=1e3, allow_nan=False).map(lambda v: round(v, 2)),
    min_size=2,
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(samples, samples, st.floats(min_value=-100, max_value=100).map(lambda v: round(v, 1)))
def test_welch_is_antisymmetric_and_shift_invariant(
    before: list[float], after: list[float], shift: float
) -> None:
    forward = welch_difference(before, after)
    backward = welch_difference(after, before)
    shifted = welch_difference([v + shift for v in before], [v + shift for v in after])
    assert forward is not None
    assert backward is not None
    assert shifted is not None
    assert forward.low <= forward.difference <= forward.high
    assert backward.difference == pytest.approx(-forward.difference, abs=1e-6)
    assert backward.low == pytest.approx(-forward.high, abs=1e-6)
    assert shifted.high - shifted.low == pytest.approx(forward.high - forward.low, abs=1e-6)


def _measure(kind: str, outcome: str) -> MeasureChange:
    return MeasureChange(kind, kind, 50, 50, 0, 0, 0, 0, 0, None, outcome, "")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("outcomes", "verdict"),
    [
        ([], "not_enough_data"),
        ([("nps", "thin"), ("kpi", "thin")], "not_enough_data"),
        ([("nps", "no_change"), ("kpi", "thin")], "no_change"),
        ([("nps", "thin"), ("kpi", "improved")], "improved"),
        ([("nps", "worse"), ("shopper", "no_change")], "worse"),
        ([("nps", "worse"), ("shopper", "improved")], "worse"),
        ([("nps", "no_change"), ("shopper", "improved"), ("kpi", "worse")], "no_change"),
    ],
)
def test_classify_rules(outcomes: list[tuple[str, str]], verdict: str) -> None:
    assert classify([_measure(k, o) for k, o in outcomes])[0] == verdict


def test_each_windows_level_comes_with_its_margin() -> None:
    """Before and after were given with their n only; the difference alone had an interval."""
    from journeymap.analytics.action_effect import _mean_change

    nps = action_effect(
        responses((40, 20, 40), (60, 30, 10)), NO_VISITS, NO_WAITS, [TP], {}, WINDOWS
    ).measures[0]
    # Before 0: σ² .8, SE 8.944, ±17.5; after +50: σ² .45, SE 6.708, ±13.1.
    assert nps.text.startswith("NPS 0 ±18 (n=100) → +50 ±13 (n=100): +50.0 points")
    # Before: mean 4, s² 4, SE 1.1547, t(2) 4.303: ±5.0; after: mean 30, s² 250,
    # SE 7.0711, t(4) 2.776: ±19.6; the difference as in the Welch test above.
    waits = _mean_change(
        "kpi", "Waiting time", pd.Series([2.0, 4.0, 6.0]), pd.Series([10.0, 20, 30, 40, 50]),
        3, False, " min", "{measure}: too few",
    )  # fmt: skip
    assert waits.text == (
        "Waiting time 4.0 min ±5.0 (n=3) → 30.0 min ±19.6 (n=5): +26.0 min [+6.1, +45.9]"
    )
