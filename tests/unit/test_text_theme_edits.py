"""A person's edits to themes, kept when the themes are computed again on more comments."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.analytics.comments.theme_edits import (
    Edit,
    Hide,
    Merge,
    Move,
    Rename,
    Show,
    Split,
    apply_edits,
    carry_keys,
    match_themes,
    recompute_with_edits,
)
from journeymap.analytics.comments.themes import OTHER, Theme, ThemeResult, find_themes

WAIT = [
    "Lang ventetid ved skranken.",
    "Ventetiden ved skranken var alt for lang.",
    "Alt for lang ventetid ved skranken i dag.",
    "Vi stod længe ved skranken, lang ventetid.",
    "Ventetid ved skranken på en halv time.",
    "Lang ventetid ved skranken igen.",
]
FEES = [
    "Gebyrerne er alt for høje.",
    "Høje gebyrer på kontoen.",
    "Gebyret for en overførsel er for højt.",
    "Nye gebyrer igen, høje gebyrer.",
    "Gebyrer på alt, urimelige gebyrer.",
    "For høje gebyrer på kortet.",
]
APP = [
    "Appen går ned ved login.",
    "Kan ikke logge ind i appen.",
    "Appen crasher ved login hver gang.",
    "Login i appen virker ikke.",
    "Appen lukker ned når jeg logger ind.",
    "Fejl i appen ved opdatering.",
]
PHONE = [
    "Ingen tog telefonen.",
    "Telefonen blev ikke taget, ingen svarede.",
    "Umuligt at komme igennem på telefonen.",
    "Ringede tre gange, ingen svarede telefonen.",
    "Telefonen ringede ud uden svar.",
    "Ingen svarede, telefonen var død.",
]
FIRST = WAIT + FEES + APP + PHONE
# A month later: the same causes in new words, more of them, and the app theme grows.
MORE = [
    "Ventetiden ved skranken er blevet længere.",
    "Lang ventetid ved skranken hele formiddagen.",
    "Høje gebyrer, og nu også gebyr på kontoudtog.",
    "Appen går ned, kan ikke logge ind.",
    "Login i appen fejler igen.",
    "Appen crasher når jeg åbner den.",
    "Ingen svarede telefonen hele dagen.",
]


def themed(texts: list[str], seed: int = 0) -> ThemeResult:
    ids = [f"c{i}" for i in range(len(texts))]
    return find_themes(texts, ["da"] * len(texts), ids=ids, n_themes=4, seed=seed)


@pytest.fixture(scope="module")
def first() -> ThemeResult:
    return themed(FIRST)


def key_of(result: ThemeResult, text: str) -> str:
    return result.assignment[result.comment_ids.index(f"c{FIRST.index(text)}")]


def test_the_four_causes_are_four_themes(first: ThemeResult) -> None:
    for group in (WAIT, FEES, APP, PHONE):
        assert len({key_of(first, t) for t in group}) == 1


def edits_for(first: ThemeResult) -> list[Edit]:
    wait, fees, app, phone = (key_of(first, g[0]) for g in (WAIT, FEES, APP, PHONE))
    return [
        Rename(wait, "Ventetid ved skranken"),
        Merge(phone, wait),  # waiting, at the counter or on the phone
        Split(app, "t90", "Login", ("login", "logge")),
        Hide(fees),
        Move("c5", OTHER),  # "Lang ventetid ved skranken igen." is not worth counting
        Rename("t90", "Kan ikke logge ind"),
    ]


def test_edits_applied(first: ThemeResult) -> None:
    edited = apply_edits(first, edits_for(first), FIRST, ["da"] * len(FIRST))
    wait = edited.theme(key_of(first, WAIT[0]))
    assert (wait.label, wait.renamed) == ("Ventetid ved skranken", True)
    assert wait.merged_from == (key_of(first, PHONE[0]),)
    assert [FIRST[m] for m in wait.members] == WAIT[:5] + PHONE
    login = edited.theme("t90")
    assert (login.label, login.split_from) == ("Kan ikke logge ind", key_of(first, APP[0]))
    assert [FIRST[m] for m in login.members] == APP[:5]
    assert [FIRST[m] for m in edited.theme(key_of(first, APP[0])).members] == APP[5:]
    fees = edited.theme(key_of(first, FEES[0]))
    assert fees.hidden
    assert len(fees.members) == 6
    assert edited.assignment[5] == OTHER
    assert all(edited.assignment[FIRST.index(t)] == OTHER for t in FEES)
    assert key_of(first, PHONE[0]) not in {t.key for t in edited.themes}
    assert edited.unapplied == ()


def test_edits_are_kept_when_themes_are_computed_again_on_more_comments(first: ThemeResult) -> None:
    texts = FIRST + MORE
    again = themed(texts, seed=7)
    keyed, edited = recompute_with_edits(
        again, first.themes, edits_for(first), texts, ["da"] * len(texts)
    )
    assert edited.unapplied == ()
    # What is kept for next time: the machine's themes, under the keys they had.
    assert {t.key for t in keyed.themes} == {t.key for t in first.themes}
    assert not any(t.renamed or t.hidden or t.merged_from for t in keyed.themes)

    def theme_of(text: str) -> str:
        return edited.assignment[texts.index(text)]

    wait_key = key_of(first, WAIT[0])
    # Renamed and merged as before, and the new comments follow.
    assert edited.theme(wait_key).label == "Ventetid ved skranken"
    for text in WAIT[:5] + PHONE + [MORE[0], MORE[1], MORE[6]]:
        assert theme_of(text) == wait_key, text
    # The split keeps splitting: new login comments land in it.
    for text in APP[:5] + [MORE[3], MORE[4]]:
        assert theme_of(text) == "t90", text
    assert theme_of(MORE[5]) == key_of(first, APP[0])
    # Still hidden, still moved.
    assert all(theme_of(t) == OTHER for t in FEES + [MORE[2]])
    assert theme_of(WAIT[5]) == OTHER


def test_an_edit_whose_theme_is_gone_is_named_not_lost(first: ThemeResult) -> None:
    edits = [Rename("t99", "Parkering"), Merge("t98", key_of(first, WAIT[0])), Hide("t97")]
    edited = apply_edits(first, edits, FIRST, ["da"] * len(FIRST))
    assert edited.unapplied == (
        "Renaming t99 to 'Parkering': the theme t99 was not found in these comments",
        f"Merging t98 into {key_of(first, WAIT[0])}: the theme t98 was not found in these comments",
        "Hiding t97: the theme t97 was not found in these comments",
    )
    assert edited.assignment == first.assignment


def test_a_phrase_keyword_splits_off_the_comments_using_that_phrase(first: ThemeResult) -> None:
    wait = key_of(first, WAIT[0])
    edited = apply_edits(
        first, [Split(wait, "t90", "Lang ventetid", ("lang ventetid",))], FIRST, ["da"] * 24
    )
    # "Ventetiden ved skranken var alt for lang." uses "lang" but not the phrase.
    assert [FIRST[m] for m in edited.theme("t90").members] == [
        WAIT[0], WAIT[2], WAIT[3], WAIT[5],
    ]  # fmt: skip


def test_show_undoes_hide_and_a_move_of_an_absent_comment_is_not_needed(first: ThemeResult) -> None:
    fees = key_of(first, FEES[0])
    edited = apply_edits(
        first, [Hide(fees), Show(fees), Move("not-here", fees)], FIRST, ["da"] * len(FIRST)
    )
    assert edited.assignment == first.assignment
    assert not edited.theme(fees).hidden
    assert edited.unapplied == ()


def theme(key: str, terms: dict[str, float]) -> Theme:
    norm = sum(w * w for w in terms.values()) ** 0.5
    return Theme(key, key, (), tuple((t, w / norm) for t, w in terms.items()), (), ())


def test_matching_is_one_to_one_by_centroid_similarity() -> None:
    previous = [theme("t1", {"ventetid": 1, "skrank": 1}), theme("t2", {"gebyr": 1})]
    new = [
        theme("t1", {"gebyr": 1, "høj": 0.5}),  # the fees theme, now the biggest
        theme("t2", {"ventetid": 1, "skrank": 0.8, "kø": 0.5}),
        theme("t3", {"ventetid": 1, "telefon": 2}),  # resembles t1 less than the new t2
        theme("t4", {"parkering": 1}),
    ]
    assert match_themes(previous, new) == {"t1": "t2", "t2": "t1"}
    result = replace(
        themed(WAIT[:2]),
        themes=tuple(new),
        assignment=("t3", "t4"),
        comment_ids=("a", "b"),
        strength=(1.0, 1.0),
    )
    keyed = carry_keys(result, previous, reserved=["t90"])
    assert [t.key for t in keyed.themes] == ["t2", "t1", "t91", "t92"]
    assert keyed.assignment == ("t91", "t92")


kinds = st.sampled_from(["rename", "merge", "split", "hide", "show", "move"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(kinds, st.integers(0, 5), st.integers(0, 5)), max_size=8))
def test_after_any_edits_every_comment_is_in_one_visible_theme_or_other(
    first: ThemeResult, steps: list[tuple[str, int, int]]
) -> None:
    keys = [t.key for t in first.themes] + ["t90", "t91"]
    edits = []
    for n, (kind, a, b) in enumerate(steps):
        x, y = keys[a], keys[b]
        edits.append(
            {
                "rename": Rename(x, f"name {n}"),
                "merge": Merge(x, y),
                "split": Split(x, f"t9{n}", "split", ("login", "gebyrer")),
                "hide": Hide(x),
                "show": Show(x),
                "move": Move(f"c{a * 4 + b}", y),
            }[kind]
        )
    edited = apply_edits(first, edits, FIRST, ["da"] * len(FIRST))
    visible = {t.key for t in edited.themes if not t.hidden}
    assert set(edited.assignment) <= visible | {OTHER}
    in_themes = sorted(m for t in edited.themes if not t.hidden for m in t.members)
    assert in_themes == [i for i, a in enumerate(edited.assignment) if a != OTHER]
    assert len({t.key for t in edited.themes}) == len(edited.themes)
