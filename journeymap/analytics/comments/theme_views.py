"""Themes seen from one place: a touchpoint, a location, a period — and as evidence.

The themes of a journey are found once over all its comments; a view keeps some of the
comments (``restrict``) and the figures are counted over those (``theme_figures``). A
view's examples are its own comments, never those of comments it left out.

As evidence:

- a touchpoint's **leading detractor theme** is the visible theme most of its
  detractors' comments are in (at least ``MIN_DETRACTORS``; ties: the smaller key), said
  as "34 of the 120 detractors who commented mention “ventetid ved skranken”";
- **themes that grew or shrank** between two periods: each theme's share of the
  period's comments, tested as two independent proportions (z, two-sided p, Holm's
  correction over the themes tested), listed biggest change first when the corrected p
  is below ``ALPHA``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from journeymap.analytics.comments.analysis import strongest
from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.comments.themes import OTHER, ThemeResult
from journeymap.analytics.estimates import newcombe_difference
from journeymap.analytics.nps import holm_adjust
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt

MIN_DETRACTORS = 3
ALPHA = 0.05
TOP_THEMES = 3
GROUP_SCORES = {"promoter": (9, 10), "passive": (7, 8), "detractor": (0, 6)}


@dataclass(frozen=True)
class ThemeFilter:
    """Which comments a view counts; empty fields do not filter. ``start`` and ``end``
    are inclusive UTC days; ``group`` promoter, passive or detractor; ``survey_kind``
    transactional or relationship (their NPS is never one figure); ``locations`` the
    reader's scope (None: every location)."""

    touchpoint: str | None = None
    location: str | None = None
    segment: str | None = None
    start: date | None = None
    end: date | None = None
    group: str | None = None
    survey_kind: str | None = "transactional"
    locations: Collection[str] | None = None


def in_filter(comments: pd.DataFrame, flt: ThemeFilter) -> np.ndarray:
    """Which comments (rows with touchpoint_id, location, segment, responded_at, score,
    survey_kind) the filter keeps."""
    keep = np.ones(len(comments), dtype=bool)
    if not len(comments):
        return keep
    if flt.touchpoint:
        keep &= (comments["touchpoint_id"] == flt.touchpoint).to_numpy()
    if flt.location:
        keep &= (comments["location"] == flt.location).to_numpy()
    if flt.locations is not None:
        keep &= comments["location"].isin(sorted(flt.locations)).to_numpy()
    if flt.segment:
        keep &= (comments["segment"] == flt.segment).to_numpy()
    if flt.survey_kind:
        keep &= (comments["survey_kind"] == flt.survey_kind).to_numpy()
    moments = pd.to_datetime(comments["responded_at"], utc=True)
    if flt.start is not None:
        keep &= (moments >= pd.Timestamp(flt.start, tz="UTC")).to_numpy()
    if flt.end is not None:
        keep &= (moments < pd.Timestamp(flt.end + timedelta(days=1), tz="UTC")).to_numpy()
    if flt.group:
        low, high = GROUP_SCORES[flt.group]
        keep &= comments["score"].between(low, high).to_numpy()
    return keep


def restrict(result: ThemeResult, keep: Sequence[int], texts: Sequence[str]) -> ThemeResult:
    """The comments at positions ``keep`` (in that order) with their themes; every
    theme stays, its members and examples those among the kept comments."""
    if len(texts) != len(result.comment_ids):
        raise ValueError("every themed comment needs its text")
    kept = [int(p) for p in keep]
    new_position = np.full(len(result.comment_ids), -1, dtype=np.int64)
    new_position[kept] = np.arange(len(kept))
    strength = [result.strength[p] for p in kept]
    kept_texts = [texts[p] for p in kept]
    themes = []
    for theme in result.themes:
        mapped = new_position[np.asarray(theme.members, dtype=np.int64)]
        members = sorted(int(m) for m in mapped[mapped >= 0])
        themes.append(
            replace(
                theme,
                members=tuple(members),
                examples=strongest(members, strength, kept_texts),
            )
        )
    return replace(
        result,
        comment_ids=tuple(result.comment_ids[p] for p in kept),
        assignment=tuple(result.assignment[p] for p in kept),
        strength=tuple(strength),
        themes=tuple(themes),
    )


def leading_detractor_theme(figures: Sequence[ThemeFigures]) -> ThemeFigures | None:
    """The visible theme most detractors' comments are in, if at least MIN_DETRACTORS."""
    candidates = [f for f in figures if f.theme != OTHER and f.detractors >= MIN_DETRACTORS]
    if not candidates:
        return None
    return min(candidates, key=lambda f: (-f.detractors, _key_order(f.theme)))


def detractor_theme_reason(figures: Sequence[ThemeFigures]) -> str | None:
    """The sand reason naming the leading detractor theme, or None without one.

    ``figures`` with OTHER: every comment is in one of them, so their detractors add up
    to every detractor who commented.
    """
    leading = leading_detractor_theme(figures)
    if leading is None:
        return None
    total = sum(f.detractors for f in figures)
    return _("{count} of the {total} detractors who commented mention “{theme}”").format(
        count=fmt.number(leading.detractors), total=fmt.number(total), theme=leading.label
    )


def top_themes(figures: Sequence[ThemeFigures], limit: int = TOP_THEMES) -> list[ThemeFigures]:
    """The biggest visible themes with at least one comment, biggest first."""
    shown = [f for f in figures if f.theme != OTHER and f.n > 0]
    return sorted(shown, key=lambda f: (-f.n, _key_order(f.theme)))[:limit]


def _key_order(key: str) -> tuple[int, str]:
    digits = key[1:] if key[:1] == "t" else ""
    return (int(digits), key) if digits.isdigit() else (10**9, key)


@dataclass(frozen=True)
class ThemeShift:
    """How much of a theme's share of the comments changed from period A to B."""

    theme: str
    label: str
    n_a: int
    total_a: int
    n_b: int
    total_b: int
    z: float
    p: float  # two-sided, Holm-adjusted over the themes tested

    @property
    def share_a(self) -> float:
        return self.n_a / self.total_a if self.total_a else 0.0

    @property
    def share_b(self) -> float:
        return self.n_b / self.total_b if self.total_b else 0.0

    @property
    def grew(self) -> bool:
        return self.share_b > self.share_a

    @property
    def change_interval(self) -> tuple[float, float]:
        """The change's 95 % interval (Newcombe), in fractions; not Holm-corrected."""
        interval = newcombe_difference(self.n_a, self.total_a, self.n_b, self.total_b)
        return interval if interval is not None else (math.nan, math.nan)

    def sentence(self) -> str:
        """“ventetid ved skranken”: 12 % → 25 % of the comments, +13 points (95 % interval
        +3 … +23; n=80 → 95; p=0.004)."""
        low, high = self.change_interval
        figures = {
            "theme": self.label,
            "before": fmt.share(self.share_a),
            "after": fmt.share(self.share_b),
            "change": fmt.signed(100 * (self.share_b - self.share_a)),
            "interval": fmt.interval(100 * low, 100 * high),
            "n_before": fmt.number(self.total_a),
            "n_after": fmt.number(self.total_b),
        }
        # Three decimals as the table beside it shows them; a p that would read 0.000
        # is bounded instead.
        if self.p < 0.0005:
            return _(
                "“{theme}”: {before} → {after} of the comments, {change} points "
                "(95 % interval {interval}; n={n_before} → {n_after}; p<{p})"
            ).format(p=fmt.number(0.001, 3), **figures)
        return _(
            "“{theme}”: {before} → {after} of the comments, {change} points "
            "(95 % interval {interval}; n={n_before} → {n_after}; p={p})"
        ).format(p=fmt.number(self.p, 3), **figures)


def _two_proportions(x_a: int, n_a: int, x_b: int, n_b: int) -> tuple[float, float]:
    """z and two-sided p of the difference of two independent proportions (pooled)."""
    pooled = (x_a + x_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if se == 0:
        return 0.0, 1.0
    z = (x_b / n_b - x_a / n_a) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def theme_shifts(
    result: ThemeResult,
    in_a: Sequence[bool],
    in_b: Sequence[bool],
    *,
    alpha: float = ALPHA,
    limit: int = TOP_THEMES,
) -> list[ThemeShift]:
    """The visible themes whose share changed from the comments ``in_a`` to those
    ``in_b`` (Holm-adjusted p below ``alpha``), the biggest change first."""
    total_a, total_b = sum(in_a), sum(in_b)
    if not total_a or not total_b:
        return []
    tested = []
    for theme in result.visible:
        n_a = sum(1 for m in theme.members if in_a[m])
        n_b = sum(1 for m in theme.members if in_b[m])
        if n_a + n_b == 0:
            continue
        z, p = _two_proportions(n_a, total_a, n_b, total_b)
        tested.append((theme.key, theme.label, n_a, n_b, z, p))
    adjusted = holm_adjust([t[5] for t in tested])
    shifts = [
        ThemeShift(key, label, n_a, total_a, n_b, total_b, z, p)
        for (key, label, n_a, n_b, z, _), p in zip(tested, adjusted, strict=True)
        if p < alpha
    ]
    shifts.sort(key=lambda s: (-abs(s.share_b - s.share_a), _key_order(s.theme)))
    return shifts[:limit]
