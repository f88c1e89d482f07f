"""Walk notes are stored at once, with author and time, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from journeymap.io.journey_files import read_journey_file
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.walk_notes import add_note, delete_note, list_notes
from tests.conftest import EXAMPLE_JOURNEY_FILES


def test_notes_round_trip(database_url: str) -> None:
    engine = open_database(database_url)
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    JourneyRepository(engine).save(journey, author="anna", base_revision=None)
    first, second = journey.touchpoints[0].id, journey.touchpoints[1].id
    a = add_note(engine, journey.id, first, "pain point", "  Kø ved skranken  ", "anna")
    add_note(engine, journey.id, second, "idea", "<b>SMS</b> when it is your turn", "bo")
    notes = list_notes(engine, journey.id)
    assert [(n.touchpoint_id, n.kind, n.text, n.author) for n in notes] == [
        (first, "pain point", "Kø ved skranken", "anna"),
        (second, "idea", "<b>SMS</b> when it is your turn", "bo"),
    ]
    assert notes[0].created_at.tzinfo is not None
    assert [n.text for n in list_notes(engine, journey.id, second)] == [
        "<b>SMS</b> when it is your turn"
    ]
    assert delete_note(engine, a.id)
    assert len(list_notes(engine, journey.id)) == 1


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("idea", "   ", "the note is empty"),
        ("rant", "x", "'rant' is not a kind of note"),
        ("idea", "x" * 2001, "longer than 2000 characters"),
    ],
)
def test_bad_notes_are_refused_with_a_sentence(
    sqlite_url: str, kind: str, text: str, message: str
) -> None:
    engine = open_database(sqlite_url)
    with pytest.raises(ValueError, match=message):
        add_note(engine, "any", "tp", kind, text, "anna")


def test_evidence_revision_changes_with_new_evidence(sqlite_url: str) -> None:
    from datetime import UTC, datetime

    from journeymap.store.data_revision import evidence_revision
    from journeymap.store.evidence import insert_responses

    engine = open_database(sqlite_url)
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    JourneyRepository(engine).save(journey, author="anna", base_revision=None)
    before = evidence_revision(engine, journey.id)
    assert evidence_revision(engine, journey.id) == before
    insert_responses(
        engine,
        [
            {
                "journey_id": journey.id,
                "dedup_key": "r1",
                "touchpoint_id": journey.touchpoints[0].id,
                "responded_at": datetime(2026, 9, 1, tzinfo=UTC),
                "score": 9,
            }
        ],
        actor="anna",
    )
    assert evidence_revision(engine, journey.id) != before
