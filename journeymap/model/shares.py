"""What the shares on transitions mean, in one place.

A transition may leave its share out. The share that the other transitions from the
same touchpoint do not claim is then split evenly among those without one; when every
transition has a share, whatever is left over is drop-off (customers who quietly go).
"""

from __future__ import annotations

from collections import defaultdict

from journeymap.model.journey import Journey, Transition


def outgoing(journey: Journey) -> dict[str, list[Transition]]:
    """Touchpoint id → its outgoing transitions, in file order."""
    result: dict[str, list[Transition]] = defaultdict(list)
    for transition in journey.transitions:
        result[transition.source].append(transition)
    return result


def effective_shares(journey: Journey) -> dict[tuple[str, str], float]:
    """(from, to) → the share of customers at ``from`` who go to ``to``."""
    shares: dict[tuple[str, str], float] = {}
    for source, transitions in outgoing(journey).items():
        given = sum(t.share for t in transitions if t.share is not None)
        unshared = [t for t in transitions if t.share is None]
        rest = max(0.0, 1.0 - given) / len(unshared) if unshared else 0.0
        for t in transitions:
            key = (source, t.target)
            shares[key] = shares.get(key, 0.0) + (t.share if t.share is not None else rest)
    return shares
