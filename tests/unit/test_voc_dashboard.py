"""The NPS dashboard's tables, the verbatim filter, the profit chain and the case board."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from journeymap import settings
from journeymap.analytics.case_board import board, end_of_day, urgency, urgency_counts
from journeymap.analytics.nps_dashboard import (
    comparison_table,
    kinds_present,
    top_movers,
    touchpoint_table,
    trend_table,
)
from journeymap.analytics.periods import make_period
from journeymap.analytics.profit_chain import (
    chain_correlation,
    profit_chain,
    responses_between,
    visits_between,
)
from journeymap.analytics.shift_share import ShiftShare
from journeymap.analytics.verbatims import (
    VerbatimFilter,
    filter_verbatims,
    page_count,
    page_of,
)


def responses(rows: list[tuple[str | None, int, str]], kind: str = "transactional") -> pd.DataFrame:
    """(touchpoint, score, ISO moment) rows in read_responses' shape."""
    return pd.DataFrame(
        {
            "id": range(1, len(rows) + 1),
            "touchpoint_id": [r[0] for r in rows],
            "score": [r[1] for r in rows],
            "responded_at": pd.to_datetime([r[2] for r in rows], utc=True),
            "survey_kind": kind,
            "comment": "",
            "location": "",
            "segment": "",
        }
    )


def test_touchpoint_table_counts_tests_and_puts_thin_rows_last() -> None:
    day = "2026-03-01"
    # counter: 20 promoters, 10 passives, 10 detractors → NPS (20 − 10)/40 = +25
    rows = [("counter", 10, day)] * 20 + [("counter", 8, day)] * 10 + [("counter", 3, day)] * 10
    rows += [("phone", 0, day)] * 5  # phone: 5 detractors → −100, thin
    names = {"phone": "Phone", "counter": "Counter"}  # phone first in the journey
    table = touchpoint_table(responses(rows), names)
    assert list(table["touchpoint"]) == ["counter", "phone"]
    counter, phone = table.iloc[0], table.iloc[1]
    assert (counter["n"], counter["nps"], counter["detractor_share"]) == (40, 25.0, 0.25)
    assert not counter["small_sample"]
    assert phone["small_sample"]
    assert counter["vs_rest"] == pytest.approx(25 - (-100))
    # The difference's interval is symmetric round it, as the z test reads it.
    low, high = counter["vs_rest_low"], counter["vs_rest_high"]
    assert low < counter["vs_rest"] < high
    assert counter["vs_rest"] - low == pytest.approx(high - counter["vs_rest"])
    assert counter["detractors"] == 10
    assert counter["name"] == "Counter"
    assert counter["ci_low"] < 25 < counter["ci_high"]


def test_touchpoint_table_names_a_touchpoint_missing_from_the_journey() -> None:
    table = touchpoint_table(responses([("gone", 9, "2026-03-01")]), {"x": "X"})
    assert table.iloc[0]["name"] == "gone (not in the journey)"


def test_touchpoint_table_empty_and_never_mixes_kinds() -> None:
    relationship = responses([(None, 10, "2026-03-01")], kind="relationship")
    assert touchpoint_table(relationship, {}).empty
    assert kinds_present(relationship) == ["relationship"]


def test_trend_table_months_with_start_dates_and_small_samples() -> None:
    rows = [("a", 10, "2026-02-03"), ("a", 10, "2026-01-05"), ("a", 0, "2026-01-20")]
    rows += [("a", 10, "2026-01-21")]
    trend = trend_table(responses(rows), "month")
    assert list(trend["period"]) == ["2026-01", "2026-02"]
    assert list(trend["start"]) == [date(2026, 1, 1), date(2026, 2, 1)]
    jan = trend.iloc[0]
    assert jan["n"] == 3
    assert jan["nps"] == pytest.approx(100 / 3)
    assert jan["small_sample"]
    assert jan["adjusted_wald"]
    assert jan["ci_low"] <= jan["nps"] <= jan["ci_high"]
    quarters = trend_table(responses(rows), "quarter")
    assert list(quarters["period"]) == ["2026-Q1"]
    assert quarters.iloc[0]["n"] == 4
    assert quarters.iloc[0]["start"] == date(2026, 1, 1)
    with pytest.raises(ValueError, match="not by 'week'"):
        trend_table(responses(rows), "week")


def test_comparison_table_flags_thin_rows() -> None:
    compared = pd.DataFrame(
        {
            "touchpoint": ["b", "a"],
            "n_a": [10, 100],
            "nps_a": [0.0, 10.0],
            "ci_low_a": [-40.0, -2.0],
            "ci_high_a": [40.0, 22.0],
            "n_b": [40, 120],
            "nps_b": [5.0, 30.0],
            "ci_low_b": [-20.0, 19.0],
            "ci_high_b": [30.0, 41.0],
            "difference": [5.0, 20.0],
            "se": [25.0, 8.0],
            "z": [0.2, 2.5],
            "p": [0.8, 0.01],
            "p_adjusted": [0.8, 0.02],
            "significant": [False, True],
        }
    )
    table = comparison_table(compared, {"b": "B", "a": "A"})
    assert list(table["touchpoint"]) == ["a", "b"]  # b is thin (10 answers in A)
    assert list(table["small_sample"]) == [False, True]
    # The change's interval: 20 ± 1.96 · 8 = 4.32 … 35.68; 5 ± 1.96 · 25 = −44 … 54.
    assert table["change_low"].round(2).tolist() == [4.32, -44.0]
    assert table["change_high"].round(2).tolist() == [35.68, 54.0]
    assert table[["ci_low_a", "ci_high_b"]].values.tolist() == [[-2.0, 41.0], [-40.0, 30.0]]


def test_top_movers_solid_first_by_size() -> None:
    parts = pd.DataFrame(
        {
            "touchpoint": ["a", "b", "c"],
            "n_a": [100, 5, 100],
            "n_b": [100, 5, 100],
            "nps_a": [0.0, 0.0, 0.0],
            "nps_b": [1.0, 50.0, -3.0],
            "mix": [0.0, 0.0, 0.0],
            "rate": [0.5, 9.0, -1.5],
            "total": [0.5, 9.0, -1.5],
        }
    )
    shift = ShiftShare(0, 8, 205, 205, 0, 8, parts, "transactional")
    movers = top_movers(shift, {"a": "A", "b": "B", "c": "C"}, count=3)
    assert list(movers["touchpoint"]) == ["c", "a", "b"]  # b moved most but rests on n=5
    assert list(movers["small_sample"]) == [False, False, True]


def comments_frame() -> pd.DataFrame:
    frame = responses(
        [("a", 10, "2026-01-01"), ("a", 2, "2026-02-01"), ("b", 8, "2026-03-01")]
        + [("a", 5, "2026-03-02")]
    )
    frame["comment"] = ["Great (really)", "Slow queue", "ok <b>x</b>", "  "]
    frame["location"] = ["x", "y", "x", "x"]
    return frame


def test_verbatims_newest_first_without_blank_comments() -> None:
    found = filter_verbatims(comments_frame(), VerbatimFilter())
    assert list(found["comment"]) == ["ok <b>x</b>", "Slow queue", "Great (really)"]
    assert list(found["group"]) == ["passive", "detractor", "promoter"]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (VerbatimFilter(search="(REALLY"), ["Great (really)"]),  # literal, any case
        (VerbatimFilter(group="detractor"), ["Slow queue"]),
        (VerbatimFilter(touchpoint="b"), ["ok <b>x</b>"]),
        (VerbatimFilter(location="x", start=date(2026, 2, 1)), ["ok <b>x</b>"]),
        (VerbatimFilter(end=date(2026, 1, 31)), ["Great (really)"]),
        (VerbatimFilter(search="nothing like it"), []),
    ],
)
def test_verbatim_filters(flt: VerbatimFilter, expected: list[str]) -> None:
    assert list(filter_verbatims(comments_frame(), flt)["comment"]) == expected


def test_pages() -> None:
    frame = pd.DataFrame({"i": range(7)})
    assert (page_count(0, 3), page_count(6, 3), page_count(7, 3)) == (1, 2, 3)
    assert list(page_of(frame, 3, 3)["i"]) == [6]
    assert list(page_of(frame, 9, 3)["i"]) == [6]  # beyond the end: the last page
    assert list(page_of(frame, 0, 3)["i"]) == [0, 1, 2]


def league(rows: list[tuple[str, str, bool, int, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["location_id", "location_name", "competitor", "n_visits", "score_pct"]
    )
    return frame.assign(ci_low=frame["score_pct"] - 5, ci_high=frame["score_pct"] + 5)


def nps_by_location(rows: list[tuple[str | None, int, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["location", "n", "nps"])
    return frame.assign(ci_low=frame["nps"] - 10, ci_high=frame["nps"] + 10)


def test_profit_chain_joins_own_locations_and_marks_thin_points() -> None:
    shopper = league(
        [
            ("x", "X", False, 4, 80.0),
            ("y", "Y", False, 2, 60.0),  # 2 visits: thin
            ("z", "Z", False, 5, 70.0),  # 20 answers: thin
            ("rival", "Rival", True, 9, 90.0),
            ("w", "W", False, 5, 50.0),  # no answers: left out
        ]
    )
    chain = profit_chain(
        shopper, nps_by_location([("x", 40, 30.0), ("y", 50, 10.0), ("z", 20, 5.0), (None, 9, 0)])
    )
    assert list(chain["location"]) == ["x", "y", "z"]
    assert list(chain["thin"]) == [False, True, True]
    assert chain.iloc[0][["n_visits", "shopper_pct", "n", "nps"]].tolist() == [4, 80.0, 40, 30.0]
    # Both sides keep their own interval.
    assert chain.iloc[0][["shopper_low", "shopper_high"]].tolist() == [75.0, 85.0]
    assert chain.iloc[0][["ci_low", "ci_high"]].tolist() == [20.0, 40.0]


def test_chain_correlation_over_solid_points_with_fisher_interval() -> None:
    chain = pd.DataFrame(
        {"shopper_pct": [1, 2, 3, 4, 99], "nps": [1, 3, 2, 4, -50], "thin": [0, 0, 0, 0, 1]}
    )
    result = chain_correlation(chain)
    assert result is not None
    # x̄ = 2.5, ȳ = 2.5: Σdxdy = 4, Σdx² = Σdy² = 5 → r = 0.8; Fisher: atanh(0.8) ± 1.96/√1
    assert (result.r, result.n) == (pytest.approx(0.8), 4)
    assert result.ci_low == pytest.approx(math.tanh(math.atanh(0.8) - 1.959964), abs=1e-6)
    assert result.ci_high == pytest.approx(math.tanh(math.atanh(0.8) + 1.959964), abs=1e-6)
    assert chain_correlation(chain.iloc[1:]) is None  # 3 solid points are too few


def test_visits_and_responses_between_days() -> None:
    scores = pd.DataFrame({"visit_id": [1, 2, 3], "pct": [50.0, 60.0, 70.0]})
    visits = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "visited_at": pd.to_datetime(["2026-03-31 23:00", None, "2026-04-01 08:00"], utc=True),
            "window_start": [date(2026, 3, 1), date(2026, 3, 20), date(2026, 4, 1)],
        }
    )
    q1 = make_period("quarter", 2026, 1)
    assert list(visits_between(scores, visits, q1.start, q1.end)["visit_id"]) == [1, 2]
    assert len(visits_between(scores, visits, None, None)) == 3
    frame = responses([("a", 9, "2026-03-31T23:59"), ("a", 9, "2026-04-01T00:00")])
    assert len(responses_between(frame, q1.start, q1.end)) == 1


NOW = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)


def cases() -> pd.DataFrame:
    def at(hours: float) -> datetime:
        return NOW + timedelta(hours=hours)

    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "status": ["new", "new", "new", "contacted", "resolved", "not_reachable"],
            "due_at": pd.to_datetime([at(30), at(5), at(-1), at(-5), at(-50), at(-3)], utc=True),
            "contacted_at": pd.to_datetime([None, None, None, at(-6), at(-60), None], utc=True),
        }
    )


def test_case_board_overdue_then_due_today() -> None:
    frame = board(cases(), NOW)
    assert list(frame["id"]) == [3, 2, 1, 4, 5, 6]
    assert list(frame["urgency"]) == ["overdue", "due today", "open", "contacted"] + [
        "closed",
        "closed",
    ]
    counts = urgency_counts(frame)
    assert counts == {"overdue": 1, "due today": 1, "open": 1, "contacted": 1, "closed": 2}


def test_due_today_ends_at_local_midnight() -> None:
    late_evening = datetime(2026, 5, 10, 21, 30, tzinfo=UTC)  # 23:30 in Copenhagen
    assert end_of_day(late_evening, "Europe/Copenhagen") == datetime(2026, 5, 10, 22, 0, tzinfo=UTC)
    frame = cases().assign(due_at=pd.to_datetime([late_evening + timedelta(hours=1)] * 6, utc=True))
    assert urgency(frame.iloc[:1], late_evening, "Europe/Copenhagen").tolist() == ["open"]
    assert urgency(frame.iloc[:1], late_evening, "UTC").tolist() == ["due today"]
    assert urgency(frame.iloc[:0], late_evening).empty


@pytest.mark.parametrize(("value", "hours"), [(None, 24.0), ("12", 12.0), ("1.5", 1.5)])
def test_callback_hours_setting(
    monkeypatch: pytest.MonkeyPatch, value: str | None, hours: float
) -> None:
    if value is None:
        monkeypatch.delenv("JOURNEYMAP_CALLBACK_HOURS", raising=False)
    else:
        monkeypatch.setenv("JOURNEYMAP_CALLBACK_HOURS", value)
    assert settings.callback_hours() == hours


@pytest.mark.parametrize("value", ["abc", "-1"])
def test_a_bad_callback_hours_setting_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("JOURNEYMAP_CALLBACK_HOURS", value)
    with pytest.raises(settings.SettingsError, match=f"JOURNEYMAP_CALLBACK_HOURS is '{value}'"):
        settings.callback_hours()
