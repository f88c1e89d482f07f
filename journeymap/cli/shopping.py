"""Commands for the mystery-shopping programme: questionnaires, visit imports, scores."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from journeymap import settings
from journeymap.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    Commands,
    engine_for,
    viewer_for,
)
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import InvalidInput

# The groups of services.shopper_results.SCORE_GROUPS, named here so that the command
# line starts without loading pandas.
BY = ("location", "region", "shopper", "period", "touchpoint", "section", "dimension")
# What a row of `shopper-scores` ends with; the fields before them name its group.
STATISTICS = ("n_visits", "score_pct", "ci_low", "ci_high")


def register(commands: Commands) -> None:
    sub = commands.add(
        "import-questionnaire",
        cmd_import_questionnaire,
        _("store a mystery-shopper questionnaire (a new version when it changed)"),
    )
    sub.add_argument("file", type=Path, metavar="FILE")

    sub = commands.add(
        "import-visits",
        cmd_import_visits,
        _("import visits from a CSV/XLSX table (one row per visit); bad rows are reported"),
    )
    sub.add_argument("questionnaire", metavar="QUESTIONNAIRE")
    sub.add_argument("file", type=Path, metavar="FILE")
    dates = sub.add_mutually_exclusive_group()
    dates.add_argument("--dayfirst", action="store_true", help=_("03/04/2026 is 3 April"))
    dates.add_argument("--monthfirst", action="store_true", help=_("03/04/2026 is 4 March"))
    dates.add_argument("--date-format", metavar="FMT", help=_("e.g. %%d.%%m.%%Y"))
    sub.add_argument(
        "--status",
        choices=["submitted", "approved"],
        default="submitted",
        help=_(
            "what the visits made land as (default submitted: a reviewer checks them); "
            "approved skips the review, needs a reviewer's role and is in the audit log"
        ),
    )

    sub = commands.add(
        "shopper-scores", cmd_shopper_scores, _("mystery-shopper scores of a journey, with n")
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument(
        "--by",
        choices=BY,
        default="location",
        help=_(
            "default: location; touchpoint counts own locations only (competitor visits "
            "are left out, since the journey is ours), in the JSON too; shopper shows "
            "pseudonyms to whoever does not run the programme"
        ),
    )
    sub.add_argument(
        "--method",
        choices=["mean", "pooled"],
        default=None,
        help=_("default: JOURNEYMAP_SHOPPER_SCORE_METHOD"),
    )
    sub.add_argument(
        "--include-submitted",
        action="store_true",
        help=_("count submitted visits before review too"),
    )
    sub.add_argument(
        "--questionnaire",
        default=None,
        metavar="ID",
        help=_("default: the questionnaire visited most recently (two are never mixed)"),
    )
    sub.add_argument(
        "--version", type=int, default=None, metavar="N", help=_("default: its newest version")
    )
    sub.add_argument("--wave", default=None, metavar="NAME", help=_("one planned wave only"))
    sub.add_argument(
        "--round",
        default=None,
        metavar="YYYY-QN",
        help=_("one round (quarter) only, e.g. 2026-Q4"),
    )
    sub.add_argument("--json", action="store_true")


def cmd_import_questionnaire(args: argparse.Namespace) -> int:
    from journeymap.services.access import NotAllowed
    from journeymap.services.questionnaires import store_questionnaire_file

    try:
        result = store_questionnaire_file(viewer_for(args), engine_for(args), args.file)
    except InvalidInput:
        raise  # main() lists every problem
    except (NotAllowed, ValueError) as error:
        raise CommandError(str(error)) from None
    questionnaire = result.questionnaire
    text = (
        _("{questionnaire} version {version}: stored")
        if result.stored
        else _("{questionnaire} version {version}: unchanged")
    )
    print(text.format(questionnaire=questionnaire.id, version=questionnaire.version))
    for warning in result.warnings:
        print(
            _("{file}: warning: {warning}").format(file=args.file, warning=warning),
            file=sys.stderr,
        )
    return EXIT_OK


DATE_CHOICE = N_("give --dayfirst, --monthfirst or --date-format FMT")


def cmd_import_visits(args: argparse.Namespace) -> int:
    from journeymap.services.access import NotAllowed
    from journeymap.services.visit_import import DateOrder, import_visits

    dayfirst = True if args.dayfirst else False if args.monthfirst else None
    try:
        result = import_visits(
            viewer_for(args),
            engine_for(args),
            args.questionnaire,
            args.file,
            order=DateOrder(dayfirst=dayfirst, date_format=args.date_format),
            how_to_choose=_(DATE_CHOICE),
            status=args.status,
        )
    except (NotAllowed, LookupError, ValueError) as error:
        raise CommandError(str(error)) from None
    for error in result.errors:
        print(f"{args.file}: {error}")
    for note in result.notes:
        print(f"{args.file}: {note}")
    if result.visits:
        landed = (
            _("{file}: visits made land as submitted: a reviewer approves them on the Review page")
            if result.status == "submitted"
            else _("{file}: visits made land as approved, without review (in the audit log)")
        )
        print(landed.format(file=args.file))
    for key in result.known:
        print(
            _("{file}: visit '{key}' is already stored: left as it is").format(
                file=args.file, key=key
            )
        )
    print(
        _(
            "{file}: imported {visits} visits with {answers} answers; "
            "{rejected} rows with problems left out"
        ).format(
            file=args.file,
            visits=fmt.number(result.visits),
            answers=fmt.number(result.answers),
            rejected=fmt.number(result.rejected_rows),
        ),
        flush=True,
    )
    return EXIT_PROBLEMS if result.rejected_rows else EXIT_OK


def cmd_shopper_scores(args: argparse.Namespace) -> int:
    from journeymap.analytics.shopper_results import METHOD_TEXT
    from journeymap.cli.common import stored_journey
    from journeymap.services.access import NotAllowed
    from journeymap.services.shopper_results import ChoiceAsked, scored_groups

    journey = stored_journey(args).journey
    engine = engine_for(args)
    method = args.method or settings.shopper_score_method()
    approved_only = settings.shopper_approved_only() and not args.include_submitted
    asked = ChoiceAsked(args.questionnaire, args.version, args.wave, args.round)
    try:
        scores = scored_groups(
            viewer_for(args), engine, journey.id, args.by, method, approved_only, asked
        )
    except (NotAllowed, ValueError) as error:
        raise CommandError(str(error)) from None
    table = scores.table
    keys = [c for c in table.columns if c not in STATISTICS]
    own_only = args.by == "touchpoint"
    rows = json.loads(table.to_json(orient="records", force_ascii=False))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(
        _("{journey}: score = {method}").format(journey=journey.name, method=_(METHOD_TEXT[method]))
    )
    if scores.choice is not None:
        print(_("of {choice} (one questionnaire version at a time)").format(choice=scores.about()))
    for row in rows:
        group = " · ".join(_shown(k, row[k]) for k in keys)
        low, high = row["ci_low"], row["ci_high"]
        interval = (
            _("one visit: no interval")
            if low is None
            else f"95 % {fmt.number(low, 1)} … {fmt.number(high, 1)}"
        )
        n = "n=" + fmt.number(row["n_visits"])
        print(f"{group:<60} {n:<6} {fmt.number(row['score_pct'], 1):>6} %  ({interval})")
    if not rows:
        print(_("no scored visits yet"))
    if own_only:
        print(_("own locations only: competitor visits are left out (see --by location)"))
    return EXIT_OK


def _shown(key: str, value: object) -> str:
    if key == "competitor":
        # Translators: a location is our own or a competitor's.
        return _("competitor") if value else _("own")
    return str(value)
