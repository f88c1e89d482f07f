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
from journeymap.analytics.periods import Period, period_title
from journeymap.analytics.profit_chain import chain_correlation
from journeymap.analytics.shift_share import ShiftShare
from journeymap.analytics.shopper_results import METHOD_TEXT
from journeymap.analytics.text import share_with_interval
from journeymap.charts.nps_charts import profit_chain_figure, shift_share_figure
from journeymap.i18n import N_, _
from journeymap.i18n import formatting as fmt
from journeymap.ui.widgets.tables import MISSING
from journeymap.ui.widgets.text import plain
from journeymap.ui.widgets.voc.wording import kind_name

THIN = N_("n < 30: read as a hint")
WITH_INTERVAL = N_("With its 95 % interval in brackets")
ESTIMATE_TEXTS = {
    (False, False): N_("n = {n}, 95 % interval {interval}"),
    (True, False): N_("n = {n}, adjusted-Wald 95 % interval {interval}"),
    (False, True): N_("n = {n}, 95 % interval {interval} — small sample (n < 30)"),
    (True, True): N_("n = {n}, adjusted-Wald 95 % interval {interval} — small sample (n < 30)"),
}


def estimate_text(est: NpsEstimate) -> str:
    text = _(ESTIMATE_TEXTS[bool(est.adjusted_wald), bool(est.small_sample)])
    return text.format(n=fmt.number(est.n), interval=fmt.interval(est.ci_low, est.ci_high, 1))


def _delta_sign(text: str) -> str:
    # st.metric reads the direction of a change from a leading hyphen, not a minus sign.
    return text.replace(fmt.MINUS, "-", 1) if text.startswith(fmt.MINUS) else text


def headline(kind: str, comparison: PeriodComparison) -> None:
    """The NPS of period B with n and interval, and the change from A with z and p."""
    est, before, diff = comparison.nps_b, comparison.nps_a, comparison.difference
    period_a, period_b = period_title(comparison.a), period_title(comparison.b)
    title = _("{kind}, {period}").format(kind=kind_name(kind), period=period_b)
    if est is None:
        st.metric(title, "—", help=_("No answers in this period."))
        if kind == "relationship":
            st.caption(_("No relationship answers in {period}.").format(period=period_b))
        else:
            st.caption(_("No transactional answers in {period}.").format(period=period_b))
        return
    delta = None
    if diff:
        change = _delta_sign(fmt.signed(diff.difference, 1))
        delta = _("{change} vs {period}").format(change=change, period=period_a)
    significant = diff is not None and diff.p < 0.05
    # Colour only a change that is more than chance; an arrow alone does not claim one.
    st.metric(
        title,
        fmt.signed(est.nps, 1),
        delta=delta,
        delta_color="normal" if significant else "off",
    )
    st.caption(estimate_text(est))
    if diff is None or before is None:
        st.caption(_("No answers in {period} to compare with.").format(period=period_a))
        return
    if significant:
        text = _(
            "{period}: {nps} (n = {n}). Change {change} points, z = {z}, {p} — a significant "
            "change (p < {limit})."
        )
    else:
        text = _(
            "{period}: {nps} (n = {n}). Change {change} points, z = {z}, {p} — not "
            "significant, within what chance alone moves."
        )
    st.caption(
        text.format(
            period=period_a,
            # Each figure with its 95 % margin: "+12.0 ±16", "+5.0 ±8.1".
            nps=f"{fmt.signed(before.nps, 1)} ±{fmt.number(before.margin)}",
            n=fmt.number(before.n),
            change=f"{fmt.signed(diff.difference, 1)} ±{fmt.number(diff.margin, 1)}",
            z=fmt.number(diff.z, 2),
            p=fmt.p_value(diff.p),
            limit=fmt.number(0.05, 2),
        )
    )


def _flag(values: pd.Series) -> pd.Series:
    flag = _(THIN)
    return values.map(lambda thin: flag if thin else "")


def _intervals(values: pd.Series, lows: pd.Series, highs: pd.Series) -> list[str]:
    """+12,0 (−4 … +28) per row: a figure with its 95 % interval; – where there is none."""
    return [
        "–"
        if pd.isna(value)
        else fmt.signed(value, 1) + ("" if pd.isna(low) else f" ({fmt.interval(low, high)})")
        for value, low, high in zip(values, lows, highs, strict=True)
    ]


def _p_cells(values: pd.Series) -> list[str]:
    """p in a table: "< 0.001" rather than a 0.000 that reads as impossible."""
    return [MISSING if pd.isna(p) else fmt.p_digits(float(p)) for p in values]


def touchpoints(table: pd.DataFrame, period: Period) -> None:
    """``table``: :func:`touchpoint_table` of the period's answers."""
    st.subheader(_("By touchpoint, {period}").format(period=period_title(period)))
    if table.empty:
        st.caption(_("No transactional answers in this period."))
        return
    shown = table.assign(
        detractor_share=[
            share_with_interval(int(count), int(n))
            for count, n in zip(table["detractors"], table["n"], strict=True)
        ],
        vs_rest=_intervals(table["vs_rest"], table["vs_rest_low"], table["vs_rest_high"]),
        small_sample=_flag(table["small_sample"]),
        significant=table["significant"].map({True: _("yes"), False: ""}),
        p_adjusted=_p_cells(table["p_adjusted"]),
    ).drop(columns=["touchpoint", "adjusted_wald", "detractors", "vs_rest_low", "vs_rest_high"])
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn(_("Touchpoint")),
            "n": st.column_config.NumberColumn("n", format="localized"),
            "nps": st.column_config.NumberColumn("NPS", format="%+.1f"),
            "ci_low": st.column_config.NumberColumn(_("95 % low"), format="%+.1f"),
            "ci_high": st.column_config.NumberColumn(_("95 % high"), format="%+.1f"),
            "detractor_share": st.column_config.TextColumn(
                _("Detractors"), help=_("Their share of the answers, with its 95 % interval")
            ),
            "small_sample": st.column_config.TextColumn(_("Sample")),
            "vs_rest": st.column_config.TextColumn(
                _("vs rest"),
                help=_("NPS here minus the rest of the journey, with its 95 % interval"),
            ),
            "p_adjusted": st.column_config.TextColumn(
                _("p (Holm)"), help=_("adjusted for testing every touchpoint")
            ),
            "significant": st.column_config.TextColumn(_("Differs from rest")),
        },
        placeholder=MISSING,
    )
    st.caption(
        _(
            "Small samples are listed after the solid ones and never ranked with them; below "
            "30 answers the interval is the adjusted-Wald one (Rocks 2016)."
        )
    )


def comparison(table: pd.DataFrame, a: Period, b: Period) -> None:
    """``table``: :func:`comparison_table` of the two periods by touchpoint."""
    name_a, name_b = period_title(a), period_title(b)
    st.subheader(_("{before} → {after} by touchpoint").format(before=name_a, after=name_b))
    if table.empty:
        st.caption(_("No transactional answers in these periods."))
        return
    shown = table.assign(
        nps_a=_intervals(table["nps_a"], table["ci_low_a"], table["ci_high_a"]),
        nps_b=_intervals(table["nps_b"], table["ci_low_b"], table["ci_high_b"]),
        difference=_intervals(table["difference"], table["change_low"], table["change_high"]),
        small_sample=_flag(table["small_sample"]),
        significant=table["significant"].map({True: _("significant"), False: ""}),
        p=_p_cells(table["p"]),
        p_adjusted=_p_cells(table["p_adjusted"]),
    ).drop(
        columns=[
            "touchpoint",
            *("ci_low_a", "ci_high_a", "ci_low_b", "ci_high_b", "change_low", "change_high"),
        ]
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn(_("Touchpoint")),
            "n_a": st.column_config.NumberColumn(f"n {name_a}"),
            "nps_a": st.column_config.TextColumn(f"NPS {name_a}", help=_(WITH_INTERVAL)),
            "n_b": st.column_config.NumberColumn(f"n {name_b}"),
            "nps_b": st.column_config.TextColumn(f"NPS {name_b}", help=_(WITH_INTERVAL)),
            "difference": st.column_config.TextColumn(_("Change"), help=_(WITH_INTERVAL)),
            "z": st.column_config.NumberColumn("z", format="%.2f"),
            "p": st.column_config.TextColumn("p"),
            "p_adjusted": st.column_config.TextColumn(_("p (Holm)")),
            "significant": st.column_config.TextColumn(_("After Holm")),
            "small_sample": st.column_config.TextColumn(_("Sample")),
        },
        placeholder=MISSING,
    )
    count = int(table["significant"].sum())
    st.caption(
        _(
            "{count} of {total} touchpoints changed significantly after Holm's correction "
            "for testing them all at once."
        ).format(count=fmt.number(count), total=fmt.number(len(table)))
    )


def movers(split: ShiftShare | None, names: dict[str, str], a: Period, b: Period) -> None:
    st.subheader(_("What moved the overall NPS: mix and rate"))
    if split is None:
        st.caption(
            _("Needs transactional answers in both {before} and {after}.").format(
                before=period_title(a), after=period_title(b)
            )
        )
        return
    st.markdown(
        plain(
            _(
                "Overall {nps_a} (n = {n_a}) → {nps_b} (n = {n_b}): {total} points = mix {mix} "
                "(more or fewer answers from high- or low-scoring touchpoints) + rate {rate} "
                "(the touchpoints themselves scoring differently)."
            ).format(
                nps_a=fmt.signed(split.nps_a, 1),
                n_a=fmt.number(split.n_a),
                nps_b=fmt.signed(split.nps_b, 1),
                n_b=fmt.number(split.n_b),
                total=fmt.signed(split.total_change, 1),
                mix=fmt.signed(split.mix, 1),
                rate=fmt.signed(split.rate, 1),
            )
        )
    )
    st.plotly_chart(
        shift_share_figure(split.contributions, names, _("Contribution by touchpoint")),
        width="stretch",
    )
    top = top_movers(split, names)
    st.markdown(_("**Top movers** (solid touchpoints first; n < 30 in a period: listed after)"))
    st.dataframe(
        top.assign(small_sample=_flag(top["small_sample"])).drop(columns=["touchpoint"]),
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn(_("Touchpoint")),
            "n_a": st.column_config.NumberColumn(f"n {period_title(a)}"),
            "n_b": st.column_config.NumberColumn(f"n {period_title(b)}"),
            "nps_a": st.column_config.NumberColumn(f"NPS {period_title(a)}", format="%+.1f"),
            "nps_b": st.column_config.NumberColumn(f"NPS {period_title(b)}", format="%+.1f"),
            "mix": st.column_config.NumberColumn(_("Mix"), format="%+.2f"),
            "rate": st.column_config.NumberColumn(_("Rate"), format="%+.2f"),
            "total": st.column_config.NumberColumn(_("Total"), format="%+.2f"),
            "small_sample": st.column_config.TextColumn(_("Sample")),
        },
        placeholder=MISSING,
    )


def profit_chain(chain: pd.DataFrame, window: str, questionnaire: str = "") -> None:
    st.subheader(_("Service-profit chain: shopper score vs NPS by location"))
    method = _(METHOD_TEXT[settings.shopper_score_method()])
    if chain.empty:
        st.caption(
            _("No location has both mystery-shopper visits and survey answers ({window}).").format(
                window=window
            )
        )
        return
    st.plotly_chart(
        profit_chain_figure(chain, _("Locations, {window}").format(window=window)),
        width="stretch",
    )
    correlation = chain_correlation(chain)
    solid = int((~chain["thin"].astype(bool)).sum())
    if correlation is None:
        st.caption(
            _(
                "{count} solid locations: too few for a correlation (it needs 4 with at least "
                "3 visits and 30 answers each)."
            ).format(count=fmt.number(solid))
        )
    else:
        st.caption(
            _("Pearson r = {r} over {n} solid locations (95 % {interval}, Fisher's z).").format(
                r=fmt.signed(correlation.r, 2),
                n=fmt.number(correlation.n),
                interval=fmt.interval(correlation.ci_low, correlation.ci_high, 2),
            )
        )
    if questionnaire:
        about = _(
            "Shopper score: {method}, {questionnaire} only (one questionnaire version at a time)."
        ).format(method=method, questionnaire=questionnaire)
    else:
        about = _("Shopper score: {method}.").format(method=method)
    hollow = _(
        "Hollow grey points rest on fewer than 3 visits or fewer than 30 answers and are "
        "left out of the correlation; the bars are the 95 % intervals of the NPS (up and "
        "down) and of the shopper score (sideways); the hover shows each n."
    )
    st.caption(plain(f"{about} {hollow}"))
