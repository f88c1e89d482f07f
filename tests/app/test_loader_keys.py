"""The loaders' one key: what changes it, and what a cached loader reads through it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from journeymap.model import Journey
from journeymap.model.actions import ActionFields
from journeymap.store.actions import create_action
from journeymap.store.engine import open_database
from journeymap.store.evidence import insert_responses
from journeymap.store.journeys import JourneyRepository
from journeymap.ui.loaders.keys import (
    act_key,
    evidence_key,
    journey_key,
    journey_of,
    responses_key,
)


def _answers(journey: Journey, n: int) -> list[dict[str, object]]:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    touchpoint = journey.touchpoints[0].id
    return [
        {
            "journey_id": journey.id,
            "touchpoint_id": touchpoint,
            "dedup_key": f"k{i}",
            "responded_at": yesterday,
            "score": 9,
        }
        for i in range(n)
    ]


def test_a_save_is_a_new_key_and_an_old_key_still_reads_its_revision(
    example_workspace: list[Journey], empty_workspace: str
) -> None:
    journey = example_workspace[0]
    before = evidence_key(journey.id)
    assert before is not None
    assert (before.journey_id, before.revision) == (journey.id, 1)
    engine = open_database(empty_workspace)
    renamed = journey.model_copy(update={"name": "Renamed"})
    JourneyRepository(engine).save(renamed, author="fixture", base_revision=1)
    engine.dispose()
    after = evidence_key(journey.id)
    assert after is not None
    assert after.revision == 2
    assert after != before
    # A cached answer made from the old key is the old revision's, not a mix.
    assert journey_of(before).name == journey.name  # type: ignore[union-attr]
    assert journey_of(after).name == "Renamed"  # type: ignore[union-attr]
    assert journey_key(journey.id, 2) == after.journey_part()


def test_survey_answers_change_the_evidence_and_responses_keys(
    example_workspace: list[Journey], empty_workspace: str
) -> None:
    journey = example_workspace[0]
    keys = (evidence_key(journey.id), responses_key(journey.id), act_key(journey.id))
    engine = open_database(empty_workspace)
    insert_responses(engine, _answers(journey, 3), actor="fixture")
    engine.dispose()
    new = (evidence_key(journey.id), responses_key(journey.id), act_key(journey.id))
    assert [a != b for a, b in zip(keys, new, strict=True)] == [True, True, True]
    assert {k.revision for k in new if k} == {1}


def test_an_action_changes_only_the_act_key(
    example_workspace: list[Journey], empty_workspace: str
) -> None:
    journey = example_workspace[0]
    keys = (evidence_key(journey.id), responses_key(journey.id), act_key(journey.id))
    engine = open_database(empty_workspace)
    create_action(engine, journey.id, ActionFields("Shorter queue"), actor="fixture")
    engine.dispose()
    new = (evidence_key(journey.id), responses_key(journey.id), act_key(journey.id))
    assert [a != b for a, b in zip(keys, new, strict=True)] == [False, False, True]


def test_a_journey_that_is_gone_has_no_key(example_workspace: list[Journey]) -> None:
    assert evidence_key("no-such-journey") is None
    assert responses_key("no-such-journey") is None
    assert act_key("no-such-journey") is None
    assert journey_of(journey_key("no-such-journey", 1)) is None
