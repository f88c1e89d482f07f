"""Words, stems, stop words and phrases per language, æøå and äö kept."""

from __future__ import annotations

import pytest

from journeymap.analytics.comments.tokens import (
    clauses,
    comment_terms,
    fold,
    stem,
    stop_words,
    words,
)


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("ventetiden", "da", "ventetid"),
        ("skranken", "da", "skrank"),
        ("gebyrerne", "da", "gebyr"),
        ("hjælpsomme", "da", "hjælpsom"),
        ("rådgivningen", "nb", "rådgivning"),
        ("gebyrer", "nb", "gebyr"),
        ("väntetiden", "sv", "väntetid"),
        ("avgifterna", "sv", "avgift"),
        ("waiting", "en", "wait"),
    ],
)
def test_snowball_stems(word: str, language: str, expected: str) -> None:
    assert stem(word, language) == expected


def test_words_keep_scandinavian_letters_and_drop_digits_and_punctuation() -> None:
    assert words("Kø på 20 min. — Rådgiveren: SØD & hjælpsom! Väntetid? don’t") == [
        "kø", "på", "min", "rådgiveren", "sød", "hjælpsom", "väntetid", "don't",
    ]  # fmt: skip


def test_clauses_end_at_punctuation() -> None:
    assert clauses("Lang kø, men søde folk. Tak") == [
        ["lang", "kø"],
        ["men", "søde", "folk"],
        ["tak"],
    ]


def test_stop_words_per_language() -> None:
    assert {"og", "ikke", "jeg", "tak"} <= stop_words("da")
    assert {"og", "ikke", "jeg", "takk"} <= stop_words("nb")
    assert {"och", "inte", "jag", "tack"} <= stop_words("sv")
    assert {"and", "the", "not", "thanks"} <= stop_words("en")
    # A Swedish customer's judgement is not a stop word.
    assert not {"bra", "långsam", "sämre"} & stop_words("sv")


def test_fold_meets_danish_norwegian_and_swedish_spellings() -> None:
    assert fold("hjælpsom") == fold("hjelpsom") == "hjelpsom"
    assert fold("väntetid") == "ventetid"
    assert fold("kön") == "køn"


def test_terms_are_stems_and_two_stem_phrases_with_the_words_as_written() -> None:
    terms = comment_terms("Lang ventetid ved skranken, igen.", "da")
    assert terms == [
        ("lang", "lang"),
        ("ventetid", "ventetid"),
        ("skrank", "skranken"),
        ("lang ventetid", "lang ventetid"),
        ("ventetid skrank", "ventetid skranken"),
    ]


def test_a_phrase_never_spans_a_comma() -> None:
    terms = [t for t, _ in comment_terms("Lang ventetid, søde medarbejdere", "da")]
    assert "ventetid sød" not in terms
    assert "sød medarbejd" in terms
