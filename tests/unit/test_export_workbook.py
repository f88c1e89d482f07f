"""The Excel workbook and the CSV export: sheets read back, no cell runs as a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from journeymap.io.case_export import cases_csv
from journeymap.io.export.workbook import EvidenceTables, cell_value, journey_workbook
from journeymap.io.spreadsheet_safety import neutralise_cell
from journeymap.model.access import Role, Viewer
from journeymap.services.export import evidence_tables, export_data
from journeymap.services.sand import evidence_filter
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.export_helpers import names_data, tricky_names

LEADER = Viewer(name="leif", role=Role.LEADER)
SHEETS = [
    "Journey",
    "Touchpoints",
    "Transitions",
    "Sand",
    "Actions",
    "Responses",
    "Visits",
    "Scores",
    "Scores by touchpoint",
]

# (what a person typed, what the spreadsheet cell must hold)
INJECTION = [
    ("=1+1", "'=1+1"),
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
    ("+45 12 34 56 78", "'+45 12 34 56 78"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Fine = good", "Fine = good"),
    ('æøå 🙂 <b>x</b> & "q"', 'æøå 🙂 <b>x</b> & "q"'),
    ("", ""),
]


@pytest.mark.parametrize(("typed", "stored"), INJECTION)
def test_neutralise_cell(typed: str, stored: str) -> None:
    assert neutralise_cell(typed) == stored


@pytest.mark.parametrize("number", [-3, -2.5, 0, 7])
def test_numbers_are_data_not_formulas(number: float) -> None:
    assert neutralise_cell(number) == number
    assert cell_value(number) == number


@pytest.mark.parametrize(("typed", "stored"), INJECTION)
def test_workbook_cells_keep_the_text_and_run_nothing(typed: str, stored: str) -> None:
    responses = pd.DataFrame(
        {
            "id": [1],
            "touchpoint_id": ["book"],
            "responded_at": [pd.Timestamp("2026-03-01 10:00", tz="Europe/Copenhagen")],
            "score": [3],
            "survey_kind": ["transactional"],
            "comment": [typed],
            "location": ["cph"],
            "segment": [typed],
            "source": ["test"],
            "contact": ["anna@example.com"],
        }
    )
    book = load_workbook(io.BytesIO(journey_workbook(names_data(), EvidenceTables(responses))))
    sheet = book["Responses"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert "contact" not in header  # personal data stays in the app
    for column in ("comment", "segment"):
        cell = row[column]
        # Exactly as typed, as text: the quote-prefix style, not a visible apostrophe.
        assert (cell.value or "") == typed
        if typed:
            assert cell.data_type == "s"
        assert cell.quotePrefix == (stored != typed)
    assert row["responded_at"].value == datetime(2026, 3, 1, 9, 0)  # UTC, naive
    assert row["score"].value == 3


@pytest.mark.parametrize(("typed", "stored"), INJECTION)
def test_case_csv_is_neutralised(typed: str, stored: str) -> None:
    cases = pd.DataFrame({"id": [1], "comment": [typed], "notes": ["ok"]})
    rows = list(csv.DictReader(io.StringIO(cases_csv(cases), newline="")))
    assert rows[0]["comment"] == stored


def test_workbook_has_the_sheets_and_tricky_names() -> None:
    data = names_data()
    book = load_workbook(io.BytesIO(journey_workbook(data)))
    assert book.sheetnames == SHEETS
    touchpoints = book["Touchpoints"]
    header = [c.value for c in touchpoints[1]]
    names = [row[header.index("Touchpoint")] for row in touchpoints.iter_rows(2, values_only=True)]
    assert sorted(names) == sorted(tp.name for tp in data.journey.touchpoints)
    owners = [row[header.index("Owner")] for row in touchpoints.iter_rows(2)]
    hyperlink = next(c for c in owners if c.value == '=HYPERLINK("http://x")')
    assert (hyperlink.data_type, hyperlink.quotePrefix) == ("s", True)
    about = {row[0]: row[1] for row in book["Journey"].iter_rows(values_only=True)}
    assert about["Journey"] == data.journey.name
    everything = {
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    }
    for name in tricky_names(data.journey):
        assert name in everything
    transitions = list(book["Transitions"].iter_rows(2, values_only=True))
    assert len(transitions) == len(data.journey.transitions)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_sheets_without_rows_still_have_their_header_row() -> None:
    book = load_workbook(io.BytesIO(journey_workbook(names_data())))
    for title in ("Sand", "Actions", "Responses", "Visits", "Scores", "Scores by touchpoint"):
        sheet = book[title]
        assert sheet.max_row == 1, title
        header = [c.value for c in sheet[1]]
        assert header, title
        assert all(header), title
    assert [c.value for c in book["Scores"][1]][:3] == ["visit_id", "location_id", "location_name"]
    assert [c.value for c in book["Scores by touchpoint"][1]][-1] == "possible"


def test_cell_values() -> None:
    assert cell_value(None) is None
    assert cell_value(float("nan")) is None
    assert cell_value(pd.NaT) is None
    assert cell_value(date(2026, 1, 2)) == date(2026, 1, 2)
    assert cell_value(datetime(2026, 1, 2, 3, tzinfo=UTC)) == datetime(2026, 1, 2, 3)
    assert cell_value("bell\x07") == "bell"  # control characters Excel refuses
    assert cell_value("=1+1") == "=1+1"  # kept as typed; the sheet marks it as text


def test_workbook_of_the_demo_holds_its_evidence(demo_url: str) -> None:
    engine = open_database(demo_url)
    stored = JourneyRepository(engine).get("bank-advisory")
    flt = evidence_filter("2026")
    data = export_data(engine, stored.journey, stored.revision, flt)
    book = load_workbook(
        io.BytesIO(journey_workbook(data, evidence_tables(LEADER, engine, data.journey, flt)))
    )
    assert book.sheetnames == SHEETS
    for sheet in ("Sand", "Responses", "Visits", "Scores", "Scores by touchpoint"):
        assert book[sheet].max_row > 1, sheet
    sand = list(book["Sand"].iter_rows(2, values_only=True))
    assert sand[0][3] == "sand"
    engine.dispose()
