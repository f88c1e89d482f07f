"""Per theme: how many mention it, what share, the NPS of those who do, and the trend.

One comment per response: a theme's n is its comments, its share is n over all comments,
its detractor share is its detractors' comments over all detractors' comments (what a
call-back team reads: "34 of 120 detractors mention *ventetid ved skranken*"). Its NPS
is that of the customers who wrote its comments, with the interval of
``journeymap.analytics.nps`` (adjusted Wald below 30 responses or when every response
falls in one group). A comment without a score counts in n, never in the NPS.

The trend is n per month and the theme's share of that month's comments; the caller
passes each comment's month key (``"2026-03"``), cut in the workspace time zone, which
analytics does not know. Hidden themes are left out: their comments are in OTHER.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from journeymap.analytics.comments.themes import OTHER, ThemeResult
from journeymap.analytics.estimates import ProportionEstimate, wilson
from journeymap.analytics.nps import NpsEstimate, classify, nps_from_scores
from journeymap.i18n import N_, _

OTHER_LABEL = N_("Other comments")  # translated where shown


@dataclass(frozen=True)
class MonthFigure:
    month: str
    n: int
    share: float  # of that month's comments


@dataclass(frozen=True)
class ThemeFigures:
    theme: str
    label: str
    keywords: tuple[str, ...]
    n: int
    share: float
    detractors: int
    detractor_share: float
    nps: NpsEstimate | None
    trend: tuple[MonthFigure, ...]
    examples: tuple[str, ...]  # comment ids
    comments_total: int = 0  # the share's n
    all_detractors: int = 0  # the detractor share's n

    @property
    def share_estimate(self) -> ProportionEstimate | None:
        """The share with its 95 % Wilson interval: the comments are a sample of what
        customers would say."""
        return wilson(self.n, self.comments_total)

    @property
    def detractor_estimate(self) -> ProportionEstimate | None:
        return wilson(self.detractors, self.all_detractors)


def theme_figures(
    result: ThemeResult,
    scores: Sequence[int | None],
    months: Sequence[str | None] | None = None,
    *,
    include_other: bool = True,
) -> list[ThemeFigures]:
    """Figures for each visible theme by size (then key), OTHER last."""
    total = len(result.assignment)
    if len(scores) != total or (months is not None and len(months) != total):
        raise ValueError("every comment needs its score (or None) and its month (or None)")
    groups = [classify(int(s)) if s is not None else None for s in scores]
    all_detractors = sum(g == "detractor" for g in groups)
    month_totals = Counter(m for m in months) if months is not None else Counter()
    members: dict[str, list[int]] = {}
    for position, key in enumerate(result.assignment):
        members.setdefault(key, []).append(position)
    rows = [(t.key, t.label, t.keywords, t.examples) for t in result.visible]
    rows.sort(key=lambda r: (-len(members.get(r[0], ())), _key_order(r[0])))
    if include_other:
        rows.append((OTHER, _(OTHER_LABEL), (), ()))
    out = []
    for key, label, keywords, examples in rows:
        positions = members.get(key, [])
        detractors = sum(groups[p] == "detractor" for p in positions)
        trend: tuple[MonthFigure, ...] = ()
        if months is not None:
            counts = Counter(months[p] for p in positions if months[p] is not None)
            trend = tuple(
                MonthFigure(m, counts.get(m, 0), counts.get(m, 0) / month_totals[m])
                for m in sorted(k for k in month_totals if k is not None)
            )
        out.append(
            ThemeFigures(
                theme=key,
                label=label,
                keywords=keywords,
                n=len(positions),
                share=len(positions) / total if total else 0.0,
                detractors=detractors,
                detractor_share=detractors / all_detractors if all_detractors else 0.0,
                nps=nps_from_scores(_scored(scores, positions)),
                trend=trend,
                examples=tuple(result.comment_ids[e] for e in examples),
                comments_total=total,
                all_detractors=all_detractors,
            )
        )
    return out


INTERVAL_COLUMNS = ("share_low", "share_high", "detractor_share_low", "detractor_share_high")


def interval_columns(figure: ThemeFigures, digits: int = 4) -> dict[str, float | None]:
    """The two shares' 95 % intervals, as fractions like the shares themselves, rounded
    to ``digits`` as a table or a file shows them."""
    share, detractors = figure.share_estimate, figure.detractor_estimate
    ends = (
        None if share is None else share.ci_low,
        None if share is None else share.ci_high,
        None if detractors is None else detractors.ci_low,
        None if detractors is None else detractors.ci_high,
    )
    return {
        name: None if end is None else round(end, digits)
        for name, end in zip(INTERVAL_COLUMNS, ends, strict=True)
    }


def _scored(scores: Sequence[int | None], positions: list[int]) -> list[int]:
    return [int(s) for s in (scores[p] for p in positions) if s is not None]


def _key_order(key: str) -> tuple[int, str]:
    digits = key[1:] if key[:1] == "t" else ""
    return (int(digits), key) if digits.isdigit() else (10**9, key)


def theme_frame(figures: Sequence[ThemeFigures]) -> pd.DataFrame:
    """One row per theme: what a table, a CSV export or ``--json`` shows."""
    return pd.DataFrame(
        [
            {
                "theme": f.theme,
                "label": f.label,
                "keywords": ", ".join(f.keywords),
                "n": f.n,
                "share": f.share,
                "detractors": f.detractors,
                "detractor_share": f.detractor_share,
                **interval_columns(f),
                "nps": f.nps.nps if f.nps else None,
                "ci_low": f.nps.ci_low if f.nps else None,
                "ci_high": f.nps.ci_high if f.nps else None,
                "nps_n": f.nps.n if f.nps else 0,
            }
            for f in figures
        ],
        columns=[
            "theme",
            "label",
            "keywords",
            "n",
            "share",
            "detractors",
            "detractor_share",
            *INTERVAL_COLUMNS,
            "nps",
            "ci_low",
            "ci_high",
            "nps_n",
        ],
    )
