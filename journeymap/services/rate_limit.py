"""A token bucket per API key, in the API's process: bursts up to the limit, then the
limit's pace.

One process serves the API (`python -m journeymap api`), so the buckets need no
database; a restart refills them, which errs on the side of letting a survey tool in.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from journeymap.i18n import _


class RateLimiter:
    """``per_minute`` requests a minute per key, with a burst of as many."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError(_("the rate limit must allow at least one request a minute"))
        self.per_minute = per_minute
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, at)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when the request may go ahead (a token is taken); else the seconds to wait."""
        rate = self.per_minute / 60.0
        with self._lock:
            now = self._clock()
            tokens, at = self._buckets.get(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - at) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / rate


def retry_after(wait: float) -> str:
    """The Retry-After header's whole seconds, never 0 for a refused request."""
    return str(max(1, math.ceil(wait)))
