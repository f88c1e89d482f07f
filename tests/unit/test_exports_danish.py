"""The period report and the deck rendered in Danish: Danish headings, Danish numbers
and dates, no English headings left."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pptx import Presentation
from pypdf import PdfReader

from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import parse_period
from journeymap.i18n import use_language
from journeymap.io.export.chromium import find_chromium
from journeymap.io.export.data import ExportData
from journeymap.io.export.pptx_deck import journey_deck
from journeymap.io.report import html_to_pdf, report_html
from journeymap.services.export import export_data
from journeymap.services.period_report import build_report
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.report_workspace import JOURNEY_ID, NOW, build_workspace
from tests.unit.test_export_diagrams import slide_texts, tiny_png

ENGLISH_REPORT_HEADINGS = (
    "Journey NPS",
    "Why it moved",
    "Mystery shopper",
    "Improvement actions",
    "customer experience",
    "compared with",
    "Did it work?",
    "called back within",
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    url = f"sqlite:///{tmp_path_factory.mktemp('danish') / 'journeymap.db'}"
    engine = open_database(url)
    build_workspace(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def danish_html(engine) -> str:
    stored = JourneyRepository(engine).get(JOURNEY_ID)
    assert stored is not None
    with use_language("da"):
        return report_html(build_report(engine, stored.journey, parse_period("2026-Q3"), now=NOW))


def test_the_report_reads_danish(danish_html: str) -> None:
    assert '<html lang="da">' in danish_html
    for heading in (
        "NPS for kunderejsen",
        "Hvorfor det flyttede sig",
        "Hemmelig kunde",
        "Forbedringstiltag",
        "Tilbageringning til kritikere",
        "kundeoplevelsen 3. kvt. 2026",
        "sammenlignet med 2. kvt. 2026",
    ):
        assert heading in danish_html, heading
    # NPS +30 of 200 answers, +20.0 points on Q2 (p by the z test: 0.007 by hand).
    assert "+20,0 point" in danish_html
    assert "p = 0,007" in danish_html
    assert "75,0\xa0%" in danish_html  # the shopper score, a decimal comma and a space
    assert "1. jul. 2026 – 30. sep. 2026" in danish_html
    for english in ENGLISH_REPORT_HEADINGS:
        assert english not in danish_html, english


def test_the_language_argument_renders_the_report_in_danish(engine) -> None:
    stored = JourneyRepository(engine).get(JOURNEY_ID)
    assert stored is not None
    data = build_report(
        engine, stored.journey, parse_period("2026-Q3"), now=NOW, language="da", with_diagram=False
    )
    assert "NPS for kunderejsen" in report_html(data, "da")
    # The choice holds for that report only: the next one is in the reader's language.
    assert "Journey NPS" in report_html(data)


@pytest.mark.skipif(find_chromium() is None, reason="Chromium prints the PDF")
def test_the_danish_pdf_is_one_page_of_danish(danish_html: str) -> None:
    reader = PdfReader(io.BytesIO(html_to_pdf(danish_html)))
    text = " ".join(reader.pages[0].extract_text().split())
    assert len(reader.pages) == 1
    assert "NPS FOR KUNDEREJSEN" in text
    assert "+20,0 point" in text
    assert "JOURNEY NPS" not in text


@pytest.fixture(scope="module")
def export(engine) -> ExportData:
    stored = JourneyRepository(engine).get(JOURNEY_ID)
    assert stored is not None
    return export_data(
        engine, stored.journey, 3, EvidenceFilter(date(2026, 7, 1), date(2026, 9, 30))
    )


def test_the_deck_reads_danish(export: ExportData) -> None:
    deck = Presentation(io.BytesIO(journey_deck(export, tiny_png(), "graph", language="da")))
    texts = "\n".join(slide_texts(s) for s in deck.slides)
    for danish in (
        "Kunderejsen i overblik",
        "Fase 1 af 1",
        "Kontaktpunkt",
        "Kunder/måned",
        "Forbedringstiltag",
        "Virkede det?",
        "Evidens: 1. jul. 2026 til 30. sep. 2026",
    ):
        assert danish in texts, danish
    assert "1.000" in texts  # customers a month at the door, grouped the Danish way
    assert "10\xa0%" in texts  # its drop-off
    for english in ("The journey at a glance", "Stage 1 of", "Customers / month", "Did it work?"):
        assert english not in texts, english


def test_the_deck_inside_use_language_reads_danish(export: ExportData) -> None:
    with use_language("da"):
        deck = Presentation(io.BytesIO(journey_deck(export, tiny_png(), "graph")))
    assert "Kunderejsen i overblik" in slide_texts(list(deck.slides)[1])


def test_the_workbook_names_its_sheets_and_headers_in_danish(export: ExportData) -> None:
    from openpyxl import load_workbook

    from journeymap.io.export.workbook import journey_workbook

    with use_language("da"):
        book = load_workbook(io.BytesIO(journey_workbook(export)))
    assert book.sheetnames == [
        "Kunderejse", "Kontaktpunkter", "Overgange", "Sand", "Tiltag", "Svar", "Besøg",
        "Scorer", "Scorer pr. kontaktpunkt",
    ]  # fmt: skip
    about = {row[0]: row[1] for row in book["Kunderejse"].iter_rows(values_only=True)}
    assert about["Dataperiode"] == "1. jul. 2026 til 30. sep. 2026"
    header = [c.value for c in book["Kontaktpunkter"][1]]
    assert header[:5] == ["Fase", "Kontaktpunkt", "ID", "Kanal", "Ejer"]
    assert [c.value for c in book["Tiltag"][1]][-1] == "Virkede det?"
    # The sheets of raw rows keep their data columns' names, for formulas and scripts.
    assert [c.value for c in book["Scorer"][1]][:2] == ["visit_id", "location_id"]
