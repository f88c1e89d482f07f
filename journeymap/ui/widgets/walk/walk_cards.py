"""The evidence cards of one walk step: NPS, mystery shopping, metrics, voices."""

from __future__ import annotations

import streamlit as st

from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.friction import FrictionItem, nps_text
from journeymap.analytics.text import signed, unit_text
from journeymap.model import Targets
from journeymap.services.walk import StepExtras
from journeymap.ui.widgets.text import plain

# Side by side at a size that reads from the back of the room; at full width one photo
# would fill the projector screen and push the evidence off it.
PHOTO_WIDTH_PX = 320

# Words, not emoji: projector PCs and kiosk browsers often lack an emoji font.
FEELINGS = {
    -2: "−2, very negative",
    -1: "−1, negative",
    0: "0, neutral",
    1: "+1, positive",
    2: "+2, very positive",
}


def evidence_cards(
    evidence: TouchpointEvidence, extras: StepExtras, targets: Targets, item: FrictionItem
) -> None:
    nps_col, shopper_col, kpi_col = st.columns(3, gap="large")
    with nps_col, st.container(border=True):
        _nps(evidence, targets)
    with shopper_col, st.container(border=True):
        _shopper(evidence, extras, targets)
    with kpi_col, st.container(border=True):
        _kpis(evidence)
    voices, reasons = st.columns([3, 2], gap="large")
    with voices, st.container(border=True):
        _verbatims(extras)
    with reasons, st.container(border=True):
        st.markdown("**Why it is ranked where it is**")
        if item.thin_data:
            st.caption("Not enough data to call it: read these figures as hints.")
        for reason in item.reasons:
            st.markdown("- " + plain(reason))
    if extras.photos:
        st.markdown("**Shoppers' photos**")
        with st.container(horizontal=True, gap="medium"):
            for photo in extras.photos:
                st.image(str(photo), width=PHOTO_WIDTH_PX)


def _nps(evidence: TouchpointEvidence, targets: Targets) -> None:
    st.markdown("**NPS**")
    nps = evidence.nps
    if nps is None:
        st.caption("No survey answers here in this period.")
        return
    st.metric(
        "NPS",
        signed(nps.nps),
        delta=f"{nps.nps - targets.nps:+.0f} vs target" if targets.nps is not None else None,
        label_visibility="collapsed",
    )
    st.caption(plain(nps_text(nps)))
    method = "adjusted-Wald interval" if nps.adjusted_wald else "Wald interval"
    st.caption(
        f"95 % interval {signed(nps.ci_low)} to {signed(nps.ci_high)} ({method}); "
        f"promoters {nps.promoter_share:.0%}, detractors {nps.detractor_share:.0%}"
    )


def _shopper(evidence: TouchpointEvidence, extras: StepExtras, targets: Targets) -> None:
    st.markdown("**Mystery shopping**")
    shopper = evidence.shopper
    if shopper is None:
        st.caption("No approved visits score this step in this period.")
        return
    score = shopper.score
    delta = (
        f"{score.mean - targets.shopper_pct:+.0f} points vs target"
        if targets.shopper_pct is not None
        else None
    )
    st.metric("Score", f"{score.mean:.0f} %", delta=delta, label_visibility="collapsed")
    margin = f" ±{score.margin:.0f}" if score.n > 1 else ""
    of = f", {shopper.questionnaire}" if shopper.questionnaire else ""
    st.caption(plain(f"{score.mean:.0f} %{margin} (n={score.n} visits{of})"))
    for failing in extras.failing:
        st.markdown(
            "- " + plain(f"{failing.text} — fails in {failing.failed} of {failing.answered}")
        )


def _kpis(evidence: TouchpointEvidence) -> None:
    st.markdown("**Metrics against target**")
    if not evidence.kpis:
        st.caption("No metrics are measured here.")
        return
    for kpi in evidence.kpis:
        est = kpi.estimate
        unit = unit_text(kpi.metric.unit)
        target = "" if kpi.target is None else f" (target {kpi.target:g}{unit})"
        worse = kpi.target is not None and (
            est.mean > kpi.target if kpi.metric.direction == "lower" else est.mean < kpi.target
        )
        verdict = ":red[**worse than target**]" if worse else ":green[on target]"
        figures = plain(f"{kpi.metric.name}: {est.mean:.1f}{unit}{target}, n={est.n} days")
        st.markdown(f"{figures} — {verdict}")


def _verbatims(extras: StepExtras) -> None:
    st.markdown("**What customers said**")
    if not extras.verbatims:
        st.caption("No comments here in this period.")
        return
    if extras.themes:
        st.markdown("What they write about most:")
        for theme in extras.themes:
            st.markdown("- " + plain(theme_line(theme)))
    for verbatim in extras.verbatims:
        st.markdown(f"> {plain(verbatim.comment)}")
        st.caption(
            plain(f"score {verbatim.score} ({verbatim.group}), {verbatim.responded_at:%d %b %Y}")
        )


def theme_line(theme: ThemeFigures) -> str:
    """“ventetid ved skranken”: 34 comments (28 %), 30 of them detractors; NPS −71 ±12."""
    line = (
        f"“{theme.label}”: {theme.n} comments ({theme.share:.0%}), "
        f"{theme.detractors} of them from detractors"
    )
    if theme.nps is not None:
        line += f"; NPS {nps_text(theme.nps)}"
    return line
