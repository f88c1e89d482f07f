"""Imports accept planned visits and never skip review unless a reviewer says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from journeymap.model.access import Role, Viewer
from journeymap.services import people
from journeymap.services.access import NotAllowed
from journeymap.services.visit_import import import_visits
from journeymap.store.audit import read_audit
from journeymap.store.engine import open_database
from journeymap.store.visits import list_visits
from tests.shopping import SHOPPER_ID, seed_tablet_visit
from tests.unit.test_cli import run

LEADER = Viewer(name="leif.leader", role=Role.LEADER)
ANALYST = Viewer(name="ane.analyst", role=Role.ANALYST)
HEADER = "visit,location,shopper,visited_on,status,wave,greeted,wait,tidy,whole-economy,"
HEADER += "outcome,minutes,jargon\n"
ANSWERS = "yes,60,5,yes,A pre-approval,45,no"
NO_ANSWERS = ",,,,,,"


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "visits.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def made(key: str, status: str, shopper: str = SHOPPER_ID) -> str:
    return f"{key},tablet-branch,{shopper},2026-10-02,{status},,{ANSWERS}"


def planned(key: str, shopper: str = SHOPPER_ID, answers: str = NO_ANSWERS) -> str:
    return f"{key},tablet-branch,{shopper},2026-12-07,assigned,Q4,{answers}"


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    engine = open_database(sqlite_url)
    seed_tablet_visit(engine)
    return engine


def statuses(engine: Engine) -> dict[str, str]:
    return {v.external_key: v.status for v in list_visits(engine)}


def test_a_file_that_says_approved_does_not_skip_review(engine: Engine, tmp_path: Path) -> None:
    """Before, a status column of 'approved' stored the visit approved, past review."""
    table = write(tmp_path, made("p-1", "approved"), made("p-2", "counted"), made("p-3", ""))
    result = import_visits(LEADER, engine, "bank-tablet", table)
    assert (result.visits, result.errors) == (3, [])
    assert {k: s for k, s in statuses(engine).items() if k.startswith("p-")} == dict.fromkeys(
        ("p-1", "p-2", "p-3"), "submitted"
    )
    assert result.notes == [
        "2 row(s) said approved or counted (row 2, 3): stored as submitted, since a file "
        "does not decide a review"
    ]
    assert not any(e.action == "approved on import" for e in read_audit(engine))


def test_a_reviewer_may_import_as_approved_and_the_log_says_so(
    engine: Engine, tmp_path: Path
) -> None:
    table = write(tmp_path, made("p-1", ""), planned("plan-1"))
    result = import_visits(LEADER, engine, "bank-tablet", table, status="approved")
    assert result.status == "approved"
    assert statuses(engine)["p-1"] == "approved"
    assert statuses(engine)["plan-1"] == "assigned"  # a planned visit stays planned
    (visit,) = [v for v in list_visits(engine) if v.external_key == "p-1"]
    assert visit.reviewed_by == "leif.leader"
    entry = next(e for e in read_audit(engine) if e.action == "approved on import")
    assert (entry.actor, entry.detail) == (
        "leif.leader",
        "1 imported visit(s) approved without review",
    )
    with pytest.raises(ValueError, match="a visit is approved by a reviewer"):
        import_visits(LEADER, engine, "bank-tablet", table, status="counted")


def test_who_may_not_review_may_not_import_as_approved(engine: Engine, tmp_path: Path) -> None:
    table = write(tmp_path, made("p-1", ""))
    # A role that runs the programme without reviewing, should one be made.
    with pytest.raises(NotAllowed):
        import_visits(ANALYST, engine, "bank-tablet", table, status="approved")
    assert "p-1" not in statuses(engine)


def test_planned_visits_are_imported_as_assigned(engine: Engine, tmp_path: Path) -> None:
    """Before, status 'assigned' was refused: "cannot be imported"."""
    people.add_shopper(LEADER, engine, "kim", "Kim")
    table = write(tmp_path, planned("plan-1"), planned("plan-2", shopper="kim"))
    result = import_visits(LEADER, engine, "bank-tablet", table)
    assert (result.visits, result.answers, result.errors) == (2, 0, [])
    stored = {v.external_key: v for v in list_visits(engine)}
    first = stored["plan-1"]
    assert (first.status, first.window_start, first.wave, first.submitted_at) == (
        "assigned",
        date(2026, 12, 7),
        "Q4",
        None,
    )


def test_a_planned_visit_with_answers_or_for_someone_switched_off_is_refused(
    engine: Engine, tmp_path: Path
) -> None:
    people.add_shopper(LEADER, engine, "kim", "Kim")
    people.edit_shopper(LEADER, engine, "kim", active=False)
    table = write(
        tmp_path,
        planned("plan-1", answers=ANSWERS),
        planned("plan-2", shopper="kim"),
        made("p-3", "", shopper="kim"),  # a visit Kim made before leaving still counts
    )
    result = import_visits(LEADER, engine, "bank-tablet", table)
    assert [str(e) for e in result.errors] == [
        "row 2: a planned visit (status assigned) has no answers yet: leave the answer "
        "columns empty, or give the status of a visit made",
        "row 3: shopper 'kim' is switched off: it gets no new visits",
    ]
    assert statuses(engine).get("p-3") == "submitted"


def test_cli_imports_as_submitted_unless_told(
    capsys: pytest.CaptureFixture[str], engine: Engine, tmp_path: Path
) -> None:
    url = str(engine.url)
    table = write(tmp_path, made("p-1", "approved"))
    code, out, _ = run(capsys, "--db", url, "import-visits", "bank-tablet", str(table))
    assert code == 0
    assert out.splitlines()[:2] == [
        f"{table}: 1 row(s) said approved or counted (row 2): stored as submitted, since a "
        "file does not decide a review",
        f"{table}: visits made land as submitted: a reviewer approves them on the Review page",
    ]
    table = write(tmp_path, made("p-2", ""))
    code, out, _ = run(
        capsys, "--db", url, "import-visits", "bank-tablet", str(table), "--status", "approved"
    )
    assert code == 0
    assert f"{table}: visits made land as approved, without review (in the audit log)" in out
    assert statuses(open_database(url))["p-2"] == "approved"
