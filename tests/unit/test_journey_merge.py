"""Three-way merge of a draft with a revision saved meanwhile (hand-made cases)."""

from __future__ import annotations

import copy

from journeymap.analytics.journey_merge import merge_drafts


def tp(tp_id: str, name: str, **fields: object) -> dict:
    return {"id": tp_id, "name": name, "stage": "s", "channel": "web", "feels": None} | fields


BASE = {
    "id": "claim",
    "name": "Skade",
    "description": "",
    "stages": [{"id": "s", "name": "Skaden sker"}, {"id": "t", "name": "Afgørelse"}],
    "touchpoints": [tp("a", "Anmelder"), tp("b", "Afgørelse i e-Boks"), tp("c", "Klage")],
    "transitions": [{"from": "a", "to": "b", "share": None, "kind": "normal"}],
    "entries": [{"touchpoint": "a", "customers_per_month": 1000.0}],
}


def changed(**steps: object) -> dict:
    data = copy.deepcopy(BASE)
    for path, value in steps.items():
        group, _, index_field = path.partition("__")
        if not index_field:
            data[group] = value
            continue
        index, field = index_field.split("__")
        data[group][int(index)][field] = value
    return data


def test_changes_to_different_fields_of_one_touchpoint_both_stay() -> None:
    theirs = changed(touchpoints__1__feels=-1)
    ours = changed(touchpoints__1__name="Afgørelse i digital post")
    result = merge_drafts(BASE, theirs, ours)
    assert result.clean
    assert result.data["touchpoints"][1] == tp("b", "Afgørelse i digital post", feels=-1)


def test_a_colleagues_change_that_does_not_conflict_is_kept_not_reverted() -> None:
    theirs = changed(description="Bilskade og indbrud")
    ours = changed(touchpoints__0__feels=1)
    result = merge_drafts(BASE, theirs, ours)
    assert result.clean
    assert result.data["description"] == "Bilskade og indbrud"
    assert result.data["touchpoints"][0]["feels"] == 1


def test_additions_on_both_sides_are_all_kept_in_our_order_then_theirs() -> None:
    theirs = copy.deepcopy(BASE)
    theirs["touchpoints"].append(tp("d", "Ringer op"))
    theirs["transitions"].append({"from": "c", "to": "d", "share": None, "kind": "recovery"})
    ours = copy.deepcopy(BASE)
    ours["touchpoints"].append(tp("e", "Udbetaling"))
    result = merge_drafts(BASE, theirs, ours)
    assert result.clean
    assert [t["id"] for t in result.data["touchpoints"]] == ["a", "b", "c", "e", "d"]
    assert [(t["from"], t["to"]) for t in result.data["transitions"]] == [("a", "b"), ("c", "d")]


def test_the_same_field_changed_differently_is_the_only_question() -> None:
    theirs = changed(touchpoints__1__feels=-2, name="Skadesag")
    ours = changed(touchpoints__1__feels=1, touchpoints__2__name="Klager")
    result = merge_drafts(BASE, theirs, ours)
    assert [(c.key, c.label, c.theirs, c.ours) for c in result.conflicts] == [
        (("touchpoints", "b", "feels"), "touchpoint 'Afgørelse i e-Boks', feels", -2, 1)
    ]
    assert result.data["name"] == "Skadesag"  # theirs, not a conflict
    assert result.data["touchpoints"][2]["name"] == "Klager"  # ours, not a conflict
    assert result.data["touchpoints"][1]["feels"] == 1  # ours until decided
    decided = merge_drafts(BASE, theirs, ours, {("touchpoints", "b", "feels"): "theirs"})
    assert decided.data["touchpoints"][1]["feels"] == -2
    assert decided.conflicts == result.conflicts  # still listed, now decided


def test_deleted_on_one_side_and_changed_on_the_other_is_a_question() -> None:
    theirs = copy.deepcopy(BASE)
    del theirs["touchpoints"][2]
    ours = changed(touchpoints__2__feels=-1)
    result = merge_drafts(BASE, theirs, ours)
    assert [(c.key, c.label, c.theirs) for c in result.conflicts] == [
        (("touchpoints", "c"), "touchpoint 'Klage'", None)
    ]
    gone = merge_drafts(BASE, theirs, ours, {("touchpoints", "c"): "theirs"})
    assert [t["id"] for t in gone.data["touchpoints"]] == ["a", "b"]


def test_deleted_on_one_side_and_untouched_on_the_other_goes() -> None:
    ours = copy.deepcopy(BASE)
    ours["transitions"] = []
    theirs = changed(touchpoints__0__feels=2)
    result = merge_drafts(BASE, theirs, ours)
    assert result.clean
    assert result.data["transitions"] == []
    assert result.data["touchpoints"][0]["feels"] == 2


def test_the_same_change_on_both_sides_is_taken_once() -> None:
    both = changed(touchpoints__0__name="Anmelder online")
    result = merge_drafts(BASE, both, copy.deepcopy(both))
    assert result.clean
    assert result.data == both


def test_their_new_stage_order_is_kept_when_we_did_not_reorder() -> None:
    theirs = copy.deepcopy(BASE)
    theirs["stages"].reverse()
    ours = changed(touchpoints__0__feels=1)
    assert [s["id"] for s in merge_drafts(BASE, theirs, ours).data["stages"]] == ["t", "s"]
