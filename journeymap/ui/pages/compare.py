"""As-is vs to-be: two journeys side by side, what changed, and both emotion curves."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.journey_compare import change_counts, default_pair, touchpoint_comparison
from journeymap.analytics.journey_diff import diff_journeys
from journeymap.charts.emotion_compare import emotion_compare_figure
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.services.journeys import get_journey, list_journeys
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import COMPARE_PAGE
from journeymap.ui.widgets.editor.diff_view import show_diff
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain

TITLE = N_("As-is vs to-be")
CHANGE_COLOURS = {"added": "#e6f6ec", "removed": "#fdecec", "changed": "#fff7e0", "same": ""}
# Translators: how a touchpoint differs between the as-is and the to-be journey.
CHANGE_NAMES = {
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "same": N_("same"),
}
# The keys of change_counts, as the metrics above the comparison name them.
COUNT_LABELS = {
    "touchpoints added": N_("Touchpoints added"),
    "touchpoints removed": N_("Touchpoints removed"),
    "touchpoints changed": N_("Touchpoints changed"),
    "transitions added": N_("Transitions added"),
    "transitions removed": N_("Transitions removed"),
    "transitions changed": N_("Transitions changed"),
}


def render() -> None:
    require_page(COMPARE_PAGE)
    engine = get_engine()
    journeys = [
        stored.journey
        for summary in list_journeys(engine)
        if (stored := get_journey(engine, summary.id)) is not None
    ]
    st.title(_(TITLE))
    if len(journeys) < 2:
        st.info(
            _(
                "Comparing needs two journeys. On the New journey page, copy this journey and "
                "mark the copy as its to-be variant."
            )
        )
        return
    by_id = {j.id: j for j in journeys}
    as_is_default, to_be_default = default_pair(
        journeys, st.session_state.get(state.SELECTED_JOURNEY, journeys[0].id)
    )
    ids = list(by_id)
    left, right = st.columns(2)
    as_is_id = left.selectbox(
        _("As-is"),
        ids,
        index=ids.index(as_is_default),
        format_func=lambda j: by_id[j].name,
        key=state.COMPARE_AS_IS,
    )
    to_be_id = right.selectbox(
        _("To-be"),
        ids,
        index=None if to_be_default is None else ids.index(to_be_default),
        format_func=lambda j: by_id[j].name,
        key=state.COMPARE_TO_BE,
        placeholder=_("Choose the journey to compare with"),
    )
    if to_be_id is None:
        st.info(
            plain(
                _(
                    "{journey} has no to-be variant yet. Choose the journey to compare it "
                    "with, or on the New journey page copy it and mark the copy as its to-be."
                ).format(journey=by_id[as_is_id].name)
            )
        )
        return
    as_is, to_be = by_id[as_is_id], by_id[to_be_id]
    if to_be.variant_of == as_is.id:
        st.caption(
            plain(
                _("{to_be} is marked as a variant of {as_is}.").format(
                    to_be=to_be.name, as_is=as_is.name
                )
            )
        )
    counts = change_counts(as_is, to_be)
    columns = st.columns(6)
    for column, (kind, label) in zip(columns, COUNT_LABELS.items(), strict=True):
        column.metric(_(label), fmt.number(counts.get(kind, 0)))
    st.subheader(_("Emotion curves"))
    st.plotly_chart(emotion_compare_figure(as_is, to_be), width="stretch", theme=None)
    st.subheader(_("Touchpoints side by side"))
    table = touchpoint_comparison(as_is, to_be)
    # The colours follow the change's key; the reader sees it in words.
    colours = {row: CHANGE_COLOURS[change] for row, change in table["Change"].items()}
    shown = table.assign(Change=[_(CHANGE_NAMES[change]) for change in table["Change"]])
    st.dataframe(
        shown.style.apply(
            lambda row: [f"background-color: {colours[row.name]}"] * len(row), axis=1
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Touchpoint": st.column_config.TextColumn(_("Touchpoint")),
            "Stage": st.column_config.TextColumn(_("Stage")),
            "As-is": st.column_config.TextColumn(_("As-is")),
            "To-be": st.column_config.TextColumn(_("To-be")),
            "Change": st.column_config.TextColumn(_("Change")),
            "What changed": st.column_config.TextColumn(_("What changed"), width="large"),
        },
        placeholder=MISSING,
    )
    with st.expander(_("Every difference, item by item")):
        show_diff(diff_journeys(as_is, to_be), empty=_("The two journeys are identical."))


if __name__ == "__main__":  # run as a page by st.navigation; importable for tests
    render()
