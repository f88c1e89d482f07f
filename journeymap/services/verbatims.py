"""Customers' own words for the Verbatims page: searched and paged in the database.

A page of comments and the number that match, never every response in memory; scoped
to the locations the viewer may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from journeymap.analytics.verbatims import (
    PAGE_SIZE,
    SCORE_GROUPS,
    VERBATIM_COLUMNS,
    page_count,
    score_group,
)
from journeymap.i18n import N_, _
from journeymap.model.access import Capability, Viewer
from journeymap.services import workspace_time
from journeymap.services.access import require
from journeymap.store.verbatims import CommentQuery, comment_locations, search_comments

GROUP_SCORES = {"promoter": (9, 10), "passive": (7, 8), "detractor": (0, 6)}
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class VerbatimPage:
    """One page of matching comments, newest first, and where it is in the whole."""

    rows: pd.DataFrame  # VERBATIM_COLUMNS
    total: int  # comments that match, on every page
    page: int  # 1-based; a page past the end is the last one
    pages: int
    page_size: int

    @property
    def first(self) -> int:
        """The 1-based number of the page's first comment (0 when none match)."""
        return 0 if self.rows.empty else (self.page - 1) * self.page_size + 1

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if len(self.rows) else 0


def search_verbatims(
    viewer: Viewer,
    engine: Engine,
    journey_id: str,
    *,
    text: str = "",
    touchpoint: str | None = None,
    group: str | None = None,
    location: str | None = None,
    segment: str | None = None,
    start: date | None = None,
    end: date | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> VerbatimPage:
    """Comments that contain ``text`` (any case, taken literally) and pass the filters.

    ``start`` and ``end`` are inclusive days of the workspace's time zone; ``group`` one
    of SCORE_GROUPS.
    ValueError for an unknown group or a page size out of 1 … 500.
    """
    require(viewer, Capability.VIEW_LOCATION_RESULTS, N_("read the customers' comments"))
    if group and group not in GROUP_SCORES:
        raise ValueError(
            _("unknown score group '{group}': use one of {score_groups}").format(
                group=group, score_groups=", ".join(SCORE_GROUPS)
            )
        )
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(
            _("a page holds 1 to {max_page_size} comments, not {page_size}").format(
                max_page_size=MAX_PAGE_SIZE, page_size=page_size
            )
        )
    query = CommentQuery(
        journey_id=journey_id,
        text=text.strip(),
        touchpoint=touchpoint or None,
        scores=GROUP_SCORES[group] if group else None,
        location=location or None,
        locations=viewer.location_scope,
        segment=segment or None,
        start=start,
        end=end,
        zone=workspace_time.zone(),
    )
    wanted = max(1, page)
    rows, total = search_comments(engine, query, offset=(wanted - 1) * page_size, limit=page_size)
    pages = page_count(total, page_size)
    if wanted > pages:
        # Fewer matches than when the page was chosen: show the last page, not nothing.
        wanted = pages
        rows, total = search_comments(
            engine, query, offset=(wanted - 1) * page_size, limit=page_size
        )
        pages = page_count(total, page_size)
    rows = rows.assign(group=score_group(rows["score"]))[VERBATIM_COLUMNS]
    return VerbatimPage(rows.reset_index(drop=True), total, wanted, pages, page_size)


def verbatim_locations(viewer: Viewer, engine: Engine, journey_id: str) -> list[str]:
    """The locations the journey's responses name that the viewer may see, sorted."""
    require(viewer, Capability.VIEW_LOCATION_RESULTS, N_("read the customers' comments"))
    return comment_locations(engine, journey_id, viewer.location_scope)
