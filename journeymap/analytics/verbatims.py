"""Customers' own words: responses with a comment, filtered, newest first, in pages."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

SCORE_GROUPS = ("promoter", "passive", "detractor")
PAGE_SIZE = 25
VERBATIM_COLUMNS = [
    "responded_at",
    "score",
    "group",
    "touchpoint_id",
    "location",
    "segment",
    "survey_kind",
    "comment",
]


@dataclass(frozen=True)
class VerbatimFilter:
    """Empty fields do not filter; ``start`` and ``end`` are inclusive UTC days."""

    touchpoint: str | None = None
    group: str | None = None
    location: str | None = None
    start: date | None = None
    end: date | None = None
    search: str = ""


def score_group(scores: pd.Series) -> pd.Series:
    """'promoter' (9–10), 'passive' (7–8) or 'detractor' (0–6) per score."""
    values = scores.to_numpy()
    groups = np.where(values >= 9, "promoter", np.where(values >= 7, "passive", "detractor"))
    return pd.Series(groups, index=scores.index, dtype=object)


def filter_verbatims(responses: pd.DataFrame, flt: VerbatimFilter) -> pd.DataFrame:
    """Responses with a non-blank comment that pass the filter, newest first.

    The search is a case-insensitive substring match on the comment, taken literally
    (a customer's "?" or "(" is not a pattern).
    """
    if responses.empty:
        return pd.DataFrame(columns=VERBATIM_COLUMNS)
    comments = responses["comment"].fillna("").astype(str)
    keep = comments.str.strip() != ""
    if flt.touchpoint:
        keep &= responses["touchpoint_id"] == flt.touchpoint
    if flt.location:
        keep &= responses["location"] == flt.location
    moments = pd.to_datetime(responses["responded_at"], utc=True)
    if flt.start:
        keep &= moments >= pd.Timestamp(flt.start, tz="UTC")
    if flt.end:
        keep &= moments < pd.Timestamp(flt.end + timedelta(days=1), tz="UTC")
    words = flt.search.strip().casefold()
    if words:
        keep &= comments.str.casefold().str.contains(words, regex=False)
    frame = responses[keep].copy()
    frame["group"] = score_group(frame["score"])
    if flt.group:
        frame = frame[frame["group"] == flt.group]
    frame = frame.sort_values(["responded_at", "id"], ascending=False, kind="stable")
    return frame[VERBATIM_COLUMNS].reset_index(drop=True)


def page_count(rows: int, size: int = PAGE_SIZE) -> int:
    """Pages needed for ``rows`` (at least one, so an empty list still has page 1)."""
    return max(1, math.ceil(rows / size))


def page_of(frame: pd.DataFrame, page: int, size: int = PAGE_SIZE) -> pd.DataFrame:
    """Rows of the 1-based ``page``; a page beyond the end shows the last one."""
    page = min(max(1, page), page_count(len(frame), size))
    return frame.iloc[(page - 1) * size : page * size]
