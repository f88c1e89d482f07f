"""Responses pushed over the HTTP API (or by a survey tool's webhook): one import batch each.

A push goes through the file import's own rules — its rows are read by the same chunk
parser, keyed by source and response id, stored by the same batch writer with the
call-back cases of its detractors, in one audited transaction — so a response pushed
twice, or pushed and later imported from the tool's export under the same source, is
"already there", and the same id with other answers is a conflict, reported. Row
numbers in the report count the pushed responses from 1.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.callbacks import DEFAULT_CALLBACK_HOURS
from journeymap.i18n import N_
from journeymap.io.survey_import import ImportMapping, ImportReport
from journeymap.io.survey_import.identity import IdentityRules, add_identity
from journeymap.io.survey_import.mapping import touchpoint_lookup
from journeymap.io.survey_import.origins import FileOrigin, KnownSource, choose_source
from journeymap.io.survey_import.rows import ChunkContext, parse_chunk
from journeymap.model import Journey
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import actor, require
from journeymap.services.imports import check_source_name, fill_report, read_counts
from journeymap.store.cases import check_callback_hours
from journeymap.store.import_batches import SourcePlan, has_before_batches, read_sources
from journeymap.store.response_batches import BatchPlan, store_batch

__all__ = ["FIELDS", "REQUIRED", "push_responses"]

FIELDS = (
    "response_id",
    "score",
    "responded_at",
    "touchpoint",
    "location",
    "segment",
    "comment",
    "contact",
)
REQUIRED = ("response_id", "score", "responded_at", "touchpoint")
MAPPING = ImportMapping(
    score="score",
    date="responded_at",
    date_format="ISO8601",
    touchpoint="touchpoint",
    location="location",
    segment="segment",
    comment="comment",
    contact="contact",
    id="response_id",
)
ISO_EXAMPLE = "2026-12-07T09:30:00+01:00"


def push_responses(
    viewer: Viewer,
    engine: Engine,
    journey: Journey,
    rows: list[dict[str, str]],
    *,
    source: str,
    tool: str = "api",
    label: str = "API push",
    callback_hours: float = DEFAULT_CALLBACK_HOURS,
    now: datetime | None = None,
) -> ImportReport:
    """Store pushed responses (text cells by FIELDS) as one batch of ``source``.

    NotAllowed for a role that may not import; ValueError (a sentence) for a source name
    that cannot be used. Every row that cannot be used is in the report with its number,
    field and reason; the rest is stored.
    """
    require(viewer, Capability.IMPORT_DATA, N_("push survey answers"))
    check_callback_hours(callback_hours)
    name = check_source_name(source) or "API"
    report = ImportReport(file=label, format=tool, rows_read=len(rows))
    frame = _frame(rows, report)
    known = [
        KnownSource(s.id, s.name, s.tool, frozenset(s.questions), s.key_questions, s.title)
        for s in read_sources(engine, journey.id)
    ]
    origin = FileOrigin(tool, None, name, ())
    choice = choose_source(known, origin, name)
    report.source, report.source_how = choice.name, "named by the push"
    rules = IdentityRules(frozenset(), legacy_keys=has_before_batches(engine, journey.id))
    context = ChunkContext(
        journey_id=journey.id,
        mapping=MAPPING,
        touchpoints=touchpoint_lookup(journey),
        fixed_touchpoint=None,
        source=f"{tool}:{choice.name}",
        legacy_keys=rules.legacy_keys,
    )
    prefix = {"key": ""}

    def chunks() -> Iterator[pd.DataFrame]:
        # A generator: run when the store reads it, after it has named the source.
        parsed = parse_chunk(frame, context, report)
        keyed = replace(rules, key_prefix=prefix["key"])
        yield add_identity(frame, parsed, MAPPING, keyed, Counter())

    def keys_begin_with(source_id: int) -> None:
        prefix["key"] = f"{source_id}:"

    report.sha256 = _digest(rows)
    stored = store_batch(
        engine,
        BatchPlan(
            journey.id,
            SourcePlan(choice.name, choice.tool, choice.existing, (), (), ""),
            kind="api",
            file_name=label,
            sha256=report.sha256,
            named_source=True,
        ),
        chunks(),
        actor=actor(viewer),
        on_source=keys_begin_with,
        read_counts=lambda: read_counts(report),
        callback_hours=callback_hours,
        now=now,
    )
    report.rejected.sort(key=lambda r: r.row)
    fill_report(report, stored)
    return report


def _frame(rows: list[dict[str, str]], report: ImportReport) -> pd.DataFrame:
    """All-text cells numbered from 1; times that are no ISO 8601 are refused here, the
    rest written in UTC so that one format reads them all."""
    cells = [{f: str(row.get(f) or "") for f in FIELDS} for row in rows]
    keep: list[int] = []
    for number, row in enumerate(cells, start=1):
        value = row["responded_at"].strip()
        moment = _moment(value)
        if moment is None and value:
            report.reject(
                number,
                "responded_at",
                value,
                "bad date",
                f"'{value}' is not an ISO 8601 time: write it as {ISO_EXAMPLE}",
            )
            continue
        row["responded_at"] = moment or ""
        keep.append(number)
    frame = pd.DataFrame([cells[n - 1] for n in keep], columns=list(FIELDS), dtype=object)
    frame.index = pd.Index(keep, dtype="int64")
    return frame


def _moment(text: str) -> str | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # a time without an offset is taken as UTC
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _digest(rows: list[dict[str, str]]) -> str:
    body = json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
