"""Import messages in Danish: the summary, each rejected row with its number and
reason; the machine-readable parts (codes, --json keys) stay English."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.i18n import use_language
from journeymap.io.safe_yaml import load_yaml_text
from journeymap.io.survey_import import ImportMapping, ImportReport, parse_import
from journeymap.io.visit_tables import VisitFileError, read_table
from journeymap.model import InvalidInput
from tests.unit.voc_helpers import SHOP


def test_the_summary_reads_danish_with_danish_numbers() -> None:
    report = ImportReport(file="svar.csv", format="generic", rows_read=1500, imported=1209)
    report.duplicates, report.already_from, report.batch_id = 290, {3: 290}, 4
    report.rejected_count = 1
    with use_language("da"):
        lines = report.lines()
    assert lines[:2] == [
        "svar.csv (generic): 1.500 rækker læst, 1.209 svar importeret (nye), "
        "290 fandtes allerede (290 fra import 3), 1 afvist",
        "gemt som import 4 (undo-import 4)",
    ]


def test_a_rejected_row_is_a_danish_sentence_with_its_row_and_an_english_code(
    tmp_path: Path,
) -> None:
    path = tmp_path / "svar.csv"
    path.write_text("Date,Touchpoint,Score\n2026-01-01,checkout,elleve\n2026-01-02,checkout,9\n")
    mapping = ImportMapping(score="Score", date="Date", touchpoint="Touchpoint")
    with use_language("da"):
        parsed = parse_import(SHOP, path, mapping, dry_run=True)
        frames = list(parsed.frames)
        lines = parsed.report.lines()
    assert sum(len(f) for f in frames) == 1
    assert (
        "række 2, kolonne 'Score': 'elleve' er ikke en score: angiv et helt tal fra 0 til 10"
        in lines
    )
    assert lines[0].startswith("svar.csv (generic): 2 rækker læst, 0 svar ville blive importeret")
    assert parsed.report.to_dict()["rejected_by_reason"] == {"invalid score": 1}


def test_visit_file_problems_read_danish() -> None:
    with use_language("da"), pytest.raises(VisitFileError) as refused:
        read_table("besøg.pdf", b"%PDF-1.4")
    assert str(refused.value) == "besøg.pdf: brug en .csv- eller .xlsx-fil"
    with use_language("da"), pytest.raises(VisitFileError) as refused:
        read_table("besøg.csv", b"visit,location\n1,north\n")
    assert "besøg.csv: manglende kolonne(r) shopper" in str(refused.value)


def test_a_broken_journey_file_is_explained_in_danish() -> None:
    with use_language("da"), pytest.raises(InvalidInput) as refused:
        load_yaml_text("name: a\nname: b\n")
    assert "nøglen 'name' står to gange (første gang på linje 1)" in str(refused.value)
