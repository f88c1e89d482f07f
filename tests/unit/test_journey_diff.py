"""Journey diff: a table of edits and the lines that describe them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from journeymap.analytics.journey_diff import diff_journeys
from journeymap.model import Journey, parse_journey
from tests.strategies import journeys

BASE: dict[str, Any] = {
    "id": "mini",
    "name": "Mini journey",
    "stages": [{"id": "choose", "name": "Choose"}, {"id": "buy", "name": "Buy"}],
    "touchpoints": [
        {"id": "web", "name": "Web page", "stage": "choose", "channel": "web"},
        {"id": "shop", "name": "Shop visit", "stage": "buy", "channel": "branch"},
        {"id": "paid", "name": "Paid", "stage": "buy", "channel": "branch", "end": True},
    ],
    "transitions": [
        {"from": "web", "to": "shop", "share": 0.6},
        {"from": "shop", "to": "paid", "share": 0.7},
    ],
    "entries": [{"touchpoint": "web", "customers_per_month": 1000}],
}


def edited(change: Any) -> Journey:
    import copy

    data = copy.deepcopy(BASE)
    change(data)
    return parse_journey(data)


CASES = [
    (
        "rename a touchpoint",
        lambda d: d["touchpoints"][1].update(name="Store visit"),
        ["touchpoint changed: 'Store visit' (shop): name: 'Shop visit' → 'Store visit'"],
    ),
    (
        "move to another stage",
        lambda d: d["touchpoints"][1].update(stage="choose"),
        ["touchpoint changed: 'Shop visit' (shop): stage: 'buy' → 'choose'"],
    ),
    (
        "change a share",
        lambda d: d["transitions"][0].update(share=0.65),
        ["transition changed: 'Web page' → 'Shop visit': share: 0.6 → 0.65"],
    ),
    (
        "add a loop",
        lambda d: d["transitions"].append(
            {"from": "shop", "to": "web", "share": 0.2, "kind": "recovery", "label": "Back"}
        ),
        ["transition added: 'Shop visit' → 'Web page'"],
    ),
    (
        "add and remove touchpoints",
        lambda d: (
            d["touchpoints"].append(
                {"id": "app", "name": "App", "stage": "choose", "channel": "app", "end": True}
            ),
            d["transitions"].append({"from": "web", "to": "app", "share": 0.1}),
        ),
        ["touchpoint added: 'App' (app)", "transition added: 'Web page' → 'App'"],
    ),
    (
        "nested target and lane lists",
        lambda d: d["touchpoints"][0].update(targets={"nps": 40}, pain_points=["Slow page"]),
        [
            "touchpoint changed: 'Web page' (web): targets.nps: (none) → 40; "
            "pain_points: [] → ['Slow page']"
        ],
    ),
    (
        "reorder stages",
        lambda d: d["stages"].reverse(),
        ["stage changed: stages: order: 'choose, buy' → 'buy, choose'"],
    ),
    (
        "journey name and entry volume",
        lambda d: (d.update(name="Renamed"), d["entries"][0].update(customers_per_month=1200)),
        [
            "journey changed: 'Renamed' (mini): name: 'Mini journey' → 'Renamed'",
            "entry changed: 'Web page': customers_per_month: 1000 → 1200",
        ],
    ),
]


@pytest.mark.parametrize(("change", "expected"), [pytest.param(c, e, id=n) for n, c, e in CASES])
def test_diff_lines(change: Any, expected: list[str]) -> None:
    diff = diff_journeys(parse_journey(BASE), edited(change))
    assert diff.lines() == expected
    assert not diff.identical


def test_removal_is_the_mirror_of_addition() -> None:
    with_app = edited(
        lambda d: (
            d["touchpoints"].append(
                {"id": "app", "name": "App", "stage": "choose", "channel": "app", "end": True}
            ),
            d["transitions"].append({"from": "web", "to": "app", "share": 0.1}),
        )
    )
    assert diff_journeys(with_app, parse_journey(BASE)).lines() == [
        "touchpoint removed: 'App' (app)",
        "transition removed: 'Web page' → 'App'",
    ]


def test_file_order_of_touchpoints_does_not_matter() -> None:
    reordered = edited(lambda d: d["touchpoints"].reverse())
    assert diff_journeys(parse_journey(BASE), reordered).identical


# Drawing a whole journey is slow on a busy machine; as for the other journeys() tests.
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_a_journey_does_not_differ_from_itself(journey: Journey) -> None:
    assert diff_journeys(journey, journey).lines() == []
