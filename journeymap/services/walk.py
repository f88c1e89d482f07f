"""Everything the workshop walk shows, gathered once per journey and filter."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.local_time import local_days
from journeymap.analytics.results_choice import newest_version_per
from journeymap.analytics.shopper_results import score_visits
from journeymap.analytics.walk_cards import (
    FailingQuestion,
    Verbatim,
    failing_questions,
    pick_verbatims,
)
from journeymap.model import Journey
from journeymap.model.visit_status import counted_statuses
from journeymap.services.sand import SandReport, sand_report
from journeymap.store.evidence import read_responses
from journeymap.store.photos import photos_folder
from journeymap.store.programme import read_answers, read_visits
from journeymap.store.sand_reads import photo_files
from journeymap.store.visits import all_versions

PHOTOS_PER_STEP = 3


@dataclass(frozen=True)
class StepExtras:
    verbatims: list[Verbatim]
    failing: list[FailingQuestion]
    photos: list[Path]
    # The touchpoint's biggest comment themes in the period, biggest first.
    themes: tuple[ThemeFigures, ...] = field(default=())


@dataclass(frozen=True)
class WalkData:
    report: SandReport
    extras: dict[str, StepExtras]


def walk_data(engine: Engine, journey: Journey, flt: EvidenceFilter) -> WalkData:
    report = sand_report(engine, journey, flt)
    responses = read_responses(engine, journey.id, flt.start, flt.end, zone=flt.zone)
    if flt.location and not responses.empty:
        responses = responses[responses["location"] == flt.location]
    questions, texts, sections, question_touchpoints = _question_scores(engine, journey, flt)
    photos = _photos_by_touchpoint(engine, journey, question_touchpoints)
    extras = {
        tp.id: StepExtras(
            verbatims=pick_verbatims(responses, tp.id),
            failing=failing_questions(questions, texts, sections, tp.id),
            photos=photos.get(tp.id, [])[:PHOTOS_PER_STEP],
            themes=report.themes[tp.id].top if tp.id in report.themes else (),
        )
        for tp in journey.touchpoints
    }
    return WalkData(report, extras)


def _question_scores(
    engine: Engine, journey: Journey, flt: EvidenceFilter
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str], dict[str, str]]:
    versions = all_versions(engine, journey.id)
    texts = {q.id: q.text for v in versions.values() for s in v.sections for q in s.questions}
    sections = {s.id: s.touchpoint for v in versions.values() for s in v.sections}
    question_touchpoints = {
        q.id: s.touchpoint for v in versions.values() for s in v.sections for q in s.questions
    }
    visits = _in_filter(read_visits(engine, journey.id), flt)
    if visits.empty:
        return pd.DataFrame(), texts, sections, question_touchpoints
    approved = counted_statuses(settings.shopper_approved_only())
    tables = score_visits(versions, visits, read_answers(engine, journey.id), approved)
    own = tables.questions
    if not own.empty:
        own = own[~own["competitor"].astype(bool)]
        # The questions of the version the step's score comes from, never two pooled.
        when = visits.set_index("id")["visited_at"].fillna(
            pd.to_datetime(visits.set_index("id")["window_start"], utc=True)
        )
        own = own.assign(
            touchpoint=own["section_id"].map(sections), visited_at=own["visit_id"].map(when)
        )
        own = newest_version_per(own, "touchpoint", "visited_at")
    return own, texts, sections, question_touchpoints


def _in_filter(visits: pd.DataFrame, flt: EvidenceFilter) -> pd.DataFrame:
    """The visits made in the filter's period (and location)."""
    if visits.empty:
        return visits
    when = visits["visited_at"].fillna(pd.to_datetime(visits["window_start"], utc=True))
    days = local_days(when, flt.zone)
    keep = pd.Series(True, index=visits.index)
    if flt.start is not None:
        keep &= days >= flt.start
    if flt.end is not None:
        keep &= days <= flt.end
    if flt.location:
        keep &= visits["location_id"] == flt.location
    return visits[keep]


def _photos_by_touchpoint(
    engine: Engine, journey: Journey, question_touchpoints: dict[str, str]
) -> dict[str, list[Path]]:
    visit_ids = read_visits(engine, journey.id)
    if visit_ids.empty:
        return {}
    approved = counted_statuses(settings.shopper_approved_only())
    counted = visit_ids[visit_ids["status"].isin(approved)]["id"].astype(int).tolist()
    if not counted:
        return {}
    folder = photos_folder(settings.data_dir())
    found: dict[str, list[Path]] = {}
    for question_id, file_name in photo_files(engine, counted):
        touchpoint = question_touchpoints.get(question_id)
        path = folder / file_name
        if touchpoint and path.is_file():
            found.setdefault(touchpoint, []).append(path)
    return found
