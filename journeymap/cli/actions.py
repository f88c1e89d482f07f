"""`actions` and `report`: the outer loop's list and the one-page period report."""

from __future__ import annotations

import argparse
from pathlib import Path

from journeymap.cli.common import (
    EXIT_OK,
    CommandError,
    Commands,
    engine_for,
    stored_journey,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain

REPORT_FORMATS = (".pdf", ".html")


def register(commands: Commands) -> None:
    sub = commands.add(
        "actions",
        cmd_actions,
        "list a journey's improvement actions with status, quick wins and whether they worked",
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--json", action="store_true")
    sub = commands.add(
        "report", cmd_report, "write the one-page report of a month, quarter or year (PDF or HTML)"
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--period", required=True, help="2026-09, 2026-Q3 or 2026")
    sub.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf or FILE.html")


def cmd_actions(args: argparse.Namespace) -> int:
    from journeymap.analytics.actions import is_quick_win
    from journeymap.services.actions import actions_with_effects, effect_text

    journey = stored_journey(args).journey
    actions, effects = actions_with_effects(viewer_for(args), engine_for(args), journey)
    if args.json:
        emit(
            [
                {
                    "id": a.id,
                    "title": a.title,
                    "status": a.status,
                    "category": a.fields.category,
                    "owner": a.fields.owner,
                    "impact": a.fields.impact,
                    "effort": a.fields.effort,
                    "quick_win": is_quick_win(a.fields.impact, a.fields.effort),
                    "touchpoints": list(a.touchpoints),
                    "source_kind": a.fields.source_kind,
                    "source_ref": a.fields.source_ref,
                    "due_on": plain(a.fields.due_on),
                    "done_on": plain(a.done_on),
                    "effect": effects[a.id].verdict if a.id in effects else None,
                    "effect_reason": effects[a.id].reason if a.id in effects else None,
                }
                for a in actions
            ]
        )
        return EXIT_OK
    if not actions:
        print(f"{journey.name}: no improvement actions yet (add them on the app's Actions page)")
        return EXIT_OK
    print(f"{journey.name}: {len(actions)} improvement actions")
    for a in actions:
        quick = ", quick win" if is_quick_win(a.fields.impact, a.fields.effort) else ""
        done = f", done {a.done_on}" if a.done_on else ""
        print(
            f"{a.id:>4}. [{a.status}] {a.title} (impact {a.fields.impact}, effort "
            f"{a.fields.effort}{quick}{done}) — {effect_text(a, effects)}"
        )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from journeymap.io.report import ReportPdfError, html_to_pdf, report_html
    from journeymap.services.period_report import build_report
    from journeymap.services.workspace_time import period as workspace_period

    out = Path(args.out)
    if out.suffix.lower() not in REPORT_FORMATS:
        raise CommandError(f"--out {out} must end in .pdf or .html")
    try:
        period = workspace_period(args.period)
    except ValueError as error:
        raise CommandError(str(error)) from None
    journey = stored_journey(args).journey
    html = report_html(build_report(engine_for(args), journey, period))
    try:
        data = html.encode("utf-8") if out.suffix.lower() == ".html" else html_to_pdf(html)
        out.write_bytes(data)
    except ReportPdfError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    print(f"{out}: the {period.label} report of {journey.name}")
    return EXIT_OK
