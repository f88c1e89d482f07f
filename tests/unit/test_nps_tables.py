"""NPS tables, period comparisons and shift-share, checked against hand-computed values."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.analytics.nps import holm_adjust, nps_from_counts
from journeymap.analytics.nps_compare import compare_overall, compare_periods, touchpoint_vs_rest
from journeymap.analytics.nps_tables import estimates, nps_table
from journeymap.analytics.periods import parse_period, previous_period
from journeymap.analytics.shift_share import shift_share


def responses(
    *groups: tuple[str, str, int, int], kind: str = "transactional", **extra: str
) -> pd.DataFrame:
    """(touchpoint, day, score, how many) → a frame shaped like read_responses."""
    rows = [
        {
            "touchpoint_id": tp,
            "responded_at": pd.Timestamp(day, tz="UTC"),
            "score": score,
            "survey_kind": kind,
            "location": extra.get("location", ""),
            "segment": extra.get("segment", ""),
        }
        for tp, day, score, count in groups
        for _ in range(count)
    ]
    return pd.DataFrame(rows)


def mix(
    tp: str, day: str, promoters: int, passives: int, detractors: int
) -> list[tuple[str, str, int, int]]:
    return [(tp, day, 10, promoters), (tp, day, 8, passives), (tp, day, 3, detractors)]


# Period A (2026-Q1): X 6/2/2 → NPS +40, Y 2/3/5 → −30; overall 8/5/7 of 20 → +5.
# Period B (2026-Q2): X 21/6/3 → +60, Y 3/3/4 → −10; overall 24/9/7 of 40 → +42.5.
PERIOD_A = [*mix("x", "2026-02-10", 6, 2, 2), *mix("y", "2026-03-31", 2, 3, 5)]
PERIOD_B = [*mix("x", "2026-04-01", 21, 6, 3), *mix("y", "2026-06-30", 3, 3, 4)]
TWO_PERIODS = responses(*PERIOD_A, *PERIOD_B)


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q3", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-09", "2026-09", date(2026, 9, 1), date(2026, 9, 30)),
        ("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-12", "2026-12", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_parse_period(text: str, label: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("2026", "2025"),
        ("2026-Q1", "2025-Q4"),
        ("2026-Q3", "2026-Q2"),
        ("2026-01", "2025-12"),
        ("2026-03", "2026-02"),
    ],
)
def test_previous_period(text: str, previous: str) -> None:
    assert previous_period(parse_period(text)).label == previous


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "26", "last month", ""])
def test_bad_periods_say_what_to_write(text: str) -> None:
    with pytest.raises(
        ValueError, match="write a year \\(2026\\), a quarter \\(2026-Q3\\) or a month"
    ):
        parse_period(text)


def test_table_by_touchpoint_and_quarter() -> None:
    table = nps_table(TWO_PERIODS, ["touchpoint", "quarter"])
    assert list(table.columns[:2]) == ["touchpoint", "quarter"]
    got = [
        (r.touchpoint, r.quarter, r.n, r.promoters, r.passives, r.detractors)
        for r in table.itertuples()
    ]
    assert got == [
        ("x", "2026-Q1", 10, 6, 2, 2),
        ("x", "2026-Q2", 30, 21, 6, 3),
        ("y", "2026-Q1", 10, 2, 3, 5),
        ("y", "2026-Q2", 10, 3, 3, 4),
    ]
    assert list(table["nps"]) == pytest.approx([40, 60, -30, -10])
    assert table.attrs["survey_kind"] == "transactional"


@pytest.mark.parametrize(
    ("by", "labels"),
    [
        (["month"], ["2026-02", "2026-03", "2026-04", "2026-06"]),
        (["year"], [2026]),
        (["location"], ["Køge"]),
    ],
)
def test_period_and_place_labels(by: list[str], labels: list[object]) -> None:
    frame = responses(*PERIOD_A, *PERIOD_B, location="Køge")
    assert list(nps_table(frame, by)[by[0]]) == labels


def test_transactional_and_relationship_are_never_mixed() -> None:
    frame = pd.concat(
        [
            responses(("x", "2026-01-05", 10, 3)),
            responses((None, "2026-01-05", 0, 5), kind="relationship"),
        ]
    )
    assert nps_table(frame).iloc[0]["nps"] == 100.0
    relationship = nps_table(frame, ["touchpoint"], survey_kind="relationship")
    assert relationship.iloc[0]["touchpoint"] is None
    assert relationship.iloc[0]["nps"] == -100.0
    with pytest.raises(ValueError, match="unknown survey kind 'both'"):
        nps_table(frame, survey_kind="both")


def test_unknown_group_field_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot group NPS by week: use touchpoint, month"):
        nps_table(TWO_PERIODS, ["week"])


@given(st.integers(0, 60), st.integers(0, 60), st.integers(0, 60))
def test_vectorised_estimates_equal_the_scalar_function(
    promoters: int, passives: int, detractors: int
) -> None:
    scalar = nps_from_counts(promoters, passives, detractors)
    if scalar is None:
        return
    vector = estimates([promoters], [passives], [detractors])  # type: ignore[arg-type]
    for name in ("nps", "se", "ci_low", "ci_high", "adjusted_wald", "small_sample"):
        assert vector[name][0] == pytest.approx(getattr(scalar, name), abs=1e-12)


def test_compare_overall_by_hand() -> None:
    # A: 25/15/10 of 50 → +30, σ² = .5 + .2 − .3² = .61, SE² = 10000·.61/50 = 122.
    # B: 35/10/5 of 50 → +60, σ² = .7 + .1 − .6² = .44, SE² = 88.  z = 30/√210 = 2.0702.
    frame = responses(*mix("x", "2026-01-15", 25, 15, 10), *mix("x", "2026-02-15", 35, 10, 5))
    result = compare_overall(frame, parse_period("2026-01"), parse_period("2026-02"))
    assert (result.nps_a.nps, result.nps_b.nps) == (pytest.approx(30), pytest.approx(60))  # type: ignore[union-attr]
    assert result.difference.se == pytest.approx(math.sqrt(210))  # type: ignore[union-attr]
    assert result.difference.z == pytest.approx(30 / math.sqrt(210))  # type: ignore[union-attr]
    assert result.difference.p == pytest.approx(0.03843, abs=1e-4)  # type: ignore[union-attr]


def test_compare_overall_with_an_empty_period() -> None:
    result = compare_overall(TWO_PERIODS, parse_period("2025"), parse_period("2026-Q1"))
    assert result.nps_a is None
    assert result.difference is None
    assert result.nps_b.n == 20


def test_compare_periods_adjusts_for_every_touchpoint() -> None:
    table = compare_periods(TWO_PERIODS, parse_period("2026-Q1"), parse_period("2026-Q2"))
    assert list(table["touchpoint"]) == ["x", "y"]
    assert list(table["difference"]) == [pytest.approx(20), pytest.approx(20)]
    assert list(table["p_adjusted"]) == pytest.approx(holm_adjust(list(table["p"])))
    assert not table["significant"].any()
    bh = compare_periods(TWO_PERIODS, parse_period("2026-Q1"), parse_period("2026-Q2"), method="bh")
    assert (bh["p_adjusted"] <= table["p_adjusted"] + 1e-12).all()


def test_compare_periods_flags_a_touchpoint_thin_in_either_period() -> None:
    # x: A 20/5/5 of 30 → +50, B 15/10/5 of 30 → +33.3: solid on both sides.
    # y: 10 answers in each period; z: 30 in B and none in A, so nothing to compare.
    frame = responses(
        *mix("x", "2026-01-15", 20, 5, 5),
        *mix("x", "2026-02-15", 15, 10, 5),
        *mix("y", "2026-01-20", 5, 3, 2),
        *mix("y", "2026-02-20", 4, 4, 2),
        *mix("z", "2026-02-10", 30, 0, 0),
    )
    table = compare_periods(frame, parse_period("2026-01"), parse_period("2026-02"))
    rows = table.set_index("touchpoint")
    assert rows["small_sample"].to_dict() == {"x": False, "y": True, "z": True}
    assert (rows.loc["x", "n_a"], rows.loc["x", "n_b"]) == (30, 30)
    assert rows.loc["x", "difference"] == pytest.approx(100 / 3 - 50)
    assert (rows.loc["z", "n_a"], math.isnan(rows.loc["z", "difference"])) == (0, True)


def test_touchpoint_vs_rest() -> None:
    table = touchpoint_vs_rest(responses(*PERIOD_A))
    x = table.set_index("touchpoint").loc["x"]
    assert (x["nps_touchpoint"], x["nps_rest"], x["difference"]) == (40.0, -30.0, 70.0)
    assert (x["n_touchpoint"], x["n_rest"]) == (10, 10)


def test_shift_share_by_hand() -> None:
    # Mix  Σ(w₂−w₁)·NPS₁ = (.75−.5)·40 + (.25−.5)·(−30) = 10 + 7.5 = 17.5
    # Rate Σ w₂·(NPS₂−NPS₁) = .75·20 + .25·20 = 15 + 5 = 20;  17.5 + 20 = 42.5 − 5 = 37.5.
    result = shift_share(TWO_PERIODS, parse_period("2026-Q1"), parse_period("2026-Q2"))
    assert (result.nps_a, result.nps_b) == (pytest.approx(5), pytest.approx(42.5))
    assert (result.mix, result.rate) == (pytest.approx(17.5), pytest.approx(20))
    assert result.mix + result.rate == pytest.approx(result.total_change) == pytest.approx(37.5)
    parts = result.contributions.set_index("touchpoint")
    assert list(parts["mix"]) == [pytest.approx(10), pytest.approx(7.5)]
    assert list(parts["rate"]) == [pytest.approx(15), pytest.approx(5)]
    assert list(parts["total"]) == [pytest.approx(25), pytest.approx(12.5)]


def test_shift_share_stays_exact_when_a_touchpoint_is_new() -> None:
    frame = responses(*PERIOD_A, *PERIOD_B, *mix("z", "2026-05-01", 0, 0, 10))
    result = shift_share(frame, parse_period("2026-Q1"), parse_period("2026-Q2"))
    overall_b = nps_table(
        frame[frame["responded_at"] >= pd.Timestamp("2026-04-01", tz="UTC")]
    ).iloc[0]["nps"]
    assert result.nps_b == pytest.approx(overall_b)
    assert result.mix + result.rate == pytest.approx(result.nps_b - result.nps_a)
    z = result.contributions.set_index("touchpoint").loc["z"]
    assert (z["mix"], z["rate"]) == (pytest.approx(0.2 * -100), 0.0)


def test_many_rows_aggregate_by_counts() -> None:
    """A smoke run at a tenth of the target size; benchmarks/ measures 2 million rows."""
    benchmark_rows = 200_000
    frame = pd.DataFrame(
        {
            "touchpoint_id": ["a", "b"] * (benchmark_rows // 2),
            "responded_at": pd.Timestamp("2026-01-01", tz="UTC"),
            "score": [10, 3] * (benchmark_rows // 2),
            "survey_kind": "transactional",
            "location": "",
            "segment": "",
        }
    )
    table = nps_table(frame, ["touchpoint", "month"])
    assert list(table["nps"]) == [100.0, -100.0]
    assert table["n"].sum() == benchmark_rows


def test_comparing_two_empty_periods_gives_an_empty_table() -> None:
    import pandas as pd

    from journeymap.analytics.nps_compare import compare_periods
    from journeymap.analytics.periods import parse_period

    empty = pd.DataFrame(
        {
            "responded_at": pd.Series([], dtype="datetime64[ns, UTC]"),
            "score": pd.Series([], dtype=int),
            "touchpoint_id": pd.Series([], dtype=object),
            "survey_kind": pd.Series([], dtype=object),
        }
    )
    table = compare_periods(empty, parse_period("2026-Q1"), parse_period("2026-Q2"))
    assert table.empty
    assert {"difference", "z", "p", "p_adjusted", "significant", "small_sample"} <= set(
        table.columns
    )
