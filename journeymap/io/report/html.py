"""The report page as one self-contained HTML file: inline CSS and SVG, no scripts.

Jinja2 escapes every value (autoescape), so a touchpoint named
``<script>alert(1)</script>`` shows as that text. The only markup inserted as is, is
the journey diagram's SVG, drawn by plotly from already-escaped labels.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from journeymap.analytics.period_report import SAND_ITEMS, ReportData
from journeymap.analytics.text import signed
from journeymap.charts.health import HEALTH_COLOURS, HEALTH_LABELS

TEMPLATES = Path(__file__).parent
_ROOT_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_SCRIPT = re.compile(r"<\s*/?\s*(?:script|foreignObject)\b", re.IGNORECASE)


def _signed(value: float | None) -> str:
    return (
        "–" if value is None or (isinstance(value, float) and math.isnan(value)) else signed(value)
    )


def _points(value: float | None, digits: int = 1) -> str:
    if value is None or math.isnan(value):
        return "–"
    text = f"{value:+.{digits}f}"
    return text.replace("-", "−")


def _pct(value: float | None, digits: int = 0) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{100 * value:.{digits}f} %"


def _number(value: float | None, digits: int = 0) -> str:
    if value is None or math.isnan(value) or math.isinf(value):
        return "–"
    return f"{value:.{digits}f}"


def _day(value: date, with_year: bool = True) -> str:
    """1 Jul 2026 (no zero padding, on every platform)."""
    return f"{value.day} {value:%b %Y}" if with_year else f"{value.day} {value:%b}"


def inline_svg(svg: str | None) -> Markup | None:
    """The diagram sized by its box (no fixed width/height), or None if it is not SVG."""
    if not svg:
        return None
    start = svg.find("<svg")
    if start < 0 or _SCRIPT.search(svg):
        return None  # only plain drawings are inlined
    end = svg.find(">", start)
    root = _ROOT_SIZE.sub("", svg[start:end])
    root += ' preserveAspectRatio="xMidYMid meet" role="img" aria-label="Journey diagram"'
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
        "signed": _signed,
        "points": _points,
        "pct": _pct,
        "number": _number,
        "day": _day,
    }
    return env


def report_html(data: ReportData) -> str:
    """The whole report page as HTML text (A4 landscape when printed)."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        r=data,
        diagram=inline_svg(data.diagram_svg),
        health_colours=HEALTH_COLOURS,
        health_labels=HEALTH_LABELS,
        health_by_label={label: HEALTH_COLOURS[key] for key, label in HEALTH_LABELS.items()},
        sand_items=SAND_ITEMS,
    )
