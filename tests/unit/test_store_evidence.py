"""Evidence and programme repositories on SQLite and PostgreSQL: idempotent bulk inserts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine

from journeymap.model import Journey
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.engine import open_database
from journeymap.store.evidence import (
    count_evidence,
    insert_metric_points,
    insert_responses,
    read_daily_metric_means,
    read_metric_points,
    read_responses,
)
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import (
    QuestionnaireVersionChanged,
    insert_answers,
    insert_locations,
    insert_shoppers,
    insert_visits,
    read_answers,
    read_questionnaires,
    read_visits,
    save_questionnaire,
)


def journey(journey_id: str) -> Journey:
    return Journey.model_validate(
        {
            "id": journey_id,
            "name": journey_id.title(),
            "stages": [{"id": "buy", "name": "Buy"}],
            "touchpoints": [{"id": "till", "name": "Till", "stage": "buy", "channel": "branch"}],
        }
    )


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = open_database(database_url)
    for journey_id in ("shop", "bank"):
        JourneyRepository(engine).save(journey(journey_id), author="test", base_revision=None)
    return engine


def response(key: str, at: datetime, score: int, journey_id: str = "shop") -> dict[str, object]:
    return {
        "journey_id": journey_id,
        "dedup_key": key,
        "touchpoint_id": "till",
        "responded_at": at,
        "score": score,
    }


def test_responses_are_inserted_once_per_journey_and_key(engine: Engine) -> None:
    first = [response(f"r{i}", datetime(2026, 3, i + 1, 12, tzinfo=UTC), i) for i in range(3)]
    assert insert_responses(engine, first, actor="test") == 3
    overlapping = [*first[1:], response("r3", datetime(2026, 3, 9, tzinfo=UTC), 10)]
    assert insert_responses(engine, overlapping, actor="test") == 1
    # The same key in another journey is another response.
    other = [response("r0", datetime(2026, 3, 1, tzinfo=UTC), 7, "bank")]
    assert insert_responses(engine, other, actor="test") == 1
    shop = read_responses(engine, "shop")
    assert list(shop["dedup_key"]) == ["r0", "r1", "r2", "r3"]
    assert list(shop["score"]) == [0, 1, 2, 10]
    assert list(shop["comment"]) == ["", "", "", ""]
    assert count_evidence(engine, "shop") == {"responses": 4, "metric_points": 0}


def test_response_date_range_is_inclusive_in_utc(engine: Engine) -> None:
    moments = [
        datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC),
        datetime(2026, 3, 2, 0, 0, tzinfo=UTC),
        datetime(2026, 3, 3, 23, 59, tzinfo=UTC),
        datetime(2026, 3, 4, 0, 0, tzinfo=UTC),
    ]
    insert_responses(
        engine, [response(f"k{i}", at, 9) for i, at in enumerate(moments)], actor="test"
    )
    inside = read_responses(engine, "shop", start=date(2026, 3, 2), end=date(2026, 3, 3))
    assert list(inside["dedup_key"]) == ["k1", "k2"]
    assert [t.to_pydatetime() for t in inside["responded_at"]] == moments[1:3]
    assert len(read_responses(engine, "shop", start=date(2026, 3, 4))) == 1
    assert len(read_responses(engine, "shop", end=date(2026, 3, 1))) == 1


def test_responses_of_some_touchpoints(engine: Engine) -> None:
    moment = datetime(2026, 3, 2, tzinfo=UTC)
    rows = [response(f"t{i}", moment, 9) | {"touchpoint_id": tp} for i, tp in enumerate("abca")]
    insert_responses(engine, rows, actor="test")
    picked = read_responses(engine, "shop", touchpoints=["a", "c"])
    assert sorted(picked["dedup_key"]) == ["t0", "t2", "t3"]
    assert read_responses(engine, "shop", touchpoints=[]).empty


def test_metric_points_are_unique_per_day_and_location(engine: Engine) -> None:
    frame = pd.DataFrame(
        {
            "journey_id": "shop",
            "touchpoint_id": "till",
            "metric": ["wait", "wait", "wait", "calls"],
            "observed_on": [date(2026, 1, 5), date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 5)],
            "value": [4.5, 6.25, 3.0, 120.0],
            "location": ["oslo", "bergen", "oslo", ""],
            "n": [10, 12, 9, 1],
        }
    )
    assert insert_metric_points(engine, frame, actor="test") == 4
    assert insert_metric_points(engine, frame, actor="test") == 0
    waits = read_metric_points(engine, "shop", metric="wait")
    assert list(
        zip(waits["location"], waits["observed_on"].dt.date, waits["value"], strict=True)
    ) == [
        ("bergen", date(2026, 1, 5), 6.25),
        ("oslo", date(2026, 1, 5), 4.5),
        ("oslo", date(2026, 1, 6), 3.0),
    ]
    assert len(read_metric_points(engine, "shop", start=date(2026, 1, 6))) == 1
    # A day is one observation however many places measured it: (4.5 + 6.25) / 2.
    daily = read_daily_metric_means(engine, "shop")
    assert [
        tuple(row)
        for row in daily.assign(day=daily["observed_on"].dt.date)[
            ["metric", "day", "value", "n"]
        ].itertuples(index=False)
    ] == [
        ("calls", date(2026, 1, 5), 120.0, 1),
        ("wait", date(2026, 1, 5), 5.375, 2),
        ("wait", date(2026, 1, 6), 3.0, 1),
    ]
    in_oslo = read_daily_metric_means(engine, "shop", end=date(2026, 1, 5), location="oslo")
    assert list(zip(in_oslo["metric"], in_oslo["value"], strict=True)) == [("wait", 4.5)]


def questionnaire(version: int = 1, text: str = "Greeted?") -> Questionnaire:
    return Questionnaire.model_validate(
        {
            "id": "shop-visit",
            "name": "Shop visit",
            "journey": "shop",
            "version": version,
            "sections": [
                {
                    "id": "s",
                    "title": "Till",
                    "touchpoint": "till",
                    "questions": [
                        {"id": "greeted", "text": text, "type": "yes_no", "points": 1},
                        {"id": "wait", "text": "Wait", "type": "timer", "points": 2},
                    ],
                }
            ],
        }
    )


def test_questionnaire_versions_are_immutable(engine: Engine) -> None:
    assert save_questionnaire(engine, questionnaire(), actor="fixture") == 1
    assert save_questionnaire(engine, questionnaire(), actor="fixture") == 0
    with pytest.raises(QuestionnaireVersionChanged, match="raise its version to 2"):
        save_questionnaire(engine, questionnaire(text="Greeted at once?"), actor="fixture")
    assert save_questionnaire(engine, questionnaire(2, "Greeted at once?"), actor="fixture") == 1
    assert read_questionnaires(engine, "shop") == [questionnaire(2, "Greeted at once?")]
    assert read_questionnaires(engine, "bank") == []


def test_visits_and_answers_are_stored_once_by_external_key(engine: Engine) -> None:
    save_questionnaire(engine, questionnaire(), actor="fixture")
    assert (
        insert_locations(
            engine,
            [{"id": "oslo", "name": "Oslo", "region": "Øst", "competitor": False}],
            actor="fixture",
        )
        == 1
    )
    assert insert_shoppers(engine, [{"id": "ann", "name": "Ann"}], actor="fixture") == 1
    visited = datetime(2026, 2, 3, 10, 30, tzinfo=UTC)
    visits = [
        {
            "external_key": key,
            "questionnaire_id": "shop-visit",
            "questionnaire_version": 1,
            "location_id": "oslo",
            "shopper_id": "ann",
            "window_start": date(2026, 2, 1),
            "window_end": date(2026, 2, 28),
            "status": status,
            "visited_at": at,
        }
        for key, status, at in (("v1", "submitted", visited), ("v2", "assigned", None))
    ]
    assert insert_visits(engine, visits, actor="fixture") == 2
    assert insert_visits(engine, visits, actor="fixture") == 0
    answers = [
        {"visit_key": "v1", "question_id": "greeted", "value": True, "saved_at": visited},
        {
            "visit_key": "v1",
            "question_id": "wait",
            "value": 240,
            "comment": "slow",
            "saved_at": visited,
        },
    ]
    assert insert_answers(engine, answers, actor="fixture") == 2
    assert insert_answers(engine, answers, actor="fixture") == 0
    with pytest.raises(KeyError, match="v9"):
        insert_answers(
            engine,
            [{"visit_key": "v9", "question_id": "wait", "saved_at": visited}],
            actor="fixture",
        )

    stored = read_visits(engine, "shop")
    assert list(stored["external_key"]) == ["v1", "v2"]
    assert list(stored["location_name"]) == ["Oslo", "Oslo"]
    assert stored["visited_at"].iloc[0].to_pydatetime() == visited
    assert pd.isna(stored["visited_at"].iloc[1])
    given = read_answers(engine, "shop")
    assert list(zip(given["question_id"], given["value"], given["comment"], strict=True)) == [
        ("greeted", True, ""),
        ("wait", 240, "slow"),
    ]
    assert read_visits(engine, "bank").empty
