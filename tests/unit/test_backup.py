"""Backup and restore: one file, every row and photo back, all or nothing, clear refusals."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    Text,
    func,
    inspect,
    select,
)

from journeymap.cli import main
from journeymap.store.answers import save_answer
from journeymap.store.backup import BackupError, write_backup
from journeymap.store.backup_values import decoder, encoder
from journeymap.store.engine import make_engine, migrate, open_database
from journeymap.store.evidence import insert_metric_points, insert_responses
from journeymap.store.photos import add_photo
from journeymap.store.restore import TargetNotEmpty, restore_backup
from journeymap.store.revisions import database_revision, known_revisions
from journeymap.store.tables import Base, ResponseRow, VisitRow
from journeymap.store.visits import get_visit, questionnaire_version
from journeymap.store.walk_notes import add_note
from tests.shopping import seed_tablet_visit

T0 = datetime(2026, 11, 10, 9, 30, tzinfo=UTC)
ADMIN = "alma.admin"
PHOTO_BYTES = (b"\xff\xd8\xff\xe0 first photo", b"\x89PNG\r\n\x1a\n second photo")


def workspace_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every declared table's rows, times in UTC, sorted by key (collations differ)."""
    engine = make_engine(url)
    rows = {}
    with engine.connect() as connection:
        present = set(inspect(connection).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                continue
            keys = [table.columns.keys().index(c.name) for c in table.primary_key.columns]
            found = [tuple(map(_utc, row)) for row in connection.execute(select(table))]
            rows[table.name] = sorted(found, key=lambda row: tuple(row[i] for i in keys))
    engine.dispose()
    return rows


def restored_rows(url: str, actor: str = ADMIN) -> dict[str, list[tuple[Any, ...]]]:
    """The restored workspace's rows without the restore's own audit entry, which must
    be the newest and name who restored it."""
    rows = workspace_rows(url)
    *kept, newest = rows["audit_log"]
    assert (newest[2], newest[3], newest[4]) == (actor, "restored", "workspace")
    return rows | {"audit_log": kept}


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def photo_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def add_two_photos(engine: Engine, photos: Path, visit_id: int, question_id: str) -> None:
    for i, data in enumerate(PHOTO_BYTES):
        add_photo(
            engine,
            photos,
            visit_id,
            question_id,
            data=data,
            extension="jpg" if i == 0 else "png",
            content_type="image/jpeg" if i == 0 else "image/png",
            width=640,
            height=480,
            original_name=f"IMG_{i}.jpg",
            now=T0,
            actor="fixture",
        )


def small_workspace(url: str, photos: Path) -> Engine:
    """A visit with answers and two photos, responses, a metric, a note: every column type."""
    engine = open_database(url)
    visit_id = seed_tablet_visit(engine)
    save_answer(engine, visit_id, "greeted", value=True, now=T0, actor="fixture")
    save_answer(engine, visit_id, "tidy", value=4, comment="Clean, bright", now=T0, actor="fixture")
    add_two_photos(engine, photos, visit_id, "entrance-photo")
    insert_responses(
        engine,
        [
            {"journey_id": "bank-advisory", "dedup_key": f"r{i}", "responded_at": T0, "score": i}
            for i in range(11)
        ],
        actor="test",
    )
    wait = {"touchpoint_id": "venter-filial", "metric": "wait_minutes", "value": 9.625, "n": 156}
    insert_metric_points(
        engine,
        [wait | {"journey_id": "bank-advisory", "observed_on": date(2026, 11, 10)}],
        actor="test",
    )
    add_note(engine, "bank-advisory", "venter-filial", "idea", "Chairs by the window", actor="Ida")
    return engine


def get_visit_form_question(engine: Engine, visit_id: int) -> str:
    visit = get_visit(engine, visit_id)
    assert visit is not None
    questionnaire = questionnaire_version(
        engine, visit.questionnaire_id, visit.questionnaire_version
    )
    return questionnaire.questions()[0].id


@dataclass(frozen=True)
class DemoBackup:
    path: Path
    rows: dict[str, list[tuple[Any, ...]]]
    photos: dict[str, bytes]


@pytest.fixture(scope="module")
def demo_backup(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoBackup:
    """The demo workspace with two photos added, backed up once for the module."""
    folder = tmp_path_factory.mktemp("demo-source")
    shutil.copyfile(demo_template, folder / "demo.db")
    url = f"sqlite:///{folder / 'demo.db'}"
    engine = make_engine(url)
    with engine.connect() as connection:
        visit_id = connection.scalar(
            select(func.min(VisitRow.id)).where(VisitRow.status == "assigned")
        )
    # A question the visit asks: a photo is evidence for one of its questions.
    question_id = get_visit_form_question(engine, visit_id)
    add_two_photos(engine, folder / "photos", visit_id, question_id)
    write_backup(engine, folder / "photos", folder / "demo-backup.zip")
    engine.dispose()
    return DemoBackup(
        folder / "demo-backup.zip", workspace_rows(url), photo_files(folder / "photos")
    )


def test_the_demo_workspace_comes_back_row_for_row(
    demo_backup: DemoBackup, database_url: str, tmp_path: Path
) -> None:
    manifest = restore_backup(
        make_engine(database_url), tmp_path / "photos", demo_backup.path, actor=ADMIN
    )
    assert restored_rows(database_url) == demo_backup.rows
    assert photo_files(tmp_path / "photos") == demo_backup.photos
    assert len(demo_backup.photos) == manifest.photos == 2
    assert {t.name: t.rows for t in manifest.tables} == {
        name: len(rows) for name, rows in demo_backup.rows.items()
    }
    assert manifest.revision == known_revisions()[-1]


def test_a_postgresql_workspace_comes_back_in_sqlite(postgres_url: str, tmp_path: Path) -> None:
    server = small_workspace(postgres_url, tmp_path / "server-photos")
    write_backup(server, tmp_path / "server-photos", tmp_path / "from-server.zip")
    laptop = f"sqlite:///{tmp_path / 'laptop.db'}"
    restore_backup(
        make_engine(laptop), tmp_path / "laptop-photos", tmp_path / "from-server.zip", actor=ADMIN
    )
    assert restored_rows(laptop) == workspace_rows(postgres_url)
    assert photo_files(tmp_path / "laptop-photos") == photo_files(tmp_path / "server-photos")


def test_new_rows_after_a_restore_get_new_ids(database_url: str, tmp_path: Path) -> None:
    source = small_workspace(f"sqlite:///{tmp_path / 'source.db'}", tmp_path / "a")
    write_backup(source, tmp_path / "a", tmp_path / "b.zip")
    target = make_engine(database_url)
    restore_backup(target, tmp_path / "photos", tmp_path / "b.zip", actor=ADMIN)
    note = add_note(target, "bank-advisory", "venter-filial", "question", "Why?", actor="Ole")
    new = [{"journey_id": "bank-advisory", "dedup_key": "new", "responded_at": T0, "score": 9}]
    assert insert_responses(target, new, actor="test") == 1
    with target.connect() as connection:
        ids = connection.scalars(select(ResponseRow.id).order_by(ResponseRow.id)).all()
    assert note.id == 2
    assert ids == list(range(1, 13))


def test_a_database_that_holds_a_workspace_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    engine = small_workspace(url, tmp_path / "photos")
    write_backup(engine, tmp_path / "photos", tmp_path / "b.zip")
    before = workspace_rows(url)
    with pytest.raises(TargetNotEmpty) as refused:
        restore_backup(engine, tmp_path / "photos", tmp_path / "b.zip", actor=ADMIN)
    held = refused.value.held
    assert {name: held[name] for name in ("journeys", "visits", "answers", "responses")} == {
        "journeys": 1,
        "visits": 1,
        "answers": 3,
        "responses": 11,
    }
    assert str(refused.value).startswith("the target database already holds a workspace (")
    assert ", 11 responses, " in str(refused.value)
    assert workspace_rows(url) == before


def test_replace_puts_the_backup_in_place_of_the_workspace(
    database_url: str, tmp_path: Path
) -> None:
    engine = small_workspace(database_url, tmp_path / "photos")
    write_backup(engine, tmp_path / "photos", tmp_path / "b.zip")
    backed_up, photos_then = workspace_rows(database_url), photo_files(tmp_path / "photos")
    # Work goes on after the backup: more answers, a photo, a response.
    visit_id = seed_tablet_visit(engine, key="later")
    save_answer(engine, visit_id, "greeted", value=False, now=T0, actor="fixture")
    add_two_photos(engine, tmp_path / "photos", visit_id, "entrance-photo")
    insert_responses(
        engine,
        [{"journey_id": "bank-advisory", "dedup_key": "x", "responded_at": T0, "score": 0}],
        actor="test",
    )
    restore_backup(engine, tmp_path / "photos", tmp_path / "b.zip", replace=True, actor=ADMIN)
    assert restored_rows(database_url) == backed_up
    assert photo_files(tmp_path / "photos") == photos_then


def test_a_backup_from_an_older_schema_is_upgraded(tmp_path: Path) -> None:
    old = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(old)
    migrate(engine, "0005")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO journeys VALUES ('j', 'J', 1, '{}', 'ida', '2026-11-10 09:30:00.000000', "
            "'2026-11-10 09:30:00.000000')"
        )
    write_backup(engine, tmp_path / "none", tmp_path / "old.zip")
    # The new server was opened once before the restore: an empty schema at head.
    new = f"sqlite:///{tmp_path / 'new.db'}"
    manifest = restore_backup(
        open_database(new), tmp_path / "photos", tmp_path / "old.zip", actor=ADMIN
    )
    assert manifest.revision == "0005"
    assert "users" not in {t.name for t in manifest.tables}
    with make_engine(new).connect() as connection:
        assert database_revision(connection) == known_revisions()[-1]
    assert workspace_rows(new)["journeys"] == [("j", "J", 1, "{}", "ida", T0, T0)]


def rewrite(
    source: Path,
    target: Path,
    member: str,
    change: Callable[[bytes], bytes],
    *,
    update_manifest: bool,
) -> None:
    """A copy of the backup with one member changed, its manifest kept or brought along."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        for name in old.namelist():
            data = old.read(name)
            if name == member:
                data = change(data)
                if update_manifest:
                    manifest["sha256"][name] = hashlib.sha256(data).hexdigest()
                    for table in manifest["tables"]:
                        if f"tables/{table['name']}.jsonl" == name:
                            table["rows"] = data.count(b"\n")
            if name != "manifest.json":
                new.writestr(name, data)
        new.writestr("manifest.json", json.dumps(manifest))


@pytest.fixture
def small_backup(tmp_path: Path) -> Path:
    engine = small_workspace(f"sqlite:///{tmp_path / 'source.db'}", tmp_path / "source-photos")
    write_backup(engine, tmp_path / "source-photos", tmp_path / "b.zip")
    return tmp_path / "b.zip"


def test_a_changed_member_fails_its_checksum_and_nothing_is_restored(
    small_backup: Path, tmp_path: Path
) -> None:
    changed = tmp_path / "changed.zip"
    rewrite(
        small_backup,
        changed,
        "tables/responses.jsonl",
        lambda data: data.replace(b'"score":0', b'"score":10'),
        update_manifest=False,
    )
    target = make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    with pytest.raises(BackupError) as failed:
        restore_backup(target, tmp_path / "photos", changed, actor=ADMIN)
    assert str(failed.value) == (
        f"{changed}: tables/responses.jsonl does not match its checksum: the backup was "
        "changed or damaged after it was written; use another backup"
    )
    assert inspect(target).get_table_names() == []


def test_rows_that_do_not_fit_leave_the_target_as_it_was(
    small_backup: Path, tmp_path: Path, database_url: str
) -> None:
    doubled = tmp_path / "doubled.zip"
    rewrite(
        small_backup,
        doubled,
        "tables/answers.jsonl",
        lambda data: data + data,
        update_manifest=True,
    )
    target = make_engine(database_url)
    with pytest.raises(
        BackupError, match=r"its rows do not fit the database \(.*nothing was restored"
    ):
        restore_backup(target, tmp_path / "photos", doubled, actor=ADMIN)
    with target.connect() as connection:
        assert database_revision(connection) is None
    assert inspect(target).get_table_names() == []
    assert not (tmp_path / "photos").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".restoring")] == []


def test_a_backup_from_a_newer_schema_is_refused(small_backup: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(small_backup) as old, zipfile.ZipFile(newer, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "manifest.json":
                data = data.replace(b'"alembic_revision": "', b'"alembic_revision": "9999-')
            new.writestr(name, data)
    with pytest.raises(BackupError) as refused:
        restore_backup(
            make_engine(f"sqlite:///{tmp_path / 't.db'}"), tmp_path / "p", newer, actor=ADMIN
        )
    assert str(refused.value) == (
        f"{newer} was made from a database at schema revision 9999-{known_revisions()[-1]}, "
        f"newer than this version of journeymap knows (up to {known_revisions()[-1]}): "
        "upgrade journeymap to restore it"
    )


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def zip_without_manifest(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "not a backup")


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            lambda p: p.unlink(),
            "{p}: there is no such file: check the name, or write a backup with "
            "`python -m journeymap backup FILE`",
        ),
        (
            cut_in_half,
            "{p} is cut short or damaged (its zip directory is missing): copy the backup "
            "again from where it was kept, or use another backup",
        ),
        (
            lambda p: p.write_text("score,comment\n9,Fine\n"),
            "{p} is not a journeymap backup (it is not a zip file): give the file that "
            "`python -m journeymap backup` wrote",
        ),
        (
            zip_without_manifest,
            "{p} is a zip file but not a journeymap backup (it has no manifest.json): give "
            "the file that `python -m journeymap backup` wrote",
        ),
    ],
    ids=["missing", "truncated", "not-a-zip", "no-manifest"],
)
def test_a_file_that_is_not_a_whole_backup_is_named_with_the_fix(
    small_backup: Path, tmp_path: Path, spoil: Callable[[Path], None], message: str
) -> None:
    spoil(small_backup)
    with pytest.raises(BackupError) as refused:
        restore_backup(
            make_engine(f"sqlite:///{tmp_path / 't.db'}"), tmp_path / "p", small_backup, actor=ADMIN
        )
    assert str(refused.value) == message.format(p=small_backup)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_and_restore_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "data"))
    source = f"sqlite:///{tmp_path / 'source.db'}"
    small_workspace(source, tmp_path / "data" / "photos").dispose()
    out = tmp_path / "nightly.zip"
    code, printed, err = run(capsys, "--db", source, "backup", str(out))
    assert (code, err) == (0, "")
    stored = workspace_rows(source)
    # 27 made by small_workspace (the responses with their import batch and its source),
    # and what the audit log says about them.
    rows, tables = 27 + len(stored["audit_log"]), len(stored)
    assert printed == (
        f"{out}: {rows} rows in {tables} tables and 2 photos from {source} "
        f"(schema revision {known_revisions()[-1]})\n"
    )
    code, _, err = run(capsys, "--db", source, "backup", str(out))
    assert (code, err) == (
        1,
        f"journeymap: {out} already exists: give another name, or add --overwrite\n",
    )
    assert run(capsys, "--db", source, "backup", "--overwrite", str(out))[0] == 0

    target = f"sqlite:///{tmp_path / 'target.db'}"
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "target-data"))
    code, printed, err = run(capsys, "--db", target, "--as", "ida", "restore", str(out))
    assert (code, err) == (0, "")
    assert printed.startswith(f"{out}: restored {rows} rows in {tables} tables and 2 photos into ")
    assert restored_rows(target, actor="ida (command line)") == workspace_rows(source)

    code, printed, err = run(capsys, "--db", target, "restore", str(out))
    assert (code, printed) == (1, "")
    assert err.startswith("journeymap: the target database already holds a workspace (")
    assert err.endswith(
        f") at {target}: restore into an empty database, or add --replace to replace "
        "everything in it with nightly.zip\n"
    )
    assert run(capsys, "--db", target, "restore", "--replace", str(out))[0] == 0

    out.write_bytes(b"PK\x03\x04 and then nothing")
    code, printed, err = run(capsys, "--db", target, "restore", str(out))
    assert (code, printed) == (1, "")
    assert err == (
        f"journeymap: {out} is cut short or damaged (its zip directory is missing): copy the "
        "backup again from where it was kept, or use another backup\n"
    )


@pytest.mark.parametrize(
    ("column_type", "value", "written", "read_back"),
    [
        (DateTime(timezone=True), datetime(2026, 11, 10, 9, 30), "2026-11-10T09:30:00+00:00", T0),
        (
            DateTime(timezone=True),
            datetime(2026, 11, 10, 11, 30, tzinfo=timezone(timedelta(hours=2))),
            "2026-11-10T09:30:00+00:00",
            T0,
        ),
        (DateTime(), datetime(2026, 11, 10, 9, 30), "2026-11-10T09:30:00", T0.replace(tzinfo=None)),
        (Date(), date(2026, 2, 28), "2026-02-28", date(2026, 2, 28)),
        (Numeric(10, 2), Decimal("12.50"), "12.50", Decimal("12.50")),
        (LargeBinary(), b"\x00\xff", "AP8=", b"\x00\xff"),
        (Float(), 0.1, 0.1, 0.1),
        (Boolean(), False, False, False),
        (Text(), "Kø på 12 min", "Kø på 12 min", "Kø på 12 min"),
        (Integer(), None, None, None),
    ],
    ids=[
        "naive-utc",
        "other-zone",
        "no-zone",
        "date",
        "decimal",
        "bytes",
        "float",
        "bool",
        "text",
        "null",
    ],
)
def test_values_keep_their_type_through_json(
    column_type: Any, value: Any, written: Any, read_back: Any
) -> None:
    encode = encoder(Column("c", column_type))
    as_json = value if encode is None else encode(value)
    assert as_json == written
    decode = decoder(column_type)
    assert (as_json if decode is None else decode(as_json)) == read_back


def test_a_backup_made_without_the_photo_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    small_workspace(source, tmp_path / "data" / "photos").dispose()
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "elsewhere"))
    out = tmp_path / "b.zip"
    code, printed, err = run(capsys, "--db", source, "backup", str(out))
    assert code == 0
    assert "and 0 photos from" in printed
    assert err == (
        f"journeymap: 2 photos the database lists are not in {tmp_path / 'elsewhere' / 'photos'}"
        ", so the backup is without them: is JOURNEYMAP_DATA_DIR the app's data folder?\n"
    )
    target = f"sqlite:///{tmp_path / 'target.db'}"
    code, _, err = run(capsys, "--db", target, "restore", str(out))
    assert code == 0
    assert err == (
        "journeymap: the backup was made without 2 photos the database lists: they were not "
        "in the photo folder it was made from\n"
    )
