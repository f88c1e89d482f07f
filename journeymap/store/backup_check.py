"""Opening a backup and checking it before anything is restored from it.

Every problem is one sentence naming the file and what to do: not a zip, cut short, not
a journeymap backup, made by a newer version, a member missing, changed or damaged, or
a member the manifest does not list.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journeymap.i18n import _
from journeymap.store.backup import (
    DAMAGE,
    FORMAT,
    FORMAT_VERSION,
    HASH_BLOCK,
    MANIFEST,
    PHOTOS,
    BackupError,
    Manifest,
    TableDump,
)
from journeymap.store.revisions import known_revisions


@contextmanager
def open_backup(path: Path) -> Iterator[tuple[zipfile.ZipFile, Manifest]]:
    """The backup's zip and manifest, with a sentence that says what is wrong if not."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(
            _("{path} is a folder, not a backup file: give the backup file's name").format(
                path=path
            )
        )
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(
            _(
                "{path}: there is no such file: check the name, or write a backup with "
                "`python -m journeymap backup FILE`"
            ).format(path=path)
        ) from None
    except zipfile.BadZipFile:
        raise BackupError(_not_a_zip(path)) from None
    except OSError as error:
        raise BackupError(
            _("cannot read {path}: {value}").format(path=path, value=error.strerror or error)
        ) from None
    with zf:
        yield zf, _read_manifest(path, zf)


def _not_a_zip(path: Path) -> str:
    with path.open("rb") as file:
        starts_like_a_zip = file.read(4) == b"PK\x03\x04"
    if starts_like_a_zip:
        return _(
            "{path} is cut short or damaged (its zip directory is missing): copy the backup "
            "again from where it was kept, or use another backup"
        ).format(path=path)
    return _(
        "{path} is not a journeymap backup (it is not a zip file): give the file that "
        "`python -m journeymap backup` wrote"
    ).format(path=path)


def _read_manifest(path: Path, zf: zipfile.ZipFile) -> Manifest:
    if MANIFEST not in zf.namelist():
        raise BackupError(
            _(
                "{path} is a zip file but not a journeymap backup (it has no {manifest}): "
                "give the file that `python -m journeymap backup` wrote"
            ).format(path=path, manifest=MANIFEST)
        )
    try:
        data = json.loads(zf.read(MANIFEST))
    except (*DAMAGE, ValueError) as error:
        raise BackupError(_damaged(path, MANIFEST, error)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(
            _(
                "{path} is not a journeymap backup (its {manifest} is another program's): "
                "give the file that `python -m journeymap backup` wrote"
            ).format(path=path, manifest=MANIFEST)
        )
    if not isinstance(data.get("format_version"), int) or data["format_version"] > FORMAT_VERSION:
        raise BackupError(
            _(
                "{path} was written by a newer version of journeymap (backup format {get}; "
                "this version reads up to {format_version}): upgrade journeymap to restore it"
            ).format(path=path, get=data.get("format_version"), format_version=FORMAT_VERSION)
        )
    try:
        manifest = Manifest(
            revision=str(data["alembic_revision"]),
            created_at=str(data["created_at"]),
            tables=[
                TableDump(t["name"], list(t["columns"]), int(t["rows"])) for t in data["tables"]
            ],
            photos=int(data["photos"]),
            sha256={str(k): str(v) for k, v in data["sha256"].items()},
            database=str(data.get("database", "")),
            missing_photos=int(data.get("missing_photos", 0)),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise BackupError(
            _("{path}: its {manifest} is incomplete or damaged: use another backup").format(
                path=path, manifest=MANIFEST
            )
        ) from None
    _check_member_names(path, manifest)
    return manifest


def _check_member_names(path: Path, manifest: Manifest) -> None:
    tables = {t.member for t in manifest.tables}
    for name in manifest.sha256:
        photo = name.removeprefix(PHOTOS)
        safe_photo = name.startswith(PHOTOS) and photo not in ("", ".", "..")
        if name not in tables and not (safe_photo and "/" not in photo and "\\" not in photo):
            raise BackupError(
                _("{path}: its {manifest} lists an unexpected file {name}").format(
                    path=path, manifest=MANIFEST, name=repr(name)
                )
            )
    missing = tables - set(manifest.sha256)
    if missing or len(manifest.photo_members) != manifest.photos:
        raise BackupError(
            _("{path}: its {manifest} does not list a checksum for every file").format(
                path=path, manifest=MANIFEST
            )
        )


def verify_backup(path: Path, zf: zipfile.ZipFile, manifest: Manifest) -> None:
    """Every member present, unchanged and with the rows the manifest counts."""
    known = known_revisions()
    if manifest.revision not in known:
        raise BackupError(
            _(
                "{path} was made from a database at schema revision {revision}, newer than "
                "this version of journeymap knows (up to {known}): upgrade journeymap to "
                "restore it"
            ).format(path=path, revision=manifest.revision, known=known[-1])
        )
    present = set(zf.namelist())
    extra = present - set(manifest.sha256) - {MANIFEST}
    if extra:
        raise BackupError(
            _(
                "{path} holds {extra}, which its manifest does not list: it was changed after"
                " it was written; use another backup"
            ).format(path=path, extra=sorted(extra)[0])
        )
    rows = {t.member: t.rows for t in manifest.tables}
    for name, expected in manifest.sha256.items():
        if name not in present:
            raise BackupError(
                _(
                    "{path} is incomplete: {name} is missing; copy the backup again or use "
                    "another one"
                ).format(path=path, name=name)
            )
        digest, lines = _digest(path, zf, name)
        if digest != expected:
            raise BackupError(
                _(
                    "{path}: {name} does not match its checksum: the backup was changed or "
                    "damaged after it was written; use another backup"
                ).format(path=path, name=name)
            )
        if name in rows and lines != rows[name]:
            raise BackupError(
                _(
                    "{path}: {name} holds {lines} rows where the manifest counts {rows}: the "
                    "backup is damaged; use another backup"
                ).format(path=path, name=name, lines=lines, rows=rows[name])
            )


def _digest(path: Path, zf: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest, lines = hashlib.sha256(), 0
    try:
        with zf.open(name) as member:
            while block := member.read(HASH_BLOCK):
                digest.update(block)
                lines += block.count(b"\n")
    except DAMAGE as error:
        raise BackupError(_damaged(path, name, error)) from None
    return digest.hexdigest(), lines


def _damaged(path: Path, name: str, error: BaseException) -> str:
    return _(
        "{path}: {name} is damaged ({error}): copy the backup again from where it was "
        "kept, or use another backup"
    ).format(path=path, name=name, error=error)
