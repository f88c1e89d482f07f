"""The demo's call-back cases look like a team that closes the loop."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from journeymap.store.cases import read_cases
from journeymap.store.engine import open_database


def test_old_cases_are_worked_and_on_time_calls_became_more_common(demo_url: str) -> None:
    engine = open_database(demo_url)
    cases = read_cases(engine, "bank-advisory")
    assert len(cases) > 100
    now = datetime.now(UTC)
    # The newest six are the open list a team works today, most of them overdue.
    newest = cases.sort_values("responded_at").tail(6)
    assert (newest["status"] == "new").all()
    assert newest["overdue"].sum() >= 3
    old = cases.drop(index=newest.index)
    assert (old["status"] != "new").all()
    reached = old[old["status"].isin(["contacted", "resolved"])]
    assert reached["contacted_at"].notna().all()
    # Relationship answers are about no touchpoint, so they carry no pain point.
    assert (reached["root_cause"] != "").mean() > 0.8
    on_time = reached["contacted_at"] <= reached["due_at"]
    first_year = reached["responded_at"] < now - timedelta(days=365)
    assert on_time[~first_year].mean() > on_time[first_year].mean()
    assert 0.6 < on_time.mean() < 0.99
