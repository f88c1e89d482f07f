"""Themes as evidence: views of a journey's analysed comments for the sand ranking, the
walk, the period report, call-back root causes and improvement actions.

These read and never write: the analysis is the kept one while it is of the journey's
comments, else done in memory (``store.comment_analysis``). They are not scoped to a
viewer: their callers hold the evidence filter a viewer's role was checked against
(``services.sand_views.check_filter``) or need the whole journey (actions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.comments.theme_edits import apply_edits
from journeymap.analytics.comments.theme_figures import ThemeFigures, theme_figures
from journeymap.analytics.comments.theme_views import (
    ThemeFilter,
    ThemeShift,
    detractor_theme_reason,
    in_filter,
    restrict,
    theme_shifts,
    top_themes,
)
from journeymap.analytics.comments.themes import OTHER, ThemeResult
from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import Period
from journeymap.model import Journey
from journeymap.services import workspace_time
from journeymap.store.comment_analysis import JourneyAnalysis, journey_analysis

__all__ = [
    "JourneyAnalysis",
    "ResponseThemes",
    "ThemeSlice",
    "ThemeSummary",
    "TouchpointThemes",
    "edited_result",
    "journey_analysis",
    "period_theme_shifts",
    "response_themes",
    "theme_slice",
    "theme_summaries",
    "touchpoint_themes",
]


def edited_result(found: JourneyAnalysis) -> ThemeResult:
    """The machine themes with the person's edits replayed on them."""
    analysis = found.analysis
    return apply_edits(analysis.result, found.edits, found.texts, analysis.languages)


@dataclass(frozen=True)
class ThemeSlice:
    """The comments a filter keeps, their themes and the figures counted over them."""

    result: ThemeResult
    comments: pd.DataFrame  # COMMENT_COLUMNS + language, sentiment, theme
    figures: list[ThemeFigures]


def theme_slice(found: JourneyAnalysis, edited: ThemeResult, flt: ThemeFilter) -> ThemeSlice:
    keep = np.flatnonzero(in_filter(found.comments, flt))
    result = restrict(edited, keep.tolist(), found.texts)
    comments = found.comments.iloc[keep].reset_index(drop=True)
    analysis = found.analysis
    comments = comments.assign(
        language=[analysis.languages[p] for p in keep],
        sentiment=[analysis.sentiments[p] for p in keep],
        theme=list(result.assignment),
    )
    # Months of the workspace's zone, as every other period is cut.
    months = workspace_time.shown(comments["responded_at"]).dt.strftime("%Y-%m").tolist()
    figures = theme_figures(result, comments["score"].astype(int).tolist(), months)
    return ThemeSlice(result, comments, figures)


def _evidence_filter(flt: EvidenceFilter, touchpoint: str | None = None) -> ThemeFilter:
    return ThemeFilter(
        touchpoint=touchpoint,
        location=flt.location,
        segment=flt.segment,
        start=flt.start,
        end=flt.end,
    )


@dataclass(frozen=True)
class TouchpointThemes:
    reason: str | None  # "34 of the 120 detractors who commented mention “…”"
    top: tuple[ThemeFigures, ...]


def touchpoint_themes(
    engine: Engine, journey: Journey, flt: EvidenceFilter
) -> dict[str, TouchpointThemes]:
    """Per touchpoint with transactional comments in the filter: the sand reason naming
    its leading detractor theme and its biggest themes."""
    found = journey_analysis(engine, journey.id)
    if found.comments.empty:
        return {}
    edited = edited_result(found)
    out = {}
    present = set(found.comments["touchpoint_id"].dropna())
    for tp in journey.touchpoints:
        if tp.id not in present:
            continue
        here = theme_slice(found, edited, _evidence_filter(flt, tp.id))
        if here.comments.empty:
            continue
        out[tp.id] = TouchpointThemes(
            detractor_theme_reason(here.figures), tuple(top_themes(here.figures))
        )
    return out


def period_theme_shifts(
    engine: Engine,
    journey_id: str,
    previous: Period,
    period: Period,
    touchpoints: Sequence[str] = (),
) -> tuple[list[ThemeShift], dict[str, list[ThemeShift]]]:
    """The themes whose share of the transactional comments changed from ``previous``
    to ``period``: over the journey, and at each of ``touchpoints``."""
    found = journey_analysis(engine, journey_id)
    if found.comments.empty:
        return [], {}
    edited = edited_result(found)
    comments = found.comments
    moments = pd.to_datetime(comments["responded_at"], utc=True)
    transactional = (comments["survey_kind"] == "transactional").to_numpy()
    in_a = previous.contains(moments).to_numpy() & transactional
    in_b = period.contains(moments).to_numpy() & transactional
    overall = theme_shifts(edited, in_a.tolist(), in_b.tolist())
    by_touchpoint = {}
    for touchpoint in touchpoints:
        here = (comments["touchpoint_id"] == touchpoint).to_numpy()
        shifts = theme_shifts(edited, (in_a & here).tolist(), (in_b & here).tolist(), limit=1)
        if shifts:
            by_touchpoint[touchpoint] = shifts
    return overall, by_touchpoint


@dataclass(frozen=True)
class ResponseThemes:
    """The journey's visible themes, key → label, and the theme of each comment."""

    labels: dict[str, str]
    of_response: dict[int, str]  # response id → theme key (visible themes only)


def response_themes(engine: Engine, journey_id: str) -> ResponseThemes:
    found = journey_analysis(engine, journey_id)
    edited = edited_result(found)
    labels = {t.key: t.label for t in edited.visible}
    of_response = {
        int(cid): key
        for cid, key in zip(edited.comment_ids, edited.assignment, strict=True)
        if key != OTHER
    }
    return ResponseThemes(labels, of_response)


@dataclass(frozen=True)
class ThemeSummary:
    """A theme as an improvement action starts from it."""

    figures: ThemeFigures
    touchpoints: tuple[str, ...]  # where at least a fifth of its comments were written
    examples: tuple[str, ...]  # comment texts


TOUCHPOINT_SHARE = 0.2


def theme_summaries(engine: Engine, journey_id: str, flt: EvidenceFilter) -> list[ThemeSummary]:
    """The visible themes of the transactional comments in the filter, biggest first."""
    found = journey_analysis(engine, journey_id)
    if found.comments.empty:
        return []
    here = theme_slice(found, edited_result(found), _evidence_filter(flt))
    texts = dict(zip(here.comments["id"].astype(str), here.comments["comment"], strict=True))
    out = []
    for figures in top_themes(here.figures, limit=len(here.figures)):
        mine = here.comments[here.comments["theme"] == figures.theme]
        shares = mine["touchpoint_id"].value_counts(normalize=True)
        where = tuple(str(tp) for tp, share in shares.items() if share >= TOUCHPOINT_SHARE)
        examples = tuple(str(texts[i]).strip() for i in figures.examples if i in texts)
        out.append(ThemeSummary(figures, where, examples))
    return out
