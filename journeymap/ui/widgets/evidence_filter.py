"""The shared evidence filter: period, location and segment pickers in one row.

The choice is kept per session; a location manager picks among their own locations
only (the loaders check the filter again before handing out a cached answer).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from journeymap.analytics.evidence import EvidenceFilter
from journeymap.analytics.periods import make_period, parse_period
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.services import workspace_time
from journeymap.services.sand import evidence_filter
from journeymap.services.sand_views import viewer_locations
from journeymap.ui.loaders.sand import load_segments
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer
from journeymap.ui.shell.engine import get_engine

LAST_HALF_YEAR = N_("Last half year")


def period_choices(today: date | None = None) -> list[str]:
    """The half year, the last four quarters, the last six months and the last two years."""
    today = today or workspace_time.today()
    quarter = (today.month - 1) // 3 + 1
    quarters, months = [], []
    year, part = today.year, quarter
    for _step in range(4):
        quarters.append(make_period("quarter", year, part).label)
        year, part = (year, part - 1) if part > 1 else (year - 1, 4)
    year, month = today.year, today.month
    for _step in range(6):
        months.append(make_period("month", year, month).label)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [LAST_HALF_YEAR, *quarters, *months, str(today.year), str(today.year - 1)]


def shown_period(label: str) -> str:
    """A period choice as the reader writes it (4. kvt. 2026, december 2026)."""
    if label == LAST_HALF_YEAR:
        return _(LAST_HALF_YEAR)
    try:
        period = parse_period(label)
    except ValueError:
        return label
    return fmt.period(period.kind, period.start)


def evidence_filter_widgets(journey_id: str) -> EvidenceFilter:
    """Period, location and segment pickers in one row; the choice is kept per session."""
    viewer = current_viewer()
    locations = viewer_locations(viewer, get_engine())
    scope = viewer.location_scope
    if scope is not None and not locations:
        st.info(_("No locations are assigned to your account: ask an admin."))
        st.stop()
    segments = load_segments(journey_id)
    period_col, location_col, segment_col = st.columns(3)
    with period_col:
        period = st.selectbox(
            _("Period"), period_choices(), format_func=shown_period, key=state.EVIDENCE_PERIOD
        )
    with location_col:
        location = st.selectbox(
            _("Location"),
            ["", *locations] if scope is None else list(locations),
            format_func=lambda key: (
                locations.get(key, _("All locations")) if key else _("All locations")
            ),
            key=state.EVIDENCE_LOCATION,
        )
    with segment_col:
        segment = st.selectbox(
            _("Segment"),
            ["", *segments],
            format_func=lambda value: value or _("All segments"),
            key=state.EVIDENCE_SEGMENT,
        )
    return evidence_filter(None if period == LAST_HALF_YEAR else period, location, segment)
