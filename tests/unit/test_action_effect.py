"""'Did it work?': before/after evidence constructed by hand, and the verdict it earns."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

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
    assert nps.low == pytest.approx(50 - 1.96 * se)
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
