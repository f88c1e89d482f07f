"""The Verbatims search: in the database, paged, literal, and scoped to the reader."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete

from journeymap.analytics.verbatims import VerbatimFilter, filter_verbatims
from journeymap.model.access import Role, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.verbatims import search_verbatims, verbatim_locations
from journeymap.store.evidence import insert_responses, read_responses
from journeymap.store.tables import ResponseRow
from tests.unit.voc_helpers import shop_engine

LEADER = Viewer(name="Lea", role=Role.LEADER)
NORTH_MANAGER = Viewer(name="Nils", role=Role.LOCATION_MANAGER, locations=frozenset({"north"}))
SHOPPER = Viewer(name="Sam", role=Role.SHOPPER, shopper_id="s1")
T0 = datetime(2026, 3, 10, 12, tzinfo=UTC)


def answer(key: str, comment: str, score: int = 8, **fields: object) -> dict[str, object]:
    hours = int(fields.pop("hours", 0))
    return {
        "journey_id": "shop",
        "dedup_key": key,
        "touchpoint_id": "checkout",
        "responded_at": T0 - timedelta(hours=hours),
        "score": score,
        "comment": comment,
        "location": "north",
    } | fields


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = shop_engine(database_url)
    insert_responses(
        engine,
        [
            answer("pct", "100% satisfied", 10, hours=1),
            answer("plain", "100 satisfied", 9, hours=2),
            answer("under", "snake_case in the app", 3, hours=3, location="south"),
            answer("no-under", "snakeXcase everywhere", 4, hours=4),
            answer("slash", "either/or 50/50", 7, hours=5),
            answer("dane", "Ærlig talt: KØEN var lang", 2, hours=6, location="south"),
            answer("blank", "   ", 1, hours=7),
            answer("lines", "\n\t", 1, hours=8),
            answer("none", "", 5, hours=9),
            answer("old", "The queue was long", 6, hours=24 * 20),
        ],
        actor="test",
    )
    return engine


def comments(engine: Engine, viewer: Viewer = LEADER, **choice: object) -> list[str]:
    return list(search_verbatims(viewer, engine, "shop", **choice).rows["comment"])


def test_a_typed_percent_or_underscore_is_literal(engine: Engine) -> None:
    assert comments(engine, text="100%") == ["100% satisfied"]
    assert comments(engine, text="snake_case") == ["snake_case in the app"]
    assert comments(engine, text="%") == ["100% satisfied"]
    assert comments(engine, text="_") == ["snake_case in the app"]
    assert comments(engine, text="/50") == ["either/or 50/50"]
    assert comments(engine, text="\\") == []


def test_the_search_ignores_case_also_beyond_ascii(engine: Engine) -> None:
    assert comments(engine, text="køen") == ["Ærlig talt: KØEN var lang"]
    assert comments(engine, text="ærlig") == ["Ærlig talt: KØEN var lang"]
    assert comments(engine, text="  QUEUE ") == ["The queue was long"]


def test_filters_newest_first_without_blank_comments(engine: Engine) -> None:
    assert comments(engine) == [
        "100% satisfied",
        "100 satisfied",
        "snake_case in the app",
        "snakeXcase everywhere",
        "either/or 50/50",
        "Ærlig talt: KØEN var lang",
        "The queue was long",
    ]
    assert comments(engine, group="detractor") == [
        "snake_case in the app",
        "snakeXcase everywhere",
        "Ærlig talt: KØEN var lang",
        "The queue was long",
    ]
    assert comments(engine, group="passive") == ["either/or 50/50"]
    assert comments(engine, location="south") == [
        "snake_case in the app",
        "Ærlig talt: KØEN var lang",
    ]
    assert comments(engine, start=date(2026, 2, 1), end=date(2026, 2, 28)) == ["The queue was long"]
    found = search_verbatims(LEADER, engine, "shop", group="promoter")
    assert list(found.rows["group"]) == ["promoter", "promoter"]
    assert list(found.rows["score"]) == [10, 9]


def test_pages_and_the_total(engine: Engine) -> None:
    first = search_verbatims(LEADER, engine, "shop", page=1, page_size=3)
    assert (first.total, first.pages, first.page, first.first, first.last) == (7, 3, 1, 1, 3)
    third = search_verbatims(LEADER, engine, "shop", page=3, page_size=3)
    assert list(third.rows["comment"]) == ["The queue was long"]
    assert (third.first, third.last) == (7, 7)
    # A page past the end (fewer matches than when it was chosen) is the last one.
    beyond = search_verbatims(LEADER, engine, "shop", page=9, page_size=3)
    assert (beyond.page, list(beyond.rows["comment"])) == (3, ["The queue was long"])
    none = search_verbatims(LEADER, engine, "shop", text="nothing like this")
    assert (none.total, none.pages, none.page, none.first, len(none.rows)) == (0, 1, 1, 0, 0)
    with pytest.raises(ValueError, match="1 to 500 comments"):
        search_verbatims(LEADER, engine, "shop", page_size=0)
    with pytest.raises(ValueError, match="unknown score group 'fans'"):
        search_verbatims(LEADER, engine, "shop", group="fans")


def test_a_location_manager_reads_own_locations_only(engine: Engine) -> None:
    assert "Ærlig talt: KØEN var lang" not in comments(engine, NORTH_MANAGER)
    assert comments(engine, NORTH_MANAGER, location="south") == []
    assert search_verbatims(NORTH_MANAGER, engine, "shop").total == 5
    assert verbatim_locations(NORTH_MANAGER, engine, "shop") == ["north"]
    assert verbatim_locations(LEADER, engine, "shop") == ["north", "south"]
    with pytest.raises(NotAllowed, match="may not read the customers' comments"):
        search_verbatims(SHOPPER, engine, "shop")


WORDS = st.sampled_from(["queue", "QUEUE", "kø", "KØ", "100%", "100", "a_b", "aXb", "%", "_", " "])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(st.lists(WORDS, max_size=3).map(" ".join), min_size=1, max_size=12),
    search=st.lists(WORDS, min_size=0, max_size=2).map("".join),
    group=st.sampled_from([None, "promoter", "passive", "detractor"]),
)
def test_the_database_finds_what_the_pandas_filter_finds(
    sqlite_url: str, texts: list[str], search: str, group: str | None
) -> None:
    engine = _empty_shop(sqlite_url)
    rows = [answer(f"k{i}", text, i % 11, hours=i) for i, text in enumerate(texts)]
    insert_responses(engine, rows, actor="test")
    expected = filter_verbatims(
        read_responses(engine, "shop"), VerbatimFilter(group=group, search=search)
    )
    found = search_verbatims(LEADER, engine, "shop", text=search, group=group, page_size=500)
    assert found.total == len(expected)
    pd.testing.assert_frame_equal(
        found.rows.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False
    )


_ENGINES: dict[str, Engine] = {}


def _empty_shop(url: str) -> Engine:
    """The shop journey without responses; made once per database, emptied per example."""
    if url not in _ENGINES:
        _ENGINES[url] = shop_engine(url)
    engine = _ENGINES[url]
    with engine.begin() as connection:
        connection.execute(delete(ResponseRow))
    return engine


def test_the_segment_filter(engine: Engine) -> None:
    insert_responses(
        engine, [answer("biz", "Erhvervskunde: fint", 9, segment="business")], actor="test"
    )
    found = search_verbatims(LEADER, engine, "shop", segment="business")
    assert (found.total, list(found.rows["comment"])) == (1, ["Erhvervskunde: fint"])
    assert search_verbatims(LEADER, engine, "shop", segment="").total == 8
