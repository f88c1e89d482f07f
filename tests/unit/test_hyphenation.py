"""Danish and Norwegian words break between syllables on a diagram, or not at all."""

from __future__ import annotations

import pytest

from journeymap.analytics.hyphenation import break_places, word_breaks
from journeymap.charts.geometry import wrap_label


@pytest.mark.parametrize(
    ("word", "places"),
    [
        # Op-følg-nings-møde: both dictionaries agree on these three.
        ("Opfølgningsmøde", {2, 6, 11}),
        # Råd-giv-nings-mø-det; the Danish patterns' "Rå-d" is left out.
        ("Rådgivningsmødet", {3, 6, 11, 13}),
        # Skade·s·an·mel·del·se: only the places both languages share.
        ("Skadesanmeldelse", {8, 11, 14}),
    ],
)
def test_word_breaks_are_the_places_both_dictionaries_allow(word: str, places: set[int]) -> None:
    assert word_breaks(word) == places


def test_break_places_are_offsets_into_the_whole_text() -> None:
    # "(" is at 0, so Op|følg is at 3.
    assert 3 in break_places("(Opfølgningsmøde)")
    assert not break_places("1234567890")


# From 7 characters a line holds each syllable and its hyphen ("nings-"); narrower
# lines than any diagram draws must break somewhere.
@pytest.mark.parametrize("chars", range(7, 16))
@pytest.mark.parametrize("word", ["Opfølgningsmøde", "Rådgivningsmødet"])
def test_a_long_word_never_breaks_inside_a_syllable(word: str, chars: int) -> None:
    lines = wrap_label(word, chars, 10)
    cuts = []
    done = 0
    for line in lines[:-1]:
        assert line.endswith("-"), lines
        done += len(line) - 1
        cuts.append(done)
    assert set(cuts) <= word_breaks(word), lines
    assert "".join(line.rstrip("-") for line in lines) == word


def test_the_reported_wrong_break_is_gone() -> None:
    assert "Opfølgni-" not in wrap_label("Opfølgningsmøde", 9, 3)
    assert wrap_label("Opfølgningsmøde", 9, 3) == ("Opfølg-", "ningsmøde")


def test_soft_hyphens_mark_the_same_places_for_a_browser() -> None:
    from journeymap.analytics.hyphenation import SOFT_HYPHEN, soft_hyphenated

    assert soft_hyphenated("Opfølgningsmøde i filialen") == (
        f"Opfølg{SOFT_HYPHEN}nings{SOFT_HYPHEN}møde i filia{SOFT_HYPHEN}len"
    )
    assert soft_hyphenated("#12 låneberegneren").replace(SOFT_HYPHEN, "") == "#12 låneberegneren"
    assert soft_hyphenated("#12 x").startswith("#12 ")
