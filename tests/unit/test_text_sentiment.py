"""Sentiment per comment: word-list scores, negation, degree, contrast; disagreements.

Expected scores are worked by hand: s/√(s² + 15) of the summed word scores.
"""

from __future__ import annotations

import math

import pytest

from journeymap.analytics.comments.lexicon import bridge
from journeymap.analytics.comments.sentiment import (
    Sentiment,
    comment_sentiment,
    comment_sentiments,
    disagreements,
    sentiment_by_score_group,
)


def normalised(raw: float) -> float:
    return raw / math.sqrt(raw * raw + 15)


@pytest.mark.parametrize(
    ("text", "language", "raw"),
    [
        ("Maden var god", "da", 3.0),  # AFINN-da: god +3
        ("Maden var ikke god", "da", -2.0),  # AFINN-da phrase "ikke god" −2
        ("Det fungerer ikke", "da", -3.0),  # AFINN-da phrase "fungerer ikke" −3
        ("Personalen var otrevlig", "sv", -2.0),
        ("Personalen var inte otrevlig", "sv", 1.5),  # −2 × −0.75
        ("Rådgiveren var aldri hjelpsom", "nb", -1.5),  # 2 × −0.75
        ("Jeg likte den ikke", "nb", -1.5),  # negator after the verb turns "likte" (+2)
        ("Jag gillade det inte", "sv", -1.5),
        ("The staff were not helpful", "en", -1.5),
        ("Ikke mindst var rådgiveren hjelpsom", "nb", 2.0),  # "ikke mindst" is no negation
        ("Veldig fornøyd", "nb", 2.5),  # 2 × 1.25
        ("Litt skuffet", "nb", -1.5),  # −2 × 0.75
        # Before "men" half, after it one and a half: 2 × 0.5 − 3 × 1.5
        ("Rådgiveren var hyggelig, men ventetiden var elendig", "nb", -3.5),
        ("Kunne vært bedre", "nb", -2.0),
        ("Very helpful staff :)", "en", 1.25 * 2 + 2),  # helpful +2 boosted, ":)" +2
        ("Vi kom til filialen klokken ti", "da", 0.0),
    ],
)
def test_hand_computed_scores(text: str, language: str, raw: float) -> None:
    found = comment_sentiment(text, language)
    assert found.raw == pytest.approx(raw)
    assert found.score == pytest.approx(normalised(raw))
    expected_label = "positive" if raw > 0 else "negative" if raw < 0 else "neutral"
    assert found.label == expected_label


def test_negation_flips_the_sentiment() -> None:
    for plain, negated, language in [
        ("Rådgiveren var hjælpsom", "Rådgiveren var ikke hjælpsom", "da"),
        ("Rådgiveren var hjelpsom", "Rådgiveren var ikke hjelpsom", "nb"),
        ("Rådgivaren var hjälpsam", "Rådgivaren var inte hjälpsam", "sv"),
        ("The adviser was helpful", "The adviser was never helpful", "en"),
    ]:
        assert comment_sentiment(plain, language).label == "positive"
        assert comment_sentiment(negated, language).label == "negative"


def test_scores_stay_within_minus_one_and_one() -> None:
    text = "Elendig, elendig, elendig og uhøflig. Katastrofe!"
    assert -1 < comment_sentiment(text, "nb").score < -0.9


@pytest.mark.parametrize(
    ("word", "language", "danish"),
    [
        ("takk", "nb", ["tak"]),
        ("svak", "nb", ["svag"]),
        ("kjedelig", "nb", ["kedelig"]),
        ("høyt", "nb", ["højt"]),
        ("tilfredshet", "nb", ["tilfredshed"]),
        ("möjlighet", "sv", ["møjlighed"]),
        ("ok", "nb", []),
    ],
)
def test_the_spelling_bridge_to_the_danish_list(
    word: str, language: str, danish: list[str]
) -> None:
    assert bridge(word, language) == danish


def test_identical_comments_are_scored_once_and_alike() -> None:
    found = comment_sentiments(["Godt", "Godt", "Dårligt"], ["da", "da", "da"])
    assert found[0] is found[1]
    assert found[2].label == "negative"


def s(score: float) -> Sentiment:
    return Sentiment(score=score, label="", raw=0.0, hits=1)


def test_comments_whose_words_and_score_disagree() -> None:
    sentiments = [s(0.6), s(-0.5), s(0.2), s(-0.7), s(0.9), s(-0.4)]
    scores = [2, 10, 0, 9, 8, None]
    found = disagreements(sentiments, scores)
    # Strongest first: the promoter at −0.7, the detractor at +0.6, the promoter at −0.5.
    assert [(d.position, d.kind) for d in found] == [
        (3, "promoter with negative words"),
        (0, "detractor with positive words"),
        (1, "promoter with negative words"),
    ]


def test_the_distribution_beside_the_score() -> None:
    sentiments = [comment_sentiment(t, "da") for t in ["Godt", "Dårligt", "Dårligt", "Ok"]]
    table = sentiment_by_score_group(sentiments, [10, 3, 9, None])
    assert table["promoter"] == {"negative": 1, "neutral": 0, "positive": 1}
    assert table["detractor"] == {"negative": 1, "neutral": 0, "positive": 0}
    assert table["passive"] == {"negative": 0, "neutral": 0, "positive": 0}
