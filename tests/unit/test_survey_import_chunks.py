"""An export stored chunk by chunk in one transaction: same rows, same keys, same report."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from journeymap.io.survey_import import ImportMapping, parse_import
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
    columns = [c for c in ResponseRow.__table__.columns if c.name not in ("id", "batch_id")]
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(select(*columns).order_by(ResponseRow.id))]


def test_chunks_store_what_one_read_of_the_file_stores(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export(tmp_path, repeating_rows(200))
    mapping = MAPPING.model_copy(update={"id": "Id"})
    whole = run_import(engine, SHOP, path, mapping)
    expected = stored(engine)
    # The ids come back with other answers: conflicts within the file, the first kept.
    assert min(whole.conflicting, whole.rejected_count) > 0
    assert whole.imported + whole.conflicting + whole.rejected_count == 200
    with engine.begin() as connection:
        connection.execute(ResponseRow.__table__.delete())

    monkeypatch.setattr(TableSource.chunks, "__defaults__", (7,))
    chunked = run_import(engine, SHOP, path, mapping)
    assert without_batch(chunked.to_dict()) == without_batch(whole.to_dict())
    assert stored(engine) == expected

    again = run_import(engine, SHOP, path, mapping)
    assert (again.imported, again.duplicates) == (0, whole.valid)
    assert again.already_from == {chunked.batch_id: whole.imported}
    assert again.conflicting == whole.conflicting
    assert stored(engine) == expected


def without_batch(report: dict[str, object]) -> dict[str, object]:
    """The report but for which import it became and how its (same) source was known."""
    return {k: v for k, v in report.items() if k not in ("batch_id", "source_how")}


def legacy_keys(path: Path, mapping: ImportMapping) -> list[str]:
    """The keys the rows had before import batches (what a journey's older responses
    still carry): read without an identity, the importer makes them."""
    parsed = parse_import(SHOP, path, mapping)
    return [key for frame in parsed.frames for key in frame["dedup_key"]]


def test_content_keys_are_the_hash_of_the_row_and_of_its_repeat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pinned: responses imported before batches keep these keys, and a re-import of
    their file must find them (test_import_batches.py), or it would store them twice."""
    cells = ",2026-02-01 10:00,checkout,9,same answer"
    monkeypatch.setattr(TableSource.chunks, "__defaults__", (1,))
    keys = legacy_keys(export(tmp_path, [cells, cells]), MAPPING)
    digest = hashlib.sha256(cells.replace(",", "\x1f").encode()).hexdigest()
    repeat = hashlib.sha256(f"{digest}#2".encode()).hexdigest()
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
    # r0 … r3 come back on other days: conflicts, within a chunk and across chunks.
    assert (dry.imported, dry.duplicates, dry.conflicting) == (4, 0, 6)
    assert [c.response for c in dry.conflicts] == ["r0", "r1", "r2", "r3", "r0", "r1"]
    assert dry.conflicts[0].stored == {"responded_at": "2026-02-01 10:00:00+00:00"}
    assert dry.conflicts[0].incoming == {"responded_at": "2026-02-05 10:00:00+00:00"}
    assert dry.batch_id is None
    assert read_responses(engine, "shop").empty
    same = export(tmp_path, [f"r{i % 4},2026-02-01 10:00,checkout,9,x" for i in range(10)])
    repeated = run_import(engine, SHOP, same, mapping, dry_run=True)
    assert (repeated.imported, repeated.duplicates, repeated.conflicting) == (4, 6, 0)
    assert repeated.already_from == {0: 6}


def test_id_keys_are_the_id_hashed_when_long_and_content_when_blank(tmp_path: Path) -> None:
    """Pinned like the content keys: stored keys of earlier imports must come out again."""
    long_id = "Q" * 70
    rows = [" r1 ,2026-02-01 10:00,checkout,9,a", f"{long_id},2026-02-01 10:00,checkout,9,b"]
    blank = " N/A ,2026-02-01 10:00,checkout,9,c"
    path = export(tmp_path, [*rows, blank])
    digest = hashlib.sha256(blank.replace(",", "\x1f").encode()).hexdigest()
    assert legacy_keys(path, MAPPING.model_copy(update={"id": "Id"})) == [
        "id:r1",
        "id#" + hashlib.sha256(f"id:{long_id}".encode()).hexdigest()[:60],
        "row:" + digest[:60],
    ]
