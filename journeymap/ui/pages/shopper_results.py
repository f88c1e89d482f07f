"""Mystery-shopper results of the selected journey: league, heatmap, profile, trend.

What is read, and whether shoppers appear by id or pseudonym, comes from
services.shopper_results for the signed-in viewer.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.analytics.periods import period_title
from journeymap.analytics.results_choice import waves_and_periods
from journeymap.analytics.shopper_results import (
    METHOD_TEXT,
    MIN_RANKED_VISITS,
    ScoreTables,
    aggregate,
    heatmap_matrix,
    league_table,
)
from journeymap.charts.shopper import DIMENSION_NAMES, grouped_bars, section_heatmap, trend
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.io.spreadsheet_safety import neutralised_csv
from journeymap.model.access import Viewer
from journeymap.model.visit_status import STATUS_LABELS, counted_statuses
from journeymap.services.shopper_results import (
    ChoiceAsked,
    ResultsChoice,
    ShopperResults,
    answers_table,
    chosen,
    questionnaire_names,
    resolve_choice,
    version_labels,
)
from journeymap.ui.loaders.shopping import load_shopper_results
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.navigation import SHOPPER_RESULTS_PAGE
from journeymap.ui.widgets.shopping.formats import score_interval
from journeymap.ui.widgets.shopping.visit_report import show_visit_report
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain

CHART_CONFIG = {"displaylogo": False}
FEW_VISITS_NOTE = N_(
    "With every score: its n and its 95 % interval, where the score would likely be with "
    "many more visits (— with one visit). Fewer than {count} visits are marked few "
    "(hatched bars, hollow points): read them with care."
)
TABS = (
    N_("Locations"),
    N_("Sections"),
    N_("Competence"),
    N_("Trend"),
    N_("Own vs competitors"),
    N_("Visit"),
    N_("Export"),
)
# The columns of a table of group scores (analytics.shopper_results.aggregate), as read.
SCORE_COLUMNS = {
    "region": N_("Region"),
    "competitor": N_("Competitor"),
    "shopper_id": N_("Shopper"),
    "n_visits": N_("Visits (n)"),
    "score_pct": N_("Score %"),
    "interval": N_("95 % interval"),
}
LEAGUE_COLUMNS = {
    "Rank": N_("Rank"),
    "Location": N_("Location"),
    "Region": N_("Region"),
    "Competitor": N_("Competitor"),
    "Visits (n)": N_("Visits (n)"),
}


def render() -> None:
    viewer = require_page(SHOPPER_RESULTS_PAGE)
    st.title(_("Shopper results"))
    journey_id = current_journey_id()
    method, approved_only = _settings()
    data = load_shopper_results(viewer, journey_id, approved_only)
    if viewer.location_scope is not None:
        mine = ", ".join(sorted(viewer.location_scope))
        st.caption(plain(_("Your locations only: {locations}.").format(locations=mine)))
    if data.tables.visits.empty:
        st.info(
            _("No scored visits yet for this journey: visits count once they are approved.")
            if approved_only
            else _("No scored visits yet for this journey: visits count once they are submitted.")
        )
        return
    choice = _choice(data)
    data = chosen(data, choice)
    tables = data.tables
    n = tables.visits["visit_id"].nunique()
    counted = ", ".join(_(STATUS_LABELS[s]).lower() for s in counted_statuses(approved_only))
    st.caption(
        plain(
            ngettext(
                "{about}: {count} visit ({statuses}). One questionnaire version at a time: two "
                "are never mixed in a figure. Scores of a group are the {method}.",
                "{about}: {count} visits ({statuses}). One questionnaire version at a time: two "
                "are never mixed in a figure. Scores of a group are the {method}.",
                int(n),
            ).format(
                about=choice.describe(questionnaire_names(data, choice)),
                count=fmt.number(int(n)),
                statuses=counted,
                method=_(METHOD_TEXT[method]),
            )
        )
    )
    if tables.visits.empty:
        st.info(_("No scored visits in this wave and round: choose another."))
        return
    tabs = st.tabs([_(tab) for tab in TABS])
    with tabs[0]:
        _league(tables, method, data.identities)
    with tabs[1]:
        st.plotly_chart(
            section_heatmap(heatmap_matrix(tables.sections, method)),
            config=CHART_CONFIG,
            theme=None,
        )
        st.caption(_(FEW_VISITS_NOTE).format(count=fmt.number(MIN_RANKED_VISITS)))
    with tabs[2]:
        profile = aggregate(tables.dimensions, ["dimension", "competitor"], method)
        st.caption(_("Questions tagged with a competence dimension, pooled per visit."))
        st.plotly_chart(
            grouped_bars(profile, "dimension", DIMENSION_NAMES), config=CHART_CONFIG, theme=None
        )
        st.caption(_(FEW_VISITS_NOTE).format(count=fmt.number(MIN_RANKED_VISITS)))
    with tabs[3]:
        st.caption(_("A round is the quarter a visit's window starts in."))
        by_round = aggregate(tables.visits, ["period", "competitor"], method)
        st.plotly_chart(trend(by_round), config=CHART_CONFIG, theme=None)
        st.caption(_(FEW_VISITS_NOTE).format(count=fmt.number(MIN_RANKED_VISITS)))
    with tabs[4]:
        by_section = aggregate(tables.sections, ["section_title", "competitor"], method)
        st.plotly_chart(grouped_bars(by_section, "section_title"), config=CHART_CONFIG, theme=None)
        st.caption(_(FEW_VISITS_NOTE).format(count=fmt.number(MIN_RANKED_VISITS)))
    with tabs[5]:
        _visit(tables, viewer, journey_id)
    with tabs[6]:
        _export(data, viewer)


def _choice(data: ShopperResults) -> ResultsChoice:
    """The questionnaire version, wave and round chosen above the results (by default
    the questionnaire visited most recently, at its newest version)."""
    labels = version_labels(data)
    _forget_unknown(state.RESULTS_QUESTIONNAIRE, list(labels))
    left, middle, right = st.columns([2, 1, 1])
    picked = left.selectbox(
        _("Questionnaire"),
        list(labels),
        format_func=labels.__getitem__,
        key=state.RESULTS_QUESTIONNAIRE,
        help=_("Results are read for one questionnaire version at a time."),
    )
    questionnaire_id, version = str(picked).rsplit("@", 1)
    waves, periods = waves_and_periods(data.tables, ResultsChoice(questionnaire_id, int(version)))
    _forget_unknown(state.RESULTS_WAVE, ["", *waves])
    _forget_unknown(state.RESULTS_ROUND, ["", *periods])
    wave = middle.selectbox(
        _("Wave"),
        ["", *waves],
        format_func=lambda w: w or _("Every wave"),
        key=state.RESULTS_WAVE,
    )
    period = right.selectbox(
        _("Round"),
        ["", *periods],
        format_func=lambda p: period_title(p) if p else _("Every round"),
        key=state.RESULTS_ROUND,
        help=_("A round is the quarter a visit's window starts in."),
    )
    asked = ChoiceAsked(questionnaire_id, int(version), wave or None, period or None)
    choice = resolve_choice(data, asked)
    if choice is None:  # only without scored visits, which render() has ruled out
        st.stop()
    return choice


def _forget_unknown(key: str, options: list[str]) -> None:
    """A choice kept from another journey or setting that is no option here any more."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def _settings() -> tuple[str, bool]:
    left, right = st.columns(2)
    method = left.radio(
        _("Group score"),
        ["mean", "pooled"],
        index=0 if settings.shopper_score_method() == "mean" else 1,
        format_func=lambda m: _("Mean of visit %") if m == "mean" else _("Pooled points"),
        horizontal=True,
        key=state.RESULTS_METHOD,
        help=_("Default: JOURNEYMAP_SHOPPER_SCORE_METHOD."),
    )
    approved_only = right.toggle(
        _("Approved visits only"),
        value=settings.shopper_approved_only(),
        key=state.RESULTS_APPROVED_ONLY,
        help=_(
            "Off: submitted visits count before review too. Default: "
            "JOURNEYMAP_SHOPPER_APPROVED_ONLY."
        ),
    )
    return str(method), bool(approved_only)


def _league(tables: ScoreTables, method: str, identities: bool) -> None:
    table = league_table(tables.visits, method)  # type: ignore[arg-type]
    st.caption(
        _(
            "Own locations with at least {count} visits are ranked; the others are shown "
            "without a rank, as are competitors."
        ).format(count=fmt.number(MIN_RANKED_VISITS))
    )
    shown = pd.DataFrame(
        {
            "Rank": table["rank"],
            "Location": table["location_name"],
            "Region": table["region"],
            "Competitor": table["competitor"].astype(bool),
            "Visits (n)": table["n_visits"],
            "Score %": table["score_pct"],
            "95 % interval": _intervals(table),
        }
    )
    config = _labels(LEAGUE_COLUMNS)
    config["Score %"] = st.column_config.ProgressColumn(
        _("Score %"), format="%.1f %%", min_value=0, max_value=100
    )
    config["95 % interval"] = st.column_config.TextColumn(_("95 % interval"))
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, placeholder=MISSING)
    st.caption(
        _(
            "The interval is where the score would likely be with many more visits; with one "
            "visit nothing is known of the spread (—)."
        )
    )
    regions = _with_intervals(aggregate(tables.visits, ["region", "competitor"], method))  # type: ignore[arg-type]
    shoppers = _with_intervals(aggregate(tables.visits, ["shopper_id"], method))  # type: ignore[arg-type]
    left, right = st.columns(2)
    left.markdown("**" + _("Regions") + "**")
    left.dataframe(regions, hide_index=True, width="stretch", column_config=_labels(SCORE_COLUMNS))
    right.markdown("**" + _("Shoppers") + "**")
    right.dataframe(
        shoppers.rename(columns={"shopper_id": "Shopper"}),
        hide_index=True,
        width="stretch",
        column_config=_labels(SCORE_COLUMNS | {"Shopper": N_("Shopper")}),
    )
    if not identities:
        right.caption(
            _(
                "Shoppers appear under pseudonyms, the same on every page and in every "
                "export: who shopped is for those who run the programme."
            )
        )


def _intervals(table: pd.DataFrame) -> list[str]:
    columns = (table["ci_low"], table["ci_high"], table["n_visits"])
    return [score_interval(low, high, int(n)) for low, high, n in zip(*columns, strict=True)]


def _with_intervals(table: pd.DataFrame) -> pd.DataFrame:
    """Group scores with their interval as one text, few visits marked, in place of the
    interval's two ends."""
    return table.assign(interval=_intervals(table)).drop(columns=["ci_low", "ci_high"])


def _labels(columns: dict[str, str]) -> dict[str, Any]:
    """A table's columns in the reader's words (the frame keeps its own names)."""
    return {column: st.column_config.Column(_(label)) for column, label in columns.items()}


def _visit(tables: ScoreTables, viewer: Viewer, journey_id: str) -> None:
    visits = tables.visits.sort_values("visit_id", ascending=False)
    labels: dict[int, str] = {}
    columns = [visits[c] for c in ("visit_id", "location_name", "period", "pct")]
    for visit_id, name, period, pct in zip(*columns, strict=True):
        parts = [str(name), period_title(str(period))]
        if pd.notna(pct):
            parts.append(fmt.percent(float(pct)))
        labels[int(visit_id)] = " · ".join(parts)
    chosen = st.selectbox(
        _("Visit"), list(labels), format_func=lambda v: labels[v], key=state.RESULTS_VISIT
    )
    if chosen is not None:
        show_visit_report(int(chosen), viewer, journey_id)


def _export(data: ShopperResults, viewer: Viewer) -> None:
    include = False
    if data.identities:
        include = st.checkbox(
            _("Include answers marked as personal data"),
            key=state.RESULTS_INCLUDE_PERSONAL,
            help=_(
                "Free text that may name staff is left out unless you need it and may share it."
            ),
        )
    frame = answers_table(viewer, data, include_personal=include)
    visits = data.tables.visits["visit_id"].nunique()
    said = _("{answers} answers of {visits} visits.").format(
        answers=fmt.number(len(frame)), visits=fmt.number(int(visits))
    )
    if not data.identities:
        said += " " + _(
            "Visits are numbered and shoppers pseudonymous; answers marked as personal data "
            "are withheld."
        )
    st.caption(said)
    st.download_button(
        _("Download answers (CSV)"),
        neutralised_csv(frame).encode("utf-8"),
        file_name="shopper-answers.csv",
        mime="text/csv",
        icon=":material/download:",
    )


if __name__ == "__main__":
    render()
