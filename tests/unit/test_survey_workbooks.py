"""Spreadsheets: the sheet is chosen (by name, number, or the first that holds answers),
and legacy .xls workbooks are read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from journeymap.cli import main
from journeymap.io.survey_import import preview
from journeymap.io.survey_import.workbooks import sheet_names
from journeymap.model import InvalidInput
from journeymap.store.evidence import read_metric_points, read_responses
from tests.unit.voc_helpers import SHOP, run_import, run_metric_import, shop_engine, survey

ANSWERS = [
    ["Submitted", "Touchpoint", "How likely are you to recommend us?", "Comment"],
    [datetime(2026, 7, 1, 12, 30), "Kasse", 10, "Great"],
    [datetime(2026, 7, 2, 8, 0), "advice", 6, "Slow"],
    [datetime(2026, 7, 3, 9, 0), "Telefon", 8, None],
]


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return shop_engine(sqlite_url)


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def summary() -> list[list[object]]:
    # A cover sheet as clients make them: a count per month, numbers 0–10 included.
    return [["Month", "Responses", "Rating"], ["2026-07", 3, 8], ["2026-08", 5, 7]]


def test_answers_on_the_second_sheet_are_found_and_imported(engine: Engine, tmp_path: Path) -> None:
    path = workbook(tmp_path / "export.xlsx", {"Summary": summary(), "Answers": ANSWERS})
    found = preview(path, SHOP)
    assert (found.sheets, found.sheet, found.mapping.sheet) == (
        ["Summary", "Answers"],
        "Answers",
        "Answers",
    )
    assert found.description == "table, Excel workbook, sheet 'Answers' (2 of 2)"
    assert found.mapping.score == "How likely are you to recommend us?"
    report = run_import(engine, SHOP, path, found.mapping)
    assert (report.imported, report.rejected_count) == (3, 0)
    stored = read_responses(engine, "shop")
    assert list(stored["score"]) == [10, 6, 8]
    assert stored["responded_at"][0].to_pydatetime() == datetime(2026, 7, 1, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize("wanted", ["Summary", "summary", "1"])
def test_a_sheet_is_chosen_by_name_or_number(tmp_path: Path, wanted: str) -> None:
    path = workbook(tmp_path / "export.xlsx", {"Summary": summary(), "Answers": ANSWERS})
    assert preview(path, SHOP, sheet=wanted).sheet == "Summary"
    assert preview(path, SHOP, sheet="2").sheet == "Answers"


def test_an_unknown_sheet_names_the_sheets_there_are(tmp_path: Path) -> None:
    path = workbook(tmp_path / "export.xlsx", {"Summary": summary(), "Answers": ANSWERS})
    with pytest.raises(InvalidInput) as refused:
        preview(path, SHOP, sheet="Svar")
    assert str(refused.value) == (
        "export.xlsx: --sheet: the workbook has no sheet 'Svar': give one of 'Summary', "
        "'Answers', or its number (1 to 2)"
    )


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_takes_a_sheet_for_responses_and_metrics(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, engine: Engine, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "export.xlsx",
        {
            "Answers": ANSWERS,
            "Other answers": [
                ANSWERS[0],
                [datetime(2026, 8, 1, 9, 0), "Kasse", 3, "Bad"],
                [datetime(2026, 8, 2, 9, 0), "Kasse", 9, "Good"],
            ],
            "Waits": [["date", "touchpoint", "wait_minutes"], ["2026-07-01", "checkout", 4]],
        },
    )
    args = ["--db", sqlite_url, "import-responses", "shop", str(path), "--json"]
    code, out, _ = run_cli(capsys, *args, "--sheet", "Other answers")
    report = json.loads(out)
    assert (code, report["imported"], report["mapping"]["sheet"]) == (0, 2, "Other answers")
    code, out, _ = run_cli(capsys, *args, "--sheet", "9")
    assert code == 1
    assert "no sheet '9'" in json.loads(out)["error"] + json.dumps(json.loads(out))
    # Metrics: by default the first sheet with a date and a touchpoint column.
    code, out, _ = run_cli(
        capsys, "--db", sqlite_url, "import-metrics", "shop", str(path), "--json"
    )
    assert (code, json.loads(out)["imported"]) == (0, 1)
    assert list(read_metric_points(engine, "shop")["value"]) == [4.0]
    code, out, _ = run_cli(
        capsys, "--db", sqlite_url, "import-metrics", "shop", str(path), "--sheet", "3", "--json"
    )
    assert (code, json.loads(out)["duplicates"]) == (0, 1)


def test_metrics_on_a_later_sheet(engine: Engine, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "plan.xlsx",
        {
            "Notes": [["Planning workbook"], ["v2"]],
            "Data": [["date", "touchpoint", "wait_minutes"]],
        },
    )
    with pytest.raises(InvalidInput, match="header but no rows"):
        run_metric_import(engine, SHOP, path)
    with pytest.raises(InvalidInput, match="no date or touchpoint column"):
        run_metric_import(engine, SHOP, path, sheet="Notes")


def test_a_legacy_xls_workbook_is_read(engine: Engine) -> None:
    path = survey("legacy-two-sheets.xls")
    assert sheet_names(path) == ["Read me", "Svar"]
    found = preview(path, SHOP)
    assert found.sheet == "Svar"
    assert found.description == "table, legacy Excel workbook (.xls), sheet 'Svar' (2 of 2)"
    assert (found.mapping.date, found.mapping.touchpoint) == ("Dato", "Kontaktpunkt")
    report = run_import(engine, SHOP, path, found.mapping)
    assert (report.imported, report.rejected_count) == (4, 0)
    stored = read_responses(engine, "shop")
    assert list(stored["score"]) == [10, 9, 3, 7]
    assert stored["responded_at"][2].to_pydatetime() == datetime(2026, 2, 10, 11, 15, tzinfo=UTC)


def test_a_file_named_xls_that_is_no_workbook_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><table><tr><td>Score</td></tr></table></html>")
    with pytest.raises(InvalidInput) as refused:
        preview(path, SHOP)
    assert str(refused.value).endswith("save it as .xlsx or .csv")
    assert sheet_names(path) == []
