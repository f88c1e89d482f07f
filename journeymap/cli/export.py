"""`export`: a stored journey as a picture, deck, diagram, workbook or journey file."""

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
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt

FORMAT_CHOICES = (
    "png",
    "svg",
    "pdf",
    "pptx",
    "mermaid",
    "mermaid-flow",
    "drawio",
    "dot",
    "xlsx",
    "yaml",
    "json",
)


def register(commands: Commands) -> None:
    sub = commands.add(
        "export", cmd_export, _("export a journey: picture, deck, Mermaid, draw.io, DOT, Excel")
    )
    sub.add_argument("journey", metavar="JOURNEY")
    sub.add_argument("--format", required=True, choices=FORMAT_CHOICES)
    sub.add_argument("--out", type=Path, required=True, metavar="FILE")
    sub.add_argument(
        "--view",
        choices=("map", "graph"),
        default="graph",
        help=_("the picture in png, svg, pdf and pptx (default: graph)"),
    )
    sub.add_argument("--period", help=_("2026, 2026-Q3 or 2026-09 (default: the last half year)"))
    sub.add_argument(
        "--width", type=int, help=_("PNG: the picture's width in pixels before scaling")
    )
    sub.add_argument("--scale", type=float, default=2.0, help=_("PNG: pixel density (default 2)"))


def cmd_export(args: argparse.Namespace) -> int:
    from journeymap.io.export.chromium import ChromiumMissing
    from journeymap.io.export.images import PictureError, PictureSize
    from journeymap.services.export import ExportOptions, export_file
    from journeymap.services.sand import evidence_filter

    try:
        flt = evidence_filter(args.period)
    except ValueError as error:
        raise CommandError(str(error)) from None
    if args.scale <= 0 or (args.width is not None and args.width <= 0):
        raise CommandError(_("--width and --scale must be positive numbers"))
    stored = stored_journey(args)
    options = ExportOptions(view=args.view, size=PictureSize(args.width, args.scale))
    try:
        content = export_file(
            viewer_for(args),
            engine_for(args),
            stored.journey,
            stored.revision,
            args.format,
            options,
            flt,
        )
    except (ChromiumMissing, PictureError) as error:
        raise CommandError(str(error)) from None
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(content)
    except OSError as error:
        raise CommandError(
            _("cannot write {file}: {reason}").format(file=args.out, reason=error.strerror)
        ) from None
    print(
        _("{file}: {format}, {size} bytes").format(
            file=args.out, format=args.format, size=fmt.number(len(content))
        )
    )
    return EXIT_OK
