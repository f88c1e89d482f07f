"""The NPS dashboard's sections; the page (pages/nps.py) picks the data and the order.

Every figure shows its n and 95 % interval; thin rows say so in a column of their own.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from journeymap import settings
from journeymap.analytics.nps import NpsEstimate
from journeymap.analytics.nps_compare import PeriodComparison
from journeymap.analytics.nps_dashboard import top_movers
from journeymap.analytics.periods import Period
from journeymap.analytics.profit_chain import chain_correlation
from journeymap.analytics.shift_share import ShiftShare
from journeymap.analytics.shopper_results import METHOD_TEXT
from journeymap.charts.nps_charts import profit_chain_figure, shift_share_figure
from journeymap.ui.widgets.text import plain

THIN = "n < 30: read as a hint"
KIND_NAMES = {"transactional": "Transactional NPS", "relationship": "Relationship NPS"}


def estimate_text(est: NpsEstimate) -> str:
    interval = "adjusted-Wald 95 % interval" if est.adjusted_wald else "95 % interval"
    thin = " — small sample (n < 30)" if est.small_sample else ""
    return f"n = {est.n:,}, {interval} {est.ci_low:+.1f} … {est.ci_high:+.1f}{thin}"


def headline(kind: str, comparison: PeriodComparison) -> None:
    """The NPS of period B with n and interval, and the change from A with z and p."""
    est, before, diff = comparison.nps_b, comparison.nps_a, comparison.difference
    title = f"{KIND_NAMES[kind]}, {comparison.b.label}"
    if est is None:
        st.metric(title, "—", help="No answers in this period.")
        st.caption(f"No {kind} answers in {comparison.b.label}.")
        return
    delta = f"{diff.difference:+.1f} vs {comparison.a.label}" if diff else None
    significant = diff is not None and diff.p < 0.05
    # Colour only a change that is more than chance; an arrow alone does not claim one.
    st.metric(title, f"{est.nps:+.1f}", delta=delta, delta_color="normal" if significant else "off")
    st.caption(estimate_text(est))
    if diff is None or before is None:
        st.caption(f"No answers in {comparison.a.label} to compare with.")
        return
    verdict = (
        "a significant change (p < 0.05)"
        if significant
        else "not significant, within what chance alone moves"
    )
    st.caption(
        f"{comparison.a.label}: {before.nps:+.1f} (n = {before.n:,}). Change "
        f"{diff.difference:+.1f} points, z = {diff.z:.2f}, p = {diff.p:.3f} — {verdict}."
    )


def _flag(values: pd.Series) -> pd.Series:
    return values.map(lambda thin: THIN if thin else "")


def touchpoints(table: pd.DataFrame, period: Period) -> None:
    """``table``: :func:`touchpoint_table` of the period's answers."""
    st.subheader(f"By touchpoint, {period.label}")
    if table.empty:
        st.caption("No transactional answers in this period.")
        return
    shown = table.assign(
        detractor_share=table["detractor_share"] * 100,
        small_sample=_flag(table["small_sample"]),
        significant=table["significant"].map({True: "yes", False: ""}),
    ).drop(columns=["touchpoint", "adjusted_wald"])
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn("Touchpoint"),
            "n": st.column_config.NumberColumn("n", format="localized"),
            "nps": st.column_config.NumberColumn("NPS", format="%+.1f"),
            "ci_low": st.column_config.NumberColumn("95 % low", format="%+.1f"),
            "ci_high": st.column_config.NumberColumn("95 % high", format="%+.1f"),
            "detractor_share": st.column_config.NumberColumn("Detractors %", format="%.0f"),
            "small_sample": st.column_config.TextColumn("Sample"),
            "vs_rest": st.column_config.NumberColumn(
                "vs rest", format="%+.1f", help="NPS here minus the rest of the journey"
            ),
            "p_adjusted": st.column_config.NumberColumn(
                "p (Holm)", format="%.3f", help="adjusted for testing every touchpoint"
            ),
            "significant": st.column_config.TextColumn("Differs from rest"),
        },
    )
    st.caption(
        "Small samples are listed after the solid ones and never ranked with them; below "
        "30 answers the interval is the adjusted-Wald one (Rocks 2016)."
    )


def comparison(table: pd.DataFrame, a: Period, b: Period) -> None:
    """``table``: :func:`comparison_table` of the two periods by touchpoint."""
    st.subheader(f"{a.label} → {b.label} by touchpoint")
    if table.empty:
        st.caption("No transactional answers in these periods.")
        return
    shown = table.assign(
        small_sample=_flag(table["small_sample"]),
        significant=table["significant"].map({True: "significant", False: ""}),
    ).drop(columns=["touchpoint"])
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn("Touchpoint"),
            "n_a": st.column_config.NumberColumn(f"n {a.label}"),
            "nps_a": st.column_config.NumberColumn(f"NPS {a.label}", format="%+.1f"),
            "n_b": st.column_config.NumberColumn(f"n {b.label}"),
            "nps_b": st.column_config.NumberColumn(f"NPS {b.label}", format="%+.1f"),
            "difference": st.column_config.NumberColumn("Change", format="%+.1f"),
            "z": st.column_config.NumberColumn("z", format="%.2f"),
            "p": st.column_config.NumberColumn("p", format="%.3f"),
            "p_adjusted": st.column_config.NumberColumn("p (Holm)", format="%.3f"),
            "significant": st.column_config.TextColumn("After Holm"),
            "small_sample": st.column_config.TextColumn("Sample"),
        },
    )
    count = int(table["significant"].sum())
    st.caption(
        f"{count} of {len(table)} touchpoints changed significantly after Holm's correction "
        "for testing them all at once."
    )


def movers(split: ShiftShare | None, names: dict[str, str], a: Period, b: Period) -> None:
    st.subheader("What moved the overall NPS: mix and rate")
    if split is None:
        st.caption(f"Needs transactional answers in both {a.label} and {b.label}.")
        return
    st.markdown(
        plain(
            f"Overall {split.nps_a:+.1f} (n = {split.n_a:,}) → {split.nps_b:+.1f} "
            f"(n = {split.n_b:,}): {split.total_change:+.1f} points = mix {split.mix:+.1f} "
            f"(more or fewer answers from high- or low-scoring touchpoints) + rate "
            f"{split.rate:+.1f} (the touchpoints themselves scoring differently)."
        )
    )
    st.plotly_chart(
        shift_share_figure(split.contributions, names, "Contribution by touchpoint"),
        width="stretch",
    )
    top = top_movers(split, names)
    st.markdown("**Top movers** (solid touchpoints first; n < 30 in a period: listed after)")
    st.dataframe(
        top.assign(small_sample=_flag(top["small_sample"])).drop(columns=["touchpoint"]),
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn("Touchpoint"),
            "n_a": st.column_config.NumberColumn("n A"),
            "n_b": st.column_config.NumberColumn("n B"),
            "nps_a": st.column_config.NumberColumn("NPS A", format="%+.1f"),
            "nps_b": st.column_config.NumberColumn("NPS B", format="%+.1f"),
            "mix": st.column_config.NumberColumn("Mix", format="%+.2f"),
            "rate": st.column_config.NumberColumn("Rate", format="%+.2f"),
            "total": st.column_config.NumberColumn("Total", format="%+.2f"),
            "small_sample": st.column_config.TextColumn("Sample"),
        },
    )


def profit_chain(chain: pd.DataFrame, window: str, questionnaire: str = "") -> None:
    st.subheader("Service-profit chain: shopper score vs NPS by location")
    method = METHOD_TEXT[settings.shopper_score_method()]
    if chain.empty:
        st.caption(f"No location has both mystery-shopper visits and survey answers ({window}).")
        return
    st.plotly_chart(profit_chain_figure(chain, f"Locations, {window}"), width="stretch")
    correlation = chain_correlation(chain)
    solid = int((~chain["thin"].astype(bool)).sum())
    if correlation is None:
        st.caption(
            f"{solid} solid locations: too few for a correlation (it needs 4 with at least "
            "3 visits and 30 answers each)."
        )
    else:
        st.caption(
            f"Pearson r = {correlation.r:+.2f} over {correlation.n} solid locations "
            f"(95 % {correlation.ci_low:+.2f} … {correlation.ci_high:+.2f}, Fisher's z)."
        )
    st.caption(
        plain(
            f"Shopper score: {method}"
            + (
                f", {questionnaire} only (one questionnaire version at a time)"
                if questionnaire
                else ""
            )
            + ". Hollow grey points rest on fewer than 3 visits or "
            "fewer than 30 answers and are left out of the correlation; bars are the NPS "
            "95 % interval; the hover shows each n."
        )
    )
