"""Visit scoring against hand-computed values: N/A, knock-outs, bands, reverse, conditions."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from journeymap.analytics.scoring import Answer, answer_points, score_visit
from journeymap.analytics.shopper_results import (
    aggregate,
    league_table,
    round_label,
    score_visits,
)
from journeymap.analytics.visit_form import missing_before_submit, progress
from journeymap.model.questionnaire import Question, Questionnaire


def yes_no(qid: str, points: float, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": qid, "type": "yes_no", "points": points, **extra}


QUESTIONNAIRE = Questionnaire.model_validate(
    {
        "id": "t",
        "name": "T",
        "journey": "shop",
        "sections": [
            {
                "id": "greet",
                "title": "Greeting",
                "touchpoint": "entrance",
                "questions": [
                    yes_no("a1", 2),
                    {
                        "id": "a2",
                        "text": "a2",
                        "type": "scale",
                        "points": 4,
                        "scale_min": 1,
                        "scale_max": 5,
                    },
                    yes_no("a3", 1, reverse=True),
                    yes_no("a4", 1, allow_na=True),
                ],
            },
            {
                "id": "till",
                "title": "Till",
                "touchpoint": "checkout",
                "weight": 2,
                "questions": [
                    {
                        "id": "b1",
                        "text": "b1",
                        "type": "timer",
                        "points": 3,
                        "bands": [
                            {"min": 0, "max": 60, "points": 3},
                            {"min": 60, "max": 180, "points": 1},
                            {"min": 180, "points": 0},
                        ],
                    },
                    {
                        "id": "b2",
                        "text": "b2",
                        "type": "choice",
                        "points": 2,
                        "options": [
                            {"label": "Yes", "points": 2},
                            {"label": "Partly", "points": 1},
                            {"label": "No", "points": 0},
                        ],
                    },
                    yes_no("b3", 1, show_if={"question": "a1", "equals": False}),
                    yes_no("b4", 3, critical=True),
                ],
            },
            {
                "id": "call",
                "title": "Call",
                "touchpoint": "call",
                "questions": [
                    yes_no("c1", 2, allow_na=True, comment_on_fail=True),
                    yes_no("c2", 2, allow_na=True, critical=True, critical_scope="visit"),
                    {"id": "c3", "text": "c3", "type": "text", "required": False},
                ],
            },
        ],
    }
)
NA = "n/a"
BEST: dict[str, Any] = {
    "a1": True,
    "a2": 5,
    "a3": False,
    "a4": True,
    "b1": 30,
    "b2": "Yes",
    "b4": True,
    "c1": True,
    "c2": True,
}


def answers(**changes: Any) -> dict[str, Answer]:
    given = BEST | changes
    return {
        qid: Answer(not_applicable=True) if value == NA else Answer(value=value)
        for qid, value in given.items()
        if value is not None
    }


# (case, answers, visit %, section % greet/till/call, knocked out, pooled earned/possible)
CASES: list[
    tuple[str, dict[str, Answer], float | None, tuple[Any, ...], bool, tuple[float, ...]]
] = [
    ("all best", answers(), 100.0, (100.0, 100.0, 100.0), False, (20, 20)),
    (
        # greet 2+3+0 of 7 (a4 N/A); till 1+1+3 of 8; call 0+2 of 4
        # visit (1·71.43 + 2·62.5 + 1·50) / 4
        "mixed with N/A and reverse",
        answers(a2=4, a3=True, a4=NA, b1=120, b2="Partly", c1=False),
        (500 / 7 + 2 * 62.5 + 50) / 4,
        (500 / 7, 62.5, 50.0),
        False,
        (12, 19),
    ),
    (
        # call entirely N/A: weights 1 and 2 rescaled; b1 = 180 is in the 60–180 band
        "a fully N/A section",
        answers(b1=180, b2="No", c1=NA, c2=NA),
        (100 + 2 * 50) / 3,
        (100.0, 50.0, None),
        False,
        (12, 16),
    ),
    (
        "critical failure fails the section",
        answers(b4=False),
        (100 + 0 + 100) / 4,
        (100.0, 0.0, 100.0),
        False,
        (12, 20),
    ),
    (
        "critical failure fails the visit",
        answers(c2=False),
        0.0,
        (100.0, 100.0, 50.0),
        True,
        (0, 20),
    ),
    (
        # a1 = no shows b3; greet 0+4+1+1 of 8, till 3+2+1+3 of 9
        "condition met adds the question",
        answers(a1=False, b3=True),
        (75 + 2 * 100 + 100) / 4,
        (75.0, 100.0, 100.0),
        False,
        (19, 21),
    ),
    (
        "answer to a hidden question is ignored",
        answers(b3=False),
        100.0,
        (100.0, 100.0, 100.0),
        False,
        (20, 20),
    ),
    (
        "band beyond the last boundary earns nothing",
        answers(b1=181),
        (100 + 2 * 500 / 8 + 100) / 4,
        (100.0, 62.5, 100.0),
        False,
        (17, 20),
    ),
    (
        "unanswered optional questions and N/A everywhere",
        {"a4": Answer(not_applicable=True)},
        None,
        (None, None, None),
        False,
        (0, 0),
    ),
]


@pytest.mark.parametrize(
    ("given", "visit_pct", "section_pcts", "knocked_out", "pooled"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_visit_score(
    given: dict[str, Answer],
    visit_pct: float | None,
    section_pcts: tuple[Any, ...],
    knocked_out: bool,
    pooled: tuple[float, float],
) -> None:
    score = score_visit(QUESTIONNAIRE, given)
    assert score.pct == (None if visit_pct is None else pytest.approx(visit_pct))
    assert [s.pct for s in score.sections] == [
        None if p is None else pytest.approx(p) for p in section_pcts
    ]
    assert score.knocked_out is knocked_out
    assert (score.earned, score.possible) == pooled


def question(**fields: Any) -> Question:
    return Question.model_validate({"id": "q", "text": "q"} | fields)


SCALE = {"type": "scale", "points": 4, "scale_min": 1, "scale_max": 5}
TIMER = {
    "type": "timer",
    "points": 3,
    "bands": [
        {"min": 0, "max": 60, "points": 3},
        {"min": 60, "max": 180, "points": 1},
        {"min": 180, "points": 0},
    ],
}
POINTS_CASES = [
    ({"type": "yes_no", "points": 2}, True, 2),
    ({"type": "yes_no", "points": 2}, False, 0),
    ({"type": "yes_no", "points": 2, "reverse": True}, True, 0),
    ({"type": "yes_no", "points": 2, "reverse": True}, False, 2),
    ({"type": "yes_no", "points": 2}, "yes", None),
    (SCALE, 1, 0),
    (SCALE, 3, 2),
    (SCALE, 5, 4),
    (SCALE | {"reverse": True}, 1, 4),
    (SCALE | {"reverse": True}, 2, 3),
    (SCALE, 6, None),
    (TIMER, 0, 3),
    (TIMER, 60, 3),
    (TIMER, 60.5, 1),
    (TIMER, 180, 1),
    (TIMER, 181, 0),
    (TIMER, 10_000, 0),
    (TIMER, -1, None),
    (TIMER, True, None),
    (
        {"type": "choice", "points": 2, "options": [{"label": "A", "points": 2}]},
        "A",
        2,
    ),
    ({"type": "choice", "points": 2, "options": [{"label": "A", "points": 2}]}, "B", None),
]


@pytest.mark.parametrize(("fields", "value", "expected"), POINTS_CASES)
def test_answer_points(fields: dict[str, Any], value: Any, expected: float | None) -> None:
    assert answer_points(question(**fields), value) == expected


def test_missing_answers_and_comments_are_listed_in_form_order() -> None:
    given = answers(a2=None, c1=False)
    missing = missing_before_submit(QUESTIONNAIRE, given, competitor=False)
    assert [(m.section_index, m.question_id, m.reason) for m in missing] == [
        (0, "a2", "answer"),
        (2, "c1", "comment"),
    ]
    given["c1"] = Answer(value=False, comment="Nobody answered")
    given["a2"] = Answer(value=3)
    assert missing_before_submit(QUESTIONNAIRE, given, competitor=False) == []
    assert progress(QUESTIONNAIRE, given, competitor=False) == (9, 10)


def visits_frame(rows: list[tuple[int, str, bool, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": vid,
                "location_id": loc,
                "location_name": loc.title(),
                "region": "North",
                "competitor": competitor,
                "shopper_id": "s1",
                "window_start": pd.Timestamp(day),
                "questionnaire_id": "t",
                "questionnaire_version": 1,
                "status": "approved",
            }
            for vid, loc, competitor, day in rows
        ]
    )


def answers_frame(by_visit: dict[int, dict[str, Answer]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "visit_id": vid,
                "question_id": qid,
                "value": a.value,
                "not_applicable": a.not_applicable,
                "comment": a.comment,
            }
            for vid, given in by_visit.items()
            for qid, a in given.items()
        ]
    )


def test_location_scores_mean_and_pooled_with_ranks() -> None:
    visits = visits_frame(
        [
            (1, "oslo", False, "2026-01-10"),
            (2, "oslo", False, "2026-01-12"),
            (3, "oslo", False, "2026-04-02"),
            (4, "bergen", False, "2026-01-10"),
            (5, "rival", True, "2026-01-10"),
        ]
    )
    given = {
        1: answers(),  # 100 %, 20/20
        2: answers(b1=180, b2="No", c1=NA, c2=NA),  # 66.67 %, 12/16
        3: answers(c2=False),  # 0 %, 0/20 (visit knock-out)
        4: answers(b4=False),  # 50 %, 12/20
        5: answers(),
    }
    tables = score_visits({("t", 1): QUESTIONNAIRE}, visits, answers_frame(given), ("approved",))
    mean = league_table(tables.visits, "mean").set_index("location_id")
    assert mean.loc["oslo", "score_pct"] == pytest.approx(round((100 + 200 / 3 + 0) / 3, 1))
    assert mean.loc["oslo", "n_visits"] == 3
    assert mean.loc["oslo", "rank"] == 1
    assert pd.isna(mean.loc["bergen", "rank"])  # one visit: shown, not ranked
    assert pd.isna(mean.loc["rival", "rank"])  # competitors are compared, not ranked
    pooled = aggregate(tables.visits, ["location_id"], "pooled").set_index("location_id")
    assert pooled.loc["oslo", "score_pct"] == pytest.approx(round(100 * 32 / 56, 1))
    periods = aggregate(tables.visits, ["period"], "mean").set_index("period")
    assert periods.loc["2026-Q2", "n_visits"] == 1
    assert round_label("2026-11-20") == "2026-Q4"
    touchpoints = aggregate(tables.touchpoints, ["touchpoint"], "mean").set_index("touchpoint")
    # the call section of visit 2 is N/A: it does not count in the touchpoint's n
    assert touchpoints.loc["call", "n_visits"] == 4
    assert touchpoints.loc["checkout", "score_pct"] == pytest.approx(
        round((100 + 50 + 100 + 0 + 100) / 5, 1)
    )


def test_scores_carry_a_95_percent_interval() -> None:
    # Three visits of 50, 70 and 90 %: mean 70, sd 20, t(2) = 4.303, half-width
    # 4.303 × 20 / √3 = 49.7, cut at 100 %. Pooled 28 of 40 points = 70 %: residuals
    # −2, 0, 2 give SE √(8 / (3 × 2)) / (40 / 3) = 8.66 points, half-width 37.3.
    frame = pd.DataFrame(
        {
            "visit_id": [1, 2, 3, 4],
            "location_id": ["a", "a", "a", "b"],
            "pct": [50.0, 70.0, 90.0, 80.0],
            "earned": [5.0, 14.0, 9.0, 8.0],
            "possible": [10.0, 20.0, 10.0, 10.0],
        }
    )
    mean = aggregate(frame, ["location_id"], "mean").set_index("location_id")
    assert (mean.loc["a", "ci_low"], mean.loc["a", "ci_high"]) == (20.3, 100.0)
    pooled = aggregate(frame, ["location_id"], "pooled").set_index("location_id")
    assert (pooled.loc["a", "score_pct"], pooled.loc["a", "ci_low"]) == (70.0, 32.7)
    assert pooled.loc["a", "ci_high"] == 100.0
    # One visit says nothing about the spread: no interval, not a zero-width one.
    assert pd.isna(mean.loc["b", "ci_low"])
    assert pd.isna(pooled.loc["b", "ci_high"])


def test_only_the_chosen_statuses_are_scored() -> None:
    visits = visits_frame([(1, "oslo", False, "2026-01-10"), (2, "oslo", False, "2026-01-10")])
    visits.loc[1, "status"] = "submitted"
    tables = score_visits(
        {("t", 1): QUESTIONNAIRE},
        visits,
        answers_frame({1: answers(), 2: answers()}),
        ("approved",),
    )
    assert list(tables.visits["visit_id"]) == [1]
