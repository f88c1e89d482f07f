"""visited_on in a visit table: day and month decided for the column, never guessed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.io.visit_dates import DateOrder, column_order, read_day
from journeymap.io.visit_import import parse_visits
from journeymap.io.visit_tables import VisitFileError, read_table
from journeymap.store.engine import open_database
from journeymap.store.visits import list_visits
from tests.shopping import SHOPPER_ID, seed_tablet_visit, tablet_questionnaire
from tests.unit.test_cli import run

HEADER = (
    "visit,location,shopper,visited_on,greeted,wait,tidy,whole-economy,outcome,minutes,jargon\n"
)
ANSWERS = "yes,60,5,yes,A pre-approval,45,no\n"
LOCATIONS = {"tablet-branch": False}


def table(*days: str) -> str:
    rows = [f"d-{i},tablet-branch,{SHOPPER_ID},{day},{ANSWERS}" for i, day in enumerate(days)]
    return HEADER + "".join(rows)


def parsed(text: str, order: DateOrder | None = None):  # type: ignore[no-untyped-def]
    frame = read_table("visits.csv", text.encode())
    return parse_visits(
        frame, tablet_questionnaire(), LOCATIONS, {SHOPPER_ID}, order=order, source="visits.csv"
    )


def days(text: str, order: DateOrder | None = None) -> list[date]:
    return [v["window_start"] for v in parsed(text, order).visits]


def test_a_column_that_cannot_tell_is_refused_with_the_fix() -> None:
    with pytest.raises(VisitFileError) as refused:
        parsed(table("03/04/2026", "05/06/2026"))
    assert str(refused.value) == (
        "visits.csv: column visited_on: 03/04/2026 (row 2) could be 3 April or 4 March, and "
        "no date in the column tells which: give --dayfirst or --date-format %m/%d/%Y"
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("03/04/2026", "25/04/2026"), [date(2026, 4, 3), date(2026, 4, 25)]),
        (("03/04/2026", "04/25/2026"), [date(2026, 3, 4), date(2026, 4, 25)]),
        (("03.04.2026",), [date(2026, 4, 3)]),  # dotted: day first, as everyone writes it
        (("2026-04-03", "3 April 2026"), [date(2026, 4, 3), date(2026, 4, 3)]),
        (("07/07/2026",), [date(2026, 7, 7)]),  # the same either way
    ],
    ids=["a day above 12 tells", "a month-first day tells", "dots", "unambiguous", "same"],
)
def test_the_values_that_can_tell_decide_for_the_whole_column(
    cells: tuple[str, ...], expected: list[date]
) -> None:
    assert days(table(*cells)) == expected


def test_the_person_can_tell_it() -> None:
    assert days(table("03/04/2026"), DateOrder(dayfirst=True)) == [date(2026, 4, 3)]
    assert days(table("03/04/2026"), DateOrder(dayfirst=False)) == [date(2026, 3, 4)]
    assert days(table("03-04-26"), DateOrder(date_format="%m-%d-%y")) == [date(2026, 3, 4)]


def test_two_orders_in_one_column_are_refused() -> None:
    with pytest.raises(VisitFileError, match="mixes day-first dates \\(25/04/2026, row 2\\) and"):
        parsed(table("25/04/2026", "04/25/2026"))


def test_one_bad_date_is_one_rejected_row() -> None:
    result = parsed(table("25/04/2026", "31/02/2026", "soon", "03/04/2026"))
    assert [v["window_start"] for v in result.visits] == [date(2026, 4, 25), date(2026, 4, 3)]
    assert [str(e) for e in result.errors] == [
        "row 3: visited_on: '31/02/2026' is not a date read as day/month/year, as the rest "
        "of the column is",
        "row 4: visited_on: 'soon' is not a date: use YYYY-MM-DD",
    ]
    result = parsed(table("2026-04-03", "03-04-26"), DateOrder(date_format="%Y-%m-%d"))
    assert [str(e) for e in result.errors] == [
        "row 3: visited_on: '03-04-26' is not a date in the format %Y-%m-%d"
    ]


def test_the_command_refuses_and_takes_the_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    seed_tablet_visit(open_database(url))
    path = tmp_path / "visits.csv"
    path.write_text(table("03/04/2026"), encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "import-visits", "bank-tablet", str(path))
    assert (code, out) == (1, "")
    assert err == (
        "journeymap: visits.csv: column visited_on: 03/04/2026 (row 2) could be 3 April or "
        "4 March, and no date in the column tells which: give --dayfirst, --monthfirst or "
        "--date-format FMT\n"
    )
    code, out, err = run(
        capsys, "--db", url, "import-visits", "bank-tablet", str(path), "--monthfirst"
    )
    assert (code, err) == (0, "")
    assert out.endswith("imported 1 visits with 7 answers; 0 rows with problems left out\n")
    (visit,) = [v for v in list_visits(open_database(url)) if v.external_key == "d-0"]
    assert visit.window_start == date(2026, 3, 4)


@given(
    st.lists(st.dates(date(2000, 1, 1), date(2099, 12, 31)), min_size=1, max_size=8),
    st.dates(date(2000, 1, 13), date(2099, 12, 31)).filter(lambda d: d.day > 12),
    st.sampled_from([("%d/%m/%Y", True), ("%m/%d/%Y", False), ("%d.%m.%Y", True)]),
)
def test_a_column_written_one_way_is_read_that_way(
    dates: list[date], telling: date, shape: tuple[str, bool]
) -> None:
    """One value that only one order can read settles the column; every date comes back."""
    written, dayfirst = shape
    cells = [f"{d:{written}}" for d in [*dates, telling]]
    order = column_order(cells, DateOrder(), "visits.csv", "say which")
    assert order.dayfirst is dayfirst
    assert [read_day(cell, order) for cell in cells] == [*dates, telling]
