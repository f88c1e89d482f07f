"""A walk has a start; its summary and its spreadsheet hold its own notes only."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from journeymap.model.access import Role, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.walk_export import NOTE_COLUMNS, walk_notes_workbook
from journeymap.services.walk_notes import (
    add_walk_note,
    latest_walk,
    start_walk,
    walk_notes_of,
    walk_of,
)
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from tests.unit.test_walk_notes import stored_journey

ANNA = Viewer("anna", Role.LEADER)
BO = Viewer("bo", Role.ADMIN)


def test_the_summary_of_a_walk_lists_its_own_notes_only(database_url: str) -> None:
    engine = open_database(database_url)
    journey = stored_journey(engine)
    first, second = journey.touchpoints[0].id, journey.touchpoints[1].id
    add_walk_note(ANNA, engine, journey.id, first, "idea", "Before walks were kept")
    monday = start_walk(ANNA, engine, journey.id)
    add_walk_note(ANNA, engine, journey.id, first, "pain point", "Kø", walk_id=monday.id)
    add_walk_note(BO, engine, journey.id, second, "idea", "SMS", walk_id=monday.id)
    tuesday = start_walk(BO, engine, journey.id)
    add_walk_note(BO, engine, journey.id, first, "question", "Hvem ejer?", walk_id=tuesday.id)

    assert [n.text for n in walk_notes_of(engine, journey.id, walk_id=monday.id)] == [
        "Kø",
        "SMS",
    ]
    assert [n.text for n in walk_notes_of(engine, journey.id, walk_id=tuesday.id)] == ["Hvem ejer?"]
    assert [n.text for n in walk_notes_of(engine, journey.id, first, walk_id=monday.id)] == ["Kø"]
    assert len(walk_notes_of(engine, journey.id)) == 4  # the journey keeps them all
    assert latest_walk(engine, journey.id) == tuesday
    assert (tuesday.started_by, monday.started_by) == ("bo", "anna")
    assert walk_of(engine, journey.id, monday.id) == monday
    assert walk_of(engine, "another-journey", monday.id) is None
    assert ("started", "walk", str(monday.id)) in {
        (e.action, e.object_kind, e.object_id) for e in read_audit(engine)
    }


def test_a_walk_starts_when_the_page_opened_never_later_than_now(database_url: str) -> None:
    engine = open_database(database_url)
    journey = stored_journey(engine)
    opened = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # in the past whenever this runs
    assert start_walk(ANNA, engine, journey.id, opened).started_at == opened
    future = datetime.now(UTC) + timedelta(days=3)
    assert start_walk(ANNA, engine, journey.id, future).started_at < future


def test_a_note_on_another_journeys_walk_is_refused(database_url: str) -> None:
    engine = open_database(database_url)
    journey = stored_journey(engine)
    walk = start_walk(ANNA, engine, journey.id)
    with pytest.raises(ValueError, match="not a walk of this journey"):
        add_walk_note(ANNA, engine, journey.id, journey.touchpoints[0].id, "idea", "x",
                      walk_id=walk.id + 1)  # fmt: skip
    with pytest.raises(NotAllowed):
        start_walk(Viewer("ola", Role.ANALYST), engine, journey.id)


def test_the_notes_workbook_keeps_typed_formulas_as_text(database_url: str) -> None:
    engine = open_database(database_url)
    journey = stored_journey(engine)
    first, second = journey.touchpoints[0].id, journey.touchpoints[1].id
    walk = start_walk(ANNA, engine, journey.id)
    other = start_walk(ANNA, engine, journey.id)
    add_walk_note(ANNA, engine, journey.id, second, "idea", '=HYPERLINK("http://x","y")',
                  walk_id=walk.id)  # fmt: skip
    add_walk_note(ANNA, engine, journey.id, first, "pain point", "-2 stole", walk_id=walk.id)
    add_walk_note(ANNA, engine, journey.id, first, "idea", "Other walk", walk_id=other.id)

    data = walk_notes_workbook(engine, journey, walk, [first, second])
    sheet = load_workbook(io.BytesIO(data))["Walk notes"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == list(NOTE_COLUMNS)
    # In walk order: step 1 (first) before step 2 (second); the other walk's note is out.
    assert [r[0] for r in rows[1:]] == [1, 2]
    assert [r[4] for r in rows[1:]] == ["-2 stole", '=HYPERLINK("http://x","y")']
    assert [r[5] for r in rows[1:]] == ["anna", "anna"]
    for row in sheet.iter_rows(min_row=2):
        note = row[4]
        assert note.data_type == "s"  # text, never a formula
    assert sheet.cell(2, 5).quotePrefix
    assert sheet.cell(3, 5).quotePrefix
