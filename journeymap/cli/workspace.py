"""`backup` and `restore`: the whole workspace, database and photos, in one file."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from journeymap.cli.common import EXIT_OK, CommandError, Commands, safe_url, viewer_for
from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt


def register(commands: Commands) -> None:
    sub = commands.add(
        "backup",
        cmd_backup,
        _("write the workspace (every table and the stored photos) to one backup file"),
    )
    sub.add_argument("out", type=Path, metavar="OUT", help=_("the backup file to write (.zip)"))
    sub.add_argument("--overwrite", action="store_true", help=_("replace OUT if it exists"))
    sub = commands.add(
        "restore",
        cmd_restore,
        _("restore a backup into an empty database (SQLite or PostgreSQL) and the photo folder"),
    )
    sub.add_argument("source", type=Path, metavar="IN", help=_("a file written by backup"))
    sub.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the workspace in the target database and photo folder with the backup"),
    )


def cmd_backup(args: argparse.Namespace) -> int:
    from journeymap.services.workspace import BackupError, back_up, workspace_photos
    from journeymap.store.engine import make_engine

    out: Path = args.out
    if out.exists() and not args.overwrite:
        raise CommandError(
            _("{file} already exists: give another name, or add --overwrite").format(file=out)
        )
    folder = workspace_photos()
    # Not migrated first: a backup taken before an upgrade keeps the data as it was.
    engine = make_engine(args.db)
    try:
        manifest = back_up(viewer_for(args), engine, out, photos=folder)
    except BackupError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(
            _("cannot write {file}: {reason}").format(file=out, reason=error.strerror or error)
        ) from None
    finally:
        engine.dispose()
    print(
        _(
            "{file}: {rows} rows in {tables} tables and {photos} from {url} "
            "(schema revision {revision})"
        ).format(
            file=out,
            rows=fmt.number(manifest.rows),
            tables=fmt.number(len(manifest.tables)),
            photos=photos(manifest.photos),
            url=safe_url(args.db),
            revision=manifest.revision,
        )
    )
    if manifest.missing_photos:
        print(
            _(
                "journeymap: {photos} the database lists are not in {folder}, so the backup "
                "is without them: is JOURNEYMAP_DATA_DIR the app's data folder?"
            ).format(photos=photos(manifest.missing_photos), folder=folder),
            file=sys.stderr,
        )
    return EXIT_OK


def photos(n: int) -> str:
    return ngettext("{count} photo", "{count} photos", n).format(count=fmt.number(n))


def shown_moment(iso: str) -> str:
    """An ISO 8601 time from a backup's manifest, as the reader writes times."""
    try:
        return fmt.moment(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def cmd_restore(args: argparse.Namespace) -> int:
    from journeymap.services.workspace import BackupError, TargetNotEmpty, restore, schema_head
    from journeymap.store.engine import make_engine

    source: Path = args.source
    engine = make_engine(args.db)
    try:
        manifest = restore(viewer_for(args), engine, source, replace=args.replace)
    except TargetNotEmpty as error:
        raise CommandError(
            _(
                "{problem} at {url}: restore into an empty database, or add "
                "--replace to replace everything in it with {file}"
            ).format(problem=error, url=safe_url(args.db), file=source.name)
        ) from None
    except BackupError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(
            _("cannot restore {file}: {reason}").format(file=source, reason=error.strerror or error)
        ) from None
    finally:
        engine.dispose()
    print(
        _(
            "{file}: restored {rows} rows in {tables} tables and {photos} into {url} "
            "(backup of {made} at schema revision {revision}, now at {head})"
        ).format(
            file=source,
            rows=fmt.number(manifest.rows),
            tables=fmt.number(len(manifest.tables)),
            photos=photos(manifest.photos),
            url=safe_url(args.db),
            made=shown_moment(manifest.created_at),
            revision=manifest.revision,
            head=schema_head(),
        )
    )
    if manifest.missing_photos:
        print(
            _(
                "journeymap: the backup was made without {photos} the database lists: they "
                "were not in the photo folder it was made from"
            ).format(photos=photos(manifest.missing_photos)),
            file=sys.stderr,
        )
    return EXIT_OK
