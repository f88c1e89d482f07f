"""Closing the loop: cases per detractor with contact details, deadlines, compliance, export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine

from journeymap.analytics.callbacks import check_transition, compliance, due_time, overdue
from journeymap.io.case_export import cases_csv, neutralise
from journeymap.store.cases import (
    CaseChanged,
    CaseUpdate,
    add_missing_cases,
    create_missing_cases,
    read_cases,
    update_case,
)
from journeymap.store.evidence import insert_responses, newest_response_id
from tests.unit.voc_helpers import shop_engine


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def response(key: str, when: datetime, score: int, contact: str) -> dict[str, object]:
    return {
        "journey_id": "shop",
        "dedup_key": key,
        "touchpoint_id": "checkout",
        "responded_at": when,
        "score": score,
        "contact": contact,
        "comment": f"comment {key}",
    }


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = shop_engine(database_url)
    insert_responses(
        engine,
        [
            response("r1", at(1, 10), 3, "a@example.dk"),
            response("r2", at(1, 12), 6, "b@example.dk"),
            response("r3", at(1, 12), 7, "c@example.dk"),  # passive: no call-back
            response("r4", at(1, 12), 0, ""),  # no contact details: nobody to call
            response("r5", at(10, 8), 5, "=cmd|' /C calc'!A0"),
        ],
        actor="test",
    )
    return engine


def by_key(cases: pd.DataFrame) -> dict[str, pd.Series]:
    return {row["comment"].split()[-1]: row for _, row in cases.iterrows()}


def test_one_case_per_detractor_with_contact_and_24_hours_to_call(engine: Engine) -> None:
    assert create_missing_cases(engine, "shop", actor="agent", now=at(1, 13)) == 3
    assert create_missing_cases(engine, "shop", actor="agent", now=at(1, 14)) == 0
    cases = by_key(read_cases(engine, "shop", now=at(1, 13)))
    assert sorted(cases) == ["r1", "r2", "r5"]
    assert cases["r1"]["due_at"].to_pydatetime() == at(2, 10)
    assert cases["r5"]["due_at"].to_pydatetime() == at(11, 8)
    assert {c["status"] for c in cases.values()} == {"new"}


def test_an_import_makes_cases_for_its_own_responses_only(engine: Engine) -> None:
    with engine.begin() as connection:
        before = newest_response_id(connection)
    insert_responses(engine, [response("r6", at(11, 9), 2, "d@example.dk")], actor="test")
    with engine.begin() as connection:
        assert (
            add_missing_cases(connection, "shop", actor="agent", now=at(11, 10), after_id=before)
            == 1
        )
    assert sorted(by_key(read_cases(engine, "shop", now=at(11, 10)))) == ["r6"]
    # The older detractors are found by the page's and the command's full look.
    assert create_missing_cases(engine, "shop", actor="agent", now=at(11, 11)) == 3


def test_the_deadline_is_configurable(engine: Engine) -> None:
    create_missing_cases(engine, "shop", actor="agent", callback_hours=48, now=at(1, 13))
    assert by_key(read_cases(engine, "shop"))["r5"]["due_at"].to_pydatetime() == at(12, 8)
    with pytest.raises(ValueError, match="more than 0 hours"):
        create_missing_cases(engine, "shop", actor="agent", callback_hours=0)


def test_overdue_compliance_and_updates(engine: Engine) -> None:
    create_missing_cases(engine, "shop", actor="agent", now=at(1, 13))
    ids = {k: int(r["id"]) for k, r in by_key(read_cases(engine, "shop")).items()}
    overdue_now = read_cases(engine, "shop", only_overdue=True, now=at(2, 11))
    assert [int(i) for i in overdue_now["id"]] == [ids["r1"]]

    assert (
        update_case(
            engine,
            ids["r1"],
            CaseUpdate(status="contacted", owner=" Mette "),
            expected_version=1,
            actor="agent",
            now=at(2, 9),
        )
        == 2
    )
    update_case(
        engine,
        ids["r2"],
        CaseUpdate(status="contacted"),
        expected_version=1,
        actor="agent",
        now=at(2, 13),
    )
    update_case(
        engine,
        ids["r2"],
        CaseUpdate(status="resolved", root_cause="queue"),
        expected_version=2,
        actor="agent",
        now=at(3, 9),
    )

    cases = by_key(read_cases(engine, "shop", now=at(20)))
    assert cases["r1"]["owner"] == "Mette"
    assert cases["r1"]["contacted_at"].to_pydatetime() == at(2, 9)
    assert cases["r2"]["closed_at"].to_pydatetime() == at(3, 9)
    assert cases["r2"]["version"] == 3
    assert [k for k, c in cases.items() if c["overdue"]] == ["r5"]

    # Before r5 is due it is not counted: 1 of 2 reached in time; afterwards 1 of 3.
    table = compliance(read_cases(engine, "shop"), at(10, 9))
    assert table.to_dict("records") == [
        {"period": "2026-03", "n": 2, "on_time": 1, "late_or_missed": 1, "share": 0.5}
    ]
    later = compliance(read_cases(engine, "shop"), at(20)).iloc[0]
    assert (later["n"], later["on_time"], later["share"]) == (3, 1, pytest.approx(1 / 3))


def test_updates_are_refused_when_stale_or_not_allowed(engine: Engine) -> None:
    create_missing_cases(engine, "shop", actor="agent", now=at(1, 13))
    case_id = int(read_cases(engine, "shop").iloc[0]["id"])
    update_case(engine, case_id, CaseUpdate(status="contacted"), expected_version=1, actor="agent")
    with pytest.raises(CaseChanged, match="changed by someone else .* reload it"):
        update_case(engine, case_id, CaseUpdate(notes="my note"), expected_version=1, actor="agent")
    with pytest.raises(
        ValueError,
        match="a case that is 'contacted' can move to not_reachable, resolved, not to 'new'",
    ):
        update_case(engine, case_id, CaseUpdate(status="new"), expected_version=2, actor="agent")
    with pytest.raises(KeyError):
        update_case(engine, 999_999, CaseUpdate(notes="x"), expected_version=1, actor="agent")


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("new", "contacted", True),
        ("new", "resolved", True),
        ("new", "not_reachable", True),
        ("contacted", "resolved", True),
        ("not_reachable", "contacted", True),
        ("resolved", "contacted", True),
        ("resolved", "new", False),
        ("contacted", "new", False),
        ("new", "closed", False),
    ],
)
def test_status_moves(current: str, new: str, allowed: bool) -> None:
    if allowed:
        check_transition(current, new)
    else:
        with pytest.raises(ValueError, match=f"not to '{new}'|unknown case status '{new}'"):
            check_transition(current, new)


@pytest.mark.parametrize(
    ("due", "contacted", "status", "expected"),
    [
        (at(2), None, "new", True),
        (at(4), None, "new", False),  # not due yet
        (at(2), at(1), "contacted", False),  # reached in time
        (at(2), at(3), "contacted", False),  # reached late: late, but no longer overdue
        (at(2), None, "not_reachable", False),  # closed
    ],
)
def test_overdue(due: datetime, contacted: datetime | None, status: str, expected: bool) -> None:
    frame = pd.DataFrame({"due_at": [due], "contacted_at": [contacted], "status": [status]})
    assert bool(overdue(frame, at(3))[0]) is expected


def test_due_time() -> None:
    assert due_time(at(1, 10)) == at(2, 10)
    assert due_time(at(1, 10), 4) == at(1, 14)
    assert due_time(at(1, 10), 0.5) == at(1, 10) + timedelta(minutes=30)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+45 12 34 56 78", "'+45 12 34 56 78"),
        ("-2 stars", "'-2 stars"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("a@example.dk", "a@example.dk"),
        (7, 7),
    ],
)
def test_formula_neutralising(value: object, written: object) -> None:
    assert neutralise(value) == written


def test_csv_export_neutralises_customer_text(engine: Engine) -> None:
    create_missing_cases(engine, "shop", actor="agent", now=at(1, 13))
    text = cases_csv(read_cases(engine, "shop", now=at(20)))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["contact"] for r in rows] == ["a@example.dk", "b@example.dk", "'=cmd|' /C calc'!A0"]
    assert rows[0]["due_at"] == "2026-03-02 10:00 UTC"
    assert rows[0]["overdue"] == "True"
