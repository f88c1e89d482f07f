"""An export stored chunk by chunk in one transaction: same rows, same keys, same report."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from journeymap.io.survey_import import ImportMapping
from journeymap.io.survey_import.source import TableSource
from journeymap.model import InvalidInput
from journeymap.store.evidence import read_responses
from journeymap.store.tables import ResponseRow
from tests.unit.voc_helpers import SHOP, run_import, shop_engine

HEADER = "Id,Date,Touchpoint,Score,Comment"
MAPPING = ImportMapping(score="Score", date="Date", touchpoint="Touchpoint", comment="Comment")


@pytest.fixture
def engine(database_url: str) -> Engine:
    return shop_engine(database_url)


def export(folder: Path, rows: list[str], name: str = "export.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def repeating_rows(count: int) -> list[str]:
    """Rows with ids that come back in later chunks, rows without ids repeated exactly,
    and rows refused for a bad score or an unknown touchpoint."""
    rows = []
    for i in range(count):
        ident = f"r{i % 17}" if i % 3 else ""
        touchpoint = ["checkout", "Kasse", " advice ", "nowhere"][i % 4]
        score = ["9", "3", "10 - Extremely likely", "eleven"][i % 5 % 4]
        moment = f"2026-02-{1 + i % 9:02d} 10:{i % 60:02d}"
        rows.append(f"{ident},{moment},{touchpoint},{score},c{i % 4}")
    return rows


def stored(engine: Engine) -> list[tuple[object, ...]]:
    columns = [c for c in ResponseRow.__table__.columns if c.name != "id"]
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(select(*columns).order_by(ResponseRow.id))]


def test_chunks_store_what_one_read_of_the_file_stores(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export(tmp_path, repeating_rows(200))
    mapping = MAPPING.model_copy(update={"id": "Id"})
    whole = run_import(engine, SHOP, path, mapping)
    expected = stored(engine)
    assert min(whole.duplicates, whole.rejected_count) > 0
    assert whole.imported + whole.duplicates + whole.rejected_count == 200
    with engine.begin() as connection:
        connection.execute(ResponseRow.__table__.delete())

    monkeypatch.setattr(TableSource.chunks, "__defaults__", (7,))
    chunked = run_import(engine, SHOP, path, mapping)
    assert chunked.to_dict() == whole.to_dict()
    assert stored(engine) == expected

    again = run_import(engine, SHOP, path, mapping)
    assert (again.imported, again.duplicates) == (0, whole.valid)
    assert stored(engine) == expected


def test_content_keys_are_the_hash_of_the_row_and_of_its_repeat(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pinned: files imported by earlier versions must keep their keys, or a re-import
    would store them twice."""
    cells = ",2026-02-01 10:00,checkout,9,same answer"
    monkeypatch.setattr(TableSource.chunks, "__defaults__", (1,))
    run_import(engine, SHOP, export(tmp_path, [cells, cells]), MAPPING)
    digest = hashlib.sha256(cells.replace(",", "\x1f").encode()).hexdigest()
    repeat = hashlib.sha256(f"{digest}#2".encode()).hexdigest()
    keys = list(read_responses(engine, "shop")["dedup_key"])
    assert keys == ["row:" + digest[:60], "row:" + repeat[:60]]


def test_a_file_refused_in_a_later_chunk_leaves_nothing(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"r{i},2026-02-{1 + i % 9:02d} 10:00,checkout,9,x" for i in range(30)]
    rows += ["r98,03/04/2026,checkout,9,x", "r99,01/02/2026,checkout,9,x"]
    monkeypatch.setattr(TableSource.chunks, "__defaults__", (10,))
    with pytest.raises(InvalidInput, match="could be 3 April or 4 March"):
        run_import(engine, SHOP, export(tmp_path, rows), MAPPING.model_copy(update={"id": "Id"}))
    assert read_responses(engine, "shop").empty


def test_a_dry_run_in_chunks_counts_repeats_and_stores_nothing(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TableSource.chunks, "__defaults__", (3,))
    rows = [f"r{i % 4},2026-02-0{1 + i % 9} 10:00,checkout,9,x" for i in range(10)]
    path = export(tmp_path, rows)
    mapping = MAPPING.model_copy(update={"id": "Id"})
    dry = run_import(engine, SHOP, path, mapping, dry_run=True)
    assert (dry.imported, dry.duplicates) == (4, 6)
    assert read_responses(engine, "shop").empty


def test_id_keys_are_the_id_hashed_when_long_and_content_when_blank(
    engine: Engine, tmp_path: Path
) -> None:
    """Pinned like the content keys: stored keys of earlier imports must come out again."""
    long_id = "Q" * 70
    rows = [" r1 ,2026-02-01 10:00,checkout,9,a", f"{long_id},2026-02-01 10:00,checkout,9,b"]
    blank = " N/A ,2026-02-01 10:00,checkout,9,c"
    path = export(tmp_path, [*rows, blank])
    run_import(engine, SHOP, path, MAPPING.model_copy(update={"id": "Id"}))
    digest = hashlib.sha256(blank.replace(",", "\x1f").encode()).hexdigest()
    assert list(read_responses(engine, "shop")["dedup_key"]) == [
        "id:r1",
        "id#" + hashlib.sha256(f"id:{long_id}".encode()).hexdigest()[:60],
        "row:" + digest[:60],
    ]
