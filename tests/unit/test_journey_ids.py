"""Ids made from names keep their letters, are ASCII, stable and unique in a journey."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from journeymap.analytics.journey_edit import add_touchpoint, slug, unique_slug
from journeymap.model.journey import SLUG_PATTERN

NAMES = st.text(
    alphabet=st.sampled_from("abcæøåäöüéßÆØÅÄÖÜÉ 0123-_.,!?/()'\"ŁıİǅÐþ漢😀\t"), max_size=90
)


def test_nordic_and_german_letters_are_spelt_out() -> None:
    assert slug("Afgørelse i e-Boks") == "afgoerelse-i-e-boks"
    assert slug("Æblegrød på Ærø") == "aeblegroed-paa-aeroe"
    assert slug("Bürgeramt Straße Öl Bär") == "buergeramt-strasse-oel-baer"
    assert slug("Café crème") == "cafe-creme"


@given(NAMES)
def test_an_id_is_ascii_a_valid_slug_and_the_same_every_time(name: str) -> None:
    made = unique_slug(name, set(), "touchpoint")
    assert made.isascii()
    assert re.match(SLUG_PATTERN, made)
    assert len(made) <= 80
    assert unique_slug(name, set(), "touchpoint") == made


@given(st.lists(NAMES, max_size=12))
def test_ids_of_touchpoints_added_by_name_are_unique_in_the_journey(names: list[str]) -> None:
    data: dict = {"stages": [{"id": "s", "name": "S"}], "touchpoints": [], "transitions": []}
    for name in names:
        data, _ = add_touchpoint(data, name or "x", "s", "web")
    ids = [tp["id"] for tp in data["touchpoints"]]
    assert len(ids) == len(set(ids))
    assert all(re.match(SLUG_PATTERN, i) for i in ids)
