"""`backup` and `restore`: the whole workspace, database and photos, in one file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap.cli.common import EXIT_OK, CommandError, Commands, safe_url, viewer_for


def register(commands: Commands) -> None:
    sub = commands.add(
        "backup",
        cmd_backup,
        "write the workspace (every table and the stored photos) to one backup file",
    )
    sub.add_argument("out", type=Path, metavar="OUT", help="the backup file to write (.zip)")
    sub.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    sub = commands.add(
        "restore",
        cmd_restore,
        "restore a backup into an empty database (SQLite or PostgreSQL) and the photo folder",
    )
    sub.add_argument("source", type=Path, metavar="IN", help="a file written by backup")
    sub.add_argument(
        "--replace",
        action="store_true",
        help="replace the workspace in the target database and photo folder with the backup",
    )


def cmd_backup(args: argparse.Namespace) -> int:
    from journeymap.services.workspace import BackupError, back_up, workspace_photos
    from journeymap.store.engine import make_engine

    out: Path = args.out
    if out.exists() and not args.overwrite:
        raise CommandError(f"{out} already exists: give another name, or add --overwrite")
    folder = workspace_photos()
    # Not migrated first: a backup taken before an upgrade keeps the data as it was.
    engine = make_engine(args.db)
    try:
        manifest = back_up(viewer_for(args), engine, out, photos=folder)
    except BackupError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    finally:
        engine.dispose()
    print(
        f"{out}: {manifest.rows:,} rows in {len(manifest.tables)} tables and "
        f"{photos(manifest.photos)} from {safe_url(args.db)} "
        f"(schema revision {manifest.revision})"
    )
    if manifest.missing_photos:
        print(
            f"journeymap: {photos(manifest.missing_photos)} the database lists are not in "
            f"{folder}, so the backup is without them: is JOURNEYMAP_DATA_DIR the app's data "
            "folder?",
            file=sys.stderr,
        )
    return EXIT_OK


def photos(n: int) -> str:
    return f"{n:,} photo" + ("" if n == 1 else "s")


def cmd_restore(args: argparse.Namespace) -> int:
    from journeymap.services.workspace import BackupError, TargetNotEmpty, restore, schema_head
    from journeymap.store.engine import make_engine

    source: Path = args.source
    engine = make_engine(args.db)
    try:
        manifest = restore(viewer_for(args), engine, source, replace=args.replace)
    except TargetNotEmpty as error:
        raise CommandError(
            f"{error} at {safe_url(args.db)}: restore into an empty database, or add "
            f"--replace to replace everything in it with {source.name}"
        ) from None
    except BackupError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"cannot restore {source}: {error.strerror or error}") from None
    finally:
        engine.dispose()
    print(
        f"{source}: restored {manifest.rows:,} rows in {len(manifest.tables)} tables and "
        f"{photos(manifest.photos)} into {safe_url(args.db)} (backup of "
        f"{manifest.created_at} at schema revision {manifest.revision}, now at "
        f"{schema_head()})"
    )
    if manifest.missing_photos:
        print(
            f"journeymap: the backup was made without {photos(manifest.missing_photos)} the "
            "database lists: they were not in the photo folder it was made from",
            file=sys.stderr,
        )
    return EXIT_OK
