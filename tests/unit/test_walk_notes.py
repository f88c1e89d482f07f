"""Walk notes are stored at once, signed by who wrote them, on SQLite and PostgreSQL;
only those who may change the journey take them."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from journeymap.io.journey_files import read_journey_file
from journeymap.model import Journey
from journeymap.model.access import Role, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.walk_notes import add_walk_note, delete_walk_note, walk_notes_of
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.conftest import EXAMPLE_JOURNEY_FILES

ANNA = Viewer("anna", Role.LEADER)
BO = Viewer("bo", Role.ADMIN)


def stored_journey(engine: Engine) -> Journey:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    JourneyRepository(engine).save(journey, author="anna", base_revision=None)
    return journey


def test_notes_round_trip(database_url: str) -> None:
    engine = open_database(database_url)
    journey = stored_journey(engine)
    first, second = journey.touchpoints[0].id, journey.touchpoints[1].id
    a = add_walk_note(ANNA, engine, journey.id, first, "pain point", "  Kø ved skranken  ")
    add_walk_note(BO, engine, journey.id, second, "idea", "<b>SMS</b> when it is your turn")
    notes = walk_notes_of(engine, journey.id)
    assert [(n.touchpoint_id, n.kind, n.text, n.author) for n in notes] == [
        (first, "pain point", "Kø ved skranken", "anna"),
        (second, "idea", "<b>SMS</b> when it is your turn", "bo"),
    ]
    assert notes[0].created_at.tzinfo is not None
    assert [n.text for n in walk_notes_of(engine, journey.id, second)] == [
        "<b>SMS</b> when it is your turn"
    ]
    assert delete_walk_note(BO, engine, a.id)
    assert len(walk_notes_of(engine, journey.id)) == 1
    assert not delete_walk_note(BO, engine, a.id)
    log = [(e.actor, e.action, e.object_id) for e in read_audit(engine, object_kind="walk note")]
    assert log == [
        ("bo", "deleted", str(a.id)),
        ("bo", "created", str(a.id + 1)),
        ("anna", "created", str(a.id)),
    ]


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
        add_walk_note(ANNA, engine, "any", "tp", kind, text)


def test_a_note_about_a_step_the_journey_lacks_is_refused(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    journey = stored_journey(engine)
    with pytest.raises(ValueError, match="has no touchpoint 'nowhere'"):
        add_walk_note(ANNA, engine, journey.id, "nowhere", "idea", "x")
    with pytest.raises(ValueError, match="'gone' was deleted meanwhile"):
        add_walk_note(ANNA, engine, "gone", "tp", "idea", "x")
    assert walk_notes_of(engine, journey.id) == []


@pytest.mark.parametrize(
    "viewer",
    [
        Viewer("ane", Role.ANALYST),
        Viewer("mona", Role.LOCATION_MANAGER, locations=frozenset({"north"})),
        Viewer("ada", Role.SHOPPER, shopper_id="ada"),
    ],
    ids=lambda v: v.role.value,
)
def test_who_changes_nothing_takes_no_notes(sqlite_url: str, viewer: Viewer) -> None:
    engine = open_database(sqlite_url)
    journey = stored_journey(engine)
    first = journey.touchpoints[0].id
    note = add_walk_note(ANNA, engine, journey.id, first, "idea", "Chairs")
    with pytest.raises(NotAllowed, match=f"{viewer.name} .* may not take notes on the walk"):
        add_walk_note(viewer, engine, journey.id, first, "idea", "Mine")
    with pytest.raises(NotAllowed, match="may not delete walk notes"):
        delete_walk_note(viewer, engine, note.id)
    assert [n.text for n in walk_notes_of(engine, journey.id)] == ["Chairs"]
    assert len(read_audit(engine, object_kind="walk note")) == 1


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
