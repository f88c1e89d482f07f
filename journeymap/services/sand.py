"""The sand report of a journey: stored evidence → friction ranking, handoffs, health."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics.evidence import (
    EvidenceFilter,
    TouchpointEvidence,
    gather_evidence,
    top_root_causes,
)
from journeymap.analytics.flow import FlowResult, compute_flow, repeat_shares
from journeymap.analytics.friction import FrictionItem, rank_friction
from journeymap.analytics.handoffs import Handoff, handoff_friction
from journeymap.analytics.results_choice import version_text
from journeymap.analytics.shopper_results import score_visits
from journeymap.charts.diagram_text import NodeHealth
from journeymap.charts.health import node_health
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model import Journey
from journeymap.model.visit_status import counted_statuses
from journeymap.services import workspace_time
from journeymap.services.theme_analysis import TouchpointThemes, touchpoint_themes
from journeymap.store.cases import read_cases
from journeymap.store.evidence import read_daily_metric_means, read_nps_counts
from journeymap.store.programme import read_answers, read_visits
from journeymap.store.visits import all_versions

VISIT_SCORE_COLUMNS = [
    "touchpoint_id",
    "visit_id",
    "location",
    "visited_at",
    "score_pct",
    "critical_failed",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire",  # its name and version, as a screen names it
]


@dataclass(frozen=True)
class SandReport:
    journey: Journey
    flow: FlowResult
    evidence: dict[str, TouchpointEvidence]
    items: list[FrictionItem]
    handoffs: list[Handoff]
    filter: EvidenceFilter
    # What the customers at each touchpoint write about (its transactional comments).
    themes: dict[str, TouchpointThemes] = field(default_factory=dict)

    def item(self, touchpoint: str) -> FrictionItem:
        return next(i for i in self.items if i.touchpoint == touchpoint)


def visit_touchpoint_scores(
    engine: Engine, journey: Journey, approved_only: bool | None = None
) -> pd.DataFrame:
    """One row per counted visit and touchpoint: its score and whether a knock-out hit.

    Own locations only: competitor visits are benchmarks, not evidence about our steps.
    Rows of every questionnaire version: whoever sums them up keeps one version per
    figure (``analytics.results_choice.newest_version_per``).
    """
    approved = settings.shopper_approved_only() if approved_only is None else approved_only
    visits = read_visits(engine, journey.id)
    if visits.empty:
        return pd.DataFrame(columns=VISIT_SCORE_COLUMNS)
    versions = all_versions(engine, journey.id)
    tables = score_visits(
        versions,
        visits,
        read_answers(engine, journey.id),
        counted_statuses(approved),
    )
    touchpoints = tables.touchpoints
    if touchpoints.empty:
        return pd.DataFrame(columns=VISIT_SCORE_COLUMNS)
    touchpoints = touchpoints[~touchpoints["competitor"].astype(bool)]
    knocked = (
        tables.sections.groupby(["visit_id", "touchpoint"])["knocked_out"]
        .any()
        .rename("critical_failed")
    )
    when = visits.set_index("id")
    visited = when["visited_at"].fillna(pd.to_datetime(when["window_start"], utc=True))
    frame = touchpoints.join(knocked, on=["visit_id", "touchpoint"])
    frame["visited_at"] = frame["visit_id"].map(visited)
    frame = frame.rename(
        columns={"touchpoint": "touchpoint_id", "location_id": "location", "pct": "score_pct"}
    )
    frame = frame[frame["possible"] > 0]
    names = {key: version_text({key[0]: q.name}, *key) for key, q in versions.items()}
    frame["questionnaire"] = [
        names.get((str(q), int(v)), f"{q} version {v}")
        for q, v in zip(frame["questionnaire_id"], frame["questionnaire_version"], strict=True)
    ]
    return frame[VISIT_SCORE_COLUMNS].reset_index(drop=True)


def sand_report(engine: Engine, journey: Journey, flt: EvidenceFilter | None = None) -> SandReport:
    flt = flt or workspace_time.evidence_filter()
    evidence = gather_evidence(
        journey,
        read_nps_counts(
            engine,
            journey.id,
            ["touchpoint"],
            start=flt.start,
            end=flt.end,
            location=flt.location,
            segment=flt.segment,
            zone=flt.zone,
        ),
        visit_touchpoint_scores(engine, journey),
        read_daily_metric_means(engine, journey.id, flt.start, flt.end, flt.location),
        flt,
    )
    flow = compute_flow(journey)
    themes = touchpoint_themes(engine, journey, flt)
    return SandReport(
        journey=journey,
        flow=flow,
        evidence=evidence,
        items=rank_friction(
            journey,
            evidence,
            flow,
            repeat_shares(journey),
            top_root_causes(read_cases(engine, journey.id), flt),
            {tp: t.reason for tp, t in themes.items() if t.reason},
        ),
        handoffs=handoff_friction(journey, evidence, flow),
        filter=flt,
        themes=themes,
    )


DEFAULT_WINDOW_DAYS = 182


def evidence_filter(
    period: str | None = None,
    location: str | None = None,
    segment: str | None = None,
    today: date | None = None,
) -> EvidenceFilter:
    """The filter for a period ('2026', '2026-Q3', '2026-09'); by default the last half year.

    Half a year is recent enough to show what changed and long enough for most
    touchpoints to have solid samples. ValueError names the accepted period forms.
    """
    if period:
        chosen = workspace_time.period(period)
        return workspace_time.evidence_filter(
            chosen.start, chosen.end, location or None, segment or None
        )
    end = today or workspace_time.today()
    start = end - timedelta(days=DEFAULT_WINDOW_DAYS)
    return workspace_time.evidence_filter(start, end, location or None, segment or None)


def journey_health(report: SandReport) -> dict[str, NodeHealth]:
    """Touchpoint → its health colour and label (with the friction score) for the views."""
    return {
        item.touchpoint: node_health(
            item.health,
            _("friction {friction}").format(friction=fmt.number(item.friction))
            if not item.thin_data
            else "",
            item.reasons,
        )
        for item in report.items
    }
