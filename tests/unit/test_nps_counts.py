"""NPS counted by the database (SQLite and PostgreSQL) against hand counts and pandas."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from journeymap.analytics.nps_tables import nps_counts, nps_table, nps_table_from_counts
from journeymap.store.engine import open_database
from journeymap.store.evidence import insert_responses, read_nps_counts, read_responses
from tests.unit.voc_helpers import shop_engine

# Far east of UTC: a session in this zone would move 23:30 UTC into the next day.
FAR_EAST = "Pacific/Kiritimati"  # UTC+14


def at(day: str, clock: str = "12:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=UTC)


# (touchpoint, moment, score, kind, location, segment)
ANSWERS = [
    ("checkout", at("2026-01-31", "23:30"), 6, "transactional", "Køge", "private"),
    ("checkout", at("2026-02-01", "00:00"), 7, "transactional", "Køge", "private"),
    ("checkout", at("2026-02-28", "23:59:59"), 8, "transactional", "Oslo", "business"),
    ("checkout", at("2026-03-31", "23:30"), 9, "transactional", "Oslo", "private"),
    ("advice", at("2026-03-31", "23:30"), 10, "transactional", "Køge", "private"),
    ("advice", at("2026-04-01", "00:00"), 0, "transactional", "Køge", "business"),
    (None, at("2026-02-15"), 3, "relationship", "", ""),
    (None, at("2026-02-16"), 9, "relationship", "", ""),
]


@pytest.fixture
def engine(database_url: str) -> Engine:
    if make_url(database_url).get_backend_name() == "postgresql":
        # The counts must not depend on the zone of the session that reads them.
        admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            name = make_url(database_url).database
            connection.execute(text(f"ALTER DATABASE \"{name}\" SET timezone = '{FAR_EAST}'"))
        admin.dispose()
    engine = shop_engine(database_url)
    rows = [
        {
            "journey_id": "shop",
            "dedup_key": f"r{i}",
            "touchpoint_id": tp,
            "responded_at": moment,
            "score": score,
            "survey_kind": kind,
            "location": location,
            "segment": segment,
        }
        for i, (tp, moment, score, kind, location, segment) in enumerate(ANSWERS)
    ]
    insert_responses(engine, rows, actor="test")
    return engine


def counts(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    return [tuple(row) for row in frame.itertuples(index=False)]


def table_counts(table: pd.DataFrame, by: list[str]) -> list[tuple[object, ...]]:
    return counts(table[[*by, "promoters", "passives", "detractors"]])


def test_counts_by_touchpoint_and_month_at_the_edges(engine: Engine) -> None:
    by = ["touchpoint", "month"]
    table = nps_table_from_counts(read_nps_counts(engine, "shop", by), by)
    # 23:30 UTC on the last day of a month is that month; 6 detracts, 7 and 8 are
    # passive, 9 promotes. Touchpoints without answers (phone, returns) are absent.
    assert table_counts(table, by) == [
        ("advice", "2026-03", 1, 0, 0),
        ("advice", "2026-04", 0, 0, 1),
        ("checkout", "2026-01", 0, 0, 1),
        ("checkout", "2026-02", 0, 2, 0),
        ("checkout", "2026-03", 1, 0, 0),
    ]
    assert list(table["n"]) == [1, 1, 1, 2, 1]
    assert list(table["nps"]) == [100.0, -100.0, -100.0, 0.0, 100.0]
    assert table["small_sample"].all()
    assert table.attrs["survey_kind"] == "transactional"


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ([], [(2, 2, 2)]),
        (["quarter"], [("2026-Q1", 2, 2, 1), ("2026-Q2", 0, 0, 1)]),
        (["year"], [(2026, 2, 2, 2)]),
        (["location"], [("Køge", 1, 1, 2), ("Oslo", 1, 1, 0)]),
        (
            ["segment", "quarter"],
            [
                ("business", "2026-Q1", 0, 1, 0),
                ("business", "2026-Q2", 0, 0, 1),
                ("private", "2026-Q1", 2, 1, 1),
            ],
        ),
    ],
)
def test_counts_by_period_place_and_segment(
    engine: Engine, by: list[str], expected: list[tuple[object, ...]]
) -> None:
    table = nps_table_from_counts(read_nps_counts(engine, "shop", by), by)
    assert table_counts(table, by) == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"location": "Køge"}, [(1, 1, 2)]),
        ({"location": "Oslo"}, [(1, 1, 0)]),
        ({"segment": "business"}, [(0, 1, 1)]),
        ({"location": "Køge", "segment": "business"}, [(0, 0, 1)]),
        ({"location": "Bergen"}, [(0, 0, 0)]),
    ],
)
def test_counts_of_one_location_or_segment(
    engine: Engine, where: dict[str, str], expected: list[tuple[object, ...]]
) -> None:
    assert counts(read_nps_counts(engine, "shop", **where)) == expected


def test_days_are_inclusive_utc_days(engine: Engine) -> None:
    february = read_nps_counts(
        engine, "shop", ["month"], start=date(2026, 2, 1), end=date(2026, 2, 28)
    )
    assert counts(february) == [("2026-02", 0, 2, 0)]


def test_relationship_answers_are_counted_apart(engine: Engine) -> None:
    by = ["touchpoint"]
    table = nps_table_from_counts(
        read_nps_counts(engine, "shop", by, survey_kind="relationship"),
        by,
        survey_kind="relationship",
    )
    assert table_counts(table, by) == [(None, 1, 0, 1)]
    assert table.attrs["survey_kind"] == "relationship"


@pytest.mark.parametrize("by", [[], ["touchpoint", "month"]])
def test_no_answers_is_an_empty_table(engine: Engine, by: list[str]) -> None:
    none = read_nps_counts(engine, "shop", by, start=date(2027, 1, 1))
    assert none["promoters"].sum() == 0
    table = nps_table_from_counts(none, by)
    assert table.empty
    assert list(table.columns) == list(nps_table(read_responses(engine, "shop"), by).columns)
    nobody = nps_table_from_counts(read_nps_counts(engine, "nobody", by), by)
    assert nobody.empty


def test_bad_arguments_are_refused_before_the_query(engine: Engine) -> None:
    with pytest.raises(ValueError, match="cannot group NPS by week"):
        read_nps_counts(engine, "shop", ["week"])
    with pytest.raises(ValueError, match="unknown survey kind 'both'"):
        read_nps_counts(engine, "shop", survey_kind="both")


def test_counts_frame_entry_point_sorts_and_drops_empty_groups() -> None:
    counted = pd.DataFrame(
        {
            "touchpoint": ["till", "advice", "till", "gone"],
            "month": ["2026-03", "2026-02", "2025-12", "2026-01"],
            "promoters": [3, 1, 0, 0],
            "passives": [1, 0, 0, 0],
            "detractors": [0, 1, 2, 0],
        }
    )
    table = nps_table_from_counts(counted, ["touchpoint", "month"])
    assert list(zip(table["touchpoint"], table["month"], strict=True)) == [
        ("advice", "2026-02"),
        ("till", "2025-12"),
        ("till", "2026-03"),
    ]
    assert list(table["n"]) == [2, 2, 4]
    assert list(table["nps"]) == [0.0, -100.0, 75.0]
    assert list(table.index) == [0, 1, 2]


def test_pandas_counts_label_periods_as_the_database_does() -> None:
    frame = pd.DataFrame(
        {
            "touchpoint_id": [a[0] for a in ANSWERS],
            "responded_at": pd.to_datetime([a[1] for a in ANSWERS], utc=True),
            "score": [a[2] for a in ANSWERS],
            "survey_kind": [a[3] for a in ANSWERS],
            "location": [a[4] for a in ANSWERS],
            "segment": [a[5] for a in ANSWERS],
        }
    )
    assert counts(nps_counts(frame, ["touchpoint", "quarter"])) == [
        ("checkout", "2026-Q1", 1, 2, 1),
        ("advice", "2026-Q1", 1, 0, 0),
        ("advice", "2026-Q2", 0, 0, 1),
    ]
    assert counts(nps_counts(frame, ["month"], survey_kind="relationship")) == [
        ("2026-02", 1, 0, 1)
    ]


DEMO_GROUPINGS = [
    [],
    ["touchpoint"],
    ["touchpoint", "month"],
    ["month", "touchpoint"],
    ["quarter", "location", "segment"],
    ["year", "touchpoint"],
    ["location"],
]


@pytest.fixture
def demo(demo_url: str) -> Engine:
    return open_database(demo_url)


@pytest.mark.parametrize("journey_id", ["bank-advisory", "retail-returns", "telecom-support"])
@pytest.mark.parametrize("kind", ["transactional", "relationship"])
@pytest.mark.parametrize("by", DEMO_GROUPINGS, ids=lambda by: "-".join(by) or "all")
def test_the_database_gives_exactly_the_pandas_table_on_the_demo(
    demo: Engine, journey_id: str, kind: str, by: list[str]
) -> None:
    responses = read_responses(demo, journey_id)
    assert not responses[responses["survey_kind"] == kind].empty
    expected = nps_table(responses, by, survey_kind=kind)
    got = nps_table_from_counts(
        read_nps_counts(demo, journey_id, by, survey_kind=kind), by, survey_kind=kind
    )
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs


def test_the_same_over_a_range_of_days_on_the_demo(demo: Engine) -> None:
    first = read_responses(demo, "bank-advisory")["responded_at"].min().date()
    start, end = first + timedelta(days=40), first + timedelta(days=140)
    by = ["touchpoint", "month"]
    expected = nps_table(read_responses(demo, "bank-advisory", start, end), by)
    got = nps_table_from_counts(
        read_nps_counts(demo, "bank-advisory", by, start=start, end=end), by
    )
    assert not got.empty
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
