"""Commands for the mystery-shopping programme: questionnaires, visit imports, scores."""

from __future__ import annotations

import argparse
import json
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

# The groups of services.shopper_results.SCORE_GROUPS, named here so that the command
# line starts without loading pandas.
BY = ("location", "region", "shopper", "period", "touchpoint", "section", "dimension")
# What a row of `shopper-scores` ends with; the fields before them name its group.
STATISTICS = ("n_visits", "score_pct", "ci_low", "ci_high")


def register(commands: Commands) -> None:
    sub = commands.add(
        "import-questionnaire",
        cmd_import_questionnaire,
        "store a mystery-shopper questionnaire (a new version when it changed)",
    )
    sub.add_argument("file", type=Path, metavar="FILE")

    sub = commands.add(
        "import-visits",
        cmd_import_visits,
        "import visits from a CSV/XLSX table (one row per visit); bad rows are reported",
    )
    sub.add_argument("questionnaire", metavar="QUESTIONNAIRE")
    sub.add_argument("file", type=Path, metavar="FILE")

    sub = commands.add(
        "shopper-scores", cmd_shopper_scores, "mystery-shopper scores of a journey, with n"
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument(
        "--by",
        choices=BY,
        default="location",
        help="default: location; touchpoint counts own locations only (competitor visits "
        "are left out, since the journey is ours), in the JSON too; shopper shows "
        "pseudonyms to whoever does not run the programme",
    )
    sub.add_argument(
        "--method",
        choices=["mean", "pooled"],
        default=None,
        help="default: JOURNEYMAP_SHOPPER_SCORE_METHOD",
    )
    sub.add_argument(
        "--include-submitted",
        action="store_true",
        help="count submitted visits before review too",
    )
    sub.add_argument("--json", action="store_true")


def cmd_import_questionnaire(args: argparse.Namespace) -> int:
    from journeymap.io.questionnaire_files import read_questionnaire_file
    from journeymap.store.journeys import JourneyRepository
    from journeymap.store.programme import QuestionnaireVersionChanged, save_questionnaire

    engine = engine_for(args)
    questionnaire = read_questionnaire_file(args.file)
    stored = JourneyRepository(engine).get(questionnaire.journey)
    if stored is None:
        raise CommandError(
            f"{args.file}: the questionnaire is for journey '{questionnaire.journey}', which "
            "is not in the workspace: import the journey first"
        )
    questionnaire = read_questionnaire_file(args.file, stored.journey)
    try:
        inserted = save_questionnaire(engine, questionnaire)
    except QuestionnaireVersionChanged as error:
        raise CommandError(f"{args.file}: {error}") from None
    outcome = "stored" if inserted else "unchanged"
    print(f"{questionnaire.id} version {questionnaire.version}: {outcome}")
    return EXIT_OK


def cmd_import_visits(args: argparse.Namespace) -> int:
    from journeymap.io.visit_import import VisitFileError, parse_visits, read_table_file
    from journeymap.store.programme import read_locations
    from journeymap.store.visit_import import store_imported_visits
    from journeymap.store.visits import list_shoppers, questionnaire_version

    engine = engine_for(args)
    questionnaire = _newest(engine, args.questionnaire)
    questionnaire = questionnaire_version(engine, questionnaire.id, questionnaire.version)
    try:
        frame = read_table_file(args.file)
    except VisitFileError as error:
        raise CommandError(str(error)) from None
    locations = read_locations(engine)
    result = parse_visits(
        frame,
        questionnaire,
        dict(zip(locations["id"], locations["competitor"].astype(bool), strict=True)),
        set(list_shoppers(engine)),
    )
    for error in result.errors:
        print(f"{args.file}: {error}")
    visits, answers, known = store_imported_visits(engine, result.visits, result.answers)
    for key in known:
        print(f"{args.file}: visit '{key}' is already stored: left as it is")
    rejected = len({e.row for e in result.errors if e.row > 1})
    print(
        f"{args.file}: imported {visits} visits with {answers} answers; "
        f"{rejected} rows with problems left out",
        flush=True,
    )
    return EXIT_PROBLEMS if rejected else EXIT_OK


def _newest(engine: object, questionnaire_id: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from journeymap.store.tables import QuestionnaireRow
    from journeymap.store.visits import questionnaire_version

    with engine.connect() as connection:  # type: ignore[attr-defined]
        version = connection.scalar(
            select(func.max(QuestionnaireRow.version)).where(
                QuestionnaireRow.id == questionnaire_id
            )
        )
    if version is None:
        raise CommandError(
            f"there is no questionnaire '{questionnaire_id}': store it with "
            "`python -m journeymap import-questionnaire FILE`"
        )
    return questionnaire_version(engine, questionnaire_id, version)  # type: ignore[arg-type]


def cmd_shopper_scores(args: argparse.Namespace) -> int:
    from journeymap.analytics.shopper_results import METHOD_TEXT
    from journeymap.cli.common import stored_journey
    from journeymap.services.access import NotAllowed
    from journeymap.services.shopper_results import group_scores

    journey = stored_journey(args).journey
    engine = engine_for(args)
    method = args.method or settings.shopper_score_method()
    approved_only = settings.shopper_approved_only() and not args.include_submitted
    try:
        table = group_scores(viewer_for(args), engine, journey.id, args.by, method, approved_only)
    except (NotAllowed, ValueError) as error:
        raise CommandError(str(error)) from None
    keys = [c for c in table.columns if c not in STATISTICS]
    own_only = args.by == "touchpoint"
    rows = json.loads(table.to_json(orient="records", force_ascii=False))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{journey.name}: score = {METHOD_TEXT[method]}")
    for row in rows:
        group = " · ".join(_shown(k, row[k]) for k in keys)
        low, high = row["ci_low"], row["ci_high"]
        interval = "one visit: no interval" if low is None else f"95 % {low:.1f} … {high:.1f}"
        print(f"{group:<60} n={row['n_visits']:<4} {row['score_pct']:>6.1f} %  ({interval})")
    if not rows:
        print("no scored visits yet")
    if own_only:
        print("own locations only: competitor visits are left out (see --by location)")
    return EXIT_OK


def _shown(key: str, value: object) -> str:
    if key == "competitor":
        return "competitor" if value else "own"
    return str(value)
