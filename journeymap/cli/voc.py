"""Voice of the customer: NPS tables and comparisons, call-back cases (imports: voc_imports)."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from journeymap import settings
from journeymap.cli import voc_imports
from journeymap.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    CommandError,
    Commands,
    json_errors,
    refuse,
    stored_journey,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain, records

GROUP_FIELDS = ("touchpoint", "month", "quarter", "year", "location", "segment")
KINDS = ("transactional", "relationship")
FEW = " (few answers)"
FEW_NOTE = "(few answers): n < 30, read as a hint"
ADJUSTED_NOTE = (
    "adjusted-Wald: the interval used below 30 answers or when all answers are in one "
    "group, where the plain one is too narrow (Rocks 2016)"
)


def register(commands: Commands) -> None:
    voc_imports.register(commands)

    sub = commands.add("nps", cmd_nps, "NPS with its n and 95-percent interval, by group")
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument(
        "--by",
        nargs="+",
        choices=GROUP_FIELDS,
        default=[],
        metavar="FIELD",
        help=f"one or more of {', '.join(GROUP_FIELDS)}",
    )
    sub.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD")
    sub.add_argument("--to", dest="end", type=date.fromisoformat, metavar="YYYY-MM-DD")
    sub.add_argument("--kind", choices=KINDS, default="transactional")
    sub.add_argument("--json", action="store_true")

    sub = commands.add(
        "nps-compare",
        cmd_nps_compare,
        "NPS of two periods (2026, 2026-Q3, 2026-09) that do not overlap: difference, z, p; "
        "overlapping periods are refused with exit 2",
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--a", metavar="PERIOD", help="the earlier period (default: the one before B)")
    sub.add_argument("--b", metavar="PERIOD", required=True)
    sub.add_argument("--kind", choices=KINDS, default="transactional")
    sub.add_argument("--json", action="store_true")

    sub = commands.add(
        "cases",
        cmd_cases,
        "detractor call-back cases; --create-missing first makes those of detractors "
        "stored before imports made cases",
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--overdue", action="store_true", help="only cases past their deadline")
    sub.add_argument(
        "--create-missing",
        action="store_true",
        help="make the cases of detractors with contact details that have none (audited)",
    )
    sub.add_argument("--csv", type=Path, metavar="FILE", help="also write them to a CSV file")
    sub.add_argument(
        "--callback-hours",
        type=float,
        default=settings.callback_hours(),
        metavar="H",
        help="call-back deadline in hours (default: JOURNEYMAP_CALLBACK_HOURS, else 24)",
    )
    sub.add_argument("--json", action="store_true")


def cmd_nps(args: argparse.Namespace) -> int:
    from journeymap.cli.common import engine_for
    from journeymap.services.json_views import nps_rows

    stored = stored_journey(args)
    # Counted in the database: a bank's millions of answers never cross into Python.
    rows = nps_rows(engine_for(args), stored.journey.id, args.by, args.kind, args.start, args.end)
    if args.json:
        emit(rows)
        return EXIT_OK
    print(
        f"{args.kind} NPS of {stored.journey.name}"
        + ("" if args.kind == "relationship" else " (relationship answers not included)")
    )
    if not rows:
        print("no responses in this selection")
    for row in rows:
        group = " ".join(str(row[f]) for f in args.by) or "all"
        print(f"{group:<36} n={row['n']:<6} NPS {row['nps']:+6.1f}  {_interval(row)}")
    _notes(rows)
    return EXIT_OK


def _interval(estimate: dict[str, Any]) -> str:
    """The 95 % interval named as the dashboard names it, and the small-sample mark."""
    name = "adjusted-Wald 95 % interval" if estimate["adjusted_wald"] else "95 % interval"
    thin = FEW if estimate["small_sample"] else ""
    return f"{name} {estimate['ci_low']:+.1f} … {estimate['ci_high']:+.1f}{thin}"


def _notes(estimates: list[dict[str, Any]], *, thin: bool = False) -> None:
    """Footnotes for the marks printed above; ``thin``: a row elsewhere was marked too."""
    if thin or any(e["small_sample"] for e in estimates):
        print(FEW_NOTE)
    if any(e["adjusted_wald"] for e in estimates):
        print(ADJUSTED_NOTE)


def _estimate(est: Any, period: Any) -> dict[str, Any]:
    head = {
        "period": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }
    if est is None:
        return head | {"n": 0, "nps": None}
    return head | {k: plain(getattr(est, k)) for k in est.__dataclass_fields__}


@json_errors
def cmd_nps_compare(args: argparse.Namespace) -> int:
    from journeymap.analytics.periods import check_no_overlap, parse_period, previous_period
    from journeymap.cli.common import engine_for
    from journeymap.services import nps_views, workspace_time

    zone = workspace_time.zone()
    try:
        b = parse_period(args.b, zone)
        a = parse_period(args.a, zone) if args.a else previous_period(b)
    except ValueError as error:
        raise CommandError(str(error)) from None
    try:
        check_no_overlap(a, b)
    except ValueError as error:
        # Exit 2 as for a wrong option: the question is malformed, not the data.
        return refuse(args, str(error), EXIT_ERROR)
    stored = stored_journey(args)
    engine, journey_id = engine_for(args), stored.journey.id
    # Counted in the database, as the dashboard counts them.
    overall = nps_views.overall(engine, journey_id, a, b, args.kind)
    by_tp = nps_views.touchpoint_changes(engine, journey_id, a, b, args.kind)
    diff = overall.difference
    data = {
        "survey_kind": args.kind,
        "a": _estimate(overall.nps_a, a),
        "b": _estimate(overall.nps_b, b),
        "difference": plain(diff.difference) if diff else None,
        "se": plain(diff.se) if diff else None,
        "z": plain(diff.z) if diff else None,
        "p": plain(diff.p) if diff else None,
        "touchpoints": [
            {
                k: row[k]
                for k in (
                    "touchpoint",
                    "n_a",
                    "nps_a",
                    "n_b",
                    "nps_b",
                    "difference",
                    "z",
                    "p",
                    "p_adjusted",
                    "significant",
                    "small_sample",
                )
            }
            for row in records(by_tp)
        ],
    }
    if args.json:
        emit(data)
        return EXIT_OK
    estimates = [data[key] for key in ("a", "b") if data[key]["nps"] is not None]
    for key in ("a", "b"):
        part = data[key]
        nps = (
            "no responses"
            if part["nps"] is None
            else f"NPS {part['nps']:+.1f} (n={part['n']}), {_interval(part)}"
        )
        print(f"{key.upper()} {part['period']}: {nps}")
    if diff is None:
        print("no comparison: a period has no responses")
        _notes(estimates)
        return EXIT_OK
    print(f"B − A = {diff.difference:+.1f} points, z = {diff.z:.2f}, p = {diff.p:.3g}")
    for row in data["touchpoints"]:
        mark = " *" if row["significant"] else ""
        thin = FEW if row["small_sample"] else ""
        change = "—" if row["difference"] is None else f"{row['difference']:+.1f}"
        print(
            f"  {str(row['touchpoint']):<28} {change:>7}  "
            f"(n {row['n_a']} → {row['n_b']}){mark}{thin}"
        )
    print("  * significant after Holm's adjustment for testing every touchpoint")
    _notes(estimates, thin=any(row["small_sample"] for row in data["touchpoints"]))
    return EXIT_OK


def cmd_cases(args: argparse.Namespace) -> int:
    from journeymap.analytics.callbacks import compliance
    from journeymap.cli.common import engine_for
    from journeymap.io.case_export import write_cases_csv
    from journeymap.services import cases as case_service
    from journeymap.services import workspace_time
    from journeymap.services.access import NotAllowed

    stored = stored_journey(args)
    engine, viewer = engine_for(args), viewer_for(args)
    now = datetime.now(UTC)
    journey_id = stored.journey.id
    try:
        created = (
            case_service.create_missing_cases(
                viewer, engine, journey_id, callback_hours=args.callback_hours, now=now
            )
            if args.create_missing
            else 0
        )
        missing = case_service.missing_cases(viewer, engine, journey_id)
        cases = case_service.list_cases(
            viewer, engine, journey_id, only_overdue=args.overdue, now=now
        )
    except (NotAllowed, ValueError) as error:
        raise CommandError(str(error)) from None
    if args.csv:
        write_cases_csv(cases, args.csv, workspace_time.zone())
    if args.json:
        emit(
            {
                "journey": journey_id,
                "now": now.isoformat(),
                "created": created,
                "without_case": missing,
                "cases": records(cases),
                "compliance": (
                    records(compliance(cases, now, zone=workspace_time.zone()))
                    if not args.overdue
                    else []
                ),
            }
        )
        return EXIT_OK
    print(
        f"{len(cases)} {'overdue ' if args.overdue else ''}call-back cases"
        + (f" ({created} new)" if created else "")
    )
    for row in records(cases):
        flag = "OVERDUE " if row["overdue"] else ""
        print(
            f"#{row['id']:<6} {flag}{row['status']:<13} due {row['due_at'][:16]}  "
            f"score {row['score']}  {row['touchpoint_id'] or '-'}  {row['contact']}"
        )
    if missing:
        print(
            f"{missing} detractor answers with contact details have no case: "
            "--create-missing makes them"
        )
    if args.csv:
        print(f"written to {args.csv}")
    return EXIT_OK
