"""The voice-of-the-customer commands: exit codes and JSON shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.cli import main
from tests.unit.voc_helpers import shop_engine, survey

ESTIMATE_KEYS = {
    "n",
    "promoters",
    "passives",
    "detractors",
    "nps",
    "se",
    "ci_low",
    "ci_high",
    "adjusted_wald",
    "small_sample",
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    shop_engine(url)
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_responses_json_and_reimport(capsys: pytest.CaptureFixture[str], db: str) -> None:
    args = ("--db", db, "import-responses", "shop", str(survey("bom.csv")), "--json")
    code, out, _ = run(capsys, *args)
    report = json.loads(out)
    assert code == 0
    assert {
        k: report[k]
        for k in (
            "file",
            "format",
            "rows_read",
            "imported",
            "duplicates",
            "rejected_count",
            "blank_scores",
            "cases_created",
        )
    } == {
        "file": "bom.csv",
        "format": "generic",
        "rows_read": 3,
        "imported": 3,
        "duplicates": 0,
        "rejected_count": 0,
        "blank_scores": 0,
        "cases_created": 1,
    }
    assert report["mapping"]["score"] == "Score"
    assert report["rejected"] == []
    code, out, _ = run(capsys, *args)
    assert (code, json.loads(out)["duplicates"]) == (0, 3)


def test_import_text_report_lists_rejected_rows(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "import-responses",
        "shop",
        str(survey("bad-rows.csv")),
        "--score",
        "Score",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("columns: score=Score, date=Date, touchpoint=Touchpoint")
    assert (
        "9 rows read, 2 responses imported, 0 already there (skipped), 6 rejected, "
        "1 without a score" in lines[1]
    )
    assert "row 3, column 'Score': '11' is not a score: give a whole number from 0 to 10" in lines


def test_unusable_files_exit_1_with_the_fix(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "--db", db, "import-responses", "shop", str(survey("ambiguous-dates.csv"))
    )
    assert code == 1
    assert "give --dayfirst or --date-format %m/%d/%Y" in out
    code, _, _ = run(
        capsys,
        "--db",
        db,
        "import-responses",
        "shop",
        str(survey("ambiguous-dates.csv")),
        "--dayfirst",
    )
    assert code == 0
    nothing = tmp_path / "all-bad.csv"
    nothing.write_text("Date,Touchpoint,Score\n2026-01-01,checkout,eleven\n")
    code, out, _ = run(
        capsys, "--db", db, "import-responses", "shop", str(nothing), "--score", "Score"
    )
    assert code == 1
    assert "1 rejected" in out
    code, _, err = run(capsys, "--db", db, "import-responses", "nope", str(nothing))
    assert code == 1
    assert "there is no journey 'nope'" in err


def test_nps_json_by_touchpoint_and_month(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(capsys, "--db", db, "import-responses", "shop", str(survey("surveymonkey.csv")))
    code, out, _ = run(capsys, "--db", db, "nps", "shop", "--by", "touchpoint", "month", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["touchpoint"], r["month"], r["n"]) for r in rows] == [
        ("advice", "2026-03", 2),
        ("checkout", "2026-03", 1),
        ("phone", "2026-03", 1),
    ]
    assert all(ESTIMATE_KEYS | {"touchpoint", "month", "survey_kind"} == set(r) for r in rows)
    assert rows[0]["nps"] == 50.0
    assert rows[0]["small_sample"] is True
    code, out, _ = run(capsys, "--db", db, "nps", "shop", "--from", "2026-03-16", "--json")
    assert json.loads(out)[0]["n"] == 2


def test_nps_compare_json(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run(
        capsys,
        "--db",
        db,
        "import-responses",
        "shop",
        str(survey("qualtrics.csv")),
        "--touchpoint",
        "Q4",
    )
    run(capsys, "--db", db, "import-responses", "shop", str(survey("surveymonkey.csv")))
    code, out, _ = run(
        capsys, "--db", db, "nps-compare", "shop", "--a", "2026-02", "--b", "2026-03", "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"survey_kind", "a", "b", "difference", "se", "z", "p", "touchpoints"}
    assert data["a"]["n"] == 0
    assert data["difference"] is None
    assert data["b"]["n"] == 9
    assert data["b"]["period"] == "2026-03"
    code, out, _ = run(
        capsys, "--db", db, "nps-compare", "shop", "--a", "2026-Q1", "--b", "2026", "--json"
    )
    data = json.loads(out)
    assert ESTIMATE_KEYS <= set(data["b"])
    assert data["difference"] == 0.0
    assert data["p"] == 1.0
    assert {
        "touchpoint",
        "n_a",
        "nps_a",
        "n_b",
        "nps_b",
        "difference",
        "z",
        "p",
        "p_adjusted",
        "significant",
    } == set(data["touchpoints"][0])
    code, _, err = run(capsys, "--db", db, "nps-compare", "shop", "--b", "2026-13")
    assert code == 1
    assert "'2026-13' is not a period" in err


def test_import_metrics_json(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("date,touchpoint,wait_minutes\n2026-01-01,checkout,4\n2026-01-02,checkout,x\n")
    code, out, _ = run(capsys, "--db", db, "import-metrics", "shop", str(path), "--json")
    report = json.loads(out)
    assert (code, report["imported"], report["rejected_count"]) == (0, 1, 1)
    assert report["rejected"][0]["row"] == 3


def test_cases_json_overdue_and_csv(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    run(
        capsys,
        "--db",
        db,
        "import-responses",
        "shop",
        str(survey("qualtrics.csv")),
        "--touchpoint",
        "Q4",
    )
    code, out, _ = run(
        capsys, "--db", db, "cases", "shop", "--json", "--csv", str(tmp_path / "c.csv")
    )
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"journey", "now", "created", "cases", "compliance"}
    assert [c["score"] for c in data["cases"]] == [3, 0]
    assert data["cases"][0]["overdue"] is True
    assert data["cases"][0]["due_at"].startswith("2026-03-05T15:05:01")
    assert data["compliance"] == [
        {"period": "2026-03", "n": 2, "on_time": 0, "late_or_missed": 2, "share": 0.0}
    ]
    exported = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "'+45 12 34 56 78" in exported
    code, out, _ = run(capsys, "--db", db, "cases", "shop", "--overdue")
    assert code == 0
    assert out.startswith("2 overdue call-back cases")
