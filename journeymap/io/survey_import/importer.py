"""Read NPS responses from a survey export: preview, then parse with a confirmed mapping.

``preview`` proposes; a person confirms; ``parse_import`` checks the mapping and reads
the valid rows, reporting every refused row with its number and the reason. Storing
them is the store's (:func:`journeymap.store.evidence.store_response_chunks`), called
by the import service: one transaction, so a failed import leaves nothing half-done.
Keys make a re-import of the same file add nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from journeymap.io.survey_import.columns import (
    ScoreCandidate,
    distinct_counts,
    guess_columns,
    score_candidates,
)
from journeymap.io.survey_import.dates import AmbiguousDates, infer_dayfirst
from journeymap.io.survey_import.identity import IdentityRules, add_identity
from journeymap.io.survey_import.mapping import ImportMapping, match_touchpoints, touchpoint_lookup
from journeymap.io.survey_import.origins import FileOrigin, file_origin
from journeymap.io.survey_import.report import ImportReport
from journeymap.io.survey_import.rows import ChunkContext, parse_chunk
from journeymap.io.survey_import.sniffing import file_problem
from journeymap.io.survey_import.source import TableSource, open_table
from journeymap.model import InvalidInput, Journey, Problem

Progress = Callable[[float, str], None]
PREVIEW_ROWS = 20
NO_ROWS = "the file has a header but no rows of answers: export the survey again with its responses"


@dataclass(frozen=True)
class ImportPreview:
    """What the import page shows before anything is stored."""

    file: str
    format: str  # "qualtrics", "surveymonkey", "google-forms", "typeform", "generic"
    description: str  # e.g. "Qualtrics export, UTF-8, comma-separated, decimal point"
    columns: list[str]
    labels: dict[str, str]  # column → question text, where the export has one
    mapping: ImportMapping
    score_candidates: list[ScoreCandidate]
    first_rows: pd.DataFrame
    problems: list[str] = field(default_factory=list)  # to settle before importing
    touchpoint_values: dict[str, int] = field(default_factory=dict)
    unmatched_touchpoints: list[str] = field(default_factory=list)


def preview(path: Path, journey: Journey | None = None, rows: int = PREVIEW_ROWS) -> ImportPreview:
    """Detected format, a proposed mapping and the first rows; InvalidInput if unusable."""
    source = open_table(Path(path))
    fmt = source.format
    head = source.head()
    candidates = score_candidates(head, fmt.labels, fmt.excluded, fmt.score_hint)
    # Unworded columns are proposed only when there is no other choice ("Score", "Rating").
    worded = candidates and (candidates[0].worded or len(candidates) == 1)
    score = candidates[0].column if worded else None
    roles = guess_columns(
        head, fmt.labels, id_column=fmt.id_column, date_column=fmt.date_column, score_column=score
    )
    problems = [NO_ROWS] if head.empty else []
    if score is None:
        problems.append(
            "no column is clearly the 0–10 recommend question: choose it (--score COL)"
            + (f"; candidates: {', '.join(c.column for c in candidates)}" if candidates else "")
        )
    dayfirst = None
    if roles["date"]:
        try:
            dayfirst = infer_dayfirst(head[roles["date"]].str.strip())
        except AmbiguousDates as error:
            problems.append(f"column '{roles['date']}': {error}")
    else:
        problems.append("no date column found: choose one (--date COL) or one date for all rows")
    values = distinct_counts(head[roles["touchpoint"]]) if roles["touchpoint"] else {}
    unmatched = match_touchpoints(list(values), journey)[1] if journey and values else []
    if journey and not roles["touchpoint"]:
        problems.append(
            "no touchpoint column found: choose one (--touchpoint COL) or one touchpoint for "
            "the whole file (--touchpoint-value TP)"
        )
    mapping = ImportMapping(
        score=score,
        date=roles["date"],
        dayfirst=dayfirst,
        touchpoint=roles["touchpoint"],
        location=roles["location"],
        segment=roles["segment"],
        comment=roles["comment"],
        contact=roles["contact"],
        id=roles["id"],
    )
    # Repeated headers, rows skipped for extra cells; the page names the file already.
    problems += [w.removeprefix(f"{source.path.name}: ") for w in source.warnings]
    return ImportPreview(
        file=source.path.name,
        format=fmt.name,
        description=source.describe(),
        columns=list(fmt.columns),
        labels=dict(fmt.labels),
        mapping=mapping,
        score_candidates=candidates,
        first_rows=head.head(rows),
        problems=problems,
        touchpoint_values=values,
        unmatched_touchpoints=unmatched,
    )


def _check_mapping(source: TableSource, journey: Journey, mapping: ImportMapping) -> str | None:
    """The touchpoint for the whole file, if given; InvalidInput for what cannot work."""
    path, columns = source.path, source.format.columns
    problems = [
        Problem(
            f"--{role.replace('_', '-')} {column}",
            f"there is no column '{column}' in the file: use one of {', '.join(columns)}",
        )
        for role, column in mapping.columns().items()
        if column not in columns
    ]
    if not mapping.score:
        problems.append(Problem("--score", "say which column holds the 0–10 recommend answer"))
    if not mapping.date and mapping.date_value is None:
        problems.append(
            Problem(
                "--date",
                "say which column holds the response date, or give one date "
                "for every row (--date-value YYYY-MM-DD)",
            )
        )
    fixed = None
    if mapping.touchpoint_value:
        matched, _ = match_touchpoints([mapping.touchpoint_value], journey)
        fixed = matched.get(mapping.touchpoint_value)
        if fixed is None:
            known = ", ".join(tp.id for tp in journey.touchpoints)
            problems.append(
                Problem(
                    "--touchpoint-value",
                    f"'{mapping.touchpoint_value}' is not a touchpoint "
                    f"of journey '{journey.id}': use one of {known}",
                )
            )
    elif mapping.survey_kind == "transactional" and not mapping.touchpoint:
        problems.append(
            Problem(
                "--touchpoint",
                "a transactional survey is about a touchpoint: give the "
                "touchpoint column, one touchpoint for the file (--touchpoint-value), or "
                "import it as a relationship survey (--relationship)",
            )
        )
    if problems:
        raise InvalidInput(problems, source=path.name)
    return fixed


@dataclass
class ParsedImport:
    """A file ready to store: its report so far and its valid rows, read lazily.

    ``frames`` yields the valid rows chunk by chunk, as :func:`journeymap.store.evidence.
    store_response_chunks` takes them, and counts every refused row into ``report`` as
    it goes; the report is complete once ``frames`` is exhausted. ``identity`` may be
    set (once the source is known from ``origin``) until ``frames`` is first read.
    """

    report: ImportReport
    frames: Iterator[pd.DataFrame]
    origin: FileOrigin
    identity: IdentityRules | None = None


def parse_import(
    journey: Journey,
    path: Path,
    mapping: ImportMapping,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    identity: IdentityRules | None = None,
) -> ParsedImport:
    """Open, check and read a survey export with a confirmed mapping; stores nothing.

    InvalidInput at once when the file or the mapping cannot be used; while ``frames``
    is read, InvalidInput for dates whose order cannot be told. ``identity``: how the
    rows are told apart (see identity.py); without it, by the keys used before batches.
    """
    report_progress = progress or (lambda _fraction, _message: None)
    source = open_table(Path(path))
    if not source.has_rows():
        raise file_problem(source.path, NO_ROWS)
    fixed = _check_mapping(source, journey, mapping)
    report = ImportReport(file=source.path.name, format=source.format.name, dry_run=dry_run)
    context = ChunkContext(
        journey_id=journey.id,
        mapping=mapping,
        touchpoints=touchpoint_lookup(journey),
        fixed_touchpoint=fixed,
        source=f"{source.format.name}:{source.path.name}",
    )
    origin = file_origin(source.path.name, source.format.name, list(source.format.columns))
    parsed_import = ParsedImport(report, iter(()), origin, identity)
    answers_seen: Counter[bytes] = Counter()

    def frames() -> Iterator[pd.DataFrame]:
        rules = parsed_import.identity
        context.legacy_keys = rules is None or rules.legacy_keys
        try:
            for chunk, fraction in source.chunks():
                report.rows_read += len(chunk)
                parsed = parse_chunk(chunk, context, report)
                if rules is not None:
                    parsed = add_identity(chunk, parsed, mapping, rules, answers_seen)
                yield parsed
                report_progress(0.95 * fraction, f"{report.rows_read:,} rows read")
        except AmbiguousDates as error:
            raise file_problem(source.path, str(error), f"column '{mapping.date}'") from None
        report.warnings += source.warnings
        report.rejected.sort(key=lambda r: r.row)

    parsed_import.frames = frames()
    return parsed_import
