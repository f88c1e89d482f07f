"""What the demo data says: which touchpoints are sand in the machine, and what changed.

The figures are made up but the shape is not: a workshop walking a demo journey should
find a few touchpoints that are clearly worse than the rest (many detractors, waits
over target, failed mystery-shopper checks), one where an improvement action visibly
worked and one that is sliding. Tests and later features check this story.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from journeymap.model import Journey

Role = Literal["sand", "improving", "worsening", "decent"]

# Chosen from the journeys' own pain points, where a real programme would find them.
SAND_TOUCHPOINTS: dict[str, list[str]] = {
    # The phone queue (12 minutes to book, no call-back), the empty reception with
    # advisers running late, and the follow-up that takes days while the customer
    # has to bid on Friday.
    "bank-advisory": ["book-telefon", "venter-filial", "opfoelgning-raadgiver"],
    # One till open at lunch and on Saturdays (returns share it), the Monday phone
    # queue for complaints, and refunds that take 10-14 days without any status.
    "retail-returns": ["checkout-queue", "complaint-phone", "refund"],
    # A 25-40 minute queue during outages, repeat contacts that start from scratch,
    # and technicians who come late or not at all.
    "telecom-support": ["phone-ivr", "repeat-contact", "technician-visit"],
}
# An improvement action that worked about five months before "today".
IMPROVING_TOUCHPOINT: dict[str, str] = {
    "bank-advisory": "tilbagekald",  # detractor call-backs moved into a 24-hour task list
    "retail-returns": "complaint-chat",  # chat agents may now issue refunds themselves
    "telecom-support": "chat-agent",  # chat staffed for peaks; two chats per agent at most
}
# Something that went wrong over the last four months.
WORSENING_TOUCHPOINT: dict[str, str] = {
    "bank-advisory": "book-online",  # advisers' calendars opened fewer online slots
    "retail-returns": "parcel-delivery",  # a new carrier at the peak season
    "telecom-support": "technician-booking",  # the field team shrank; slots 5+ days away
}
# Where each of the journey's metrics is measured (a metric may serve several touchpoints).
METRIC_TOUCHPOINTS: dict[str, dict[str, tuple[str, ...]]] = {
    "bank-advisory": {
        "wait_minutes": ("venter-filial",),
        "phone_wait_minutes": ("book-telefon",),
        "abandonment_pct": ("book-telefon",),
        "handle_time_minutes": ("book-telefon",),
        "days_to_offer": ("opfoelgning-raadgiver",),
        "callback_24h_pct": ("tilbagekald",),
        "no_show_pct": ("raadgivningsmoede",),
    },
    "retail-returns": {
        "wait_minutes": ("checkout-queue",),
        "phone_wait_minutes": ("complaint-phone",),
        "abandonment_pct": ("complaint-phone",),
        "handle_time_minutes": ("complaint-phone",),
        "first_contact_resolution_pct": ("complaint-chat",),
        "delivery_days": ("parcel-delivery",),
        "refund_days": ("refund",),
        "return_rate_pct": ("web-return",),
    },
    "telecom-support": {
        "wait_minutes": ("phone-ivr",),
        "chat_wait_minutes": ("chat-agent",),
        "abandonment_pct": ("phone-ivr",),
        "handle_time_minutes": ("phone-agent",),
        "first_contact_resolution_pct": ("phone-agent",),
        "repeat_contact_7d_pct": ("repeat-contact",),
        "technician_on_time_pct": ("technician-visit",),
        "days_to_fix": ("technician-booking",),
    },
}

# Timing of the changes, in days before "today".
IMPROVEMENT_STARTS = 150
IMPROVEMENT_RAMP = 60
WORSENING_STARTS = 120
WORSENING_RAMP = 90
# The transactional NPS a touchpoint earns by how the journey says it feels (−2…+2).
NPS_BY_FEELING = {2: 68.0, 1: 55.0, 0: 42.0, -1: 30.0, -2: 18.0}
SAND_NPS = -30.0
LOST_CUSTOMER_NPS = -45.0


@dataclass(frozen=True)
class Story:
    sand: tuple[str, ...]
    improving: str | None
    worsening: str | None
    metric_touchpoints: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def role(self, touchpoint_id: str) -> Role:
        if touchpoint_id in self.sand:
            return "sand"
        if touchpoint_id == self.improving:
            return "improving"
        if touchpoint_id == self.worsening:
            return "worsening"
        return "decent"


def story_for(journey: Journey) -> Story:
    """The chosen story for an example journey; a plausible one for any other journey.

    A known journey whose file no longer has the chosen touchpoints gets the heuristic
    story too, so that the demo still loads (a test keeps the constants in step).
    """
    ids = {t.id for t in journey.touchpoints}
    known = Story(
        tuple(SAND_TOUCHPOINTS.get(journey.id, ())),
        IMPROVING_TOUCHPOINT.get(journey.id),
        WORSENING_TOUCHPOINT.get(journey.id),
        dict(METRIC_TOUCHPOINTS.get(journey.id, {})),
    )
    named = {*known.sand, known.improving, known.worsening}
    named |= {tp for tps in known.metric_touchpoints.values() for tp in tps}
    guessed = _heuristic_story(journey)
    if not known.sand or not named <= ids:
        return guessed
    # A metric added to the file since is placed by the heuristic.
    metrics = guessed.metric_touchpoints | known.metric_touchpoints
    return Story(known.sand, known.improving, known.worsening, metrics)


def _heuristic_story(journey: Journey) -> Story:
    """The most painful touchpoints by how they feel and how many pain points they have."""
    candidates = [t for t in journey.touchpoints if not t.end]
    by_pain = sorted(candidates, key=lambda t: (t.feels or 0, -len(t.pain_points), t.id))
    sand = tuple(t.id for t in by_pain[:2])
    rest = by_pain[2:]
    improving = rest[0].id if rest else None
    worsening = rest[-1].id if len(rest) > 1 else None
    metrics: dict[str, tuple[str, ...]] = {}
    for metric in journey.metrics:
        words = metric.id.replace("-", "_").split("_")
        channel = "phone" if {"phone", "abandonment", "handle", "call"} & set(words) else None
        channel = "chat" if "chat" in words else channel
        matching = [t for t in by_pain if channel and t.channel == channel]
        waiting = [t for t in by_pain if t.targets.max_wait_minutes is not None]
        chosen = (matching or (waiting if "wait" in words else []) or by_pain[:1])[:1]
        if chosen:
            metrics[metric.id] = (chosen[0].id,)
    return Story(sand, improving, worsening, metrics)


def _ramp(days_ago: np.ndarray, starts: int, ramp: int) -> np.ndarray:
    """0 before the change started, rising linearly to 1 once it is complete."""
    return np.clip((starts - days_ago) / ramp, 0.0, 1.0)


def nps_level(role: Role, base: float, days_ago: np.ndarray) -> np.ndarray:
    """The NPS a touchpoint tends to earn on each day, before sampling noise."""
    days_ago = np.asarray(days_ago, dtype=float)
    if role == "sand":
        return np.full(days_ago.shape, min(SAND_NPS, base - 45))
    if role == "improving":
        before, after = min(-20.0, base - 40), max(base, 45.0)
        return before + (after - before) * _ramp(days_ago, IMPROVEMENT_STARTS, IMPROVEMENT_RAMP)
    if role == "worsening":
        return base - 60 * _ramp(days_ago, WORSENING_STARTS, WORSENING_RAMP)
    return np.full(days_ago.shape, base)


def badness(role: Role, days_ago: np.ndarray) -> np.ndarray:
    """How far off target a touchpoint's metrics are: 0 on target, 1 clearly bad, <0 better."""
    days_ago = np.asarray(days_ago, dtype=float)
    if role == "sand":
        return np.full(days_ago.shape, 1.0)
    if role == "improving":
        return 0.9 - 1.15 * _ramp(days_ago, IMPROVEMENT_STARTS, IMPROVEMENT_RAMP)
    if role == "worsening":
        return -0.2 + 1.1 * _ramp(days_ago, WORSENING_STARTS, WORSENING_RAMP)
    return np.full(days_ago.shape, -0.2)


def pass_rate(role: Role, days_ago: np.ndarray) -> np.ndarray:
    """The chance that a mystery shopper finds a check fulfilled at this touchpoint."""
    bad = badness(role, days_ago)
    return np.clip(0.8 - 0.45 * bad, 0.05, 0.97)
