"""Sand in the machine: rank touchpoints by evidence of friction, with checkable reasons.

Each kind of evidence gives a severity in [0, 1]:

- nps: how far the touchpoint's NPS is below its target (or, without a target, below
  the rest of the journey), measured from the *favourable* end of its 95 % interval and
  divided by 40 points. A small sample has a wide interval, so it can only show
  severity when even its best case is bad: noise is never ranked as friction.
- shopper: how far the mystery-shopper score is below target (favourable end of the
  interval, divided by 25 points), or twice the lower bound of the share of visits
  with a failed critical question, whichever is larger.
- kpi: for each metric with a target, how far the favourable end of its interval is
  beyond the target, relative to the target, divided by 50 %; the worst metric counts.
- flow: the share of customers who drop off at the touchpoint, divided by 30 %.
- recurrence: the share of customers at the touchpoint who arrive round a loop (repeat
  contacts, complaints coming back), divided by 30 %; or, if larger, the number of
  detractor call-backs in the period that found the same root cause, divided by 20
  (from five on).

The friction score is 100 × Σ wₖ·sₖ / Σ wₖ over the kinds of evidence the touchpoint
has, with the journey's weights (journey.friction_weights). Impact is customers per
month × friction / 100; the ranking lists sand (friction ≥ 40) before watch (≥ 15)
before good, each by impact. Touchpoints without solid sampled evidence (NPS n ≥ 30, three
or more mystery-shopper visits, or ten or more days of a metric) are thin: they are
listed with their figures but ranked after every solid one.

The reasons also name what a touchpoint's detractors write about most ("34 of the 120
detractors who commented mention “ventetid ved skranken”"), right after its NPS reason:
it says what the NPS is about and adds no friction of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.flow import FlowResult
from journeymap.analytics.nps import NpsEstimate
from journeymap.analytics.text import signed, unit_text
from journeymap.model import FrictionWeights, Journey

Health = Literal["good", "watch", "sand", "no_data"]
SOLID_NPS_N = 30
SOLID_VISITS = 3
SOLID_METRIC_DAYS = 10
NPS_SCALE = 40.0
SHOPPER_SCALE = 25.0
KPI_SCALE = 0.5
FLOW_SCALE = 0.3
RECURRENCE_SCALE = 0.3
MIN_RECURRING_CAUSE = 5  # call-backs with one root cause before it counts as recurring
RECURRING_CAUSE_SCALE = 20.0
SAND_AT = 40.0
WATCH_AT = 15.0
# Sand first, however few customers it hits, then what to watch: a busy step with mild
# friction must not hide a step that is clearly broken.
HEALTH_ORDER = {"sand": 0, "watch": 1, "good": 2, "no_data": 3}


@dataclass(frozen=True)
class Component:
    kind: str  # nps, shopper, kpi, flow, recurrence
    severity: float  # 0–1
    solid: bool  # sampled evidence with enough observations (flow is not a sample)
    sampled: bool
    reason: str


@dataclass(frozen=True)
class FrictionItem:
    touchpoint: str
    name: str
    rank: int
    friction: float  # 0–100
    customers_affected: float  # per month
    impact: float
    thin_data: bool
    health: Health
    reasons: tuple[str, ...]
    components: tuple[Component, ...]


def _clip(value: float) -> float:
    return max(0.0, min(1.0, value))


def nps_component(evidence: TouchpointEvidence, target: float | None) -> Component | None:
    nps = evidence.nps
    if nps is None:
        return None
    references = []
    if target is not None:
        references.append((target, f"target {signed(target)}"))
    rest = evidence.rest_nps
    if rest is not None and target is None:
        references.append((rest.nps, f"rest of journey {signed(rest.nps)}"))
    severity = max((_clip((ref - nps.ci_high) / NPS_SCALE) for ref, _ in references), default=0.0)
    versus = " and ".join(text for _, text in references)
    if rest is not None and target is not None:
        versus += f"; rest of journey {signed(rest.nps)}"
    reason = (
        f"NPS {nps_text(nps)}{' vs ' + versus if versus else ''}; "
        f"detractors {nps.detractor_share:.0%}"
    )
    return Component("nps", severity, nps.n >= SOLID_NPS_N, True, reason)


def nps_text(nps: NpsEstimate) -> str:
    small = ", small sample" if nps.small_sample else ""
    return f"{signed(nps.nps)} ±{nps.margin:.0f} (n={nps.n}{small})"


def shopper_component(evidence: TouchpointEvidence, target: float | None) -> Component | None:
    shopper = evidence.shopper
    if shopper is None:
        return None
    score = shopper.score
    gap = _clip((target - score.ci_high) / SHOPPER_SCALE) if target is not None else 0.0
    critical = shopper.critical
    knock_out = _clip(2 * critical.ci_low) if critical is not None else 0.0
    margin = "" if score.n < 2 else f" ±{score.margin:.0f}"
    of = f", {shopper.questionnaire}" if shopper.questionnaire else ""
    reason = f"mystery-shopper score {score.mean:.0f} %{margin} (n={score.n} visits{of})"
    if target is not None:
        reason += f" vs target {target:.0f} %"
    if critical is not None and critical.successes:
        reason += f"; a critical question failed in {critical.successes} of {critical.n} visits"
    return Component("shopper", max(gap, knock_out), score.n >= SOLID_VISITS, True, reason)


def kpi_component(evidence: TouchpointEvidence) -> Component | None:
    measured = [k for k in evidence.kpis if k.target not in (None, 0)]
    if not measured:
        return None
    severities, reasons = [], []
    for kpi in measured:
        target = float(kpi.target)  # type: ignore[arg-type]
        est = kpi.estimate
        if kpi.metric.direction == "lower":
            beyond, worse = (est.ci_low - target) / abs(target), est.mean > target
        else:
            beyond, worse = (target - est.ci_high) / abs(target), est.mean < target
        severities.append(_clip(beyond / KPI_SCALE))
        if worse:
            unit = unit_text(kpi.metric.unit)
            margin = "" if est.n < 2 else f" ±{est.margin:.1f}"
            reasons.append(
                f"{kpi.metric.name.lower()} {est.mean:.1f}{unit}{margin} (n={est.n} days) "
                f"vs target {target:g}{unit}"
            )
    solid = any(k.estimate.n >= SOLID_METRIC_DAYS for k in measured)
    reason = "; ".join(reasons) or "every measured metric meets its target"
    return Component("kpi", max(severities), solid, True, reason)


def flow_component(drop_off: float, lost_per_month: float) -> Component:
    reason = f"{drop_off:.0%} leave the journey here (≈ {lost_per_month:,.0f} customers a month)"
    return Component("flow", _clip(drop_off / FLOW_SCALE), True, False, reason)


def recurrence_component(
    repeat_share: float, root_cause: tuple[str, int] | None = None
) -> Component | None:
    """Repeat contacts (loops) and a root cause that call-backs keep finding."""
    severities, reasons = [], []
    if repeat_share > 0:
        severities.append(_clip(repeat_share / RECURRENCE_SCALE))
        reasons.append(
            f"{repeat_share:.0%} of the visits here are repeats, customers coming back round a loop"
        )
    if root_cause is not None and root_cause[1] >= MIN_RECURRING_CAUSE:
        cause, count = root_cause
        severities.append(_clip(count / RECURRING_CAUSE_SCALE))
        reasons.append(f"the same root cause in {count} call-backs: “{cause}”")
    if not severities:
        return None
    return Component("recurrence", max(severities), True, False, "; ".join(reasons))


def friction_score(components: list[Component], weights: FrictionWeights) -> float:
    weight_of = weights.model_dump()
    total = sum(weight_of[c.kind] for c in components)
    if total == 0:
        return 0.0
    return 100 * sum(weight_of[c.kind] * c.severity for c in components) / total


def health_of(friction: float, thin: bool) -> Health:
    if thin:
        return "no_data"
    return "sand" if friction >= SAND_AT else "watch" if friction >= WATCH_AT else "good"


def rank_friction(
    journey: Journey,
    evidence: dict[str, TouchpointEvidence],
    flow: FlowResult,
    repeat_shares: dict[str, float] | None = None,
    root_causes: dict[str, tuple[str, int]] | None = None,
    theme_reasons: dict[str, str] | None = None,
) -> list[FrictionItem]:
    """Every touchpoint, most friction × customers first; thin evidence after solid.

    ``theme_reasons``: per touchpoint, what its detractors write about most (a sentence);
    it follows the NPS reason it explains and weighs nothing itself.
    """
    flows = flow.by_id()
    repeat_shares = repeat_shares or {}
    root_causes = root_causes or {}
    theme_reasons = theme_reasons or {}
    items = []
    for tp in journey.touchpoints:
        ev = evidence.get(tp.id, TouchpointEvidence(tp.id))
        targets = journey.targets_for(tp.id)
        here = flows[tp.id]
        components = [
            c
            for c in (
                nps_component(ev, targets.nps),
                shopper_component(ev, targets.shopper_pct),
                kpi_component(ev),
                flow_component(here.drop_off, here.lost_per_month) if not tp.end else None,
                recurrence_component(repeat_shares.get(tp.id, 0.0), root_causes.get(tp.id)),
            )
            if c is not None
        ]
        friction = friction_score(components, journey.friction_weights)
        thin = not any(c.solid and c.sampled for c in components)
        customers = here.customers_per_month
        # What hurts most first; evidence that shows no friction is still listed, with
        # its n, so that a thin figure can be checked rather than silently dropped.
        reasons = _with_theme(
            [
                c
                for c in sorted(components, key=lambda c: -c.severity)
                if c.severity > 0 or c.sampled
            ],
            theme_reasons.get(tp.id),
        )
        items.append(
            FrictionItem(
                touchpoint=tp.id,
                name=tp.name,
                rank=0,
                friction=round(friction, 1),
                customers_affected=customers,
                impact=customers * friction / 100,
                thin_data=thin,
                health=health_of(friction, thin),
                reasons=reasons,
                components=tuple(components),
            )
        )
    ordered = sorted(
        items,
        key=lambda i: (i.thin_data, HEALTH_ORDER[i.health], -i.impact, -i.friction, i.touchpoint),
    )
    return [FrictionItem(**{**item.__dict__, "rank": rank}) for rank, item in enumerate(ordered, 1)]


def _with_theme(components: list[Component], theme: str | None) -> tuple[str, ...]:
    """The components' reasons, the theme sentence right after the NPS reason (or last)."""
    reasons = [c.reason for c in components]
    if theme:
        kinds = [c.kind for c in components]
        at = kinds.index("nps") + 1 if "nps" in kinds else len(reasons)
        reasons.insert(at, theme)
    return tuple(reasons)
