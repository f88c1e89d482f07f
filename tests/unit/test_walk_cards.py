"""Verbatims, failing questions and the touchpoint × location NPS matrix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from journeymap.analytics.walk_cards import failing_questions, nps_matrix, pick_verbatims

T0 = datetime(2026, 9, 1, tzinfo=UTC)


def responses() -> pd.DataFrame:
    rows = [
        ("a", 2, "Ventede 25 minutter", 0, "north"),
        ("a", 10, "Super rådgiver", 1, "north"),
        ("a", 4, "<b>Ingen</b> ringede tilbage", 2, "south"),
        ("a", 9, "", 3, "south"),
        ("a", 8, "OK", 4, "south"),
        ("b", 0, "Wrong counter", 5, "north"),
    ]
    return pd.DataFrame(
        [
            {
                "touchpoint_id": tp,
                "score": score,
                "comment": comment,
                "responded_at": T0 + timedelta(days=day),
                "location": location,
                "survey_kind": "transactional",
            }
            for tp, score, comment, day, location in rows
        ]
    )


def test_verbatims_are_newest_detractors_first_and_one_promoter() -> None:
    picked = pick_verbatims(responses(), "a", limit=3)
    assert [(v.score, v.comment) for v in picked] == [
        (4, "<b>Ingen</b> ringede tilbage"),
        (2, "Ventede 25 minutter"),
        (10, "Super rådgiver"),
    ]
    assert picked[0].group == "detractor"
    assert pick_verbatims(responses(), "zzz") == []


def test_failing_questions_rank_by_failures() -> None:
    scores = pd.DataFrame(
        [
            {"question_id": q, "section_id": s, "failed": f, "possible": p}
            for q, s, f, p in [
                ("greet", "s1", True, 2),
                ("greet", "s1", True, 2),
                ("greet", "s1", False, 2),
                ("wait", "s1", True, 3),
                ("wait", "s1", False, 0),  # N/A: not answered
                ("tidy", "s1", False, 1),
                ("other", "s2", True, 1),
            ]
        ]
    )
    found = failing_questions(scores, {"greet": "Greeted?"}, {"s1": "a", "s2": "b"}, "a")
    assert [(f.question_id, f.text, f.failed, f.answered) for f in found] == [
        ("greet", "Greeted?", 2, 3),
        ("wait", "wait", 1, 1),
    ]
    assert found[0].share == pytest.approx(2 / 3)


def test_nps_matrix() -> None:
    cells = nps_matrix(responses(), ["a", "b"])
    nps, n = cells.values, cells.counts
    # a north: 2 → −1, 10 → +1: NPS 0 (n=2); a south: 4, 9, 8 → −1, +1, 0: 0 (n=3).
    assert nps.loc["a", "north"] == pytest.approx(0.0)
    assert n.loc["a", "south"] == 3
    assert nps.loc["b", "north"] == pytest.approx(-100.0)
    assert n.loc["b", "south"] == 0
    # Two answers, a promoter and a detractor: adjusted Wald adds 0.75 detractors, 1.5
    # passives and 0.75 promoters (n 5, shares 0.35 and 0.35), centre 0, variance
    # 0.35 + 0.35 − 0² = 0.7, SE = 100·√(0.7 / 5) = 37.42, so 0 ± 1.96 · 37.42 = ±73.3.
    assert cells.low.loc["a", "north"] == pytest.approx(-73.34, abs=0.01)
    assert cells.high.loc["a", "north"] == pytest.approx(73.34, abs=0.01)
