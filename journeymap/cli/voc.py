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
    shown_time,
    signed,
    stored_journey,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain, records
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt

GROUP_FIELDS = ("touchpoint", "month", "quarter", "year", "location", "segment")
KINDS = ("transactional", "relationship")
FEW = N_("(few answers)")
FEW_NOTE = N_("(few answers): n < 30, read as a hint")
ADJUSTED_NOTE = N_(
    "adjusted-Wald: the interval used below 30 answers or when all answers are in one "
    "group, where the plain one is too narrow (Rocks 2016)"
)


def few(small_sample: bool) -> str:
    return " " + _(FEW) if small_sample else ""


def register(commands: Commands) -> None:
    voc_imports.register(commands)

    sub = commands.add("nps", cmd_nps, _("NPS with its n and 95-percent interval, by group"))
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument(
        "--by",
        nargs="+",
        choices=GROUP_FIELDS,
        default=[],
        metavar="FIELD",
        help=_("one or more of {fields}").format(fields=", ".join(GROUP_FIELDS)),
    )
    sub.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD")
    sub.add_argument("--to", dest="end", type=date.fromisoformat, metavar="YYYY-MM-DD")
    sub.add_argument("--kind", choices=KINDS, default="transactional")
    sub.add_argument("--json", action="store_true")

    sub = commands.add(
        "nps-compare",
        cmd_nps_compare,
        _(
            "NPS of two periods (2026, 2026-Q3, 2026-09) that do not overlap: difference, z, "
            "p; overlapping periods are refused with exit 2"
        ),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument(
        "--a", metavar="PERIOD", help=_("the earlier period (default: the one before B)")
    )
    sub.add_argument("--b", metavar="PERIOD", required=True)
    sub.add_argument("--kind", choices=KINDS, default="transactional")
    sub.add_argument("--json", action="store_true")

    sub = commands.add(
        "cases",
        cmd_cases,
        _(
            "detractor call-back cases; --create-missing first makes those of detractors "
            "stored before imports made cases"
        ),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--overdue", action="store_true", help=_("only cases past their deadline"))
    sub.add_argument(
        "--create-missing",
        action="store_true",
        help=_("make the cases of detractors with contact details that have none (audited)"),
    )
    sub.add_argument("--csv", type=Path, metavar="FILE", help=_("also write them to a CSV file"))
    sub.add_argument(
        "--callback-hours",
        type=float,
        default=settings.callback_hours(),
        metavar="H",
        help=_("call-back deadline in hours (default: JOURNEYMAP_CALLBACK_HOURS, else 24)"),
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
    if args.kind == "relationship":
        title = _("relationship NPS of {journey}")
    else:
        title = _("transactional NPS of {journey} (relationship answers not included)")
    print(title.format(journey=stored.journey.name))
    if not rows:
        print(_("no responses in this selection"))
    for row in rows:
        group = " ".join(str(row[f]) for f in args.by) or _("all")
        n = "n=" + fmt.number(row["n"])
        print(f"{group:<36} {n:<8} NPS {signed(row['nps'], 1):>6}  {_interval(row)}")
    _notes(rows)
    return EXIT_OK


def _interval(estimate: dict[str, Any]) -> str:
    """The 95 % interval named as the dashboard names it, and the small-sample mark."""
    text = (
        _("adjusted-Wald 95 % interval {low} … {high}")
        if estimate["adjusted_wald"]
        else _("95 % interval {low} … {high}")
    )
    low, high = signed(estimate["ci_low"], 1), signed(estimate["ci_high"], 1)
    return text.format(low=low, high=high) + few(estimate["small_sample"])


def _notes(estimates: list[dict[str, Any]], *, thin: bool = False) -> None:
    """Footnotes for the marks printed above; ``thin``: a row elsewhere was marked too."""
    if thin or any(e["small_sample"] for e in estimates):
        print(_(FEW_NOTE))
    if any(e["adjusted_wald"] for e in estimates):
        print(_(ADJUSTED_NOTE))


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
        "margin": plain(diff.margin) if diff else None,
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
                    "change_low",
                    "change_high",
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
            _("no responses")
            if part["nps"] is None
            else _("NPS {nps} (n={n}), {interval}").format(
                nps=signed(part["nps"], 1), n=fmt.number(part["n"]), interval=_interval(part)
            )
        )
        print(f"{key.upper()} {part['period']}: {nps}")
    if diff is None:
        print(_("no comparison: a period has no responses"))
        _notes(estimates)
        return EXIT_OK
    print(
        _("B − A = {difference} ±{margin} points (95 %), z = {z}, {p}").format(
            difference=signed(diff.difference, 1),
            margin=fmt.number(diff.margin, 1),
            z=signed(diff.z, 2),
            p=fmt.p_value(diff.p),
        )
    )
    for row in data["touchpoints"]:
        mark = " *" if row["significant"] else ""
        change = (
            "—"
            if row["difference"] is None
            else f"{signed(row['difference'], 1)} "
            f"({signed(row['change_low'], 1)} … {signed(row['change_high'], 1)})"
        )
        counts = f"(n {fmt.number(row['n_a'])} → {fmt.number(row['n_b'])})"
        print(
            f"  {str(row['touchpoint']):<28} {change:>7}  {counts}{mark}{few(row['small_sample'])}"
        )
    print(
        "  "
        + _(
            "each change with its 95 % interval; * significant after Holm's adjustment for "
            "testing every touchpoint"
        )
    )
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
    heading = (
        ngettext("{count} overdue call-back case", "{count} overdue call-back cases", len(cases))
        if args.overdue
        else ngettext("{count} call-back case", "{count} call-back cases", len(cases))
    ).format(count=fmt.number(len(cases)))
    if created:
        heading += " " + _("({count} new)").format(count=fmt.number(created))
    print(heading)
    for row in records(cases):
        flag = _("OVERDUE") + " " if row["overdue"] else ""
        due = _("due {moment}").format(moment=shown_time(datetime.fromisoformat(row["due_at"])))
        score = _("score {score}").format(score=row["score"])
        print(
            f"#{row['id']:<6} {flag}{row['status']:<13} {due}  "
            f"{score}  {row['touchpoint_id'] or '-'}  {row['contact']}"
        )
    if missing:
        print(
            _(
                "{count} detractor answers with contact details have no case: "
                "--create-missing makes them"
            ).format(count=fmt.number(missing))
        )
    if args.csv:
        print(_("written to {file}").format(file=args.csv))
    return EXIT_OK
