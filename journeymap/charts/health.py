"""Health colours: the same four states on every view and export, with a legend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from journeymap.analytics.handoffs import Handoff
from journeymap.charts.diagram_text import HANDOFF_COLOUR, HEALTH_KEY, EdgeHealth, NodeHealth
from journeymap.i18n import N_, _

# Colour-blind-safe enough with the labels beside them; grey means "we do not know".
HEALTH_COLOURS: Mapping[str, str] = {state: colour for state, (colour, _) in HEALTH_KEY.items()}
HEALTH_LABELS: Mapping[str, str] = {
    "good": N_("Good"),
    "watch": N_("Watch"),
    "sand": N_("Sand in the machine"),
    "no_data": N_("Not enough data"),
}


def node_health(state: str, detail: str = "", reasons: tuple[str, ...] = ()) -> NodeHealth:
    label = _(HEALTH_LABELS[state]) + (f" — {detail}" if detail else "")
    return NodeHealth(colour=HEALTH_COLOURS[state], label=label, reasons=reasons)


def handoff_edges(handoffs: Iterable[Handoff]) -> dict[tuple[str, str], EdgeHealth]:
    """(source, target) → how the views draw a flagged handoff: sand, with its reason."""
    return {
        (h.source, h.target): EdgeHealth(
            colour=HANDOFF_COLOUR,
            label=_("Handoff friction"),  # the reason starts with the drop
            reason=h.reason,
        )
        for h in handoffs
    }
