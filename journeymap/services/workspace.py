"""The workspace as a whole: a stored journey by id, the demo, backup and restore.

A backup holds every table — the accounts' password hashes, shoppers' names, personal
answers — and a restore replaces everything: both are for admins. Loading the demo
writes journeys and evidence: for those who edit journeys and import data.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from journeymap import settings
from journeymap.i18n import N_
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.services.journeys import get_journey
from journeymap.store.backup import BackupError, Manifest, write_backup
from journeymap.store.photos import photos_folder
from journeymap.store.restore import TargetNotEmpty, restore_backup
from journeymap.store.revisions import known_revisions

if TYPE_CHECKING:
    from journeymap.demo import DemoReport

__all__ = [
    "BackupError",
    "Manifest",
    "TargetNotEmpty",
    "back_up",
    "load_demo_workspace",
    "restore",
    "schema_head",
    "stored_journey",
    "workspace_photos",
]


stored_journey = get_journey


def load_demo_workspace(
    viewer: Viewer,
    engine: Engine,
    journeys_dir: Path,
    *,
    seed: int | None = None,
    today: date | None = None,
) -> DemoReport:
    """The example journeys and their synthetic evidence, stored under the viewer's name.

    FileNotFoundError (with the fix) when ``journeys_dir`` is not a folder of journeys.
    """
    require(viewer, Capability.EDIT_JOURNEYS, N_("load the demo workspace"))
    require(viewer, Capability.IMPORT_DATA, N_("load the demo workspace"))
    # Imported here: the generator pulls in numpy and pandas, which reading a journey
    # or writing a backup does not need.
    from journeymap.demo import load_demo
    from journeymap.demo.load import DEFAULT_SEED

    return load_demo(
        engine,
        journeys_dir,
        actor=actor(viewer),
        seed=DEFAULT_SEED if seed is None else seed,
        today=today,
    )


def workspace_photos() -> Path:
    """The folder the shoppers' photos are stored in (under JOURNEYMAP_DATA_DIR)."""
    return photos_folder(settings.data_dir())


def back_up(viewer: Viewer, engine: Engine, out: Path, *, photos: Path | None = None) -> Manifest:
    """Write every table and the stored photos to ``out``; BackupError with the fix."""
    require(viewer, Capability.MANAGE_ACCOUNTS, N_("back up the workspace"))
    return write_backup(engine, photos or workspace_photos(), out)


def restore(
    viewer: Viewer,
    engine: Engine,
    source: Path,
    *,
    replace: bool = False,
    photos: Path | None = None,
) -> Manifest:
    """Restore a backup; TargetNotEmpty for a database that holds a workspace unless
    ``replace``. The audit log names the viewer as the one who restored it."""
    require(viewer, Capability.MANAGE_ACCOUNTS, N_("restore a backup over the workspace"))
    return restore_backup(
        engine, photos or workspace_photos(), source, actor=actor(viewer), replace=replace
    )


def schema_head() -> str:
    """The newest schema revision this version of journeymap knows."""
    return known_revisions()[-1]
