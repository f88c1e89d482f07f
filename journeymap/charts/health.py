"""Health colours: the same four states on every view and export, with a legend."""

from __future__ import annotations

from collections.abc import Mapping

from journeymap.charts.diagram_text import HEALTH_KEY, NodeHealth

# Colour-blind-safe enough with the labels beside them; grey means "we do not know".
HEALTH_COLOURS: Mapping[str, str] = {state: colour for state, (colour, _) in HEALTH_KEY.items()}
HEALTH_LABELS: Mapping[str, str] = {
    "good": "Good",
    "watch": "Watch",
    "sand": "Sand in the machine",
    "no_data": "Not enough data",
}


def node_health(state: str, detail: str = "", reasons: tuple[str, ...] = ()) -> NodeHealth:
    label = HEALTH_LABELS[state] + (f" — {detail}" if detail else "")
    return NodeHealth(colour=HEALTH_COLOURS[state], label=label, reasons=reasons)
