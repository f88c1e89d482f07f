"""Importing visits from CSV/XLSX, and the mystery-shopping CLI commands."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
import time_machine

from journeymap.analytics.answer_values import AnswerValueError, coerce_answer
from journeymap.io.visit_import import parse_visits
from journeymap.io.visit_tables import read_table
from journeymap.store.engine import open_database
from journeymap.store.programme import read_visits
from tests.shopping import SHOPPER_ID, TABLET_QUESTIONNAIRE, seed_tablet_visit, tablet_questionnaire
from tests.unit.test_cli import run

HEADER = "visit,location,shopper,visited_on,status,greeted,greeted comment,wait,tidy,"
HEADER += "whole-economy,outcome,minutes,jargon,adviser-name\n"
GOOD = f"p-1,tablet-branch,{SHOPPER_ID},2026-10-02,approved,no,Empty desk,4:10,4,yes,"
GOOD += "A pre-approval,45,n/a,Anne\n"
UNKNOWN_PLACE = (
    f"p-2,nowhere,{SHOPPER_ID},2026-10-02,approved,yes,,60,4,yes,A pre-approval,45,no,\n"
)
BAD_VALUE = (
    f"p-3,tablet-branch,{SHOPPER_ID},2026-10-02,approved,maybe,,60,4,yes,A pre-approval,45,no,\n"
)
NO_COMMENT = (
    f"p-4,tablet-branch,{SHOPPER_ID},2026-10-02,approved,no,,60,4,yes,A pre-approval,45,no,\n"
)
STAFF_AT_RIVAL = (
    f"p-5,rival-bank,{SHOPPER_ID},2026-10-02,approved,yes,,60,4,yes,A pre-approval,45,no,Bo\n"
)
CSV = HEADER + GOOD + UNKNOWN_PLACE + BAD_VALUE + NO_COMMENT + STAFF_AT_RIVAL
LOCATIONS = {"tablet-branch": False, "rival-bank": True}


def test_valid_rows_are_kept_and_each_bad_row_is_named() -> None:
    frame = read_table("visits.csv", CSV.encode())
    result = parse_visits(frame, tablet_questionnaire(), LOCATIONS, {SHOPPER_ID})
    assert [v["external_key"] for v in result.visits] == ["p-1"]
    assert [str(e) for e in result.errors] == [
        "row 3: unknown location 'nowhere': add it to the programme first",
        "row 4: greeted: 'maybe' is not yes or no: write yes, no or n/a",
        "row 5: greeted: comment missing",
        "row 6: adviser-name: personal data is never recorded on a competitor visit",
    ]
    answers = {a["question_id"]: a for a in result.answers}
    assert answers["wait"]["value"] == 250  # 4:10 read as seconds
    assert answers["jargon"]["not_applicable"]
    assert answers["greeted"]["comment"] == "Empty desk"


def test_xlsx_reads_like_csv(tmp_path: Path) -> None:
    path = tmp_path / "visits.xlsx"
    pd.read_csv(io.StringIO(HEADER + GOOD), dtype=str, keep_default_na=False).to_excel(
        path, index=False
    )
    frame = read_table(path.name, path.read_bytes())
    result = parse_visits(frame, tablet_questionnaire(), LOCATIONS, {SHOPPER_ID})
    assert (len(result.visits), result.errors) == (1, [])


@pytest.mark.parametrize(
    ("question_id", "raw", "expected"),
    [
        ("greeted", "Ja", (True, False)),
        ("greeted", "0", (False, False)),
        ("jargon", "N/A", (None, True)),
        ("outcome", "a pre-approval", ("A pre-approval", False)),
        ("minutes", "45,5", (45.5, False)),
        ("wait", "1:02:03", (3723, False)),
    ],
)
def test_cells_are_read_as_answers(question_id: str, raw: str, expected: tuple) -> None:  # type: ignore[type-arg]
    question = next(q for q in tablet_questionnaire().questions() if q.id == question_id)
    assert coerce_answer(question, raw) == expected


@pytest.mark.parametrize(
    ("question_id", "raw", "message"),
    [
        ("greeted", "n/a", "N/A is not allowed"),
        ("tidy", "7", "outside the scale 1–5"),
        ("minutes", "-3", "must be a number of 0 or more"),
        ("outcome", "Nothing", "is not one of the options"),
    ],
)
def test_bad_cells_say_what_to_write(question_id: str, raw: str, message: str) -> None:
    question = next(q for q in tablet_questionnaire().questions() if q.id == question_id)
    with pytest.raises(AnswerValueError, match=message):
        coerce_answer(question, raw)


def test_cli_imports_and_scores(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    seed_tablet_visit(open_database(url))
    code, out, _ = run(capsys, "--db", url, "import-questionnaire", str(TABLET_QUESTIONNAIRE))
    assert (code, out) == (0, "bank-tablet version 1: unchanged\n")
    table = tmp_path / "visits.csv"
    table.write_text(CSV, encoding="utf-8")
    # The file says approved; only the import's --status lets visits skip review.
    code, out, _ = run(
        capsys, "--db", url, "import-visits", "bank-tablet", str(table), "--status", "approved"
    )
    assert code == 1
    assert f"{table}: row 3: unknown location 'nowhere'" in out
    assert out.endswith("imported 1 visits with 8 answers; 4 rows with problems left out\n")
    code, out, _ = run(capsys, "--db", url, "shopper-scores", "bank-advisory", "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert (row["location_id"], row["n_visits"]) == ("tablet-branch", 1)
    # greeted 0/2, wait 3/3 (250 s ≤ 300), tidy 1.5/2 → 4.5/7; meeting 3+3+2 of 8 (jargon N/A)
    assert row["score_pct"] == pytest.approx(round((450 / 7 + 2 * 100) / 3, 1))
    code, out, _ = run(
        capsys, "--db", url, "shopper-scores", "bank-advisory", "--by", "touchpoint", "--json"
    )
    assert {r["touchpoint"] for r in json.loads(out)} == {"venter-filial", "raadgivningsmoede"}


def test_shopper_scores_text_names_competitors_and_leaves_them_out_by_touchpoint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    seed_tablet_visit(open_database(url))
    # The same answers as GOOD at the competitor (without the adviser's name).
    at_rival = GOOD.replace("p-1,tablet-branch", "p-6,rival-bank").replace(",Anne\n", ",\n")
    table = tmp_path / "visits.csv"
    table.write_text(HEADER + GOOD + at_rival, encoding="utf-8")
    code, _, _ = run(
        capsys, "--db", url, "import-visits", "bank-tablet", str(table), "--status", "approved"
    )
    assert code == 0
    score = round((450 / 7 + 2 * 100) / 3, 1)  # as in test_cli_imports_and_scores: 88.1
    code, out, _ = run(capsys, "--db", url, "shopper-scores", "bank-advisory")
    lines = [" ".join(line.split()) for line in out.splitlines()[1:]]
    assert (code, lines) == (
        0,
        [
            "of Branch visit (tablet test) version 1 (one questionnaire version at a time)",
            f"rival-bank · Rival bank · Test · competitor n=1 {score} % (one visit: no interval)",
            f"tablet-branch · Test branch · Test · own n=1 {score} % (one visit: no interval)",
        ],
    )
    code, out, _ = run(capsys, "--db", url, "shopper-scores", "bank-advisory", "--by", "touchpoint")
    lines = out.splitlines()
    assert code == 0
    assert len(lines) > 3
    assert all(" n=1 " in line for line in lines[2:-1])  # the rival's visit is not counted
    assert lines[-1] == "own locations only: competitor visits are left out (see --by location)"
    code, out, _ = run(
        capsys, "--db", url, "shopper-scores", "bank-advisory", "--by", "touchpoint", "--json"
    )
    assert {r["n_visits"] for r in json.loads(out)} == {1}


@time_machine.travel(datetime(2026, 12, 7, 23, 30, tzinfo=UTC), tick=False)
def test_a_row_without_a_day_is_dated_the_workspaces_today(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 23:30 UTC is 00:30 on the 8th in Copenhagen, the workspace's zone by default.
    url = f"sqlite:///{tmp_path / 'j.db'}"
    seed_tablet_visit(open_database(url))
    run(capsys, "--db", url, "import-questionnaire", str(TABLET_QUESTIONNAIRE))
    table = tmp_path / "visits.csv"
    table.write_text(HEADER + GOOD.replace("2026-10-02", ""), encoding="utf-8")
    code, out, _ = run(capsys, "--db", url, "import-visits", "bank-tablet", str(table))
    assert code == 0, out
    visits = read_visits(open_database(url), "bank-advisory")
    imported = visits[visits["external_key"] == "p-1"]
    assert [str(d.date()) for d in pd.to_datetime(imported["visited_at"])] == ["2026-12-08"]
