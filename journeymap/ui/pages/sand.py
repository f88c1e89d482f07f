"""Sand in the machine: the touchpoints that hurt, ranked by evidence, and what-if."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics import friction
from journeymap.analytics.what_if import (
    contacts_per_day,
    drop_off_effect,
    journey_nps_effect,
    minutes_saved_per_day,
)
from journeymap.charts.heatmap import nps_heatmap
from journeymap.model import FrictionWeights
from journeymap.model.access import Capability, Viewer
from journeymap.services.access import NotAllowed
from journeymap.services.journeys import StaleRevision, save_friction_weights
from journeymap.services.sand import SandReport
from journeymap.services.sand_tables import health_counts, health_fill, ranking_table
from journeymap.services.sand_views import location_names
from journeymap.ui.loaders.sand import load_nps_matrix, load_sand_report
from journeymap.ui.shell import state
from journeymap.ui.shell.auth import require_page
from journeymap.ui.shell.current import current_journey_id
from journeymap.ui.shell.engine import get_engine
from journeymap.ui.shell.navigation import SAND_PAGE
from journeymap.ui.widgets.editor.drafts import acting_viewer
from journeymap.ui.widgets.evidence_filter import evidence_filter_widgets
from journeymap.ui.widgets.text import plain, sentence

TITLE = "Sand in the machine"
WEIGHT_NAMES = {
    "nps": "NPS against target",
    "shopper": "Mystery-shopper score and knock-outs",
    "kpi": "Metrics against target",
    "flow": "Drop-off",
    "recurrence": "Repeat contacts (loops)",
}


def render() -> None:
    viewer = require_page(SAND_PAGE)
    journey_id = current_journey_id()
    st.title(TITLE)
    st.caption(
        "Touchpoints ranked by the evidence against them: sand first, then what to watch, "
        "each by the customers it hits. Figures carry their n and 95 % interval; thin "
        "evidence is listed, never ranked above solid evidence."
    )
    flt = evidence_filter_widgets(journey_id)
    try:
        report = load_sand_report(viewer, journey_id, flt)
    except NotAllowed as error:
        st.error(plain(str(error)))
        return
    if report is None:
        st.warning("This journey was deleted meanwhile: choose another one in the sidebar.")
        return
    st.caption(plain(f"Evidence from {flt.start} to {flt.end}."))
    _summary(report)
    _ranking(report)
    _details(report)
    _handoffs(report)
    _heatmap(viewer, report)
    _what_if(report)
    _weights(report)


def _summary(report: SandReport) -> None:
    counts = health_counts(report)
    columns = st.columns(4)
    labels = (
        ("sand", "Sand"),
        ("watch", "Watch"),
        ("good", "Good"),
        ("no_data", "Not enough data"),
    )
    for column, (key, label) in zip(columns, labels, strict=True):
        column.metric(label, counts[key])


def _ranking(report: SandReport) -> None:
    table = ranking_table(report).drop(columns=["id"])
    styled = table.style.map(health_fill, subset=["health"])
    st.dataframe(
        styled,
        hide_index=True,
        height=38 + 35 * len(table),
        column_config={
            "rank": st.column_config.NumberColumn("#", width="small"),
            "touchpoint": st.column_config.TextColumn("Touchpoint"),
            "health": st.column_config.TextColumn("Health"),
            "friction": st.column_config.ProgressColumn(
                "Friction", min_value=0, max_value=100, format="%.0f"
            ),
            "customers_per_month": st.column_config.NumberColumn(
                "Customers / month", format="localized"
            ),
            "impact": st.column_config.NumberColumn(
                "Impact", help="customers a month × friction / 100", format="localized"
            ),
            "main_reason": st.column_config.TextColumn("Main reason", width="large"),
        },
    )


def _details(report: SandReport) -> None:
    st.subheader("Why")
    for item in report.items:
        if item.health not in ("sand", "watch"):
            continue
        title = f"{item.rank}. {item.name} — friction {item.friction:.0f}"
        with st.expander(plain(title), expanded=item.health == "sand"):
            for reason in item.reasons:
                st.markdown("- " + plain(reason))
    thin = [i for i in report.items if i.thin_data]
    if thin:
        with st.expander(f"Not enough data ({len(thin)} touchpoints)"):
            for item in thin:
                st.markdown(f"**{plain(item.name)}**")
                for reason in item.reasons:
                    st.markdown("- " + plain(reason))


def _handoffs(report: SandReport) -> None:
    st.subheader("Handoffs where it breaks")
    if not report.handoffs:
        st.caption(
            "No handoff loses 15 NPS points or more with solid samples (n ≥ 30 at both ends, "
            "significant after Holm's correction)."
        )
        return
    for handoff in report.handoffs:
        st.markdown("- " + plain(handoff.reason))


def _heatmap(viewer: Viewer, report: SandReport) -> None:
    st.subheader("NPS by touchpoint and location")
    nps, counts = load_nps_matrix(viewer, report.journey.id, report.filter)
    if nps.empty:
        st.caption("No survey answers with a location in this period.")
        return
    names = {t.id: t.name for t in report.journey.touchpoints}
    st.plotly_chart(nps_heatmap(nps, counts, names, location_names(get_engine())), width="stretch")
    st.caption("Cells with fewer than 30 answers show their n: read them as a hint, not a verdict.")


def _what_if(report: SandReport) -> None:
    st.subheader("What if we fixed it?")
    journey = report.journey
    names = {t.id: t.name for t in journey.touchpoints}
    choices = [i.touchpoint for i in report.items]
    touchpoint = st.selectbox(
        "Touchpoint", choices, format_func=names.__getitem__, key=state.WHAT_IF_TOUCHPOINT
    )
    here = report.flow.by_id()[touchpoint]
    left, middle, right = st.columns(3, gap="large")
    with left:
        points = st.slider(
            "Drop-off lower by (percentage points)",
            0,
            max(1, round(here.drop_off * 100)),
            min(5, round(here.drop_off * 100)),
        )
        effect = drop_off_effect(journey, touchpoint, points / 100)
        st.metric(
            "Customers kept a month",
            f"{effect.customers_kept_per_month:,.0f}",
            help=f"drop-off here {effect.drop_off_before:.0%} → {effect.drop_off_after:.0%}",
        )
    with middle:
        seconds = st.number_input("Seconds saved per contact", 0.0, 3600.0, 30.0, step=5.0)
        per_day = st.number_input(
            "Contacts a day",
            0.0,
            1e7,
            float(round(contacts_per_day(report.flow, touchpoint))),
            step=10.0,
        )
        st.metric("Minutes saved a day", f"{minutes_saved_per_day(seconds, per_day):,.0f}")
    with right:
        gain = st.slider("NPS gain at this touchpoint", 0, 50, 10)
        measured = {t for t, ev in report.evidence.items() if ev.nps is not None}
        st.metric(
            "Journey NPS (volume-weighted) moves by",
            f"{journey_nps_effect(report.flow, touchpoint, gain, measured):+.1f}",
        )


def _weights(report: SandReport) -> None:
    weights = report.journey.friction_weights
    with st.expander("How friction is scored, and the weights"):
        st.markdown(friction.__doc__ or "")  # our own text, not user input
        if not acting_viewer().can(Capability.EDIT_JOURNEYS):
            _weights_read_only(weights)
            return
        with st.form("friction-weights"):
            chosen = {
                key: st.number_input(WEIGHT_NAMES[key], 0.0, 10.0, float(value), step=0.05)
                for key, value in weights.model_dump().items()
            }
            if st.form_submit_button("Save these weights for this journey"):
                _save_weights(report, chosen)


def _weights_read_only(weights: FrictionWeights) -> None:
    st.markdown(
        "\n".join(
            f"- {WEIGHT_NAMES[key]}: {value:g}" for key, value in weights.model_dump().items()
        )
    )
    st.caption("The weights of this journey; those who may edit journeys can change them.")


def _save_weights(report: SandReport, chosen: dict[str, float]) -> None:
    try:
        save_friction_weights(acting_viewer(), get_engine(), report.journey.id, chosen)
    except StaleRevision as error:
        st.error(plain(str(error).replace(" (--force in the CLI)", "")))
        return
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.success("Saved: the ranking now uses these weights.")
    st.rerun()


if __name__ == "__main__":
    render()
