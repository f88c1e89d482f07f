"""Survey exports of every tool → responses: detection, mapping, refusals, idempotence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from journeymap.analytics.nps_tables import nps_table
from journeymap.io.survey_import import ImportMapping, preview
from journeymap.model import InvalidInput
from journeymap.store.cases import read_cases
from journeymap.store.evidence import read_responses
from tests.unit.voc_helpers import SHOP, run_import, shop_engine, survey


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return shop_engine(sqlite_url)


def mapped(name: str, **changes: Any) -> ImportMapping:
    """The proposed mapping of a fixture with the test's corrections."""
    proposal = preview(survey(name), SHOP).mapping.model_dump()
    return ImportMapping.model_validate(proposal | changes)


# file, corrections, format, imported, blank scores, (promoters, passives, detractors), cases
CASES = [
    ("qualtrics.csv", {"touchpoint": "Q4"}, "qualtrics", 5, 0, (2, 1, 2), 2),
    ("surveymonkey.csv", {}, "surveymonkey", 4, 0, (2, 1, 1), 0),
    ("google-forms.csv", {"touchpoint_value": "Kasse"}, "google-forms", 4, 1, (2, 1, 1), 0),
    ("typeform.csv", {"touchpoint": "Which part of your visit?"}, "typeform", 4, 0, (2, 0, 2), 0),
    ("danish-semicolon-cp1252.csv", {}, "generic", 4, 0, (2, 1, 1), 0),
    ("bom.csv", {}, "generic", 3, 0, (1, 1, 1), 1),
    ("labels-in-score.csv", {}, "generic", 5, 0, (3, 1, 1), 0),
]


@pytest.mark.parametrize(
    ("name", "changes", "fmt", "imported", "blank", "groups", "cases"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_each_tool_imports_with_the_right_counts(
    engine: Engine,
    name: str,
    changes: dict[str, Any],
    fmt: str,
    imported: int,
    blank: int,
    groups: tuple[int, int, int],
    cases: int,
) -> None:
    # Imported the day the first answers came in: every detractor can still be called.
    now = datetime(2026, 3, 1, tzinfo=UTC)
    report = run_import(engine, SHOP, survey(name), mapped(name, **changes), now=now)
    assert (report.format, report.imported, report.blank_scores) == (fmt, imported, blank)
    assert report.rejected == []
    assert report.duplicates == 0
    table = nps_table(read_responses(engine, "shop"))
    row = table.iloc[0]
    assert (row["promoters"], row["passives"], row["detractors"]) == groups
    promoters, _, detractors = groups
    assert row["nps"] == pytest.approx(100 * (promoters - detractors) / sum(groups))
    assert report.cases_created == cases == len(read_cases(engine, "shop"))


def test_values_are_read_as_written(engine: Engine) -> None:
    run_import(
        engine, SHOP, survey("danish-semicolon-cp1252.csv"), mapped("danish-semicolon-cp1252.csv")
    )
    stored = read_responses(engine, "shop")
    assert list(stored["location"]) == ["Århus C", "Århus C", "Køge", "Køge"]
    assert list(stored["touchpoint_id"]) == ["checkout", "checkout", "advice", "advice"]
    assert stored["comment"][2] == "Rådgiveren var ikke forberedt på mødet"
    # 04.03.2026 is day-first by convention: 4 March.
    assert stored["responded_at"][0].to_pydatetime() == datetime(2026, 3, 4, 9, 15, tzinfo=UTC)


def test_times_with_an_offset_are_stored_in_utc(engine: Engine) -> None:
    run_import(
        engine,
        SHOP,
        survey("google-forms.csv"),
        mapped("google-forms.csv", touchpoint_value="checkout"),
    )
    first = read_responses(engine, "shop")["responded_at"][0].to_pydatetime()
    assert first == datetime(2026, 4, 1, 7, 15, 2, tzinfo=UTC)  # 9:15:02 AM GMT+2


def test_surveymonkey_dates_are_month_first_because_a_day_is_above_12(engine: Engine) -> None:
    mapping = mapped("surveymonkey.csv")
    assert mapping.dayfirst is False
    run_import(engine, SHOP, survey("surveymonkey.csv"), mapping)
    first = read_responses(engine, "shop")["responded_at"][0].to_pydatetime()
    assert first == datetime(2026, 3, 14, 10, 3, 2, tzinfo=UTC)


def test_bad_rows_are_refused_one_by_one_with_their_row_number(engine: Engine) -> None:
    report = run_import(engine, SHOP, survey("bad-rows.csv"), mapped("bad-rows.csv", score="Score"))
    assert (report.rows_read, report.imported, report.blank_scores) == (9, 2, 1)
    assert [(r.row, r.column) for r in report.rejected] == [
        (3, "Score"),
        (4, "Score"),
        (5, "Date"),
        (6, "Date"),
        (7, "Touchpoint"),
        (8, "Touchpoint"),
    ]
    reasons = [r.reason for r in report.rejected]
    assert reasons[0] == "'11' is not a score: give a whole number from 0 to 10"
    assert reasons[2] == "'31/02/2026' cannot be read as a date"
    assert reasons[4].startswith("'Parkering' is not a touchpoint of the journey")
    assert report.unmatched_touchpoints == {"Parkering": 1}
    assert report.rejected_count + report.valid + report.blank_scores == report.rows_read
    assert list(read_responses(engine, "shop")["touchpoint_id"]) == ["checkout", "advice"]


def test_ambiguous_dates_are_refused_with_the_way_out(engine: Engine) -> None:
    with pytest.raises(InvalidInput) as refused:
        run_import(engine, SHOP, survey("ambiguous-dates.csv"), mapped("ambiguous-dates.csv"))
    message = str(refused.value)
    assert message.startswith("ambiguous-dates.csv: column 'Date': dates such as 03/04/2026")
    assert "could be 3 April or 4 March: give --dayfirst or --date-format %m/%d/%Y" in message
    assert read_responses(engine, "shop").empty


@pytest.mark.parametrize(
    ("changes", "days"),
    [
        ({"dayfirst": True}, {date(2026, 4, 3), date(2026, 6, 5), date(2026, 2, 1)}),
        ({"date_format": "%m/%d/%Y"}, {date(2026, 3, 4), date(2026, 5, 6), date(2026, 1, 2)}),
    ],
)
def test_ambiguous_dates_import_once_the_order_is_given(
    engine: Engine, changes: dict[str, Any], days: set[date]
) -> None:
    mapping = mapped("ambiguous-dates.csv", **({"dayfirst": None} | changes))
    assert run_import(engine, SHOP, survey("ambiguous-dates.csv"), mapping).imported == 3
    assert set(read_responses(engine, "shop")["responded_at"].dt.date) == days


def test_reimporting_adds_nothing_and_counts_duplicates(engine: Engine) -> None:
    mapping = mapped("qualtrics.csv", touchpoint="Q4")
    run_import(engine, SHOP, survey("qualtrics.csv"), mapping)
    again = run_import(engine, SHOP, survey("qualtrics.csv"), mapping)
    assert (again.imported, again.duplicates, again.cases_created) == (0, 5, 0)
    assert len(read_responses(engine, "shop")) == 5


def test_a_dry_run_counts_exactly_and_stores_nothing(engine: Engine) -> None:
    mapping = mapped("bom.csv")
    dry = run_import(engine, SHOP, survey("bom.csv"), mapping, dry_run=True)
    assert (dry.imported, dry.duplicates, dry.dry_run) == (3, 0, True)
    assert read_responses(engine, "shop").empty
    assert read_cases(engine, "shop").empty
    run_import(engine, SHOP, survey("bom.csv"), mapping)
    assert run_import(engine, SHOP, survey("bom.csv"), mapping, dry_run=True).duplicates == 3


def test_xlsx_is_read_like_csv(engine: Engine, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Submitted", "Touchpoint", "How likely are you to recommend us?", "Comment"])
    sheet.append([datetime(2026, 7, 1, 12, 30), "Kasse", 10, "Great"])
    sheet.append([datetime(2026, 7, 2, 8, 0), "advice", 6, '=HYPERLINK("x")'])
    sheet.append([datetime(2026, 7, 3, 9, 0), "Telefon", 8.0, None])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    found = preview(path, SHOP)
    assert (found.mapping.score, found.mapping.date) == (
        "How likely are you to recommend us?",
        "Submitted",
    )
    report = run_import(engine, SHOP, path, found.mapping)
    assert report.imported == 3
    stored = read_responses(engine, "shop")
    assert list(stored["score"]) == [10, 6, 8]
    assert stored["responded_at"][0].to_pydatetime() == datetime(2026, 7, 1, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        (
            {"score": "Nope", "date": "Date", "touchpoint": "Touchpoint"},
            "there is no column 'Nope'",
        ),
        ({"date": "Date", "touchpoint": "Touchpoint"}, "say which column holds the 0–10"),
        ({"score": "Score", "touchpoint": "Touchpoint"}, "--date-value YYYY-MM-DD"),
        ({"score": "Score", "date": "Date"}, "a transactional survey is about a touchpoint"),
        (
            {"score": "Score", "date": "Date", "touchpoint_value": "kiosk"},
            "'kiosk' is not a touchpoint",
        ),
    ],
)
def test_an_unusable_mapping_is_one_sentence_per_problem(
    engine: Engine, mapping: dict[str, Any], expected: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        run_import(engine, SHOP, survey("bom.csv"), ImportMapping(**mapping))
    assert expected in str(refused.value)
    assert str(refused.value).startswith("bom.csv: ")


def test_file_size_is_capped_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeymap.io.survey_import import sniffing

    path = tmp_path / "big.csv"
    path.write_text("Date,Score\n2026-01-01,9\n" * 10)
    monkeypatch.setattr(sniffing, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(sniffing.check_size, "__defaults__", (100,))
    with pytest.raises(InvalidInput, match="more than the 0 MB an import takes: split it"):
        preview(path)


def test_progress_is_reported_up_to_done(engine: Engine) -> None:
    seen: list[tuple[float, str]] = []
    run_import(
        engine,
        SHOP,
        survey("bom.csv"),
        mapped("bom.csv"),
        progress=lambda f, m: seen.append((f, m)),
    )
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert seen[-1][1] == "done"


def test_large_files_are_read_in_chunks_with_row_numbers_kept(
    engine: Engine, tmp_path: Path
) -> None:
    from journeymap.io.survey_import import source

    lines = ["Date,Touchpoint,Score"] + [
        f"2026-01-{1 + i % 28:02d},checkout,{i % 11}" for i in range(120)
    ]
    lines[100] = "2026-01-05,checkout,12"
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n")
    chunks = list(source.open_table(path).chunks(chunk_rows=50))
    assert [len(c) for c, _ in chunks] == [50, 50, 20]
    assert chunks[1][0].index[0] == 52
    report = run_import(engine, SHOP, path, mapped_for(path))
    assert [r.row for r in report.rejected] == [101]
    assert report.imported == 119


def mapped_for(path: Path) -> ImportMapping:
    return preview(path, SHOP).mapping
