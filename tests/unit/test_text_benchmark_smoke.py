"""The text benchmark works end to end at a tiny scale: figures only, no timing asserted."""

from __future__ import annotations

import pytest

from benchmarks import text_quality, theme_corpus


def test_the_labelled_set_is_seeded_and_labelled() -> None:
    rows = theme_corpus.generate(50, seed=5)
    assert rows == theme_corpus.generate(50, seed=5)
    assert {r["cause"] for r in rows} <= set(theme_corpus.CAUSES)
    assert {r["language"] for r in rows} <= {"da", "nb", "sv", "en"}


def test_the_shipped_labelled_set_is_the_evaluation_draw() -> None:
    with theme_corpus.CSV.open(encoding="utf-8") as handle:
        shipped = handle.read().splitlines()
    expected = theme_corpus.generate(1200, theme_corpus.EVALUATION_SEED)
    assert len(shipped) == len(expected) + 1
    assert shipped[1].startswith(expected[0]["id"] + ",")


def test_themes_and_speed_steps_report_figures() -> None:
    themes = text_quality.step_themes(resamples=20)
    assert 0 <= themes["baseline_at_causes"] <= 1
    assert 0 <= themes["ours"] <= 1
    assert themes["cfpb"]["comments"] == 139
    assert set(themes["cfpb"]["kinds"]) == {"issue", "product"}
    speed = text_quality.step_speed(text_quality.scale_comments(500))
    assert speed["comments"] > 100
    assert speed["peak_mib"] > 0
    table = text_quality.report({"themes": themes, "scale": speed}, 500)
    assert "NMI with the causes" in table
    assert "CFPB complaints (real, English): 139 comments" in table
    assert "of 500 responses" in table


@pytest.mark.skipif(
    not (text_quality.TEXT_DATA / "da_lcc_sentiment.csv").exists(),
    reason="the labelled text in ../shared/data/text is not present",
)
def test_sentiment_agreement_is_measured() -> None:
    figures = text_quality.step_sentiment(text_quality.TEXT_DATA)
    assert figures["da"]["n"] == 498
    assert -1 <= figures["nb"]["rho"] <= 1
