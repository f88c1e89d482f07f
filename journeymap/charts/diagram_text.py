"""The words and colours of the journey diagram: palette, hover text, the key.

Every user-typed string goes through escape(): plotly renders tags in text.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from journeymap.analytics.flow import TouchpointFlow
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.model import Touchpoint

FONT = "Source Sans Pro, Open Sans, Arial, sans-serif"
INK, MUTED, GRID = "#1f2933", "#52606d", "#d9e2ec"
BAND_FILLS = ("#f5f7fa", "#ffffff")
NODE_GREY, NODE_LINE = "#9aa5b1", "#3e4c59"
MOMENT_LINE = "#b7791f"
EDGE_COLOURS = {"normal": "#486581", "recovery": "#2f855a", "leave": "#c53030"}
LABEL_BG = "rgba(255,255,255,0.88)"
HOVER_CHARS = 72  # a hover wider than this covers half a projected diagram
# Health by colour; the same palette as charts.health (which builds on this module).
HEALTH_KEY = {
    "good": ("#2f855a", N_("good")),
    "watch": ("#d69e2e", N_("watch")),
    "sand": ("#c53030", N_("sand in the machine")),
    "no_data": (NODE_GREY, N_("not enough data")),
}
# A flagged handoff is sand between two touchpoints, so it takes sand's colour.
HANDOFF_COLOUR = HEALTH_KEY["sand"][0]


@dataclass(frozen=True)
class NodeHealth:
    """How a touchpoint is doing (from evidence): its colour, label and the reasons."""

    colour: str
    label: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class EdgeHealth:
    """A transition the evidence flags (a handoff that loses customers' goodwill)."""

    colour: str
    label: str
    reason: str


def escape(text: str) -> str:
    """User text for plotly: tags made inert; quotes left alone (plotly would show
    "&quot;" literally, and a quote cannot open a tag)."""
    return html.escape(text, quote=False)


def hover_text(
    tp: Touchpoint,
    stages: Mapping[str, str],
    flows: Mapping[str, TouchpointFlow],
    health: NodeHealth | None,
) -> str:
    flow = flows.get(tp.id)
    customers = flow.customers_per_month if flow else 0.0
    drop_off = flow.drop_off if flow else 0.0
    rows = [
        f"<b>{escape(tp.name)}</b>",
        _("Stage: {stage}").format(stage=escape(stages.get(tp.stage, tp.stage))),
        _("Channel: {channel}").format(channel=escape(tp.channel)),
        _("Owner: {owner}").format(owner=escape(tp.owner) if tp.owner else _("nobody yet")),
    ]
    if tp.promise:
        rows.append(_("Promise: {promise}").format(promise=escape(shorten(tp.promise, 90))))
    rows.append(_("Customers per month: {customers}").format(customers=fmt.number(customers)))
    rows.append(_("Drop-off here: {share}").format(share=fmt.share(drop_off)))
    if tp.moment_of_truth:
        rows.append(_("Moment of truth"))
    if tp.end:
        rows.append(_("The journey may end here"))
    if health is not None:
        rows.append("<b>" + _("Health: {health}").format(health=escape(health.label)) + "</b>")
        rows += reason_lines(health.reasons, escape)
    return "<br>".join(rows)


def reason_lines(reasons: Sequence[str], text: Callable[[str], str]) -> list[str]:
    """A health's first reasons for a hover, each whole, wrapped at HOVER_CHARS: cut at
    110 characters, a long reason lost its n or its interval, which come last."""
    lines = []
    for reason in reasons[:4]:
        first, *more = textwrap.wrap(" ".join(reason.split()), HOVER_CHARS) or [""]
        lines += [f"· {text(first)}", *(text(line) for line in more)]
    return lines


def handoff_hover(edge: EdgeHealth) -> str:
    """The handoff's label and its reason, wrapped so the hover stays narrow."""
    lines = textwrap.wrap(edge.reason, HOVER_CHARS)
    return "<br>".join([f"<b>{escape(edge.label)}</b>", *(escape(line) for line in lines)])


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def key_annotation(health_legend: bool = False, handoff_legend: bool = False) -> dict[str, object]:
    """What the marks mean, as one line under the diagram (two with the evidence).

    A line of text rather than plotly's legend: the legend wraps and steals height
    from the diagram whenever the figure is drawn a little narrower than its size.
    """
    example = fmt.percent(35)
    parts = [
        f'<span style="color:{NODE_GREY}">●</span> ' + _("touchpoint, size = customers per month"),
        f'<span style="color:{MOMENT_LINE}">◉</span> ' + _("moment of truth"),
        "◎ " + _("the journey may end here"),
        f'<span style="color:{EDGE_COLOURS["normal"]}">→ {example}</span> '
        + _("share of customers who go on"),
        f'<span style="color:{EDGE_COLOURS["normal"]}"><b>━</b></span> ' + _("main path"),
        f'<span style="color:{EDGE_COLOURS["recovery"]}">→</span> ' + _("service recovery"),
        f'<span style="color:{EDGE_COLOURS["leave"]}">⇢</span> ' + _("customers lost"),
    ]
    evidence = []
    if health_legend:
        evidence += [
            f'<span style="color:{HEALTH_KEY[state][0]}">●</span> {_(HEALTH_KEY[state][1])}'
            for state in HEALTH_KEY
        ]
    if handoff_legend:
        evidence.append(
            f'<span style="color:{HANDOFF_COLOUR}"><b>━</b></span> ' + _("handoff friction")
        )
    text = "<br>".join("     ".join(line) for line in (parts, evidence) if line)
    return {
        "text": text,
        "x": 0,
        "y": 0,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "yshift": -14,
        "showarrow": False,
        "font": {"size": 14, "color": MUTED},
    }
