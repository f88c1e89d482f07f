"""The evidence cards of one walk step: NPS, mystery shopping, metrics, voices."""

from __future__ import annotations

import math

import streamlit as st

from journeymap.analytics.comments.theme_figures import ThemeFigures
from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.friction import (
    SOLID_METRIC_DAYS,
    SOLID_VISITS,
    FrictionItem,
    nps_text,
)
from journeymap.analytics.text import share_span, share_with_interval, unit_text
from journeymap.analytics.walk_cards import FailingQuestion
from journeymap.i18n import N_, _, ngettext
from journeymap.i18n import formatting as fmt
from journeymap.model import Targets
from journeymap.services.walk import StepExtras
from journeymap.ui.widgets.text import plain

# Side by side at a size that reads from the back of the room; at full width one photo
# would fill the projector screen and push the evidence off it.
PHOTO_WIDTH_PX = 320

# Words, not emoji: projector PCs and kiosk browsers often lack an emoji font.
FEELINGS = {
    -2: N_("−2, very negative"),
    -1: N_("−1, negative"),
    0: N_("0, neutral"),
    1: N_("+1, positive"),
    2: N_("+2, very positive"),
}
# Translators: an answer's NPS group, after its score ("score 3 (detractor)").
GROUPS = {"promoter": N_("promoter"), "passive": N_("passive"), "detractor": N_("detractor")}


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
        st.markdown(_("**Why it is ranked where it is**"))
        if item.thin_data:
            st.caption(_("Not enough data to call it: read these figures as hints."))
        for reason in item.reasons:
            st.markdown("- " + plain(reason))
    if extras.photos:
        st.markdown(_("**Shoppers' photos**"))
        with st.container(horizontal=True, gap="medium"):
            for photo in extras.photos:
                st.image(str(photo), width=PHOTO_WIDTH_PX)


def _delta(value: float) -> str:
    """A metric's delta with a hyphen for its minus: Streamlit colours and points the
    delta down only when the text starts with "-"."""
    return fmt.signed(value).replace(fmt.MINUS, "-")


def _nps(evidence: TouchpointEvidence, targets: Targets) -> None:
    st.markdown("**NPS**")
    nps = evidence.nps
    if nps is None:
        st.caption(_("No survey answers here in this period."))
        return
    delta = (
        _("{difference} vs target").format(difference=_delta(nps.nps - targets.nps))
        if targets.nps is not None
        else None
    )
    st.metric("NPS", fmt.signed(nps.nps), delta=delta, label_visibility="collapsed")
    st.caption(plain(nps_text(nps)))
    low, high = fmt.signed(nps.ci_low), fmt.signed(nps.ci_high)
    promoters = share_with_interval(nps.promoters, nps.n)
    detractors = share_with_interval(nps.detractors, nps.n)
    st.caption(
        (
            _(
                "95 % interval {low} to {high} (adjusted-Wald interval); promoters {promoters}, "
                "detractors {detractors}"
            )
            if nps.adjusted_wald
            else _(
                "95 % interval {low} to {high} (Wald interval); promoters {promoters}, "
                "detractors {detractors}"
            )
        ).format(low=low, high=high, promoters=promoters, detractors=detractors)
    )


def _shopper(evidence: TouchpointEvidence, extras: StepExtras, targets: Targets) -> None:
    st.markdown(_("**Mystery shopping**"))
    shopper = evidence.shopper
    if shopper is None:
        st.caption(_("No approved visits score this step in this period."))
        return
    score = shopper.score
    delta = (
        _("{difference} points vs target").format(
            difference=_delta(score.mean - targets.shopper_pct)
        )
        if targets.shopper_pct is not None
        else None
    )
    st.metric(_("Score"), fmt.percent(score.mean), delta=delta, label_visibility="collapsed")
    figure = fmt.percent(score.mean)
    if score.n > 1:
        figure = _("{score} ±{margin}").format(score=figure, margin=fmt.number(score.margin))
    line = (
        ngettext(
            "{score} (n={count} visit, {questionnaire})",
            "{score} (n={count} visits, {questionnaire})",
            score.n,
        )
        if shopper.questionnaire
        else ngettext("{score} (n={count} visit)", "{score} (n={count} visits)", score.n)
    ).format(score=figure, count=fmt.number(score.n), questionnaire=shopper.questionnaire)
    st.caption(plain(line))
    if score.n < SOLID_VISITS:
        st.caption(
            _(
                "Fewer than {count} visits: read it with care; the ranking counts it as thin."
            ).format(count=fmt.number(SOLID_VISITS))
        )
    for failing in extras.failing:
        st.markdown("- " + plain(failing_line(failing)))


def failing_line(failing: FailingQuestion) -> str:
    """Greeted within a minute? — fails in 21 of 29 visits: 72% (54% … 85%)."""
    return _("{question} — fails in {failed} of {answered}: {share}").format(
        question=failing.text,
        failed=fmt.number(failing.failed),
        answered=fmt.number(failing.answered),
        share=share_with_interval(failing.failed, failing.answered),
    )


def _kpis(evidence: TouchpointEvidence) -> None:
    st.markdown(_("**Metrics against target**"))
    if not evidence.kpis:
        st.caption(_("No metrics are measured here."))
        return
    for kpi in evidence.kpis:
        est = kpi.estimate
        unit = unit_text(kpi.metric.unit)
        worse = kpi.target is not None and (
            est.mean > kpi.target if kpi.metric.direction == "lower" else est.mean < kpi.target
        )
        verdict = (
            ":red[**" + _("worse than target") + "**]"
            if worse
            else ":green[" + _("on target") + "]"
        )
        days = ngettext("{count} day", "{count} days", est.n).format(count=fmt.number(est.n))
        value = fmt.number(est.mean, 1) + unit
        if math.isfinite(est.margin):
            value = _("{score} ±{margin}").format(score=value, margin=fmt.number(est.margin, 1))
        if kpi.target is None:
            figures = _("{metric}: {value}, n={days}").format(
                metric=kpi.metric.name, value=value, days=days
            )
        else:
            figures = _("{metric}: {value} (target {target}), n={days}").format(
                metric=kpi.metric.name,
                value=value,
                target=_target(kpi.target) + unit,
                days=days,
            )
        if est.n < SOLID_METRIC_DAYS:
            figures = _("{figures}, few days").format(figures=figures)
        st.markdown(f"{plain(figures)} — {verdict}")


def _target(value: float) -> str:
    """A target as it was set: 5, 2.5 (written the reader's way)."""
    return fmt.number(value, 0 if float(value).is_integer() else 1)


def _verbatims(extras: StepExtras) -> None:
    st.markdown(_("**What customers said**"))
    if not extras.verbatims:
        st.caption(_("No comments here in this period."))
        return
    if extras.themes:
        st.markdown(_("What they write about most:"))
        for theme in extras.themes:
            st.markdown("- " + plain(theme_line(theme)))
    for verbatim in extras.verbatims:
        st.markdown(f"> {plain(verbatim.comment)}")
        group = GROUPS.get(verbatim.group)
        st.caption(
            plain(
                _("score {score} ({group}), {day}").format(
                    score=verbatim.score,
                    group=_(group) if group is not None else verbatim.group,
                    day=fmt.day(verbatim.responded_at),
                )
            )
        )


def theme_line(theme: ThemeFigures) -> str:
    """“ventetid ved skranken”: 34 of 120 comments (28 %, 95 % interval 21 % … 37 %), 30
    of them from detractors; NPS −71 ±12."""
    estimate = theme.share_estimate
    line = ngettext(
        "“{theme}”: {count} of {total} comment ({share}), {detractors} of them from detractors",
        "“{theme}”: {count} of {total} comments ({share}), {detractors} of them from detractors",
        theme.comments_total,
    ).format(
        theme=theme.label,
        count=fmt.number(theme.n),
        total=fmt.number(theme.comments_total),
        share=(
            _("{share}, 95 % interval {interval}").format(
                share=fmt.share(estimate.share), interval=share_span(estimate)
            )
            if estimate is not None
            else "–"
        ),
        detractors=fmt.number(theme.detractors),
    )
    if theme.nps is not None:
        line += "; " + _("NPS {figures}").format(figures=nps_text(theme.nps))
    return line
