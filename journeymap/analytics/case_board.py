"""The call-back list as a service agent works it: overdue first, then due today.

Urgency is about reaching the customer (see :mod:`journeymap.analytics.callbacks`):
a contacted case is no longer urgent even if it is not resolved. "Today" ends at
midnight in the agent's time zone, not UTC, because that is when their day ends.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from journeymap.analytics.callbacks import CLOSED_STATUSES, overdue
from journeymap.i18n import N_

URGENCY_ORDER = ("overdue", "due today", "open", "contacted", "closed")
# The urgencies are data (sorted and counted by these words); a page shows _(label).
URGENCY_LABELS = {
    "overdue": N_("overdue"),
    "due today": N_("due today"),
    "open": N_("open"),
    "contacted": N_("contacted"),
    "closed": N_("closed"),
}


def end_of_day(now: datetime, zone: str = "UTC") -> datetime:
    """The next midnight after ``now`` in ``zone``, as an aware datetime."""
    local = now.astimezone(ZoneInfo(zone))
    midnight = datetime.combine(local.date() + timedelta(days=1), time.min, tzinfo=local.tzinfo)
    return midnight


def urgency(cases: pd.DataFrame, now: datetime, zone: str = "UTC") -> pd.Series:
    """One of URGENCY_ORDER per case."""
    if cases.empty:
        return pd.Series([], index=cases.index, dtype=object)
    due = pd.to_datetime(cases["due_at"], utc=True)
    closed = cases["status"].isin(CLOSED_STATUSES)
    reached = cases["contacted_at"].notna() & ~closed
    late = overdue(cases, now)
    today = ~late & ~closed & ~reached & (due < pd.Timestamp(end_of_day(now, zone)))
    labels = pd.Series("open", index=cases.index, dtype=object)
    labels[reached] = "contacted"
    labels[closed] = "closed"
    labels[today] = "due today"
    labels[late] = "overdue"
    return labels


def board(cases: pd.DataFrame, now: datetime, zone: str = "UTC") -> pd.DataFrame:
    """The cases with an ``urgency`` column, most urgent first, soonest due within each."""
    frame = cases.copy()
    frame["urgency"] = urgency(frame, now, zone)
    if frame.empty:
        return frame
    rank = {label: i for i, label in enumerate(URGENCY_ORDER)}
    frame["_rank"] = frame["urgency"].map(rank)
    frame = frame.sort_values(["_rank", "due_at", "id"], kind="stable")
    return frame.drop(columns="_rank").reset_index(drop=True)


def urgency_counts(board_frame: pd.DataFrame) -> dict[str, int]:
    if board_frame.empty:
        return dict.fromkeys(URGENCY_ORDER, 0)
    counts = board_frame["urgency"].value_counts()
    return {label: int(counts.get(label, 0)) for label in URGENCY_ORDER}
