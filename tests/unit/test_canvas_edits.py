"""The canvas's gestures as edits: the bookkeeping nobody draws is kept for them."""

from __future__ import annotations

from journeymap.analytics.canvas_edits import (
    connect,
    id_problem,
    move_touchpoint,
    place_touchpoint,
    remove_from_canvas,
    remove_transition,
    rename_touchpoint_id,
)
from journeymap.analytics.journey_edit import check_draft, draft_of, starter_journey


def empty() -> dict:
    return draft_of(starter_journey("skade", "Skade", ["Anmeldelse", "Afgørelse"]))


def test_drawn_from_scratch_the_journey_is_valid_at_every_step() -> None:
    data, first = place_touchpoint(empty(), "Anmelder skaden", "anmeldelse", "web")
    assert check_draft(data)[1] == []  # the first touchpoint is the start and may end
    assert data["entries"] == [{"touchpoint": first, "customers_per_month": 1000.0}]
    data, second = place_touchpoint(data, "Afgørelse i e-Boks", "afgoerelse", "letter", first)
    assert (first, second) == ("anmelder-skaden", "afgoerelse-i-e-boks")
    assert [(t["from"], t["to"]) for t in data["transitions"]] == [(first, second)]
    assert [tp["end"] for tp in data["touchpoints"]] == [False, True]
    assert check_draft(data)[1] == []
    data, third = place_touchpoint(data, "Ringer", "anmeldelse", "phone")
    data = connect(connect(data, first, third), third, second)
    assert connect(data, first, third) == data  # once per pair
    assert check_draft(data)[1] == []
    data = remove_transition(data, f"{third} → {second}")
    assert next(tp for tp in data["touchpoints"] if tp["id"] == third)["end"] is True
    data = remove_from_canvas(data, second)
    assert next(tp for tp in data["touchpoints"] if tp["id"] == first)["end"] is False
    assert check_draft(data)[1] == []


def test_moving_and_renaming_keep_the_transitions() -> None:
    data, first = place_touchpoint(empty(), "Anmelder", "anmeldelse", "web")
    data, second = place_touchpoint(data, "Afgørelse", "afgoerelse", "letter", first)
    data = move_touchpoint(data, second, "anmeldelse", "phone")
    assert (data["touchpoints"][1]["stage"], data["touchpoints"][1]["channel"]) == (
        "anmeldelse",
        "phone",
    )
    assert id_problem(data, first, "Ikke et id") is not None
    assert id_problem(data, first, second) == (
        f"the id '{second}' is taken by 'Afgørelse': choose another"
    )
    assert id_problem(data, first, "anmeldelse-web") is None
    data = rename_touchpoint_id(data, first, "anmeldelse-web")
    assert data["transitions"][0]["from"] == "anmeldelse-web"
    assert data["entries"][0]["touchpoint"] == "anmeldelse-web"
    assert check_draft(data)[1] == []
