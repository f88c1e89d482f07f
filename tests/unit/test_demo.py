"""The demo workspace: idempotent, deterministic, and telling the story it claims."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from journeymap.analytics.actions import goal_progress
from journeymap.analytics.periods import parse_period
from journeymap.demo import (
    IMPROVING_TOUCHPOINT,
    METRIC_TOUCHPOINTS,
    SAND_TOUCHPOINTS,
    WORSENING_TOUCHPOINT,
    DemoData,
    generate_demo,
    load_demo,
)
from journeymap.demo.actions import DONE_THIS_YEAR
from journeymap.demo.comments import GENERAL
from journeymap.demo.load import read_demo_journeys
from journeymap.demo.story import IMPROVEMENT_STARTS, story_for
from journeymap.model import Journey
from journeymap.services.actions import action_effects
from journeymap.services.sand import evidence_filter, sand_report
from journeymap.store.actions import list_actions
from journeymap.store.cases import read_cases
from journeymap.store.engine import open_database
from journeymap.store.evidence import read_metric_points, read_responses
from journeymap.store.programme import read_answers, read_questionnaires, read_visits
from journeymap.store.tables import Base
from tests.conftest import JOURNEYS_DIR

TODAY = date(2026, 11, 20)
DEMO_ACTOR = "anna (command line)"
STORY_JOURNEYS = sorted(SAND_TOUCHPOINTS)


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
        }


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """One demo database shared by the story tests: loading takes a couple of seconds."""
    path = tmp_path_factory.mktemp("demo") / "t.db"
    engine = open_database(f"sqlite:///{path}")
    load_demo(engine, JOURNEYS_DIR, actor=DEMO_ACTOR, seed=2026, today=TODAY)
    return engine


@pytest.fixture(scope="module")
def journeys() -> dict[str, Journey]:
    return {j.id: j for j in read_demo_journeys(JOURNEYS_DIR)}


def nps(scores: pd.Series) -> float:
    return 100.0 * ((scores >= 9).mean() - (scores <= 6).mean())


def test_nps_helper_matches_hand_computed_values() -> None:
    # 2 promoters, 1 passive, 1 detractor of 4: 50 % − 25 % = 25.
    assert nps(pd.Series([10, 9, 7, 3])) == 25.0
    assert nps(pd.Series([6, 6, 8])) == pytest.approx(-200 / 3)


def test_the_story_names_touchpoints_and_metrics_of_the_example_journeys(
    journeys: dict[str, Journey],
) -> None:
    assert sorted(journeys) == STORY_JOURNEYS
    for journey_id, journey in journeys.items():
        ids = {t.id for t in journey.touchpoints}
        named = {*SAND_TOUCHPOINTS[journey_id], IMPROVING_TOUCHPOINT[journey_id]}
        assert named | {WORSENING_TOUCHPOINT[journey_id]} <= ids
        assert {m.id for m in journey.metrics} == set(METRIC_TOUCHPOINTS[journey_id])
        # The file's journey gets the chosen story, not the fallback for unknown journeys.
        assert story_for(journey).sand == tuple(SAND_TOUCHPOINTS[journey_id])
        for touchpoint in SAND_TOUCHPOINTS[journey_id]:
            measured = [m for m, tps in METRIC_TOUCHPOINTS[journey_id].items() if touchpoint in tps]
            assert measured, f"{journey_id}/{touchpoint} has no metric to show its friction"


def test_loading_twice_inserts_nothing_the_second_time(database_url: str) -> None:
    engine = open_database(database_url)
    first = load_demo(engine, JOURNEYS_DIR, actor=DEMO_ACTOR, seed=7, today=TODAY)
    counts = table_counts(engine)
    assert first.journeys == 3
    assert first.responses == counts["responses"] == 3 * 4000
    assert first.metric_points == counts["metric_points"] > 0
    assert first.visits == counts["visits"]
    assert first.answers == counts["answers"]
    assert first.questionnaires == counts["questionnaires"] == 3
    assert first.actions == counts["improvement_actions"] == 3 * (3 + DONE_THIS_YEAR)
    second = load_demo(engine, JOURNEYS_DIR, actor=DEMO_ACTOR, seed=7, today=TODAY)
    assert second.total() == 0
    assert table_counts(engine) == counts
    # A later day would plan other actions; the ones there are left as they are.
    later = load_demo(
        engine, JOURNEYS_DIR, actor=DEMO_ACTOR, seed=7, today=TODAY + timedelta(days=40)
    )
    assert later.actions == 0


def test_the_same_seed_and_day_give_the_same_data(journeys: dict[str, Journey]) -> None:
    listed = list(journeys.values())
    one, two = generate_demo(listed, 11, TODAY), generate_demo(listed, 11, TODAY)
    for name in ("responses", "metric_points", "visits", "answers", "locations", "shoppers"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    other = generate_demo(listed, 12, TODAY)
    assert not one.responses["score"].equals(other.responses["score"])
    # Keys do not depend on the seed: a re-run with another seed adds no duplicates.
    assert list(one.responses["dedup_key"].sort_values()) == list(
        other.responses["dedup_key"].sort_values()
    )


@pytest.fixture(scope="module")
def data(journeys: dict[str, Journey]) -> DemoData:
    return generate_demo(list(journeys.values()), 2026, TODAY)


def test_evidence_has_the_promised_shape(data: DemoData) -> None:
    responses = data.responses
    assert responses["responded_at"].max().date() == TODAY - timedelta(days=1)
    assert responses["responded_at"].min().date() >= TODAY - timedelta(days=731)
    for journey_id, group in responses.groupby("journey_id"):
        assert 3000 <= len(group) <= 5000
        assert 0.15 <= (group["contact"] != "").mean() <= 0.25
        assert group["score"].between(0, 10).all()
        visits = data.visits[data.visits["external_key"].str.startswith(f"demo-{journey_id}-")]
        assert 60 <= len(visits) <= 150
        statuses = visits["status"].value_counts()
        assert statuses["approved"] > len(visits) / 2
        assert {"submitted", "returned", "assigned"} <= set(statuses.index)
    bank = set(responses.loc[responses["journey_id"] == "bank-advisory", "comment"])
    english = {c for pool in GENERAL["en"].values() for c in pool}
    norwegian = {c for pool in GENERAL["no"].values() for c in pool}
    assert not bank & english
    assert any("ø" in c or "æ" in c or "å" in c for c in bank)
    telecom = set(responses.loc[responses["journey_id"] == "telecom-support", "comment"])
    assert telecom & norwegian


@pytest.mark.parametrize("journey_id", STORY_JOURNEYS)
def test_sand_touchpoints_have_clearly_lower_nps(loaded: Engine, journey_id: str) -> None:
    responses = read_responses(loaded, journey_id)
    transactional = responses[responses["survey_kind"] == "transactional"]
    journey_nps = nps(transactional["score"])
    for touchpoint in SAND_TOUCHPOINTS[journey_id]:
        scores = transactional.loc[transactional["touchpoint_id"] == touchpoint, "score"]
        assert len(scores) >= 150, f"{touchpoint}: too few responses to tell a story"
        assert nps(scores) < journey_nps - 30, touchpoint
        assert (scores <= 6).mean() > 0.45, f"{touchpoint}: most answers should be detractors"


@pytest.mark.parametrize("journey_id", STORY_JOURNEYS)
def test_sand_metrics_miss_their_targets(
    loaded: Engine, journeys: dict[str, Journey], journey_id: str
) -> None:
    journey = journeys[journey_id]
    points = read_metric_points(loaded, journey_id)
    recent = points[points["observed_on"] >= pd.Timestamp(TODAY - timedelta(days=90))]
    for touchpoint in SAND_TOUCHPOINTS[journey_id]:
        at = recent[recent["touchpoint_id"] == touchpoint]
        assert not at.empty, touchpoint
        for metric in journey.metrics:
            values = at.loc[at["metric"] == metric.id, "value"]
            if values.empty or metric.target is None:
                continue
            miss = values.mean() / metric.target
            assert miss > 1.3 if metric.direction == "lower" else miss < 0.8, (
                touchpoint,
                metric.id,
            )
        # A touchpoint with its own waiting target waits longer than that, in minutes.
        max_wait = journey.touchpoint(touchpoint).targets.max_wait_minutes
        waits = [m.id for m in journey.metrics if m.unit == "min" and "wait" in m.id]
        minutes = at.loc[at["metric"].isin(waits), "value"]
        if max_wait is not None:
            assert not minutes.empty, f"{touchpoint} has a waiting target but no waiting time"
            assert minutes.mean() > max_wait, touchpoint


@pytest.mark.parametrize("journey_id", STORY_JOURNEYS)
def test_one_touchpoint_improves_and_one_worsens(loaded: Engine, journey_id: str) -> None:
    responses = read_responses(loaded, journey_id)
    last_quarter = responses["responded_at"] >= pd.Timestamp(TODAY - timedelta(days=90), tz="UTC")
    before = responses["responded_at"] < pd.Timestamp(TODAY - timedelta(days=180), tz="UTC")
    for touchpoint, sign in (
        (IMPROVING_TOUCHPOINT[journey_id], 1),
        (WORSENING_TOUCHPOINT[journey_id], -1),
    ):
        here = responses["touchpoint_id"] == touchpoint
        change = nps(responses.loc[here & last_quarter, "score"]) - nps(
            responses.loc[here & before, "score"]
        )
        assert sign * change > 30, (touchpoint, change)


@pytest.mark.parametrize("journey_id", STORY_JOURNEYS)
def test_shoppers_fail_checks_at_the_sand(loaded: Engine, journey_id: str) -> None:
    (questionnaire,) = read_questionnaires(loaded, journey_id)
    answers = read_answers(loaded, journey_id)
    visits = read_visits(loaded, journey_id)
    own = answers[answers["location_id"].isin(visits.loc[~visits["competitor"], "location_id"])]
    rows = []
    for section in questionnaire.sections:
        for question in section.questions:
            if question.type != "yes_no":
                continue
            given = own[(own["question_id"] == question.id) & ~own["not_applicable"]]["value"]
            passed = given != question.reverse
            rows.append((section.touchpoint, passed.sum(), len(passed)))
    by_touchpoint = (
        pd.DataFrame(rows, columns=["touchpoint", "passed", "n"]).groupby("touchpoint").sum()
    )
    rate = by_touchpoint["passed"] / by_touchpoint["n"]
    sand = [t for t in SAND_TOUCHPOINTS[journey_id] if t in rate.index]
    assert sand, "the questionnaire checks none of the sand touchpoints"
    others = [
        t
        for t in rate.index
        if t not in sand
        and t not in (IMPROVING_TOUCHPOINT[journey_id], WORSENING_TOUCHPOINT[journey_id])
    ]
    assert rate[sand].max() < 0.6
    assert rate[others].min() > 0.75


def test_visits_answer_every_shown_question(loaded: Engine) -> None:
    for journey_id in STORY_JOURNEYS:
        (questionnaire,) = read_questionnaires(loaded, journey_id)
        visits = read_visits(loaded, journey_id)
        answers = read_answers(loaded, journey_id)
        conditional = {q.id for q in questionnaire.questions() if q.show_if is not None}
        always = {q.id for q in questionnaire.questions()} - conditional
        answered = answers.groupby("external_key")["question_id"].agg(set)
        made = visits.loc[visits["status"] != "assigned", "external_key"]
        assert set(answered.index) == set(made)
        for key in made:
            assert always <= answered[key] <= always | conditional, key
        assert np.all(visits.loc[visits["status"] == "assigned", "visited_at"].isna())


def test_levels_follow_the_story_timing() -> None:
    from journeymap.demo.story import badness, nps_level

    days = np.array([0, 90, 120, 150, 400])
    # Improving from min(−20, 55 − 40) = −20 to max(55, 45) = 55, a ramp over days 150…90:
    # at day 120 halfway, −20 + 0.5 · 75 = 17.5.
    assert list(nps_level("improving", 55.0, days)) == [55.0, 55.0, 17.5, -20.0, -20.0]
    # Worsening by 60 points over days 120…30: at day 90 one third, 55 − 20 = 35.
    assert list(nps_level("worsening", 55.0, np.array([0, 90, 120]))) == [-5.0, 35.0, 55.0]
    assert list(nps_level("sand", 55.0, np.array([0, 400]))) == [-30.0, -30.0]
    assert list(badness("decent", np.array([0]))) == [-0.2]


def test_another_journey_gets_a_plausible_story(journeys: dict[str, Journey]) -> None:
    other = journeys["bank-advisory"].model_copy(update={"id": "other-bank"})
    story = story_for(other)
    # Non-end touchpoints that feel −1, most pain points first, then by id: the three
    # with three pain points each are book-telefon, opfoelgning-raadgiver, venter-filial.
    assert story.sand == ("book-telefon", "opfoelgning-raadgiver")
    assert story.metric_touchpoints["phone_wait_minutes"] == ("book-telefon",)
    data = generate_demo([other], 1, TODAY)
    assert len(data.responses) == 4000
    assert data.visits.empty  # no questionnaire for it


@pytest.mark.parametrize("journey_id", STORY_JOURNEYS)
def test_the_improvement_was_done_five_months_ago_and_worked(
    loaded: Engine, journeys: dict[str, Journey], journey_id: str
) -> None:
    actions = list_actions(loaded, journey_id)
    statuses = pd.Series([a.status for a in actions]).value_counts().to_dict()
    assert statuses == {"done": 1 + DONE_THIS_YEAR, "in_progress": 1, "idea": 1}
    (improvement,) = [a for a in actions if IMPROVING_TOUCHPOINT[journey_id] in a.touchpoints]
    assert improvement.status == "done"
    assert improvement.done_on == TODAY - timedelta(days=IMPROVEMENT_STARTS)
    effects = action_effects(loaded, journeys[journey_id], actions, today=TODAY)
    effect = effects[improvement.id]
    assert effect.verdict == "improved", effect.reason
    assert effect.windows.after_complete
    # Every measure shows its n on both sides.
    assert all(m.n_before > 0 and m.n_after > 0 for m in effect.measures if m.outcome != "thin")


@pytest.mark.parametrize("journey_id", STORY_JOURNEYS)
def test_the_worst_sand_is_in_progress_and_a_root_cause_is_an_idea(
    loaded: Engine, journeys: dict[str, Journey], journey_id: str
) -> None:
    actions = list_actions(loaded, journey_id)
    (doing,) = [a for a in actions if a.status == "in_progress"]
    report = sand_report(loaded, journeys[journey_id], evidence_filter(today=TODAY))
    worst = report.items[0]
    assert worst.health == "sand"
    assert (doing.fields.source_kind, doing.fields.source_ref) == ("sand", worst.touchpoint)
    assert doing.touchpoints == (worst.touchpoint,)
    assert doing.fields.due_on is not None
    assert doing.fields.due_on > TODAY
    (idea,) = [a for a in actions if a.status == "idea"]
    assert idea.fields.source_kind == "case"
    cases = read_cases(loaded, journey_id).set_index("id")
    case = cases.loc[int(idea.fields.source_ref)]
    assert case["root_cause"] == idea.fields.source_text
    assert idea.title == f"Fix the cause: {case['root_cause']}"
    assert idea.touchpoints == (case["touchpoint_id"],)


def test_done_actions_this_year_count_towards_the_goal(loaded: Engine) -> None:
    for journey_id in STORY_JOURNEYS:
        actions = list_actions(loaded, journey_id)
        progress = goal_progress(actions, parse_period(str(TODAY.year)), 50)
        # The improvement (June) and the small changes, all since 1 January.
        assert progress.done_year_to_date == 1 + DONE_THIS_YEAR
        done = [a for a in actions if a.status == "done"]
        assert all(a.done_on is not None and a.done_on <= TODAY for a in done)
        assert len({a.done_on for a in done}) == len(done)  # spread over the year
        assert all(a.created_by == DEMO_ACTOR for a in actions)
