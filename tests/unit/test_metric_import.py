"""Metric values from long or wide files: defined metrics only, decimal comma, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from journeymap.model import InvalidInput
from journeymap.store.evidence import read_metric_points
from tests.unit.voc_helpers import SHOP, run_metric_import, shop_engine

LONG = """date,touchpoint,metric,value,location
2026-03-01,checkout,wait_minutes,4.5,Køge
2026-03-01,checkout,Abandoned calls,2,Køge
2026-03-02,Kasse,wait_minutes,6,Køge
2026-03-02,parking,wait_minutes,6,Køge
2026-03-03,checkout,queue_length,6,Køge
2026-03-04,checkout,wait_minutes,lots,Køge
2026-03-05,checkout,wait_minutes,,Køge
"""
WIDE = (
    "Dato;Kontaktpunkt;Ventetid;abandonment_pct;Noter\r\n"
    "05.03.2026;Kasse;3,5;1,25;travl dag\r\n"
    "06.03.2026;advice;12,0;;\r\n"
)


@pytest.fixture
def engine(database_url: str) -> Engine:
    return shop_engine(database_url)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_long_form_with_rejections_per_row(engine: Engine, tmp_path: Path) -> None:
    report = run_metric_import(engine, SHOP, write(tmp_path, "long.csv", LONG))
    assert (report.format, report.rows_read, report.imported) == ("metrics (long)", 7, 3)
    assert [(r.row, r.reason) for r in report.rejected] == [
        (5, "'parking' is not a touchpoint of the journey: use a touchpoint id or name"),
        (
            6,
            "'queue_length' is not a metric of the journey: define it in the journey's "
            "metrics or fix the name",
        ),
        (7, "'lots' is not a number (write 3.5 or 3,5)"),
    ]
    points = read_metric_points(engine, "shop")
    assert sorted(zip(points["metric"], points["value"], strict=True)) == [
        ("abandonment_pct", 2.0),
        ("wait_minutes", 4.5),
        ("wait_minutes", 6.0),
    ]
    assert set(points["location"]) == {"Køge"}
    again = run_metric_import(engine, SHOP, write(tmp_path, "long.csv", LONG))
    assert (again.imported, again.duplicates) == (0, 3)


def test_wide_form_in_cp1252_with_decimal_comma(engine: Engine, tmp_path: Path) -> None:
    report = run_metric_import(engine, SHOP, write(tmp_path, "wide.csv", WIDE, "cp1252"))
    assert (report.format, report.imported, report.rejected_count) == ("metrics (wide)", 3, 0)
    assert report.warnings[0].startswith(
        "column 'Noter' is not a metric of journey 'shop' and was ignored"
    )
    points = read_metric_points(engine, "shop").sort_values(["observed_on", "metric"])
    assert list(points["value"]) == [1.25, 3.5, 12.0]
    assert [d.day for d in points["observed_on"]] == [5, 5, 6]  # 05.03.2026 is 5 March


def test_a_file_without_the_needed_columns_is_one_sentence(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(
        InvalidInput, match="no touchpoint column: name the columns date, touchpoint"
    ):
        run_metric_import(engine, SHOP, write(tmp_path, "x.csv", "date,value\n2026-01-01,3\n"))
    with pytest.raises(InvalidInput, match="journey metrics: wait_minutes, abandonment_pct"):
        run_metric_import(
            engine, SHOP, write(tmp_path, "y.csv", "date,touchpoint,foo\n2026-01-01,checkout,3\n")
        )


def test_dry_run_stores_nothing(engine: Engine, tmp_path: Path) -> None:
    report = run_metric_import(engine, SHOP, write(tmp_path, "long.csv", LONG), dry_run=True)
    assert report.imported == 3
    assert read_metric_points(engine, "shop").empty


def test_two_columns_for_one_metric_are_refused_naming_both(engine: Engine, tmp_path: Path) -> None:
    # 'Ventetid' is the name of wait_minutes: the file gives that metric twice a day.
    path = write(
        tmp_path,
        "twice.csv",
        "date,touchpoint,Ventetid,wait_minutes,abandonment_pct\n2026-03-01,checkout,4,5,1\n",
    )
    with pytest.raises(InvalidInput) as refused:
        run_metric_import(engine, SHOP, path)
    assert str(refused.value) == (
        "twice.csv: header row: columns 'Ventetid' and 'wait_minutes' are both metric "
        "'wait_minutes': keep one of them, or name each after a different metric of the journey"
    )
    assert read_metric_points(engine, "shop").empty


def test_each_metric_given_twice_is_one_problem(engine: Engine, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "many.csv",
        "date,touchpoint,Ventetid,wait_minutes,WAIT_MINUTES,abandonment_pct,Abandoned calls\n"
        "2026-03-01,checkout,4,5,6,1,2\n",
    )
    with pytest.raises(InvalidInput) as refused:
        run_metric_import(engine, SHOP, path)
    assert [p.message.split(":")[0] for p in refused.value.problems] == [
        "columns 'Ventetid', 'wait_minutes' and 'WAIT_MINUTES' are all metric 'wait_minutes'",
        "columns 'abandonment_pct' and 'Abandoned calls' are both metric 'abandonment_pct'",
    ]
