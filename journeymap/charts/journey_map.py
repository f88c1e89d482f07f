"""The classic journey map as a plotly figure, drawn from :func:`map_layout`.

Cards are annotations (plotly draws their text, box and hover); the emotion curve is a
line through numbered markers. Every user-typed string is HTML-escaped: plotly renders
tags in text, and a touchpoint called "<b>x</b>" must show exactly that.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import plotly.graph_objects as go

from journeymap.analytics.emotion import MapStep
from journeymap.analytics.observed_emotion import ObservedEmotion
from journeymap.analytics.text import signed
from journeymap.charts.canvas import pixel_canvas
from journeymap.charts.diagram_text import (
    BAND_FILLS,
    FONT,
    GRID,
    INK,
    MUTED,
    EdgeHealth,
    NodeHealth,
    reason_lines,
)
from journeymap.charts.geometry import chars_fitting, wrap_label
from journeymap.charts.map_handoffs import handoff_key, handoff_lines, handoff_marks
from journeymap.charts.map_layout import MapCard, MapLayout, map_layout
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey


def _text(value: str) -> str:
    # Quotes stay as they are: plotly shows "&quot;" literally, and a quote cannot
    # start a tag anyway.
    return html.escape(value, quote=False)


MARGIN = {"l": 8, "r": 8, "t": 8, "b": 8}
CARD_COLOURS = {
    "channel": ("#e3f0fb", "#4a7ab0"),
    "does": ("#ffffff", "#bcccdc"),
    "thinks": ("#ffffff", "#bcccdc"),
    "pain": ("#fdecec", "#c53030"),
    "opportunity": ("#e6f6ec", "#2f855a"),
    "backstage": ("#f0f4f8", "#829ab1"),
}
CURVE_COLOUR = "#7b4fb8"
ASIDE_COLOUR = "#a98bd4"  # the curve's colour, paler: steps off the main path
OBSERVED_COLOUR = "#dd6b20"
FEELS_TICKS = ((2, "+2"), (0, "0"), (-2, "−2"))


def journey_map_figure(
    journey: Journey,
    layout: MapLayout | None = None,
    health: Mapping[str, NodeHealth] | None = None,
    observed: Mapping[str, ObservedEmotion] | None = None,
    handoffs: Mapping[tuple[str, str], EdgeHealth] | None = None,
) -> go.Figure:
    """The journey map grid with the emotion curve in its Feels lane.

    ``health`` frames each touchpoint's card in its health colour (with the reasons in
    the hover); ``observed`` draws the emotion customers report (NPS ÷ 50, with its
    interval) against the planned curve; ``handoffs`` draws an arrow from card to card
    for each flagged handoff.
    """
    layout = layout or map_layout(journey)
    health = health or {}
    handoffs = handoffs or {}
    style = layout.style
    shapes = _grid(layout) + handoff_lines(layout, handoffs)
    # Later annotations are drawn on top: arrowheads under the cards, badges over them.
    heads, badges = handoff_marks(layout, handoffs)
    annotations = (
        heads
        + _headers(layout)
        + [_card_note(card, layout, health.get(card.touchpoint)) for card in layout.cards]
        + badges
    )
    if handoffs:
        annotations.append(handoff_key(layout))
    figure = go.Figure()
    _add_curve(figure, layout)
    if observed:
        _add_observed(figure, layout, observed)
        annotations.append(_curve_key(layout))
    feels_lane = next(lane for lane in layout.lanes if lane.key == "feels")
    if not layout.curve and not layout.aside:
        annotations.append(
            _note(
                _("No feelings yet: give touchpoints a 'feels' from −2 to +2 in the editor"),
                (style.lane_label_width + layout.width) / 2,
                (feels_lane.start + feels_lane.end) / 2,
                style.font_px,
                MUTED,
            )
        )
    return pixel_canvas(
        figure,
        layout.width,
        layout.height,
        MARGIN,
        style.font_px,
        shapes=shapes,
        annotations=annotations,
    )


def _grid(layout: MapLayout) -> list[dict[str, object]]:
    shapes: list[dict[str, object]] = []
    for i, column in enumerate(layout.columns):
        shapes.append(
            _shape("rect", column.start - 3, 0, column.end + 3, layout.height, BAND_FILLS[i % 2])
        )
    for lane in layout.lanes:
        shapes.append(
            {
                "type": "line",
                "x0": 0,
                "x1": layout.width,
                "y0": lane.start,
                "y1": lane.start,
                "line": {"color": "#9fb3c8" if lane is layout.lanes[0] else GRID, "width": 1},
                "layer": "below",
            }
        )
    feels = next(lane for lane in layout.lanes if lane.key == "feels")
    shapes.append(
        {
            "type": "rect",
            "x0": 0,
            "x1": layout.width,
            "y0": feels.start,
            "y1": feels.end,
            "fillcolor": "rgba(123,79,184,0.06)",
            "line": {"width": 0},
            "layer": "below",
        }
    )
    y0 = layout.feels_y(0)
    shapes.append(
        {
            "type": "line",
            "x0": layout.style.lane_label_width,
            "x1": layout.width,
            "y0": y0,
            "y1": y0,
            "line": {"color": "#b8a3d9", "width": 1, "dash": "dot"},
            "layer": "below",
        }
    )
    return shapes


def _shape(kind: str, x0: float, y0: float, x1: float, y1: float, fill: str) -> dict[str, object]:
    return {
        "type": kind,
        "x0": x0,
        "y0": y0,
        "x1": x1,
        "y1": y1,
        "fillcolor": fill,
        "line": {"color": GRID, "width": 1},
        "layer": "below",
    }


def _note(text: str, x: float, y: float, size: float, colour: str) -> dict[str, object]:
    return {
        "text": text,
        "x": x,
        "y": y,
        "xref": "x",
        "yref": "y",
        "showarrow": False,
        "font": {"size": size, "color": colour},
    }


def _headers(layout: MapLayout) -> list[dict[str, object]]:
    style = layout.style
    top = layout.lanes[0].start if layout.lanes else 0
    notes = []
    for column in layout.columns:
        text = "<br>".join(f"<b>{_text(line)}</b>" for line in column.title_lines)
        notes.append(
            _note(text, (column.start + column.end) / 2, top / 2, style.header_font_px, INK)
        )
    for lane in layout.lanes:
        chars = chars_fitting(style.lane_label_width - 12, style.lane_font_px)
        title = "<br>".join(f"<b>{_text(line)}</b>" for line in wrap_label(lane.title, chars, 2))
        note = _note(
            title,
            8,
            (lane.start + lane.end) / 2,
            style.lane_font_px,
            MUTED,
        )
        note["xanchor"] = "left"
        if lane.key == "feels":
            note["y"] = lane.start + 14
        notes.append(note)
    feels = next(lane for lane in layout.lanes if lane.key == "feels")
    for value, label in FEELS_TICKS:
        tick = _note(label, style.lane_label_width - 6, layout.feels_y(value), 14, MUTED)
        tick["xanchor"] = "right"
        if feels.end - feels.start > 0:
            notes.append(tick)
    return notes


def _card_note(
    card: MapCard, layout: MapLayout, health: NodeHealth | None = None
) -> dict[str, object]:
    style = layout.style
    kind = "channel" if card.lane.startswith("channel:") else card.lane
    fill, border = CARD_COLOURS.get(kind, CARD_COLOURS["does"])
    framed = kind == "channel" and health is not None
    text = "<br>".join(_text(line) for line in card.lines)
    if kind == "channel":
        text = f"<b>{text}</b>"
    note = _note(text, card.box.x0, card.box.y0, style.font_px, INK)
    note.update(
        xanchor="left",
        yanchor="top",
        align="left",
        bgcolor=fill,
        bordercolor=health.colour if framed and health else border,
        borderwidth=3 if framed else 1,
        borderpad=style.card_padding - 1,
        width=card.box.width - 2 * style.card_padding,
        height=card.box.height - 2 * style.card_padding,
        valign="top",
        hovertext=_text(card.text) + (_health_hover(health) if framed and health else ""),
    )
    return note


def _health_hover(health: NodeHealth) -> str:
    lines = ["<b>" + _("Health: {health}").format(health=_text(health.label)) + "</b>"]
    lines += reason_lines(health.reasons, _text)
    return "<br>" + "<br>".join(lines)


_Observed = tuple[str, ObservedEmotion, float]  # touchpoint, emotion, x


def _add_observed(
    figure: go.Figure, layout: MapLayout, observed: Mapping[str, ObservedEmotion]
) -> None:
    """The observed emotion: solid for solid samples, hollow for thin ones."""
    steps = {s.touchpoint: s for s in layout.steps}
    found: dict[str, _Observed] = {}
    for tp, emotion in observed.items():
        x = layout.step_x(tp)
        if tp in steps and x is not None:
            found[tp] = (tp, emotion, x)
    if not found:
        return
    # Like the planned curve: a line along the main path, the other steps as markers of
    # their own (a None between two points leaves them unjoined).
    points: list[_Observed | None] = [found[tp] for tp in layout.main_path if tp in found]
    for tp, point in sorted(found.items(), key=lambda item: item[1][2]):
        if tp not in layout.main_path:
            points += [None, point] if points else [point]

    def y(value: float) -> float:
        return layout.feels_y(max(-2.0, min(2.0, value)))

    def each(value: Callable[[_Observed], object], gap: object = None) -> list[object]:
        return [gap if p is None else value(p) for p in points]

    figure.add_trace(
        go.Scatter(
            x=each(lambda p: p[2]),
            y=each(lambda p: y(p[1].value)),
            mode="lines+markers",
            connectgaps=False,
            line={"color": OBSERVED_COLOUR, "width": 2, "dash": "dot"},
            marker={
                "size": layout.style.marker_px - 6,
                "color": each(lambda p: "#ffffff" if p[1].thin else OBSERVED_COLOUR, "#ffffff"),
                "line": {"color": OBSERVED_COLOUR, "width": 2},
            },
            error_y={
                "type": "data",
                "symmetric": False,
                "array": each(lambda p: y(p[1].value) - y(p[1].high)),
                "arrayminus": each(lambda p: y(p[1].low) - y(p[1].value)),
                "color": OBSERVED_COLOUR,
                "thickness": 1.5,
                "width": 4,
            },
            hovertext=each(lambda p: _observed_hover(steps[p[0]], p[1]), ""),
            hoverinfo="text",
            showlegend=False,
            name=_("observed"),
        )
    )


def _observed_hover(step: MapStep, e: ObservedEmotion) -> str:
    text = (
        _("{number} · {touchpoint}: observed {value} (NPS {nps}, n={n}, small sample)")
        if e.thin
        else _("{number} · {touchpoint}: observed {value} (NPS {nps}, n={n})")
    )
    return text.format(
        number=step.number,
        touchpoint=_text(step.name),
        value=fmt.signed(e.value, 1),
        nps=signed(e.value * 50),
        n=fmt.number(e.n),
    )


def _curve_key(layout: MapLayout) -> dict[str, object]:
    feels = next(lane for lane in layout.lanes if lane.key == "feels")
    note = _note(
        f'<span style="color:{CURVE_COLOUR}">━ ①</span> '
        + _("planned")
        + f'     <span style="color:{OBSERVED_COLOUR}">┅ ●</span> '
        + _("observed: NPS ÷ 50 with its 95 % interval (○ = fewer than 30 answers)"),
        layout.width - 8,
        feels.end - 12,
        13,
        MUTED,
    )
    note["xanchor"] = "right"
    return note


def _add_curve(figure: go.Figure, layout: MapLayout) -> None:
    """The planned feelings: a line along the main path; alternatives (a branch, a
    loop, the leave step) as paler markers of their own, linked by dotted lines along
    their own transitions, so that no line joins two steps nobody walks in a row."""
    points = {p.touchpoint: p for p in [*layout.curve, *layout.aside]}
    if layout.branches:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for source, target in layout.branches:
            xs += [points[source].x, points[target].x, None]
            ys += [points[source].y, points[target].y, None]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": ASIDE_COLOUR, "width": 2, "dash": "dot"},
                hoverinfo="skip",
                showlegend=False,
                name=_("alternatives"),
            )
        )
    for chain, colour, line in (
        (layout.curve, CURVE_COLOUR, {"color": CURVE_COLOUR, "width": 3, "shape": "linear"}),
        (layout.aside, ASIDE_COLOUR, None),
    ):
        if not chain:
            continue
        figure.add_trace(
            go.Scatter(
                x=[p.x for p in chain],
                y=[p.y for p in chain],
                mode="lines+markers+text" if line else "markers+text",
                line=line,
                marker={
                    "size": layout.style.marker_px,
                    "color": "#ffffff",
                    "line": {"color": colour, "width": 2.5},
                },
                text=[str(p.number) for p in chain],
                textfont={"size": 13, "color": colour, "family": FONT},
                textposition="middle center",
                hovertext=[
                    (
                        _("{number} · {touchpoint}: feels {feels}")
                        if line
                        else _("{number} · {touchpoint}: feels {feels} (off the main path)")
                    ).format(number=p.number, touchpoint=_text(p.name), feels=fmt.signed(p.feels))
                    for p in chain
                ],
                hoverinfo="text",
                showlegend=False,
                name=_("feels") if line else _("feels, off the main path"),
            )
        )
