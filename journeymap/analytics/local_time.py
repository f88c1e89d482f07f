"""Moments stored in UTC, cut into days, months, quarters and years in a time zone.

An answer given at 00:30 on 1 January in Copenhagen is 23:30 on 31 December in UTC;
cut in UTC it would count in December and in the year before. Every period of the
product is cut in the workspace's zone (JOURNEYMAP_TIMEZONE), which the callers pass
in: this layer reads no settings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from journeymap.i18n import _

DEFAULT_ZONE = "UTC"


@lru_cache(maxsize=32)
def zone_info(name: str) -> ZoneInfo:
    """The zone; ValueError with the fix for a name the tz database does not know."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            _("unknown time zone '{name}': use a name such as Europe/Copenhagen or UTC").format(
                name=name
            )
        ) from None


def local(moments: pd.Series, zone: str) -> pd.Series:
    """Aware moments (or naive ones, taken as UTC) as wall-clock times in ``zone``."""
    moments = pd.to_datetime(moments, utc=True)
    return moments if zone == DEFAULT_ZONE else moments.dt.tz_convert(zone_info(zone))


def local_days(moments: pd.Series, zone: str) -> pd.Series:
    """The calendar day in ``zone`` of each moment."""
    return local(moments, zone).dt.date


def day_start(day: date, zone: str) -> datetime:
    """The first moment (in UTC) of ``day`` in ``zone``.

    Where a day starts in a DST gap (clocks jump over midnight), its first moment is
    the end of the gap.
    """
    stamp = pd.Timestamp(datetime.combine(day, time.min)).tz_localize(
        zone_info(zone), nonexistent="shift_forward", ambiguous=True
    )
    return stamp.tz_convert(UTC).to_pydatetime()


def days_bounds(start: date | None, end: date | None, zone: str) -> tuple[datetime | None, ...]:
    """[from, before): the UTC moments that bound the inclusive local days start … end."""
    return (
        day_start(start, zone) if start is not None else None,
        day_start(end + timedelta(days=1), zone) if end is not None else None,
    )


def on_days(moments: pd.Series, start: date | None, end: date | None, zone: str) -> pd.Series:
    """True where a moment falls on one of the inclusive local days start … end."""
    moments = pd.to_datetime(moments, utc=True)
    keep = pd.Series(True, index=moments.index)
    first, stop = days_bounds(start, end, zone)
    if first is not None:
        keep &= moments >= pd.Timestamp(first)
    if stop is not None:
        keep &= moments < pd.Timestamp(stop)
    return keep


def today(zone: str, now: datetime | None = None) -> date:
    """The date it is now in ``zone``."""
    return (now or datetime.now(UTC)).astimezone(zone_info(zone)).date()


def offset_changes(first: datetime, last: datetime, zone: str) -> list[tuple[datetime, int]]:
    """The zone's UTC offset in minutes from ``first`` on, and each change up to ``last``.

    [(first, offset), (moment of a change, new offset), …], moments in UTC. A database
    without time zones (SQLite) adds the offset of the stretch a moment falls in.
    Changes are found day by day, then to the second: the tz database has no
    portable list of them.
    """
    info = zone_info(zone)

    def offset(moment: datetime) -> int:
        delta = moment.astimezone(info).utcoffset() or timedelta(0)
        return int(delta.total_seconds() // 60)

    first, last = first.astimezone(UTC), last.astimezone(UTC)
    found = [(first, offset(first))]
    day = first
    while day < last:
        after = min(day + timedelta(days=1), last)
        if offset(after) != found[-1][1]:
            low, high = day, after  # offset(low) is the old one, offset(high) the new
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if offset(middle) == found[-1][1]:
                    low = middle
                else:
                    high = middle
            found.append((high.replace(microsecond=0), offset(high)))
        day = after
    return found
