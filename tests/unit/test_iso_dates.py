"""The fast reader of common date shapes gives exactly what the general parser gives.

A cell padded with spaces is not of a common shape, so it takes the general path (the
regular expressions) and is stripped there: parsing a column and the same column padded
compares the two readers cell for cell, over every kind of value a column may hold.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.io.survey_import.columns import MISSING, blank
from journeymap.io.survey_import.dates import AmbiguousDates, parse_dates
from journeymap.io.survey_import.iso_dates import common_shape_parts
from journeymap.io.survey_import.moments import DATE_PARTS, assemble_moments

two_digits = st.integers(0, 99).map("{:02d}".format)


@st.composite
def common_shape(draw: st.DrawFn) -> str:
    """YYYY-MM-DD[ HH:MM[:SS]] with any digits (so also month 13 or hour 99)."""
    text = (
        draw(st.integers(0, 9999).map("{:04d}".format))
        + draw(st.sampled_from("-/."))
        + draw(two_digits)
        + draw(st.sampled_from("-/."))
        + draw(two_digits)
    )
    parts = draw(st.integers(0, 2))
    if parts:
        text += draw(st.sampled_from([" ", "T"])) + draw(two_digits) + ":" + draw(two_digits)
    if parts == 2:
        text += ":" + draw(two_digits)
    return text


@st.composite
def plausible_moment(draw: st.DrawFn) -> str:
    """A real moment in a common shape, also at the hours clocks skip or repeat."""
    day = draw(st.dates(pd.Timestamp("1990-01-01").date(), pd.Timestamp("2035-12-31").date()))
    hour = draw(st.sampled_from([0, 1, 2, 3, 12, 23]))
    return f"{day:%Y-%m-%d} {hour:02d}:{draw(st.integers(0, 59)):02d}:00"


other_cells = st.sampled_from(
    [
        "",
        "NA",
        " n/a ",
        "soon",
        "March 4, 2026",
        "2026-03-04T10:22:11Z",
        "2026-03-04 10:00:00+02:00",
        "2026/3/4 1:05 PM",
        "2026-03-04 10:22:11.5",
        "25/03/2026 10:00",
        "04.03.2026",
        "２０２６-03-04",  # full-width digits
        "2026-03-04 10:22:1x",
        "2026-03-04  10:22",
    ]
)


@st.composite
def near_miss(draw: st.DrawFn) -> str:
    """A common shape with one character changed: the fast reader must not take it."""
    text = draw(common_shape() | plausible_moment())
    separators = [p for p in (4, 7, 10, 13, 16) if p < len(text)]
    position = draw(st.sampled_from(separators) | st.integers(0, len(text) - 1))
    character = draw(st.sampled_from(list("0123456789-/.:_,T Z+x٣") + ["", "12"]))
    return text[:position] + character + text[position + 1 :]


cells = st.lists(
    st.one_of(common_shape(), plausible_moment(), near_miss(), near_miss(), other_cells),
    min_size=1,
    max_size=40,
)
zones = st.sampled_from(["UTC", "Europe/Copenhagen", "America/New_York"])


def parsed(values: list[str], **options: object) -> tuple[list[object], list[bool]] | str:
    try:
        result = parse_dates(pd.Series(values), **options)  # type: ignore[arg-type]
    except AmbiguousDates as error:
        return str(error)
    return result.moments.tolist(), result.blank.tolist()


# The general parser hands odd strings to pandas, which warns that it drops a stray "T".
@pytest.mark.filterwarnings("ignore:Parsed string:FutureWarning")
@settings(max_examples=300, deadline=None)
@given(values=cells, dayfirst=st.sampled_from([None, True, False]), timezone=zones)
def test_common_shapes_read_as_the_general_parser_reads_them(
    values: list[str], dayfirst: bool | None, timezone: str
) -> None:
    padded = [f" {value}  " for value in values]
    options = {"dayfirst": dayfirst, "timezone": timezone}
    assert parsed(values, **options) == parsed(padded, **options)


@given(value=common_shape())
def test_a_cell_of_a_common_shape_is_read_by_the_fast_reader(value: str) -> None:
    matched, parts = common_shape_parts(pd.Series([value, f" {value}"]))
    assert matched.tolist() == [True, False]
    assert (parts["year"][0], parts["day"][0]) == (int(value[:4]), int(value[8:10]))


@pytest.mark.parametrize("value", ["２０２６-03-04", "2026-03-04Z", "2026-3-04", "2026_03_04"])
def test_cells_of_other_shapes_are_left_to_the_general_parser(value: str) -> None:
    matched, _ = common_shape_parts(pd.Series([value]))
    assert not matched.any()


def part(usual: st.SearchStrategy[int]) -> st.SearchStrategy[float]:
    """Mostly the usual numbers, sometimes what no date has (or a carry-over)."""
    odd = st.sampled_from([0.0, -1.0, 13.0, 32.0, 99.0, 1.5, float("nan"), 1e4])
    return st.one_of(usual.map(float), usual.map(float), usual.map(float), odd)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "year": part(st.integers(1660, 2280) | st.integers(0, 99)),
                "month": part(st.integers(1, 12)),
                "day": part(st.integers(1, 31)),
                "hour": part(st.integers(0, 99)),
                "minute": part(st.integers(0, 99)),
                "second": part(st.integers(0, 99)),
            }
        ),
        min_size=1,
        max_size=20,
    )
)
def test_moments_are_assembled_as_pandas_assembles_them(rows: list[dict[str, float]]) -> None:
    frame = pd.DataFrame(rows, columns=list(DATE_PARTS))
    year = frame["year"]
    expected = pd.to_datetime(
        frame.assign(year=year.where(year >= 100, year + np.where(year < 70, 2000, 1900))),
        errors="coerce",
    )
    numbers = {name: frame[name].to_numpy() for name in DATE_PARTS}
    assert assemble_moments(numbers, frame.index).tolist() == expected.tolist()


def test_a_column_mixing_both_day_orders_is_refused_also_beside_other_dates() -> None:
    with pytest.raises(AmbiguousDates, match=r"mix day-first \(25/03/2026\) and month-first"):
        parse_dates(pd.Series(["2026-01-01 10:00:00+01:00", "25/03/2026", "03/25/2026"]))


@given(values=st.lists(st.sampled_from(sorted(MISSING)) | st.text(max_size=8), max_size=20))
def test_blank_is_the_same_as_stripping_lowering_and_looking_up(values: list[str]) -> None:
    values = [f"{v} " if i % 3 else v.upper() for i, v in enumerate(values)]
    series = pd.Series(values, dtype=object)
    expected = series.str.strip().str.lower().isin(MISSING)
    assert blank(series).tolist() == expected.tolist()
