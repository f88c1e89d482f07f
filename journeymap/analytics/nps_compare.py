"""Did NPS change, and is one touchpoint different from the rest of the journey?

Each comparison is the z test of two independent NPS (see
:func:`journeymap.analytics.nps.compare_nps`). Comparing every touchpoint at once
makes some look significant by chance, so p-values are adjusted for the family of
tests (Holm by default, Benjamini–Hochberg on request) and ``significant`` uses the
adjusted value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from journeymap.analytics.nps import (
    SMALL_SAMPLE,
    NpsDifference,
    NpsEstimate,
    benjamini_hochberg_adjust,
    compare_nps,
    holm_adjust,
    nps_from_counts,
)
from journeymap.analytics.nps_tables import nps_table
from journeymap.analytics.periods import Period

Adjustment = Literal["holm", "bh"]
ALPHA = 0.05


def estimate_from_row(row: pd.Series | Mapping[str, Any]) -> NpsEstimate:
    """An NpsEstimate back from a row of :func:`nps_table`."""
    return NpsEstimate(
        n=int(row["n"]),
        promoters=int(row["promoters"]),
        passives=int(row["passives"]),
        detractors=int(row["detractors"]),
        nps=float(row["nps"]),
        se=float(row["se"]),
        ci_low=float(row["ci_low"]),
        ci_high=float(row["ci_high"]),
        adjusted_wald=bool(row["adjusted_wald"]),
        small_sample=bool(row["small_sample"]),
    )


@dataclass(frozen=True)
class PeriodComparison:
    a: Period
    b: Period
    nps_a: NpsEstimate | None
    nps_b: NpsEstimate | None
    difference: NpsDifference | None  # B − A; None when either period has no responses
    survey_kind: str


def compare_overall(
    responses: pd.DataFrame, a: Period, b: Period, *, survey_kind: str = "transactional"
) -> PeriodComparison:
    """The journey's NPS in two periods and the test of their difference."""
    moments = pd.to_datetime(responses["responded_at"], utc=True)
    return compare_overall_tables(
        nps_table(responses[a.contains(moments)], survey_kind=survey_kind),
        nps_table(responses[b.contains(moments)], survey_kind=survey_kind),
        a,
        b,
        survey_kind=survey_kind,
    )


def compare_overall_tables(
    table_a: pd.DataFrame,
    table_b: pd.DataFrame,
    a: Period,
    b: Period,
    *,
    survey_kind: str = "transactional",
) -> PeriodComparison:
    """:func:`compare_overall` from the ungrouped :func:`nps_table` of each period."""
    est_a = estimate_from_row(table_a.iloc[0]) if len(table_a) else None
    est_b = estimate_from_row(table_b.iloc[0]) if len(table_b) else None
    diff = compare_nps(est_a, est_b) if est_a and est_b else None
    return PeriodComparison(a, b, est_a, est_b, diff, survey_kind)


def adjust(p_values: pd.Series, method: Adjustment = "holm") -> pd.Series:
    """Adjusted p-values over the finite ones; NaN stays NaN."""
    finite = p_values.dropna()
    adjuster = holm_adjust if method == "holm" else benjamini_hochberg_adjust
    adjusted = pd.Series(np.nan, index=p_values.index, dtype=float)
    adjusted.loc[finite.index] = np.asarray(adjuster([float(p) for p in finite]), dtype=float)
    return adjusted


def _tests(paired: pd.DataFrame, method: Adjustment, alpha: float) -> pd.DataFrame:
    """Adds difference (B − A), se, z, p, p_adjusted and significant to paired rows."""
    results = []
    for _, row in paired.iterrows():
        if row["n_a"] > 0 and row["n_b"] > 0:
            a = estimate_from_row({k: row[f"{k}_a"] for k in NpsEstimate.__dataclass_fields__})
            b = estimate_from_row({k: row[f"{k}_b"] for k in NpsEstimate.__dataclass_fields__})
            d = compare_nps(a, b)
            results.append((d.difference, d.se, d.z, d.p))
        else:
            results.append((np.nan, np.nan, np.nan, np.nan))
    columns = ["difference", "se", "z", "p"]
    # columns= also for no rows: two empty periods are a table with no rows, not an error.
    paired[columns] = pd.DataFrame(results, index=paired.index, columns=columns, dtype=float)
    paired["p_adjusted"] = adjust(paired["p"], method)
    paired["significant"] = (paired["p_adjusted"] < alpha).fillna(False).astype(bool)
    return paired


def _pair(table_a: pd.DataFrame, table_b: pd.DataFrame, key: str) -> pd.DataFrame:
    fields = list(NpsEstimate.__dataclass_fields__)
    paired = pd.merge(
        table_a[[key, *fields]],
        table_b[[key, *fields]],
        on=key,
        how="outer",
        suffixes=("_a", "_b"),
    )
    paired[["n_a", "n_b"]] = paired[["n_a", "n_b"]].astype(float).fillna(0).astype(int)
    return paired.sort_values(key, na_position="last", key=lambda s: s.astype(str))


def compare_periods(
    responses: pd.DataFrame,
    a: Period,
    b: Period,
    by: str = "touchpoint",
    *,
    survey_kind: str = "transactional",
    method: Adjustment = "holm",
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """Per group: NPS, SE and n in A and in B, the difference B − A, z, p, adjusted p."""
    moments = pd.to_datetime(responses["responded_at"], utc=True)
    table_a = nps_table(responses[a.contains(moments)], [by], survey_kind=survey_kind)
    table_b = nps_table(responses[b.contains(moments)], [by], survey_kind=survey_kind)
    return compare_period_tables(
        table_a, table_b, by, survey_kind=survey_kind, method=method, alpha=alpha
    )


def thin_in_either(paired: pd.DataFrame) -> pd.Series:
    """Rows with fewer than 30 answers in period A or B (``n_a``, ``n_b``)."""
    return (paired["n_a"] < SMALL_SAMPLE) | (paired["n_b"] < SMALL_SAMPLE)


def compare_period_tables(
    table_a: pd.DataFrame,
    table_b: pd.DataFrame,
    by: str = "touchpoint",
    *,
    survey_kind: str = "transactional",
    method: Adjustment = "holm",
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """:func:`compare_periods` from each period's :func:`nps_table` grouped by ``by``.

    ``small_sample`` is true when either period has fewer than 30 answers (none counts
    as fewer): a change is only as solid as its thinner side.
    """
    paired = _tests(_pair(table_a, table_b, by).reset_index(drop=True), method, alpha)
    paired["small_sample"] = thin_in_either(paired)
    paired.attrs["survey_kind"] = survey_kind
    return paired


def touchpoint_vs_rest(
    responses: pd.DataFrame,
    *,
    survey_kind: str = "transactional",
    method: Adjustment = "holm",
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """Each touchpoint (A = the rest of the journey, B = the touchpoint): is it different?

    The two groups are disjoint, so the independent-samples test applies; a positive
    difference means the touchpoint scores above the rest.
    """
    own = nps_table(responses, ["touchpoint"], survey_kind=survey_kind)
    return touchpoint_vs_rest_table(own, survey_kind=survey_kind, method=method, alpha=alpha)


def touchpoint_vs_rest_table(
    own: pd.DataFrame,
    *,
    survey_kind: str = "transactional",
    method: Adjustment = "holm",
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """:func:`touchpoint_vs_rest` from the :func:`nps_table` by touchpoint of all the
    answers (the rest of the journey is the total minus the touchpoint's own)."""
    fields = list(NpsEstimate.__dataclass_fields__)
    groups = ("promoters", "passives", "detractors")
    total = {k: int(own[k].sum()) for k in groups}
    rows = []
    for _, row in own.iterrows():
        rest = {k: total[k] - int(row[k]) for k in groups}
        estimate = nps_from_counts(rest["promoters"], rest["passives"], rest["detractors"])
        record = {"touchpoint": row["touchpoint"]}
        record |= {f"{k}_b": row[k] for k in fields}
        if estimate is None:
            record |= {f"{k}_a": np.nan for k in fields} | {"n_a": 0}
        else:
            record |= {f"{k}_a": getattr(estimate, k) for k in fields}
        rows.append(record)
    paired = pd.DataFrame(rows, columns=["touchpoint", *[f"{k}_{s}" for s in "ab" for k in fields]])
    paired = _tests(paired, method, alpha)
    suffixes = {"_a": "_rest", "_b": "_touchpoint"}
    paired = paired.rename(columns=lambda c: c[:-2] + suffixes.get(c[-2:], c[-2:]))
    paired.attrs["survey_kind"] = survey_kind
    return paired
