"""Imports of evidence and journey files: who may, and the one transaction each.

The importers in :mod:`journeymap.io` read and check a file; these services check the
acting person's role, hand the valid rows to the store and name that person in the
audit log, in the transaction that stores the rows. A survey import is one batch of
one source (services/import_batches.py lists and undoes them) and makes the call-back
cases of its own detractors in that same transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from journeymap.analytics.callbacks import DEFAULT_CALLBACK_HOURS
from journeymap.i18n import N_, _
from journeymap.io.metric_import import parse_metric_file
from journeymap.io.survey_import import ImportMapping, ImportReport, parse_import
from journeymap.io.survey_import.identity import IdentityRules
from journeymap.io.survey_import.importer import Progress
from journeymap.io.survey_import.origins import NAME_LIMIT, KnownSource, choose_source
from journeymap.io.survey_import.report import Conflict
from journeymap.model import Journey
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.store.cases import check_callback_hours
from journeymap.store.evidence import insert_metric_points
from journeymap.store.import_batches import (
    BEFORE_BATCHES,
    SourcePlan,
    has_before_batches,
    read_sources,
)
from journeymap.store.response_batches import BatchPlan, StoredBatch, store_batch

__all__ = [
    "import_metrics",
    "import_responses",
    "preview_import",
]


def import_responses(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    path: Path,
    mapping: ImportMapping,
    *,
    source: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
) -> ImportReport:
    """Read, check and store a survey export as one import batch of its source, with the
    call-back cases of its detractors, in one audited transaction.

    ``source`` names the survey or form the file is from; without it, it is recognised
    (see io/survey_import/origins.py). InvalidInput when the file cannot be used,
    NotAllowed for a role that may not import, ValueError for a deadline that is no
    number of hours or a source name that cannot be used. In a dry run everything is
    done and rolled back, so the counts of new, already there and conflicting are exact.
    """
    require(viewer, Capability.IMPORT_DATA, N_("import survey answers"))
    check_callback_hours(callback_hours)
    given = check_source_name(source)
    parsed = parse_import(journey, path, mapping, dry_run=dry_run, progress=progress)
    report = parsed.report
    known = [
        KnownSource(s.id, s.name, s.tool, frozenset(s.questions), s.key_questions, s.title)
        for s in read_sources(engine, journey.id)
    ]
    choice = choose_source(known, parsed.origin, given)
    parsed.identity = IdentityRules(
        frozenset(choice.key_questions), legacy_keys=has_before_batches(engine, journey.id)
    )
    report.source, report.source_how = choice.name, choice.how
    report.sha256 = file_sha256(path)
    if choice.missing:
        report.warnings.append(
            _(
                "the file lacks {count} of the questions earlier files of '{source}' had "
                "({questions}): responses without an id are recognised by their answers to "
                "them, so answers imported before may count again; check the dry run, or "
                "import under another --source"
            ).format(
                count=len(choice.missing),
                source=choice.name,
                questions=", ".join(choice.missing[:5]),
            )
        )
    plan = BatchPlan(
        journey.id,
        SourcePlan(
            choice.name,
            choice.tool,
            choice.existing,
            choice.questions,
            choice.key_questions,
            choice.title,
        ),
        kind="file",
        file_name=report.file,
        sha256=report.sha256,
        named_source=given is not None,
    )
    rules = parsed.identity

    def keys_begin_with(source_id: int) -> None:
        parsed.identity = replace(rules, key_prefix=f"{source_id}:")

    stored = store_batch(
        engine,
        plan,
        parsed.frames,
        actor=actor(viewer),
        on_source=keys_begin_with,
        read_counts=lambda: read_counts(report),
        dry_run=dry_run,
        callback_hours=callback_hours,
        now=now,
    )
    fill_report(report, stored)
    if progress is not None:
        progress(1.0, "done")
    return report


def preview_import(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    path: Path,
    mapping: ImportMapping,
    *,
    source: str | None = None,
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    progress: Progress | None = None,
) -> ImportReport:
    """What an import would do, before anything is written: N new, M already there
    (per import that holds them), K conflicting, the rows refused; nothing is kept."""
    return import_responses(
        viewer,
        engine,
        journey,
        path,
        mapping,
        source=source,
        dry_run=True,
        progress=progress,
        callback_hours=callback_hours,
    )


def read_counts(report: ImportReport) -> dict[str, int]:
    """The counts of what was read, as the batch keeps them beside what was stored."""
    return {
        "rows_read": report.rows_read,
        "rejected": report.rejected_count,
        "without_score": report.blank_scores,
        "left_out": report.test_rows,
    }


def check_source_name(name: str | None) -> str | None:
    """The name a person gave, tidied; ValueError for one that cannot be a source."""
    if name is None:
        return None
    tidy = " ".join(name.split())
    if not tidy:
        raise ValueError(_("the source name is empty: give the survey's or form's name"))
    if len(tidy) > NAME_LIMIT:
        raise ValueError(
            _("the source name is longer than {name_limit} characters: shorten it").format(
                name_limit=NAME_LIMIT
            )
        )
    if tidy.casefold() == BEFORE_BATCHES:
        raise ValueError(
            _(
                "'{before_batches}' holds the responses stored before imports were batches: "
                "give the survey's or form's own name"
            ).format(before_batches=BEFORE_BATCHES)
        )
    return tidy


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fill_report(report: ImportReport, stored: StoredBatch) -> None:
    report.imported = stored.inserted
    report.duplicates = stored.duplicates
    report.already_from = dict(sorted(stored.already_from.items()))
    report.cases_created = stored.cases_created
    report.too_old = stored.too_old
    report.batch_id = stored.batch_id
    for conflict in sorted(stored.conflicts, key=lambda c: c.row):
        report.conflict(
            Conflict(
                row=conflict.row,
                response=conflict.identity.removeprefix("id:"),
                stored_batch=conflict.stored_batch,
                stored=conflict.stored,
                incoming=conflict.incoming,
            )
        )
    report.conflicting = stored.conflicting


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
    require(viewer, Capability.IMPORT_DATA, N_("import metric values"))
    report, valid = parse_metric_file(
        journey, path, dayfirst=dayfirst, date_format=date_format, dry_run=dry_run, sheet=sheet
    )
    inserted = insert_metric_points(
        engine, valid, actor=actor(viewer), source=report.file, dry_run=dry_run
    )
    report.imported = inserted
    report.duplicates += len(valid) - inserted
    return report
