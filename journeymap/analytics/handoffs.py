"""Friction on the edge: where the evidence falls sharply from one touchpoint to the next.

A handoff is flagged when the NPS at the next touchpoint is at least 15 points below the
one before and the difference is significant after Holm's correction over every
transition tested (both ends need n ≥ 30): many edges are tested at once, so a plain
p < 0.05 would flag noise.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.flow import FlowResult
from journeymap.analytics.friction import SOLID_NPS_N, nps_text
from journeymap.analytics.nps import compare_nps, holm_adjust
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.shares import effective_shares

MIN_DROP = 15.0
ALPHA = 0.05


@dataclass(frozen=True)
class Handoff:
    source: str
    target: str
    drop: float  # NPS points lost from source to target
    z: float
    p_adjusted: float
    customers_per_month: float
    reason: str


def handoff_friction(
    journey: Journey, evidence: dict[str, TouchpointEvidence], flow: FlowResult
) -> list[Handoff]:
    """Flagged handoffs, the largest drop × customers first."""
    shares = effective_shares(journey)
    customers = {row.touchpoint: row.customers_per_month for row in flow.touchpoints}
    names = {t.id: t.name for t in journey.touchpoints}
    leave = {(t.source, t.target) for t in journey.transitions if t.kind == "leave"}
    tested = []
    for (source, target), share in shares.items():
        a = evidence.get(source, TouchpointEvidence(source)).nps
        b = evidence.get(target, TouchpointEvidence(target)).nps
        if (source, target) in leave or a is None or b is None:
            continue
        if min(a.n, b.n) < SOLID_NPS_N:
            continue
        tested.append((source, target, share, a, b, compare_nps(a, b)))
    adjusted = holm_adjust([t[-1].p for t in tested])
    flagged = []
    for (source, target, share, a, b, diff), p in zip(tested, adjusted, strict=True):
        drop = -diff.difference
        if drop < MIN_DROP or p >= ALPHA:
            continue
        moving = customers[source] * share
        flagged.append(
            Handoff(
                source=source,
                target=target,
                drop=drop,
                z=diff.z,
                p_adjusted=p,
                customers_per_month=moving,
                reason=_(
                    "NPS falls {drop} points from {source} ({source_nps}) to {target} "
                    "({target_nps}); {p} after Holm's correction over {tested} handoffs; "
                    "≈ {customers} customers a month"
                ).format(
                    drop=fmt.number(drop),
                    source=names[source],
                    source_nps=nps_text(a),
                    target=names[target],
                    target_nps=nps_text(b),
                    p=fmt.p_value(p),
                    tested=fmt.number(len(tested)),
                    customers=fmt.number(moving),
                ),
            )
        )
    return sorted(flagged, key=lambda h: -h.drop * h.customers_per_month)
