"""Column detection that does not guess wrong: the tool's own markers, then the wording in
many languages, then the values; two candidates left are a question, not a guess."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from journeymap.analytics.nps_tables import nps_table
from journeymap.cli import main
from journeymap.io.survey_import import ImportMapping, preview
from journeymap.io.survey_import.columns import choose_score, guess_columns, score_candidates
from journeymap.io.survey_import.formats import detect_format
from journeymap.store.evidence import read_responses
from tests.unit.voc_helpers import SHOP, run_import, shop_engine, survey

QUALTRICS = survey("qualtrics-renew-and-recommend.csv")


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return shop_engine(sqlite_url)


def test_qualtrics_nps_question_wins_over_a_renew_question(engine: Engine) -> None:
    proposal = preview(QUALTRICS, SHOP)
    assert proposal.mapping.score == "Q1"
    assert proposal.score_choices == []
    assert proposal.problems[0] == (
        "1 of the first 56 rows are the survey tool's previews, tests or spam: they are "
        "left out and counted"
    )
    # The export names its time zone in the ImportId row: naive times are read in it.
    assert proposal.mapping.timezone == "Europe/Copenhagen"
    mapping = proposal.mapping.model_copy(update={"touchpoint_value": "advice"})
    report = run_import(engine, SHOP, QUALTRICS, mapping)
    # 56 rows: 55 customers and the author's "Survey Preview", left out and counted.
    assert (report.rows_read, report.imported, report.test_rows) == (56, 55, 1)
    assert "1 test or preview rows left out" in report.lines()[0]
    row = nps_table(read_responses(engine, "shop")).iloc[0]
    assert (row["n"], row["promoters"], row["passives"], row["detractors"]) == (55, 25, 18, 12)
    assert round(row["nps"], 1) == 23.6  # 100 · (25 − 12) / 55; Q5 with the preview: −44.6


def test_a_renamed_nps_question_is_found_by_its_import_id() -> None:
    fmt = detect_format(
        [
            ["ResponseId", "RecordedDate", "Loyalty", "Group", "Renewal"],
            ["Response ID", "Recorded Date", "Score us", "Score us - Group", "Renew?"],
            [
                '{"ImportId":"_recordId"}',
                '{"ImportId":"recordedDate","timeZone":"America/Denver"}',
                '{"ImportId":"QID3"}',
                '{"ImportId":"QID3_NPS_GROUP"}',
                '{"ImportId":"QID9"}',
            ],
        ]
    )
    assert (fmt.score_hints, fmt.excluded, fmt.date_timezone) == (
        ("Loyalty",),
        frozenset({"Group"}),
        "America/Denver",
    )
    frame = pd.DataFrame(
        {"Loyalty": ["9", "3", "10"], "Group": ["3", "1", "3"], "Renewal": ["0", "10", "6"]}
    )
    found = score_candidates(frame, fmt.labels, fmt.excluded, fmt.score_hints)
    assert choose_score(found) == ("Loyalty", [])


RECOMMEND = [
    "How likely are you to recommend us to a friend or colleague?",
    "LikelyToRecommend",
    "Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?",  # Danish
    "Hvor sannsynlig er det at du vil anbefale oss til en venn?",  # Norwegian
    "Hur troligt är det att du skulle rekommendera oss till en vän?",  # Swedish
    "Wie wahrscheinlich ist es, dass Sie uns einem Freund empfehlen?",  # German
    "Würden Sie uns weiterempfehlen?",  # German
    "¿Qué probabilidad hay de que nos recomiende a un amigo?",  # Spanish
    "¿Recomendarías nuestra tienda?",  # Spanish
    "Quelle est la probabilité que vous recommandiez notre banque ?",  # French
    "Hoe waarschijnlijk is het dat u ons aanbeveelt aan een vriend?",  # Dutch
    "Zou u ons aanbevelen?",  # Dutch
    "NPS",
]
NOT_RECOMMEND = [
    "How likely are you to renew your policy?",
    "Hvor sandsynligt er det, at du vil forny din forsikring?",  # Danish: renew
    "Hvor sannsynlig er det at du fornyer avtalen?",  # Norwegian: renew
    "Likelihood to buy again (0-10)",
]


@pytest.mark.parametrize("recommend", RECOMMEND)
@pytest.mark.parametrize("other", NOT_RECOMMEND)
def test_the_recommend_question_is_found_by_its_wording(recommend: str, other: str) -> None:
    # The other question comes first and has more answers: only the wording tells.
    frame = pd.DataFrame(
        {other: ["10", "9", "0", "7", "3", "8"], recommend: ["9", "10", "", "6", "8", ""]}
    )
    candidates = score_candidates(frame, {})
    assert choose_score(candidates) == (recommend, [])


def test_wording_in_the_question_row_counts_too() -> None:
    frame = pd.DataFrame({"Q5": ["10", "0", "3"], "Q2": ["9", "10", "6"]})
    labels = {"Q5": "How likely are you to renew?", "Q2": "Würden Sie uns weiterempfehlen?"}
    assert choose_score(score_candidates(frame, labels))[0] == "Q2"


def test_two_candidates_left_preselect_neither() -> None:
    proposal = preview(survey("two-scales.csv"), SHOP)
    assert proposal.mapping.score is None
    assert proposal.score_choices == ["Staff (0-10)", "Waiting time (0-10)"]
    assert proposal.score_problem == (
        "two columns could be the 0–10 recommend question, 'Staff (0-10)' and "
        "'Waiting time (0-10)', and nothing in the file tells which: choose one (--score COL)"
    )
    assert proposal.score_problem in proposal.problems


def test_one_unworded_0_to_10_column_is_taken_by_its_values() -> None:
    frame = pd.DataFrame({"Rating": ["10", "9", "3"], "Visits": ["1", "2", "1"]})
    assert choose_score(score_candidates(frame, {})) == ("Rating", [])


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_stops_and_names_both_candidates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    shop_engine(url)
    args = ["--db", url, "import-responses", "shop", str(survey("two-scales.csv"))]
    code, out, err = run_cli(capsys, *args)
    assert code == 1
    assert "'Staff (0-10)' and 'Waiting time (0-10)'" in out + err
    assert "--score COL" in out + err
    code, out, _ = run_cli(capsys, *args, "--score", "Waiting time (0-10)", "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["imported"], report["mapping"]["score"]) == (5, "Waiting time (0-10)")


def test_a_flag_named_first_time_is_never_the_date(
    engine: Engine, capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    proposal = preview(survey("first-time-flag.csv"), SHOP)
    assert proposal.mapping.date is None
    code, out, _ = run_cli(
        capsys,
        "--db",
        sqlite_url,
        "import-responses",
        "shop",
        str(survey("first-time-flag.csv")),
        "--relationship",
        "--date-value",
        "2026-03-01",
        "--json",
    )
    report = json.loads(out)
    assert (code, report["imported"], report["rejected_count"]) == (0, 87, 0)


def test_date_value_wins_over_a_detected_date_column(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, engine: Engine
) -> None:
    code, out, _ = run_cli(
        capsys,
        "--db",
        sqlite_url,
        "import-responses",
        "shop",
        str(survey("bom.csv")),
        "--date-value",
        "2025-12-24",
        "--json",
    )
    report = json.loads(out)
    assert (code, report["imported"], report["mapping"]["date"]) == (0, 3, None)
    days = set(read_responses(engine, "shop")["responded_at"].dt.date)
    assert days == {date(2025, 12, 24)}


def test_a_column_is_a_date_only_when_most_values_are_dates() -> None:
    frame = pd.DataFrame(
        {
            "first_time": ["0", "1", "1", "0"],
            "Response time": ["12", "40", "8", "15"],
            "Submitted": ["2026-03-01 10:00", "2026-03-02 11:00", "x", "2026-03-04"],
        }
    )
    assert guess_columns(frame, {})["date"] == "Submitted"
    assert guess_columns(frame[["first_time", "Response time"]], {})["date"] is None


def test_a_google_form_in_spanish_is_recognised(engine: Engine) -> None:
    path = survey("google-forms-spanish.csv")
    proposal = preview(path, SHOP)
    mapping = proposal.mapping
    assert proposal.format == "google-forms"
    assert mapping.score == (
        "¿Qué probabilidad hay de que recomiende nuestra tienda a un amigo o colega?"
    )
    assert (mapping.date, mapping.dayfirst) == ("Marca temporal", True)
    assert mapping.comment == "¿Por qué?"
    assert mapping.contact == "Dirección de correo electrónico"
    assert mapping.location == "¿Qué tienda visitó?"
    mapping = mapping.model_copy(update={"touchpoint_value": "checkout"})
    report = run_import(engine, SHOP, path, mapping)
    assert (report.imported, report.rejected_count) == (4, 0)
    stored = read_responses(engine, "shop")
    assert stored["responded_at"].dt.date.tolist()[0] == date(2026, 4, 3)


def test_test_and_spam_rows_of_any_tool_are_left_out(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Date,Status,How likely are you to recommend us?\n"
        "2026-03-01,Complete,9\n2026-03-01,Spam,0\n2026-03-02,Test,0\n2026-03-03,,10\n"
    )
    mapping = ImportMapping.model_validate(
        preview(path, SHOP).mapping.model_dump() | {"survey_kind": "relationship"}
    )
    report = run_import(engine, SHOP, path, mapping)
    assert (report.rows_read, report.imported, report.test_rows) == (4, 2, 2)
    assert sorted(read_responses(engine, "shop")["score"]) == [9, 10]
