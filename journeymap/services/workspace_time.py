"""The workspace's time zone, for the front doors: periods, days and "today" in it.

Times are stored in UTC; a page, a command or a report asks here for the periods it
shows, so that an answer given at 00:30 on 1 January in Copenhagen counts in January
everywhere (JOURNEYMAP_TIMEZONE; see :mod:`journeymap.analytics.local_time`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pandas as pd

from journeymap import settings
from journeymap.analytics import local_time
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import Period, parse_period


def zone() -> str:
    """JOURNEYMAP_TIMEZONE (Europe/Copenhagen unless set)."""
    return settings.workspace_timezone()


def period(text: str) -> Period:
    """'2026', '2026-Q3' or '2026-09' as days of the workspace's zone; ValueError if not."""
    return parse_period(text, zone())


def in_workspace_zone(chosen: Period) -> Period:
    return replace(chosen, zone=zone())


def evidence_filter(
    start: date | None = None,
    end: date | None = None,
    location: str | None = None,
    segment: str | None = None,
) -> EvidenceFilter:
    return EvidenceFilter(start, end, location, segment, zone())


def today(now: datetime | None = None) -> date:
    """Today's date in the workspace's zone."""
    return local_time.today(zone(), now)


def shown(moments: pd.Series) -> pd.Series:
    """Moments as wall-clock times of the workspace's zone, for a table a person reads."""
    return local_time.local(moments, zone())


def shown_moment(moment: datetime) -> datetime:
    return moment.astimezone(local_time.zone_info(zone()))
