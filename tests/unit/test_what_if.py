"""What-if through a flow with a loop, against hand-computed results."""

from __future__ import annotations

from typing import Any

import pytest

from journeymap.analytics.flow import compute_flow
from journeymap.analytics.what_if import (
    contacts_per_day,
    drop_off_effect,
    journey_nps_effect,
    minutes_saved_per_day,
    with_less_drop_off,
)
from journeymap.model import Journey, parse_journey


def loop_journey() -> Journey:
    """a → b (.6) → d; b → a (.2, loop); b → e (.1, leave); b quietly loses .1."""
    data: dict[str, Any] = {
        "id": "loop",
        "name": "Loop",
        "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [
            {"id": "a", "name": "A", "stage": "s", "channel": "web"},
            {"id": "b", "name": "B", "stage": "s", "channel": "phone"},
            {"id": "d", "name": "Done", "stage": "s", "channel": "web", "end": True},
            {"id": "e", "name": "Competitor", "stage": "s", "channel": "web", "end": True},
        ],
        "transitions": [
            {"from": "a", "to": "b", "share": 0.9},
            {"from": "b", "to": "d", "share": 0.6},
            {"from": "b", "to": "a", "share": 0.2, "kind": "recovery"},
            {"from": "b", "to": "e", "share": 0.1, "kind": "leave"},
        ],
        "entries": [{"touchpoint": "a", "customers_per_month": 1000}],
    }
    return parse_journey(data)


def test_less_drop_off_through_a_loop() -> None:
    journey = loop_journey()
    # Before: x_a = 1000 + .2 x_b, x_b = .9 x_a → x_a = 1000/.82 = 1219.51,
    # x_b = 1097.56, done = .6 x_b = 658.54.
    before = compute_flow(journey).by_id()
    assert before["d"].customers_per_month == pytest.approx(658.537, abs=1e-3)
    # Cut b's drop-off (.1 leave + .1 quiet = .2) by .15: the leave edge goes (.1),
    # then .05 of the quiet share; the .15 kept is split .6 : .2 over b → d and b → a:
    # b → d = .6 + .1125 = .7125, b → a = .2 + .0375 = .2375.
    changed = with_less_drop_off(journey, "b", 0.15)
    shares = {(t.source, t.target): t.share for t in changed.transitions}
    assert shares[("b", "d")] == pytest.approx(0.7125)
    assert shares[("b", "a")] == pytest.approx(0.2375)
    assert shares[("b", "e")] == pytest.approx(0.0)
    # After: x_a = 1000 / (1 − .9·.2375) = 1000/.78625 = 1271.86, x_b = 1144.67,
    # done = .7125 x_b = 815.58: 157.04 more customers finish each month.
    effect = drop_off_effect(journey, "b", 0.15)
    assert effect.drop_off_before == pytest.approx(0.2)
    assert effect.drop_off_after == pytest.approx(0.05)
    assert effect.completed_after == pytest.approx(815.58, abs=0.01)
    assert effect.customers_kept_per_month == pytest.approx(815.58 - 658.54, abs=0.01)


def test_an_end_cannot_lose_less() -> None:
    journey = loop_journey()
    assert with_less_drop_off(journey, "d", 0.1) == journey


def test_minutes_saved() -> None:
    assert minutes_saved_per_day(2.5, 500) == pytest.approx(20.8333, abs=1e-4)
    flow = compute_flow(loop_journey())
    assert contacts_per_day(flow, "a") == pytest.approx(1219.512 / 30.4375, abs=1e-3)


def test_journey_nps_effect_is_the_volume_share_of_the_gain() -> None:
    flow = compute_flow(loop_journey())
    # a 1219.51 and b 1097.56 measured: b's share = .47368; +10 at b → +4.74.
    assert journey_nps_effect(flow, "b", 10, {"a", "b"}) == pytest.approx(4.7368, abs=1e-4)
    assert journey_nps_effect(flow, "d", 10, {"a", "b"}) == 0.0
