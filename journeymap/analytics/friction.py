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
from journeymap.analytics.nps import SMALL_SAMPLE, NpsEstimate
from journeymap.analytics.shopper_results import MIN_RANKED_VISITS
from journeymap.analytics.text import plain_number, share_with_interval, signed, unit_text
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model import FrictionWeights, Journey

Health = Literal["good", "watch", "sand", "no_data"]
# The same thresholds as where the figures are shown: NPS is a small sample below 30
# answers, a shopper score is never ranked from fewer than three visits.
SOLID_NPS_N = SMALL_SAMPLE
SOLID_VISITS = MIN_RANKED_VISITS
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
        references.append(target)
    rest = evidence.rest_nps
    if rest is not None and target is None:
        references.append(rest.nps)
    severity = max((_clip((ref - nps.ci_high) / NPS_SCALE) for ref in references), default=0.0)
    figures = {
        "nps": nps_text(nps),
        "share": share_with_interval(nps.detractors, nps.n),
        "target": signed(target) if target is not None else "",
        "rest": nps_text(rest) if rest is not None else "",
    }
    if target is not None and rest is not None:
        reason = _("NPS {nps} vs target {target}; rest of journey {rest}; detractors {share}")
    elif target is not None:
        reason = _("NPS {nps} vs target {target}; detractors {share}")
    elif rest is not None:
        reason = _("NPS {nps} vs rest of journey {rest}; detractors {share}")
    else:
        reason = _("NPS {nps}; detractors {share}")
    reason = reason.format(**figures)
    return Component("nps", severity, nps.n >= SOLID_NPS_N, True, reason)


def nps_text(nps: NpsEstimate) -> str:
    figures = {"nps": signed(nps.nps), "margin": fmt.number(nps.margin), "n": fmt.number(nps.n)}
    if nps.small_sample:
        return _("{nps} ±{margin} (n={n}, small sample)").format(**figures)
    return _("{nps} ±{margin} (n={n})").format(**figures)


def shopper_component(evidence: TouchpointEvidence, target: float | None) -> Component | None:
    shopper = evidence.shopper
    if shopper is None:
        return None
    score = shopper.score
    gap = _clip((target - score.ci_high) / SHOPPER_SCALE) if target is not None else 0.0
    critical = shopper.critical
    knock_out = _clip(2 * critical.ci_low) if critical is not None else 0.0
    figures = {
        "score": fmt.number(score.mean),
        "margin": fmt.number(score.margin),
        "n": fmt.number(score.n),
        "questionnaire": shopper.questionnaire or "",
    }
    if score.n < 2:
        reason = (
            _("mystery-shopper score {score} % (n={n} visits, {questionnaire})")
            if shopper.questionnaire
            else _("mystery-shopper score {score} % (n={n} visits)")
        )
    else:
        reason = (
            _("mystery-shopper score {score} % ±{margin} (n={n} visits, {questionnaire})")
            if shopper.questionnaire
            else _("mystery-shopper score {score} % ±{margin} (n={n} visits)")
        )
    reason = reason.format(**figures)
    if score.n < SOLID_VISITS:
        reason = _("{reason}, few visits").format(reason=reason)
    if target is not None:
        reason = _("{reason} vs target {target} %").format(reason=reason, target=fmt.number(target))
    if critical is not None and critical.successes:
        reason = _("{reason}; a critical question failed in {failed} of {n} visits").format(
            reason=reason, failed=fmt.number(critical.successes), n=fmt.number(critical.n)
        )
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
            figures = {
                "metric": kpi.metric.name.lower(),
                "value": fmt.number(est.mean, 1),
                "unit": unit_text(kpi.metric.unit),
                "margin": fmt.number(est.margin, 1),
                "n": fmt.number(est.n),
                "target": plain_number(target),
            }
            text = (
                _("{metric} {value}{unit} (n={n} days) vs target {target}{unit}")
                if est.n < 2
                else _("{metric} {value}{unit} ±{margin} (n={n} days) vs target {target}{unit}")
            ).format(**figures)
            if est.n < SOLID_METRIC_DAYS:
                text = _("{reason}, few days").format(reason=text)
            reasons.append(text)
    solid = any(k.estimate.n >= SOLID_METRIC_DAYS for k in measured)
    reason = "; ".join(reasons) or _("every measured metric meets its target")
    return Component("kpi", max(severities), solid, True, reason)


def flow_component(drop_off: float, lost_per_month: float) -> Component:
    reason = _("{share} leave the journey here (≈ {customers} customers a month)").format(
        share=fmt.share(drop_off), customers=fmt.number(lost_per_month)
    )
    return Component("flow", _clip(drop_off / FLOW_SCALE), True, False, reason)


def recurrence_component(
    repeat_share: float, root_cause: tuple[str, int] | None = None
) -> Component | None:
    """Repeat contacts (loops) and a root cause that call-backs keep finding."""
    severities, reasons = [], []
    if repeat_share > 0:
        severities.append(_clip(repeat_share / RECURRENCE_SCALE))
        reasons.append(
            _("{share} of the visits here are repeats, customers coming back round a loop").format(
                share=fmt.share(repeat_share)
            )
        )
    if root_cause is not None and root_cause[1] >= MIN_RECURRING_CAUSE:
        cause, count = root_cause
        severities.append(_clip(count / RECURRING_CAUSE_SCALE))
        reasons.append(
            _("the same root cause in {count} call-backs: “{cause}”").format(
                count=fmt.number(count), cause=cause
            )
        )
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
