"""Planning a wave: exactly N visits per location by N different shoppers, an even load,
days inside the window, the location's region preferred, the same plan every time."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.analytics.wave_plan import PlannedVisit, PlanRefused, plan_wave
from journeymap.model.people import Location, Shopper

NOV_1, NOV_30 = date(2026, 11, 1), date(2026, 11, 30)
REGIONS = ("North", "South", "")


def test_a_small_wave_by_hand() -> None:
    """Two branches, three shoppers, two visits each: 4 visits over 3 shoppers.

    North branch first (ids sort it first): everyone has 0 visits, Nora is from the
    north, then Ole by id → Nora, Ole. South branch: Sam has 0 visits → Sam, then Nora
    and Ole have 1 each, neither from the south → Nora by id. Days: 30 days, 4 visits,
    the j-th visits of both branches share the j-th half: k · 30 // 4 = 0, 7, 15, 22.
    """
    locations = [Location("b-south", "South", "South"), Location("a-north", "North", "North")]
    shoppers = [
        Shopper("sam", "Sam", "South"),
        Shopper("ole", "Ole"),
        Shopper("nora", "Nora", "North"),
    ]
    plan = plan_wave(locations, shoppers, 2, NOV_1, NOV_30)
    assert plan == [
        PlannedVisit(date(2026, 11, 1), "a-north", "nora"),
        PlannedVisit(date(2026, 11, 8), "b-south", "sam"),
        PlannedVisit(date(2026, 11, 16), "a-north", "ole"),
        PlannedVisit(date(2026, 11, 23), "b-south", "nora"),
    ]


def test_each_location_gets_a_shopper_of_its_region_when_the_load_allows() -> None:
    locations = [Location(f"loc-{r}", r, r) for r in ("east", "north", "south", "west")]
    shoppers = [Shopper(f"s-{r}", r, r) for r in ("west", "south", "north", "east")]
    plan = plan_wave(locations, shoppers, 1, NOV_1, NOV_30)
    assert {(v.location, v.shopper) for v in plan} == {
        (f"loc-{r}", f"s-{r}") for r in ("east", "north", "south", "west")
    }


@pytest.mark.parametrize(
    ("shoppers", "per_location", "message"),
    [
        (
            2,
            3,
            "3 visits per location need 3 different shoppers, and only 2 active shoppers are "
            "there: add 1 shopper or plan at most 2 visits per location",
        ),
        (
            1,
            4,
            "4 visits per location need 4 different shoppers, and only 1 active shopper is "
            "there: add 3 shoppers or plan at most 1 visit per location",
        ),
        (0, 1, "there are no active shoppers: add shoppers before planning a wave"),
        (3, 0, "0 visits per location: plan at least 1"),
    ],
)
def test_too_few_shoppers_is_refused_with_a_sentence(
    shoppers: int, per_location: int, message: str
) -> None:
    people = [Shopper(f"s{i}", f"S{i}") for i in range(shoppers)]
    with pytest.raises(PlanRefused) as refused:
        plan_wave([Location("a", "A")], people, per_location, NOV_1, NOV_30)
    assert str(refused.value) == message


def test_an_empty_window_and_no_location_are_refused() -> None:
    people = [Shopper("s", "S")]
    with pytest.raises(PlanRefused, match="ends on 2026-10-31, before it starts on 2026-11-01"):
        plan_wave([Location("a", "A")], people, 1, NOV_1, date(2026, 10, 31))
    with pytest.raises(PlanRefused, match="no location to visit"):
        plan_wave([], people, 1, NOV_1, NOV_30)


locations_strategy = st.lists(
    st.builds(
        Location,
        id=st.text("abcdefgh", min_size=1, max_size=4),
        name=st.just("L"),
        region=st.sampled_from(REGIONS),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda loc: loc.id,
)
shoppers_strategy = st.lists(
    st.builds(
        Shopper,
        id=st.text("stuvwxyz", min_size=1, max_size=4),
        name=st.just("S"),
        region=st.sampled_from(REGIONS),
    ),
    min_size=1,
    max_size=15,
    unique_by=lambda s: s.id,
)


@settings(max_examples=150, deadline=None)
@given(
    locations=locations_strategy,
    shoppers=shoppers_strategy,
    per_location=st.integers(1, 15),
    start_offset=st.integers(0, 400),
    days=st.integers(1, 90),
    data=st.data(),
)
def test_the_plan_keeps_its_rules(
    locations: list[Location],
    shoppers: list[Shopper],
    per_location: int,
    start_offset: int,
    days: int,
    data: st.DataObject,
) -> None:
    start = date(2026, 1, 1) + timedelta(days=start_offset)
    end = start + timedelta(days=days - 1)
    if per_location > len(shoppers):
        with pytest.raises(PlanRefused, match="different shoppers"):
            plan_wave(locations, shoppers, per_location, start, end)
        return
    plan = plan_wave(locations, shoppers, per_location, start, end)
    # Exactly N visits per location, and no shopper twice at a location.
    per_place = Counter(v.location for v in plan)
    assert per_place == dict.fromkeys((loc.id for loc in locations), per_location)
    assert len({(v.location, v.shopper) for v in plan}) == len(plan)
    # An even load over every active shopper, those without a visit included.
    load = Counter({s.id: 0 for s in shoppers}) + Counter(v.shopper for v in plan)
    loads = [load[s.id] for s in shoppers]
    assert max(loads) - min(loads) <= 1
    # Every day inside the window; each location's visits on days in order.
    assert all(start <= v.planned_on <= end for v in plan)
    # The same plan for the same input in any order.
    shuffled = data.draw(st.permutations(locations)), data.draw(st.permutations(shoppers))
    assert plan_wave(*shuffled, per_location, start, end) == plan


def test_days_spread_over_the_window() -> None:
    """Ten locations, one visit each, over ten days: one visit a day."""
    locations = [Location(f"l{i:02d}", "L") for i in range(10)]
    plan = plan_wave(locations, [Shopper("s", "S")], 1, NOV_1, NOV_1 + timedelta(days=9))
    assert sorted(v.planned_on for v in plan) == [NOV_1 + timedelta(days=i) for i in range(10)]
