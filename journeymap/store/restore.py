"""Restoring a backup (see :mod:`journeymap.store.backup`) into SQLite or PostgreSQL.

All or nothing: the schema changes and every row go in one transaction, and the photos
are unpacked into a folder beside the photo folder and moved in only after the commit.
The target is brought to the backup's schema revision, filled, and then upgraded to
this version's head, so the migrations move old data on exactly as they would have
moved it in the original database.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DataError, IntegrityError

from journeymap.i18n import _
from journeymap.store.audit import record
from journeymap.store.backup import DAMAGE, PHOTOS, BackupError, Manifest, TableDump
from journeymap.store.backup_check import open_backup, verify_backup
from journeymap.store.backup_values import decoder
from journeymap.store.revisions import database_revision, known_revisions, upgrade_in
from journeymap.store.tables import Base

INSERT_ROWS = 5_000


class TargetNotEmpty(BackupError):
    """The target already holds a workspace; ``held`` counts its rows by table."""

    def __init__(self, held: dict[str, int]) -> None:
        self.held = held
        listed = ", ".join(f"{n:,} {name}" for name, n in held.items())
        super().__init__(f"the target database already holds a workspace ({listed})")


def restore_backup(
    engine: Engine, photos: Path, source: Path, *, actor: str, replace: bool = False
) -> Manifest:
    """Restore ``source`` into the database and photo folder; returns its manifest.

    Refuses (TargetNotEmpty) a database that holds rows unless ``replace``; then its
    rows are deleted in the same transaction that loads the backup's. The restored audit
    log ends with who restored which backup, written in that same transaction.
    """
    source, photos = Path(source), Path(photos)
    with open_backup(source) as (zf, manifest):
        verify_backup(source, zf, manifest)
        staged = _stage_photos(source, zf, manifest, photos)
        try:
            _restore_rows(engine, source, zf, manifest, replace, actor)
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
    try:
        _move_photos(staged, photos, replace)
    except OSError as error:
        raise BackupError(
            _(
                "{source}: the database is restored, but its photos could not be moved into "
                "{photos} ({value}): move them there from {staged}"
            ).format(source=source, photos=photos, value=error.strerror or error, staged=staged)
        ) from None
    shutil.rmtree(staged, ignore_errors=True)
    return manifest


def _restore_rows(
    engine: Engine,
    source: Path,
    zf: zipfile.ZipFile,
    manifest: Manifest,
    replace: bool,
    actor: str,
) -> None:
    try:
        with engine.connect() as connection:
            _begin_writing(connection)
            _prepare_target(connection, manifest, replace)
            _load_rows(source, connection, zf, manifest)
            upgrade_in(connection)
            if connection.dialect.name == "postgresql":
                _reset_sequences(connection, manifest)
            # After the sequences: the entry numbers on after the restored ones.
            record(
                connection,
                "restored",
                "workspace",
                source.name,
                f"backup of {manifest.created_at}, {manifest.rows} rows, "
                f"{manifest.photos} photos" + (", replacing the workspace" if replace else ""),
                actor=actor,
            )
            connection.commit()
    except (IntegrityError, DataError) as error:
        raise BackupError(
            _(
                "{source}: its rows do not fit the database ({first_line}); nothing was restored"
            ).format(source=source, first_line=_first_line(error.orig or error))
        ) from None


def _begin_writing(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    # The driver starts a transaction only at the first INSERT or UPDATE; the schema
    # changes before it must be part of the same transaction, and no other writer may
    # slip in between.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
    # Rows of a table that refer to a later row of the same table are checked at commit.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")


def _ours(connection: Connection, manifest: Manifest) -> MetaData:
    """The workspace's tables in the target; other tables in the database are left alone."""
    names = set(Base.metadata.tables) | {t.name for t in manifest.tables}
    present = [name for name in inspect(connection).get_table_names() if name in names]
    metadata = MetaData()
    metadata.reflect(connection, only=present)
    return metadata


def _prepare_target(connection: Connection, manifest: Manifest, replace: bool) -> None:
    known = known_revisions()
    revision = database_revision(connection)
    if revision is not None and revision not in known:
        raise BackupError(
            _(
                "the target database is at schema revision {revision}, newer than this "
                "version of journeymap knows (up to {known}): restore with the journeymap "
                "that upgraded it"
            ).format(revision=revision, known=known[-1])
        )
    existing = _ours(connection, manifest)
    held = {
        table.name: n
        for table in existing.sorted_tables
        if (n := connection.scalar(select(func.count()).select_from(table)))
    }
    if held and not replace:
        raise TargetNotEmpty(held)
    behind = revision is not None and known.index(revision) <= known.index(manifest.revision)
    if existing.tables and not behind:
        # Ahead of the backup, or tables without a revision: start from an empty schema.
        existing.drop_all(connection)
        if revision is not None:
            connection.execute(text("DELETE FROM alembic_version"))
    upgrade_in(connection, manifest.revision)
    # Also removes any rows a migration itself inserted: the backup has the whole state.
    _clear(connection, _ours(connection, manifest))


def _clear(connection: Connection, metadata: MetaData) -> None:
    for table in reversed(metadata.sorted_tables):
        connection.execute(table.delete())


def _load_rows(
    source: Path, connection: Connection, zf: zipfile.ZipFile, manifest: Manifest
) -> None:
    target = _ours(connection, manifest)
    for dump in manifest.tables:
        table = target.tables.get(dump.name)
        missing = set(dump.columns) - set(table.columns.keys()) if table is not None else set()
        if table is None or missing:
            raise BackupError(
                _(
                    "{source}: the schema at revision {revision} has no {value}: the backup does "
                    "not match journeymap's migrations; use another backup"
                ).format(
                    source=source,
                    revision=manifest.revision,
                    value=dump.name if table is None else f"{dump.name}.{sorted(missing)[0]}",
                )
            )
        insert = _inserter(connection, table, dump.columns)
        for chunk in _rows(source, zf, dump, table):
            insert(chunk)
        stored = connection.scalar(select(func.count()).select_from(table))
        if stored != dump.rows:
            raise BackupError(
                _(
                    "{source}: {name} has {stored} rows after the restore where the backup counts"
                    " {rows}; nothing was restored"
                ).format(source=source, name=dump.name, stored=stored, rows=dump.rows)
            )


def _inserter(
    connection: Connection, table: Table, columns: list[str]
) -> Callable[[list[dict[str, Any]]], object]:
    """Rows into the table; PostgreSQL's COPY is many times faster than one INSERT a row."""
    copyable = not any(isinstance(table.columns[name].type, JSON) for name in columns)
    if connection.dialect.driver != "psycopg" or not copyable:
        return partial(connection.execute, table.insert())
    quote = connection.dialect.identifier_preparer.quote
    statement = (
        f"COPY {quote(table.name)} ({', '.join(quote(name) for name in columns)}) FROM STDIN"
    )

    dbapi = connection.dialect.loaded_dbapi

    def copy_rows(chunk: list[dict[str, Any]]) -> None:
        # The raw connection is in the same transaction as everything else here.
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor.copy(statement) as copy:
                for row in chunk:
                    copy.write_row([row[name] for name in columns])
        except dbapi.IntegrityError as error:
            raise IntegrityError(statement, None, error) from None
        except dbapi.DataError as error:
            raise DataError(statement, None, error) from None

    return copy_rows


def _rows(
    source: Path, zf: zipfile.ZipFile, dump: TableDump, table: Table
) -> Iterator[list[dict[str, Any]]]:
    decoders = {
        name: convert
        for name in dump.columns
        if (convert := decoder(table.columns[name].type)) is not None
    }
    chunk: list[dict[str, Any]] = []
    try:
        with zf.open(dump.member) as member:
            for line in io.TextIOWrapper(member, encoding="utf-8"):
                row = json.loads(line)
                for name, convert in decoders.items():
                    row[name] = convert(row[name])
                chunk.append(row)
                if len(chunk) == INSERT_ROWS:
                    yield chunk
                    chunk = []
    except (*DAMAGE, ValueError, KeyError) as error:
        raise BackupError(
            _("{source}: a row of {member} cannot be read ({error}); nothing was restored").format(
                source=source, member=dump.member, error=error
            )
        ) from None
    if chunk:
        yield chunk


def _reset_sequences(connection: Connection, manifest: Manifest) -> None:
    """Let new rows number on after the restored ids: the rows came with their ids."""
    quote = connection.dialect.identifier_preparer.quote
    for table in _ours(connection, manifest).sorted_tables:
        for column in table.primary_key.columns:
            if not isinstance(column.type, Integer):
                continue
            # A column without a sequence gives NULL, and setval(NULL, …) does nothing.
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence(:table, :column), "
                    f"COALESCE(MAX({quote(column.name)}), 0) + 1, false) "
                    f"FROM {quote(table.name)}"
                ),
                {"table": quote(table.name), "column": column.name},
            )


def _stage_photos(source: Path, zf: zipfile.ZipFile, manifest: Manifest, photos: Path) -> Path:
    photos.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".restoring-photos-", dir=photos.parent))
    try:
        for name in manifest.photo_members:
            (staged / name.removeprefix(PHOTOS)).write_bytes(zf.read(name))
    except DAMAGE as error:
        shutil.rmtree(staged, ignore_errors=True)
        raise BackupError(
            _("{source}: a photo cannot be read ({error}); nothing was restored").format(
                source=source, error=error
            )
        ) from None
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def _move_photos(staged: Path, photos: Path, replace: bool) -> None:
    photos.mkdir(parents=True, exist_ok=True)
    restored = set()
    for path in staged.iterdir():
        os.replace(path, photos / path.name)
        restored.add(path.name)
    if replace:
        # The rows that pointed at the other photos were replaced.
        for path in photos.iterdir():
            if path.is_file() and path.name not in restored:
                path.unlink()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
