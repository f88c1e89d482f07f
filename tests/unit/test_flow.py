"""Flow through the graph: exact expected volumes with loops, drop-off, main path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from journeymap.analytics.flow import compute_flow, find_cycles, main_path
from journeymap.model import Journey, parse_journey
from journeymap.model.shares import effective_shares
from tests.strategies import journeys


def small_journey(**changes: Any) -> Journey:
    """A → B → D and A → C → D, with B looping back to A and leaking to a competitor."""
    data: dict[str, Any] = {
        "id": "small",
        "name": "Small",
        "stages": [{"id": "s1", "name": "One"}, {"id": "s2", "name": "Two"}],
        "touchpoints": [
            {"id": "a", "name": "A", "stage": "s1", "channel": "web"},
            {"id": "b", "name": "B", "stage": "s1", "channel": "phone"},
            {"id": "c", "name": "C", "stage": "s2", "channel": "branch"},
            {"id": "d", "name": "D", "stage": "s2", "channel": "branch", "end": True},
            {"id": "e", "name": "Competitor", "stage": "s2", "channel": "web", "end": True},
        ],
        "transitions": [
            {"from": "a", "to": "b", "share": 0.6},
            {"from": "a", "to": "c", "share": 0.3},
            {"from": "b", "to": "d", "share": 0.5},
            {"from": "b", "to": "e", "share": 0.1, "kind": "leave"},
            {"from": "b", "to": "a", "share": 0.2, "kind": "recovery"},
            {"from": "c", "to": "d", "share": 0.9},
        ],
        "entries": [{"touchpoint": "a", "customers_per_month": 1000}],
    }
    data.update(changes)
    return parse_journey(data)


def test_hand_computed_volumes_with_a_loop() -> None:
    # x_a = 1000 + 0.2 x_b and x_b = 0.6 x_a, so x_a = 1000 / 0.88.
    flow = compute_flow(small_journey()).by_id()
    x_a = 1000 / 0.88
    x_b = 0.6 * x_a
    x_c = 0.3 * x_a
    assert flow["a"].customers_per_month == pytest.approx(1136.3636, abs=1e-3)
    assert flow["b"].customers_per_month == pytest.approx(681.8182, abs=1e-3)
    assert flow["c"].customers_per_month == pytest.approx(x_c)
    assert flow["d"].customers_per_month == pytest.approx(0.5 * x_b + 0.9 * x_c)  # 647.727
    assert flow["e"].customers_per_month == pytest.approx(0.1 * x_b)


def test_hand_computed_drop_off() -> None:
    flow = compute_flow(small_journey()).by_id()
    assert flow["a"].drop_off == pytest.approx(0.1)  # 1 − 0.6 − 0.3 unclaimed
    assert flow["b"].drop_off == pytest.approx(0.3)  # 0.1 leave + 0.2 unclaimed
    assert flow["c"].drop_off == pytest.approx(0.1)
    assert flow["d"].drop_off == 0.0  # an end: finishing is not dropping off
    assert flow["e"].drop_off == 0.0  # already counted as lost at b
    assert flow["b"].lost_per_month == pytest.approx(0.3 * 0.6 * 1000 / 0.88)
    assert flow["d"].completed_per_month == pytest.approx(647.7273, abs=1e-3)
    assert flow["e"].completed_per_month == 0.0


def test_customers_who_left_are_not_lost_or_done_again_where_they_go_next() -> None:
    # Found by the journey generator: a leave transition into a touchpoint that goes on
    # (a win-back call, back into the journey) or into an end also reached otherwise.
    journey = small_journey(
        transitions=[
            {"from": "a", "to": "b", "share": 0.5},
            {"from": "b", "to": "a", "share": 0.25, "kind": "leave"},
            {"from": "b", "to": "d", "share": 0.25},
            {"from": "a", "to": "c", "share": 0.5},
            {"from": "c", "to": "d", "share": 0.5, "kind": "leave"},
            {"from": "c", "to": "e", "share": 0.5},
        ]
    )
    result = compute_flow(journey)
    flow = result.by_id()
    # x_a = 1000 + 0.25 x_b, x_b = 0.5 x_a: x_a = 1000 / 0.875. Of them, 1000 never left.
    assert flow["a"].customers_per_month == pytest.approx(1000 / 0.875)
    assert flow["a"].lost_per_month == 0.0  # everything at a is passed on
    assert flow["b"].lost_per_month == pytest.approx(500 * 0.75)  # 0.25 left + 0.5 unclaimed
    assert flow["c"].lost_per_month == pytest.approx(500 * 0.5)
    assert flow["d"].completed_per_month == pytest.approx(500 * 0.25)  # not those from c
    assert flow["e"].completed_per_month == pytest.approx(500 * 0.5)
    finished = sum(r.lost_per_month + r.completed_per_month for r in result.touchpoints)
    assert finished == pytest.approx(1000)


def test_main_path_is_the_most_likely_path_to_a_good_end() -> None:
    result = compute_flow(small_journey())
    assert result.main_path == ["a", "b", "d"]  # 0.6 × 0.5 = 0.30 beats 0.3 × 0.9 = 0.27
    assert result.main_path_probability == pytest.approx(0.30)


def test_main_path_never_ends_at_a_leave_destination() -> None:
    journey = small_journey(
        transitions=[
            {"from": "a", "to": "b", "share": 0.6},
            {"from": "a", "to": "c", "share": 0.3},
            {"from": "b", "to": "e", "share": 0.9, "kind": "leave"},
            {"from": "b", "to": "d", "share": 0.05},
            {"from": "c", "to": "d", "share": 0.9},
        ]
    )
    assert main_path(journey)[0] == ["a", "c", "d"]


def test_main_path_starts_where_most_customers_enter() -> None:
    journey = small_journey(
        entries=[
            {"touchpoint": "a", "customers_per_month": 100},
            {"touchpoint": "c", "customers_per_month": 900},
        ]
    )
    assert main_path(journey)[0] == ["c", "d"]


def test_cycles_are_reported() -> None:
    assert find_cycles(small_journey()) == [["a", "b"]]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_flow_invariants(journey: Journey) -> None:
    result = compute_flow(journey)
    flow = result.by_id()
    shares = effective_shares(journey)
    entering = {e.touchpoint: e.customers_per_month for e in journey.entries}
    for tp in journey.touchpoints:
        row = flow[tp.id]
        inflow = sum(
            flow[src].customers_per_month * s for (src, dst), s in shares.items() if dst == tp.id
        )
        # Customers at a touchpoint are exactly what enters there plus what flows (or
        # loops) back in; never more.
        assert row.customers_per_month == pytest.approx(
            entering.get(tp.id, 0) + inflow, rel=1e-6, abs=1e-6
        )
        assert row.customers_per_month >= 0
        assert 0.0 <= row.drop_off <= 1.0
    # Everyone who enters either drops off somewhere or completes the journey.
    finished = sum(r.lost_per_month + r.completed_per_month for r in result.touchpoints)
    assert finished == pytest.approx(result.entering_per_month, rel=1e-6, abs=1e-6)
