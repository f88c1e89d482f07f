"""score_visits (all visits at once) gives what score_visit gives visit by visit."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.analytics.scoring import Answer, VisitScore, score_visit
from journeymap.analytics.shopper_results import (
    VISIT_META,
    ScoreTables,
    Versions,
    round_label,
    score_visits,
)
from journeymap.model.questionnaire import Questionnaire
from tests.unit.test_scoring import yes_no

LEVELS = ("visits", "sections", "touchpoints", "dimensions", "questions")
NUMBERS = ("pct", "earned", "possible")
LABELS = ("Yes", "Partly", "No", "")
DIMENSIONS = ("professional_knowledge", "communication", "personal_service")
# What conditions wait for: True, 1 and 1.0 are not all alike to them.
condition_values = st.sampled_from([True, False, 0, 1, 1.0, 2, 60.0, *LABELS])
# Answers that hit the rules' edges: bools beside 0 and 1, band boundaries, labels,
# values out of range or of no use to a question, and what a tablet sends when empty.
values = st.one_of(
    condition_values,
    st.sampled_from([3, 5, 60, 60.5, 180, 181, None]),
    st.integers(-2, 400),
    st.floats(-10, 400) | st.sampled_from([float("nan"), -0.0, 1e4]),
    st.sampled_from(["yes", "1", [], ["a", 1], {"x": 1}]),
)


@st.composite
def bands(draw: st.DrawFn, points: float) -> list[dict[str, Any]]:
    edges = sorted(draw(st.sets(st.sampled_from([0, 30, 60, 120, 180, 300]), min_size=2)))
    out = [
        {"min": low, "max": high, "points": draw(st.sampled_from([0.0, points / 3, points]))}
        for low, high in zip(edges, edges[1:], strict=False)
    ]
    if draw(st.booleans()):
        out.append({"min": edges[-1], "points": 0.0})  # open-ended
    return draw(st.permutations(out))  # stored in any order: scoring sorts them


@st.composite
def questions(draw: st.DrawFn, qid: str, earlier: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["yes_no", "scale", "choice", "number", "timer", "text"]))
    points = 0.0 if kind == "text" else draw(st.sampled_from([0.0, 1.0, 2.5, 3.0]))
    question: dict[str, Any] = {
        "id": qid,
        "text": qid,
        "type": kind,
        "points": points,
        "reverse": draw(st.booleans()),
        "allow_na": draw(st.booleans()),
        "dimension": draw(st.none() | st.sampled_from(DIMENSIONS)),
    }
    if points > 0:
        question["critical"] = draw(st.booleans())
        question["critical_scope"] = draw(st.sampled_from([None, "section", "visit"]))
    if kind == "scale":
        low = draw(st.integers(0, 2))
        question |= {"scale_min": low, "scale_max": low + draw(st.integers(1, 6))}
    if kind == "choice":
        labels = draw(st.lists(st.sampled_from(LABELS[:3]), min_size=1, max_size=4))
        question["options"] = [
            {"label": label, "points": draw(st.sampled_from([0.0, points / 2, points]))}
            for label in labels
        ]
    if kind in ("number", "timer"):
        question["bands"] = draw(bands(points))
    targets = [*earlier, "later", qid]  # also conditions that can never be met
    if draw(st.booleans()):
        question["show_if"] = {
            "question": draw(st.sampled_from(targets)),
            "equals": draw(condition_values),
        }
    return question


@st.composite
def questionnaires(draw: st.DrawFn, qid: str, version: int) -> Questionnaire:
    sections = []
    asked: list[str] = []
    for s in range(draw(st.integers(1, 4))):
        items = []
        for _ in range(draw(st.integers(0, 6))):
            item = draw(questions(f"q{len(asked)}", asked))
            asked.append(item["id"])
            items.append(item)
        sections.append(
            {
                "id": f"s{s}",
                "title": f"Section {s}",
                "touchpoint": draw(st.sampled_from(["door", "desk", "call"])),
                "weight": draw(st.sampled_from([1.0, 2.0, 0.5])),
                "questions": items,
            }
        )
    return Questionnaire.model_validate(
        {
            "id": qid,
            "name": qid,
            "journey": "shop",
            "version": version,
            "critical_fails": draw(st.sampled_from(["section", "visit"])),
            "sections": sections,
        }
    )


@st.composite
def programmes(draw: st.DrawFn) -> tuple[Versions, pd.DataFrame, pd.DataFrame]:
    versions = {("a", 1): draw(questionnaires("a", 1)), ("a", 2): draw(questionnaires("a", 2))}
    keys = [*versions, ("gone", 1)]
    question_ids = [f"q{j}" for j in range(26)]  # also ids no questionnaire has
    visits, answers = [], []
    for visit_id in draw(st.lists(st.integers(1, 999), min_size=1, max_size=8, unique=True)):
        questionnaire_id, version = draw(st.sampled_from(keys))
        visits.append(
            {
                "id": visit_id,
                "location_id": draw(st.sampled_from(["oslo", "bergen"])),
                "location_name": "Somewhere",
                "region": "North",
                "competitor": draw(st.booleans()),
                "shopper_id": "s1",
                "window_start": pd.Timestamp(draw(st.sampled_from(["2026-01-10", "2026-05-02"]))),
                "questionnaire_id": questionnaire_id,
                "questionnaire_version": version,
                "status": draw(st.sampled_from(["approved", "approved", "submitted"])),
            }
        )
        answered = [q for q in question_ids if draw(st.integers(0, 3))]  # most questions
        again = draw(st.lists(st.sampled_from(question_ids), max_size=3))
        for question_id in answered + again:
            answers.append(
                {
                    "visit_id": visit_id,
                    "question_id": question_id,
                    "value": draw(values),
                    "not_applicable": draw(st.integers(0, 4)) == 0,
                    "comment": "",
                }
            )
    answers = draw(st.permutations(answers))  # repeated questions: the later row counts
    return versions, pd.DataFrame(visits), pd.DataFrame(answers)


def one_by_one(
    versions: Versions, visits: pd.DataFrame, answers: pd.DataFrame, statuses: tuple[str, ...]
) -> dict[str, pd.DataFrame]:
    """The tables built from score_visit, visit by visit: what score_visits must give."""
    given: dict[int, dict[str, Answer]] = {}
    for row in answers.itertuples(index=False):
        given.setdefault(int(row.visit_id), {})[str(row.question_id)] = Answer(
            value=row.value, not_applicable=bool(row.not_applicable)
        )
    rows: dict[str, list[dict[str, Any]]] = {level: [] for level in LEVELS}
    for visit in visits[visits["status"].isin(statuses)].itertuples(index=False):
        questionnaire = versions.get((visit.questionnaire_id, int(visit.questionnaire_version)))
        if questionnaire is not None:
            score = score_visit(questionnaire, given.get(int(visit.id), {}))
            for level, level_rows in visit_rows(questionnaire, score).items():
                rows[level] += [meta(visit) | row for row in level_rows]
    return {level: frame(level_rows) for level, level_rows in rows.items()}


def meta(visit: Any) -> dict[str, Any]:
    return {
        "visit_id": int(visit.id),
        "location_id": visit.location_id,
        "location_name": visit.location_name,
        "region": visit.region,
        "competitor": bool(visit.competitor),
        "shopper_id": visit.shopper_id,
        "period": round_label(visit.window_start),
        "questionnaire_id": visit.questionnaire_id,
        "questionnaire_version": int(visit.questionnaire_version),
        "wave": getattr(visit, "wave", ""),
        "status": visit.status,
    }


def visit_rows(questionnaire: Questionnaire, score: VisitScore) -> dict[str, list[dict[str, Any]]]:
    titles = {s.id: s.title for s in questionnaire.sections}
    pooled = {"earned": score.earned, "possible": score.possible}
    return {
        "visits": [{"pct": score.pct, **pooled, "knocked_out": score.knocked_out}],
        "sections": [
            {
                "section_id": s.section_id,
                "section_title": titles[s.section_id],
                "touchpoint": s.touchpoint,
                "pct": s.pct,
                "earned": s.earned,
                "possible": s.possible,
                "knocked_out": s.knocked_out,
            }
            for s in score.sections
        ],
        "touchpoints": [
            {
                "touchpoint": touchpoint,
                "pct": pct,
                "earned": sum(s.earned for s in score.sections if s.touchpoint == touchpoint),
                "possible": sum(s.possible for s in score.sections if s.touchpoint == touchpoint),
            }
            for touchpoint, pct in score.touchpoints.items()
        ],
        "dimensions": [
            {"dimension": name, "earned": e, "possible": p, "pct": 100.0 * e / p}
            for name, (e, p) in score.dimensions.items()
        ],
        "questions": [
            {
                "question_id": q.question_id,
                "section_id": q.section_id,
                "outcome": q.outcome,
                "earned": q.earned,
                "possible": q.possible,
                "failed": q.failed,
            }
            for q in score.questions
        ],
    }


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame(columns=[*VISIT_META, *NUMBERS])
    out = pd.DataFrame(rows)
    # A column of only None (no section has a %) or only int 0 (empty sections) is
    # an accident of building a frame from dicts; the columnar tables use floats.
    return out.astype({name: float for name in NUMBERS if name in out})


def assert_same(tables: ScoreTables, expected: dict[str, pd.DataFrame]) -> None:
    for level in LEVELS:
        pd.testing.assert_frame_equal(
            getattr(tables, level), expected[level], check_exact=True, obj=level
        )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_all_visits_at_once_score_as_one_by_one(
    programme: tuple[Versions, pd.DataFrame, pd.DataFrame],
) -> None:
    versions, visits, answers = programme
    statuses = ("approved",)
    expected = one_by_one(versions, visits, answers, statuses)
    assert_same(score_visits(versions, visits, answers, statuses), expected)


SMALL = Questionnaire.model_validate(
    {
        "id": "t",
        "name": "T",
        "journey": "shop",
        "sections": [
            {
                "id": "door",
                "title": "Door",
                "touchpoint": "door",
                "questions": [
                    yes_no("greeted", 2, dimension="communication"),
                    yes_no("smiled", 1, show_if={"question": "greeted", "equals": True}),
                    yes_no("thanked", 1, show_if={"question": "smiled", "equals": True}),
                ],
            },
            {
                "id": "desk",
                "title": "Desk",
                "touchpoint": "desk",
                "weight": 3,
                "questions": [
                    {
                        "id": "wait",
                        "text": "wait",
                        "type": "timer",
                        "points": 2,
                        "dimension": "personal_service",
                        "bands": [
                            {"min": 60, "points": 0},
                            {"min": 0, "max": 60, "points": 2},
                        ],
                    },
                    yes_no("asked_why", 1, show_if={"question": "wait", "equals": 30}),
                    yes_no("id_checked", 1, critical=True, critical_scope="visit"),
                    yes_no("jargon", 1, reverse=True, allow_na=True, dimension="communication"),
                ],
            },
        ],
    }
)


def small_visits(count: int, version: int = 1) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": visit_id,
                "location_id": "oslo",
                "location_name": "Oslo",
                "region": "North",
                "competitor": False,
                "shopper_id": "s1",
                "window_start": pd.Timestamp("2026-02-01"),
                "questionnaire_id": "t",
                "questionnaire_version": version,
                "status": "approved",
            }
            for visit_id in range(1, count + 1)
        ]
    )


def small_tables(*by_visit: dict[str, Any], na: tuple[str, ...] = ()) -> ScoreTables:
    visits = small_visits(len(by_visit))
    answers = pd.DataFrame(
        [
            {"visit_id": v, "question_id": q, "value": value, "not_applicable": q in na}
            for v, given_answers in enumerate(by_visit, start=1)
            for q, value in given_answers.items()
        ],
        columns=["visit_id", "question_id", "value", "not_applicable"],
    )
    tables = score_visits({("t", 1): SMALL}, visits, answers, ("approved",))
    assert_same(tables, one_by_one({("t", 1): SMALL}, visits, answers, ("approved",)))
    return tables


def outcomes(tables: ScoreTables) -> dict[str, str]:
    return dict(zip(tables.questions["question_id"], tables.questions["outcome"], strict=True))


def test_a_hidden_question_hides_the_questions_that_wait_for_it() -> None:
    # "smiled" is answered but hidden (greeted = no): "thanked" waits for a hidden answer.
    tables = small_tables({"greeted": False, "smiled": True, "thanked": True})
    assert outcomes(tables) == {
        "greeted": "scored",
        "smiled": "hidden",
        "thanked": "hidden",
        "wait": "unanswered",
        "asked_why": "hidden",
        "id_checked": "unanswered",
        "jargon": "unanswered",
    }
    assert tables.sections["pct"].tolist()[0] == 0.0
    assert pd.isna(tables.sections["pct"].tolist()[1])  # nothing answered: no %
    assert tables.visits["pct"].tolist() == [0.0]


def test_a_bool_is_not_a_number_and_a_shared_boundary_is_the_lower_band() -> None:
    tables = small_tables({"wait": True}, {"wait": 60}, {"wait": 60.5}, {"wait": "60"})
    wait = tables.questions[tables.questions["question_id"] == "wait"]
    assert wait["outcome"].tolist() == ["unanswered", "scored", "scored", "unanswered"]
    assert wait["earned"].tolist() == [0.0, 2.0, 0.0, 0.0]


def test_a_condition_on_yes_is_not_met_by_1_and_one_on_30_is_met_by_30_0() -> None:
    tables = small_tables(
        {"greeted": 1, "smiled": True, "wait": 30.0, "asked_why": True},
        {"greeted": True, "smiled": False, "wait": True, "asked_why": True},
    )
    shown = tables.questions[tables.questions["question_id"].isin(["smiled", "asked_why"])]
    assert shown[["visit_id", "question_id", "outcome"]].values.tolist() == [
        [1, "smiled", "hidden"],
        [1, "asked_why", "scored"],
        [2, "smiled", "scored"],
        [2, "asked_why", "hidden"],
    ]


def test_a_visit_knock_out_keeps_the_section_percentages() -> None:
    tables = small_tables(
        {
            "greeted": True,
            "smiled": True,
            "thanked": True,
            "wait": 10,
            "id_checked": False,
            "jargon": None,
        },
        na=("jargon",),
    )
    assert tables.visits[["pct", "earned", "knocked_out"]].values.tolist() == [[0.0, 0.0, True]]
    assert tables.sections["pct"].tolist() == [100.0, pytest.approx(200 / 3)]
    assert tables.questions.set_index("question_id").loc["jargon", "outcome"] == "not_applicable"


def test_dimensions_come_in_the_order_of_their_first_scored_question() -> None:
    # Without "greeted", communication's first scored question is "jargon", after "wait".
    tables = small_tables(
        {"greeted": True, "wait": 90, "jargon": False}, {"wait": 90, "jargon": True}
    )
    assert tables.dimensions[["visit_id", "dimension", "earned", "possible"]].values.tolist() == [
        [1, "communication", 3.0, 3.0],
        [1, "personal_service", 0.0, 2.0],
        [2, "personal_service", 0.0, 2.0],
        [2, "communication", 0.0, 1.0],
    ]


def test_no_scored_visits_give_empty_tables_with_the_visit_columns() -> None:
    visits = small_visits(1, version=7)  # a version that is not stored
    tables = score_visits({("t", 1): SMALL}, visits, pd.DataFrame(), ("approved",))
    for level in LEVELS:
        assert getattr(tables, level).empty
        assert list(getattr(tables, level).columns) == [*VISIT_META, *NUMBERS]
