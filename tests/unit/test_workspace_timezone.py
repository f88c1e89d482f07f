"""One workspace time zone for every period: an answer given at 00:30 on 1 January in
Copenhagen counts in January and in the new year, in pandas, in the database, in the
CLI and in the period report; stored times stay UTC."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from journeymap import settings as workspace_settings
from journeymap.analytics.local_time import day_start, offset_changes, today
from journeymap.analytics.nps_tables import nps_counts, nps_table
from journeymap.analytics.periods import parse_period
from journeymap.analytics.report_periods import last_full_period
from journeymap.cli import main
from journeymap.services.nps_views import counted_table
from journeymap.services.period_report import build_report
from journeymap.store.evidence import insert_responses, read_nps_counts, read_responses
from tests.unit.voc_helpers import SHOP, shop_engine

CPH = "Europe/Copenhagen"
# 00:30 on 1 January 2026 in Copenhagen (UTC+1) is 23:30 on 31 December 2025 in UTC.
NEW_YEAR = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _copenhagen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_TIMEZONE", CPH)


def response(moment: datetime, score: int = 10, key: str = "") -> dict[str, object]:
    return {
        "journey_id": "shop",
        "dedup_key": key or f"t:{moment.isoformat()}:{score}",
        "touchpoint_id": "checkout",
        "responded_at": moment,
        "score": score,
        "survey_kind": "transactional",
    }


def test_the_setting_defaults_to_copenhagen_and_is_documented(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("JOURNEYMAP_TIMEZONE")
    assert workspace_settings.workspace_timezone() == "Europe/Copenhagen"
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "JOURNEYMAP_TIMEZONE" in readme


def test_days_start_at_local_midnight_across_daylight_saving() -> None:
    assert day_start(date(2026, 1, 1), CPH) == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert day_start(date(2026, 7, 1), CPH) == datetime(2026, 6, 30, 22, tzinfo=UTC)
    assert day_start(date(2026, 1, 1), "UTC") == datetime(2026, 1, 1, tzinfo=UTC)
    assert today(CPH, NEW_YEAR) == date(2026, 1, 1)


def test_the_offset_changes_of_a_year_are_found_to_the_second() -> None:
    # EU summer time 2026: 29 March 01:00 UTC (+1 → +2) to 25 October 01:00 UTC (+2 → +1).
    changes = offset_changes(
        datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC), CPH
    )
    assert changes == [
        (datetime(2026, 1, 1, tzinfo=UTC), 60),
        (datetime(2026, 3, 29, 1, tzinfo=UTC), 120),
        (datetime(2026, 10, 25, 1, tzinfo=UTC), 60),
    ]
    assert offset_changes(
        datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 9, tzinfo=UTC), "UTC"
    ) == [(datetime(2026, 5, 1, tzinfo=UTC), 0)]


def test_a_period_holds_the_days_of_its_zone() -> None:
    moments = pd.Series([NEW_YEAR, NEW_YEAR - timedelta(hours=1)])
    assert parse_period("2026", CPH).contains(moments).tolist() == [True, False]
    assert parse_period("2025-12", CPH).contains(moments).tolist() == [False, True]
    assert parse_period("2026", "UTC").contains(moments).tolist() == [False, False]
    assert last_full_period("month", date(2026, 2, 1), CPH).zone == CPH


@pytest.mark.parametrize(
    ("grain", "label"), [("month", "2026-01"), ("quarter", "2026-Q1"), ("year", 2026)]
)
def test_pandas_and_the_database_cut_periods_in_the_zone(
    database_url: str, grain: str, label: object
) -> None:
    engine = shop_engine(database_url)
    insert_responses(engine, [response(NEW_YEAR)], actor="test")
    stored = read_responses(engine, "shop")
    assert stored["responded_at"][0].to_pydatetime() == NEW_YEAR  # stored in UTC
    assert nps_table(stored, [grain], zone=CPH)[grain].tolist() == [label]
    assert read_nps_counts(engine, "shop", [grain], zone=CPH)[grain].tolist() == [label]
    assert counted_table(engine, "shop", [grain])[grain].tolist() == [label]
    utc = {"month": "2025-12", "quarter": "2025-Q4", "year": 2025}[grain]
    assert read_nps_counts(engine, "shop", [grain])[grain].tolist() == [utc]


def test_days_filter_in_the_zone(sqlite_url: str) -> None:
    engine = shop_engine(sqlite_url)
    insert_responses(engine, [response(NEW_YEAR)], actor="test")
    jan = {"start": date(2026, 1, 1), "end": date(2026, 1, 31), "zone": CPH}
    assert len(read_responses(engine, "shop", **jan)) == 1
    assert read_nps_counts(engine, "shop", **jan)["promoters"].tolist() == [1]
    dec = {"start": date(2025, 12, 1), "end": date(2025, 12, 31), "zone": CPH}
    assert read_responses(engine, "shop", **dec).empty


# Moments from late 2024 to early 2027, dense around the changes of the clock.
MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(2024, 10, 1), max_value=datetime(2027, 3, 1)),
    st.sampled_from(
        [
            datetime(2026, 3, 29, 0, 59, 59),
            datetime(2026, 3, 29, 1),
            datetime(2026, 10, 25, 0, 59, 59),
        ]
    ),
    st.sampled_from([datetime(2025, 12, 31, 22, 59, 59), datetime(2025, 12, 31, 23)]),
).map(lambda moment: moment.replace(microsecond=0, tzinfo=UTC))


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moments=st.lists(MOMENTS, min_size=1, max_size=30),
    zone=st.sampled_from([CPH, "America/New_York", "Asia/Kolkata", "UTC"]),
)
def test_the_database_counts_as_pandas_counts_in_any_zone(
    tmp_path_factory: pytest.TempPathFactory, moments: list[datetime], zone: str
) -> None:
    folder = tmp_path_factory.mktemp("zones")
    engine = shop_engine(f"sqlite:///{folder / 'z.db'}")
    rows = [response(m, score=i % 11, key=f"k{i}") for i, m in enumerate(moments)]
    insert_responses(engine, rows, actor="test")
    stored = read_responses(engine, "shop")
    for by in (["month"], ["quarter", "touchpoint"], ["year"]):
        expected = nps_counts(stored, by, zone=zone).sort_values(by).reset_index(drop=True)
        counted = read_nps_counts(engine, "shop", by, zone=zone)
        counted = counted.sort_values(by).reset_index(drop=True)
        assert counted.astype(str).to_dict("list") == expected.astype(str).to_dict("list")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_the_cli_counts_a_new_year_answer_in_january(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    shop_engine(sqlite_url)
    path = tmp_path / "export.csv"
    path.write_text(
        "Date,Touchpoint,How likely are you to recommend us?\n"
        "2026-01-01 00:30,Kasse,10\n2025-12-31 23:59,Kasse,3\n"
    )
    code, out = run_cli(
        capsys,
        "--db",
        sqlite_url,
        "import-responses",
        "shop",
        str(path),
        "--timezone",
        CPH,
        "--json",
    )
    assert (code, json.loads(out)["imported"]) == (0, 2)
    for grain, labels in {
        "month": ["2025-12", "2026-01"],
        "quarter": ["2025-Q4", "2026-Q1"],
        "year": [2025, 2026],
    }.items():
        code, out = run_cli(capsys, "--db", sqlite_url, "nps", "shop", "--by", grain, "--json")
        rows = json.loads(out)
        assert [r[grain] for r in rows] == labels
        assert [r["n"] for r in rows] == [1, 1]
        assert rows[1]["nps"] == 100.0  # the 10 of 00:30 on 1 January
    code, out = run_cli(
        capsys,
        "--db",
        sqlite_url,
        "nps",
        "shop",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-01",
        "--json",
    )
    assert [r["n"] for r in json.loads(out)] == [1]
    code, out = run_cli(
        capsys, "--db", sqlite_url, "nps-compare", "shop", "--a", "2025", "--b", "2026", "--json"
    )
    compared = json.loads(out)
    assert (compared["a"]["n"], compared["a"]["nps"]) == (1, -100.0)
    assert (compared["b"]["n"], compared["b"]["nps"]) == (1, 100.0)


def test_the_period_report_counts_it_in_the_new_year(sqlite_url: str) -> None:
    engine: Engine = shop_engine(sqlite_url)
    insert_responses(
        engine,
        [response(NEW_YEAR, 10), response(NEW_YEAR - timedelta(hours=1), 2)],
        actor="test",
    )
    period = parse_period("2026-01", CPH)
    report = build_report(
        engine, SHOP, period, now=datetime(2026, 2, 10, tzinfo=UTC), with_diagram=False
    )
    assert report.comparison.nps_b is not None
    assert (report.comparison.nps_b.n, report.comparison.nps_b.nps) == (1, 100.0)
    assert report.comparison.nps_a is not None  # December: the answer of 23:30
    assert (report.comparison.nps_a.n, report.comparison.nps_a.nps) == (1, -100.0)
    assert report.previous.zone == CPH
