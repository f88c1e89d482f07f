"""The tables of the NPS dashboard: per touchpoint, over time, between periods.

Each builder returns plain rows a page can show as they are. Small samples keep their
flag and are put after the solid rows, so a thin touchpoint never heads a list as if
its figure were settled; transactional and relationship answers are never pooled (the
survey kind is one argument, as in :func:`journeymap.analytics.nps_tables.nps_table`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from journeymap.analytics.local_time import DEFAULT_ZONE
from journeymap.analytics.nps import Z_95
from journeymap.analytics.nps_compare import thin_in_either, touchpoint_vs_rest_table
from journeymap.analytics.nps_tables import nps_table
from journeymap.analytics.periods import make_period
from journeymap.analytics.shift_share import ShiftShare
from journeymap.i18n import _

TREND_GRAINS = ("month", "quarter", "year")
TOUCHPOINT_COLUMNS = [
    "touchpoint",
    "name",
    "n",
    "nps",
    "ci_low",
    "ci_high",
    "detractors",
    "detractor_share",
    "small_sample",
    "adjusted_wald",
    "vs_rest",
    "vs_rest_low",
    "vs_rest_high",
    "p_adjusted",
    "significant",
]
TREND_COLUMNS = [
    "period",
    "start",
    "n",
    "nps",
    "ci_low",
    "ci_high",
    "small_sample",
    "adjusted_wald",
]


def _name(names: Mapping[str, str], touchpoint: object) -> str:
    if touchpoint is None or (isinstance(touchpoint, float) and pd.isna(touchpoint)):
        return _("(no touchpoint)")
    if str(touchpoint) in names:
        return names[str(touchpoint)]
    return _("{touchpoint} (not in the journey)").format(touchpoint=touchpoint)


def _journey_order(touchpoints: pd.Series, names: Mapping[str, str]) -> pd.Series:
    order = {tp: i for i, tp in enumerate(names)}
    return touchpoints.map(lambda tp: order.get(tp, len(order)))


def touchpoint_table(
    responses: pd.DataFrame, names: Mapping[str, str], *, survey_kind: str = "transactional"
) -> pd.DataFrame:
    """Per touchpoint: n, NPS, interval, detractor share, and the test against the rest.

    ``vs_rest`` is the touchpoint's NPS minus the rest of the journey's; ``p_adjusted``
    is Holm-adjusted over all touchpoints. Solid rows come first in journey order, then
    the small samples.
    """
    own = nps_table(responses, ["touchpoint"], survey_kind=survey_kind)
    return touchpoint_table_from(own, names, survey_kind=survey_kind)


def touchpoint_table_from(
    own: pd.DataFrame, names: Mapping[str, str], *, survey_kind: str = "transactional"
) -> pd.DataFrame:
    """:func:`touchpoint_table` from the period's :func:`nps_table` by touchpoint."""
    if own.empty:
        return pd.DataFrame(columns=TOUCHPOINT_COLUMNS)
    tests = touchpoint_vs_rest_table(own, survey_kind=survey_kind, method="holm")
    tests = with_change_interval(tests)[
        ["touchpoint", "difference", "change_low", "change_high", "p_adjusted", "significant"]
    ].rename(
        columns={
            "difference": "vs_rest",
            "change_low": "vs_rest_low",
            "change_high": "vs_rest_high",
        }
    )
    table = own.merge(tests, on="touchpoint", how="left")
    table["name"] = [_name(names, tp) for tp in table["touchpoint"]]
    table["detractor_share"] = table["detractors"] / table["n"]
    table["significant"] = table["significant"].fillna(False).astype(bool)
    table["_order"] = _journey_order(table["touchpoint"], names)
    table = table.sort_values(["small_sample", "_order"], kind="stable")
    return table[TOUCHPOINT_COLUMNS].reset_index(drop=True)


def _period_start(label: str, grain: str) -> date:
    year, _, part = label.partition("-")
    if grain == "year":
        return make_period("year", int(year)).start
    if grain == "quarter":
        return make_period("quarter", int(year), int(part.removeprefix("Q"))).start
    return make_period("month", int(year), int(part)).start


def trend_table(
    responses: pd.DataFrame,
    grain: str = "month",
    *,
    survey_kind: str = "transactional",
    zone: str = DEFAULT_ZONE,
) -> pd.DataFrame:
    """NPS per month, quarter or year of ``zone`` with its interval, oldest first;
    ``start`` is a date."""
    check_grain(grain)
    return trend_from(nps_table(responses, [grain], survey_kind=survey_kind, zone=zone), grain)


def check_grain(grain: str) -> None:
    if grain not in TREND_GRAINS:
        raise ValueError(f"a trend is by {', '.join(TREND_GRAINS)}, not by '{grain}'")


def trend_from(table: pd.DataFrame, grain: str) -> pd.DataFrame:
    """:func:`trend_table` from the :func:`nps_table` grouped by ``grain``."""
    check_grain(grain)
    if table.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    table = table.rename(columns={grain: "period"})
    table["period"] = table["period"].astype(str)
    table["start"] = [_period_start(label, grain) for label in table["period"]]
    return table[TREND_COLUMNS].sort_values("start").reset_index(drop=True)


def with_change_interval(tests: pd.DataFrame) -> pd.DataFrame:
    """The 95 % interval of each difference, B − A ± 1.96 SE: what the z test reads."""
    half = Z_95 * tests["se"]
    return tests.assign(
        change_low=tests["difference"] - half, change_high=tests["difference"] + half
    )


def comparison_table(compared: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """Rows of :func:`compare_periods` by touchpoint, named, each NPS and the change with
    its 95 % interval, with a small-sample flag.

    A touchpoint is thin when either period has fewer than 30 answers; thin rows follow
    the solid ones.
    """
    columns = [
        "touchpoint",
        "name",
        "n_a",
        "nps_a",
        "ci_low_a",
        "ci_high_a",
        "n_b",
        "nps_b",
        "ci_low_b",
        "ci_high_b",
        "difference",
        "change_low",
        "change_high",
        "z",
        "p",
        "p_adjusted",
        "significant",
        "small_sample",
    ]
    if compared.empty:
        return pd.DataFrame(columns=columns)
    table = with_change_interval(compared)
    table["name"] = [_name(names, tp) for tp in table["touchpoint"]]
    table["small_sample"] = thin_in_either(table)
    table["_order"] = _journey_order(table["touchpoint"], names)
    table = table.sort_values(["small_sample", "_order"], kind="stable")
    return table[columns].reset_index(drop=True)


def top_movers(
    shift: ShiftShare, names: Mapping[str, str], count: int = 5, by: str = "touchpoint"
) -> pd.DataFrame:
    """The touchpoints that moved overall NPS most (mix + rate), biggest |total| first.

    Touchpoints with fewer than 30 answers in either period follow the solid ones: their
    effect may be noise, so they are listed, flagged, never placed above solid ones.
    """
    parts = shift.contributions.copy()
    parts["name"] = [_name(names, tp) for tp in parts[by]]
    parts["small_sample"] = thin_in_either(parts)
    parts["_size"] = parts["total"].abs()
    parts = parts.sort_values(["small_sample", "_size"], ascending=[True, False], kind="stable")
    keep = [by, "name", "n_a", "n_b", "nps_a", "nps_b", "mix", "rate", "total", "small_sample"]
    return parts[keep].head(count).reset_index(drop=True)


def kinds_present(responses: pd.DataFrame) -> Sequence[str]:
    """The survey kinds with answers, transactional first."""
    present = set(responses["survey_kind"].unique()) if not responses.empty else set()
    return [k for k in ("transactional", "relationship") if k in present]
