"""When to try an alert again, and which touchpoints just turned to sand."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

FIRST_RETRY = timedelta(seconds=10)
LONGEST_WAIT = timedelta(hours=1)
MAX_ATTEMPTS = 10  # about three hours of retries before an alert is listed as failed
SAND = "sand"


def retry_delay(
    attempts: int, first: timedelta = FIRST_RETRY, longest: timedelta = LONGEST_WAIT
) -> timedelta:
    """The wait after the ``attempts``-th failed try: doubling from ``first``, at most
    ``longest``: a chat service that is down for a minute gets a few quick tries, one
    down for hours is not hammered."""
    if attempts < 1:
        raise ValueError(f"a retry follows a failed attempt, got attempt {attempts}")
    # 2**20 × 10 s is far beyond any sensible longest wait; no overflow for any count.
    return min(first * 2 ** min(attempts - 1, 20), longest)


def turned_to_sand(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """Touchpoints whose health is sand now and was not before (also the first time a
    touchpoint is seen at all, when it is sand), in a stable order."""
    return sorted(tp for tp, health in after.items() if health == SAND and before.get(tp) != SAND)
