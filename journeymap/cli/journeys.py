"""Commands about journeys: validate, demo, list, import, export, diff, flow."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from journeymap.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    Commands,
    engine_for,
    shown_time,
    stored_journey,
    viewer_for,
)
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import InvalidInput

DEFAULT_JOURNEYS_DIR = Path(__file__).resolve().parents[2] / "journeys"
# Translators: what importing a journey file did to the stored journey.
OUTCOMES = {"created": N_("created"), "updated": N_("updated"), "unchanged": N_("unchanged")}


def register(commands: Commands) -> None:
    sub = commands.add(
        "validate", cmd_validate, _("check journey and questionnaire files; one line per problem")
    )
    sub.add_argument("files", nargs="+", metavar="FILE")

    sub = commands.add("demo", cmd_demo, _("load the example journeys and synthetic evidence"))
    sub.add_argument("--seed", type=int, default=2026)
    sub.add_argument("--journeys-dir", type=Path, default=DEFAULT_JOURNEYS_DIR)

    sub = commands.add("journeys", cmd_journeys, _("list the journeys in the workspace"))
    sub.add_argument("--json", action="store_true")

    sub = commands.add(
        "import-journey", cmd_import_journey, _("insert or update a journey from a file")
    )
    sub.add_argument("file", type=Path, metavar="FILE")
    # The global --as names who saves; --author, as older scripts spell it, is the same.
    sub.add_argument(
        "--author",
        dest="acting_as",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help=_("the same as the global --as NAME: the person the revision is saved by"),
    )
    sub.add_argument(
        "--force", action="store_true", help=_("overwrite even if someone saved in between")
    )

    sub = commands.add("export-journey", cmd_export_journey, _("write a stored journey to a file"))
    sub.add_argument("journey", metavar="ID")
    sub.add_argument("--format", choices=["yaml", "json"], default=None)
    sub.add_argument("--out", type=Path, required=True, metavar="FILE")

    sub = commands.add(
        "diff",
        cmd_diff,
        _(
            "what changed between two journey files (exit 0 identical, 1 different, 2 if a "
            "file cannot be read or is not a valid journey)"
        ),
    )
    sub.add_argument("before", type=Path, metavar="A")
    sub.add_argument("after", type=Path, metavar="B")

    sub = commands.add(
        "flow", cmd_flow, _("expected customers per month and drop-off per touchpoint")
    )
    sub.add_argument("journey", metavar="ID")
    sub.add_argument("--json", action="store_true")


def cmd_validate(args: argparse.Namespace) -> int:
    from journeymap.io.file_kinds import file_kind, validate_file
    from journeymap.io.journey_files import read_journey_file

    paths = [Path(name) for name in args.files]
    # Questionnaires are checked against journeys given alongside or in journeys/.
    journeys = {}
    for path in [*DEFAULT_JOURNEYS_DIR.glob("*.yaml"), *paths]:
        if path.is_file() and file_kind(path) == "journey":
            try:
                journey = read_journey_file(path).journey
            except InvalidInput:
                continue
            journeys[journey.id] = journey
    status = EXIT_OK
    for path in paths:
        try:
            summary = validate_file(path, journeys)
        except InvalidInput as error:
            status = EXIT_PROBLEMS
            for problem in error.problems:
                where = problem.location or _("file")
                print(f"{path}: {where}: {problem.message}")
            if error.note:
                print(f"{path}: {error.note}")
            continue
        print(f"{path}: {summary}", file=sys.stderr)
    return status


def cmd_demo(args: argparse.Namespace) -> int:
    from journeymap.services.workspace import load_demo_workspace

    engine = engine_for(args)
    report = load_demo_workspace(viewer_for(args), engine, args.journeys_dir, seed=args.seed)
    print(report)
    return EXIT_OK


def cmd_journeys(args: argparse.Namespace) -> int:
    from journeymap.services.journeys import list_journeys

    summaries = list_journeys(engine_for(args))
    if args.json:
        rows = [
            {
                "id": s.id,
                "name": s.name,
                "revision": s.revision,
                "saved_by": s.saved_by,
                "saved_at": s.saved_at.isoformat(),
            }
            for s in summaries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not summaries:
        print(_("No journeys yet: run `python -m journeymap demo` or `import-journey FILE`."))
    for s in summaries:
        saved = _("saved by {person}, {moment}").format(
            person=s.saved_by, moment=shown_time(s.saved_at)
        )
        revision = _("rev {revision}").format(revision=s.revision)
        print(f"{s.id:<28} {revision:<8} {s.name}  ({saved})")
    return EXIT_OK


def cmd_import_journey(args: argparse.Namespace) -> int:
    from journeymap.io.journey_files import read_journey_file
    from journeymap.services.access import NotAllowed
    from journeymap.services.journeys import StaleRevision, import_journey

    loaded = read_journey_file(args.file)
    try:
        imported = import_journey(
            viewer_for(args),
            engine_for(args),
            loaded.journey,
            base_revision=loaded.revision,
            force=args.force,
            source=args.file.name,
        )
    except (StaleRevision, NotAllowed) as error:
        raise CommandError(str(error)) from None
    stored = imported.stored
    print(
        _("{journey}: {outcome}, revision {revision}").format(
            journey=stored.journey.id,
            outcome=_(OUTCOMES[imported.outcome]),
            revision=stored.revision,
        )
    )
    return EXIT_OK


def cmd_export_journey(args: argparse.Namespace) -> int:
    from journeymap.io.journey_files import write_journey_file

    stored = stored_journey(args)
    fmt = args.format or ("json" if args.out.suffix.lower() == ".json" else "yaml")
    write_journey_file(stored.journey, args.out, fmt, revision=stored.revision)
    print(
        _("{journey}: revision {revision} written to {file}").format(
            journey=stored.journey.id, revision=stored.revision, file=args.out
        )
    )
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from journeymap.analytics.journey_diff import diff_journeys
    from journeymap.io.journey_files import read_journey_file

    journeys, problems = [], []
    for path in (args.before, args.after):
        try:
            journeys.append(read_journey_file(path).journey)
        except InvalidInput as error:
            problems += str(error).splitlines()
    # Not exit 1: a script reads 1 as "the journeys differ", and a broken file is neither.
    if problems:
        print(_("journeymap: cannot compare; fix the file and run diff again:"), file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return EXIT_ERROR
    diff = diff_journeys(*journeys)
    if diff.identical:
        print(
            _("{before} and {after} describe the same journey").format(
                before=args.before, after=args.after
            )
        )
        return EXIT_OK
    for line in diff.lines():
        print(line)
    return EXIT_PROBLEMS


def cmd_flow(args: argparse.Namespace) -> int:
    from journeymap.analytics.flow import compute_flow

    journey = stored_journey(args).journey
    result = compute_flow(journey)
    names = {t.id: t.name for t in journey.touchpoints}
    rows = [
        {
            "touchpoint": row.touchpoint,
            "name": names[row.touchpoint],
            "customers_per_month": round(row.customers_per_month, 2),
            "drop_off": round(row.drop_off, 4),
            "lost_per_month": round(row.lost_per_month, 2),
        }
        for row in result.touchpoints
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(
        _("{journey}: {customers} customers enter per month").format(
            journey=journey.name, customers=fmt.number(result.entering_per_month)
        )
    )
    print(
        f"{_('touchpoint'):<28} {_('customers/month'):>16} {_('drop-off'):>9} {_('lost/month'):>11}"
    )
    for row in rows:
        print(
            f"{row['touchpoint']:<28} {fmt.number(row['customers_per_month']):>16} "
            f"{fmt.share(row['drop_off'], 1):>9} {fmt.number(row['lost_per_month']):>11}"
        )
    print(_("main path: {path}").format(path=" → ".join(result.main_path)))
    for cycle in result.cycles:
        print(_("loop: {path}").format(path=" → ".join(cycle + cycle[:1])))
    return EXIT_OK
