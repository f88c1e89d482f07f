"""The NPS dashboard's tables, counted by the database instead of from every response.

Each view is the same table the analytics functions make from a frame of responses
(``compare_overall``, ``trend_table``, ``touchpoint_table``, ``compare_periods``,
``shift_share``, ``nps_table`` by location), built from promoter, passive and detractor
counts per group (``read_nps_counts``): a few hundred rows, where the responses of a
bank are millions, so a dashboard never holds them in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.nps_compare import (
    PeriodComparison,
    compare_overall_tables,
    compare_period_tables,
)
from journeymap.analytics.nps_dashboard import (
    comparison_table,
    touchpoint_table_from,
    trend_from,
    with_change_interval,
)
from journeymap.analytics.nps_tables import nps_table_from_counts
from journeymap.analytics.periods import Period
from journeymap.analytics.shift_share import ShiftShare, shift_share_from_tables
from journeymap.services import workspace_time
from journeymap.store.evidence import read_nps_counts

SURVEY_KINDS = ("transactional", "relationship")


def counted_table(
    engine: Engine,
    journey_id: str,
    by: Sequence[str] = (),
    survey_kind: str = "transactional",
    start: date | None = None,
    end: date | None = None,
    zone: str | None = None,
) -> pd.DataFrame:
    """``nps_table`` of the journey's answers on the inclusive days start … end.

    Days, months, quarters and years are those of ``zone``, by default the workspace's
    (JOURNEYMAP_TIMEZONE).
    """
    counts = read_nps_counts(
        engine,
        journey_id,
        by,
        survey_kind=survey_kind,
        start=start,
        end=end,
        zone=zone or workspace_time.zone(),
    )
    return nps_table_from_counts(counts, by, survey_kind=survey_kind)


def survey_kinds(engine: Engine, journey_id: str) -> list[str]:
    """The survey kinds with answers, transactional first."""
    return [k for k in SURVEY_KINDS if len(counted_table(engine, journey_id, survey_kind=k))]


def overall(
    engine: Engine, journey_id: str, a: Period, b: Period, survey_kind: str = "transactional"
) -> PeriodComparison:
    table_a, table_b = (
        counted_table(engine, journey_id, (), survey_kind, p.start, p.end, p.zone) for p in (a, b)
    )
    return compare_overall_tables(table_a, table_b, a, b, survey_kind=survey_kind)


def trend(
    engine: Engine, journey_id: str, grain: str, survey_kind: str = "transactional"
) -> pd.DataFrame:
    return trend_from(counted_table(engine, journey_id, [grain], survey_kind), grain)


def touchpoints(
    engine: Engine,
    journey_id: str,
    period: Period,
    names: dict[str, str],
    survey_kind: str = "transactional",
) -> pd.DataFrame:
    own = counted_table(
        engine, journey_id, ["touchpoint"], survey_kind, period.start, period.end, period.zone
    )
    return touchpoint_table_from(own, names, survey_kind=survey_kind)


def _by_touchpoint(
    engine: Engine, journey_id: str, period: Period, survey_kind: str = "transactional"
) -> pd.DataFrame:
    return counted_table(
        engine, journey_id, ["touchpoint"], survey_kind, period.start, period.end, period.zone
    )


def touchpoint_changes(
    engine: Engine, journey_id: str, a: Period, b: Period, survey_kind: str = "transactional"
) -> pd.DataFrame:
    """``compare_periods`` by touchpoint, from counts: NPS in A and B, the change with its
    95 % interval, z, p, Holm."""
    return with_change_interval(
        compare_period_tables(
            _by_touchpoint(engine, journey_id, a, survey_kind),
            _by_touchpoint(engine, journey_id, b, survey_kind),
            survey_kind=survey_kind,
        )
    )


def changes(
    engine: Engine, journey_id: str, a: Period, b: Period, names: dict[str, str]
) -> pd.DataFrame:
    """Transactional NPS by touchpoint in A and B, tested, named, thin rows last."""
    return comparison_table(touchpoint_changes(engine, journey_id, a, b), names)


def shift(engine: Engine, journey_id: str, a: Period, b: Period) -> ShiftShare | None:
    """Mix and rate of the change from A to B; None without answers in one of them."""
    try:
        return shift_share_from_tables(
            _by_touchpoint(engine, journey_id, a),
            _by_touchpoint(engine, journey_id, b),
            survey_kind="transactional",
        )
    except ValueError:
        return None


def by_location(
    engine: Engine,
    journey_id: str,
    survey_kind: str,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    return counted_table(engine, journey_id, ["location"], survey_kind, start, end)


NPS_VIEWS: dict[str, Callable[..., Any]] = {
    "kinds": survey_kinds,
    "overall": overall,
    "trend": trend,
    "touchpoints": touchpoints,
    "changes": changes,
    "shift": shift,
    "by_location": by_location,
}
