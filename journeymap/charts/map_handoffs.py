"""Flagged handoffs on the journey map: a sand line from card to card and a "!" to hover.

The map draws no transitions, so a handoff gets its own line between the two
touchpoints' cards: straight across the columns when the stages differ, else a bracket
out into the column's gutter (a straight line up or down a column would run through
the cards between the two). Lines are shapes, drawn under the cards so that no card's
words are hidden; the "!" badge is drawn over them and carries the reason as its hover.
"""

from __future__ import annotations

from collections.abc import Mapping

from journeymap.charts.canvas import arrow_note
from journeymap.charts.diagram_text import HANDOFF_COLOUR, MUTED, EdgeHealth, handoff_hover
from journeymap.charts.geometry import Box, Point, point_at, svg_path
from journeymap.charts.map_layout import MapCard, MapLayout
from journeymap.i18n import _

BADGE_PX = 20  # as wide as the gutter between two stage columns
LINE_PX = 4
SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)

Route = tuple[Point, ...]  # 2 points: a straight line; 3: a quadratic curve


def handoff_lines(
    layout: MapLayout, handoffs: Mapping[tuple[str, str], EdgeHealth]
) -> list[dict[str, object]]:
    """One line per flagged handoff whose two touchpoints both have a card."""
    return [
        {
            "type": "path",
            "path": svg_path(route),
            "line": {"color": flagged.colour, "width": LINE_PX},
            "layer": "above",
        }
        for flagged, route in _routed(layout, handoffs)
    ]


def handoff_marks(
    layout: MapLayout, handoffs: Mapping[tuple[str, str], EdgeHealth]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The arrowheads (to list before the cards) and the "!" badges (to list after)."""
    # A badge may overlap a card's padding and frame, just not its words.
    texts = [card.box.grown(-layout.style.card_padding) for card in layout.cards]
    routed = _routed(layout, handoffs)
    heads = [_arrowhead(flagged, route) for flagged, route in routed]
    badges = [_badge(flagged, _free_spot(route, texts)) for flagged, route in routed]
    return heads, badges


def handoff_key(layout: MapLayout) -> dict[str, object]:
    """The key, in the empty corner above the lane titles."""
    top = layout.lanes[0].start if layout.lanes else 0
    return {
        "text": f'<span style="color:{HANDOFF_COLOUR}"><b>━▶ !</b></span> '
        # Translators: the key's two short lines; keep the <br> between them.
        + _("handoff<br>friction"),
        "x": 8,
        "y": top / 2,
        "xref": "x",
        "yref": "y",
        "xanchor": "left",
        "align": "left",
        "showarrow": False,
        "font": {"size": 14, "color": MUTED},
    }


def handoff_route(layout: MapLayout, a: MapCard, b: MapCard) -> Route:
    """The line from card ``a`` to card ``b``: between the sides that face each other
    when they are in different columns, else a bracket through the column's gutter
    (to the right, or to the left in the last column, where there is no gutter)."""
    ay, by = a.box.center[1], b.box.center[1]
    if b.box.x0 >= a.box.x1:
        return ((a.box.x1, ay), (b.box.x0, by))
    if b.box.x1 <= a.box.x0:
        return ((a.box.x0, ay), (b.box.x1, by))
    # The curve's apex is halfway to its control point: the middle of the gutter.
    reach = layout.style.gutter + 2 * layout.style.card_inset
    last = layout.columns[-1].key == a.stage
    side, out = (a.box.x0, -reach) if last else (a.box.x1, reach)
    return ((side, ay), (side + out, (ay + by) / 2), (side, by))


def _routed(
    layout: MapLayout, handoffs: Mapping[tuple[str, str], EdgeHealth]
) -> list[tuple[EdgeHealth, Route]]:
    cards = {c.touchpoint: c for c in layout.cards if c.lane.startswith("channel:")}
    return [
        (flagged, handoff_route(layout, cards[source], cards[target]))
        for (source, target), flagged in handoffs.items()
        if source in cards and target in cards and source != target
    ]


def _arrowhead(flagged: EdgeHealth, route: Route) -> dict[str, object]:
    return arrow_note(route[-1], point_at(route, 0.8), flagged.colour, LINE_PX)


def _badge(flagged: EdgeHealth, spot: Point) -> dict[str, object]:
    return {
        "text": "<b>!</b>",
        "x": spot[0],
        "y": spot[1],
        "xref": "x",
        "yref": "y",
        "showarrow": False,
        "font": {"size": 16, "color": "#ffffff"},
        "bgcolor": flagged.colour,
        "bordercolor": "#ffffff",
        "borderwidth": 1,
        "width": BADGE_PX - 4,  # + padding and frame
        "height": BADGE_PX - 4,
        "hovertext": handoff_hover(flagged),
    }


def _free_spot(route: Route, texts: list[Box]) -> Point:
    """The first spot along the line where the badge covers no card text (else the middle)."""
    for t in SPOTS:
        spot = point_at(route, t)
        if not any(Box.around(spot, BADGE_PX, BADGE_PX).overlaps(box) for box in texts):
            return spot
    return point_at(route, 0.5)
