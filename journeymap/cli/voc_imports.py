"""Commands that import voice-of-the-customer evidence: survey responses and metrics."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from journeymap import settings
from journeymap.cli import import_batches
from journeymap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    Commands,
    json_errors,
    stored_journey,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain
from journeymap.i18n import N_, _

JSON_HELP = N_("the report as one JSON object; an unusable file as {shape} with the same exit code")
ERROR_SHAPE = '{"error": …, "file": …, "problems": […]}'

# The column each option names, said in the reader's words.
COLUMN_HELP = {
    "score": N_("the score column"),
    "date": N_("the date column"),
    "touchpoint": N_("the touchpoint column"),
    "location": N_("the location column"),
    "segment": N_("the segment column"),
    "comment": N_("the comment column"),
    "contact": N_("the contact column"),
    "id": N_("the id column"),
}
COLUMN_OPTIONS = tuple(COLUMN_HELP)


def register(commands: Commands) -> None:
    sub = commands.add(
        "import-responses",
        cmd_import_responses,
        _(
            "import NPS responses from a survey export (CSV/XLSX/XLS); columns are detected, "
            "options override; exit 1 if nothing in the file could be used"
        ),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("file", type=Path, metavar="FILE")
    sub.add_argument(
        "--sheet",
        metavar="NAME|N",
        help=_(
            "of a workbook: the sheet's name or number (from 1); default: the first with "
            "a recommend question"
        ),
    )
    for name in COLUMN_OPTIONS:
        sub.add_argument(f"--{name}", metavar="COL", help=_(COLUMN_HELP[name]))
    dates = sub.add_mutually_exclusive_group()
    dates.add_argument("--date-format", metavar="FMT", help=_("e.g. %%d.%%m.%%Y %%H:%%M"))
    dates.add_argument("--dayfirst", action="store_true", help=_("03/04/2026 is 3 April"))
    sub.add_argument(
        "--date-value",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help=_("one date for every row, for a file without dates"),
    )
    sub.add_argument(
        "--timezone",
        metavar="ZONE",
        help=_(
            "the zone the file's times without an offset are in (default: the zone a "
            "Qualtrics export names, else UTC); periods are cut in JOURNEYMAP_TIMEZONE"
        ),
    )
    sub.add_argument(
        "--touchpoint-value", metavar="TP", help=_("one touchpoint for the whole file")
    )
    sub.add_argument(
        "--relationship",
        action="store_true",
        help=_("a relationship survey (about the company, not a touchpoint)"),
    )
    sub.add_argument(
        "--callback-hours",
        type=float,
        default=settings.callback_hours(),
        metavar="H",
        help=_(
            "call-back deadline for detractor cases (default: JOURNEYMAP_CALLBACK_HOURS, else 24)"
        ),
    )
    sub.add_argument(
        "--source",
        metavar="NAME",
        help=_(
            "the survey or form the file is from (default: recognised from the export: "
            "the title the tool writes, else the questions of an earlier file)"
        ),
    )
    sub.add_argument(
        "--dry-run",
        action="store_true",
        help=_(
            "check and count (new, already there and from which import, conflicting), store nothing"
        ),
    )
    sub.add_argument("--json", action="store_true", help=json_help())

    sub = commands.add(
        "import-metrics",
        cmd_import_metrics,
        _("import metric values (long or wide CSV/XLSX/XLS) defined in the journey"),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("file", type=Path, metavar="FILE")
    sub.add_argument(
        "--sheet",
        metavar="NAME|N",
        help=_(
            "of a workbook: the sheet's name or number (from 1); default: the first with "
            "a date and a touchpoint column"
        ),
    )
    dates = sub.add_mutually_exclusive_group()
    dates.add_argument("--date-format", metavar="FMT")
    dates.add_argument("--dayfirst", action="store_true")
    sub.add_argument("--dry-run", action="store_true")
    sub.add_argument("--json", action="store_true", help=json_help())
    import_batches.register(commands)


def json_help() -> str:
    return _(JSON_HELP).format(shape=ERROR_SHAPE)


def _mapping(args: argparse.Namespace, journey: Any) -> Any:
    from pydantic import ValidationError

    from journeymap.io.survey_import import ImportMapping, preview

    proposal = preview(args.file, journey, sheet=args.sheet)
    if proposal.score_choices and not args.score:
        # Two questions hold 0–10 answers and nothing tells which is the recommend one:
        # importing either unasked could move every figure, so the person decides.
        raise CommandError(f"{args.file.name}: {proposal.score_problem}")
    proposed = proposal.mapping.model_dump()
    given = {name: getattr(args, name) for name in COLUMN_OPTIONS if getattr(args, name)}
    proposed |= given
    if args.touchpoint and args.touchpoint_value:
        raise CommandError(_("give either --touchpoint COL or --touchpoint-value TP, not both"))
    if args.touchpoint_value:
        proposed |= {"touchpoint": None, "touchpoint_value": args.touchpoint_value}
    if args.date_format:
        proposed |= {"date_format": args.date_format, "dayfirst": None}
    elif args.dayfirst:
        proposed["dayfirst"] = True
    if args.date_value:
        # One date for every row wins over a detected column; with --date too, the
        # mapping refuses the pair.
        proposed |= {"date_value": args.date_value, "date": args.date, "dayfirst": None}
    if args.timezone:
        proposed["timezone"] = args.timezone
    proposed["survey_kind"] = "relationship" if args.relationship else "transactional"

    try:
        return ImportMapping.model_validate(proposed)
    except ValidationError as error:
        raise CommandError(
            f"{args.file.name}: "
            + "; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())
        ) from None


@json_errors
def cmd_import_responses(args: argparse.Namespace) -> int:
    from journeymap.cli.common import engine_for
    from journeymap.services.imports import import_responses

    journey = stored_journey(args).journey
    mapping = _mapping(args, journey)
    with refused_as_command_errors():
        report = import_responses(
            viewer_for(args),
            engine_for(args),
            journey,
            args.file,
            mapping,
            source=args.source,
            dry_run=args.dry_run,
            callback_hours=args.callback_hours,
        )
    status = EXIT_OK if report.valid else EXIT_PROBLEMS
    if args.json:
        emit(plain_report(report) | {"mapping": mapping.model_dump(mode="json")})
        return status
    used = ", ".join(f"{role}={column}" for role, column in mapping.columns().items())
    parts = [_("columns: {columns}").format(columns=used)]
    if mapping.sheet:
        parts.insert(0, _("sheet: {sheet}").format(sheet=mapping.sheet))
    if mapping.touchpoint_value:
        parts.append(f"touchpoint={mapping.touchpoint_value}")
    print("; ".join(parts))
    for line in report.lines():
        print(line)
    return status


@contextmanager
def refused_as_command_errors() -> Iterator[None]:
    """A role that may not, or a value no service takes, as the command's one sentence.

    InvalidInput (a ValueError too) passes on: main() lists its problems one by one.
    """
    from journeymap.model import InvalidInput
    from journeymap.services.access import NotAllowed

    try:
        yield
    except InvalidInput:
        raise
    except (NotAllowed, ValueError) as error:
        raise CommandError(str(error)) from None


def plain_report(report: Any) -> dict[str, Any]:
    return {
        k: plain(v) if not isinstance(v, list | dict) else v for k, v in report.to_dict().items()
    }


@json_errors
def cmd_import_metrics(args: argparse.Namespace) -> int:
    from journeymap.cli.common import engine_for
    from journeymap.services.imports import import_metrics

    journey = stored_journey(args).journey
    with refused_as_command_errors():
        report = import_metrics(
            viewer_for(args),
            engine_for(args),
            journey,
            args.file,
            dayfirst=True if args.dayfirst else None,
            date_format=args.date_format,
            dry_run=args.dry_run,
            sheet=args.sheet,
        )
    status = EXIT_OK if report.valid else EXIT_PROBLEMS
    if args.json:
        emit(plain_report(report))
    else:
        for line in report.lines("metric points"):
            print(line)
    return status
