"""NPS dashboard: the score with its interval, its trend, touchpoints, periods, causes."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.nps_dashboard import TREND_GRAINS
from journeymap.analytics.periods import Period, check_no_overlap, previous_period
from journeymap.charts.nps_charts import nps_trend_figure
from journeymap.services import workspace_time
from journeymap.ui.loaders.voc import load_journey, load_profit_chain, nps_view, touchpoint_names
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import current_viewer, require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.navigation import NPS_PAGE
from journeymap.ui.widgets.evidence_filter import period_choices
from journeymap.ui.widgets.shopping.version_choice import version_chooser
from journeymap.ui.widgets.text import plain
from journeymap.ui.widgets.voc import nps_sections

TITLE = "NPS"
PREVIOUS = "the period before"
ALL_TIME = "All time"
SAME_PERIOD = "same period"


def render() -> None:
    require_page(NPS_PAGE)
    journey_id = current_journey_id()
    journey = load_journey(journey_id)
    if journey is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    st.title(TITLE)
    kinds = nps_view(journey_id, "kinds")
    if not kinds:
        st.info(
            "No survey answers for this journey yet. Import a survey export on the "
            "'Import survey data' page, or load the demo workspace."
        )
        return
    st.caption(
        "Transactional NPS (asked right after a touchpoint) and relationship NPS (about the "
        "company) are never mixed: each has its own figures. Every NPS shows its n and 95 % "
        "interval; below 30 answers it is marked as a small sample."
    )
    a, b = _periods()
    columns = st.columns(len(kinds), gap="large")
    for column, kind in zip(columns, kinds, strict=True):
        with column:
            nps_sections.headline(kind, nps_view(journey_id, "overall", a, b, survey_kind=kind))
    kind = kinds[0]
    if len(kinds) > 1:
        kind = st.radio(
            "Details for",
            kinds,
            format_func=nps_sections.KIND_NAMES.__getitem__,
            horizontal=True,
            key=state.NPS_KIND,
        )
    _trend(journey_id, kind)
    if kind == "relationship":
        st.caption("Relationship answers are about the company, not a touchpoint.")
        _chain(journey_id, kind, b)
        return
    names = touchpoint_names(journey)
    nps_sections.touchpoints(nps_view(journey_id, "touchpoints", b, names, kind), b)
    nps_sections.comparison(nps_view(journey_id, "changes", a, b, names), a, b)
    nps_sections.movers(nps_view(journey_id, "shift", a, b), names, a, b)
    _chain(journey_id, kind, b)


def _period_label(label: str) -> str:
    period = workspace_time.period(label)
    today = workspace_time.today()
    return f"{label} (so far)" if period.start <= today <= period.end else label


def _periods() -> tuple[Period, Period]:
    choices = period_choices()[1:]  # quarters, months, years; not the rolling half year
    left, right, _ = st.columns([1, 1, 2])
    with left:
        b_label = st.selectbox("Period", choices, format_func=_period_label, key=state.NPS_PERIOD_B)
    b = workspace_time.period(b_label)
    with right:
        a_label = st.selectbox(
            "Compared with",
            [PREVIOUS, *choices],
            format_func=lambda c: f"{c} ({previous_period(b).label})" if c == PREVIOUS else c,
            key=state.NPS_PERIOD_A,
        )
    a = previous_period(b) if a_label == PREVIOUS else workspace_time.period(a_label)
    try:
        check_no_overlap(a, b)
    except ValueError as overlap:
        a = previous_period(b)
        st.warning(f"{plain(str(overlap))}. Compared with {a.label}, the period before, instead.")
    return a, b


def _trend(journey_id: str, kind: str) -> None:
    grain = st.radio("Trend by", TREND_GRAINS, horizontal=True, key=state.NPS_GRAIN, index=1)
    trend = nps_view(journey_id, "trend", grain, survey_kind=kind)
    if trend.empty:
        st.caption(f"No {kind} answers yet.")
        return
    title = f"{nps_sections.KIND_NAMES[kind]} by {grain}, with its 95 % interval"
    st.plotly_chart(nps_trend_figure(trend, title), width="stretch")
    thin = int(trend["small_sample"].sum())
    st.caption(
        plain(
            f"{len(trend)} {grain}s, n = {int(trend['n'].sum()):,} answers"
            + (f"; {thin} with fewer than 30 answers (hollow markers)." if thin else ".")
        )
    )


def _chain(journey_id: str, kind: str, b: Period) -> None:
    window = st.radio(
        "Service-profit chain over",
        [ALL_TIME, SAME_PERIOD],
        format_func=lambda w: b.label if w == SAME_PERIOD else w,
        horizontal=True,
        key=state.NPS_CHAIN_WINDOW,
        help="Shopper visits and survey answers from the same days.",
    )
    start, end = (None, None) if window == ALL_TIME else (b.start, b.end)
    viewer = current_viewer()
    chain, pick = load_profit_chain(viewer, journey_id, kind, start, end)
    if len(pick.options) > 1:
        asked = version_chooser(
            pick.options, state.CHAIN_SHOPPER_VERSION, "Shopper scores of the chain from"
        )
        if asked != pick.picked:
            chain, pick = load_profit_chain(viewer, journey_id, kind, start, end, asked)
    nps_sections.profit_chain(chain, "all time" if window == ALL_TIME else b.label, pick.about)


if __name__ == "__main__":
    render()
