"""Imports of evidence and journey files: who may, and the one transaction each.

The importers in :mod:`journeymap.io` read and check a file; these services check the
acting person's role, hand the valid rows to the store and name that person in the
audit log, in the transaction that stores the rows. A survey import makes the call-back
cases of its own detractors in that same transaction.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from journeymap.analytics.callbacks import DEFAULT_CALLBACK_HOURS
from journeymap.io.metric_import import parse_metric_file
from journeymap.io.survey_import import ImportMapping, ImportReport, parse_import
from journeymap.io.survey_import.importer import Progress
from journeymap.model import Journey
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store.cases import check_callback_hours
from journeymap.store.evidence import insert_metric_points, store_response_chunks

__all__ = [
    "import_metrics",
    "import_responses",
]


def import_responses(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    path: Path,
    mapping: ImportMapping,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
) -> ImportReport:
    """Read, check and store a survey export's responses and their call-back cases.

    InvalidInput when the file cannot be used, NotAllowed for a role that may not import,
    ValueError for a deadline that is no number of hours. In a dry run the rows are
    inserted and rolled back, so the counts of new and already-stored ones are exact.
    """
    require(viewer, Capability.IMPORT_DATA, "import survey answers")
    check_callback_hours(callback_hours)
    parsed = parse_import(journey, path, mapping, dry_run=dry_run, progress=progress)
    stored = store_response_chunks(
        engine,
        journey.id,
        parsed.frames,
        actor=actor(viewer),
        source=parsed.report.file,
        dry_run=dry_run,
        callback_hours=callback_hours,
        now=now,
    )
    report = parsed.report
    report.imported = stored.inserted
    report.duplicates += stored.duplicates
    report.cases_created = stored.cases_created
    if progress is not None:
        progress(1.0, "done")
    return report


def import_metrics(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    path: Path,
    *,
    dayfirst: bool | None = None,
    date_format: str | None = None,
    dry_run: bool = False,
    sheet: str | None = None,
) -> ImportReport:
    """Read, check and store metric points in one transaction; a report like the NPS one.

    ``sheet``: of a workbook, its name or number; by default the first with a date and
    a touchpoint column.
    """
    require(viewer, Capability.IMPORT_DATA, "import metric values")
    report, valid = parse_metric_file(
        journey, path, dayfirst=dayfirst, date_format=date_format, dry_run=dry_run, sheet=sheet
    )
    inserted = insert_metric_points(
        engine, valid, actor=actor(viewer), source=report.file, dry_run=dry_run
    )
    report.imported = inserted
    report.duplicates += len(valid) - inserted
    return report
