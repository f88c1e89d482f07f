"""The voice-of-the-customer commands: exit codes and JSON shapes."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import func, select

from journeymap.cli import main
from journeymap.store.engine import open_database
from journeymap.store.evidence import insert_responses
from journeymap.store.tables import AuditRow, DetractorCaseRow
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
            "too_old",
            "conflicting",
            "source",
            "batch_id",
        )
    } == {
        "file": "bom.csv",
        "format": "generic",
        "rows_read": 3,
        "imported": 3,
        "duplicates": 0,
        "rejected_count": 0,
        "blank_scores": 0,
        # June's detractor is long past the 24 hours: history, not a case to work.
        "cases_created": 0,
        "too_old": 1,
        "conflicting": 0,
        "source": "Survey: bom",
        "batch_id": 1,
    }
    assert report["mapping"]["score"] == "Score"
    assert report["rejected"] == []
    assert len(report["sha256"]) == 64
    code, out, _ = run(capsys, *args)
    again = json.loads(out)
    assert (code, again["duplicates"], again["already_from"]) == (0, 3, {"1": 3})


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
    assert lines[1] == (
        "bad-rows.csv (generic, source 'Survey: bad-rows' (a new source)): 9 rows read, "
        "2 responses imported (new), 0 already there (skipped), 0 conflicting, 6 rejected, "
        "1 without a score"
    )
    assert lines[2] == "stored as import 1 (undo-import 1)"
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
    keys = {"survey_kind", "a", "b", "difference", "margin", "se", "z", "p", "touchpoints"}
    assert set(data) == keys
    assert data["a"]["n"] == 0
    assert data["difference"] is None
    assert data["b"]["n"] == 9
    assert data["b"]["period"] == "2026-03"
    code, out, _ = run(
        capsys, "--db", db, "nps-compare", "shop", "--a", "2025-Q4", "--b", "2026-Q1", "--json"
    )
    data = json.loads(out)
    assert ESTIMATE_KEYS <= set(data["b"])
    assert {
        "touchpoint",
        "n_a",
        "nps_a",
        "n_b",
        "nps_b",
        "difference",
        "change_low",
        "change_high",
        "z",
        "p",
        "p_adjusted",
        "significant",
        "small_sample",
    } == set(data["touchpoints"][0])
    code, _, err = run(capsys, "--db", db, "nps-compare", "shop", "--b", "2026-13")
    assert code == 1
    assert "'2026-13' is not a period" in err


def two_months(tmp_path: Path) -> Path:
    """Answers to count by hand, February (A) and March (B) 2026.

    checkout: A 20/5/5 of 30 → +50, σ² = 2/3 + 1/6 − (1/2)² = 7/12;
              B 15/10/5 of 30 → +33.3, σ² = 1/2 + 1/6 − (1/3)² = 5/9.
    advice:   A 2/0/1 of 3 → +33.3; B 1/0/0 of 1 → +100 (both thin).
    phone:    B 30/0/0 of 30 → +100: not thin, but σ² = 0, so adjusted-Wald.
    Overall:  A 22/5/6 of 33 → +48.5; B 46/10/5 of 61 → +67.2.
    """
    groups = [
        ("2026-02-10", "checkout", 10, 20),
        ("2026-02-10", "checkout", 8, 5),
        ("2026-02-10", "checkout", 3, 5),
        ("2026-03-10", "checkout", 10, 15),
        ("2026-03-10", "checkout", 8, 10),
        ("2026-03-10", "checkout", 3, 5),
        ("2026-02-11", "advice", 10, 2),
        ("2026-02-11", "advice", 3, 1),
        ("2026-03-11", "advice", 10, 1),
        ("2026-03-12", "phone", 10, 30),
    ]
    lines = ["Date,Touchpoint,Score"]
    lines += [f"{day},{tp},{score}" for day, tp, score, count in groups for _ in range(count)]
    path = tmp_path / "two-months.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def answered(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code, _, _ = run(capsys, "--db", db, "import-responses", "shop", str(two_months(tmp_path)))
    assert code == 0
    return db


def test_nps_text_names_the_interval_it_used(
    capsys: pytest.CaptureFixture[str], answered: str
) -> None:
    code, out, _ = run(capsys, "--db", answered, "nps", "shop", "--by", "touchpoint", "month")
    assert code == 0
    rows = {line[:36].strip(): line[36:].split(None, 2)[2] for line in out.splitlines()[1:6]}
    # checkout A: SE = 100·√(7/12 / 30) = 13.944, ±1.96·SE = ±27.33 around +50.
    assert rows["checkout 2026-02"] == "+50.0  95 % interval +22.7 … +77.3"
    # advice A: +0.75 promoter, 1.5 passive, 0.75 detractor → 2.75/1.5/1.75 of 6:
    # centre +16.7, SE = 100·√((.75 − (1/6)²) / 6) = 34.69, ±68.0 → −51.3 … +84.7.
    assert rows["advice 2026-02"] == (
        "+33.3  adjusted-Wald 95 % interval -51.3 … +84.7 (few answers)"
    )
    # phone B: 30.75/1.5/0.75 of 33, centre +90.9, SE = 6.230, ±12.21 → +78.7 … (100).
    assert rows["phone 2026-03"] == "+100.0  adjusted-Wald 95 % interval +78.7 … +100.0"
    assert out.splitlines()[6:] == [
        "(few answers): n < 30, read as a hint",
        "adjusted-Wald: the interval used below 30 answers or when all answers are in one "
        "group, where the plain one is too narrow (Rocks 2016)",
    ]


def test_nps_compare_flags_thin_touchpoints(
    capsys: pytest.CaptureFixture[str], answered: str
) -> None:
    args = ("--db", answered, "nps-compare", "shop", "--a", "2026-02", "--b", "2026-03")
    code, out, _ = run(capsys, *args, "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["a"]["n"], data["b"]["n"]) == (33, 61)
    assert data["difference"] == pytest.approx(100 * (41 / 61 - 16 / 33))
    rows = {row["touchpoint"]: row for row in data["touchpoints"]}
    assert {tp: row["small_sample"] for tp, row in rows.items()} == {
        "advice": True,  # 3 → 1
        "checkout": False,  # 30 → 30
        "phone": True,  # none in A
    }
    # z = (33.3 − 50) / √(10000·(7/12)/30 + 10000·(5/9)/30)
    assert rows["checkout"]["z"] == pytest.approx(
        (100 / 3 - 50) / math.sqrt(70000 / 360 + 50000 / 270)  # −0.8554
    )
    code, out, _ = run(capsys, *args)
    lines = out.splitlines()
    # A: σ² = 2/3 + 6/33 − (16/33)² = .6134, SE = 100·√(.6134/33) = 13.63, ±26.72.
    assert lines[0] == "A 2026-02: NPS +48.5 (n=33), 95 % interval +21.8 … +75.2"
    words = [" ".join(line.split()) for line in lines]
    # B − A = 67.2 − 48.5 = +18.7; each change with its interval: checkout −16.7 ± 1.96 ·
    # 19.48 = −54.9 … +21.5 (advice's is the adjusted-Wald one of its few answers).
    assert words[2].startswith("B − A = +18.7 ±")
    assert words[3].startswith("advice +66.7 (")
    assert words[3].endswith(") (n 3 → 1) (few answers)")
    assert words[4:6] == [
        "checkout -16.7 (-54.9 … +21.5) (n 30 → 30)",
        "phone — (n 0 → 30) (few answers)",
    ]
    assert lines[-1] == "(few answers): n < 30, read as a hint"


@pytest.mark.parametrize(
    ("a", "b", "example"),
    [
        ("2026", "2026-03", "e.g. 2026-02 vs 2026-03, or 2025 vs 2026"),
        ("2026-Q1", "2026-02", "e.g. 2026-01 vs 2026-02, or 2025-Q4 vs 2026-Q1"),
        ("2026-03", "2026-03", "e.g. 2026-02 vs 2026-03"),
    ],
)
def test_nps_compare_refuses_overlapping_periods(
    capsys: pytest.CaptureFixture[str], answered: str, a: str, b: str, example: str
) -> None:
    args = ("--db", answered, "nps-compare", "shop", "--a", a, "--b", b)
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"journeymap: periods {a} and {b} overlap (")
    assert err.rstrip().endswith(f"pick periods that do not overlap, {example}")
    code, out, err = run(capsys, *args, "--json")
    assert (code, err) == (2, "")
    assert json.loads(out)["error"].startswith(f"periods {a} and {b} overlap")


def test_import_errors_are_json_with_json(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    dates = survey("ambiguous-dates.csv")
    code, out, err = run(capsys, "--db", db, "import-responses", "shop", str(dates), "--json")
    assert (code, err) == (1, "")
    assert json.loads(out) == {
        "error": "ambiguous-dates.csv: column 'Date': dates such as 03/04/2026 could be "
        "3 April or 4 March: give --dayfirst or --date-format %m/%d/%Y",
        "file": "ambiguous-dates.csv",
        "problems": [
            {
                "location": "column 'Date'",
                "message": "dates such as 03/04/2026 could be 3 April or 4 March: give "
                "--dayfirst or --date-format %m/%d/%Y",
            }
        ],
    }
    bom = str(survey("bom.csv"))
    code, out, _ = run(
        capsys, "--db", db, "import-responses", "shop", bom, "--score", "Nope", "--json"
    )
    assert code == 1
    assert json.loads(out)["problems"] == [
        {
            "location": "--score Nope",
            "message": "there is no column 'Nope' in the file: use one of Date, Touchpoint, "
            "Score, Email",
        }
    ]
    code, out, _ = run(capsys, "--db", db, "import-responses", "nope", bom, "--json")
    assert (code, json.loads(out)) == (
        1,
        {
            "error": "there is no journey 'nope' in the workspace: "
            "`python -m journeymap journeys` lists them",
            "file": "bom.csv",
        },
    )
    twice = tmp_path / "twice.csv"
    twice.write_text("date,touchpoint,Ventetid,wait_minutes\n2026-03-01,checkout,4,5\n")
    missing = tmp_path / "missing.csv"
    for path, message in [
        (twice, "columns 'Ventetid' and 'wait_minutes' are both metric 'wait_minutes'"),
        (missing, "cannot read the file (No such file or directory): check the path"),
    ]:
        code, out, err = run(capsys, "--db", db, "import-metrics", "shop", str(path), "--json")
        error = json.loads(out)
        assert (code, err, error["file"]) == (1, "", path.name)
        assert message in error["error"]
        # Without --json the same failure stays one line of text, with the same exit code.
        code, out, _ = run(capsys, "--db", db, "import-metrics", "shop", str(path))
        assert code == 1
        assert out.startswith(f"{path.name}: ")
        assert message in out


def test_import_metrics_json(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("date,touchpoint,wait_minutes\n2026-01-01,checkout,4\n2026-01-02,checkout,x\n")
    code, out, _ = run(capsys, "--db", db, "import-metrics", "shop", str(path), "--json")
    report = json.loads(out)
    assert (code, report["imported"], report["rejected_count"]) == (0, 1, 1)
    assert report["rejected"][0]["row"] == 3


def recent_export(path: Path, now: datetime) -> Path:
    """Answers of the day and a half before ``now``."""
    rows = [
        (now - timedelta(hours=2), 3, "+45 12 34 56 78"),  # a call-back still to make
        (now - timedelta(hours=3), 10, "fan@example.dk"),  # a promoter: no call-back
        (now - timedelta(hours=30), 0, "ole@example.dk"),  # past the 24 hours already
    ]
    lines = ["Date,Touchpoint,Score,Email"] + [
        f"{at:%Y-%m-%d %H:%M:%S},checkout,{score},{contact}" for at, score, contact in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cases_json_overdue_and_csv(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    # The clock stands still: which answer is past its 24 hours, and whether a case is
    # overdue, must not depend on the hour the suite runs at.
    now = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        cases_of_a_recent_export(capsys, db, recent_export(tmp_path / "recent.csv", now))


def cases_of_a_recent_export(capsys: pytest.CaptureFixture[str], db: str, export: Path) -> None:
    tmp_path = export.parent
    code, out, _ = run(capsys, "--db", db, "import-responses", "shop", str(export), "--json")
    report = json.loads(out)
    assert (code, report.get("cases_created"), report.get("too_old")) == (0, 1, 1), out
    code, out, _ = run(
        capsys, "--db", db, "cases", "shop", "--json", "--csv", str(tmp_path / "c.csv")
    )
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"journey", "now", "created", "without_case", "cases", "compliance"}
    # The import made the one case it could; the old detractor is not "missing" one.
    assert (data["created"], data["without_case"]) == (0, 0)
    assert [(c["score"], c["overdue"]) for c in data["cases"]] == [(3, False)]
    # Not due yet, not called yet: nothing to judge, so no 0 %.
    assert [(row["n"], row["share"]) for row in data["compliance"]] == [(0, None)]
    exported = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "'+45 12 34 56 78" in exported
    code, out, _ = run(capsys, "--db", db, "cases", "shop", "--overdue")
    assert code == 0
    assert out.startswith("0 overdue call-back cases")


def test_cases_of_old_responses_are_made_only_when_asked(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    engine = open_database(db)
    # Stored before imports made cases: two detractors with contact details, no case.
    insert_responses(
        engine,
        [
            {
                "journey_id": "shop",
                "dedup_key": f"old-{score}",
                "touchpoint_id": "checkout",
                "responded_at": datetime(2026, 3, 1, 9, tzinfo=UTC),
                "score": score,
                "contact": f"kunde{score}@example.dk",
            }
            for score in (2, 5, 9)
        ],
        actor="test",
    )
    code, out, _ = run(capsys, "--db", db, "cases", "shop", "--json")
    data = json.loads(out)
    assert (code, data["created"], data["without_case"], data["cases"]) == (0, 0, 2, [])
    code, out, _ = run(capsys, "--db", db, "cases", "shop")
    assert "2 detractor answers with contact details have no case" in out
    assert "--create-missing" in out
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(DetractorCaseRow)) == 0
    code, out, _ = run(
        capsys, "--db", db, "--as", "Lene", "cases", "shop", "--create-missing", "--json"
    )
    data = json.loads(out)
    assert (code, data["created"], data["without_case"], len(data["cases"])) == (0, 2, 0, 2)
    with engine.connect() as connection:
        actor = connection.scalar(
            select(AuditRow.actor).where(AuditRow.object_kind == "call-back cases")
        )
    assert actor == "Lene (command line)"
