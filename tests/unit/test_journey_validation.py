"""Journey validation: each invalid journey yields the problem a person can act on."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from journeymap.model import InvalidInput, parse_journey
from journeymap.model.checks import journey_problems

VALID: dict[str, Any] = {
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
        {"from": "shop", "to": "web", "share": 0.2, "kind": "recovery"},
    ],
    "entries": [{"touchpoint": "web", "customers_per_month": 1000}],
}


def variant(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    change(data)
    return data


def messages(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        parse_journey(data)
    return [str(p) for p in caught.value.problems]


def test_the_valid_journey_is_valid() -> None:
    journey = parse_journey(VALID)
    assert journey.touchpoint("shop").name == "Shop visit"
    assert journey_problems(journey) == []


INVALID_CASES = [
    (
        "duplicate touchpoint id",
        lambda d: d["touchpoints"].append(dict(d["touchpoints"][1])),
        "touchpoints[shop]: the id 'shop' is used 2 times: give each of the touchpoints its own id "
        "(change the id, not only the name)",
    ),
    (
        "duplicate stage id",
        lambda d: d["stages"].append({"id": "buy", "name": "Buy again"}),
        "stages[buy]: the id 'buy' is used 2 times: give each of the stages its own id (change "
        "the id, not only the name)",
    ),
    (
        "unknown stage with a typo",
        lambda d: d["touchpoints"][0].update(stage="chose"),
        "touchpoints[web].stage: 'Web page' is in an unknown stage 'chose'; did you mean 'choose'?",
    ),
    (
        "unknown stage without a close match",
        lambda d: d["touchpoints"][0].update(stage="zzz"),
        "touchpoints[web].stage: 'Web page' is in an unknown stage 'zzz'; use one of: choose, buy",
    ),
    (
        "transition to an unknown touchpoint",
        lambda d: d["transitions"][0].update(to="shopp"),
        "transitions[web → shopp].to: the transition Web page → shopp names an unknown "
        "touchpoint 'shopp'; did you mean 'shop'?",
    ),
    (
        "entry at an unknown touchpoint",
        lambda d: d["entries"][0].update(touchpoint="home"),
        "entries[home].touchpoint: unknown touchpoint 'home'; known touchpoints: web, shop, paid",
    ),
    (
        "share above 1",
        lambda d: d["transitions"][0].update(share=1.4),
        "transitions[web → shop].share: share 1.4 is outside 0–1: give the fraction of "
        "customers who take this transition, e.g. 0.35 for 35 %",
    ),
    (
        "negative share",
        lambda d: d["transitions"][0].update(share=-0.1),
        "transitions[web → shop].share: share -0.1 is outside 0–1: give the fraction of "
        "customers who take this transition, e.g. 0.35 for 35 %",
    ),
    (
        "outgoing shares above 1",
        lambda d: d["transitions"][2].update(share=0.5),
        "touchpoints[shop]: the shares of customers leaving 'Shop visit' add up to 1.20 "
        "(Paid 0.7, Web page 0.5), more than 1: lower them so that they add up to at most 1 "
        "(what is left is drop-off)",
    ),
    (
        "unreachable touchpoint",
        lambda d: d["touchpoints"].append(
            {"id": "app", "name": "App", "stage": "buy", "channel": "app", "end": True}
        ),
        "touchpoints[app]: 'App' cannot be reached from any entry: add a transition into it, "
        "make it an entry, or delete it",
    ),
    (
        "dead end not marked as an end",
        lambda d: d["touchpoints"][2].pop("end"),
        "touchpoints[paid]: 'Paid' is a dead end: add a transition out of it, or mark it "
        "'end: true' if the journey may finish there",
    ),
    (
        "end with transitions out",
        lambda d: d["touchpoints"][1].update(end=True),
        "touchpoints[shop]: 'Shop visit' is marked 'end: true' but has transitions out of it: "
        "remove 'end: true' or those transitions",
    ),
    (
        "unknown key with a typo",
        lambda d: d["transitions"][0].update(shar=0.5),
        "transitions[web → shop].shar: unknown key 'shar'; did you mean 'share'?",
    ),
    (
        "unknown top-level key with a typo",
        lambda d: d.update(touchpionts=[]),
        "touchpionts: unknown key 'touchpionts'; did you mean 'touchpoints'?",
    ),
    (
        "unknown key in targets",
        lambda d: d["touchpoints"][0].update(targets={"nsp": 30}),
        "touchpoints[web].targets.nsp: unknown key 'nsp'; did you mean 'nps'?",
    ),
    (
        "missing name",
        lambda d: d["touchpoints"][0].pop("name"),
        "touchpoints[web].name: 'name' is required: add it",
    ),
    (
        "id that is not a slug",
        lambda d: d["touchpoints"][0].update(id="Web Page"),
        "touchpoints[Web Page].id: 'Web Page' is not a valid id: use lowercase letters, "
        "digits, and - or _ between them, e.g. 'web-page'",
    ),
    (
        "emotion out of range",
        lambda d: d["touchpoints"][0].update(feels=5),
        "touchpoints[web].feels: feels 5 is outside −2…+2: use −2 (very negative) to +2 "
        "(very positive)",
    ),
    (
        "unknown transition kind",
        lambda d: d["transitions"][0].update(kind="churn"),
        "transitions[web → shop].kind: 'churn' is not allowed here: use 'normal', "
        "'recovery' or 'leave'",
    ),
    (
        "text where a number belongs",
        lambda d: d["entries"][0].update(customers_per_month="many"),
        "entries[web].customers_per_month: expected a number but found 'many'",
    ),
    (
        "no entry",
        lambda d: d.update(entries=[]),
        "entries: the journey has no entry: add an entry with the touchpoint where customers "
        "start and how many customers start there per month",
    ),
    (
        "a loop customers can never leave",
        lambda d: d["transitions"].__setitem__(
            slice(None),
            [
                {"from": "web", "to": "shop", "share": 1.0},
                {"from": "shop", "to": "web", "share": 1.0},
                {"from": "shop", "to": "paid", "share": 0.0},
            ],
        ),
        "touchpoints[shop]: customers can never leave the loop Shop visit → Web page → "
        "Shop visit: its shares add up to 100 % at every step; give some share to a "
        "transition out of the loop",
    ),
    (
        "the same transition twice",
        lambda d: d["transitions"].append({"from": "web", "to": "shop", "share": 0.1}),
        "transitions[web → shop]: 2 transitions go from 'Web page' to 'Shop visit': merge "
        "them into one whose share is their sum",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [pytest.param(change, expected, id=name) for name, change, expected in INVALID_CASES],
)
def test_invalid_journey_names_place_and_fix(change: Any, expected: str) -> None:
    assert expected in messages(variant(change))


def test_every_problem_is_reported_not_only_the_first() -> None:
    def break_twice(d: dict[str, Any]) -> None:
        d["touchpoints"][0]["stage"] = "nowhere"
        d["transitions"][1]["to"] = "nobody"

    found = messages(variant(break_twice))
    assert len(found) == 2


def test_a_journey_that_is_not_a_mapping() -> None:
    assert messages(["not", "a", "journey"]) == [  # type: ignore[arg-type]
        "a journey must be a mapping of keys (id, name, stages …) to values"
    ]


def test_custom_channel_is_allowed() -> None:
    journey = parse_journey(variant(lambda d: d["touchpoints"][0].update(channel="kiosk")))
    assert journey.touchpoint("web").channel == "kiosk"


def test_shares_left_out_split_the_rest_evenly() -> None:
    from journeymap.model.shares import effective_shares

    def unshare(d: dict[str, Any]) -> None:
        d["transitions"][1].pop("share")
        d["transitions"][2].pop("share")

    shares = effective_shares(parse_journey(variant(unshare)))
    assert shares[("shop", "paid")] == pytest.approx(0.5)
    assert shares[("shop", "web")] == pytest.approx(0.5)
    assert shares[("web", "shop")] == pytest.approx(0.6)


def test_touchpoint_targets_fall_back_to_journey_defaults() -> None:
    def targets(d: dict[str, Any]) -> None:
        d["targets"] = {"nps": 30, "max_wait_minutes": 5}
        d["touchpoints"][1]["targets"] = {"nps": 45}

    journey = parse_journey(variant(targets))
    merged = journey.targets_for("shop")
    assert (merged.nps, merged.max_wait_minutes, merged.shopper_pct) == (45, 5, None)


def caught(data: dict[str, Any]) -> InvalidInput:
    with pytest.raises(InvalidInput) as error:
        parse_journey(data)
    return error.value


def test_a_field_error_does_not_hide_duplicate_ids_and_unknown_stages() -> None:
    def break_three_ways(d: dict[str, Any]) -> None:
        d["touchpoints"][0]["feels"] = 3
        d["touchpoints"][1]["stage"] = "nowhere"
        d["stages"].append({"id": "buy", "name": "Buy again"})

    found = messages(variant(break_three_ways))
    assert found[0].startswith("touchpoints[web].feels: feels 3 is outside")
    assert (
        "stages[buy]: the id 'buy' is used 2 times: give each of the stages its own id "
        "(change the id, not only the name)" in found
    )
    # Each id once in the hint, though 'buy' is (wrongly) there twice.
    assert (
        "touchpoints[shop].stage: 'Shop visit' is in an unknown stage 'nowhere'; use one of: "
        "choose, buy" in found
    )
    assert len(found) == 3


def test_items_with_field_errors_still_count_as_known() -> None:
    def break_fields(d: dict[str, Any]) -> None:
        # Still known by its (invalid) id: the transitions naming 'shop' are wrong now.
        d["touchpoints"][1]["id"] = "Shop Visit"
        d["touchpoints"][0]["feels"] = 3
        d["touchpoints"][2]["stage"] = 7  # not text: its field error is enough
        d["transitions"][0]["share"] = "lots"

    found = messages(variant(break_fields))
    assert [p.split(":")[0] for p in found] == [
        "touchpoints[web].feels",
        "touchpoints[Shop Visit].id",
        "touchpoints[paid].stage",
        "transitions[web → shop].share",
        "transitions[web → shop].to",
        "transitions[shop → paid].from",
        "transitions[shop → web].from",
    ]
    assert found[4].endswith("unknown touchpoint 'shop'; known touchpoints: web, Shop Visit, paid")


def test_the_note_says_more_checks_run_once_the_problems_are_fixed() -> None:
    note = "more checks (shares, reachability, dead ends, loops) run once these are fixed"
    field_error = caught(variant(lambda d: d["touchpoints"][0].update(feels=3)))
    assert field_error.note == note
    assert str(field_error).splitlines()[-1] == note
    unknown_stage = caught(variant(lambda d: d["touchpoints"][0].update(stage="zzz")))
    assert unknown_stage.note == note
    # Shares and the graph were checked: nothing is still to come.
    dead_end = caught(variant(lambda d: d["touchpoints"][2].pop("end")))
    assert dead_end.note == ""
    assert note not in str(dead_end)


def test_unknown_touchpoint_hint_lists_each_id_once() -> None:
    def twice(d: dict[str, Any]) -> None:
        d["touchpoints"].append(dict(d["touchpoints"][1]))
        d["entries"][0]["touchpoint"] = "zzz"

    found = messages(variant(twice))
    assert (
        "entries[zzz].touchpoint: unknown touchpoint 'zzz'; known touchpoints: web, shop, paid"
        in found
    )
