"""The improvement actions travel into the deck and the workbook, with whether they worked."""

from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import load_workbook
from pptx import Presentation

from journeymap.io.export.pptx_deck import journey_deck
from journeymap.io.export.workbook import journey_workbook
from journeymap.model.actions import ActionFields
from journeymap.services.export import export_data
from journeymap.services.sand import evidence_filter
from journeymap.store.actions import create_action, set_status
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository

TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4e30000000049454e44ae426082"
)


def test_actions_in_deck_and_workbook(demo_url: str) -> None:
    engine = open_database(demo_url)
    stored = JourneyRepository(engine).get("bank-advisory")
    assert stored is not None
    journey = stored.journey
    done = create_action(
        engine,
        journey.id,
        ActionFields(
            title="=Ring kunden op inden 24 timer",
            touchpoints=("tilbagekald",),
            owner="Kundeservice",
            impact=5,
            effort=2,
        ),
        actor="anna",
    )
    for status in ("approved", "in_progress"):
        done = set_status(engine, done.id, status, actor="anna", expected_version=done.version)
    set_status(
        engine,
        done.id,
        "done",
        actor="anna",
        expected_version=done.version,
        done_on=date.today() - timedelta(days=150),
    )
    create_action(
        engine,
        journey.id,
        ActionFields(title="Åbn flere aftentider", touchpoints=("book-online",), impact=3),
        actor="bo",
    )
    data = export_data(engine, journey, stored.revision, evidence_filter())
    # The demo has actions of its own; these two are the test's.
    titles = ("=Ring kunden op inden 24 timer", "Åbn flere aftentider")
    assert [a.title for a in data.actions if a.title in titles] == list(titles)
    first = next(a for a in data.actions if a.title == titles[0])
    assert first.quick_win
    assert first.status == "Done"
    assert first.effect not in ("not done yet", "not measured", "")

    book = load_workbook(io.BytesIO(journey_workbook(data)))
    sheet = book["Actions"]
    assert [c.value for c in sheet[1]][:3] == ["Action", "Status", "Category"]
    cells = {c.value: c for (c, *_) in sheet.iter_rows(2)}
    assert titles[1] in cells
    typed = cells[titles[0]]  # exactly as typed, no apostrophe to be seen
    assert (typed.data_type, typed.quotePrefix) == ("s", True)  # text, never a formula

    deck = Presentation(io.BytesIO(journey_deck(data, TINY_PNG)))
    texts = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    cells = [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    assert "Improvement actions" in texts
    assert "=Ring kunden op inden 24 timer" in cells
    assert "5 / 2 · quick win" in cells
