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
from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model.actions import status_label

REPORT_FORMATS = (".pdf", ".html")


def register(commands: Commands) -> None:
    sub = commands.add(
        "actions",
        cmd_actions,
        _("list a journey's improvement actions with status, quick wins and whether they worked"),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--json", action="store_true")
    sub = commands.add(
        "report",
        cmd_report,
        _("write the one-page report of a month, quarter or year (PDF or HTML)"),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--period", required=True, help=_("2026-09, 2026-Q3 or 2026"))
    sub.add_argument("--out", required=True, metavar="FILE", help=_("FILE.pdf or FILE.html"))


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
        print(
            _("{journey}: no improvement actions yet (add them on the app's Actions page)").format(
                journey=journey.name
            )
        )
        return EXIT_OK
    print(
        ngettext(
            "{journey}: {count} improvement action",
            "{journey}: {count} improvement actions",
            len(actions),
        ).format(journey=journey.name, count=fmt.number(len(actions)))
    )
    for a in actions:
        facts = [
            _("impact {impact}").format(impact=a.fields.impact),
            _("effort {effort}").format(effort=a.fields.effort),
        ]
        if is_quick_win(a.fields.impact, a.fields.effort):
            facts.append(_("quick win"))
        if a.done_on:
            facts.append(_("done {day}").format(day=fmt.day(a.done_on)))
        print(
            f"{a.id:>4}. [{status_label(a.status)}] {a.title} ({', '.join(facts)}) — "
            f"{effect_text(a, effects)}"
        )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from journeymap.io.report import ReportPdfError, html_to_pdf, report_html
    from journeymap.services.period_report import build_report
    from journeymap.services.workspace_time import period as workspace_period

    out = Path(args.out)
    if out.suffix.lower() not in REPORT_FORMATS:
        raise CommandError(_("--out {file} must end in .pdf or .html").format(file=out))
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
        raise CommandError(
            _("cannot write {file}: {reason}").format(file=out, reason=error.strerror or error)
        ) from None
    print(
        _("{file}: the {period} report of {journey}").format(
            file=out, period=fmt.period(period.kind, period.start), journey=journey.name
        )
    )
    return EXIT_OK
