"""Which language a comment is in: hand-picked comments, fallbacks and overrides."""

from __future__ import annotations

import pytest

from journeymap.analytics.comments.language import (
    detect_language,
    detect_languages,
    guess_language,
    normalise_language,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lang ventetid ved skranken, men søde medarbejdere", "da"),
        ("Rådgiveren var sød og hjælpsom, tak for hjælpen", "da"),
        ("Jeg ventede i 40 minutter i telefonen", "da"),
        # Danish and Norwegian look alike: the Norwegian spellings decide.
        ("Rådgiveren var hyggelig og hjelpsom", "nb"),
        ("Jeg er ikke fornøyd med rådgivningen", "nb"),
        ("De lovet å ringe tilbake, men det skjedde aldri.", "nb"),
        ("Lång väntetid i kassan men trevlig personal", "sv"),
        ("Jag väntade i 40 minuter i telefon", "sv"),
        ("Long wait at the counter and nobody told us why", "en"),
    ],
)
def test_a_comment_is_recognised_in_its_language(text: str, expected: str) -> None:
    assert detect_language(text, default="en") == expected


@pytest.mark.parametrize("text", ["Godt", "Tak", "Ok!", "", "  42  ", "Bra service"])
def test_a_short_or_mixed_comment_takes_the_surveys_language(text: str) -> None:
    guess = guess_language(text, default="sv")
    assert guess.language == "sv"
    assert guess.fallback


def test_a_short_comment_with_a_norwegian_spelling_needs_no_fallback() -> None:
    guess = guess_language("Takk for hjelpen", default="da")
    assert (guess.language, guess.fallback) == ("nb", False)


def test_the_override_wins() -> None:
    assert detect_language("Lång väntetid i kassan", default="da", override="no") == "nb"
    assert detect_languages(["Long wait", "Lang ventetid"], "da", override="en") == ["en", "en"]


def test_identical_comments_get_one_answer() -> None:
    texts = ["Lång väntetid i kassan men trevlig personal"] * 3 + ["Tak"]
    assert detect_languages(texts, "da") == ["sv", "sv", "sv", "da"]


@pytest.mark.parametrize(
    ("code", "expected"), [("da", "da"), ("no", "nb"), ("NN", "nb"), (" sv ", "sv"), ("eng", "en")]
)
def test_language_codes(code: str, expected: str) -> None:
    assert normalise_language(code) == expected


def test_an_unknown_language_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="'de' is not one of Danish"):
        normalise_language("de")
