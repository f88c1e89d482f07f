"""One bad value is one rejected row, never a failed file; the day order is decided for
the whole column from the values that can tell it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from journeymap.io.survey_import import ImportMapping
from journeymap.io.survey_import.dates import AmbiguousDates, infer_dayfirst
from journeymap.io.survey_import.source import TableSource
from journeymap.model import InvalidInput
from journeymap.store.evidence import read_responses
from tests.unit.voc_helpers import SHOP, run_import, shop_engine

MAPPING = ImportMapping(score="Score", date="Date", touchpoint_value="checkout")


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    return shop_engine(sqlite_url)


def export(folder: Path, dates: list[str]) -> Path:
    path = folder / "export.csv"
    lines = ["Date,Score", *(f"{day},{9 if i % 2 else 4}" for i, day in enumerate(dates))]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_an_impossible_date_is_one_rejected_row(engine: Engine, tmp_path: Path) -> None:
    path = export(tmp_path, ["25/03/2026", "03/04/2026", "13/45/2026", "28/03/2026"])
    report = run_import(engine, SHOP, path, MAPPING)
    assert (report.imported, report.rejected_count) == (3, 1)
    (rejected,) = report.rejected
    assert (rejected.row, rejected.column, rejected.value) == (4, "Date", "13/45/2026")
    assert rejected.reason == "'13/45/2026' cannot be read as a date"
    days = set(read_responses(engine, "shop")["responded_at"].dt.date)
    assert days == {date(2026, 3, 25), date(2026, 4, 3), date(2026, 3, 28)}  # day-first


def test_one_month_first_typo_in_a_day_first_column_is_one_rejected_row(
    engine: Engine, tmp_path: Path
) -> None:
    dates = [f"{day}/03/2026" for day in range(13, 31)] + ["03/25/2026", "02/04/2026"]
    report = run_import(engine, SHOP, export(tmp_path, dates), MAPPING)
    assert (report.imported, report.rejected_count) == (19, 1)
    assert report.rejected[0].row == 20
    assert date(2026, 4, 2) in set(read_responses(engine, "shop")["responded_at"].dt.date)


def test_a_column_split_between_both_orders_is_still_refused(
    engine: Engine, tmp_path: Path
) -> None:
    path = export(tmp_path, ["25/03/2026", "26/03/2026", "03/25/2026", "03/26/2026"])
    with pytest.raises(InvalidInput, match=r"mix day-first \(25/03/2026\) and month-first"):
        run_import(engine, SHOP, path, MAPPING)


def test_the_order_is_decided_by_a_value_further_down_the_file(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first chunks only have dates that could be either; row 12 settles it.
    dates = ["03/04/2026", "01/02/2026"] * 5 + ["04/25/2026"]
    monkeypatch.setattr(TableSource.chunks, "__defaults__", (3,))
    report = run_import(engine, SHOP, export(tmp_path, dates), MAPPING)
    assert (report.imported, report.rejected_count) == (11, 0)
    days = set(read_responses(engine, "shop")["responded_at"].dt.date)
    assert days == {date(2026, 3, 4), date(2026, 1, 2), date(2026, 4, 25)}  # month-first


@pytest.mark.parametrize(
    ("values", "dayfirst"),
    [
        (["13/45/2026", "25/03/2026"], True),  # no real day either way tells nothing
        (["31/02/2026", "03/14/2026"], False),  # 31 February is no day: only 14 March tells
        (["13/45/2026"], None),  # nothing to decide: the row is rejected as a bad date
        ([f"{d}/01/2026" for d in range(13, 32)] + ["01/13/2026"], True),
    ],
)
def test_only_real_days_tell_the_order(values: list[str], dayfirst: bool | None) -> None:
    assert infer_dayfirst(pd.Series(values)) is dayfirst


def test_dates_that_could_be_either_are_still_a_question() -> None:
    with pytest.raises(AmbiguousDates, match="could be 3 April or 4 March"):
        infer_dayfirst(pd.Series(["03/04/2026", "13/45/2026"]))
