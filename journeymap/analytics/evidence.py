"""The evidence about each touchpoint, summarised from the raw tables for a period.

Input frames (as the store reads them):

- responses: touchpoint_id, responded_at, score (0–10), survey_kind, location, segment
- visit scores: touchpoint_id, visit_id, location, visited_at, score_pct, critical_failed
  (one row per visit and touchpoint, from the mystery-shopper scoring), with
  questionnaire_id, questionnaire_version and questionnaire (its name and version) when
  more than one questionnaire may have scored a touchpoint
- metric points: touchpoint_id, metric, observed_on, value, location

Only transactional NPS is used per touchpoint: relationship NPS is about the whole
company and is never mixed into a touchpoint's figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from journeymap.analytics.estimates import (
    MeanEstimate,
    ProportionEstimate,
    mean_estimate,
    wilson,
)
from journeymap.analytics.local_time import DEFAULT_ZONE, local_days
from journeymap.analytics.nps import NpsEstimate, nps_from_counts
from journeymap.analytics.results_choice import newest_version_per
from journeymap.model import Journey, MetricDefinition, Touchpoint


@dataclass(frozen=True)
class KpiEvidence:
    metric: MetricDefinition
    target: float | None
    estimate: MeanEstimate


@dataclass(frozen=True)
class ShopperEvidence:
    score: MeanEstimate  # mean of visit percentages at this touchpoint
    critical: ProportionEstimate | None  # visits with a failed critical question
    # The one questionnaire version the figures come from ("" when not known).
    questionnaire: str = ""


@dataclass(frozen=True)
class TouchpointEvidence:
    touchpoint: str
    nps: NpsEstimate | None = None
    rest_nps: NpsEstimate | None = None  # every other touchpoint of the journey together
    shopper: ShopperEvidence | None = None
    kpis: tuple[KpiEvidence, ...] = ()


@dataclass(frozen=True)
class EvidenceFilter:
    start: date | None = None
    end: date | None = None  # inclusive
    location: str | None = None
    segment: str | None = None
    zone: str = DEFAULT_ZONE  # start and end are days of this zone


def metric_target(
    metric: MetricDefinition, touchpoint: Touchpoint, journey: Journey
) -> float | None:
    """A metric's target at a touchpoint.

    A touchpoint's maximum wait overrides the target of waiting-time metrics (ids ending
    in ``wait_minutes``): the queue in the branch and the phone queue differ.
    """
    if metric.id.endswith("wait_minutes"):
        wait = journey.targets_for(touchpoint.id).max_wait_minutes
        if wait is not None:
            return wait
    return metric.target


def _between(frame: pd.DataFrame, column: str, flt: EvidenceFilter) -> pd.DataFrame:
    if frame.empty:
        return frame
    days = (
        local_days(frame[column], flt.zone)
        if column != "observed_on"
        else (pd.to_datetime(frame[column]).dt.date)  # a day already, not a moment
    )
    keep = pd.Series(True, index=frame.index)
    if flt.start is not None:
        keep &= days >= flt.start
    if flt.end is not None:
        keep &= days <= flt.end
    return frame[keep]


def _at_location(frame: pd.DataFrame, flt: EvidenceFilter) -> pd.DataFrame:
    if flt.location is None or frame.empty or "location" not in frame:
        return frame
    return frame[frame["location"] == flt.location]


Counts = tuple[int, int, int]  # promoters, passives, detractors


def gather_evidence(
    journey: Journey,
    nps_counts: pd.DataFrame,
    visit_scores: pd.DataFrame,
    metric_points: pd.DataFrame,
    flt: EvidenceFilter | None = None,
) -> dict[str, TouchpointEvidence]:
    """Touchpoint id → its evidence for the filter (period, location, segment).

    ``nps_counts``: transactional promoters, passives and detractors by touchpoint of
    the responses the filter keeps (``nps_counts(…, ["touchpoint"])`` or, without
    reading the responses, ``read_nps_counts``); the filter is not applied to them again.
    ``metric_points``: the points, or their daily means (``read_daily_metric_means``,
    already filtered by location), which average to the same daily values.
    """
    flt = flt or EvidenceFilter()
    counts = _touchpoint_counts(nps_counts)
    total = _sum_counts(counts.values()) if counts else None
    shopper = _shopper(visit_scores, flt)
    kpis = _kpis(journey, metric_points, flt)
    evidence = {}
    for tp in journey.touchpoints:
        nps = rest = None
        own = counts.get(tp.id)
        if own is not None:
            nps = nps_from_counts(*own)
        if total is not None:
            mine = own or (0, 0, 0)
            rest = nps_from_counts(total[0] - mine[0], total[1] - mine[1], total[2] - mine[2])
        evidence[tp.id] = TouchpointEvidence(
            touchpoint=tp.id,
            nps=nps,
            rest_nps=rest,
            shopper=shopper.get(tp.id),
            kpis=tuple(kpis.get(tp.id, ())),
        )
    return evidence


def _touchpoint_counts(nps_counts: pd.DataFrame) -> dict[str, Counts]:
    """Touchpoint → (promoters, passives, detractors); answers without a touchpoint out."""
    if nps_counts.empty:
        return {}
    known = nps_counts[nps_counts["touchpoint"].notna()]
    return {
        str(touchpoint): (int(promoters), int(passives), int(detractors))
        for touchpoint, promoters, passives, detractors in zip(
            known["touchpoint"],
            known["promoters"],
            known["passives"],
            known["detractors"],
            strict=True,
        )
    }


def _sum_counts(counts: Iterable[Counts]) -> Counts:
    promoters = passives = detractors = 0
    for p, pa, d in counts:
        promoters, passives, detractors = promoters + p, passives + pa, detractors + d
    return promoters, passives, detractors


def _shopper(visit_scores: pd.DataFrame, flt: EvidenceFilter) -> dict[str, ShopperEvidence]:
    """Per touchpoint, the visits of the period of one questionnaire version: the one
    visited last there. Two questionnaires score a step with other questions and
    points; their mean would be the score of nothing."""
    frame = _at_location(_between(visit_scores, "visited_at", flt), flt)
    result: dict[str, ShopperEvidence] = {}
    if frame.empty:
        return result
    if "questionnaire_id" in frame.columns:
        frame = newest_version_per(frame, "touchpoint_id", "visited_at")
    for touchpoint, rows in frame.groupby("touchpoint_id"):
        score = mean_estimate(rows["score_pct"].dropna())
        if score is None:
            continue
        failed = rows["critical_failed"].fillna(False).astype(bool)
        named = str(rows["questionnaire"].iloc[0]) if "questionnaire" in rows.columns else ""
        result[str(touchpoint)] = ShopperEvidence(
            score, wilson(int(failed.sum()), len(rows)), named
        )
    return result


def _kpis(
    journey: Journey, metric_points: pd.DataFrame, flt: EvidenceFilter
) -> dict[str, list[KpiEvidence]]:
    frame = _at_location(_between(metric_points, "observed_on", flt), flt)
    result: dict[str, list[KpiEvidence]] = {}
    if frame.empty:
        return result
    definitions = {m.id: m for m in journey.metrics}
    touchpoints = {t.id: t for t in journey.touchpoints}
    # One value per day: several locations on a day are one observation of the period.
    daily = frame.groupby(["touchpoint_id", "metric", "observed_on"])["value"].mean()
    for key, values in daily.groupby(level=[0, 1]):
        touchpoint, metric = _pair(key)
        if metric not in definitions or touchpoint not in touchpoints:
            continue
        estimate = mean_estimate(values)
        if estimate is None:
            continue
        definition = definitions[metric]
        target = metric_target(definition, touchpoints[touchpoint], journey)
        result.setdefault(touchpoint, []).append(KpiEvidence(definition, target, estimate))
    return result


def _pair(key: object) -> tuple[str, str]:
    """A two-level group key as text (pandas types its keys as any scalar)."""
    if not isinstance(key, tuple) or len(key) != 2:
        raise TypeError(f"expected a two-level group key, got {key!r}")
    return str(key[0]), str(key[1])


def top_root_causes(cases: pd.DataFrame, flt: EvidenceFilter) -> dict[str, tuple[str, int]]:
    """Touchpoint → the root cause its call-backs found most often in the period, and how
    often. Input: the call-back cases with touchpoint_id, root_cause, responded_at and
    location."""
    if cases.empty:
        return {}
    frame = _at_location(_between(cases, "responded_at", flt), flt)
    frame = frame[(frame["root_cause"].fillna("") != "") & frame["touchpoint_id"].notna()]
    if frame.empty:
        return {}
    counts = frame.groupby(["touchpoint_id", "root_cause"]).size().sort_values(ascending=False)
    top: dict[str, tuple[str, int]] = {}
    for key, count in counts.items():
        touchpoint, cause = _pair(key)
        top.setdefault(touchpoint, (cause, int(count)))
    return top
