"""Friction ranking: hand-computed scores, the worst first, thin data never first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import pytest

from journeymap.analytics.estimates import mean_estimate, wilson
from journeymap.analytics.evidence import (
    EvidenceFilter,
    KpiEvidence,
    ShopperEvidence,
    TouchpointEvidence,
    gather_evidence,
)
from journeymap.analytics.flow import compute_flow, repeat_shares
from journeymap.analytics.friction import rank_friction
from journeymap.analytics.handoffs import handoff_friction
from journeymap.analytics.nps import nps_from_counts
from journeymap.analytics.nps_tables import nps_counts
from journeymap.model import Journey, parse_journey


def line_journey(**changes: Any) -> Journey:
    """a → b → c: 1000 customers enter at a; 20 % drop at a, 10 % at b."""
    data: dict[str, Any] = {
        "id": "line",
        "name": "Line",
        "targets": {"nps": 10, "shopper_pct": 80},
        "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [
            {"id": "a", "name": "A", "stage": "s", "channel": "web"},
            {"id": "b", "name": "B", "stage": "s", "channel": "branch"},
            {"id": "c", "name": "C", "stage": "s", "channel": "branch", "end": True},
        ],
        "transitions": [
            {"from": "a", "to": "b", "share": 0.8},
            {"from": "b", "to": "c", "share": 0.9},
        ],
        "entries": [{"touchpoint": "a", "customers_per_month": 1000}],
        "metrics": [
            {"id": "wait_minutes", "name": "Waiting time", "unit": "min", "target": 8},
        ],
    }
    data.update(changes)
    return parse_journey(data)


def test_hand_computed_friction_on_three_touchpoints() -> None:
    journey = line_journey()
    evidence = {
        "a": TouchpointEvidence(
            "a",
            nps=nps_from_counts(60, 30, 10),  # NPS +50: well above the target of +10
            shopper=ShopperEvidence(mean_estimate([70, 75, 80, 85]), wilson(1, 4)),
        ),
        "b": TouchpointEvidence(
            "b",
            nps=nps_from_counts(20, 30, 50),  # NPS −30 ±15.31
            kpis=(KpiEvidence(journey.metrics[0], 8.0, mean_estimate([8, 9, 10, 11, 12] * 2)),),
        ),
    }
    ranked = rank_friction(journey, evidence, compute_flow(journey))
    by_id = {item.touchpoint: item for item in ranked}
    # a: nps 0 (favourable end 50+ is above 10); shopper: score 77.5 ±10.27 reaches 80,
    #    but 1 of 4 visits failed a critical question: Wilson lower bound .04558 × 2 =
    #    .09116; flow: 20 % drop-off / 30 % = .66667.
    #    friction = 100·(.35·0 + .25·.09116 + .10·.66667) / (.35 + .25 + .10) = 12.78
    assert by_id["a"].friction == pytest.approx(12.8, abs=0.05)
    # b: nps (10 − (−30 + 15.3078)) / 40 = .61730; kpi: mean 10, sd 1.4907, t(9) 2.262,
    #    lower bound 8.93369 → (8.93369 − 8) / 8 / .5 = .23342; flow .1 / .3 = .33333.
    #    friction = 100·(.35·.61730 + .20·.23342 + .10·.33333) / .65 = 45.55
    assert by_id["b"].friction == pytest.approx(45.5, abs=0.1)
    assert by_id["b"].health == "sand"
    assert by_id["a"].health == "good"
    assert [i.touchpoint for i in ranked] == ["b", "a", "c"]
    assert by_id["c"].thin_data
    assert by_id["c"].health == "no_data"
    assert by_id["b"].customers_affected == pytest.approx(800)
    assert by_id["b"].impact == pytest.approx(800 * by_id["b"].friction / 100, rel=1e-2)
    # Detractors 50 of 100, Wilson: centre .5, half 1.96·√(.0025 + .000096) / 1.0384
    #    = .0962, so 40 % … 60 %.
    assert by_id["b"].reasons[0] == (
        "NPS −30 ±15 (n=100) vs target +10; detractors 50% (40% … 60%)"
    )
    assert "waiting time 10.0 min ±1.1 (n=10 days) vs target 8 min" in by_id["b"].reasons


def test_thin_data_does_not_outrank_solid_evidence() -> None:
    journey = line_journey(targets={"nps": 30})
    evidence = {
        # n = 400, NPS +5: solidly below the target of +30.
        "b": TouchpointEvidence("b", nps=nps_from_counts(140, 140, 120)),
        # n = 4, NPS −25: looks worse, but four answers say little.
        "a": TouchpointEvidence("a", nps=nps_from_counts(1, 1, 2)),
    }
    ranked = rank_friction(journey, evidence, compute_flow(journey))
    assert ranked[0].touchpoint == "b"
    thin = next(i for i in ranked if i.touchpoint == "a")
    assert thin.thin_data
    assert thin.health == "no_data"
    assert any(r.startswith("NPS −25 ±") and "(n=4, small sample)" in r for r in thin.reasons)


def _responses(spec: dict[str, tuple[int, int, int]], when: datetime) -> pd.DataFrame:
    rows = []
    for touchpoint, (promoters, passives, detractors) in spec.items():
        scores = [10] * promoters + [8] * passives + [3] * detractors
        rows += [
            {
                "touchpoint_id": touchpoint,
                "responded_at": when + timedelta(hours=i),
                "score": s,
                "survey_kind": "transactional",
                "location": "north" if i % 2 else "south",
                "segment": "",
            }
            for i, s in enumerate(scores)
        ]
    return pd.DataFrame(rows)


def test_the_clearly_worst_touchpoint_ranks_first_from_stored_style_frames() -> None:
    journey = line_journey(targets={"nps": 20, "shopper_pct": 80})
    when = datetime(2026, 9, 1, tzinfo=UTC)
    responses = _responses({"a": (60, 25, 15), "b": (15, 25, 60), "c": (50, 30, 20)}, when)
    visits = pd.DataFrame(
        [
            {
                "touchpoint_id": tp,
                "visit_id": i,
                "location": "north",
                "visited_at": when,
                "score_pct": pct,
                "critical_failed": False,
            }
            for i, (tp, pct) in enumerate(
                [
                    ("a", 90),
                    ("a", 85),
                    ("a", 88),
                    ("b", 40),
                    ("b", 45),
                    ("b", 35),
                    ("c", 80),
                    ("c", 82),
                ]
            )
        ]
    )
    metrics = pd.DataFrame(
        [
            {
                "touchpoint_id": "b",
                "metric": "wait_minutes",
                "observed_on": date(2026, 9, d),
                "value": 14.0 + d % 3,
                "location": "north",
            }
            for d in range(1, 29)
        ]
    )
    evidence = gather_evidence(journey, nps_counts(responses, ["touchpoint"]), visits, metrics)
    ranked = rank_friction(journey, evidence, compute_flow(journey))
    assert ranked[0].touchpoint == "b"
    assert ranked[0].health == "sand"
    assert evidence["b"].nps is not None
    assert evidence["b"].nps.n == 100
    assert evidence["b"].rest_nps is not None
    assert evidence["b"].rest_nps.n == 200
    # Filters: a period with no data leaves only the flow.
    # The NPS counts come filtered from the store; the filter applies to the rest here.
    nothing = nps_counts(responses.iloc[:0], ["touchpoint"])
    empty = gather_evidence(
        journey, nothing, visits, metrics, EvidenceFilter(start=date(2027, 1, 1))
    )
    assert all(ev.nps is None and ev.shopper is None for ev in empty.values())
    in_north = nps_counts(responses[responses["location"] == "north"], ["touchpoint"])
    north = gather_evidence(journey, in_north, visits, metrics, EvidenceFilter(location="north"))
    assert north["b"].nps is not None
    assert north["b"].nps.n == 50


def test_handoff_friction_on_a_constructed_edge() -> None:
    journey = line_journey()
    evidence = {
        "a": TouchpointEvidence("a", nps=nps_from_counts(120, 60, 20)),  # +50, n=200
        "b": TouchpointEvidence("b", nps=nps_from_counts(40, 60, 100)),  # −30, n=200
        "c": TouchpointEvidence("c", nps=nps_from_counts(45, 60, 95)),  # −25: no drop
    }
    flagged = handoff_friction(journey, evidence, compute_flow(journey))
    assert [(h.source, h.target) for h in flagged] == [("a", "b")]
    handoff = flagged[0]
    assert handoff.drop == pytest.approx(80.0)
    assert handoff.customers_per_month == pytest.approx(800.0)
    assert handoff.p_adjusted < 0.001
    assert handoff.reason.startswith("NPS falls 80 points from A (+50 ±")


def test_small_drops_and_thin_ends_are_not_handoff_friction() -> None:
    journey = line_journey()
    evidence = {
        "a": TouchpointEvidence("a", nps=nps_from_counts(60, 30, 10)),  # +50
        "b": TouchpointEvidence("b", nps=nps_from_counts(1, 0, 3)),  # −50 but n = 4
    }
    assert handoff_friction(journey, evidence, compute_flow(journey)) == []


def test_repeat_shares_come_from_loops() -> None:
    journey = line_journey(
        transitions=[
            {"from": "a", "to": "b", "share": 0.8},
            {"from": "b", "to": "c", "share": 0.6},
            {"from": "b", "to": "a", "share": 0.25, "kind": "recovery"},
        ]
    )
    shares = repeat_shares(journey)
    # From a, the chance of coming back to a is .8 × .25 = .2; from b, .25 × .8 = .2.
    # x_a = 1250 of which 1000 first visits: 20 % repeats; x_b = 1000, 800 first: 20 %.
    assert shares["a"] == pytest.approx(0.2)
    assert shares["b"] == pytest.approx(0.2)
    assert "c" not in shares
    flow = compute_flow(journey).by_id()
    assert flow["a"].customers_per_month * (1 - shares["a"]) == pytest.approx(1000)


def test_observed_emotion_is_nps_on_the_planned_scale() -> None:
    from journeymap.analytics.observed_emotion import observed_emotions

    evidence = {
        "a": TouchpointEvidence("a", nps=nps_from_counts(60, 30, 10)),  # +50 → +1
        "b": TouchpointEvidence("b", nps=nps_from_counts(1, 0, 3)),  # −50 → −1, n = 4
        "c": TouchpointEvidence("c"),
    }
    observed = observed_emotions(evidence)
    assert observed["a"].value == pytest.approx(1.0)
    assert not observed["a"].thin
    assert observed["b"].value == pytest.approx(-1.0)
    assert observed["b"].thin
    assert observed["b"].low <= observed["b"].value <= observed["b"].high
    assert "c" not in observed


def test_a_recurring_root_cause_counts_as_recurrence() -> None:
    from journeymap.analytics.evidence import top_root_causes

    when = datetime(2026, 9, 1, tzinfo=UTC)
    cases = pd.DataFrame(
        [
            {"touchpoint_id": "b", "root_cause": cause, "responded_at": when, "location": ""}
            for cause in ["Queue"] * 10 + ["Rude"] * 2
        ]
        + [{"touchpoint_id": "a", "root_cause": "Slow", "responded_at": when, "location": ""}] * 3
    )
    causes = top_root_causes(cases, EvidenceFilter())
    assert causes == {"b": ("Queue", 10), "a": ("Slow", 3)}
    journey = line_journey()
    ranked = rank_friction(journey, {}, compute_flow(journey), None, causes)
    b = next(i for i in ranked if i.touchpoint == "b")
    recurrence = next(c for c in b.components if c.kind == "recurrence")
    assert recurrence.severity == pytest.approx(10 / 20)
    assert "the same root cause in 10 call-backs: “Queue”" in recurrence.reason
    a = next(i for i in ranked if i.touchpoint == "a")
    assert not any(c.kind == "recurrence" for c in a.components)  # 3 < 5: not recurring


def test_reasons_give_the_rest_of_the_journey_its_n_and_mark_few_visits_and_days() -> None:
    """The rest of the journey's NPS came bare, and a score of two visits or a metric of
    five days read as solid."""
    journey = line_journey(targets={"shopper_pct": 80})
    evidence = {
        "b": TouchpointEvidence(
            "b",
            nps=nps_from_counts(20, 30, 50),  # −30 ±15, n=100
            rest_nps=nps_from_counts(300, 100, 100),  # +40 ±7, n=500
            shopper=ShopperEvidence(mean_estimate([60, 70]), None),
            kpis=(KpiEvidence(journey.metrics[0], 8.0, mean_estimate([9, 10, 11, 10, 10])),),
        ),
    }
    reasons = {item.touchpoint: item.reasons for item in rank_friction(
        journey, evidence, compute_flow(journey)
    )}["b"]  # fmt: skip
    # Rest: p+ .6, p− .2, variance .8 − .16 = .64, SE 100·√(.64 / 500) = 3.58, ±7.
    assert reasons[0] == (
        "NPS −30 ±15 (n=100) vs rest of journey +40 ±7 (n=500); detractors 50% (40% … 60%)"
    )
    # Two visits: mean 65, sd 7.07, se 5, t(1) 12.706: ±63.5.
    assert "mystery-shopper score 65 % ±64 (n=2 visits), few visits vs target 80 %" in reasons
    # Five days: mean 10, sd .707, se .316, t(4) 2.776: ±0.9.
    assert "waiting time 10.0 min ±0.9 (n=5 days) vs target 8 min, few days" in reasons
