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

from journeymap.i18n import N_, _, ngettext
from journeymap.i18n.formatting import number
from journeymap.io.survey_import.columns import (
    ScoreCandidate,
    ambiguous_score,
    choose_score,
    distinct_counts,
    guess_columns,
    score_candidates,
)
from journeymap.io.survey_import.dates import AmbiguousDates, OrderEvidence, infer_dayfirst
from journeymap.io.survey_import.identity import IdentityRules, add_identity
from journeymap.io.survey_import.mapping import ImportMapping, match_touchpoints, touchpoint_lookup
from journeymap.io.survey_import.origins import FileOrigin, file_origin
from journeymap.io.survey_import.report import ImportReport
from journeymap.io.survey_import.rows import ChunkContext, parse_chunk, test_rows
from journeymap.io.survey_import.sniffing import file_problem
from journeymap.io.survey_import.source import TableSource, open_table
from journeymap.model import InvalidInput, Journey, Problem

Progress = Callable[[float, str], None]
PREVIEW_ROWS = 20
NO_ROWS = N_(
    "the file has a header but no rows of answers: export the survey again with its responses"
)


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
    # Two or more columns the score could be, none chosen: the person picks one.
    score_choices: list[str] = field(default_factory=list)
    score_problem: str | None = None
    sheets: list[str] = field(default_factory=list)  # of a workbook, in order
    sheet: str | None = None  # the sheet read


def preview(
    path: Path, journey: Journey | None = None, rows: int = PREVIEW_ROWS, sheet: str | None = None
) -> ImportPreview:
    """Detected format, a proposed mapping and the first rows; InvalidInput if unusable.

    ``sheet``: of a workbook, its name or number; by default the first with a recommend
    question.
    """
    source = open_table(Path(path), sheet)
    fmt = source.format
    shown = source.head()
    tests = test_rows(shown, fmt.test_markers)
    head = shown[~tests]
    candidates = score_candidates(head, fmt.labels, fmt.excluded, fmt.score_hints)
    score, tied = choose_score(candidates)
    roles = guess_columns(
        head, fmt.labels, id_column=fmt.id_column, date_column=fmt.date_column, score_column=score
    )
    problems = [_(NO_ROWS)] if shown.empty else []
    score_problem = None
    if tied:
        score_problem = ambiguous_score(tied)
    elif score is None:
        score_problem = _(
            "no column is clearly the 0–10 recommend question: choose it (--score COL)"
        )
    if score_problem:
        problems.append(score_problem)
    if tests.any():
        problems.append(
            _(
                "{count} of the first {rows} rows are the survey tool's previews, tests or "
                "spam: they are left out and counted"
            ).format(count=int(tests.sum()), rows=len(shown))
        )
    dayfirst = None
    if roles["date"]:
        try:
            dayfirst = infer_dayfirst(head[roles["date"]].str.strip())
        except AmbiguousDates as error:
            problems.append(
                _("column '{column}': {problem}").format(column=roles["date"], problem=error)
            )
    else:
        problems.append(_("no date column found: choose one (--date COL) or one date for all rows"))
    values = distinct_counts(head[roles["touchpoint"]]) if roles["touchpoint"] else {}
    unmatched = match_touchpoints(list(values), journey)[1] if journey and values else []
    if journey and not roles["touchpoint"]:
        problems.append(
            _(
                "no touchpoint column found: choose one (--touchpoint COL) or one touchpoint "
                "for the whole file (--touchpoint-value TP)"
            )
        )
    mapping = ImportMapping(
        sheet=source.sheet,
        timezone=_known_zone(fmt.date_timezone) if roles["date"] == fmt.date_column else "UTC",
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
        first_rows=shown.head(rows),
        problems=problems,
        touchpoint_values=values,
        unmatched_touchpoints=unmatched,
        score_choices=[c.column for c in tied],
        score_problem=score_problem,
        sheets=source.sheets,
        sheet=source.sheet,
    )


def _date_column(mapping: ImportMapping) -> str:
    return _("column '{column}'").format(column=mapping.date)


def _known_zone(name: str | None) -> str:
    """The zone an export names for its times, if it is one this Python knows; else UTC."""
    try:
        return ImportMapping(timezone=name).timezone if name else "UTC"
    except ValueError:
        return "UTC"


def _check_mapping(source: TableSource, journey: Journey, mapping: ImportMapping) -> str | None:
    """The touchpoint for the whole file, if given; InvalidInput for what cannot work."""
    path, columns = source.path, source.format.columns
    problems = [
        Problem(
            f"--{role.replace('_', '-')} {column}",
            _("there is no column '{column}' in the file: use one of {columns}").format(
                column=column, columns=", ".join(columns)
            ),
        )
        for role, column in mapping.columns().items()
        if column not in columns
    ]
    if not mapping.score:
        problems.append(Problem("--score", _("say which column holds the 0–10 recommend answer")))
    if not mapping.date and mapping.date_value is None:
        problems.append(
            Problem(
                "--date",
                _(
                    "say which column holds the response date, or give one date for every "
                    "row (--date-value YYYY-MM-DD)"
                ),
            )
        )
    fixed = None
    if mapping.touchpoint_value:
        matched, _unmatched = match_touchpoints([mapping.touchpoint_value], journey)
        fixed = matched.get(mapping.touchpoint_value)
        if fixed is None:
            known = ", ".join(tp.id for tp in journey.touchpoints)
            problems.append(
                Problem(
                    "--touchpoint-value",
                    _(
                        "'{value}' is not a touchpoint of journey '{journey}': use one of {known}"
                    ).format(value=mapping.touchpoint_value, journey=journey.id, known=known),
                )
            )
    elif mapping.survey_kind == "transactional" and not mapping.touchpoint:
        problems.append(
            Problem(
                "--touchpoint",
                _(
                    "a transactional survey is about a touchpoint: give the touchpoint "
                    "column, one touchpoint for the file (--touchpoint-value), or import it "
                    "as a relationship survey (--relationship)"
                ),
            )
        )
    if problems:
        raise InvalidInput(problems, source=path.name)
    return fixed


def _column_order(source: TableSource, mapping: ImportMapping) -> bool | None:
    """Day-first or month-first for the whole date column, from the values that tell.

    Read until a value settles it (the first chunk, as a rule); a file whose first rows
    are all like 03/04/2026 is read on, so that a 25/04/2026 further down decides. A
    first chunk without any day/month date (ISO dates) ends the look: such a column is
    read without an order, and a big file is not read twice.
    """
    if not mapping.date or mapping.date_format or mapping.dayfirst is not None:
        return mapping.dayfirst
    evidence = OrderEvidence()
    chunks = source.chunks()
    try:
        for chunk, _fraction in chunks:
            evidence.add(chunk[mapping.date].str.strip())
            if evidence.settled or not evidence.seen:
                break
    finally:
        chunks.close()
    try:
        return evidence.decide()
    except AmbiguousDates as error:
        raise file_problem(source.path, str(error), _date_column(mapping)) from None


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
    source = open_table(Path(path), mapping.sheet)
    if not source.has_rows():
        raise file_problem(source.path, _(NO_ROWS))
    fixed = _check_mapping(source, journey, mapping)
    report = ImportReport(file=source.path.name, format=source.format.name, dry_run=dry_run)
    context = ChunkContext(
        journey_id=journey.id,
        mapping=mapping,
        touchpoints=touchpoint_lookup(journey),
        fixed_touchpoint=fixed,
        source=f"{source.format.name}:{source.path.name}",
        test_markers=source.format.test_markers,
        dayfirst=_column_order(source, mapping),
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
                read = ngettext("{count} row read", "{count} rows read", report.rows_read)
                report_progress(0.95 * fraction, read.format(count=number(report.rows_read)))
        except AmbiguousDates as error:
            raise file_problem(source.path, str(error), _date_column(mapping)) from None
        report.warnings += list(dict.fromkeys(source.warnings))
        report.rejected.sort(key=lambda r: r.row)

    parsed_import.frames = frames()
    return parsed_import
