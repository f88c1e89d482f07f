"""`themes`: what customers write about, theme by theme, or each comment's theme."""

from __future__ import annotations

import argparse
from typing import Any

from journeymap.analytics.comments.theme_figures import interval_columns
from journeymap.analytics.text import share_with_interval
from journeymap.cli.common import (
    EXIT_OK,
    CommandError,
    Commands,
    engine_for,
    json_errors,
    signed,
    stored_journey,
    viewer_for,
)
from journeymap.cli.json_out import emit, plain
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt

KINDS = ("transactional", "relationship")
EXAMPLE_CHARS = 160


def register(commands: Commands) -> None:
    sub = commands.add(
        "themes",
        cmd_themes,
        _(
            "the themes of the journey's comments with n, detractors and NPS with its "
            "interval; --assignments: each comment's theme, sentiment and language"
        ),
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--touchpoint", metavar="TP", help=_("only comments about this touchpoint"))
    sub.add_argument("--location", metavar="L", help=_("only comments from this location id"))
    sub.add_argument("--segment", metavar="S", help=_("only comments from this segment"))
    sub.add_argument("--period", metavar="P", help=_("2026, 2026-Q3 or 2026-09 (default: all)"))
    sub.add_argument(
        "--kind",
        choices=KINDS,
        default="transactional",
        help=_("which survey's comments (their NPS is never one figure; default transactional)"),
    )
    sub.add_argument(
        "--assignments", action="store_true", help=_("one row per comment instead of per theme")
    )
    sub.add_argument("--json", action="store_true")


def _filter(args: argparse.Namespace) -> Any:
    from journeymap.analytics.periods import parse_period
    from journeymap.services.themes import ThemeFilter

    try:
        period = parse_period(args.period) if args.period else None
    except ValueError as error:
        raise CommandError(str(error)) from None
    return ThemeFilter(
        touchpoint=args.touchpoint or None,
        location=args.location or None,
        segment=args.segment or None,
        start=period.start if period else None,
        end=period.end if period else None,
        survey_kind=args.kind,
    )


@json_errors
def cmd_themes(args: argparse.Namespace) -> int:
    from journeymap.services import themes

    journey = stored_journey(args).journey
    flt = _filter(args)
    viewer, engine = viewer_for(args), engine_for(args)
    try:
        # New comments since the last analysis: analysed and kept, so that the edits
        # made in the app follow the themes.
        themes.refresh_themes(viewer, engine, journey.id)
        if args.assignments:
            return _assignments(args, themes.comment_assignments(viewer, engine, journey.id, flt))
        view = themes.theme_view(viewer, engine, journey.id, flt)
    except ValueError as error:
        raise CommandError(str(error)) from None
    texts = {
        str(i): str(t) for i, t in zip(view.comments["id"], view.comments["comment"], strict=True)
    }
    rows = [
        {
            "theme": f.theme,
            "label": f.label,
            "keywords": list(f.keywords),
            "n": f.n,
            "share": plain(round(f.share, 4)),
            **interval_columns(f),
            "detractors": f.detractors,
            "detractor_share": plain(round(f.detractor_share, 4)),
            "nps": None if f.nps is None else plain(round(f.nps.nps, 1)),
            "ci_low": None if f.nps is None else plain(round(f.nps.ci_low, 1)),
            "ci_high": None if f.nps is None else plain(round(f.nps.ci_high, 1)),
            "examples": [texts[i] for i in f.examples if i in texts],
        }
        for f in view.figures
    ]
    if args.json:
        emit(rows)
        return EXIT_OK
    heading = (
        _("{journey}: {count} relationship comments in {themes} themes ({rule})")
        if args.kind == "relationship"
        else _("{journey}: {count} transactional comments in {themes} themes ({rule})")
    )
    print(
        heading.format(
            journey=journey.name,
            count=fmt.number(view.total),
            themes=fmt.number(len(rows)),
            rule=view.rule,
        )
    )
    for figure, row in zip(view.figures, rows, strict=True):
        nps = ""
        if figure.nps is not None:
            sample = (_("n={n}, small sample") if figure.nps.small_sample else "n={n}").format(
                n=fmt.number(figure.nps.n)
            )
            nps = (
                f"  NPS {signed(figure.nps.nps)} "
                f"[{signed(figure.nps.ci_low)}, {signed(figure.nps.ci_high)}]"
                f" ({sample})"
            )
        line = _("{label}: n={n}, {share} of the comments, {detractors} from detractors").format(
            label=figure.label,
            n=fmt.number(figure.n),
            share=share_with_interval(figure.n, figure.comments_total),
            detractors=fmt.number(figure.detractors),
        )
        print(f"{figure.theme:>6}  {line}{nps}")
        if figure.keywords:
            print("        " + _("keywords: {words}").format(words=", ".join(figure.keywords)))
        for example in row["examples"]:
            text = " ".join(example.split())
            cut = text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"
            print(f"        “{cut}”")
    for note in view.unapplied:
        print(_("note: an edit no longer applies: {note}").format(note=note))
    return EXIT_OK


def _assignments(args: argparse.Namespace, frame: Any) -> int:
    rows = [
        {
            "response_id": int(r.response_id),
            "theme": str(r.theme),
            "sentiment": round(float(r.sentiment), 4),
            "language": str(r.language),
        }
        for r in frame.itertuples()
    ]
    if args.json:
        emit(rows)
        return EXIT_OK
    print(f"{_('response'):>11}  {_('theme'):<6}  {_('sentiment'):>9}  {_('language')}")
    for row in rows:
        print(
            f"{row['response_id']:>11}  {row['theme']:<6}  "
            f"{signed(float(str(row['sentiment'])), 3):>9}  {row['language']}"
        )
    return EXIT_OK
