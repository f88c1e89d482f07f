"""NPS dashboard: the score with its interval, its trend, touchpoints, periods, causes."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.nps_dashboard import TREND_GRAINS
from journeymap.analytics.periods import Period, check_no_overlap, period_title, previous_period
from journeymap.charts.nps_charts import nps_trend_figure
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
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
from journeymap.ui.widgets.voc.wording import kind_name

TITLE = "NPS"
PREVIOUS = "the period before"
ALL_TIME = "All time"
SAME_PERIOD = "same period"
GRAIN_NAMES = {"month": N_("month"), "quarter": N_("quarter"), "year": N_("year")}
GRAIN_COUNTS = {
    "month": N_("{count} months"),
    "quarter": N_("{count} quarters"),
    "year": N_("{count} years"),
}
NO_ANSWERS = {
    "transactional": N_("No transactional answers yet."),
    "relationship": N_("No relationship answers yet."),
}
# Translators: the trend chart's title, e.g. "Transactional NPS by month, with its 95 % interval"
TREND_TITLES = {
    "month": N_("{kind} by month, with its 95 % interval"),
    "quarter": N_("{kind} by quarter, with its 95 % interval"),
    "year": N_("{kind} by year, with its 95 % interval"),
}


def render() -> None:
    require_page(NPS_PAGE)
    journey_id = current_journey_id()
    journey = load_journey(journey_id)
    if journey is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    st.title(TITLE)
    kinds = nps_view(journey_id, "kinds")
    if not kinds:
        st.info(
            _(
                "No survey answers for this journey yet. Import a survey export on the "
                "'Import survey data' page, or load the demo workspace."
            )
        )
        return
    st.caption(
        _(
            "Transactional NPS (asked right after a touchpoint) and relationship NPS (about the "
            "company) are never mixed: each has its own figures. Every NPS shows its n and 95 % "
            "interval; below 30 answers it is marked as a small sample."
        )
    )
    a, b = _periods()
    columns = st.columns(len(kinds), gap="large")
    for column, kind in zip(columns, kinds, strict=True):
        with column:
            nps_sections.headline(kind, nps_view(journey_id, "overall", a, b, survey_kind=kind))
    kind = kinds[0]
    if len(kinds) > 1:
        kind = st.radio(
            _("Details for"),
            kinds,
            format_func=kind_name,
            horizontal=True,
            key=state.NPS_KIND,
        )
    _trend(journey_id, kind)
    if kind == "relationship":
        st.caption(_("Relationship answers are about the company, not a touchpoint."))
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
    name = period_title(period)
    if period.start <= today <= period.end:
        return _("{period} (so far)").format(period=name)
    return name


def _periods() -> tuple[Period, Period]:
    choices = period_choices()[1:]  # quarters, months, years; not the rolling half year
    left, right, _rest = st.columns([1, 1, 2])
    with left:
        b_label = st.selectbox(
            _("Period"), choices, format_func=_period_label, key=state.NPS_PERIOD_B
        )
    b = workspace_time.period(b_label)
    with right:
        a_label = st.selectbox(
            _("Compared with"),
            [PREVIOUS, *choices],
            format_func=lambda c: (
                _("the period before ({period})").format(period=period_title(previous_period(b)))
                if c == PREVIOUS
                else period_title(c)
            ),
            key=state.NPS_PERIOD_A,
        )
    a = previous_period(b) if a_label == PREVIOUS else workspace_time.period(a_label)
    try:
        check_no_overlap(a, b)
    except ValueError as overlap:
        a = previous_period(b)
        st.warning(
            plain(
                _("{problem}. Compared with {period}, the period before, instead.").format(
                    problem=str(overlap), period=period_title(a)
                )
            )
        )
    return a, b


def _trend(journey_id: str, kind: str) -> None:
    grain = st.radio(
        _("Trend by"),
        TREND_GRAINS,
        format_func=lambda g: _(GRAIN_NAMES[g]) if g in GRAIN_NAMES else g,
        horizontal=True,
        key=state.NPS_GRAIN,
        index=1,
    )
    trend = nps_view(journey_id, "trend", grain, survey_kind=kind)
    if trend.empty:
        st.caption(_(NO_ANSWERS[kind]) if kind in NO_ANSWERS else "")
        return
    title = _(TREND_TITLES[grain]).format(kind=kind_name(kind))
    st.plotly_chart(nps_trend_figure(trend, title), width="stretch")
    thin = int(trend["small_sample"].sum())
    n = int(trend["n"].sum())
    periods = _(GRAIN_COUNTS[grain]).format(count=fmt.number(len(trend)))
    counts = {"periods": periods, "n": fmt.number(n), "thin": fmt.number(thin)}
    if thin:
        text = _("{periods}, n = {n} answers; {thin} with fewer than 30 answers (hollow markers).")
    else:
        text = _("{periods}, n = {n} answers.")
    st.caption(plain(text.format(**counts)))


def _chain(journey_id: str, kind: str, b: Period) -> None:
    window = st.radio(
        _("Service-profit chain over"),
        [ALL_TIME, SAME_PERIOD],
        format_func=lambda w: period_title(b) if w == SAME_PERIOD else _("All time"),
        horizontal=True,
        key=state.NPS_CHAIN_WINDOW,
        help=_("Shopper visits and survey answers from the same days."),
    )
    start, end = (None, None) if window == ALL_TIME else (b.start, b.end)
    viewer = current_viewer()
    chain, pick = load_profit_chain(viewer, journey_id, kind, start, end)
    if len(pick.options) > 1:
        asked = version_chooser(
            pick.options, state.CHAIN_SHOPPER_VERSION, _("Shopper scores of the chain from")
        )
        if asked != pick.picked:
            chain, pick = load_profit_chain(viewer, journey_id, kind, start, end, asked)
    nps_sections.profit_chain(
        chain, _("all time") if window == ALL_TIME else period_title(b), pick.about
    )


if __name__ == "__main__":
    render()
