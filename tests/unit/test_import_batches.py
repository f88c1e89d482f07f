"""Import batches: listed with what each did, undone exactly, history without false
alarms, and the kept NPS month counts equal to counting the responses."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from journeymap.analytics.periods import parse_period
from journeymap.cli import main
from journeymap.io.survey_import import ImportMapping
from journeymap.model.access import Role, Viewer
from journeymap.services import cases
from journeymap.services.access import NotAllowed
from journeymap.services.import_batches import list_batches, plan_undo, undo_batch
from journeymap.services.period_report import build_report
from journeymap.store import nps_summary
from journeymap.store.audit import read_audit
from journeymap.store.data_revision import responses_revision
from journeymap.store.evidence import insert_responses, read_nps_counts, read_responses
from journeymap.store.tables import DetractorCaseRow, NpsMonthCountRow, NpsSummaryRow
from tests.unit.voc_helpers import IMPORTER, SHOP, run_import, shop_engine

ANALYST = Viewer(name="Ane Analyst", role=Role.ANALYST)
MAPPING = ImportMapping(
    score="Score", date="Date", touchpoint="Touchpoint", comment="Comment", contact="Email"
)
NOW = datetime(2026, 10, 31, 18, tzinfo=UTC)


def write(path: Path, rows: list[tuple[datetime, str, int, str, str]]) -> Path:
    lines = ["Date,Touchpoint,Score,Comment,Email"] + [
        f"{at:%Y-%m-%d %H:%M:%S},{tp},{score},{comment},{email}"
        for at, tp, score, comment, email in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def history(months: int = 17, per_month: int = 20) -> list[tuple[datetime, str, int, str, str]]:
    """``months`` of answers up to October 2026; every third detractor left an e-mail."""
    rows = []
    first = date(2026, 10, 1) - timedelta(days=30 * (months - 1))
    for m in range(months):
        for i in range(per_month):
            at = datetime(first.year, first.month, 1, 9, tzinfo=UTC)
            at += timedelta(days=30 * m + i % 27, hours=i % 8, minutes=i)
            score = (i * 7 + m) % 11
            email = f"k{m}-{i}@example.dk" if score <= 6 and i % 3 == 0 else ""
            rows.append((at, ("checkout", "advice")[i % 2], score, f"m{m} a{i}", email))
    return rows


@pytest.fixture
def engine(database_url: str) -> Engine:
    return shop_engine(database_url)


def case_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(DetractorCaseRow)) or 0)


def test_seventeen_months_of_history_make_no_overdue_cases(engine: Engine, tmp_path: Path) -> None:
    rows = history()
    recent = [
        (NOW - timedelta(hours=8), "checkout", 2, "rude", "ole@example.dk"),
        (NOW - timedelta(hours=4), "advice", 5, "slow", "+45 12 34 56 78"),
    ]
    report = run_import(engine, SHOP, write(tmp_path / "history.csv", rows + recent), MAPPING,
                        now=NOW)  # fmt: skip
    old_detractors = sum(1 for *_, score, _, email in rows if score <= 6 and email)
    assert old_detractors >= 48
    assert (report.cases_created, report.too_old) == (2, old_detractors)
    assert f"{old_detractors} detractors were already past the call-back deadline" in (
        " ".join(report.lines())
    )
    assert cases.list_cases(IMPORTER, engine, "shop", only_overdue=True, now=NOW).empty
    # The import decided on them: "create the missing cases" does not bring them back.
    assert cases.missing_cases(IMPORTER, engine, "shop") == 0
    (batch,) = list_batches(IMPORTER, engine, "shop")
    assert (batch.counts["too_old"], batch.counts["cases_created"]) == (old_detractors, 2)

    # One call made in time, one missed: October's compliance is 50 %, not 0 %.
    listed = cases.list_cases(IMPORTER, engine, "shop", now=NOW)
    first = listed[listed["score"] == 2].iloc[0]
    cases.update_case(IMPORTER, engine, int(first["id"]), cases.CaseUpdate(status="contacted"),
                      expected_version=1, now=NOW)  # fmt: skip
    later = NOW + timedelta(days=2)
    report_data = build_report(engine, SHOP, parse_period("2026-10"), now=later,
                               with_diagram=False)  # fmt: skip
    assert report_data.callbacks is not None
    assert (report_data.callbacks.successes, report_data.callbacks.n) == (1, 2)


def test_compliance_leaves_out_cases_made_after_their_deadline(engine: Engine) -> None:
    from journeymap.analytics.callbacks import compliance

    insert_responses(
        engine,
        [
            {"journey_id": "shop", "dedup_key": f"h{i}", "touchpoint_id": "checkout",
             "responded_at": datetime(2026, 9, 1 + i, 9, tzinfo=UTC), "score": 1,
             "contact": f"c{i}@example.dk"}
            for i in range(3)
        ],
        actor="test",
    )  # fmt: skip
    # Made by hand a month later: overdue from the start, they could not have been met.
    cases.create_missing_cases(IMPORTER, engine, "shop", now=NOW)
    table = compliance(cases.list_cases(IMPORTER, engine, "shop", now=NOW), NOW)
    assert list(table["n"]) == [0]


def test_undo_removes_exactly_its_batch_and_the_cases_made_from_it(
    engine: Engine, tmp_path: Path
) -> None:
    day = NOW - timedelta(hours=10)
    first_rows = [(day + timedelta(minutes=i), "checkout", i % 11, f"a{i}",
                   f"a{i}@example.dk" if i % 11 <= 6 else "") for i in range(20)]  # fmt: skip
    second_rows = first_rows[15:] + [
        (day + timedelta(minutes=100 + i), "advice", 9, f"b{i}", "") for i in range(5)
    ]
    first = run_import(engine, SHOP, write(tmp_path / "a.csv", first_rows), MAPPING, now=NOW)
    revision = responses_revision(engine, "shop")
    second = run_import(engine, SHOP, write(tmp_path / "b.csv", second_rows), MAPPING, now=NOW)
    assert (second.imported, second.already_from) == (5, {first.batch_id: 5})
    # Scores 0–6 of i = 0 … 6 and 11 … 17 left an e-mail: 14 cases.
    assert (first.cases_created, second.cases_created) == (14, 0)
    assert first.batch_id is not None

    plan = plan_undo(IMPORTER, engine, first.batch_id)
    assert (plan.responses, plan.cases, plan.worked_cases) == (20, 14, 0)
    assert plan.relied_on_by == {second.batch_id: 5}
    done = undo_batch(IMPORTER, engine, first.batch_id)
    assert (done.responses, done.cases) == (20, 14)
    assert done.sentence() == (
        f"import {first.batch_id} undone: 20 responses and 14 call-back cases removed; "
        f"later imports found some of these answers already there: import "
        f"{second.batch_id} (5): import their files again to keep those answers"
    )
    left = read_responses(engine, "shop")
    assert sorted(left["comment"]) == [f"b{i}" for i in range(5)]
    assert case_count(engine) == 0
    entry = read_audit(engine, object_kind="import")[0]
    assert (entry.actor, entry.action, entry.object_id) == (
        "Ida Importer",
        "undone",
        str(first.batch_id),
    )
    assert entry.detail == "20 responses and 14 call-back cases removed"
    batches = {b.id: b for b in list_batches(IMPORTER, engine, "shop")}
    assert (batches[first.batch_id].undone_by, batches[first.batch_id].responses) == (
        "Ida Importer",
        0,
    )
    assert batches[second.batch_id].responses == 5
    with pytest.raises(ValueError, match=f"import {first.batch_id} .* was already undone by"):
        undo_batch(IMPORTER, engine, first.batch_id)
    with pytest.raises(ValueError, match="there is no import 999"):
        undo_batch(IMPORTER, engine, 999)

    # The kept month counts lost exactly the batch: the same as counting again.
    assert_counts_as_counted(engine)
    # The file can simply be imported again (all of it: import 2 had only found five of
    # its answers already there); the caches see a new revision.
    again = run_import(engine, SHOP, tmp_path / "a.csv", MAPPING, now=NOW)
    assert (again.imported, again.duplicates) == (20, 0)
    assert responses_revision(engine, "shop") != revision


def test_undo_refuses_while_a_case_from_it_was_worked_unless_forced(
    engine: Engine, tmp_path: Path
) -> None:
    rows = [(NOW - timedelta(hours=3), "checkout", 1, "bad", "ole@example.dk"),
            (NOW - timedelta(hours=2), "checkout", 2, "worse", "eva@example.dk")]  # fmt: skip
    batch = run_import(engine, SHOP, write(tmp_path / "a.csv", rows), MAPPING, now=NOW).batch_id
    assert batch is not None
    case_id = int(cases.list_cases(IMPORTER, engine, "shop", now=NOW).iloc[0]["id"])
    cases.update_case(IMPORTER, engine, case_id, cases.CaseUpdate(notes="Called, no answer"),
                      expected_version=1, now=NOW)  # fmt: skip
    with pytest.raises(ValueError, match="already worked") as refused:
        undo_batch(IMPORTER, engine, batch)
    assert str(refused.value) == (
        f"import {batch} has 1 call-back case someone has already worked (status, owner or "
        "notes changed): undoing it would delete that work too. Export the cases first "
        "(cases JOURNEY --csv FILE) and undo with --force, or keep the import"
    )
    assert (len(read_responses(engine, "shop")), case_count(engine)) == (2, 2)
    done = undo_batch(IMPORTER, engine, batch, force=True)
    assert (done.responses, done.cases, done.worked_cases) == (2, 2, 1)
    assert "2 call-back cases removed, 1 of them already worked" in done.sentence()
    assert (len(read_responses(engine, "shop")), case_count(engine)) == (0, 0)


def test_only_those_who_import_see_and_undo_imports(engine: Engine, tmp_path: Path) -> None:
    rows = [(NOW, "checkout", 9, "fine", "")]
    batch = run_import(engine, SHOP, write(tmp_path / "a.csv", rows), MAPPING, now=NOW).batch_id
    assert batch is not None
    with pytest.raises(NotAllowed, match="Ane Analyst .* may not see the imports"):
        list_batches(ANALYST, engine, "shop")
    with pytest.raises(NotAllowed, match="may not undo an import"):
        undo_batch(ANALYST, engine, batch)
    assert len(read_responses(engine, "shop")) == 1


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_imports_and_undo_import_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    shop_engine(url).dispose()
    # A clock of its own: the answers are two and one hours old, inside the call-back
    # window, whatever day the suite runs on.
    clock = time_machine.travel(datetime(2026, 12, 20, 12, 0, tzinfo=UTC), tick=True)
    clock.start()
    request.addfinalizer(clock.stop)
    now = datetime.now(UTC)
    rows = [(now - timedelta(hours=2), "checkout", 3, "slow", "ole@example.dk"),
            (now - timedelta(hours=1), "advice", 10, "great", "")]  # fmt: skip
    export = write(tmp_path / "march.csv", rows)
    db = ("--db", url, "--as", "Ida")
    code, out, _ = run(capsys, *db, "import-responses", "shop", str(export), "--dry-run")
    assert code == 0
    assert "2 responses would be imported (new), 0 already there (skipped), 0 conflicting" in out
    code, out, _ = run(capsys, *db, "import-responses", "shop", str(export), "--source", "Q1 NPS")
    assert "source 'Q1 NPS' (named with the source option)" in out
    run(capsys, *db, "import-responses", "shop", str(export), "--source", "Q1 NPS")

    code, out, _ = run(capsys, *db, "imports", "shop", "--json")
    listed = json.loads(out)
    assert code == 0
    assert [b["id"] for b in listed] == [2, 1]
    newest, oldest = listed
    assert set(oldest) == {
        "id", "source", "kind", "file", "sha256", "by", "at", "rows_read", "new",
        "already_there", "already_from", "conflicting", "rejected", "without_score",
        "test_rows_left_out", "too_old_to_call_back", "cases_created", "responses",
        "undone_at", "undone_by",
    }  # fmt: skip
    assert {k: oldest[k] for k in ("source", "kind", "file", "by", "rows_read", "new",
                                   "cases_created", "responses")} == {
        "source": "Q1 NPS", "kind": "file", "file": "march.csv", "by": "Ida (command line)",
        "rows_read": 2, "new": 2, "cases_created": 1, "responses": 2,
    }  # fmt: skip
    assert (newest["new"], newest["already_there"], newest["already_from"]) == (0, 2, {"1": 2})
    assert len(oldest["sha256"]) == 64
    code, out, _ = run(capsys, *db, "imports", "shop")
    assert out.splitlines()[1].startswith("    1  ")
    assert "'Q1 NPS'  march.csv (file, sha256 " in out

    code, out, err = run(capsys, *db, "undo-import", "1")
    assert (code, err) == (0, "")
    assert out.startswith("import 1 undone: 2 responses and 1 call-back cases removed")
    code, out, err = run(capsys, *db, "undo-import", "1")
    assert code == 1
    assert err.startswith("journeymap: import 1 (march.csv) was already undone by Ida")
    code, out, _ = run(capsys, *db, "imports", "shop")
    assert "undone by Ida (command line)" in out.splitlines()[1]


# ── the kept month counts ─────────────────────────────────────────────────────────────
QUERIES = [
    ((), {}),
    (("touchpoint",), {}),
    (("month",), {}),
    (("touchpoint", "month"), {}),
    (("quarter",), {}),
    (("year", "touchpoint"), {}),
    (("month",), {"start": date(2026, 3, 1), "end": date(2026, 8, 31)}),
    (("touchpoint",), {"survey_kind": "relationship"}),
]


def counted_afresh(engine: Engine, by: tuple[str, ...], options: dict[str, object]) -> object:
    """read_nps_counts without the kept counts: the database counts the responses."""
    tables = (NpsSummaryRow.__table__, NpsMonthCountRow.__table__)
    with engine.begin() as connection:
        kept = [connection.execute(select(table)).all() for table in tables]
        nps_summary.drop(connection, "shop")
    try:
        zone = nps_summary.summary_zone()
        return read_nps_counts(engine, "shop", by, zone=zone, **options)  # type: ignore[arg-type]
    finally:
        with engine.begin() as connection:
            for table, rows in zip(tables, kept, strict=True):
                for row in rows:
                    connection.execute(table.insert().values(**row._mapping))


def assert_counts_as_counted(engine: Engine) -> None:
    for by, options in QUERIES:
        kept = nps_summary.read_kept_counts(
            engine, "shop", by, survey_kind=str(options.get("survey_kind", "transactional")),
            start=options.get("start"), end=options.get("end"),  # type: ignore[arg-type]
            zone=nps_summary.summary_zone(),
        )  # fmt: skip
        assert kept is not None, by
        fresh = counted_afresh(engine, by, options)
        order = list(by)
        left = kept.sort_values(order).reset_index(drop=True) if order else kept
        right = fresh.sort_values(order).reset_index(drop=True) if order else fresh  # type: ignore[attr-defined]
        assert left.astype(object).to_dict("records") == right.astype(object).to_dict("records"), (
            by,
            options,
        )


def test_kept_month_counts_are_the_counts_of_the_responses(engine: Engine, tmp_path: Path) -> None:
    run_import(engine, SHOP, write(tmp_path / "h.csv", history(months=14)), MAPPING, now=NOW)
    relationship = MAPPING.model_copy(update={"touchpoint": None, "survey_kind": "relationship"})
    rows = [(datetime(2026, 5, 31, 23, 59, 59, tzinfo=UTC), "", 9, "edge of May", ""),
            (datetime(2026, 6, 1, 0, 0, tzinfo=UTC), "", 2, "first of June", "")]  # fmt: skip
    run_import(engine, SHOP, write(tmp_path / "r.csv", rows), relationship, now=NOW)
    assert_counts_as_counted(engine)
    # A write that does not keep them drops them; reads then count the responses.
    insert_responses(
        engine,
        [{"journey_id": "shop", "dedup_key": "x", "touchpoint_id": "checkout",
          "responded_at": NOW, "score": 10}],
        actor="test",
    )  # fmt: skip
    kept = nps_summary.read_kept_counts(
        engine,
        "shop",
        ("month",),
        survey_kind="transactional",
        start=None,
        end=None,
        zone=nps_summary.summary_zone(),
    )
    assert kept is None
    # The next import counts the journey afresh, and keeps them from then on.
    more = [(NOW - timedelta(days=1), "checkout", 7, "later", "")]
    run_import(engine, SHOP, write(tmp_path / "m.csv", more), MAPPING, now=NOW)
    assert_counts_as_counted(engine)


def test_questions_for_days_within_a_month_are_counted_from_the_responses() -> None:
    assert nps_summary.month_aligned(date(2026, 3, 1), date(2026, 3, 31))
    assert nps_summary.month_aligned(None, date(2024, 2, 29))
    assert not nps_summary.month_aligned(date(2026, 3, 2), None)
    assert not nps_summary.month_aligned(None, date(2026, 3, 30))


def test_the_preview_says_new_already_there_and_conflicting_and_keeps_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    from journeymap.services.imports import preview_import

    id_mapping = ImportMapping(score="Score", date="Date", touchpoint="Touchpoint", id="Id")
    first = tmp_path / "first.csv"
    first.write_text("Id,Date,Touchpoint,Score\nr1,2026-10-01,checkout,9\nr2,2026-10-01,advice,3\n")
    stored = run_import(engine, SHOP, first, id_mapping, now=NOW)
    second = tmp_path / "second.csv"
    second.write_text(
        "Id,Date,Touchpoint,Score\nr1,2026-10-01,checkout,9\nr2,2026-10-01,advice,8\n"
        "r3,2026-10-02,advice,10\n"
    )
    preview = preview_import(IMPORTER, engine, SHOP, second, id_mapping)
    assert (preview.imported, preview.duplicates, preview.conflicting) == (1, 1, 1)
    assert preview.already_from == {stored.batch_id: 1}
    assert (preview.dry_run, preview.batch_id) == (True, None)
    assert len(read_responses(engine, "shop")) == 2
    assert len(list_batches(IMPORTER, engine, "shop")) == 1
    with pytest.raises(NotAllowed):
        preview_import(ANALYST, engine, SHOP, second, id_mapping)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["transactional", "relationship"]),
            st.sampled_from(["checkout", "advice", None]),
            st.integers(0, 3 * 10**8),  # seconds since 1970: some four years of months
            st.integers(0, 10),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_month_counts_are_those_of_a_plain_groupby(answers: list[tuple[object, ...]]) -> None:
    rows = pd.DataFrame(answers, columns=["survey_kind", "touchpoint_id", "at", "score"])
    rows["responded_at"] = pd.to_datetime(rows["at"] + 10**9, unit="s", utc=True)
    plain = (
        pd.DataFrame(
            {
                "survey_kind": rows["survey_kind"],
                "touchpoint_id": rows["touchpoint_id"].fillna(""),
                "month": rows["responded_at"].dt.strftime("%Y-%m"),
                "promoters": rows["score"] >= 9,
                "passives": rows["score"].between(7, 8),
                "detractors": rows["score"] <= 6,
            }
        )
        .groupby(["survey_kind", "touchpoint_id", "month"], as_index=False)
        .sum()
    )
    keys = ["survey_kind", "touchpoint_id", "month"]
    fast = nps_summary.month_counts(rows, "UTC").sort_values(keys).reset_index(drop=True)
    assert fast.astype(object).values.tolist() == plain.astype(object).values.tolist()
