"""Closing the inner loop: call-back deadlines, overdue cases and compliance.

Every detractor who left contact details is owed a call-back within a deadline (24 h
unless a journey or setting says otherwise). The deadline is for *reaching* the
customer, so a case stops being overdue once it is contacted, even if the cause is not
resolved yet; compliance is the share of due cases where the customer was reached in
time. Cases not yet due and not yet contacted are still open questions, not failures,
and are left out of the compliance figure.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from journeymap.analytics.local_time import DEFAULT_ZONE, local
from journeymap.i18n import _

DEFAULT_CALLBACK_HOURS = 24.0
CASE_STATUSES = ("new", "contacted", "resolved", "not_reachable")
CLOSED_STATUSES = frozenset({"resolved", "not_reachable"})
REACHED_STATUSES = frozenset({"contacted", "resolved"})
# Where a case may go next; resolving on the first call skips "contacted".
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"contacted", "resolved", "not_reachable"}),
    "contacted": frozenset({"resolved", "not_reachable"}),
    "not_reachable": frozenset({"contacted", "resolved"}),
    "resolved": frozenset({"contacted"}),
}
PERIOD_FREQ = {"month": "M", "quarter": "Q", "year": "Y", "week": "W"}


def due_time(responded_at: datetime, hours: float = DEFAULT_CALLBACK_HOURS) -> datetime:
    if hours <= 0:
        raise ValueError(f"the call-back deadline must be more than 0 hours, got {hours}")
    return responded_at + timedelta(hours=hours)


def check_transition(current: str, new: str) -> None:
    """ValueError with the allowed next statuses when a move is not allowed."""
    if new not in CASE_STATUSES:
        raise ValueError(
            _("unknown case status '{status}': use one of {statuses}").format(
                status=new, statuses=", ".join(CASE_STATUSES)
            )
        )
    if new != current and new not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current]))
        raise ValueError(
            _("a case that is '{current}' can move to {allowed}, not to '{new}'").format(
                current=current, allowed=allowed, new=new
            )
        )


def overdue(cases: pd.DataFrame, now: datetime) -> pd.Series:
    """True where the deadline has passed and nobody has reached the customer."""
    if cases.empty:
        return pd.Series(False, index=cases.index, dtype=bool)
    due = pd.to_datetime(cases["due_at"], utc=True)
    open_ = cases["contacted_at"].isna() & ~cases["status"].isin(CLOSED_STATUSES)
    return (due < pd.Timestamp(now)) & open_


def could_be_met(cases: pd.DataFrame) -> pd.Series:
    """True where the case was made before its deadline: one made after it (a detractor
    from history, given a case by hand) was missed before anyone could call."""
    if "created_at" not in cases:
        return pd.Series(True, index=cases.index, dtype=bool)
    made = pd.to_datetime(cases["created_at"], utc=True)
    return (made <= pd.to_datetime(cases["due_at"], utc=True)) | made.isna()


def counted_cases(cases: pd.DataFrame, now: datetime) -> pd.Series:
    """The cases compliance judges: made before their deadline, and either past it or
    with the customer reached."""
    due = pd.to_datetime(cases["due_at"], utc=True)
    contacted = pd.to_datetime(cases["contacted_at"], utc=True)
    return ((due <= pd.Timestamp(now)) | contacted.notna()) & could_be_met(cases)


def compliance(
    cases: pd.DataFrame, now: datetime, period: str = "month", zone: str = DEFAULT_ZONE
) -> pd.DataFrame:
    """Per period of the response: due cases n, reached in time, share (NaN when n = 0).

    A case counts once its deadline has passed or the customer has been reached, and
    only if it could have been met (:func:`could_be_met`). The periods are those of
    ``zone`` (the workspace's time zone).
    """
    columns = ["period", "n", "on_time", "late_or_missed", "share"]
    if cases.empty:
        return pd.DataFrame(columns=columns)
    due = pd.to_datetime(cases["due_at"], utc=True)
    contacted = pd.to_datetime(cases["contacted_at"], utc=True)
    counted = counted_cases(cases, now)
    on_time = contacted.notna() & (contacted <= due)
    responded = local(cases["responded_at"], zone).dt.tz_localize(None)
    frame = pd.DataFrame(
        {
            "period": responded.dt.to_period(PERIOD_FREQ[period]).astype(str),
            "n": counted.astype(int),
            "on_time": (on_time & counted).astype(int),
        }
    )
    table = frame.groupby("period", sort=True)[["n", "on_time"]].sum().reset_index()
    table["late_or_missed"] = table["n"] - table["on_time"]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = np.where(
            table["n"] > 0, table["on_time"] / table["n"].clip(lower=1), np.nan
        )
    return table[columns]
