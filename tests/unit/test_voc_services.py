"""Imports and call-back cases go through services: the role is checked, the person named."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from journeymap.io.survey_import import ImportMapping
from journeymap.model.access import Role, Viewer
from journeymap.services import cases
from journeymap.services.access import NotAllowed
from journeymap.services.imports import import_metrics, import_responses
from journeymap.store.evidence import insert_responses
from journeymap.store.tables import AuditRow, DetractorCaseRow, MetricPointRow, ResponseRow
from tests.unit.voc_helpers import SHOP, shop_engine

LEADER = Viewer(name="Lea Leader", role=Role.LEADER)
ANALYST = Viewer(name="Ane Analyst", role=Role.ANALYST)
NORTH_MANAGER = Viewer(name="Nils", role=Role.LOCATION_MANAGER, locations=frozenset({"north"}))
# The import runs the day the first answers come in: their call-backs are still due.
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
SURVEY = (
    "Date,Touchpoint,Score,Comment,Email,Branch\n"
    "2026-03-01,checkout,2,Slow,ole@example.dk,north\n"
    "2026-03-01,checkout,9,Fine,,north\n"
    "2026-03-02,advice,4,Rude,+45 12 34 56 78,south\n"
)
MAPPING = ImportMapping(
    score="Score",
    date="Date",
    touchpoint="Touchpoint",
    comment="Comment",
    contact="Email",
    location="Branch",
)


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return shop_engine(sqlite_url)


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text(SURVEY, encoding="utf-8")
    return path


def count(engine: Engine, table: type) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def audit(engine: Engine) -> list[tuple[str, str, str, str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.actor, AuditRow.action, AuditRow.object_kind, AuditRow.detail)
            .where(AuditRow.object_kind != "journey")
            .order_by(AuditRow.id)
        ).all()
    return [tuple(row) for row in rows]


def test_an_import_stores_its_cases_and_names_the_person(engine: Engine, export: Path) -> None:
    report = import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    assert (report.imported, report.cases_created) == (3, 2)
    assert count(engine, DetractorCaseRow) == 2
    assert audit(engine) == [
        ("Lea Leader", "created", "call-back cases", "2 new"),
        (
            "Lea Leader",
            "imported",
            "responses",
            "import 1: 3 new, 0 already there, 0 conflicting of 3 from answers.csv "
            "(source 'Survey: answers')",
        ),
    ]
    again = import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    assert (again.imported, again.duplicates, again.cases_created) == (0, 3, 0)
    # Every import is a batch in the log, also one that found everything already there.
    assert audit(engine)[2:] == [
        (
            "Lea Leader",
            "imported",
            "responses",
            "import 2: 0 new, 3 already there, 0 conflicting of 3 from answers.csv "
            "(source 'Survey: answers')",
        )
    ]


def test_a_dry_run_keeps_nothing_not_even_its_log(engine: Engine, export: Path) -> None:
    report = import_responses(LEADER, engine, SHOP, export, MAPPING, dry_run=True)
    assert (report.imported, report.cases_created) == (3, 0)
    assert (count(engine, ResponseRow), count(engine, DetractorCaseRow), audit(engine)) == (
        0,
        0,
        [],
    )


@pytest.mark.parametrize("viewer", [ANALYST, NORTH_MANAGER])
def test_roles_that_change_nothing_may_not_import(
    engine: Engine, export: Path, tmp_path: Path, viewer: Viewer
) -> None:
    with pytest.raises(NotAllowed, match=f"{viewer.name} .* may not import survey answers"):
        import_responses(viewer, engine, SHOP, export, MAPPING)
    metrics = tmp_path / "m.csv"
    metrics.write_text("date,touchpoint,wait_minutes\n2026-01-01,checkout,4\n", encoding="utf-8")
    with pytest.raises(NotAllowed, match="may not import metric values"):
        import_metrics(viewer, engine, SHOP, metrics)
    assert (count(engine, ResponseRow), count(engine, MetricPointRow), audit(engine)) == (0, 0, [])


def test_a_metric_import_is_logged_in_the_importers_name(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("date,touchpoint,wait_minutes\n2026-01-01,checkout,4\n", encoding="utf-8")
    assert import_metrics(LEADER, engine, SHOP, path, dry_run=True).imported == 1
    assert audit(engine) == []
    assert import_metrics(LEADER, engine, SHOP, path).imported == 1
    assert audit(engine) == [("Lea Leader", "imported", "metric values", "1 new of 1")]


def test_a_deadline_of_no_hours_is_refused_before_anything_is_read(
    engine: Engine, export: Path
) -> None:
    with pytest.raises(ValueError, match="more than 0 hours, got 0"):
        import_responses(LEADER, engine, SHOP, export, MAPPING, callback_hours=0)
    assert count(engine, ResponseRow) == 0


def test_cases_are_worked_by_roles_that_work_them(engine: Engine, export: Path) -> None:
    import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    listed = cases.list_cases(LEADER, engine, "shop", now=NOW)
    assert sorted(listed["contact"]) == ["+45 12 34 56 78", "ole@example.dk"]
    case_id = int(listed[listed["location"] == "north"].iloc[0]["id"])
    change = cases.CaseUpdate(status="contacted", notes="Called Ole on his mobile")
    assert cases.update_case(LEADER, engine, case_id, change, expected_version=1, now=NOW) == 2
    resolved = cases.CaseUpdate(status="resolved", root_cause="queue")
    assert cases.update_case(LEADER, engine, case_id, resolved, expected_version=2) == 3
    assert audit(engine)[-2:] == [
        ("Lea Leader", "changed", "call-back case", "closed_at, contacted_at, notes, status"),
        ("Lea Leader", "changed", "call-back case", "closed_at, root_cause, status"),
    ]
    with pytest.raises(NotAllowed, match="Ane Analyst .* may not work the call-back cases"):
        cases.update_case(ANALYST, engine, case_id, cases.CaseUpdate(notes="x"), expected_version=3)
    with pytest.raises(ValueError, match="there is no call-back case 999"):
        cases.update_case(LEADER, engine, 999, cases.CaseUpdate(notes="x"), expected_version=1)
    with pytest.raises(ValueError, match="not to 'new'"):
        cases.update_case(
            LEADER, engine, case_id, cases.CaseUpdate(status="new"), expected_version=3
        )


def test_contact_details_and_notes_stay_with_those_who_work_cases(
    engine: Engine, export: Path
) -> None:
    import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    north = int(cases.list_cases(LEADER, engine, "shop").query("location == 'north'").iloc[0]["id"])
    cases.update_case(
        LEADER, engine, north, cases.CaseUpdate(notes="Ole: 12 34 56 78"), expected_version=1
    )
    seen = cases.list_cases(ANALYST, engine, "shop", now=NOW)
    assert len(seen) == 2
    assert set(seen["contact"]) == {cases.WITHHELD}
    assert sorted(seen["notes"]) == ["", cases.WITHHELD]
    assert sorted(seen["comment"]) == ["Rude", "Slow"]  # what customers said is a result
    own = cases.list_cases(NORTH_MANAGER, engine, "shop", now=NOW)
    assert (list(own["location"]), list(own["contact"])) == (["north"], [cases.WITHHELD])
    with pytest.raises(NotAllowed):
        cases.missing_cases(ANALYST, engine, "shop")


def test_old_responses_get_cases_only_when_asked(engine: Engine) -> None:
    insert_responses(
        engine,
        [
            {
                "journey_id": "shop",
                "dedup_key": f"old-{score}",
                "touchpoint_id": "checkout",
                "responded_at": NOW,
                "score": score,
                "contact": "kunde@example.dk",
            }
            for score in (0, 6, 7)
        ],
        actor="test",
    )
    assert cases.list_cases(LEADER, engine, "shop").empty
    assert cases.missing_cases(LEADER, engine, "shop") == 2
    assert count(engine, DetractorCaseRow) == 0
    with pytest.raises(NotAllowed, match="may not create call-back cases"):
        cases.create_missing_cases(ANALYST, engine, "shop")
    assert cases.create_missing_cases(LEADER, engine, "shop", now=NOW) == 2
    assert cases.missing_cases(LEADER, engine, "shop") == 0
    assert audit(engine)[-1] == ("Lea Leader", "created", "call-back cases", "2 new")
