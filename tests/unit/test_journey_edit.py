"""Draft edits, the editor's grids and where validation problems are shown."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from journeymap.analytics.journey_compare import change_counts, default_pair, touchpoint_comparison
from journeymap.analytics.journey_edit import (
    add_stage,
    add_touchpoint,
    add_transition,
    check_draft,
    copy_as,
    delete_stage,
    draft_of,
    lines_to_list,
    move_stage,
    stage_names,
    starter_journey,
    unique_slug,
    update_touchpoint,
)
from journeymap.analytics.journey_grids import (
    apply_entry_grid,
    apply_touchpoint_grid,
    apply_transition_grid,
    entry_grid,
    touchpoint_grid,
    transition_grid,
)
from journeymap.analytics.problem_places import Place, place_of, problems_at
from journeymap.model import Problem, parse_journey
from tests.unit.test_journey_diff import BASE


@pytest.fixture
def draft() -> dict:
    return draft_of(parse_journey(BASE))


def test_a_draft_round_trips_to_the_same_journey(draft: dict) -> None:
    journey, problems = check_draft(draft)
    assert problems == []
    assert journey == parse_journey(BASE)


@pytest.mark.parametrize(
    ("text", "taken", "expected"),
    [
        ("Calls customer service", set(), "calls-customer-service"),
        ("Buy", {"buy"}, "buy-2"),
        ("Buy", {"buy", "buy-2"}, "buy-3"),
        ("!!!", set(), "item"),
        ("Åbner appen", set(), "aabner-appen"),
        ("Afgørelse i e-Boks", set(), "afgoerelse-i-e-boks"),
        ("Tilfredshedsmåling på mail", set(), "tilfredshedsmaaling-paa-mail"),
        ("Über Straße", set(), "ueber-strasse"),
        ("Café Ærø", set(), "cafe-aeroe"),
    ],
)
def test_unique_slug(text: str, taken: set[str], expected: str) -> None:
    assert unique_slug(text, taken) == expected


def test_starter_journey_is_valid_and_has_the_usual_stages() -> None:
    journey = starter_journey("new", "New journey")
    assert [s.name for s in journey.stages][:3] == ["Aware", "Choose", "Buy"]
    assert journey.touchpoints == []  # nothing to rename or delete first


def test_scratch_has_the_stages_typed_and_is_valid_at_once() -> None:
    names = stage_names("Skaden sker, Anmeldelse → Behandling\nAfgørelse; Efter sagen")
    assert names == ["Skaden sker", "Anmeldelse", "Behandling", "Afgørelse", "Efter sagen"]
    journey = starter_journey("skade", "Skade", names)
    assert [s.id for s in journey.stages] == [
        "skaden-sker", "anmeldelse", "behandling", "afgoerelse", "efter-sagen"
    ]  # fmt: skip
    assert check_draft(draft_of(journey))[1] == []


def test_copy_as_variant() -> None:
    journey = copy_as(parse_journey(BASE), "mini-2", "To-be", "mini")
    assert (journey.id, journey.name, journey.variant_of) == ("mini-2", "To-be", "mini")


def test_add_rename_and_move_stages(draft: dict) -> None:
    data, stage_id = add_stage(draft, "Get help")
    assert stage_id == "get-help"
    data = move_stage(data, "get-help", -1)
    assert [s["id"] for s in data["stages"]] == ["choose", "get-help", "buy"]
    assert move_stage(data, "choose", -1)["stages"] == data["stages"]  # stays at the end
    assert draft["stages"][-1]["id"] == "buy"  # the input is never changed


@pytest.mark.parametrize(
    ("move_to", "message", "touchpoints", "transitions"),
    [
        (
            "choose",
            "Deleted the stage 'Buy' and moved 'Shop visit', 'Paid' to 'Choose'.",
            ["web", "shop", "paid"],
            2,
        ),
        (None, "Deleted the stage 'Buy' and its touchpoints 'Shop visit', 'Paid'.", ["web"], 0),
    ],
)
def test_delete_stage_says_what_happened_to_its_touchpoints(
    draft: dict, move_to: str | None, message: str, touchpoints: list[str], transitions: int
) -> None:
    data, said = delete_stage(draft, "buy", move_to)
    assert said == message
    assert [tp["id"] for tp in data["touchpoints"]] == touchpoints
    assert len(data["transitions"]) == transitions
    assert [s["id"] for s in data["stages"]] == ["choose"]


def test_a_touchpoint_added_and_connected_makes_a_valid_loop(draft: dict) -> None:
    data, tp_id = add_touchpoint(draft, "Calls support", "buy", "phone", "Service")
    journey, problems = check_draft(data)
    assert journey is None
    assert any(p.location == f"touchpoints[{tp_id}]" for p in problems)  # a dead end
    data = add_transition(data, "shop", tp_id, 0.2)
    data = add_transition(data, tp_id, "shop", 0.6, "recovery")
    journey, problems = check_draft(data)
    assert problems == []
    assert journey is not None
    assert journey.touchpoint(tp_id).owner == "Service"


def test_changing_a_touchpoints_id_follows_it_everywhere(draft: dict) -> None:
    data = update_touchpoint(draft, "shop", {"id": "store", "promise": "Help within 2 min"})
    journey, problems = check_draft(data)
    assert problems == []
    assert journey is not None
    assert journey.touchpoint("store").promise == "Help within 2 min"
    assert {(t.source, t.target) for t in journey.transitions} == {
        ("web", "store"),
        ("store", "paid"),
    }


def test_lines_to_list() -> None:
    assert lines_to_list(" one \n\n two\n") == ["one", "two"]


# --- grids -------------------------------------------------------------------------------


def test_touchpoint_grid_edit_keeps_the_long_fields(draft: dict) -> None:
    draft = update_touchpoint(draft, "shop", {"promise": "kept"})
    grid = touchpoint_grid(draft)
    grid.loc[1, "name"] = "Store visit"
    grid.loc[1, "feels"] = 2
    data, notes = apply_touchpoint_grid(draft, grid)
    assert notes == []
    shop = data["touchpoints"][1]
    assert (shop["name"], shop["feels"], shop["promise"]) == ("Store visit", 2, "kept")
    assert check_draft(data)[1] == []


def test_touchpoint_grid_rename_add_and_delete(draft: dict) -> None:
    grid = touchpoint_grid(draft)
    grid.loc[1, "id"] = "store"
    grid = grid.drop(index=0)  # the entry touchpoint 'web' goes, with its link and entry
    added = pd.DataFrame(
        [{"name": "Reads the FAQ", "stage": "choose", "channel": "web"}], index=[3]
    )
    data, notes = apply_touchpoint_grid(draft, pd.concat([grid, added]))
    assert [tp["id"] for tp in data["touchpoints"]] == ["store", "paid", "reads-the-faq"]
    assert notes == [
        "Deleted 'Web page' and the 2 transitions or entries that led into or out of it."
    ]
    assert [(t["from"], t["to"]) for t in data["transitions"]] == [("store", "paid")]
    assert data["entries"] == []


def test_grids_turn_empty_cells_into_missing_values(draft: dict) -> None:
    grid = transition_grid(draft)
    grid.loc[0, "share"] = math.nan
    grid.loc[2] = ["", "", math.nan, "", ""]  # an added row left empty
    data = apply_transition_grid(draft, grid)
    assert data["transitions"][0]["share"] is None
    assert len(data["transitions"]) == 2
    entries = entry_grid(draft)
    entries.loc[0, "customers_per_month"] = 1500
    assert apply_entry_grid(draft, entries)["entries"][0]["customers_per_month"] == 1500.0
    assert check_draft(apply_entry_grid(draft, entries))[1] == []


def test_a_bad_grid_value_is_a_problem_not_a_crash(draft: dict) -> None:
    grid = touchpoint_grid(draft)
    grid["feels"] = grid["feels"].astype("float")
    grid.loc[0, "feels"] = 1.5
    grid.loc[1, "stage"] = "byu"
    _, problems = check_draft(apply_touchpoint_grid(draft, grid)[0])
    # The field error does not hide the unknown stage: both are shown at once.
    assert [p.location for p in problems] == ["touchpoints[web].feels", "touchpoints[shop].stage"]
    grid.loc[0, "feels"] = 1
    _, problems = check_draft(apply_touchpoint_grid(draft, grid)[0])
    assert [str(p) for p in problems] == [
        "touchpoints[shop].stage: 'Shop visit' is in an unknown stage 'byu'; did you mean 'buy'?"
    ]


# --- where problems are shown ------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "place"),
    [
        ("touchpoints[book-online].stage", Place("touchpoints", "book-online", "stage")),
        ("touchpoints[a]", Place("touchpoints", "a", "")),
        ("touchpoints#3.name", Place("touchpoints", "#3", "name")),
        ("touchpoints", Place("touchpoints", "", "")),
        ("transitions[a → b].share", Place("transitions", "a → b", "share")),
        ("entries[web].touchpoint", Place("entries", "web", "touchpoint")),
        ("entries", Place("entries", "", "")),
        ("name", Place("journey", "", "name")),
        ("targets.nps", Place("journey", "", "targets.nps")),
        ("", Place("journey", "", "")),
    ],
)
def test_place_of(location: str, place: Place) -> None:
    assert place_of(location) == place


def test_problems_at() -> None:
    problems = [Problem("touchpoints[a].stage", "x"), Problem("touchpoints[b]", "y")]
    assert problems_at(problems, "touchpoints", "a") == problems[:1]
    assert problems_at(problems, "touchpoints") == problems
    assert problems_at(problems, "journey") == []


# --- as-is vs to-be ----------------------------------------------------------------------


def test_touchpoint_comparison_and_counts(draft: dict) -> None:
    as_is = parse_journey(BASE)
    data, _ = add_touchpoint(draft, "Chat", "buy", "chat")
    data = add_transition(data, "web", "chat", 0.1)
    data["touchpoints"][-1]["end"] = True
    data = update_touchpoint(data, "shop", {"name": "Store visit"})
    to_be, problems = check_draft(data | {"id": "mini-to-be", "variant_of": "mini"})
    assert problems == []
    assert to_be is not None
    table = touchpoint_comparison(as_is, to_be)
    # Rows are named as people call the touchpoints (the to-be's name), not by id.
    rows = {r["Touchpoint"]: r for r in table.to_dict("records")}
    assert rows["Chat"]["Change"] == "added"
    assert rows["Store visit"]["Change"] == "changed"
    assert rows["Store visit"]["What changed"] == "name: 'Shop visit' → 'Store visit'"
    assert rows["Web page"]["Change"] == "same"
    assert change_counts(as_is, to_be) == {
        "touchpoints added": 1,
        "touchpoints changed": 1,
        "transitions added": 1,
    }
    assert default_pair([as_is, to_be], "mini") == ("mini", "mini-to-be")
    assert default_pair([as_is, to_be], "mini-to-be") == ("mini", "mini-to-be")
    unrelated = to_be.model_copy(update={"id": "other", "variant_of": None})
    assert default_pair([as_is, unrelated], "mini") == ("mini", None)


def test_metric_grid_round_trip_and_edit() -> None:
    import pandas as pd

    from journeymap.analytics.journey_grids import apply_metric_grid, metric_grid
    from journeymap.model import parse_journey

    data = {
        "id": "m",
        "name": "M",
        "stages": [{"id": "s", "name": "S"}],
        "touchpoints": [{"id": "a", "name": "A", "stage": "s", "channel": "web", "end": True}],
        "entries": [{"touchpoint": "a", "customers_per_month": 10}],
        "metrics": [{"id": "wait_minutes", "name": "Wait", "unit": "min", "target": 5}],
    }
    grid = metric_grid(data)
    assert apply_metric_grid(data, grid)["metrics"] == [
        {"id": "wait_minutes", "name": "Wait", "unit": "min", "direction": "lower", "target": 5.0}
    ]
    added = pd.concat(
        [
            grid,
            pd.DataFrame([{"id": "fcr_pct", "name": "FCR", "unit": "%", "direction": "higher"}]),
        ],
        ignore_index=True,
    )
    edited = apply_metric_grid(data, added)
    assert edited["metrics"][1] == {
        "id": "fcr_pct",
        "name": "FCR",
        "unit": "%",
        "direction": "higher",
    }
    journey = parse_journey(edited)
    assert [m.id for m in journey.metrics] == ["wait_minutes", "fcr_pct"]
