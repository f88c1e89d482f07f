"""The report page as one self-contained HTML file: inline CSS and SVG, no scripts.

Jinja2 escapes every value (autoescape), so a touchpoint named
``<script>alert(1)</script>`` shows as that text. The only markup inserted as is, is
the journey diagram's SVG, drawn by plotly from already-escaped labels.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from journeymap.analytics.period_report import SAND_ITEMS, ReportData
from journeymap.charts.health import HEALTH_COLOURS, HEALTH_LABELS
from journeymap.i18n import _, current_language, use_language
from journeymap.i18n import formatting as fmt
from journeymap.i18n.languages import Language
from journeymap.io import local_formats as lf
from journeymap.io.report.texts import bold, due_callbacks, fill, report_texts, visits

TEMPLATES = Path(__file__).parent
_ROOT_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_SCRIPT = re.compile(r"<\s*/?\s*(?:script|foreignObject)\b", re.IGNORECASE)


def inline_svg(svg: str | None) -> Markup | None:
    """The diagram sized by its box (no fixed width/height), or None if it is not SVG."""
    if not svg:
        return None
    start = svg.find("<svg")
    if start < 0 or _SCRIPT.search(svg):
        return None  # only plain drawings are inlined
    end = svg.find(">", start)
    root = _ROOT_SIZE.sub("", svg[start:end])
    label = str(escape(_("Journey diagram")))
    root += f' preserveAspectRatio="xMidYMid meet" role="img" aria-label="{label}"'
    return Markup(root + svg[end:])  # noqa: S704 - plotly's own SVG, labels escaped


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters |= {
        "signed": lf.signed,
        "points": lf.points,
        "percent": lf.percent,
        "pct": lf.share,
        "number": lf.number,
        "day": fmt.day,
        "day_month": lf.day_month,
        "fill": fill,
        "bold": bold,
    }
    return env


def report_html(data: ReportData, language: Language | None = None) -> str:
    """The whole report page as HTML text (A4 landscape when printed), in `language`
    (None: the reader's)."""
    with use_language(language):
        template = _environment().get_template("report.html.j2")
        return template.render(
            r=data,
            t=report_texts(),
            lang=current_language(),
            period=data.period.title,
            previous=data.previous.title,
            interval=fmt.interval,
            p_value=fmt.p_value,
            visits=visits,
            due_callbacks=due_callbacks,
            diagram=inline_svg(data.diagram_svg),
            health_colours=HEALTH_COLOURS,
            # The labels are marked for the catalogs where they are defined.
            health_labels={key: _(label) for key, label in HEALTH_LABELS.items()},
            health_by_label={label: HEALTH_COLOURS[key] for key, label in HEALTH_LABELS.items()},
            sand_items=SAND_ITEMS,
        )
