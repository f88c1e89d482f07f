"""Sand in the machine: the touchpoints that hurt, ranked by evidence, and what-if."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.what_if import (
    contacts_per_day,
    drop_off_effect,
    journey_nps_effect,
    minutes_saved_per_day,
)
from journeymap.charts.heatmap import THIN_N, nps_heatmap
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
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
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain, sentence
from journeymap.ui.widgets.walk.method_texts import friction_method

TITLE = N_("Sand in the machine")
WEIGHT_NAMES = {
    "nps": N_("NPS against target"),
    "shopper": N_("Mystery-shopper score and knock-outs"),
    "kpi": N_("Metrics against target"),
    "flow": N_("Drop-off"),
    "recurrence": N_("Repeat contacts (loops)"),
}


def render() -> None:
    viewer = require_page(SAND_PAGE)
    journey_id = current_journey_id()
    st.title(_(TITLE))
    st.caption(
        _(
            "Touchpoints ranked by the evidence against them: sand first, then what to watch, "
            "each by the customers it hits. Figures carry their n and 95 % interval; thin "
            "evidence is listed, never ranked above solid evidence."
        )
    )
    flt = evidence_filter_widgets(journey_id)
    try:
        report = load_sand_report(viewer, journey_id, flt)
    except NotAllowed as error:
        st.error(plain(str(error)))
        return
    if report is None:
        st.warning(_("This journey was deleted meanwhile: choose another one in the sidebar."))
        return
    if flt.start is not None and flt.end is not None:
        st.caption(
            plain(
                _("Evidence from {start} to {end}.").format(
                    start=fmt.day(flt.start), end=fmt.day(flt.end)
                )
            )
        )
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
        ("sand", _("Sand")),
        ("watch", _("Watch")),
        ("good", _("Good")),
        ("no_data", _("Not enough data")),
    )
    for column, (key, label) in zip(columns, labels, strict=True):
        column.metric(label, fmt.number(counts[key]))


def _ranking(report: SandReport) -> None:
    table = ranking_table(report).drop(columns=["id"])
    styled = table.style.map(health_fill, subset=["health"])
    st.dataframe(
        styled,
        hide_index=True,
        height=38 + 35 * len(table),
        column_config={
            "rank": st.column_config.NumberColumn("#", width="small"),
            "touchpoint": st.column_config.TextColumn(_("Touchpoint")),
            "health": st.column_config.TextColumn(_("Health")),
            "friction": st.column_config.ProgressColumn(
                _("Friction"), min_value=0, max_value=100, format="%.0f"
            ),
            "customers_per_month": st.column_config.NumberColumn(
                _("Customers / month"), format="localized"
            ),
            "impact": st.column_config.NumberColumn(
                _("Impact"), help=_("customers a month × friction / 100"), format="localized"
            ),
            "main_reason": st.column_config.TextColumn(_("Main reason"), width="large"),
        },
        placeholder=MISSING,
    )


def _details(report: SandReport) -> None:
    st.subheader(_("Why"))
    for item in report.items:
        if item.health not in ("sand", "watch"):
            continue
        title = _("{rank}. {name} — friction {friction}").format(
            rank=item.rank, name=item.name, friction=fmt.number(item.friction)
        )
        with st.expander(plain(title), expanded=item.health == "sand"):
            for reason in item.reasons:
                st.markdown("- " + plain(reason))
    thin = [i for i in report.items if i.thin_data]
    if thin:
        label = ngettext(
            "Not enough data ({count} touchpoint)",
            "Not enough data ({count} touchpoints)",
            len(thin),
        ).format(count=fmt.number(len(thin)))
        with st.expander(label):
            for item in thin:
                st.markdown(f"**{plain(item.name)}**")
                for reason in item.reasons:
                    st.markdown("- " + plain(reason))


def _handoffs(report: SandReport) -> None:
    st.subheader(_("Handoffs where it breaks"))
    if not report.handoffs:
        st.caption(
            _(
                "No handoff loses 15 NPS points or more with solid samples (n ≥ 30 at both "
                "ends, significant after Holm's correction)."
            )
        )
        return
    for handoff in report.handoffs:
        st.markdown("- " + plain(handoff.reason))


def _heatmap(viewer: Viewer, report: SandReport) -> None:
    st.subheader(_("NPS by touchpoint and location"))
    cells = load_nps_matrix(viewer, report.journey.id, report.filter)
    if cells.empty:
        st.caption(_("No survey answers with a location in this period."))
        return
    names = {t.id: t.name for t in report.journey.touchpoints}
    st.plotly_chart(nps_heatmap(cells, names, location_names(get_engine())), width="stretch")
    st.caption(
        _(
            "Each cell: the NPS, its 95 % interval and n. Cells of fewer than {count} answers "
            "say few: read them as a hint, not a verdict."
        ).format(count=fmt.number(THIN_N))
    )


def _what_if(report: SandReport) -> None:
    st.subheader(_("What if we fixed it?"))
    journey = report.journey
    names = {t.id: t.name for t in journey.touchpoints}
    choices = [i.touchpoint for i in report.items]
    touchpoint = st.selectbox(
        _("Touchpoint"), choices, format_func=names.__getitem__, key=state.WHAT_IF_TOUCHPOINT
    )
    here = report.flow.by_id()[touchpoint]
    left, middle, right = st.columns(3, gap="large")
    with left:
        points = st.slider(
            _("Drop-off lower by (percentage points)"),
            0,
            max(1, round(here.drop_off * 100)),
            min(5, round(here.drop_off * 100)),
        )
        effect = drop_off_effect(journey, touchpoint, points / 100)
        st.metric(
            _("Customers kept a month"),
            fmt.number(effect.customers_kept_per_month),
            help=_("drop-off here {before} → {after}").format(
                before=fmt.share(effect.drop_off_before), after=fmt.share(effect.drop_off_after)
            ),
        )
    with middle:
        seconds = st.number_input(_("Seconds saved per contact"), 0.0, 3600.0, 30.0, step=5.0)
        per_day = st.number_input(
            _("Contacts a day"),
            0.0,
            1e7,
            float(round(contacts_per_day(report.flow, touchpoint))),
            step=10.0,
        )
        st.metric(_("Minutes saved a day"), fmt.number(minutes_saved_per_day(seconds, per_day)))
    with right:
        gain = st.slider(_("NPS gain at this touchpoint"), 0, 50, 10)
        measured = {t for t, ev in report.evidence.items() if ev.nps is not None}
        st.metric(
            _("Journey NPS (volume-weighted) moves by"),
            fmt.signed(journey_nps_effect(report.flow, touchpoint, gain, measured), 1),
        )


def _weights(report: SandReport) -> None:
    weights = report.journey.friction_weights
    with st.expander(_("How friction is scored, and the weights")):
        st.markdown(friction_method())  # our own text, not user input
        if not acting_viewer().can(Capability.EDIT_JOURNEYS):
            _weights_read_only(weights)
            return
        with st.form("friction-weights"):
            chosen = {
                key: st.number_input(_(WEIGHT_NAMES[key]), 0.0, 10.0, float(value), step=0.05)
                for key, value in weights.model_dump().items()
            }
            if st.form_submit_button(_("Save these weights for this journey")):
                _save_weights(report, chosen)


def _weights_read_only(weights: FrictionWeights) -> None:
    st.markdown(
        "\n".join(
            f"- {_(WEIGHT_NAMES[key])}: {_weight(value)}"
            for key, value in weights.model_dump().items()
        )
    )
    st.caption(_("The weights of this journey; those who may edit journeys can change them."))


def _weight(value: float) -> str:
    """A weight as typed: 1, 0.25 (written the reader's way), never 1.00."""
    decimals = next((d for d in range(3) if round(value, d) == round(value, 2)), 2)
    return fmt.number(value, decimals)


def _save_weights(report: SandReport, chosen: dict[str, float]) -> None:
    try:
        save_friction_weights(acting_viewer(), get_engine(), report.journey.id, chosen)
    except StaleRevision as error:
        st.error(plain(str(error).replace(" (--force in the CLI)", "")))
        return
    except (NotAllowed, ValueError) as error:
        st.error(plain(sentence(str(error))))
        return
    st.success(_("Saved: the ranking now uses these weights."))
    st.rerun()


if __name__ == "__main__":
    render()
