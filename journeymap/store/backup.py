"""A whole workspace in one file: every table's rows and the shoppers' photos.

The file is a zip holding

- ``manifest.json``: format version, the database's schema revision, when it was
  written, the rows of each table, the number of photos and the sha256 of every other
  member, so that a restore can tell a complete backup from a damaged one;
- ``tables/<table>.jsonl``: one JSON object per row, the tables in dependency order;
- ``photos/<file>``: the photo files as stored.

The tables are those declared in :mod:`journeymap.store.tables`, so a table added by a
later migration is backed up with no change here; the columns are those the database
has, so a database not yet upgraded is backed up as it is, at its own revision.
Opening and checking a backup is :mod:`journeymap.store.backup_check`'s concern.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Engine, Table, inspect, select

from journeymap.i18n import _
from journeymap.store.backup_values import encoder
from journeymap.store.revisions import database_revision, known_revisions
from journeymap.store.tables import Base, PhotoRow

FORMAT = "journeymap-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLES = "tables/"
PHOTOS = "photos/"
READ_ROWS = 2_000
HASH_BLOCK = 1 << 20
# A damaged member shows up as any of these while it is read.
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError)
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class BackupError(Exception):
    """A backup that cannot be written or used; the message names the file and the fix."""


@dataclass(frozen=True)
class TableDump:
    name: str
    columns: list[str]
    rows: int

    @property
    def member(self) -> str:
        return f"{TABLES}{self.name}.jsonl"


@dataclass(frozen=True)
class Manifest:
    revision: str
    created_at: str
    tables: list[TableDump]
    photos: int
    sha256: dict[str, str] = field(repr=False)
    database: str = ""
    # Photos the database lists that were not in the photo folder, so not backed up.
    missing_photos: int = 0

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def photo_members(self) -> list[str]:
        return [name for name in self.sha256 if name.startswith(PHOTOS)]

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": self.created_at,
                "database": self.database,
                "alembic_revision": self.revision,
                "tables": [
                    {"name": t.name, "columns": t.columns, "rows": t.rows} for t in self.tables
                ],
                "photos": self.photos,
                "missing_photos": self.missing_photos,
                "sha256": self.sha256,
            },
            indent=2,
            ensure_ascii=False,
        )


def write_backup(
    engine: Engine, photos: Path, out: Path, *, now: datetime | None = None
) -> Manifest:
    """Write the workspace to ``out``; a failure leaves no half-written file there."""
    out = Path(out)
    if out.is_dir():
        raise BackupError(
            _("{out} is a folder: give the name of the backup file to write").format(out=out)
        )
    if not out.parent.is_dir():
        raise BackupError(
            _("cannot write {out}: the folder {parent} does not exist").format(
                out=out, parent=out.parent
            )
        )
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        manifest = _write(engine, Path(photos), temp, now or datetime.now(UTC))
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return manifest


def _write(engine: Engine, photos: Path, temp: Path, now: datetime) -> Manifest:
    sha256: dict[str, str] = {}
    snapshot = engine
    if engine.dialect.name == "postgresql":
        snapshot = engine.execution_options(isolation_level="REPEATABLE READ")
    with snapshot.connect() as connection, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
        if connection.dialect.name == "sqlite":
            # One read transaction, so every table is read as of the same moment (WAL).
            connection.exec_driver_sql("BEGIN")
        revision = _revision_to_back_up(connection)
        dumps = [
            _dump_table(connection, zf, table, columns, sha256)
            for table, columns in _tables_in(connection)
        ]
        photo_count = _add_photos(zf, photos, sha256)
        manifest = Manifest(
            revision=revision,
            created_at=now.isoformat(),
            tables=dumps,
            photos=photo_count,
            sha256=sha256,
            database=connection.dialect.name,
            missing_photos=_missing_photos(connection, photos, dumps),
        )
        zf.writestr(MANIFEST, manifest.to_json())
    return manifest


def _revision_to_back_up(connection: Connection) -> str:
    revision = database_revision(connection)
    if revision is None:
        database = connection.engine.url.render_as_string(hide_password=True)
        raise BackupError(
            _(
                "{database} holds no journeymap workspace, so there is nothing to back up: "
                "check the database URL"
            ).format(database=database)
        )
    known = known_revisions()
    if revision not in known:
        raise BackupError(
            _(
                "the database is at schema revision {revision}, newer than this version of "
                "journeymap knows (up to {known}): back it up with the journeymap that "
                "upgraded it"
            ).format(revision=revision, known=known[-1])
        )
    return revision


def _tables_in(connection: Connection) -> list[tuple[Table, list[Column[Any]]]]:
    inspector = inspect(connection)
    present = set(inspector.get_table_names())
    found = []
    for table in Base.metadata.sorted_tables:
        if table.name in present:
            stored = {c["name"] for c in inspector.get_columns(table.name)}
            found.append((table, [c for c in table.columns if c.name in stored]))
    return found


def _dump_table(
    connection: Connection,
    zf: zipfile.ZipFile,
    table: Table,
    columns: list[Column[Any]],
    sha256: dict[str, str],
) -> TableDump:
    dump = TableDump(table.name, [c.name for c in columns], 0)
    encoders = [(c.name, encoder(c)) for c in columns]
    query = select(*columns).order_by(*table.primary_key.columns)
    digest, rows = hashlib.sha256(), 0
    with zf.open(dump.member, "w", force_zip64=True) as member:
        result = connection.execution_options(yield_per=READ_ROWS).execute(query)
        for batch in result.partitions():
            lines = "".join(_line(encoders, row) for row in batch).encode("utf-8")
            digest.update(lines)
            member.write(lines)
            rows += len(batch)
    sha256[dump.member] = digest.hexdigest()
    return TableDump(dump.name, dump.columns, rows)


def _line(encoders: list[tuple[str, Any]], row: Any) -> str:
    values = {
        name: value if encode is None else encode(value)
        for (name, encode), value in zip(encoders, row, strict=True)
    }
    return _JSON.encode(values) + "\n"


def _add_photos(zf: zipfile.ZipFile, folder: Path, sha256: dict[str, str]) -> int:
    if not folder.is_dir():
        return 0
    count = 0
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = f"{PHOTOS}{path.name}"
        # JPEG, PNG and WebP are compressed already.
        zf.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        sha256[name] = hashlib.sha256(data).hexdigest()
        count += 1
    return count


def _missing_photos(connection: Connection, folder: Path, dumps: list[TableDump]) -> int:
    # A backup run with another data folder than the app's would have no photos at all.
    if PhotoRow.__tablename__ not in {d.name for d in dumps}:
        return 0
    names = connection.scalars(select(PhotoRow.file_name)).all()
    return sum(1 for name in names if not (folder / name).is_file())
