"""insert_new_frame stores what insert_new stores, skips what it skips, on both databases."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError

from journeymap.store.bulk import insert_new, insert_new_frame, records, roomy_page_cache
from journeymap.store.engine import open_database
from journeymap.store.sqlite_texts import sqlite_datetime_texts
from journeymap.store.tables import ResponseRow
from tests.unit.voc_helpers import shop_engine

TABLE = ResponseRow.__table__
STORED = [c for c in TABLE.columns if c.name not in ("id", "dedup_key")]
COMMENTS = ["Ærlig talt 😀", "", 'it\'s "quoted"; -- not SQL', "%s %(x)s ?"]


@pytest.fixture
def engine(database_url: str) -> Engine:
    return shop_engine(database_url)


def responses(keys: list[str]) -> pd.DataFrame:
    """Rows as an import makes them: UTC moments, None for no touchpoint, odd text."""
    start = pd.Timestamp("2026-03-29 00:59:59.123456", tz="UTC")
    return pd.DataFrame(
        {
            "journey_id": "shop",
            "dedup_key": keys,
            "touchpoint_id": [None if i % 3 == 0 else "checkout" for i in range(len(keys))],
            "responded_at": [start + timedelta(hours=7 * i) for i in range(len(keys))],
            "score": pd.Series(range(len(keys)), dtype="int64") % 11,
            "survey_kind": "transactional",
            "comment": [COMMENTS[i % len(COMMENTS)] for i in range(len(keys))],
            "location": "Vesterbro",
            "segment": "",
            "contact": "",
            "source": "generic:export.csv",
        }
    )


def stored(engine: Engine, prefix: str = "") -> list[tuple[object, ...]]:
    """The stored rows whose key starts so, in the order they were inserted."""
    query = select(*STORED).where(ResponseRow.dedup_key.startswith(prefix))
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query.order_by(ResponseRow.id))]


def stored_keys(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(select(ResponseRow.dedup_key).order_by(ResponseRow.id)))


def test_a_frame_is_stored_as_its_records_are(engine: Engine) -> None:
    keys = [f"k{i}" for i in range(12)]
    with engine.begin() as connection:
        old = insert_new(connection, TABLE, records(responses([f"old:{k}" for k in keys])))
        new = insert_new_frame(connection, TABLE, responses([f"new:{k}" for k in keys]))
    assert old == new == 12
    assert stored(engine, "new:") == stored(engine, "old:")


def test_rows_already_stored_or_repeated_in_the_frame_are_skipped(engine: Engine) -> None:
    with engine.begin() as connection:
        for keys, new in ((["a", "b", "a", "c"] * 3, 3), ([*"bcde", "e", *"abcdefgh"], 5), ([], 0)):
            assert insert_new_frame(connection, TABLE, responses(keys)) == new
    assert stored_keys(engine) == [*"abcdefgh"]
    # The first of repeated keys is the one kept, as when the file was read whole.
    assert [row[3] for row in stored(engine)][:3] == [0, 1, 3]


def test_absent_columns_get_their_constant_defaults(engine: Engine) -> None:
    frame = responses([f"k{i}" for i in range(8)])
    with engine.begin() as connection:
        insert_new_frame(connection, TABLE, frame.drop(columns=["survey_kind", "comment"]))
    assert {(row[4], row[5]) for row in stored(engine)} == {("transactional", "")}


def test_a_refusal_of_the_database_is_sqlalchemys_exception(engine: Engine) -> None:
    frame = responses(["a", "b"]).assign(responded_at=pd.NaT)  # NOT NULL
    with pytest.raises(IntegrityError), engine.begin() as connection:
        insert_new_frame(connection, TABLE, frame)
    assert stored_keys(engine) == []


def test_the_page_cache_grows_for_a_load_and_shrinks_after(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        before = driver.execute("PRAGMA cache_size").fetchone()[0]  # type: ignore[union-attr]
        with roomy_page_cache(connection, mebibytes=64):
            assert driver.execute("PRAGMA cache_size").fetchone()[0] == -64 * 1024  # type: ignore[union-attr]
        assert driver.execute("PRAGMA cache_size").fetchone()[0] == before  # type: ignore[union-attr]


moments = st.datetimes(
    min_value=datetime(1678, 1, 1),
    max_value=datetime(2261, 12, 31),
    timezones=st.sampled_from([UTC, ZoneInfo("Europe/Copenhagen"), ZoneInfo("Asia/Kolkata")]),
)


@given(
    values=st.lists(st.tuples(moments, st.integers(0, 999)), min_size=1, max_size=30),
    gaps=st.lists(st.booleans(), max_size=30),
)
def test_sqlite_texts_are_what_sqlalchemy_writes(
    values: list[tuple[datetime, int]], gaps: list[bool]
) -> None:
    zone = values[0][0].tzinfo
    column = pd.Series(
        [
            pd.NaT if gone else pd.Timestamp(moment).tz_convert(zone) + pd.Timedelta(nanos, "ns")
            for (moment, nanos), gone in zip(values, gaps + [False] * len(values), strict=False)
        ],
        dtype=f"datetime64[ns, {zone}]",
    )
    write = sqlite.DATETIME().bind_processor(sqlite.dialect())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pandas: nanoseconds discarded
        expected = [None if pd.isna(v) else write(v.to_pydatetime()) for v in column]
    assert sqlite_datetime_texts(column) == expected
    assert sqlite_datetime_texts(column.dt.tz_localize(None)) == expected


def test_years_of_other_widths_are_left_to_sqlalchemy(sqlite_url: str) -> None:
    column = pd.Series(np.array(["0999-12-31T23:59:59", "2026-01-01"], dtype="datetime64[s]"))
    assert sqlite_datetime_texts(column) is None
    engine = shop_engine(sqlite_url)
    frame = responses(["a", "b"]).assign(responded_at=column.to_numpy())
    with engine.begin() as connection:
        insert_new_frame(connection, TABLE, frame)
        texts = connection.exec_driver_sql("SELECT responded_at FROM responses").scalars().all()
    assert texts == ["0999-12-31 23:59:59.000000", "2026-01-01 00:00:00.000000"]
